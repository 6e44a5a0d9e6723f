package doc

import (
	"strings"
	"testing"
)

func TestParseFigureKeepsTheWrittenPlaces(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"12.50", "12.50"}, {"12.5", "12.5"}, {"0.10", "0.10"}, {"-3.25", "-3.25"},
		{"1_000.5", "1000.5"}, {"1e3", "1000"}, {"1.5e-2", "0.015"}, {"+7.0", "7.0"},
	} {
		f, err := ParseFigure(tc.in)
		if err != nil || f.String() != tc.want {
			t.Errorf("ParseFigure(%q) = %q, %v; want %q", tc.in, f, err, tc.want)
		}
	}
	for _, bad := range []string{"", "inf", "nan", "0x1F", "1.2.3", "abc"} {
		if _, err := ParseFigure(bad); err == nil {
			t.Errorf("ParseFigure(%q): no error", bad)
		}
	}
}

// The document's [figures] come out as whole numbers, exact decimals as
// written, or one line of text; anything else is an error at its line.
func TestFiguresAreNumbersDecimalsOrOneLineOfText(t *testing.T) {
	src := "template = \"t.txt\"\nissuer = \"甲\"\ntitle = \"乙\"\nrecipients = \"丙\"\nsignature = \"甲\"\ndate = 2024-12-26\nnumber = \"川办函〔2024〕114号\"\nformat = \"letter\"\n" +
		"[figures]\ncount = 7600\nfunds = 12.50\nrate = \"17.2%\"\n"
	d, err := Parse("d.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := d.Figures["count"].(int64); !ok || v != 7600 {
		t.Errorf("count = %#v", d.Figures["count"])
	}
	if v, ok := d.Figures["funds"].(Figure); !ok || v.String() != "12.50" {
		t.Errorf("funds = %#v, want the Figure 12.50", d.Figures["funds"])
	}
	if d.Figures["rate"] != "17.2%" {
		t.Errorf("rate = %#v", d.Figures["rate"])
	}
	for _, tc := range []struct{ value, want string }{
		{`"21\n\n# 伪造标题"`, "d.toml:10:1: figures.x holds a line break"},
		{`"甲\u0001"`, "d.toml:10:1: figures.x holds a control character U+0001 (SOH)"},
		{"true", "d.toml:10:1: figures.x is true (true/false)"},
		{"[1, 2]", "d.toml:10:1: figures.x is an array"},
		{"2025-01-15", "d.toml:10:1: figures.x is a date or time"},
		{"inf", "d.toml:10:1: figures.x is +Inf, which is not a number a document can print"},
		// As written, not the float it decodes to (issue #25: "is 0").
		{"1e-999999999", "d.toml:10:1: figures.x is 1e-999999999, which is not a number a document can print"},
	} {
		_, err := Parse("d.toml", strings.SplitAfter(src, "[figures]\n")[0]+"x = "+tc.value+"\n")
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("x = %s: error %v, want %q…", tc.value, err, tc.want)
		}
	}
}

func TestDuplicateKeysNameTheirColumnAndTheFirstDefinition(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"title = \"a\"\nissuer = \"b\"\ntitle = \"c\"\n", `d.toml:3:1: key "title" is written twice (first at line 1): keep one`},
		{"[figures]\nx = 1\n  x = 2\n", `d.toml:3:3: key "figures.x" is written twice (first at line 2): keep one`},
		{"[figures]\nx = 1\n[figures]\n", `d.toml:3:1: table [figures] is written twice (first at line 1): put its keys under the first one`},
		{"[[b]]\nc = 1\n[[b]]\nc = 2\nc = 3\n", `d.toml:5:1: key "b.c" is written twice (first at line 4): keep one`},
	} {
		_, err := Parse("d.toml", tc.src)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q: error %v, want %q", tc.src, err, tc.want)
		}
	}
}

func TestSyntaxErrorsNeverPointPastTheEndOfTheLine(t *testing.T) {
	src := "title = \"a\"\nissuer = \"b\nx = 1\n"
	_, err := Parse("d.toml", src)
	var e *Error
	if err == nil || !asErr(err, &e) {
		t.Fatalf("error %v", err)
	}
	if line := strings.Split(src, "\n")[e.Pos.Line-1]; e.Pos.Col > len([]rune(line))+1 {
		t.Errorf("column %d past the end of line %q", e.Pos.Col, line)
	}
}

func asErr(err error, e **Error) bool {
	x, ok := err.(*Error)
	*e = x
	return ok
}
