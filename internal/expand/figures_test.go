package expand

import (
	"strings"
	"testing"

	"gongwen/internal/doc"
)

func TestPercentPrintsAsTheNoticeDoes(t *testing.T) {
	for _, tc := range []struct {
		part, whole any
		want        string
	}{
		{4202, 4206, "99.9%"}, // 99.905: the notice's 合格率
		{759, 759, "100%"},    // all: no ".0"
		{172, 1000, "17.2%"},
		{1, 20, "5%"},
		{9999, 10000, "99.9%"}, // 99.99 would round to 100: never while something fell short
		{19999, 20000, "99.9%"},
		{1, 10000, "0.1%"}, // 0.01 would round to 0: never while something reached it
		{0, 5, "0%"},
		{1, 3, "33.3%"},
		{2, 3, "66.7%"}, // half up
		{1, 8, "12.5%"},
		{int64(4203), int64(4207), "99.9%"}, // TOML figures are int64
		// Exact arithmetic: no overflow at any size (was "-99.-9%").
		{4611686018427388, 4611686018427388, "100%"},
		{int64(9223372036854775806), int64(9223372036854775807), "99.9%"},
		{int64(1), int64(9223372036854775807), "0.1%"},
		{int64(4611686018427388), int64(9223372036854775807), "0.1%"},
		{int64(4611686018427387904), int64(9223372036854775807), "50%"},
		{fig("0.1"), fig("0.3"), "33.3%"},
		{fig("19.99"), fig("59.97"), "33.3%"},
		{fig("1.5"), 2, "75%"},
	} {
		got, err := Percent(tc.part, tc.whole)
		if err != nil || got != tc.want {
			t.Errorf("Percent(%v, %v) = %q, %v; want %q", tc.part, tc.whole, got, err, tc.want)
		}
	}
}

func fig(s string) doc.Figure {
	f, err := doc.ParseFigure(s)
	if err != nil {
		panic(err)
	}
	return f
}

func TestPassRate(t *testing.T) {
	for _, tc := range []struct {
		total, problems any
		want, err       string
	}{
		{4206, 4, "99.9%", ""},
		{759, 0, "100%", ""},
		{10000, 1, "99.9%", ""},
		{4, 4, "0%", ""},
		{int64(9223372036854775807), int64(1), "99.9%", ""},
		{int64(9223372036854775807), int64(0), "100%", ""},
		{0, 0, "", "passRate: 0 problems out of 0: percent: the whole is 0; a percentage needs a whole above 0"},
		{5, 6, "", "passRate: 6 problems out of 5"},
		{5, -1, "", "passRate: -1 problems out of 5"},
		{"5", 1, "", "passRate: the total is the text \"5\", not a number"},
		{5.0, 1, "", "passRate: the total is a binary floating-point number, not a number"},
	} {
		got, err := PassRate(tc.total, tc.problems)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("PassRate(%v, %v): error %v, want %q", tc.total, tc.problems, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("PassRate(%v, %v) = %q, %v; want %q", tc.total, tc.problems, got, err, tc.want)
		}
	}
}

// A template reaches the annexes' tables through .Annex and prints what
// they hold; a wrong column is an error at the template's line.
func TestTemplateQuotesAnnexFigures(t *testing.T) {
	tb, err := doc.ParseTable("a.toml", `rows = [["甲", 4000, 3, 1234.2, 0.5], ["乙", 206, 1, 0.3, -1.0]]
[[columns]]
key = "unit"
[[columns]]
key = "accounts"
figures = true
[[columns]]
key = "problems"
figures = true
[[columns]]
key = "funds"
figures = true
decimals = 2
[[columns]]
key = "change"
figures = true
decimals = 1
negative = true
[[columns]]
key = "rate"
compute = "problems / accounts * 100"
decimals = 1
`)
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Document{Attachments: []doc.Attachment{{Title: "情况", Table: tb}}}
	for _, tc := range []struct {
		src, want, err string
	}{
		{`{{$a := .Annex 1}}账号{{$a.Total "accounts"}}个，问题{{$a.Total "problems"}}个，合格率{{passRate ($a.Total "accounts") ($a.Total "problems")}}。`,
			"账号4206个，问题4个，合格率99.9%。", ""},
		{`{{(.Annex 1).Count "unit"}}个单位`, "2个单位", ""},
		{"第一行\n{{$a := .Annex 1}}{{$a.Total \"acounts\"}}", "", `t.txt:2:`},
		{`{{.Annex 2}}`, "", `附件2: the document has 1 attachments`},
		{`{{$a := .Annex 1}}{{$a.Total "funds"}}万元，增长{{$a.Total "change"}}，问题率{{$a.Total "rate"}}%，{{percent ($a.Total "funds") ($a.Total "funds")}}`,
			"1234.50万元，增长-0.5，问题率0.1%，100%", ""},
	} {
		got, err := Execute("t.txt", tc.src, d)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v, want one with %q", tc.src, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s = %q, %v; want %q", tc.src, got, err, tc.want)
		}
	}
}
