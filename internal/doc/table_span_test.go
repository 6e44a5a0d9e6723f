package doc

import (
	"strings"
	"testing"
)

const spanColumns = `[total]
label = "合计"
[[columns]]
key = "unit"
[[columns]]
key = "websites"
figures = true
equals = ["portals", "departments", "counties"]
[[columns]]
key = "portals"
figures = true
[[columns]]
key = "departments"
figures = true
[[columns]]
key = "counties"
figures = true
`

// Every figure has one row and one column: a cell spanning figures columns
// may only say they do not apply, and then says it for each of them, so
// that the equals check and the 合计 see every column of every row.
func TestSpansOverFiguresColumns(t *testing.T) {
	good := parse(t, "rows = [\n  [\"成都\", 65, 1, 43, 21],\n  [\"省直部门\", {text = \"—\", colspan = 4}],\n  [\"自贡\", 9, 1, 2, 6],\n]\n"+spanColumns)
	for _, k := range []string{"websites", "portals", "departments", "counties"} {
		if v := good.Rows[1].Values[k]; v.Text != NotApplicable || v.IsNum {
			t.Errorf("省直部门 %s = %+v, want %q", k, v, NotApplicable)
		}
	}
	total := good.Rows[len(good.Rows)-1]
	var got []string
	for _, c := range total.Cells {
		got = append(got, c.Text)
	}
	if want := "合计 74 2 45 27"; strings.Join(got, " ") != want {
		t.Errorf("合计 %q, want %q", strings.Join(got, " "), want)
	}
	for _, tc := range []struct{ rows, want string }{
		{`[["成都", {text = 65, colspan = 2}, 43, 999], ["自贡", 9, 1, 2, 6]]`,
			`t.toml:1:17: a cell spanning 2 columns covers the figures column "websites"`},
		{`[[{text = "成都", colspan = 2}, 1, 43, 21]]`,
			`t.toml:1:11: a cell spanning 2 columns covers the figures column "websites"`},
		{`[["甲", {text = 5, rowspan = 2}, 1, 2, 2], ["乙", 1, 2, 2]]`,
			`t.toml:1:16: a cell spanning 2 rows covers the figures column "websites"`},
	} {
		_, err := ParseTable("t.toml", "rows = "+tc.rows+"\n"+spanColumns)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error\n%v\nwant one line %q…", tc.rows, err, tc.want)
		}
	}
}

func TestFiguresBelowZeroOnlyWhereTheColumnSaysSo(t *testing.T) {
	src := "rows = [[\"甲\", -3, -2]]\n[[columns]]\nkey = \"unit\"\n[[columns]]\nkey = \"n\"\nfigures = true\n[[columns]]\nkey = \"d\"\nfigures = true\nnegative = true\n"
	_, err := ParseTable("t.toml", src)
	want := `t.toml:1:15: column "n" (n) counts things: -3 is below zero`
	if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
		t.Errorf("error %v, want one line %q…", err, want)
	}
	ok := parse(t, strings.Replace(src, "-3", "3", 1))
	if v := ok.Rows[0].Values["d"]; !v.IsNum || v.Text != "-2" {
		t.Errorf("d = %+v, want -2", v)
	}
	if _, err := ParseTable("t.toml", "rows = [[\"甲\"]]\n[[columns]]\nkey = \"unit\"\nnegative = true\n"); err == nil {
		t.Error("negative on a text column: no error")
	}
}

func TestControlCharactersInCellsListsAndGroupRows(t *testing.T) {
	for _, tc := range []struct{ rows, want string }{
		{`[["甲\u0007", ["a"]]]`, "t.toml:1:10: the text holds a control character U+0007 (BEL)"},
		{`[["甲", ["a", "b\u0001"]]]`, "t.toml:1:21: the text holds a control character U+0001 (SOH)"},
		{`["组\u0085", ["甲", ["a"]]]`, "t.toml:1:9: the group row holds a control character U+0085"},
	} {
		_, err := ParseTable("t.toml", "rows = "+tc.rows+"\n[[columns]]\nkey = \"unit\"\n[[columns]]\nkey = \"l\"\nlist = true\n")
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q…", tc.rows, err, tc.want)
		}
	}
	for _, tc := range []struct{ src, want string }{
		{"note = \"注\\u0007\"\nrows = [[\"甲\"]]\n[[columns]]\nkey = \"a\"\n", "t.toml:1:1: note holds a control character U+0007 (BEL)"},
		{"rows = [[\"甲\"]]\n[[columns]]\nkey = \"a\"\ngroup = [\"组\\u001b\"]\n", "t.toml:4:1: columns.0.group holds a control character U+001B (ESC)"},
	} {
		_, err := ParseTable("t.toml", tc.src)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q…", tc.src, err, tc.want)
		}
	}
}
