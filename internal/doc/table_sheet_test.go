package doc

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gongwen/internal/input"
)

// sheetColumns declares the columns of the workbooks below: a text
// column, whole numbers, 万元 with two decimals and a share the table
// computes.
const sheetColumns = `
[[columns]]
key = "area"

[[columns]]
key = "sites"
figures = true

[[columns]]
key = "funds"
figures = true
decimals = 2

[[columns]]
key = "share"
compute = "funds / total.funds * 100"
decimals = 1
`

// fundsBook writes, with excelize, the workbook sheetColumns reads: a
// header of two rows with merged cells, two rows and a 合计 row whose
// figures are cached formulas' values (excelize writes no value for a
// formula, so each is written as the value a spreadsheet would cache;
// the formula alone is what the no-value case tests), 经费 formatted 0.00.
func fundsBook(t *testing.T, path string, edit func(f *excelize.File, s string)) {
	t.Helper()
	f := excelize.NewFile()
	s := "Sheet1"
	set := func(ref string, v any) {
		if err := f.SetCellValue(s, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	for ref, v := range map[string]any{
		"A1": "地区", "B1": "检查情况", "B2": "网站", "C2": "经费（万元）", "D1": "占比（%）",
		"A3": "成都", "B3": 10, "C3": 12.5,
		"A4": "绵阳", "B4": 5, "C4": 7.25,
		"A5": "合  计", "B5": 15, "C5": 19.75,
	} {
		set(ref, v)
	}
	for _, m := range [][2]string{{"A1", "A2"}, {"B1", "C1"}, {"D1", "D2"}} {
		if err := f.MergeCell(s, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	two, err := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle(s, "C3", "C5", two); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(f, s)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// fundsCSV is the same table as a .csv, as Excel saves one: the merged
// cells' other slots empty, the figures as the cells show them.
const fundsCSV = "地区,检查情况,,占比（%）\r\n,网站,经费（万元）,\r\n成都,10,12.50,\r\n绵阳,5,7.25,\r\n合计,15,19.75,\r\n"

// fundsRows is what every form of the table reads as, header then body:
// each cell's text with its spans.
const fundsRows = `地区 2×1 | 检查情况 1×2 | 占比（%） 2×1
网站 | 经费（万元）
成都 | 10 | 12.50 | 63.3
绵阳 | 5 | 7.25 | 36.7
合计 1×1 | 15 | 19.75 | 100.0`

// tableText writes a table's rows, header first, one a line: each cell's
// text, and its spans when it spans.
func tableText(t *Table) string {
	var lines []string
	for _, r := range append(append([]Row{}, t.Head...), t.Rows...) {
		var cells []string
		for _, c := range r.Cells {
			s := c.Text
			if c.RowSpan > 1 || c.ColSpan > 1 || r.Kind == TotalRow && c.Col == 0 {
				s += fmt.Sprintf(" %d×%d", c.RowSpan, c.ColSpan)
			}
			if r.Kind == GroupRow {
				s = "group " + s
			}
			cells = append(cells, s)
		}
		lines = append(lines, strings.Join(cells, " | "))
	}
	return strings.Join(lines, "\n")
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSheetTables reads the same table from workbooks and .csv files
// made in several ways, each to the same cells.
func TestSheetTables(t *testing.T) {
	for _, c := range []struct {
		name string
		keys string // the table file's keys before its columns
		make func(t *testing.T, dir string)
		want string
		note string
	}{
		{"excelize: merged header, 0.00, a 合计 row", `source = "a.xlsx"`, func(t *testing.T, dir string) {
			fundsBook(t, filepath.Join(dir, "a.xlsx"), nil)
		}, fundsRows, ""},
		{"the computed column filled by the sheet, formatted 0.0%", `source = "a.xlsx"`, func(t *testing.T, dir string) {
			fundsBook(t, filepath.Join(dir, "a.xlsx"), func(f *excelize.File, s string) {
				pct, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(`0.0%`)})
				f.SetCellValue(s, "D3", 12.5/19.75)
				f.SetCellValue(s, "D4", 7.25/19.75)
				f.SetCellValue(s, "D5", 1)
				f.SetCellStyle(s, "D3", "D5", pct)
			})
		}, fundsRows, ""},
		{"a formula whose result is the empty text, which a file stores as no value", `source = "a.xlsx"`, func(t *testing.T, dir string) {
			fundsBook(t, filepath.Join(dir, "a.xlsx"), func(f *excelize.File, s string) {
				f.SetCellFormula(s, "D3", `IF(B3=10,"",B3)`)
			})
		}, fundsRows, ""},
		{"a second sheet, a title and a unit line above the table", "source = \"a.xlsx\"\nsheet = \"汇总\"\nstart = \"B3\"", func(t *testing.T, dir string) {
			fundsBook(t, filepath.Join(dir, "a.xlsx"), func(f *excelize.File, s string) {
				f.NewSheet("汇总")
				f.SetCellValue("汇总", "B1", "附件1 经费统计表")
				f.MergeCell("汇总", "B1", "E1")
				f.SetCellValue("汇总", "E2", "单位：万元")
				rows, _ := f.GetRows(s)
				for i, r := range rows {
					for j, v := range r {
						ref, _ := excelize.CoordinatesToCellName(j+2, i+3)
						if v != "" {
							f.SetCellValue("汇总", ref, v)
						}
					}
				}
				for _, m := range [][2]string{{"B3", "B4"}, {"C3", "D3"}, {"E3", "E4"}} {
					f.MergeCell("汇总", m[0], m[1])
				}
				two, _ := f.NewStyle(&excelize.Style{NumFmt: 2})
				f.SetCellStyle("汇总", "D5", "D7", two)
			})
		}, fundsRows, ""},
		{"a group row merged across the table", `source = "a.xlsx"`, func(t *testing.T, dir string) {
			fundsBook(t, filepath.Join(dir, "a.xlsx"), func(f *excelize.File, s string) {
				f.InsertRows(s, 3, 1)
				f.SetCellValue(s, "A3", "市（州）")
				f.MergeCell(s, "A3", "D3")
			})
		}, strings.Replace(fundsRows, "成都", "group 市（州） 1×4\n成都", 1), ""},
		{"a cell merged down two rows", `source = "a.xlsx"`, func(t *testing.T, dir string) {
			fundsBook(t, filepath.Join(dir, "a.xlsx"), func(f *excelize.File, s string) {
				f.MergeCell(s, "A3", "A4")
			})
		}, strings.Replace(fundsRows, "成都 | 10 | 12.50 | 63.3\n绵阳 | 5", "成都 2×1 | 10 | 12.50 | 63.3\n5", 1), ""},
		{"a number stored as text, a line break typed in a header cell", `source = "a.xlsx"`, func(t *testing.T, dir string) {
			fundsBook(t, filepath.Join(dir, "a.xlsx"), func(f *excelize.File, s string) {
				f.SetCellStr(s, "B3", "10")
				f.SetCellStr(s, "C2", "经费\n（万元）")
			})
		}, fundsRows, ""},
		{"UTF-8 .csv with a byte order mark", `source = "a.csv"`, func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "a.csv"), append(append([]byte{}, input.BOM...), fundsCSV...))
		}, fundsRows, ""},
		{"GBK .csv, as Excel saves one on Chinese Windows", `source = "a.csv"`, func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "a.csv"), gbk(t, fundsCSV))
		}, fundsRows, "a.csv: note: read as GBK/GB18030"},
		{"GB18030 .csv with a character outside GBK, a group row", `source = "a.csv"`, func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "a.csv"), gbk(t, strings.Replace(fundsCSV, "成都", "䶮市,,,\r\n成都", 1)))
		}, strings.Replace(fundsRows, "成都", "group 䶮市 1×4\n成都", 1), "read as GBK/GB18030"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			c.make(t, dir)
			p := filepath.Join(dir, "a.toml")
			writeFile(t, p, []byte(c.keys+"\n"+sheetColumns))
			tb, err := LoadTable(p)
			if err != nil {
				t.Fatal(err)
			}
			if got := tableText(tb); got != c.want {
				t.Errorf("read\n%s\nwant\n%s", got, c.want)
			}
			note := ""
			if tb.FromNote != "" {
				note = Note{Pos: Pos{File: tb.From}, Msg: tb.FromNote}.String()
			}
			if c.note == "" && note != "" || !strings.Contains(note, c.note) {
				t.Errorf("note %q, want %q", note, c.note)
			}
			if tb.From != filepath.Join(dir, strings.TrimPrefix(tb.From, dir+"/")) || !strings.HasPrefix(tb.From, dir) {
				t.Errorf("From = %q", tb.From)
			}
			if got, _ := tb.Total("funds"); got.String() != "19.75" {
				t.Errorf("Total funds = %s", got)
			}
			if c := tb.Columns[2]; c.Title != "经费（万元）" || len(c.Group) != 1 || c.Group[0] != "检查情况" {
				t.Errorf("column funds: title %q, group %q (from the sheet's header)", c.Title, c.Group)
			}
		})
	}
}

// TestSheetListColumn: a list column's items, one a line in the cell or
// separated by 、.
func TestSheetListColumn(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.csv"), []byte("类别,网站\n第一梯队,\"甲\n乙\"\n第二梯队,丙、丁、戊\n"))
	p := filepath.Join(dir, "a.toml")
	writeFile(t, p, []byte("source = \"a.csv\"\n[[columns]]\nkey = \"tier\"\n[[columns]]\nkey = \"sites\"\nlist = true\njoin = \"、\"\n"))
	tb, err := LoadTable(p)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range tb.Rows {
		got = append(got, strings.Join(r.Values["sites"].Items, "/"))
	}
	if strings.Join(got, " ") != "甲/乙 丙/丁/戊" {
		t.Errorf("items %q", got)
	}
	if n, _ := tb.Count("sites"); n != 5 {
		t.Errorf("Count sites = %d, want 5", n)
	}
}

// TestSheetDates: a date in a text column reads as a Chinese office's
// spreadsheet shows it; in a figures column it is an error at its cell.
func TestSheetDates(t *testing.T) {
	dir := t.TempDir()
	f := excelize.NewFile()
	for ref, v := range map[string]any{"A1": "事项", "B1": "完成时间", "C1": "数量", "A2": "巡查", "B2": 45726, "C2": 3, "A3": "督查", "B3": 45727, "C3": 45727} {
		f.SetCellValue("Sheet1", ref, v)
	}
	short, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	long, _ := f.NewStyle(&excelize.Style{NumFmt: 31}) // zh-CN: yyyy"年"m"月"d"日"
	f.SetCellStyle("Sheet1", "B2", "B2", short)
	f.SetCellStyle("Sheet1", "B3", "B3", long)
	f.SetCellStyle("Sheet1", "C3", "C3", short)
	if err := f.SaveAs(filepath.Join(dir, "a.xlsx")); err != nil {
		t.Fatal(err)
	}
	cols := "source = \"a.xlsx\"\n[[columns]]\nkey = \"what\"\n[[columns]]\nkey = \"when\"\n[[columns]]\nkey = \"n\"\nfigures = true\n"
	p := filepath.Join(dir, "a.toml")
	writeFile(t, p, []byte(cols))
	_, err := LoadTable(p)
	if want := `a.xlsx:Sheet1!C3: column "n" holds figures: a whole number, or "—" where it does not apply, not "2025/3/11"`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
	f.SetCellValue("Sheet1", "C3", 4)
	f.SetCellStyle("Sheet1", "C3", "C3", 0)
	if err := f.SaveAs(filepath.Join(dir, "a.xlsx")); err != nil {
		t.Fatal(err)
	}
	tb, err := LoadTable(p)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tableText(tb), "事项 | 完成时间 | 数量\n巡查 | 2025/3/10 | 3\n督查 | 2025年3月11日 | 4"; got != want {
		t.Errorf("read\n%s\nwant\n%s", got, want)
	}
}

// TestSheetTableProblems: each problem of a sheet is one line naming the
// file and the cell (a .csv's line and column), and no table.
func TestSheetTableProblems(t *testing.T) {
	book := func(edit func(f *excelize.File, s string)) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) { fundsBook(t, filepath.Join(dir, "a.xlsx"), edit) }
	}
	csvFile := func(s string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, "a.csv"), []byte(s)) }
	}
	xlsx, csv := `source = "a.xlsx"`, `source = "a.csv"`
	for _, c := range []struct {
		name, keys string
		make       func(t *testing.T, dir string)
		columns    string // replaces sheetColumns when set
		want       string
	}{
		{"a formula without a saved value", xlsx, book(func(f *excelize.File, s string) {
			f.SetCellValue(s, "B5", nil)
			f.SetCellFormula(s, "B5", "SUM(B3:B4)")
		}), "", "a.xlsx:Sheet1!B5: the formula =SUM(B3:B4) has no value saved with it"},
		{"a text formula without a saved value", xlsx, book(func(f *excelize.File, s string) {
			f.SetCellValue(s, "A4", nil)
			f.SetCellFormula(s, "A4", `"绵"&"阳"`)
		}), "", `a.xlsx:Sheet1!A4: the formula ="绵"&"阳" has no value saved with it`},
		{"a 合计 that is not the sum of its column", xlsx, book(func(f *excelize.File, s string) {
			f.SetCellValue(s, "C5", 19.7)
		}), "", `a.xlsx:Sheet1!C5: column "funds" (经费（万元）): the sheet's 合计 row shows 19.70, but its rows add up to 19.75`},
		{"a computed cell the sheet gets wrong", xlsx, book(func(f *excelize.File, s string) {
			f.SetCellValue(s, "D3", 63.2)
		}), "", `a.xlsx:Sheet1!D3: column "share" (占比（%）) is computed (funds / total.funds * 100): the sheet shows 63.2 here, but the row's figures give 63.3`},
		{"a cell formatted 0.00 in a column of whole numbers", xlsx, book(func(f *excelize.File, s string) {
			two, _ := f.NewStyle(&excelize.Style{NumFmt: 2})
			f.SetCellStyle(s, "B4", "B4", two)
		}), "", `a.xlsx:Sheet1!B4: column "sites" (网站) holds whole numbers, but the cell shows 5.00`},
		{"more places than the column prints", xlsx, book(func(f *excelize.File, s string) {
			three, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("#,##0.000")})
			f.SetCellStyle(s, "C4", "C4", three)
		}), "", `a.xlsx:Sheet1!C4: the cell shows 7.250, with 3 decimals; column "funds" (经费（万元）) prints 2`},
		{"text in a figures column", xlsx, book(func(f *excelize.File, s string) {
			f.SetCellValue(s, "B4", "五")
		}), "", `a.xlsx:Sheet1!B4: column "sites" holds figures`},
		{"equals: a row whose parts do not add up", xlsx, book(func(f *excelize.File, s string) {
			f.SetCellValue(s, "D1", "合计数")
			f.SetCellValue(s, "D3", 10)
			f.SetCellValue(s, "D4", 6)
			f.SetCellValue(s, "D5", 16)
		}), "\n[[columns]]\nkey = \"area\"\n[[columns]]\nkey = \"a\"\nfigures = true\n[[columns]]\nkey = \"b\"\nfigures = true\ndecimals = 2\n[[columns]]\nkey = \"all\"\nfigures = true\ndecimals = 2\nequals = [\"a\"]\n",
			`a.xlsx:Sheet1!D4: row "绵阳": 合计数 is 6.00, but 网站 = 5 = 5.00`},
		{"a title that is not the sheet's", xlsx, book(nil), strings.Replace(sheetColumns, "key = \"sites\"", "key = \"sites\"\ntitle = \"网站总数\"", 1),
			`a.xlsx:Sheet1!B2: column "sites": the table file's title is "网站总数", but the sheet's header here reads "网站"`},
		{"a column the table file does not declare", xlsx, book(func(f *excelize.File, s string) {
			f.SetCellValue(s, "E4", "备注")
		}), "", "a.xlsx:Sheet1!E4: this cell is right of the table's 4 columns"},
		{"a column the sheet does not have", xlsx, book(nil), sheetColumns + "\n[[columns]]\nkey = \"note\"\n",
			`a.xlsx:Sheet1!E2: column "note" has neither a header nor a value in the sheet: the sheet has fewer columns than [[columns]] declares (5)`},
		{"a hidden row", xlsx, book(func(f *excelize.File, s string) { f.SetRowVisible(s, 4, false) }), "",
			"a.xlsx:Sheet1!A4: row 4 is hidden in the sheet: unhide it, or delete it"},
		{"a hidden column", xlsx, book(func(f *excelize.File, s string) { f.SetColVisible(s, "C", false) }), "",
			"a.xlsx:Sheet1!C1: column C is hidden in the sheet: unhide it, or delete it"},
		{"a line under the 合计 row", xlsx, book(func(f *excelize.File, s string) {
			f.SetCellValue(s, "A7", "注：单位为万元。")
		}), "", "a.xlsx:Sheet1!A7: this row is below the table's 合计 row"},
		{"a merged cell from the header into the rows", `source = "a.xlsx"` + "\nheader_rows = 1", book(nil), "",
			"a.xlsx:Sheet1!A1: this merged cell runs from the header (1 rows) into the rows below it"},
		{"no such sheet", xlsx + "\nsheet = \"汇总\"", book(nil), "", `a.toml:1:1: source ` + "DIR" + `/a.xlsx: has no sheet "汇总" (its sheets: Sheet1)`},
		{"not a workbook", xlsx, func(t *testing.T, dir string) { writeFile(t, filepath.Join(dir, "a.xlsx"), []byte(fundsCSV)) }, "",
			"a.xlsx: is not an Excel workbook (.xlsx)"},
		{"an old .xls", `source = "a.xls"`, nil, "", "a.toml:1:1: source a.xls: gongwen reads .xlsx and .csv"},
		{"a workbook that unzips past the limit", xlsx, func(t *testing.T, dir string) {
			p := filepath.Join(dir, "a.xlsx")
			fundsBook(t, p, nil)
			padZip(t, p, MaxSheetUnzip)
		}, "", "a.xlsx: unzips to more than 64 MiB"},
		{"a .csv figure that is no number, at its line and column", csv, csvFile(strings.Replace(fundsCSV, "绵阳,5,", "绵阳,五,", 1)), "",
			`a.csv:4:4: column "sites" holds figures`},
		{"a .csv with a stray quote", csv, csvFile(strings.Replace(fundsCSV, "绵阳,5,", "绵阳,5\",", 1)), "",
			`a.csv:4:5: CSV: bare " in non-quoted-field`},
		{"a .csv in UTF-16", csv, func(t *testing.T, dir string) {
			var b []byte
			for _, r := range fundsCSV {
				b = append(b, byte(r), byte(r>>8))
			}
			writeFile(t, filepath.Join(dir, "a.csv"), append([]byte{0xFF, 0xFE}, b...))
		}, "", "a.csv:1:1: the file is not UTF-8 but looks like UTF-16 (little-endian)"},
		{"a sheet for a .csv", csv + "\nsheet = \"x\"", csvFile(fundsCSV), "", "a.toml:2:1: a.csv is a .csv, a single sheet: remove sheet"},
		{"rows and a source", xlsx + "\nrows = []", book(nil), "", "a.toml:2:1: the rows come from a.xlsx (source): remove rows, or source"},
		{"a sheet key without a source", `sheet = "x"`, nil, "", `a.toml:1:1: sheet is for a table whose rows come from a spreadsheet`},
		{"a bad start cell", xlsx + "\nstart = \"3B\"", book(nil), "", `a.toml:2:1: start is "3B"; write the header's top-left cell, like A3`},
		{"a .csv too large", csv, func(t *testing.T, dir string) {
			writeFile(t, filepath.Join(dir, "a.csv"), bytes.Repeat([]byte("a,1,1.00,\n"), int(input.Limits[input.Sheet]/10+1)))
		}, "", "a.toml:1:1: source DIR/a.csv: is 16777220 bytes; a spreadsheet may have at most 16777216 bytes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if c.make != nil {
				c.make(t, dir)
			}
			cols := sheetColumns
			if c.columns != "" {
				cols = c.columns
			}
			p := filepath.Join(dir, "a.toml")
			writeFile(t, p, []byte(c.keys+"\n"+cols))
			tb, err := LoadTable(p)
			if err == nil {
				t.Fatalf("read without a problem:\n%s", tableText(tb))
			}
			want := strings.ReplaceAll(c.want, "DIR", dir)
			got := strings.ReplaceAll(err.Error(), dir+"/", "")
			if !strings.Contains(got, strings.ReplaceAll(want, dir+"/", "")) {
				t.Errorf("got\n%s\nwant it to hold\n%s", got, want)
			}
			if n := strings.Count(err.Error(), "\n") + 1; n != 1 {
				t.Errorf("%d lines, want one:\n%s", n, err)
			}
		})
	}
}

// padZip adds to the zip at path a part of n bytes of zeros: it deflates
// to a few kilobytes and unzips past the limit.
func padZip(t *testing.T, path string, n int64) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, err := zw.CreateHeader(&f.FileHeader)
		if err != nil {
			t.Fatal(err)
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b := new(bytes.Buffer)
		b.ReadFrom(r)
		r.Close()
		w.Write(b.Bytes())
	}
	w, err := zw.Create("xl/media/pad.bin")
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for k := int64(0); k <= n>>20; k++ {
		w.Write(zeros)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, buf.Bytes())
}

// TestSpreadsheetNamedAsTable: a .csv or .xlsx where the document names a
// table file is told what to write instead, not a TOML syntax error.
func TestSpreadsheetNamedAsTable(t *testing.T) {
	for _, name := range []string{"附件1.csv", "附件1.xlsx"} {
		dir := t.TempDir()
		writeFile(t, filepath.Join(dir, name), []byte(fundsCSV))
		p := filepath.Join(dir, "d.toml")
		writeFile(t, p, []byte("[[attachments]]\ntitle = \"经费表\"\ntable = \""+name+"\"\n"))
		_, err := Parse(p, "[[attachments]]\ntitle = \"经费表\"\ntable = \""+name+"\"\n")
		want := fmt.Sprintf(`d.toml:3:1: table %q is a spreadsheet; a table is a TOML file: write 附件1.toml with source = %q`, name, name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got\n%v\nwant it to hold\n%s", name, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "TOML syntax") {
			t.Errorf("%s: a TOML syntax error: %v", name, err)
		}
	}
}

// TestSheetTableInDocument: the document records the spreadsheet among its
// files (an archive hashes it) and the note about a GBK .csv.
func TestSheetTableInDocument(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.csv"), gbk(t, fundsCSV))
	writeFile(t, filepath.Join(dir, "a.toml"), []byte(`source = "a.csv"`+"\n"+sheetColumns))
	src := "[[attachments]]\ntitle = \"经费表\"\ntable = \"a.toml\"\n"
	p := filepath.Join(dir, "d.toml")
	d, err := Parse(p, src)
	// The document lacks its header fields; the table is what is looked at.
	if d == nil {
		t.Fatalf("no document: %v", err)
	}
	if got := strings.Join(d.Files, " "); !strings.HasSuffix(got, filepath.Join(dir, "a.toml")+" "+filepath.Join(dir, "a.csv")) {
		t.Errorf("files %q", d.Files)
	}
	if len(d.Notes) != 1 || d.Notes[0].Pos.File != filepath.Join(dir, "a.csv") {
		t.Errorf("notes %v", d.Notes)
	}
}

// TestCellPositions: a cell of a sheet is named as a spreadsheet names it.
func TestCellPositions(t *testing.T) {
	for _, c := range []struct {
		pos  Pos
		want string
	}{
		{Pos{File: "a.xlsx", Sheet: "Sheet1", Line: 7, Col: 3}, "a.xlsx:Sheet1!C7"},
		{Pos{File: "a.xlsx", Sheet: "汇总", Line: 1, Col: 27}, "a.xlsx:汇总!AA1"},
		{Pos{File: "a.xlsx", Sheet: "My Sheet", Line: 2, Col: 702}, "a.xlsx:'My Sheet'!ZZ2"},
		{Pos{File: "a.xlsx", Sheet: "it's", Line: 2, Col: 703}, "a.xlsx:'it''s'!AAA2"},
		{Pos{File: "a.csv", Line: 4, Col: 5}, "a.csv:4:5"},
	} {
		if got := c.pos.String(); got != c.want {
			t.Errorf("%+v: %s, want %s", c.pos, got, c.want)
		}
	}
	for _, c := range []struct {
		ref      string
		row, col int
		ok       bool
	}{{"A1", 1, 1, true}, {"b3", 3, 2, true}, {"AA10", 10, 27, true}, {"3B", 0, 0, false}, {"A0", 0, 0, false}, {"XFE1", 0, 0, false}} {
		row, col, ok := parseCellRef(c.ref)
		if ok != c.ok || ok && (row != c.row || col != c.col) {
			t.Errorf("%s: %d, %d, %v", c.ref, row, col, ok)
		}
	}
}

// TestNumberFormats: the places and scale a number format shows.
func TestNumberFormats(t *testing.T) {
	for _, c := range []struct {
		code, raw, want string
	}{
		{"0.00", "12.5", "12.50"},
		{"#,##0.00_ ", "1234.5", "1234.50"},
		{`#,##0.00;[Red]\-#,##0.00`, "-3", "-3.00"},
		{`0.00"万元"`, "2.675", "2.68"}, // stored 2.67499999…, shown 2.68
		{"0.0%", "0.1234", "12.3"},
		{"0%", "0.5", "50"},
		{"#,##0,", "1234567", "1235"}, // thousands
		{"General", "0.30000000000000004", "0.3"},
		{"@", "7", "7"},
		{"0", "2.5", "3"}, // half away from zero
		{"0", "-2.5", "-3"},
	} {
		nf := parseNumFormat(c.code)
		f, err := nf.figure(c.raw)
		if err != nil || f.String() != c.want {
			t.Errorf("%s of %s: %s (%v), want %s", c.code, c.raw, f, err, c.want)
		}
	}
	for code, kind := range map[string]int{"yyyy/m/d": fmtDate, `[$-804]yyyy"年"m"月"d"日"`: fmtDate, "[h]:mm": fmtDate, "0.00E+00": fmtOther, "# ?/?": fmtOther, "General": fmtGeneral, "@": fmtText} {
		if got := parseNumFormat(code).kind; got != kind {
			t.Errorf("%s: kind %d, want %d", code, got, kind)
		}
	}
}

func ptr(s string) *string { return &s }

// TestReadmeSheetExample reads the README's table file with source, over
// a workbook its columns fit.
func TestReadmeSheetExample(t *testing.T) {
	b, err := os.ReadFile("../../docs/en/manual.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, ok := strings.Cut(string(b), "### Tables from spreadsheets\n")
	if !ok {
		t.Fatal("README has no section Tables from spreadsheets")
	}
	var example []string
	for _, l := range strings.Split(sec, "\n") {
		if strings.HasPrefix(l, "    ") {
			example = append(example, l[4:])
		} else if l != "" && len(example) > 0 {
			break // the first example ends at the text after it
		}
	}
	if len(example) == 0 || !strings.HasPrefix(example[0], `source = "附件1.xlsx"`) {
		t.Fatalf("the section's first example is not a table file with source:\n%s", strings.Join(example, "\n"))
	}
	dir := t.TempDir()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "汇总")
	for ref, v := range map[string]any{"A1": "地区", "B1": "经费（万元）", "C1": "占比（%）", "A2": "成都", "B2": 12.5, "A3": "绵阳", "B3": 7.25} {
		f.SetCellValue("汇总", ref, v)
	}
	if err := f.SaveAs(filepath.Join(dir, "附件1.xlsx")); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "附件1.toml")
	writeFile(t, p, []byte(strings.Join(example, "\n")))
	tb, err := LoadTable(p)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := tableText(tb), "地区 | 经费（万元） | 占比（%）\n成都 | 12.50 | 63.3\n绵阳 | 7.25 | 36.7"; got != want {
		t.Errorf("read\n%s\nwant\n%s", got, want)
	}
}

// BenchmarkSheetTable loads a table of MaxTableRows rows from a workbook
// and from a .csv.
func BenchmarkSheetTable(b *testing.B) {
	dir := b.TempDir()
	f := excelize.NewFile()
	var csvText strings.Builder
	csvText.WriteString("地区,网站,经费（万元）,占比（%）\n")
	f.SetSheetRow("Sheet1", "A1", &[]any{"地区", "网站", "经费（万元）", "占比（%）"})
	for i := 2; i <= MaxTableRows+1; i++ {
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i), &[]any{fmt.Sprintf("单位%d", i), i, float64(i) / 4})
		fmt.Fprintf(&csvText, "单位%d,%d,%.2f,\n", i, i, float64(i)/4)
	}
	if err := f.SaveAs(filepath.Join(dir, "a.xlsx")); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.csv"), []byte(csvText.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, kind := range []string{"xlsx", "csv"} {
		p := filepath.Join(dir, kind+".toml")
		if err := os.WriteFile(p, []byte("source = \"a."+kind+"\"\n"+sheetColumns), 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(kind, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := LoadTable(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
