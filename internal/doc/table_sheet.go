package doc

// table_sheet.go lets an annex table take its header and rows from a
// spreadsheet instead of typing them into its TOML file:
//
//	source = "附件1.xlsx"   # or "附件1.csv"; next to the table file
//	sheet = "汇总"          # optional: the first sheet by default
//	start = "A3"            # optional: the header's top-left cell (A1)
//	header_rows = 2         # optional: found from the sheet by default
//
//	[[columns]]             # every column of the sheet, left to right,
//	key = "websites"        # declared as for any table (figures, decimals,
//	figures = true          # equals, compute, rank …); a title, when
//	title = "网站总数"      # given, must be the sheet's header text
//
// The sheet gives the header (merged cells become spans; a .csv's empty
// header cells continue the cell to their left, or above), the rows (a
// merged cell spans rows or columns as an inline table's rowspan and
// colspan do; a row merged across the table, or in a .csv a row with only
// its first cell, is a group row) and its 合计 row (a last row whose first
// cell reads 合计 or 总计), which must equal the sums the table computes.
// A number is exact with the places the cell shows: its number format is
// read (0.00 shows two places, 0.0% a percentage with one), never a
// float's digits. A formula is taken as the value the file caches, and is
// checked as a typed figure is; a formula without one is an error at its
// cell. A computed column's cells, when the sheet fills them, must equal
// what the table computes. A .csv is UTF-8, or GBK/GB18030 (what Excel
// and WPS save on Chinese Windows), which is read and said in a note.
//
// Every message names the spreadsheet's cell (附件1.xlsx:Sheet1!C7) or
// the .csv's line and column, through the same positions (rows.3.2) as a
// TOML table's values.

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gongwen/internal/input"
	"gongwen/internal/say"
	"gongwen/internal/source"
)

// MaxSheetUnzip bounds what an .xlsx may unzip to, all its parts
// together: excelize checks each part's declared size against it before
// unzipping, and archive/zip stops a part that inflates past its declared
// size. A table's workbook unzips to well under a megabyte. Every part is
// held in memory (excelize's limit for parts kept in memory is set to
// the same), so nothing is written to a temporary folder.
const MaxSheetUnzip = 64 << 20

// csvGBKNote is what a build says once of a .csv it read as GBK.
const csvGBKNote = "read as GBK/GB18030, the encoding Excel and WPS save a .csv in on Chinese Windows (not UTF-8)"

// sheetKeys are the keys of a table whose rows come from a spreadsheet.
var sheetKeys = []string{"source", "sheet", "start", "header_rows"}

// maxHeaderRows bounds header_rows: a header of more rows is not a header.
const maxHeaderRows = 10

// sheetCell is one cell of a spreadsheet, as the table reads it.
type sheetCell struct {
	text  string   // what the cell shows: text, or a number as formatted
	lines []string // its lines, when a line break typed in it (Alt+Enter) made several
	num   *Figure  // a number, exact with the places the cell shows
	why   string   // why the cell cannot be read (a formula without a value, an error value)
	date  bool     // a date or time
}

func (c sheetCell) empty() bool { return c.text == "" && c.num == nil && c.why == "" }

// cellBox is a rectangle of cells, in grid coordinates (from 0).
type cellBox struct{ row, col, rows, cols int }

// grid is the part of a sheet a table reads: its columns, from the start
// cell down to the last row that holds anything.
type grid struct {
	file   string
	sheet  string        // "" for a .csv
	cells  [][]sheetCell // [row][column], each row as wide as the table
	merges []cellBox     // merged cells (a .csv has none)
	pos    [][]Pos       // a .csv's field positions; nil for a sheet
	row0   int           // a sheet's row and column of cells[0][0]
	col0   int
	note   string // what the build says of the file once (a .csv's encoding)
	errs   Errors // cells that cannot be read, with their places

	header     int         // how many rows the header has
	total      int         // the 合计 row, -1 for none
	totalLabel string      // its first cell, without spaces: 合计 or 总计
	rowAt      map[Pos]int // the grid row of each data row, by the row's position
}

// at is where cell (i, j) of the grid is.
func (g *grid) at(i, j int) Pos {
	if g.pos != nil {
		if i >= len(g.pos) {
			return Pos{File: g.file}
		}
		if j >= len(g.pos[i]) {
			j = len(g.pos[i]) - 1
		}
		return g.pos[i][j]
	}
	return Pos{File: g.file, Sheet: g.sheet, Line: g.row0 + i, Col: g.col0 + j}
}

// sheetName is a sheet's name as a cell reference writes it: quoted when
// it holds a space or a character a formula reads otherwise.
func sheetName(s string) string {
	if strings.ContainsAny(s, " !'-+(),;&=<>^%") {
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	}
	return s
}

// ColumnName is a spreadsheet's name of column n (1 → A, 27 → AA).
func ColumnName(n int) string {
	if n < 1 {
		return "?"
	}
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

var cellRef = regexp.MustCompile(`^([A-Za-z]{1,3})([1-9][0-9]{0,6})$`)

// parseCellRef reads a cell reference such as B3 into row and column.
func parseCellRef(s string) (row, col int, ok bool) {
	m := cellRef.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, 0, false
	}
	for _, c := range strings.ToUpper(m[1]) {
		col = col*26 + int(c-'A'+1)
	}
	row, _ = strconv.Atoi(m[2])
	return row, col, col <= 16384 && row <= 1048576
}

// spreadsheetExt names the kind of spreadsheet a file name ends in: xlsx,
// csv, or another kind gongwen does not read ("" when it is none).
func spreadsheetExt(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx", ".xlsm":
		return "xlsx"
	case ".csv":
		return "csv"
	case ".xls", ".et", ".ods", ".numbers", ".tsv":
		return "other"
	}
	return ""
}

// sheetSource reads the spreadsheet a table's source key names; nil when
// the table has none, or when it cannot be read (then with the reason).
func (b *tableBuilder) sheetSource(raw map[string]any) *grid {
	r := b.r
	name := r.fileName(raw, "source", false)
	if _, ok := raw["source"]; !ok {
		for _, k := range sheetKeys[1:] {
			if _, ok := raw[k]; ok {
				r.used[k] = true
				r.errf(k, "%s is for a table whose rows come from a spreadsheet: add source = \"附件1.xlsx\" (or a .csv)", k)
			}
		}
		return nil
	}
	if strings.TrimSpace(name) == "" {
		if len(r.errs) == 0 {
			r.errf("source", "source is empty: name the .xlsx or .csv the rows come from")
		}
		return nil
	}
	if _, ok := raw["rows"]; ok {
		r.used["rows"] = true
		r.errf("rows", "the rows come from %s (source): remove rows, or source", name)
	}
	if list, ok := raw["columns"].([]map[string]any); ok {
		for i, m := range list {
			for _, k := range []string{"group", "unit", "corner"} {
				if _, ok := m[k]; ok {
					at := fmt.Sprintf("columns.%d.%s", i, k)
					r.errf(at, "the header comes from %s (source): %s is for a table that types its rows; write it in the sheet's header", name, k)
				}
			}
		}
	}
	sheet := r.text(raw, "sheet", false)
	row0, col0, bad := 1, 1, false
	if s := r.str(raw, "start", false); s != "" {
		var ok bool
		if row0, col0, ok = parseCellRef(s); !ok {
			r.errf("start", "start is %q; write the header's top-left cell, like A3", s)
			bad = true
		}
	}
	header := 0
	if v, ok := r.get(raw, "header_rows", false); ok {
		n, isInt := v.(int64)
		if !isInt || n < 1 || n > maxHeaderRows {
			r.errf("header_rows", "header_rows must be a whole number from 1 to %d, not %v", maxHeaderRows, v)
			bad = true
		}
		header = int(n)
	}
	path := resolve(filepath.Dir(r.file), name)
	width := len(b.t.Columns)
	if width == 0 || bad {
		return nil // no columns to read the sheet by, or no place to read it from (said already)
	}
	var g *grid
	var err error
	switch spreadsheetExt(path) {
	case "xlsx":
		g, err = readXLSX(r.sources, path, sheet, row0, col0, width)
	case "csv":
		if sheet != "" {
			r.errf("sheet", "%s is a .csv, a single sheet: remove sheet", name)
			return nil
		}
		g, err = readCSV(r.sources, path, row0, col0, width)
	case "other":
		r.errf("source", "source %s: gongwen reads .xlsx and .csv; save the sheet as an Excel workbook (.xlsx) or as CSV", name)
		return nil
	default:
		r.errf("source", "source %s is not a spreadsheet: name an .xlsx or a .csv", name)
		return nil
	}
	var e *Error
	switch {
	case errors.As(err, &e):
		r.errs = append(r.errs, e)
		return nil
	case err != nil:
		r.errf("source", "source %s: %s", path, err.Error())
		return nil
	}
	if len(g.errs) > 0 {
		r.errs = append(r.errs, g.errs...)
		return nil
	}
	b.t.From, b.t.FromNote = path, g.note
	g.headerRows(header, b.t.Columns)
	return g
}

// readXLSX reads the table's columns of a sheet of the workbook at path,
// from the cell at row0, col0.
func readXLSX(s *source.Sources, path, sheet string, row0, col0, width int) (g *grid, err error) {
	data, err := s.Read(path, input.Sheet)
	if err != nil {
		return nil, err
	}
	defer func() {
		// excelize reads what a file claims; a file that trips it up
		// is a file it cannot read, never a crash of the build.
		if p := recover(); p != nil {
			g, err = nil, say.Errorf("cannot be read as an Excel workbook (%v)", p)
		}
	}()
	// Dates in text columns as a Chinese office's Excel and WPS show
	// them: 2025/3/10, and the zh-CN built-in formats (2025年3月10日).
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxSheetUnzip, UnzipXMLSizeLimit: MaxSheetUnzip,
		CultureInfo: excelize.CultureNameZhCN, ShortDatePattern: "yyyy/m/d"})
	switch {
	case err != nil && strings.Contains(err.Error(), "unzip size exceeds"):
		return nil, say.Errorf("unzips to more than %s; a table's workbook may unzip to at most that", input.Size(MaxSheetUnzip))
	case errors.Is(err, zip.ErrFormat), errors.Is(err, excelize.ErrWorkbookFileFormat):
		return nil, say.Errorf("is not an Excel workbook (.xlsx): save the sheet from Excel or WPS as 'Excel 工作簿 (*.xlsx)'")
	case errors.Is(err, excelize.ErrWorkbookPassword):
		return nil, say.Errorf("is protected by a password: save a copy without one")
	case err != nil:
		return nil, say.Errorf("cannot be read as an Excel workbook (%v)", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, say.Errorf("has no sheets")
	}
	if sheet == "" {
		sheet = sheets[0]
	} else if !contains(sheets, sheet) {
		return nil, say.Errorf("has no sheet %q (its sheets: %s)", sheet, strings.Join(sheets, ", "))
	}
	g = &grid{file: path, sheet: sheet, row0: row0, col0: col0}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, say.Errorf("sheet %q cannot be read (%v)", sheet, err)
	}
	last := len(rows) // the last row that holds anything, from 1
	if last-row0+1 > MaxTableRows+maxHeaderRows+1 {
		return nil, say.Errorf("sheet %q has %d rows; a table has at most %d: split it into several annexes", sheet, last, MaxTableRows)
	}
	// A value right of the table's columns: the sheet has a column the
	// table file does not declare, and every column after it is off by one.
	for i := row0 - 1; i < last; i++ {
		for j := col0 - 1 + width; j < len(rows[i]); j++ {
			if strings.TrimSpace(rows[i][j]) != "" {
				at := Pos{File: path, Sheet: sheet, Line: i + 1, Col: j + 1}
				return nil, Errorf(at, "this cell is right of the table's %d columns ([[columns]] declares %d, from %s): declare a column for it, or clear it", width, width, ColumnName(col0))
			}
		}
	}
	// A hidden row or column is in the sheet and in its sums, yet not
	// on the clerk's screen: printing it, or leaving it out, would each
	// surprise someone.
	for j := col0; j < col0+width; j++ {
		if visible, err := f.GetColVisible(sheet, ColumnName(j)); err == nil && !visible {
			return nil, Errorf(Pos{File: path, Sheet: sheet, Line: row0, Col: j}, "column %s is hidden in the sheet: unhide it, or delete it (a table prints every column it reads)", ColumnName(j))
		}
	}
	for i := row0; i <= last; i++ {
		if visible, err := f.GetRowVisible(sheet, i); err == nil && !visible {
			return nil, Errorf(Pos{File: path, Sheet: sheet, Line: i, Col: col0}, "row %d is hidden in the sheet: unhide it, or delete it (a table prints every row it reads)", i)
		}
	}
	for i := row0; i <= last; i++ {
		row := make([]sheetCell, width)
		for j := range row {
			row[j] = readCell(f, sheet, i, col0+j)
		}
		g.cells = append(g.cells, row)
	}
	merged, err := f.GetMergeCells(sheet, true)
	if err != nil {
		return nil, say.Errorf("sheet %q: its merged cells cannot be read (%v)", sheet, err)
	}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r2 < row0 || c2 < col0 || c1 >= col0+width || r1 > last {
			continue // not in the table
		}
		if r1 < row0 || c1 < col0 || c2 >= col0+width {
			at := Pos{File: path, Sheet: sheet, Line: max(r1, row0), Col: max(c1, col0)}
			return nil, Errorf(at, "the merged cell %s:%s reaches out of the table's columns %s to %s, from row %d", m.GetStartAxis(), m.GetEndAxis(), ColumnName(col0), ColumnName(col0+width-1), row0)
		}
		m := cellBox{row: r1 - row0, col: c1 - col0, rows: r2 - r1 + 1, cols: c2 - c1 + 1}
		g.merges = append(g.merges, m)
		// excelize gives every cell of a merged range the first one's
		// value; the others are covered, and hold nothing of their own.
		for i := m.row; i < m.row+m.rows && i < len(g.cells); i++ {
			for j := m.col; j < m.col+m.cols; j++ {
				if i != m.row || j != m.col {
					g.cells[i][j] = sheetCell{}
				}
			}
		}
	}
	for i, row := range g.cells {
		for j, c := range row {
			if c.why != "" {
				g.errs = append(g.errs, Errorf(g.at(i, j), "%s", c.why))
			}
		}
	}
	return g, nil
}

// readCell reads one cell: the text it shows, or its number exact with
// the places its format shows; a formula by the value the file caches.
func readCell(f *excelize.File, sheet string, row, col int) sheetCell {
	ref, _ := excelize.CoordinatesToCellName(col, row)
	formula, _ := f.GetCellFormula(sheet, ref)
	typ, _ := f.GetCellType(sheet, ref)
	raw, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	shown := func() string {
		s, err := f.GetCellValue(sheet, ref)
		if err != nil {
			return raw
		}
		return cellText(s)
	}
	switch {
	case typ == excelize.CellTypeError:
		return sheetCell{why: fmt.Sprintf("the cell holds the error %s: correct it in the sheet", raw)}
	case formula != "" && raw == "" && !emptyResult(f, sheet, ref, typ):
		return sheetCell{why: fmt.Sprintf("the formula =%s has no value saved with it (the program that wrote the file did not calculate it): open the file in Excel, WPS or LibreOffice and save it", formula)}
	case typ == excelize.CellTypeSharedString, typ == excelize.CellTypeInlineString, typ == excelize.CellTypeFormula:
		return textCell(raw)
	case typ == excelize.CellTypeBool, typ == excelize.CellTypeDate:
		return sheetCell{text: shown(), date: typ == excelize.CellTypeDate}
	case strings.TrimSpace(raw) == "":
		return sheetCell{}
	}
	nf := generalFormat
	if idx, err := f.GetCellStyle(sheet, ref); err == nil {
		if st, err := f.GetStyle(idx); err == nil {
			if st.CustomNumFmt != nil {
				nf = parseNumFormat(*st.CustomNumFmt)
			} else {
				nf = builtinFormat(st.NumFmt)
			}
		}
	}
	switch nf.kind {
	case fmtDate:
		return sheetCell{text: shown(), date: true}
	case fmtOther:
		return sheetCell{text: shown()}
	}
	fig, err := nf.figure(raw)
	if err != nil {
		return sheetCell{text: shown()}
	}
	return sheetCell{text: shown(), num: &fig}
}

// emptyResult says whether a formula cell without a value is a formula
// whose result is the empty text (=IF(B3=0,"",…)), which a file stores as
// an empty text value, as excelize stores a formula it did not calculate:
// the formula, calculated here, must give the empty text too.
func emptyResult(f *excelize.File, sheet, ref string, typ excelize.CellType) bool {
	if typ != excelize.CellTypeFormula {
		return false // a number's formula: a number is never empty
	}
	v, err := f.CalcCellValue(sheet, ref)
	return err == nil && v == ""
}

// textCell is a cell of text, on one line, keeping its lines apart too
// (a list column's items may be one a line).
func textCell(s string) sheetCell {
	c := sheetCell{text: cellText(s)}
	if strings.ContainsAny(strings.TrimSpace(s), "\r\n") {
		for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
			if l = strings.TrimSpace(l); l != "" {
				c.lines = append(c.lines, l)
			}
		}
	}
	return c
}

// cellText is a cell's text on one line: a line break typed in the cell
// (Alt+Enter) only wrapped it in the sheet, and gongwen wraps cells itself.
func cellText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "")
}

// numFormat is what a cell's number format says of the number it shows.
type numFormat struct {
	kind    int
	places  int32 // decimal places shown (fmtNumber)
	percent int   // each % multiplies the value by 100
	scale   int   // each , after the last digit divides it by 1000
}

const (
	fmtGeneral = iota // as many places as the value has (15 significant digits, as Excel)
	fmtNumber         // a fixed number of places
	fmtText           // @: the cell is text
	fmtDate           // a date or time
	fmtOther          // scientific, a fraction: no figure of a table
)

var generalFormat = numFormat{kind: fmtGeneral}

// builtinFormat is the format of a built-in number format id (ECMA-376
// Part 1, 18.8.30; ids 27–36 and 50–81 are dates in the East Asian
// locales).
func builtinFormat(id int) numFormat {
	switch id {
	case 1, 3, 5, 6, 37, 38, 41, 42:
		return numFormat{kind: fmtNumber}
	case 2, 4, 7, 8, 39, 40, 43, 44:
		return numFormat{kind: fmtNumber, places: 2}
	case 9:
		return numFormat{kind: fmtNumber, percent: 1}
	case 10:
		return numFormat{kind: fmtNumber, places: 2, percent: 1}
	case 11, 12, 13, 48:
		return numFormat{kind: fmtOther}
	case 49:
		return numFormat{kind: fmtText}
	}
	if id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 81 {
		return numFormat{kind: fmtDate}
	}
	return generalFormat
}

// parseNumFormat reads a custom number format code: its first section
// (positive numbers) without its literal text, colours and padding.
func parseNumFormat(code string) numFormat {
	var sec strings.Builder
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch c {
		case ';':
			i = len(code)
			continue
		case '"':
			if end := strings.IndexByte(code[i+1:], '"'); end >= 0 {
				i += end + 1
			} else {
				i = len(code)
			}
			continue
		case '[':
			if end := strings.IndexByte(code[i:], ']'); end >= 0 {
				inner := strings.ToLower(code[i+1 : i+end])
				if strings.Trim(inner, "hms") == "" { // [h] elapsed time
					sec.WriteString("h")
				}
				i += end
			}
			continue
		case '\\', '_', '*':
			i++ // the next character is literal, or padding
			continue
		}
		sec.WriteByte(c)
	}
	s := strings.TrimSpace(sec.String())
	lower := strings.ToLower(s)
	switch {
	case lower == "" || lower == "general":
		return generalFormat
	case s == "@":
		return numFormat{kind: fmtText}
	case strings.ContainsAny(lower, "ymdhs") || strings.Contains(lower, "am/pm"):
		return numFormat{kind: fmtDate}
	case strings.Contains(lower, "e+") || strings.Contains(lower, "e-") || strings.Contains(s, "/"):
		return numFormat{kind: fmtOther}
	}
	if !strings.ContainsAny(s, "0#?") {
		return generalFormat // a format of text only shows the value's own digits
	}
	nf := numFormat{kind: fmtNumber, percent: strings.Count(s, "%")}
	if i := strings.IndexByte(s, '.'); i >= 0 {
		for _, c := range s[i+1:] {
			if c != '0' && c != '#' && c != '?' {
				break
			}
			nf.places++
		}
	}
	lastDigit := strings.LastIndexAny(s, "0#?")
	for k := lastDigit + 1; k < len(s) && s[k] == ','; k++ {
		nf.scale++
	}
	return nf
}

// figure is the number a cell stores (raw, as the file writes it) as its
// format shows it: rounded half away from zero to the places shown, after
// the 15 significant digits a spreadsheet keeps (0.1+0.2 is stored as
// 0.30000000000000004 and shown as 0.3).
func (nf numFormat) figure(raw string) (Figure, error) {
	x, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
	if err != nil {
		return Figure{}, err
	}
	v, err := decimal.NewFromString(strconv.FormatFloat(x, 'g', 15, 64))
	if err != nil {
		return Figure{}, err
	}
	for k := 0; k < nf.percent; k++ {
		v = v.Shift(2)
	}
	v = v.Shift(int32(-3 * nf.scale))
	if nf.kind != fmtNumber {
		return Figure{Value: v, Places: max(0, -v.Exponent())}, nil
	}
	return Figure{Value: RoundHalfAway(v.Rat(), nf.places), Places: nf.places}, nil
}

// csvNumber is a number as a .csv writes it (as its cell showed it in the
// spreadsheet): digits with an optional sign, thousands separators, a
// point and places, and a % sign.
var csvNumber = regexp.MustCompile(`^[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?%?$`)

// textFigure reads a number written as text, as a .csv holds every number
// and a sheet may hold one (a number stored as text): exact as written,
// without its separators and %.
func textFigure(s string) (*Figure, bool) {
	if !csvNumber.MatchString(s) {
		return nil, false
	}
	f, err := ParseFigure(strings.TrimSuffix(strings.ReplaceAll(s, ",", ""), "%"))
	if err != nil {
		return nil, false
	}
	return &f, true
}

// readCSV reads the table's columns of the .csv at path, from record row0
// and field col0 (both from 1).
func readCSV(s *source.Sources, path string, row0, col0, width int) (*grid, error) {
	data, err := s.Read(path, input.Sheet)
	if err != nil {
		return nil, err
	}
	data = bytes.TrimPrefix(data, input.BOM)
	g := &grid{file: path}
	text := string(data)
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || bytes.ContainsRune(dec, utf8.RuneError) || bytes.IndexByte(dec, 0) >= 0 {
			// Neither: the reader of text says what it looks like, where.
			if _, err := input.Text(data); err != nil {
				return nil, Errorf(InputPos(path, err), "%v", err)
			}
			return nil, say.Errorf("is neither UTF-8 nor GBK/GB18030 text")
		}
		text = string(dec)
		g.note = csvGBKNote
	}
	starts := []int{0} // each line's first byte, for the columns of fields
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	at := func(line, byteCol int) Pos {
		col := byteCol
		if line >= 1 && line <= len(starts) && byteCol >= 1 && starts[line-1]+byteCol-1 <= len(text) {
			col = utf8.RuneCountInString(text[starts[line-1]:starts[line-1]+byteCol-1]) + 1
		}
		return Pos{File: path, Line: line, Col: col}
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	first, _, _ := strings.Cut(text, "\n")
	if strings.Contains(first, "\t") && !strings.Contains(first, ",") {
		cr.Comma = '\t' // tab-separated, as a sheet copied from Excel is
	}
	for n := 1; ; n++ {
		rec, err := cr.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, Errorf(at(pe.Line, pe.Column), "CSV: %s", pe.Err.Error())
			}
			break // io.EOF
		}
		if n < row0 {
			continue
		}
		if len(g.cells) > MaxTableRows+maxHeaderRows+1 {
			return nil, say.Errorf("has more than %d rows; a table has at most %d: split it into several annexes", MaxTableRows, MaxTableRows)
		}
		row := make([]sheetCell, width)
		pos := make([]Pos, width)
		line, col := cr.FieldPos(0)
		for j := range row {
			k := col0 - 1 + j
			if k < len(rec) {
				line, col = cr.FieldPos(k)
				row[j] = textCell(rec[k])
				row[j].num, _ = textFigure(row[j].text)
			}
			pos[j] = at(line, col)
		}
		for k := col0 - 1 + width; k < len(rec); k++ {
			if strings.TrimSpace(rec[k]) != "" {
				l, c := cr.FieldPos(k)
				return nil, Errorf(at(l, c), "this value is right of the table's %d columns ([[columns]] declares %d): declare a column for it, or remove it", width, width)
			}
		}
		g.cells = append(g.cells, row)
		g.pos = append(g.pos, pos)
	}
	for len(g.cells) > 0 && blankRow(g.cells[len(g.cells)-1]) {
		g.cells, g.pos = g.cells[:len(g.cells)-1], g.pos[:len(g.pos)-1]
	}
	return g, nil
}

func blankRow(row []sheetCell) bool {
	for _, c := range row {
		if !c.empty() {
			return false
		}
	}
	return true
}
