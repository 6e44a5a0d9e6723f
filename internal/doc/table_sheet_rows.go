package doc

// table_sheet_rows.go turns the cells read from a spreadsheet
// (table_sheet.go) into a table: the header rows with their spans, the
// rows handed to the same reader as a TOML table's rows (so that every
// check of a value, a span, an equals and a 合计 is the one TOML tables
// have), and the checks only a sheet needs: its computed cells and its
// 合计 row against what the table computes.

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
)

// sheetNumber is a number read from a spreadsheet's cell, among the
// values of a row (where TOML gives int64 or float64).
type sheetNumber struct{ fig Figure }

// totalLabels are the first cells of a sheet's 合计 row.
var totalLabels = []string{"合计", "总计"}

// headerRows decides how many of the grid's first rows are the header:
// n when the table file says; else the first row, every row a merged
// header cell reaches down into, and each next row whose figures columns
// hold text and no number (the leaf titles under a group).
func (g *grid) headerRows(n int, cols []Column) {
	g.total = -1
	if n > 0 {
		g.header = min(n, len(g.cells))
		return
	}
	h := 1
	for grown := true; grown && h < maxHeaderRows; {
		grown = false
		for _, m := range g.merges {
			if m.row < h && m.row+m.rows > h && m.row+m.rows <= maxHeaderRows {
				h, grown = m.row+m.rows, true
			}
		}
		if h < len(g.cells) && titleRow(g.cells[h], cols) {
			h, grown = h+1, true
		}
	}
	g.header = min(h, len(g.cells))
}

// titleRow says whether a row reads as header text: no figures column
// holds a number, and one holds text other than "—".
func titleRow(row []sheetCell, cols []Column) bool {
	text := false
	for j, c := range cols {
		if !c.Figures {
			continue
		}
		switch x := row[j]; {
		case x.num != nil:
			return false
		case x.text != "" && x.text != NotApplicable:
			if _, isNum := textFigure(x.text); isNum {
				return false
			}
			text = true
		}
	}
	return text
}

// headerBoxes are the header's cells with their spans: a sheet's merged
// cells; in a .csv, an empty cell continues the cell to its left (above
// the last header row) or the one above it.
func (g *grid) headerBoxes(w int) ([]cellBox, error) {
	h := g.header
	owner := make([][]int, h)
	for i := range owner {
		owner[i] = make([]int, w)
		for j := range owner[i] {
			owner[i][j] = -1
		}
	}
	var boxes []cellBox
	claim := func(b cellBox) {
		for i := b.row; i < b.row+b.rows; i++ {
			for j := b.col; j < b.col+b.cols; j++ {
				owner[i][j] = len(boxes)
			}
		}
		boxes = append(boxes, b)
	}
	for _, m := range g.merges {
		if m.row >= h {
			continue
		}
		if m.row+m.rows > h {
			return nil, Errorf(g.at(m.row, m.col), "this merged cell runs from the header (%d rows) into the rows below it: unmerge it, or say how many rows the header has with header_rows", h)
		}
		claim(m)
	}
	for i := 0; i < h; i++ {
		for j := 0; j < w; j++ {
			if owner[i][j] >= 0 {
				continue
			}
			if g.pos != nil && g.cells[i][j].empty() {
				if i < h-1 && j > 0 && owner[i][j-1] >= 0 {
					if b := &boxes[owner[i][j-1]]; b.row == i && b.rows == 1 {
						b.cols++
						owner[i][j] = owner[i][j-1]
						continue
					}
				}
				if i > 0 && owner[i-1][j] >= 0 {
					if b := &boxes[owner[i-1][j]]; b.col == j && b.row+b.rows == i && g.emptyRun(i, j, b.cols, owner) {
						b.rows++
						for k := j; k < j+b.cols; k++ {
							owner[i][k] = owner[i-1][j]
						}
						continue
					}
				}
			}
			claim(cellBox{row: i, col: j, rows: 1, cols: 1})
		}
	}
	sort.SliceStable(boxes, func(a, b int) bool {
		if boxes[a].row != boxes[b].row {
			return boxes[a].row < boxes[b].row
		}
		return boxes[a].col < boxes[b].col
	})
	return boxes, nil
}

// emptyRun says whether the n header cells of row i from column j are
// empty and belong to no cell yet.
func (g *grid) emptyRun(i, j, n int, owner [][]int) bool {
	for k := j; k < j+n && k < len(owner[i]); k++ {
		if owner[i][k] >= 0 || !g.cells[i][k].empty() {
			return false
		}
	}
	return true
}

// head makes the table's header rows from the sheet's, and gives each
// column the title and groups above it (for messages); a title the table
// file writes must be the sheet's, so that a column inserted in the sheet
// cannot shift every figure into the wrong column unseen. It says
// whether the rows can be read below the header.
func (g *grid) head(b *tableBuilder) bool {
	cols := b.t.Columns
	if g.header >= len(g.cells) {
		b.r.errs = append(b.r.errs, Errorf(g.at(0, 0), "the sheet has a header and no rows below it"))
		return false
	}
	boxes, err := g.headerBoxes(len(cols))
	if err != nil {
		b.r.errs = append(b.r.errs, err)
		return false
	}
	rows := make([]Row, g.header)
	for i := range rows {
		rows[i] = Row{Kind: HeaderRow, Pos: g.at(i, 0)}
	}
	for _, x := range boxes {
		rows[x.row].Cells = append(rows[x.row].Cells, Cell{Col: x.col, ColSpan: x.cols, RowSpan: x.rows, Text: g.cells[x.row][x.col].text, Align: AlignCenter, Pos: g.at(x.row, x.col)})
	}
	b.t.Head = rows
	for j := range cols {
		var path []Cell // the header cells over column j, top down
		for _, x := range boxes {
			if x.col <= j && j < x.col+x.cols {
				path = append(path, Cell{Text: g.cells[x.row][x.col].text, Pos: g.at(x.row, x.col)})
			}
		}
		leaf := path[len(path)-1]
		c := &cols[j]
		if leaf.Text == "" && g.emptyColumn(j) {
			b.r.errs = append(b.r.errs, Errorf(leaf.Pos, "column %q has neither a header nor a value in the sheet: the sheet has fewer columns than [[columns]] declares (%d)", c.Key, len(cols)))
			continue
		}
		if c.Title != "" && c.Title != leaf.Text {
			b.r.errs = append(b.r.errs, Errorf(leaf.Pos, "column %q: the table file's title is %q, but the sheet's header here reads %q: the sheet's columns are not those [[columns]] declares, in that order", c.Key, c.Title, leaf.Text))
			continue
		}
		c.Title, c.Group = leaf.Text, nil
		for _, p := range path[:len(path)-1] {
			if p.Text != "" {
				c.Group = append(c.Group, p.Text)
			}
		}
	}
	return true
}

// emptyColumn says whether no row below the header holds anything in
// column j.
func (g *grid) emptyColumn(j int) bool {
	for i := g.header; i < len(g.cells); i++ {
		if !g.cells[i][j].empty() {
			return false
		}
	}
	for _, m := range g.merges {
		if m.row >= g.header && m.col < j && j < m.col+m.cols {
			return false // covered by a cell spanning it
		}
	}
	return true
}

// place hands the sheet's rows below the header to the table's reader as
// raw["rows"], each value at its cell's position, and its 合计 row as the
// table's total.
func (g *grid) place(b *tableBuilder, raw map[string]any) {
	r, cols := b.r, b.t.Columns
	starts := map[[2]int]cellBox{}
	covered := map[[2]int]bool{}
	for _, m := range g.merges {
		if m.row < g.header {
			continue
		}
		starts[[2]int{m.row, m.col}] = m
		for i := m.row; i < m.row+m.rows; i++ {
			for j := m.col; j < m.col+m.cols; j++ {
				if i != m.row || j != m.col {
					covered[[2]int{i, j}] = true
				}
			}
		}
	}
	g.rowAt = map[Pos]int{}
	var rows []any
	r.pos["rows"] = g.at(g.header, 0)
	label := ""
	for i := g.header; i < len(g.cells); i++ {
		row := g.cells[i]
		if blankRow(row) && !g.startsIn(i, starts) {
			continue // an empty line between rows of the sheet
		}
		if g.total >= 0 {
			j := 0
			for row[j].empty() {
				j++
			}
			r.errs = append(r.errs, Errorf(g.at(i, j), "this row is below the table's %s row (row of %s): the table ends at its %s row; move what it says into the table file's note", label, g.at(g.total, 0), label))
			break
		}
		if l := strings.Join(strings.Fields(strings.ReplaceAll(row[0].text, "　", " ")), ""); contains(totalLabels, l) {
			g.total, label, g.totalLabel = i, l, l
			continue
		}
		p := fmt.Sprintf("rows.%d", len(rows))
		r.pos[p] = g.at(i, 0)
		if g.groupRow(i, starts, len(cols)) {
			rows = append(rows, row[0].text)
			continue
		}
		g.rowAt[g.at(i, 0)] = i
		var vals []any
		for j := range cols {
			if covered[[2]int{i, j}] {
				continue
			}
			m, isStart := starts[[2]int{i, j}]
			if cols[j].derived() {
				if isStart {
					r.errs = append(r.errs, Errorf(g.at(i, j), "a merged cell starts in column %q, which the table computes (%s): unmerge it", cols[j].Key, derivation(&cols[j])))
				}
				continue
			}
			v := g.value(row[j], &cols[j])
			if isStart && (m.rows > 1 || m.cols > 1) {
				span := map[string]any{"text": v}
				if m.rows > 1 {
					span["rowspan"] = int64(m.rows)
				}
				if m.cols > 1 {
					span["colspan"] = int64(m.cols)
				}
				v = span
			}
			r.pos[fmt.Sprintf("%s.%d", p, len(vals))] = g.at(i, j)
			vals = append(vals, v)
		}
		rows = append(rows, vals)
	}
	raw["rows"] = rows
	if _, ok := raw["total"]; g.total >= 0 && !ok {
		raw["total"] = map[string]any{"label": label}
		r.pos["total"] = g.at(g.total, 0)
	}
}

func (g *grid) startsIn(i int, starts map[[2]int]cellBox) bool {
	for k := range starts {
		if k[0] == i {
			return true
		}
	}
	return false
}

// groupRow says whether row i is a group row: one cell merged across the
// table; in a .csv, a first cell of text and nothing else.
func (g *grid) groupRow(i int, starts map[[2]int]cellBox, w int) bool {
	if w < 2 || g.cells[i][0].text == "" {
		return false
	}
	if m, ok := starts[[2]int{i, 0}]; ok {
		return m.cols == w && m.rows == 1
	}
	return g.pos != nil && g.cells[i][0].num == nil && blankRow(g.cells[i][1:])
}

// value is what a cell gives the column: a number for a figures column
// (read from text where the cell holds a number as text), a list of the
// items written one a line or separated by 、 for a list column, else the
// text it shows.
func (g *grid) value(c sheetCell, col *Column) any {
	switch {
	case col.Figures && c.num != nil:
		return sheetNumber{*c.num}
	case col.Figures:
		if f, ok := textFigure(c.text); ok {
			return sheetNumber{*f}
		}
	case col.List:
		lines := c.lines
		if lines == nil {
			lines = []string{c.text}
		}
		var items []any
		for _, l := range lines {
			for _, s := range strings.Split(l, "、") {
				if s = strings.TrimSpace(s); s != "" {
					items = append(items, s)
				}
			}
		}
		return items
	}
	return c.text
}

// sheetFigure checks a number from a sheet against its column, as value
// checks a typed decimal: the places the cell shows must fit the column's.
func (b *tableBuilder) sheetFigure(n sheetNumber, p string, c *Column) (Value, bool) {
	f := n.fig
	switch {
	case f.Value.Abs().GreaterThan(decimal.NewFromInt(maxFigure)):
		b.r.errf(p, "%s is too large for a figure", f)
		return Value{Pos: b.r.at(p)}, false
	case f.Places > c.Decimals && c.Decimals == 0:
		b.r.errf(p, "column %q (%s) holds whole numbers, but the cell shows %s: format the cell without decimals (0), or give the column decimals = %d", c.Key, columnName(c), f, f.Places)
		return Value{Pos: b.r.at(p)}, false
	case f.Places > c.Decimals:
		b.r.errf(p, "the cell shows %s, with %d decimals; column %q (%s) prints %d: format the cell with %d, or give the column decimals = %d", f, f.Places, c.Key, columnName(c), c.Decimals, c.Decimals, f.Places)
		return Value{Pos: b.r.at(p)}, false
	}
	return b.figure(f, p, c)
}

// checkDerived puts each computed cell at its place in the sheet and
// checks the sheet's own figure there, when it has one, against the
// table's: a rate the sheet computes by a formula must be the rate the
// table prints.
func (g *grid) checkDerived(b *tableBuilder) {
	totals := b.sums()
	for ri := range b.t.Rows {
		row := &b.t.Rows[ri]
		i, ok := g.rowAt[row.Pos]
		if !ok || row.Kind != DataRow {
			continue
		}
		for j := range b.t.Columns {
			c := &b.t.Columns[j]
			if !c.derived() || j < len(row.covered) && row.covered[j] {
				continue
			}
			at := g.at(i, j)
			if cell := cellAt(row, j); cell != nil {
				cell.Pos = at
			}
			v := row.Values[c.Key]
			v.Pos = at
			row.Values[c.Key] = v
			exact := func() (*big.Rat, bool) {
				if c.Rank != "" {
					return ratOf(v.Fig), v.IsNum
				}
				x, err := c.expr.eval(func(k string) (*big.Rat, bool) {
					y, ok := row.Values[k]
					if !ok || !y.IsNum {
						return nil, false
					}
					return ratOf(y.Fig), true
				}, func(k string) (*big.Rat, bool) {
					t, ok := totals[k]
					if !ok || !t.IsNum {
						return nil, false
					}
					return ratOf(t.Fig), true
				})
				return x, err == nil
			}
			if msg := sheetDiffers(g.cells[i][j], exact, c.Decimals); msg != "" {
				b.r.errs = append(b.r.errs, Errorf(at, "column %q (%s) is computed (%s): the sheet shows %s here, but the row's figures give %s", c.Key, columnName(c), derivation(c), g.cells[i][j].text, msg))
			}
		}
	}
}

// sheetDiffers compares what a sheet's cell shows with the exact figure
// the table has for it, at the places the cell shows: "" when they agree
// (or the cell is empty), else the table's figure at those places (at
// the column's, places, when the cell shows no number).
func sheetDiffers(c sheetCell, exact func() (*big.Rat, bool), places int32) string {
	if c.empty() {
		return ""
	}
	num := c.num
	if num == nil {
		num, _ = textFigure(c.text)
	}
	x, ok := exact()
	switch {
	case !ok && num == nil:
		return "" // — both
	case !ok:
		return NotApplicable
	case num == nil:
		return Figure{Value: RoundHalfAway(x, places), Places: places}.String()
	}
	want := RoundHalfAway(x, num.Places)
	if want.Equal(num.Value) {
		return ""
	}
	return Figure{Value: want, Places: num.Places}.String()
}

// checkTotal checks the sheet's 合计 row against the table's totals, at
// the places each of its cells shows, and puts the total row's cells at
// their places in the sheet.
func (g *grid) checkTotal(b *tableBuilder) {
	if g.total < 0 {
		return
	}
	for j := range b.t.Columns {
		c := &b.t.Columns[j]
		if !c.Sum && c.Compute == "" {
			continue
		}
		t, ok := b.t.totals[c.Key]
		exact := func() (*big.Rat, bool) {
			if !ok || !t.IsNum {
				return nil, false
			}
			if c.Compute != "" {
				x, err := c.expr.eval(func(k string) (*big.Rat, bool) {
					y, ok := b.t.totals[k]
					if !ok || !y.IsNum {
						return nil, false
					}
					return ratOf(y.Fig), true
				}, func(k string) (*big.Rat, bool) {
					y, ok := b.t.totals[k]
					return ratOf(y.Fig), ok && y.IsNum
				})
				return x, err == nil
			}
			return ratOf(t.Fig), true
		}
		sc := g.cells[g.total][j]
		msg := sheetDiffers(sc, exact, c.Decimals)
		switch at, label := g.at(g.total, j), g.totalLabel; {
		case msg == "":
		case c.Compute != "":
			b.r.errs = append(b.r.errs, Errorf(at, "column %q (%s): the sheet's %s row shows %s, but the totals give %s = %s", c.Key, columnName(c), label, sc.text, c.Compute, msg))
		default:
			b.r.errs = append(b.r.errs, Errorf(at, "column %q (%s): the sheet's %s row shows %s, but its rows add up to %s", c.Key, columnName(c), label, sc.text, msg))
		}
	}
}

// placeTotal puts the cells of the total row made from the sheet's 合计
// row at their places in the sheet.
func (g *grid) placeTotal(b *tableBuilder) {
	if g.total < 0 || len(b.t.Rows) == 0 {
		return
	}
	last := &b.t.Rows[len(b.t.Rows)-1]
	if last.Kind != TotalRow || last.Pos != g.at(g.total, 0) {
		return
	}
	for k := range last.Cells {
		last.Cells[k].Pos = g.at(g.total, last.Cells[k].Col)
	}
	for key, v := range last.Values {
		for j, c := range b.t.Columns {
			if c.Key == key {
				v.Pos = g.at(g.total, j)
			}
		}
		last.Values[key] = v
	}
}
