package expand

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/doc"
)

func TestNumberDerivesTheMarksOfEachLevel(t *testing.T) {
	cases := []struct {
		level, n int
		want     string
	}{
		{1, 1, "一、"}, {1, 4, "四、"}, {1, 10, "十、"}, {1, 11, "十一、"}, {1, 20, "二十、"}, {1, 21, "二十一、"},
		{1, 100, "一百、"}, {1, 105, "一百零五、"}, {1, 110, "一百一十、"},
		{2, 1, "（一）"}, {2, 12, "（十二）"},
		{3, 1, "1."}, {3, 12, "12."},
		{4, 3, "（3）"},
	}
	for _, c := range cases {
		if got := Number(c.level, c.n); got != c.want {
			t.Errorf("Number(%d, %d) = %q, want %q", c.level, c.n, got, c.want)
		}
	}
}

func heads(bs []doc.Block) string {
	var s []string
	for _, b := range bs {
		switch {
		case b.Kind == doc.Paragraph:
			s = append(s, "P:"+b.Text)
		case b.RunIn:
			s = append(s, b.Number+b.Head+"|"+b.Text)
		default:
			s = append(s, b.Number+b.Head)
		}
	}
	return strings.Join(s, "\n")
}

func TestParseNumbersTheStructureAndRenumbersAfterAnInsert(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"sections and run-in items",
			"开头。\n\n# 总体情况\n\n正文。\n\n# 工作成效\n\n## 内容丰富。今年以来。\n\n## 能力提高。各地。",
			"P:开头。\n一、总体情况\nP:正文。\n二、工作成效\n（一）内容丰富。|今年以来。\n（二）能力提高。|各地。"},
		{"an inserted section renumbers the rest",
			"# 甲\n\n# 新\n\n# 乙\n\n## 子。文。",
			"一、甲\n二、新\n三、乙\n（一）子。|文。"},
		{"sub-levels restart under a new parent",
			"# 甲\n\n## 一。\n\n## 二。\n\n# 乙\n\n## 三。\n\n### 细目\n\n#### 小项",
			"一、甲\n（一）一。\n（二）二。\n二、乙\n（一）三。\n1.细目\n（1）小项"},
		{"each line is a paragraph, blank lines or none",
			"第一行。\n　　第二行 with\nLatin\n\n\n第四行",
			"P:第一行。\nP:第二行 with\nP:Latin\nP:第四行"},
		{"typed numbers are headings of their level, printed as typed",
			"通知如下：\n一、明确方向\n（一）突出重点。坚持……\n(二) 严格清单\n1.时间\n2．结果。于9月\n（1）甲\n(2)乙\n二、监管\n十一、后来",
			"P:通知如下：\n一、明确方向\n（一）突出重点。|坚持……\n(二)严格清单\n1.时间\n2．结果。|于9月\n（1）甲\n(2)乙\n二、监管\n十一、后来"},
		{"Windows line ends, and a no-break space as an indent",
			"第一行。\r\n\u00a0\u00a0一、甲\r\n（一）乙。丙。\r\n",
			"P:第一行。\n一、甲\n（一）乙。|丙。"},
		{"typed numbers and # marks count together",
			"# 甲\n二、乙\n## 子\n（二）丑\n# 丙",
			"一、甲\n二、乙\n（一）子\n（二）丑\n三、丙"},
		{"a number is a heading only followed by its mark and text",
			"1.5亿元已下达。\n1.\n一、\n2024年\n一是加强领导。\n（一）\n10．5%\n一.方向\n1、方向\n（01）项",
			"P:1.5亿元已下达。\nP:1.\nP:一、\nP:2024年\nP:一是加强领导。\nP:（一）\nP:10．5%\nP:一.方向\nP:1、方向\nP:（01）项"},
		{"a level-2 heading alone stands as its own paragraph",
			"## 标题\n\n正文。",
			"（一）标题\nP:正文。"},
		{"a topic #话题# is text",
			"#话题#的内容",
			"P:#话题#的内容"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bs, err := Parse("t.txt", c.in, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := heads(bs); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

func TestParseReportsStructureErrorsWithTheirLine(t *testing.T) {
	cases := []struct {
		in, want string
	}{
		{"正文\n\n##### 太深", "t.txt:3:1: heading level 5: at most 4 levels"},
		{"正文\n\n\n#  ", "t.txt:4:1: heading without text"},
	}
	for _, c := range cases {
		_, err := Parse("t.txt", c.in, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.in, err, c.want)
		}
	}
}

func TestExecuteNamesTheMissingFigureInsteadOfPrintingNoValue(t *testing.T) {
	d := &doc.Document{Figures: map[string]any{"cities": int64(21)}}
	cases := []struct {
		src, want string
	}{
		{"对象为{{.Figures.cities}}个", ""},
		{"第一行\n对象为{{.Figures.citys}}个", "t.txt:2:"},
		{"{{.Nothing}}", "t.txt:1:"},
		{"{{if}}", "t.txt:1:"},
	}
	for _, c := range cases {
		out, err := Execute("t.txt", c.src, d)
		if c.want == "" {
			if err != nil || out != "对象为21个" {
				t.Errorf("%q: %q, %v", c.src, out, err)
			}
			continue
		}
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to start with %q", c.src, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: message spans lines: %q", c.src, err)
		}
	}
}

func TestExpandPointsTemplateLinesAfterALeadingComment(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "body.txt")
	src := "{{/* 说明\n  第二行\n*/ -}}\n第一段。\n\n# 标题\n\n{{.Figures.x}}\n"
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	d := &doc.Document{Template: p, Figures: map[string]any{}}
	_, err := Expand(d)
	if err == nil || !strings.Contains(err.Error(), p+":8:") {
		t.Fatalf("error %v, want it at line 8", err)
	}
	d.Figures["x"] = "段落"
	if d, err = Expand(d); err != nil {
		t.Fatal(err)
	}
	if got := d.Body[1].Pos.Line; got != 6 {
		t.Errorf("heading at line %d, want 6", got)
	}
}

func TestTypedNumbersOutOfPlaceAndBrokenLinesAreWarnedOf(t *testing.T) {
	cases := []struct {
		name, in string
		want     []string // warnings, in order
	}{
		{"in order: nothing", "一、甲\n（一）子。\n（二）丑。\n1.细\n（1）项\n（2）项\n2.细\n二、乙\n（一）寅。", nil},
		{"a skipped number", "一、甲\n（一）子。\n\n（三）丑。",
			[]string{"t.txt:4:1: （三） follows （一） (line 2): the next is （二）"}},
		{"a repeated number, then counting on from it", "一、甲\n二、乙\n二、丙\n三、丁",
			[]string{"t.txt:3:1: 二、 follows 二、 (line 2): the next is 三、"}},
		{"a sub-level's first number", "一、甲\n（二）子。",
			[]string{"t.txt:2:1: （二） is the first under 一、 (line 1): it is （一）"}},
		{"the first heading", "正文。\n二、甲",
			[]string{"t.txt:2:1: 二、 is the first heading of its level: it is 一、"}},
		{"a level skipped", "一、甲\n1.细目\n# 乙\n（1）项",
			[]string{"t.txt:2:1: 1. follows 一、 (line 1): the level between them (（一）) is skipped",
				"t.txt:4:1: （1） follows 二、 (line 3): the levels between them (（一） 1.) are skipped"}},
		{"sub-levels restart under a new parent", "一、甲\n（一）子。\n（二）丑。\n二、乙\n（一）寅。", nil},
		{"a paragraph broken over lines, as the old rule read it",
			"各单位要高度重视，\n确保资金安全、\n规范使用。\n\n完整的一段\n\n（一）子。接着写，\n下一行。",
			[]string{"t.txt:1:1: this line does not end in 。！？：； or a closing mark, yet line 2 starts a new paragraph (each line is a paragraph): if the two are one paragraph, join them into one line",
				"t.txt:2:1: this line does not end in 。！？：； or a closing mark, yet line 3 starts a new paragraph (each line is a paragraph): if the two are one paragraph, join them into one line",
				"t.txt:7:1: this line does not end in 。！？：； or a closing mark, yet line 8 starts a new paragraph (each line is a paragraph): if the two are one paragraph, join them into one line"}},
		{"a heading that goes on after ， or 、",
			"1.检查时间为6月至8月，\n各乡镇要提前准备。\n# 甲、\n乙。",
			[]string{"t.txt:1:1: this line does not end in 。！？：； or a closing mark, yet line 2 starts a new paragraph (each line is a paragraph): if the two are one paragraph, join them into one line",
				"t.txt:3:1: this line does not end in 。！？：； or a closing mark, yet line 4 starts a new paragraph (each line is a paragraph): if the two are one paragraph, join them into one line"}},
		{"lines that end a paragraph, and headings, are not",
			"通知如下：\n一、方向\n（一）重点\n他说“好”\n见《办法》\n（见附件）\n等等……\nOK.\n最后", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := parseBody("t.txt", c.in, nil, nil)
			if err := b.errs.Err(); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range b.warnings {
				got = append(got, w.Error())
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("warnings\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(c.want, "\n  "))
			}
		})
	}
}

func TestTypedHeadingReadsEachLevelsForm(t *testing.T) {
	cases := []struct {
		in           string
		level, n     int
		number, rest string
	}{
		{"一、总体", 1, 1, "一、", "总体"},
		{"十一、后来", 1, 11, "十一、", "后来"},
		{"二十、再后", 1, 20, "二十、", "再后"},
		{"一百零五、远", 1, 105, "一百零五、", "远"},
		{"（十二）项", 2, 12, "（十二）", "项"},
		{"(三)项", 2, 3, "(三)", "项"},
		{"12.细目", 3, 12, "12.", "细目"},
		{"１．全角", 3, 1, "１．", "全角"},
		{"3. 有空格", 3, 3, "3.", "有空格"},
		{"（10）小项", 4, 10, "（10）", "小项"},
		{"一十、非常写法", 0, 0, "", ""},
		{"二二、不是数", 0, 0, "", ""},
		{"1.5亿元", 0, 0, "", ""},
		{"1．５亿元", 0, 0, "", ""},
		{"0.开头", 0, 0, "", ""},
		{"1000.太大", 0, 0, "", ""},
		{"（一）", 0, 0, "", ""},
		{"一、　", 0, 0, "", ""},
	}
	for _, c := range cases {
		level, n, number, rest, ok := typedHeading(c.in)
		if ok != (c.level > 0) || level != c.level || n != c.n || number != c.number || rest != c.rest {
			t.Errorf("typedHeading(%q) = %d, %d, %q, %q, %v; want %d, %d, %q, %q", c.in, level, n, number, rest, ok, c.level, c.n, c.number, c.rest)
		}
	}
}

// expandSource expands src as a document's body template with figures.
func expandSource(t *testing.T, src string, figures map[string]any) (*doc.Document, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "body.txt")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return Expand(&doc.Document{Template: p, Figures: figures})
}

// TestAFiguresValueIsNeverMarkup: a value printed at the start of a line
// is text, whatever it holds; the template's own markup around a value
// still is markup.
func TestAFiguresValueIsNeverMarkup(t *testing.T) {
	cases := []struct {
		name, src, value, want string
	}{
		{"# in a value", "{{.Figures.x}}", "# 注入标题", "P:# 注入标题"},
		{"## in a value", "  {{.Figures.x}}。", "## 注入", "P:## 注入。"},
		{"# without its space", "{{.Figures.x}}", "#注入", "P:#注入"},
		{"full-width ＃", "{{.Figures.x}}", "＃ 注入", "P:＃ 注入"},
		{"a typed 一、", "{{.Figures.x}}", "一、注入标题", "P:一、注入标题"},
		{"a typed （一）", "{{.Figures.x}}文字。", "（一）注入", "P:（一）注入文字。"},
		{"a typed number's mark from the template", "{{.Figures.x}}、标题", "一", "P:一、标题"},
		{"a typed number's text from a value", "{{.Figures.x}}标题", "1.", "P:1.标题"},
		{"the template's # before a value", "# {{.Figures.x}}", "总体情况", "一、总体情况"},
		{"the template's number before a value", "（一）{{.Figures.x}}", "重点。坚持", "（一）重点。|坚持"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := expandSource(t, c.src, map[string]any{"x": c.value})
			if err != nil {
				t.Fatal(err)
			}
			if got := heads(d.Body); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestAnEmptyFigureIsAnErrorAtItsAction(t *testing.T) {
	cases := []struct {
		name, src string
		value     any
		want      string
	}{
		{"empty", "要在{{.Figures.x}}至5月31日", "", "body.txt:1:5: {{.Figures.x}} prints empty text: the figure has no value"},
		{"spaces", "第一行。\n要在{{.Figures.x}}前", "　 ", "body.txt:2:5: {{.Figures.x}} prints empty text"},
		{"printf", "要在{{printf \"%s\" .Figures.x}}前", "", "body.txt:1:5: printf: argument 1 prints empty text"},
		{"a noncharacter", "要在{{.Figures.x}}前", "5\uFDD0月", "body.txt:1:5: {{.Figures.x}} prints text holding the noncharacter U+FDD0, which is no text"},
		{"a noncharacter in the template", "要在\uFFFE前", "", "body.txt:1:3: noncharacter U+FFFE in the template, which is no text: delete it"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := expandSource(t, c.src, map[string]any{"x": c.value})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want %q", err, c.want)
			}
		})
	}
	if d, err := expandSource(t, "要在{{.Figures.x}}前", map[string]any{"x": "4月30日"}); err != nil || heads(d.Body) != "P:要在4月30日前" {
		t.Errorf("a figure with a value: %v", err)
	}
}

// TestWarningsReachTheDocument: Expand adds the structure's warnings to
// the copy it returns, the annexes' too, and leaves its input as it was.
func TestWarningsReachTheDocument(t *testing.T) {
	dir := t.TempDir()
	body, annex := filepath.Join(dir, "body.txt"), filepath.Join(dir, "annex.txt")
	os.WriteFile(body, []byte("一、甲\n三、乙\n"), 0o644)
	os.WriteFile(annex, []byte("（一）子。\n（一）丑。\n"), 0o644)
	in := &doc.Document{Template: body, Attachments: []doc.Attachment{{Title: "方案", Template: annex}}}
	d, err := Expand(in)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range d.Warnings {
		got = append(got, w.Error())
	}
	want := []string{body + ":2:1: 三、 follows 一、 (line 1): the next is 二、", annex + ":2:1: （一） follows （一） (line 1): the next is （二）"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings %q, want %q", got, want)
	}
	if len(in.Warnings) != 0 {
		t.Errorf("Expand changed its input's warnings: %q", in.Warnings)
	}
}

// TestWarningsNameTheTemplatesLines: a line of the output is named by the
// template's line it comes from, after a comment that swallows lines in
// the middle and a {{range}} that repeats one.
func TestWarningsNameTheTemplatesLines(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"a comment in the middle", "一、甲\n三、乙\n{{/* 注\n释 */}}\n尾。\n", ":2:1: 三、 follows 一、 (line 1): the next is 二、"},
		{"a range", "一、甲\n三、乙\n{{range 3}}项。\n{{end}}", ":2:1: 三、 follows 一、 (line 1): the next is 二、"},
		{"a line that is a value alone", "一、甲\n{{.Figures.x}}\n三、乙\n", ":3:1: 三、 follows 一、 (line 1): the next is 二、"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := expandSource(t, c.src, map[string]any{"x": "值。"})
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Warnings) != 1 || !strings.HasSuffix(d.Warnings[0].Error(), c.want) {
				t.Errorf("warnings %v, want one ending %q", d.Warnings, c.want)
			}
		})
	}
}

// TestWarningsAreBounded: a body of 10,000 lines each broken for the old
// rule gives MaxWarnings warnings and one that counts the rest.
func TestWarningsAreBounded(t *testing.T) {
	b := parseBody("t.txt", strings.Repeat("断开的一行，\n", 10000), nil, nil)
	if len(b.warnings) != MaxWarnings+1 {
		t.Fatalf("%d warnings, want %d", len(b.warnings), MaxWarnings+1)
	}
	if got, want := b.warnings[MaxWarnings].Error(), "t.txt:101:1: 9899 more warnings about the lines and headings of this template, from this line on, are left out"; got != want {
		t.Errorf("the last warning is %q, want %q", got, want)
	}
}
