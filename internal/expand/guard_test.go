package expand

import (
	"strings"
	"testing"

	"gongwen/internal/doc"
)

// Whatever a template prints goes through the figure check: figures print,
// Go values never do, wherever the action stands.
func TestTemplatesPrintFiguresOnly(t *testing.T) {
	tb, err := doc.ParseTable("a.toml", "rows = [[\"甲\", 4]]\n[[columns]]\nkey = \"unit\"\n[[columns]]\nkey = \"n\"\nfigures = true\n")
	if err != nil {
		t.Fatal(err)
	}
	funds, _ := doc.ParseFigure("12.50")
	d := &doc.Document{
		Date:        doc.Date{Year: 2024, Month: 12, Day: 26},
		Attachments: []doc.Attachment{{Title: "情况", Table: tb}},
		Figures:     map[string]any{"n": int64(21), "funds": funds, "text": "17.2%", "bad": "甲\n\n# 乙", "list": []any{1}},
		Title:       []string{"关于", "通报"},
	}
	for _, tc := range []struct{ src, want, err string }{
		{`{{.Figures.n}}个{{.Figures.funds}}万元{{.Figures.text}}{{.Date}}`, "21个12.50万元17.2%2024年12月26日", ""},
		{`{{printf "%s个" .Figures.n}}{{print .Figures.funds}}`, "21个12.50", ""},
		{`{{(.Annex 1).Total "n"}}`, "4", ""},
		{`{{.}}`, "", "t.txt:1:3: {{.}} prints the whole document, not a figure"},
		{`{{if true}}{{.Annex 1}}{{end}}`, "", "t.txt:1:14: {{.Annex 1}} prints a whole annex table"},
		{`{{range $i, $x := .Title}}{{$x}}{{end}}{{with .Figures}}{{.}}{{end}}`, "", "{{.}} prints a whole table of values"},
		{`{{.Title}}`, "", "{{.Title}} prints a list"},
		{`{{.Figures.bad}}`, "", "{{.Figures.bad}} prints text holding a line break"},
		{`{{.Figures.nope}}`, "", `.Figures.nope: the data has no figure "nope"`},
		{`{{index .Figures "nope"}}`, "", `{{index .Figures "nope"}} prints nothing`},
		{`{{printf "%v" .}}`, "", "printf: argument 1 prints the whole document"},
		{`{{printf "%d" .Figures.n}}`, "", `printf: the format "%d" does not fit`},
		{`{{html .Figures.n}}`, "", "html is not available"},
		{`{{.figures.n}}`, "", `the document has no "figures"; did you mean .Figures?`},
		{`{{(.Annex 1).total "n"}}`, "", `an annex table has no "total"; did you mean .Total?`},
		{`{{.Annex}}`, "", "Annex takes 1 argument(s), not 0"},
	} {
		got, err := Execute("t.txt", tc.src, d)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) || strings.Contains(err.Error(), "gongwen_figure") || strings.Contains(err.Error(), "*doc.") {
				t.Errorf("%s: error %v, want one with %q in our words", tc.src, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s = %q, %v; want %q", tc.src, got, err, tc.want)
		}
	}
}

func TestTemplateSourceRefusesControlCharactersAndFullWidthBraces(t *testing.T) {
	err := checkSource("t.txt", "甲\x01乙\r\n\t丙\x7f\r丁\u0085\n对象为｛｛.Figures.n｝｝个")
	want := []string{
		"t.txt:1:2: control character U+0001 (SOH) in the template: delete it",
		"t.txt:2:3: control character U+007F (DEL) in the template: delete it",
		"t.txt:2:4: control character U+000D (CR) in the template: delete it",
		"t.txt:2:6: control character U+0085 in the template: delete it",
		"t.txt:3:4: full-width ｛｛ (typed with a Chinese input method): write {{ and }} in half-width characters",
	}
	if err == nil || err.Error() != strings.Join(want, "\n") {
		t.Errorf("got\n%v\nwant\n%s", err, strings.Join(want, "\n"))
	}
	if err := checkSource("t.txt", "甲\r\n\t乙 {{.X}}\n"); err != nil {
		t.Errorf("CRLF and a tab: %v", err)
	}
}

func TestInputMethodHeadingMarkupSaysWhatWasMeant(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"#总体情况", `"#总体情况" is a paragraph starting with #: a heading needs a space after its #, write "# 总体情况"`},
		{"##工作成效。正文", `write "## 工作成效。正文"`},
		{"＃ 标题", `full-width ＃ (typed with a Chinese input method): write "# 标题" with the half-width #`},
		{"＃＃标题", `write "## 标题"`},
		{"# 一、总体情况", `the typed 一、 would make two numbers: write "# 总体情况"`},
		{"## (一)内容", `the typed (一) would make two numbers: write "## 内容"`},
		{"### 2．细目", `the typed 2． would make two numbers: write "### 细目"`},
		{"#### （3）小项", `the typed （3） would make two numbers: write "#### 小项"`},
	} {
		_, err := Parse("t.txt", "开头。\n\n"+tc.in, nil)
		if err == nil || !strings.HasPrefix(err.Error(), "t.txt:3:1: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want at 3:1 %q", tc.in, err, tc.want)
		}
	}
	for _, ok := range []string{"#话题#是正文", "# 一流营商环境", "### 1.5亿元投入", "#　全角空格后的标题", "# 十大工程"} {
		if _, err := Parse("t.txt", ok, nil); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}

// TestPrintfPaddingIsBounded runs the padding bombs of issue #25: a
// width of a million repeated in one format, and a million-byte padding
// kept in a variable a million times (never printed, so the limit on the
// output alone never sees it). Each stops with a message before the text
// is made; padding a figure to a column still works.
func TestPrintfPaddingIsBounded(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"a huge width", `{{printf "%999999[1]s" "x"}}`, `t.txt:1:3: printf: the format "%999999[1]s": a width or precision of 999999; at most 200`},
		{"a huge precision", `{{printf "%.5000s" "x"}}`, "a width or precision of 5000; at most 200"},
		{"padding kept in a variable", `{{range 999000}}{{$x := printf "%200s" "x"}}{{end}}`, "printf: the template's print, printf and println make more than 8388608 bytes of text in all"},
		{"padding repeated in one format", `{{printf "` + strings.Repeat("%200[1]s", 50000) + `" "x"}}`, "make more than 8388608 bytes"},
		{"print doubling a variable", `{{$x := printf "%200s" "x"}}` + strings.Repeat(`{{$x = print $x $x}}`, 30), "print: the template's print, printf and println make more than"},
		{"a padded figure", `{{printf "%5s|%-3s|%[1]s" "12" "a"}}`, "   12|a  |12"},
		{"an index is no width", `{{printf "%[2]s%[1]s" "甲" "乙"}}`, "乙甲"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Execute("t.txt", c.src, nil)
			if err != nil {
				got = err.Error()
			}
			if !strings.Contains(got, c.want) {
				t.Errorf("got %.300q, want %q", got, c.want)
			}
		})
	}
}
