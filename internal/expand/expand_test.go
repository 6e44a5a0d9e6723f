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
		{"lines of a paragraph join without spaces, Latin words with one",
			"第一行\n第二行 with\nLatin\n",
			"P:第一行第二行 with Latin"},
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
