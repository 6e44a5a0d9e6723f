package doc

// table.go is the model of an annex's table (附件 of GB/T 9704-2012 clause
// 8): columns with grouped (multi-level) headers, rows of cells that may
// span rows and columns, group rows and a computed 合计 row; and the queries
// a body template uses to quote figures derived from a table, so that a
// figure is written once, in the table's data. Loading a table from TOML is
// in table_load.go.

import (
	"errors"
	"fmt"
	"strings"

	"gongwen/internal/say"
)

// Align is how a cell's lines sit between its left and right padding.
type Align int

const (
	AlignCenter  Align = iota // each line centred: headers, figures and short text
	AlignLeft                 // lines flush left, ragged right
	AlignJustify              // lines justified to the cell, the last flush left (running text)
	AlignRight                // lines flush right
)

var alignNames = map[string]Align{"center": AlignCenter, "left": AlignLeft, "justify": AlignJustify, "right": AlignRight}

// NotApplicable is what a figures cell holds when the figure does not apply
// (省直部门 have no 市级门户网站): printed as written, counted as nothing.
const NotApplicable = "—"

// Orientation of a table's pages.
type Orientation int

const (
	OrientAuto      Orientation = iota // portrait, landscape only when the table is too wide for the 版心
	OrientPortrait                     // always portrait (cells wrap, or the table is refused)
	OrientLandscape                    // always landscape
)

// Column is one leaf column of a table, left to right.
type Column struct {
	Key    string   // how rows and templates name it: "websites"
	Title  string   // its header cell: "网站总数"; empty when a group heads it alone
	Group  []string // header cells above the title, outermost first; neighbours with the same groups share them
	Corner string   // 斜线表头: text set above a diagonal rule, the Title below it
	Width  float64  // mm; 0 means derived from the content
	Align  Align

	Figures  bool     // numbers (or NotApplicable): centred, summed into the 合计 row
	Negative bool     // figures may be below zero (a difference, a change); otherwise they count things
	Decimals int32    // decimal places every figure of the column prints with (0: whole numbers)
	Unit     string   // shown after the title in the header: 防火经费（万元）
	Sum      bool     // summed into the 合计 row (figures columns unless told otherwise)
	Equals   []string // keys of columns whose sum each row's figure must equal

	// Compute is an expression of the row's other figures (column keys,
	// total.KEY for a column's 合计, numbers, + - * / and parentheses):
	// the column is computed, never typed, rounded half away from zero to
	// Decimals, and its 合计 is the expression of the totals.
	Compute string
	// LargestRemainder (rounding = "largest_remainder") rounds the
	// computed cells so that they add up to the column's 合计 exactly:
	// each is cut down to Decimals, and the units so lost go one each to
	// the cells with the largest remainders (the earlier row first on a
	// tie). The default rounds each cell on its own, half away from zero.
	LargestRemainder bool
	// Rank is the key of the column whose figures rank the rows (名次):
	// 1 for the largest (with Ascending, the smallest); equal figures
	// share a rank.
	Rank      string
	Ascending bool
	expr      *expr

	List     bool   // cells hold lists of items
	PerLine  int    // list items set side by side, this many a line (at most)
	Join     string // list items run on as text, separated by this, instead of PerLine
	Vertical bool   // text set one character under another
	Merge    bool   // equal neighbouring cells merge into one cell spanning their rows

	Pos Pos
}

// Value is one datum of a data row as the data file writes it.
type Value struct {
	Text    string // text, or the figure as printed
	Fig     Figure // the figure, when IsNum
	IsNum   bool
	Items   []string // a list cell's items
	ItemPos []Pos
	Pos     Pos
}

// RowKind tells header, data, group and total rows apart.
type RowKind int

const (
	HeaderRow RowKind = iota // a row of column headers, repeated on each page the table covers
	DataRow                  // a row of the data
	GroupRow                 // a heading row spanning the table (市（州）, 省直部门)
	TotalRow                 // the computed 合计 row
)

// Row is one row of the table's grid.
type Row struct {
	Kind   RowKind
	Label  string           // the row's name in messages and queries: its first value's text
	Values map[string]Value // a data row's values by column key (merged cells included)
	Cells  []Cell           // the cells that start in this row, left to right
	Pos    Pos

	covered []bool // columns covered by a cell starting elsewhere (a span)
}

// Cell is one cell of the grid. Cells covered by another cell's span are
// absent from their rows.
type Cell struct {
	Col              int // first column, from 0
	ColSpan, RowSpan int // at least 1
	Text             string
	Items            []string // a list cell's items, set PerLine a line, or run on with Join
	PerLine          int
	Join             string
	Vertical         bool
	Corner           string // 斜线表头: text above the diagonal, Text below it
	Align            Align
	Pos              Pos
}

// Table is an annex's table.
type Table struct {
	Source      string // the table's data file
	From        string // the spreadsheet (.xlsx, .csv) its rows come from, if any
	FromNote    string // what to say once of reading From (a .csv read as GBK)
	Pos         Pos    // where the document names the file
	Columns     []Column
	Head        []Row // header rows, derived from the columns' titles and groups
	Rows        []Row // body rows: data, group and (last) total rows
	Orientation Orientation

	// Sort is the key of the column whose figures order the data rows
	// (between group rows): the largest first, or with SortAscending the
	// smallest; by a rank column, rank 1 first.
	Sort          string
	SortAscending bool
	// Note is the 表注 set under the table, one paragraph an element.
	Note    []string
	NotePos Pos

	totals map[string]Value // each column's 合计, summed or computed
}

// Annex returns the table of the n-th attachment (附件n, from 1): the body
// template's way to the annexes' data.
func (d *Document) Annex(n int) (*Table, error) {
	if n < 1 || n > len(d.Attachments) {
		return nil, say.Errorf("附件%d: the document has %d attachments", n, len(d.Attachments))
	}
	t := d.Attachments[n-1].Table
	if t == nil {
		return nil, say.Errorf("附件%d (%s) has no table in the data", n, d.Attachments[n-1].Title)
	}
	return t, nil
}

// Column returns the column with key.
func (t *Table) Column(key string) (*Column, error) {
	var keys []string
	for i := range t.Columns {
		if t.Columns[i].Key == key {
			return &t.Columns[i], nil
		}
		keys = append(keys, t.Columns[i].Key)
	}
	reason := say.Sprintf("no column %q (columns: %s)", key, strings.Join(keys, ", "))
	if s := nearest(key, keys); s != "" {
		reason = say.Sprintf("no column %q, did you mean %q?", key, s)
	}
	return nil, &columnError{t.Source, reason}
}

// columnError is a key no column of the table at source has.
type columnError struct {
	source string
	reason say.Text
}

func (e *columnError) Error() string { return e.source + ": " + e.reason.String() }

// Message is the error as a message, for a printer.
func (e *columnError) Message() say.Text { return say.Sprintf("%s: %v", e.source, e.reason) }

// reason is what is wrong without the table's file, for a message that
// names the place itself; it is a whole message, translated as one.
func reason(err error) any {
	var ce *columnError
	if errors.As(err, &ce) {
		return ce.reason
	}
	return err
}

// Total is the 合计 of a figures column: the sum of its data rows (cells
// that do not apply, —, count as nothing), or for a computed column the
// expression computed from the totals. It prints with the column's
// decimals: {{$t.Total "funds"}} → 1234.50.
func (t *Table) Total(key string) (Figure, error) {
	c, err := t.Column(key)
	if err != nil {
		return Figure{}, err
	}
	switch {
	case !c.Figures:
		return Figure{}, say.Errorf("%s: column %q (%s) holds no figures", t.Source, key, c.Title)
	case c.Rank != "":
		return Figure{}, say.Errorf("%s: column %q (%s) holds ranks, which have no total", t.Source, key, c.Title)
	}
	v, ok := t.totals[key]
	switch {
	case ok && v.IsNum:
		return v.Fig, nil
	case c.Compute != "":
		return Figure{}, say.Errorf("%s: column %q (%s): its total is %s (a divisor is zero, or a figure it uses does not apply)", t.Source, key, c.Title, NotApplicable)
	}
	return Figure{Places: c.Decimals}, nil
}

// Count is the number of items in a list column, over the data rows whose
// other columns hold the given texts: Count "sites" "kind" "省直部门网站"
// counts the sites of the rows whose kind is 省直部门网站. A text column
// counts a non-empty cell as one item.
func (t *Table) Count(key string, where ...string) (int, error) {
	c, err := t.Column(key)
	if err != nil {
		return 0, err
	}
	if len(where)%2 != 0 {
		return 0, say.Errorf("%s: Count %q: conditions come in pairs, column and text; %q has no text", t.Source, key, where[len(where)-1])
	}
	for i := 0; i < len(where); i += 2 {
		if _, err := t.Column(where[i]); err != nil {
			return 0, err
		}
	}
	n, matched := 0, false
rows:
	for _, r := range t.Rows {
		if r.Kind != DataRow {
			continue
		}
		for i := 0; i < len(where); i += 2 {
			if r.Values[where[i]].Text != where[i+1] {
				continue rows
			}
		}
		matched = true
		v := r.Values[key]
		switch {
		case c.List:
			n += len(v.Items)
		case v.Text != "" && v.Text != NotApplicable:
			n++
		}
	}
	if !matched && len(where) > 0 {
		return 0, say.Errorf("%s: Count %q: no row has %s", t.Source, key, conditions(where))
	}
	return n, nil
}

func conditions(where []string) string {
	var s []string
	for i := 0; i+1 < len(where); i += 2 {
		s = append(s, fmt.Sprintf("%s = %q", where[i], where[i+1]))
	}
	return strings.Join(s, " and ")
}
