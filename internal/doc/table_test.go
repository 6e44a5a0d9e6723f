package doc

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// figuresTable is a small 附件1: a 斜线表头, grouped headers, a figure that
// must equal the sum of three others, "—" where a figure does not apply,
// and a computed 合计.
const figuresTable = `rows = [
  ["成都", 65, 1, 43, 21, 915],
  ["自贡",  9, 1,  2,  6,  99],
  ["省直部门", 46, "—", "—", "—", 257],
]

[total]
label = "合计"

[[columns]]
key = "unit"
title = "市（州）"
corner = "单位"

[[columns]]
key = "websites"
group = "政府网站检查情况"
title = "网站总数"
figures = true
equals = ["city", "dept", "county"]

[[columns]]
key = "city"
group = "政府网站检查情况"
title = "市级门户"
figures = true

[[columns]]
key = "dept"
group = "政府网站检查情况"
title = "市级部门"
figures = true

[[columns]]
key = "county"
group = "政府网站检查情况"
title = "县级门户"
figures = true

[[columns]]
key = "accounts"
group = "政务新媒体检查情况"
title = "政务新媒体总数"
figures = true
`

// listTable is a small 附件2: a merged vertical column, a group heading two
// columns that have no titles of their own, list cells two a line.
const listTable = `[[columns]]
key = "tier"
title = "梯队"
vertical = true
merge = true

[[columns]]
key = "kind"
group = "网站名称"

[[columns]]
key = "sites"
group = "网站名称"
list = true
per_line = 2

[[rows]]
tier = "第一梯队"
kind = "门户"
sites = [
  "甲网", "乙网",
  "丙网",
]

[[rows]]
tier = "第一梯队"
kind = "部门"
sites = ["丁网"]

[[rows]]
tier = "第二梯队"
kind = "部门"
sites = ["戊网", "己网"]
`

func parse(t *testing.T, src string) *Table {
	t.Helper()
	tb, err := ParseTable("t.toml", src)
	if err != nil {
		t.Fatalf("ParseTable: %v", err)
	}
	return tb
}

// cellTexts lists a row's cells as "text@col+colspan×rowspan".
func cellTexts(r Row) []string {
	var out []string
	for _, c := range r.Cells {
		s := c.Text
		if c.Corner != "" {
			s = c.Corner + "\\" + s
		}
		if len(c.Items) > 0 && c.Join == "" {
			s = strings.Join(c.Items, "|")
		}
		out = append(out, s+"@"+itoa(c.Col)+"+"+itoa(c.ColSpan)+"x"+itoa(c.RowSpan))
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestTableHeaderFromGroupsAndTitles(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want [][]string
	}{
		{"groups over titles, a corner cell spanning both rows", figuresTable, [][]string{
			{`单位\市（州）@0+1x2`, "政府网站检查情况@1+4x1", "政务新媒体检查情况@5+1x1"},
			{"网站总数@1+1x1", "市级门户@2+1x1", "市级部门@3+1x1", "县级门户@4+1x1", "政务新媒体总数@5+1x1"},
		}},
		{"a group over columns without titles is one row", listTable, [][]string{
			{"梯队@0+1x1", "网站名称@1+2x1"},
		}},
		{"columns without groups: one row", "rows = [[\"a\", \"b\"]]\n[[columns]]\nkey = \"x\"\ntitle = \"甲\"\n[[columns]]\nkey = \"y\"\ntitle = \"甲\"\n", [][]string{
			{"甲@0+1x1", "甲@1+1x1"}, // equal titles never merge
		}},
		{"two levels of groups", "rows = [[1, 2, 3]]\n[[columns]]\nkey = \"a\"\ngroup = [\"总\", \"甲\"]\ntitle = \"一\"\n[[columns]]\nkey = \"b\"\ngroup = [\"总\", \"甲\"]\ntitle = \"二\"\n[[columns]]\nkey = \"c\"\ngroup = [\"总\"]\ntitle = \"三\"\n", [][]string{
			{"总@0+3x1"},
			{"甲@0+2x1", "三@2+1x2"},
			{"一@0+1x1", "二@1+1x1"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := parse(t, tc.src)
			var got [][]string
			for _, r := range tb.Head {
				if r.Kind != HeaderRow {
					t.Errorf("header row kind %v", r.Kind)
				}
				got = append(got, cellTexts(r))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("header\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestTableRowsSpansAndTotal(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want [][]string // the body rows' cells
	}{
		{"positional rows and the computed 合计", figuresTable, [][]string{
			{"成都@0+1x1", "65@1+1x1", "1@2+1x1", "43@3+1x1", "21@4+1x1", "915@5+1x1"},
			{"自贡@0+1x1", "9@1+1x1", "1@2+1x1", "2@3+1x1", "6@4+1x1", "99@5+1x1"},
			{"省直部门@0+1x1", "46@1+1x1", "—@2+1x1", "—@3+1x1", "—@4+1x1", "257@5+1x1"},
			{"合计@0+1x1", "120@1+1x1", "2@2+1x1", "45@3+1x1", "27@4+1x1", "1271@5+1x1"},
		}},
		{"merged equal neighbours, lists", listTable, [][]string{
			{"第一梯队@0+1x2", "门户@1+1x1", "甲网|乙网|丙网@2+1x1"},
			{"部门@1+1x1", "丁网@2+1x1"},
			{"第二梯队@0+1x1", "部门@1+1x1", "戊网|己网@2+1x1"},
		}},
		{"explicit spans leave covered slots out", `rows = [
  [{text = "甲", rowspan = 2}, "一", "二"],
  [{text = "三四", colspan = 2}],
  "分组",
  ["乙", {text = "五", colspan = 2}],
]
[[columns]]
key = "a"
[[columns]]
key = "b"
[[columns]]
key = "c"
`, [][]string{
			{"甲@0+1x2", "一@1+1x1", "二@2+1x1"},
			{"三四@1+2x1"},
			{"分组@0+3x1"},
			{"乙@0+1x1", "五@1+2x1"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := parse(t, tc.src)
			var got [][]string
			for _, r := range tb.Rows {
				got = append(got, cellTexts(r))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("rows\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestTableRowKindsLabelsAndPositions(t *testing.T) {
	tb := parse(t, figuresTable)
	kinds := []RowKind{DataRow, DataRow, DataRow, TotalRow}
	labels := []string{"成都", "自贡", "省直部门", "合计"}
	for i, r := range tb.Rows {
		if r.Kind != kinds[i] || r.Label != labels[i] {
			t.Errorf("row %d: kind %v label %q, want %v %q", i, r.Kind, r.Label, kinds[i], labels[i])
		}
	}
	// Every value knows where it is written: 成都's 915 is line 2, column 25.
	if p := tb.Rows[0].Values["accounts"].Pos; p != (Pos{File: "t.toml", Line: 2, Col: 25}) {
		t.Errorf("成都's accounts at %v, want t.toml:2:25", p)
	}
	if p := tb.Rows[2].Pos; p != (Pos{File: "t.toml", Line: 4, Col: 3}) {
		t.Errorf("row 省直部门 at %v, want t.toml:4:3", p)
	}
	lt := parse(t, listTable)
	if got := lt.Rows[0].Values["sites"].ItemPos[2]; got != (Pos{File: "t.toml", Line: 22, Col: 3}) {
		t.Errorf("丙网 at %v, want t.toml:22:3", got)
	}
	// A merged cell still gives each row its value.
	if got := lt.Rows[1].Values["tier"].Text; got != "第一梯队" {
		t.Errorf("merged row's tier %q, want 第一梯队", got)
	}
}

func TestTableErrorsNameTheRowAndItsPosition(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		{"a total that disagrees with its parts",
			strings.Replace(figuresTable, `["成都", 65,`, `["成都", 66,`, 1),
			[]string{`t.toml:2:10: row "成都": 网站总数 is 66, but 市级门户 + 市级部门 + 县级门户 = 1 + 43 + 21 = 65`}},
		{"a figure written as text",
			strings.Replace(figuresTable, `["自贡",  9,`, `["自贡",  "9",`, 1),
			[]string{`t.toml:3:11: column "websites" (网站总数) holds figures, and "9" in quotes is text: write 9 without quotes`}},
		{"a row short of a value",
			strings.Replace(figuresTable, `["自贡",  9, 1,  2,  6,  99],`, `["自贡",  9, 1,  2,  6],`, 1),
			[]string{`t.toml:3:3: row "自贡" has 5 values; the table has 6 columns (unit, websites, city, dept, county, accounts)`}},
		{"a row with a value too many",
			strings.Replace(figuresTable, `["自贡",  9, 1,  2,  6,  99],`, `["自贡",  9, 1,  2,  6,  99, 7],`, 1),
			[]string{`t.toml:3:30: row "自贡" has more values than the table has columns (6) (unit, websites, city, dept, county, accounts)`}},
		{"a misspelt column key in a row",
			strings.Replace(listTable, "kind = \"部门\"\nsites = [\"丁网\"]", "kind = \"部门\"\nsite = [\"丁网\"]", 1),
			[]string{`t.toml:28:1: unknown key "site", did you mean "sites"?`}},
		{"a list in a column of single values",
			strings.Replace(listTable, `kind = "门户"`, `kind = ["门户"]`, 1),
			[]string{`t.toml:19:1: column "kind" holds one value a cell, not a list; add list = true to the column for lists`}},
		{"a span past the table's end",
			"rows = [[{text = \"甲\", rowspan = 3}], [\"乙\"]]\n[[columns]]\nkey = \"a\"\n",
			[]string{`t.toml:1:10: a cell spans 1 rows more than the table has`, `t.toml:1:39: row "乙" has more values than it has free columns: 1 of 1 are covered by cells spanning rows from above`}},
		{"equals naming an unknown column",
			strings.Replace(figuresTable, `equals = ["city", "dept", "county"]`, `equals = ["city", "dept", "countie"]`, 1),
			[]string{`t.toml:20:27: equals: no column "countie", did you mean "county"?`}},
		{"rows written after [total] belong to it",
			"[total]\nlabel = \"合计\"\nrows = [[\"甲\", 1]]\n[[columns]]\nkey = \"n\"\n[[columns]]\nkey = \"a\"\nfigures = true\n",
			[]string{`t.toml: missing required key "rows"`, `t.toml:3:1: rows is written after the [total] header, so TOML puts it inside that table: move rows above the first [header]`}},
		{"no columns", "rows = []\n", []string{"t.toml: a table needs [[columns]]: one per column, with its key and title"}},
		{"a misspelt column setting",
			"rows = [[1]]\n[[columns]]\nkey = \"a\"\nfigure = true\n",
			[]string{`t.toml:4:1: unknown key "figure", did you mean "figures"?`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseTable("t.toml", tc.src)
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			var got []string
			for _, e := range err.(Errors) {
				got = append(got, e.Error())
				if _, ok := e.(*Error); !ok {
					t.Errorf("%T is not a *doc.Error", e)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("errors\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestTableQueries(t *testing.T) {
	d := &Document{Attachments: []Attachment{
		{Title: "检查情况", Table: parse(t, figuresTable)},
		{Title: "评估情况", Table: parse(t, listTable)},
		{Title: "另行印发"},
	}}
	checks, err := d.Annex(1)
	if err != nil {
		t.Fatal(err)
	}
	ranking, _ := d.Annex(2)
	whole := func(f Figure, err error) (int, error) { return int(f.Value.IntPart()), err }
	for _, tc := range []struct {
		name string
		got  func() (int, error)
		want int
		err  string
	}{
		{"a column's total", func() (int, error) { return whole(checks.Total("websites")) }, 120, ""},
		{"— counts as nothing", func() (int, error) { return whole(checks.Total("city")) }, 2, ""},
		{"list items in the rows that match", func() (int, error) { return ranking.Count("sites", "kind", "部门") }, 3, ""},
		{"two conditions", func() (int, error) { return ranking.Count("sites", "tier", "第一梯队", "kind", "部门") }, 1, ""},
		{"all list items", func() (int, error) { return ranking.Count("sites") }, 6, ""},
		{"non-empty text cells", func() (int, error) { return checks.Count("unit") }, 3, ""},
		{"an unknown column", func() (int, error) { return whole(checks.Total("website")) }, 0, `t.toml: no column "website", did you mean "websites"?`},
		{"a column of text has no total", func() (int, error) { return whole(checks.Total("unit")) }, 0, `t.toml: column "unit" (市（州）) holds no figures`},
		{"a condition no row meets", func() (int, error) { return ranking.Count("sites", "kind", "门户网站") }, 0, `t.toml: Count "sites": no row has kind = "门户网站"`},
		{"a condition without its text", func() (int, error) { return ranking.Count("sites", "kind") }, 0, `t.toml: Count "sites": conditions come in pairs, column and text; "kind" has no text`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.got()
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %d, %v; want %d", got, err, tc.want)
			}
		})
	}
	if _, err := d.Annex(3); err == nil || err.Error() != "附件3 (另行印发) has no table in the data" {
		t.Errorf("Annex(3): %v", err)
	}
	if _, err := d.Annex(4); err == nil || err.Error() != "附件4: the document has 3 attachments" {
		t.Errorf("Annex(4): %v", err)
	}
}

// The document names each table file from its [[attachments]] entry; a file
// that is not there is reported at that entry.
func TestLoadAttachmentTables(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("annex1.toml", figuresTable)
	head := "format = \"letter\"\ntemplate = \"body.txt\"\nissuer = \"某机关\"\nnumber = \"某函〔2024〕1号\"\ntitle = \"关于某事的通知\"\nrecipients = \"各单位\"\nsignature = \"某机关\"\ndate = 2024-12-26\n"
	p := write("doc.toml", head+"[[attachments]]\ntitle = \"检查情况\"\ntable = \"annex1.toml\"\n\n[[attachments]]\ntitle = \"另行印发\"\n")
	d, err := Load(p)
	if err != nil {
		t.Fatal(err)
	}
	if d.Attachments[0].Table == nil || d.Attachments[1].Table != nil {
		t.Fatalf("tables %v, %v; want the first only", d.Attachments[0].Table, d.Attachments[1].Table)
	}
	if got, want := d.Attachments[0].Table.Pos, (Pos{File: p, Line: 11, Col: 1}); got != want {
		t.Errorf("table named at %v, want %v", got, want)
	}
	if got := d.Files[len(d.Files)-1]; got != filepath.Join(dir, "annex1.toml") {
		t.Errorf("Files ends with %q, want the table file", got)
	}

	p = write("missing.toml", head+"[[attachments]]\ntitle = \"检查情况\"\ntable = \"nowhere.toml\"\n")
	_, err = Load(p)
	if err == nil || !strings.HasPrefix(err.Error(), p+":11:1: table "+filepath.Join(dir, "nowhere.toml")+": cannot read") {
		t.Errorf("missing table file: %v", err)
	}

	write("bad.toml", strings.Replace(figuresTable, `["成都", 65,`, `["成都", 66,`, 1))
	p = write("bad-doc.toml", head+"[[attachments]]\ntitle = \"检查情况\"\ntable = \"bad.toml\"\n")
	_, err = Load(p)
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "bad.toml")+`:2:10: row "成都": 网站总数 is 66`) {
		t.Errorf("mismatch in a table file: %v", err)
	}
}

func TestKeyPositionsFindArrayElements(t *testing.T) {
	src := "a = [1, \"x,]\", [2, 3]]\nb = [\n  {k = 1, m = \"二\"}, # note, ]\n  '''l\n]''',\n]\n[[c]]\nd = [\"甲\", \"乙\"]\n"
	pos := KeyPositions("f", src)
	for path, want := range map[string]Pos{
		"a.0": {File: "f", Line: 1, Col: 6}, "a.1": {File: "f", Line: 1, Col: 9}, "a.2": {File: "f", Line: 1, Col: 16}, "a.2.1": {File: "f", Line: 1, Col: 20},
		"b.0": {File: "f", Line: 3, Col: 3}, "b.0.k": {File: "f", Line: 3, Col: 4}, "b.0.m": {File: "f", Line: 3, Col: 11}, "b.1": {File: "f", Line: 4, Col: 3},
		"c.0.d.1": {File: "f", Line: 8, Col: 11},
	} {
		if got := pos[path]; got != want {
			t.Errorf("%s at %v, want %v", path, got, want)
		}
	}
}

// FuzzParseTable feeds arbitrary text to the table loader: it may reject
// it, never panic, and every problem it reports is a *doc.Error in the file.
func FuzzParseTable(f *testing.F) {
	f.Add(figuresTable)
	f.Add(listTable)
	f.Add("rows = [[{text = \"甲\", rowspan = 2, colspan = 3}], \"组\", [1]]\n[[columns]]\nkey = \"a\"\nfigures = true\nequals = [\"a\"]\n")
	f.Add("note = \"注\"\nsort = \"r\"\nrows = [[\"甲\", 1.5, 3], [\"乙\", 0.25, 0], \"组\", [{text = \"—\", colspan = 3}]]\n[total]\n" +
		"[[columns]]\nkey = \"a\"\n[[columns]]\nkey = \"f\"\nfigures = true\ndecimals = 2\nunit = \"万元\"\n[[columns]]\nkey = \"n\"\nfigures = true\n" +
		"[[columns]]\nkey = \"p\"\ncompute = \"(f - n) / total.f * -100\"\ndecimals = 1\nnegative = true\n[[columns]]\nkey = \"r\"\nrank = \"p\"\nascending = true\n")
	f.Fuzz(func(t *testing.T, src string) {
		_, err := ParseTable("t.toml", src)
		if err == nil {
			return
		}
		es, ok := err.(Errors)
		if !ok {
			es = Errors{err}
		}
		for _, e := range es {
			if de, ok := e.(*Error); !ok || de.Pos.File != "t.toml" {
				t.Fatalf("problem without the file's name: %v", e)
			}
		}
	})
}
