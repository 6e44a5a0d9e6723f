package e2e

// Tables from spreadsheets (issue 18, item 3): the sample's 附件1 taken
// from a workbook LibreOffice Calc wrote (from a flat OpenDocument sheet
// this test writes: merged header cells, 0.00 and 0.0 number formats,
// formulas Calc calculates and saves the values of), built, and read back
// from the PDF with pdftotext and mutool.

import (
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/build"
	"gongwen/internal/doc"
	"gongwen/internal/pdfcheck"
)

// odsCell is one cell of a flat ODS sheet: text, or a number (value, with
// a number style), or a formula Calc computes; with spans.
type odsCell struct {
	text, value, formula, style string
	rows, cols                  int
	covered                     bool
}

// fods writes a flat OpenDocument spreadsheet of one sheet, with the
// number styles N0 (0), N1 (0.0) and N2 (0.00).
func fods(sheet string, rows [][]odsCell) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
`)
	for i := 0; i <= 2; i++ {
		fmt.Fprintf(&b, `<number:number-style style:name="D%d"><number:number number:decimal-places="%d" number:min-decimal-places="%d" number:min-integer-digits="1"/></number:number-style>
<style:style style:name="N%d" style:family="table-cell" style:data-style-name="D%d"/>
`, i, i, i, i, i)
	}
	fmt.Fprintf(&b, "</office:automatic-styles>\n<office:body><office:spreadsheet>\n<table:table table:name=%q>\n", sheet)
	for _, r := range rows {
		b.WriteString("<table:table-row>")
		for _, c := range r {
			if c.covered {
				b.WriteString("<table:covered-table-cell/>")
				continue
			}
			b.WriteString("<table:table-cell")
			if c.rows > 1 {
				fmt.Fprintf(&b, ` table:number-rows-spanned="%d"`, c.rows)
			}
			if c.cols > 1 {
				fmt.Fprintf(&b, ` table:number-columns-spanned="%d"`, c.cols)
			}
			if c.style != "" {
				fmt.Fprintf(&b, ` table:style-name=%q`, c.style)
			}
			switch {
			case c.formula != "":
				fmt.Fprintf(&b, ` table:formula="of:=%s"/>`, html.EscapeString(c.formula))
			case c.value != "":
				fmt.Fprintf(&b, ` office:value-type="float" office:value=%q/>`, c.value)
			default:
				fmt.Fprintf(&b, ` office:value-type="string"><text:p>%s</text:p></table:table-cell>`, html.EscapeString(c.text))
			}
		}
		b.WriteString("</table:table-row>\n")
	}
	b.WriteString("</table:table>\n</office:spreadsheet></office:body></office:document>\n")
	return b.String()
}

// calc converts each flat ODS file to .xlsx beside it with LibreOffice
// Calc, in a profile of its own (another soffice may be running).
func calc(t *testing.T, files ...string) {
	t.Helper()
	pdfcheck.RequireTools(t, "soffice")
	dir := filepath.Dir(files[0])
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(t.TempDir(), "profile"),
		"--headless", "--convert-to", "xlsx", "--outdir", dir}, files...)
	out, err := exec.Command("soffice", args...).CombinedOutput()
	for _, f := range files {
		x := strings.TrimSuffix(f, ".fods") + ".xlsx"
		if _, serr := os.Stat(x); serr != nil {
			t.Fatalf("soffice did not write %s (%v): %s", x, err, out)
		}
	}
}

// sheetAnnex is the sample's 附件1 as a clerk's workbook: the sample's
// areas and figures (东山林场's funds corrected to 12.75), a two-row
// header with merged cells, 防火经费 formatted 0.00, 经费占比 a formula
// formatted 0.0, and a 合计 row of SUM formulas.
var sheetAnnex = [][]string{
	{"东山林场", "东山镇", "1260", "18", "12.75"},
	{"西岭自然保护区", "西岭乡", "2140", "26", "26.35"},
	{"南溪水源涵养林", "南溪镇", "870", "12", "8.4"},
	{"北坡公益林", "北坡乡", "655", "9", "6.05"},
}

func sheetAnnexRows(divide string) [][]odsCell {
	txt := func(s string) odsCell { return odsCell{text: s} }
	cov := odsCell{covered: true}
	rows := [][]odsCell{
		{{text: "重点区域", rows: 2}, {text: "所在乡（镇）", rows: 2}, {text: "林区情况", cols: 2}, cov, {text: "防火经费（万元）", rows: 2}, {text: "经费占比（%）", rows: 2}},
		{cov, cov, txt("林地面积（公顷）"), txt("巡护人员（人）"), cov, cov},
	}
	last := 2 + len(sheetAnnex) // the 合计 row, from 1
	for i, a := range sheetAnnex {
		n := i + 3
		rows = append(rows, []odsCell{txt(a[0]), txt(a[1]),
			{value: a[2], style: "N0"}, {value: a[3], style: "N0"}, {value: a[4], style: "N2"},
			{formula: fmt.Sprintf("[.E%d]/[.E%d]*100", n, last+1), style: "N1"}})
	}
	sum := func(col string) odsCell {
		return odsCell{formula: fmt.Sprintf("SUM([.%s3:.%s%d])", col, col, last)}
	}
	total := []odsCell{{text: "合计", cols: 2}, cov, sum("C"), sum("D"), sum("E"), sum("F")}
	total[4].style, total[5].style = "N2", "N1"
	total[5].formula = divide
	return append(rows, total)
}

// sheetAnnexTable is the table file: the columns as the sample declares
// them, the header and rows from the workbook.
const sheetAnnexTable = `source = "annex1.xlsx"
note = "注：经费占比为各区域防火经费占合计的百分比。"

[[columns]]
key = "area"
title = "重点区域"

[[columns]]
key = "town"

[[columns]]
key = "hectares"
figures = true

[[columns]]
key = "rangers"
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

func TestAnnexTableFromCalcWorkbook(t *testing.T) {
	pdfcheck.RequireTools(t, "pdftotext", "mutool")
	work := t.TempDir()
	good, bad := filepath.Join(work, "annex1.fods"), filepath.Join(work, "bad.fods")
	if err := os.WriteFile(good, []byte(fods("经费", sheetAnnexRows("SUM([.F3:.F6])"))), 0o644); err != nil {
		t.Fatal(err)
	}
	// The same sheet with a 合计 of 经费占比 that divides by zero: Calc
	// saves the error #DIV/0! as the cell's value.
	if err := os.WriteFile(bad, []byte(fods("经费", sheetAnnexRows("1/0"))), 0o644); err != nil {
		t.Fatal(err)
	}
	calc(t, good, bad)

	dir := t.TempDir()
	archProject(t, dir)
	annex := filepath.Join(dir, "data", "sample-file")
	copyFile(t, strings.TrimSuffix(good, ".fods")+".xlsx", filepath.Join(annex, "annex1.xlsx"))
	if err := os.WriteFile(filepath.Join(annex, "annex1.toml"), []byte(sheetAnnexTable), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "sample.pdf")
	if err := build.Build(filepath.Join(dir, "data", "sample-file.toml"), out, build.Options{}); err != nil {
		t.Fatal(err)
	}

	// pdftotext: each row of the sheet is a line of the PDF, its cells as
	// the sheet shows them, the computed share as Calc computed it.
	text, err := pdfcheck.Text(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string][]string{}
	for _, l := range strings.Split(text, "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			lines[f[0]] = f
		}
	}
	shares := []string{"23.8", "49.2", "15.7", "11.3"} // Calc's values, shown 0.0
	for i, a := range sheetAnnex {
		funds := rat(t, a[4]).FloatString(2)
		want := []string{a[0], a[1], a[2], a[3], funds, shares[i]}
		if got := lines[a[0]]; strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("pdftotext reads the row\n%q\nwant the sheet's\n%q", got, want)
		}
	}
	if got, want := strings.Join(lines["合计"], " "), "合计 4925 65 53.55 100.0"; got != want {
		t.Errorf("pdftotext reads the 合计 row %q, want the sheet's %q", got, want)
	}
	if !strings.Contains(strings.ReplaceAll(text, " ", ""), "经费53.55万元") {
		t.Error("the body does not quote the sheet's total funds, 53.55")
	}

	// mutool: the same cells, glyph by glyph, and the arithmetic of the
	// 合计 and the shares checked apart from the product.
	_, rows := annexRows(t, func(d string) {
		copyFile(t, filepath.Join(annex, "annex1.xlsx"), filepath.Join(d, "data", "sample-file", "annex1.xlsx"))
		copyFile(t, filepath.Join(annex, "annex1.toml"), filepath.Join(d, "data", "sample-file", "annex1.toml"))
	})
	checkAnnexFigures(t, rows)
	if got := rows["东山林场"]; len(got) != 6 || got[4] != "12.75" {
		t.Errorf("东山林场 reads %q, want its funds 12.75 from the sheet", got)
	}

	// The header: merged cells are spans, as Calc saved them.
	tb, err := doc.LoadTable(filepath.Join(annex, "annex1.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var head []string
	for _, r := range tb.Head {
		for _, c := range r.Cells {
			head = append(head, fmt.Sprintf("%s %d×%d", c.Text, c.RowSpan, c.ColSpan))
		}
	}
	if got, want := strings.Join(head, ", "), "重点区域 2×1, 所在乡（镇） 2×1, 林区情况 1×2, 防火经费（万元） 2×1, 经费占比（%） 2×1, 林地面积（公顷） 1×1, 巡护人员（人） 1×1"; got != want {
		t.Errorf("header %s, want %s", got, want)
	}

	// The error value Calc saved is one line at its cell; nothing is built.
	copyFile(t, strings.TrimSuffix(bad, ".fods")+".xlsx", filepath.Join(annex, "annex1.xlsx"))
	badOut := filepath.Join(dir, "bad.pdf")
	err = build.Build(filepath.Join(dir, "data", "sample-file.toml"), badOut, build.Options{})
	want := filepath.Join(annex, "annex1.xlsx") + ":经费!F7: the cell holds the error #DIV/0!"
	if err == nil || !strings.Contains(err.Error(), want) || strings.Count(err.Error(), "\n") > 0 {
		t.Errorf("got %v, want one line holding %s", err, want)
	}
	if _, serr := os.Stat(badOut); serr == nil {
		t.Error("a PDF was written for a sheet with an error")
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
