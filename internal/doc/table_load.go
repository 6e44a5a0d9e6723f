package doc

// table_load.go reads an annex's table from its own TOML file (one file per
// table, named by the document's [[attachments]] entry), checking every
// value and the sums the data promises, with the file:line:col of each
// problem. The format, for a clerk (TOML puts every key written after a
// [header] inside that table, so an array of rows comes first):
//
//	rows = [                    # one row a line, values in column order …
//	  ["成都", 65, 1, 43, 21, 0, 915, 0],
//	  "市（州）",                # … a bare string is a group row across the table
//	]
//
//	[total]                     # a computed 合计 row
//	label = "合计"
//
//	[[columns]]                 # one per column, left to right
//	key = "websites"            # the name rows and templates use
//	title = "网站总数"          # its header
//	group = "政府网站检查情况"  # header above it, shared by neighbours (an array for several levels)
//	figures = true              # whole numbers (or "—"), centred, summed into the 合计 row
//	equals = ["a", "b"]         # each row's figure must be the sum of these columns
//
//	[[rows]]                    # … or, instead of the array, one table a row,
//	tier = "第一梯队"           # values by column key
//	sites = ["甲", "乙"]        # a list cell
//
// A value may be an inline table {text = "…", rowspan = 2, colspan = 2} to
// span cells; the slots it covers are left out of the rows below (or, in
// [[rows]], their keys are not written). See the Column fields for the other
// column settings (corner, width, align, list, per_line, join, vertical,
// merge, sum) and orientation = "auto" | "portrait" | "landscape".

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"gongwen/internal/input"
	"gongwen/internal/say"
	"gongwen/internal/source"
)

// knownTableKeys lists the keys of a table file, for "did you mean" hints;
// rows.* is completed with the column keys of each file.
var knownTableKeys = map[string][]string{
	"":          {"orientation", "columns", "total", "rows", "sort", "sort_ascending", "note", "source", "sheet", "start", "header_rows"},
	"columns.*": {"key", "title", "group", "corner", "width", "align", "figures", "sum", "equals", "list", "per_line", "join", "vertical", "merge", "negative", "decimals", "unit", "compute", "rounding", "rank", "ascending"},
	"total":     {"label"},
}

// cellKeys are the keys of a cell written as an inline table.
var cellKeys = []string{"text", "rowspan", "colspan", "align"}

// LoadTable reads a table's TOML file.
func LoadTable(path string) (*Table, error) { return loadTable(source.New(), path) }

func loadTable(s *source.Sources, path string) (*Table, error) {
	src, err := readSource(s, path, input.Table)
	if err != nil {
		return nil, err
	}
	return parseTable(s, path, src)
}

// ParseTable decodes a table from TOML source read from path. Every problem
// found is returned, each at its value's position.
func ParseTable(path, src string) (*Table, error) { return parseTable(source.New(), path, src) }

func parseTable(s *source.Sources, path, src string) (*Table, error) {
	raw, r, err := decode(path, src)
	if err != nil {
		return nil, err
	}
	r.sources = s
	t := &Table{Source: path}
	b := &tableBuilder{r: r, t: t}

	switch o := r.str(raw, "orientation", false); o {
	case "", "auto":
	case "portrait":
		t.Orientation = OrientPortrait
	case "landscape":
		t.Orientation = OrientLandscape
	default:
		r.errf("orientation", "orientation is %q; write auto, portrait or landscape", o)
	}
	b.columns(raw)
	b.suspect = misspeltColumns(r, raw)
	sheet := b.sheetSource(raw) // table_sheet.go: nil without a source
	t.Sort = r.str(raw, "sort", false)
	t.SortAscending = r.boolean(raw, "sort_ascending")
	t.Note, t.NotePos = r.textOrList(raw, "note"), r.at("note")
	if t.SortAscending && t.Sort == "" {
		r.errf("sort_ascending", "sort_ascending orders the rows by the column sort names; add sort = \"KEY\"")
	}
	if len(r.errs) == 0 {
		b.checkDerived() // table_compute.go
	}
	known := map[string][]string{}
	for k, v := range knownTableKeys {
		known[k] = v
	}
	keys := []string{"group"}
	for _, c := range t.Columns {
		keys = append(keys, c.Key)
	}
	known["rows.*"] = keys
	if len(t.Columns) > 0 && len(r.errs) == 0 {
		if sheet != nil { // table_sheet_rows.go
			if sheet.head(b) {
				sheet.place(b, raw)
			} else {
				raw["rows"] = []any{}
			}
		} else {
			t.Head = b.header()
		}
		b.rows(raw)
		if len(r.errs) == 0 {
			b.compute() // table_compute.go
			if sheet != nil {
				sheet.checkDerived(b)
			}
		}
		b.merge()
		b.checkSums()
		t.totals = b.sums()
		if sheet != nil && len(r.errs) == 0 {
			sheet.checkTotal(b)
		}
		b.total(raw)
		if sheet != nil {
			sheet.placeTotal(b)
		}
	} else { // the columns are wrong: the rows cannot be read against them
		r.used["rows"] = true
		if list, ok := raw["rows"].([]map[string]any); ok {
			for i, m := range list { // nor their keys: each is no problem of its own
				r.markAll(fmt.Sprintf("rows.%d", i), m)
			}
		}
		if m, ok := raw["total"].(map[string]any); ok {
			r.used["total"] = true
			r.markAll("total", m)
		}
	}
	misplaced(r, raw)
	r.unknown(raw, "", known)
	return t, r.finish()
}

// misplaced explains a top-level key written after a [header]: TOML gives it
// to that table, and the clerk sees "missing rows" and "unknown key rows".
func misplaced(r *reader, raw map[string]any) {
	check := func(path, header string, m map[string]any) {
		for _, k := range knownTableKeys[""] {
			if _, ok := m[k]; ok && k != "columns" {
				r.used[path+"."+k] = true
				r.errf(path+"."+k, "%s is written after the %s header, so TOML puts it inside that table: move %s above the first [header]", k, header, k)
			}
		}
	}
	if m, ok := raw["total"].(map[string]any); ok {
		check("total", "[total]", m)
	}
	if list, ok := raw["columns"].([]map[string]any); ok {
		for i, m := range list {
			check(fmt.Sprintf("columns.%d", i), "[[columns]]", m)
		}
	}
}

// tableBuilder turns decoded TOML into a Table.
type tableBuilder struct {
	r     *reader
	t     *Table
	order []int // the computed columns, each after those it uses
	// suspect are the columns with a misspelt setting, whose cells' own
	// problems are not reported (misspeltColumns)
	suspect map[string]bool
}

// columns reads the [[columns]], each with its settings checked alone and
// together, then the columns their equals name.
func (b *tableBuilder) columns(raw map[string]any) {
	r := b.r
	list := r.tableList(raw, "columns")
	if _, ok := raw["columns"]; !ok {
		r.errs = append(r.errs, Errorf(Pos{File: r.file}, "a table needs [[columns]]: one per column, with its key and title"))
		return
	}
	seen := map[string]string{} // each key's first place
	for i, m := range list {
		p := fmt.Sprintf("columns.%d", i)
		c := b.column(m, p)
		b.settleFigures(m, p, &c)
		if a := r.str(m, p+".align", false); a != "" {
			al, ok := alignNames[a]
			if !ok {
				r.errf(p+".align", "align is %q; write center, left, justify or right", a)
			}
			c.Align = al
		}
		if c.Key != "" {
			if prev, dup := seen[c.Key]; dup {
				r.errf(p+".key", "column key %q is used twice (first at %s)", c.Key, prev)
			}
			seen[c.Key] = r.at(p + ".key").String()
		}
		b.checkKinds(p, c)
		b.t.Columns = append(b.t.Columns, c)
	}
	b.checkEquals()
}

// column reads column p's settings, each checked on its own: the key not
// the reserved group, decimals from 0 to 10, a rounding for a computed
// column, ascending for a rank.
func (b *tableBuilder) column(m map[string]any, p string) Column {
	r := b.r
	c := Column{
		Key:      r.str(m, p+".key", true),
		Title:    r.text(m, p+".title", false),
		Group:    r.textOrList(m, p+".group"),
		Corner:   r.text(m, p+".corner", false),
		Width:    r.length(m, p+".width"),
		Figures:  r.boolean(m, p+".figures"),
		Equals:   r.strList(m, p+".equals"),
		List:     r.boolean(m, p+".list"),
		PerLine:  r.count(m, p+".per_line"),
		Join:     r.str(m, p+".join", false),
		Vertical: r.boolean(m, p+".vertical"),
		Merge:    r.boolean(m, p+".merge"),
		Negative: r.boolean(m, p+".negative"),
		Unit:     r.text(m, p+".unit", false),
		Compute:  strings.TrimSpace(r.str(m, p+".compute", false)),
		Rank:     strings.TrimSpace(r.str(m, p+".rank", false)),
		Pos:      r.at(p),
	}
	if c.Key == "group" {
		r.errf(p+".key", "%q is a reserved key: a row written group = \"…\" is a group row across the table; give the column another key", c.Key)
	}
	if v, ok := r.get(m, p+".decimals", false); ok {
		n, isInt := v.(int64)
		if !isInt || n < 0 || n > 10 {
			r.errf(p+".decimals", "decimals must be a whole number from 0 to 10, not %v", v)
		} else {
			c.Decimals = int32(n)
		}
	}
	switch v := r.str(m, p+".rounding", false); v {
	case "", RoundHalfAwayName:
	case RoundLargestRemainderName:
		c.LargestRemainder = true
		if c.Compute == "" {
			r.errf(p+".rounding", "column %q: rounding is for a computed column (compute = \"…\")", c.Key)
		}
	default:
		r.errf(p+".rounding", "column %q: rounding is %q; write %q (the default) or %q", c.Key, v, RoundHalfAwayName, RoundLargestRemainderName)
	}
	if _, ok := m["ascending"]; ok {
		c.Ascending = r.boolean(m, p+".ascending")
		if c.Rank == "" {
			r.errf(p+".ascending", "column %q: ascending is for a rank column (rank = \"KEY\")", c.Key)
		}
	}
	return c
}

// settleFigures settles what column p's figures are: a computed column's or a
// rank's are figures, never typed against equals nor summed; decimals are
// for figures and not for a rank; a typed figures column is summed into
// the 合计 unless sum = false.
func (b *tableBuilder) settleFigures(m map[string]any, p string, c *Column) {
	r := b.r
	if c.derived() {
		if _, ok := m["figures"]; !ok {
			c.Figures = true // computed figures are figures
		}
		if c.Compute != "" && c.Rank != "" {
			r.errf(p+".rank", "column %q is either computed or a rank, not both", c.Key)
		}
		if len(c.Equals) > 0 {
			r.errf(p+".equals", "column %q is computed: equals is for typed figures", c.Key)
		}
		if _, ok := m["sum"]; ok {
			r.used[p+".sum"] = true // a key known, in the wrong place: one message
			r.errf(p+".sum", "column %q is computed: its 合计 is computed too, never summed", c.Key)
		}
	}
	if c.Decimals > 0 && !c.Figures {
		r.errf(p+".decimals", "column %q: decimals is for figures columns; add figures = true", c.Key)
	}
	if c.Rank != "" && c.Decimals > 0 {
		r.errf(p+".decimals", "column %q: a rank is a whole number", c.Key)
	}
	c.Sum = c.Figures && !c.derived()
	if _, ok := m["sum"]; ok && !c.derived() {
		c.Sum = r.boolean(m, p+".sum")
	}
}

// checkKinds refuses settings of one kind of column given to another: a
// sum or negative figures without figures, a list of figures, per_line or
// join without a list, or both.
func (b *tableBuilder) checkKinds(p string, c Column) {
	r := b.r
	if c.Sum && !c.Figures {
		r.errf(p+".sum", "column %q: only a figures column can be summed; add figures = true", c.Key)
	}
	if c.Negative && !c.Figures {
		r.errf(p+".negative", "column %q: negative is for figures columns; add figures = true", c.Key)
	}
	if c.List && c.Figures {
		r.errf(p+".list", "column %q holds either lists or figures, not both", c.Key)
	}
	if (c.PerLine > 0 || c.Join != "") && !c.List {
		r.errf(p, "column %q: per_line and join are for list columns; add list = true", c.Key)
	}
	if c.PerLine > 0 && c.Join != "" {
		r.errf(p+".join", "column %q: list items go either per_line a line or run on with join, not both", c.Key)
	}
}

// checkEquals checks each column's equals: the columns it names exist and
// hold figures, and so does the column itself.
func (b *tableBuilder) checkEquals() {
	for i, c := range b.t.Columns {
		for j, k := range c.Equals {
			pc, err := b.t.Column(k)
			switch {
			case err != nil:
				b.r.errs = append(b.r.errs, Errorf(b.r.at(fmt.Sprintf("columns.%d.equals.%d", i, j)), "equals: %s", reason(err)))
			case !pc.Figures:
				b.r.errf(fmt.Sprintf("columns.%d.equals.%d", i, j), "equals: column %q holds no figures", k)
			}
		}
		if len(c.Equals) > 0 && !c.Figures {
			b.r.errf(fmt.Sprintf("columns.%d.equals", i), "column %q: equals is for figures columns; add figures = true", c.Key)
		}
	}
}

// header derives the header rows from the columns' groups and titles: a
// group is one cell over the neighbouring columns that share it (and all
// groups above it); a title spans down to the last header row; a group
// whose columns have no titles spans down itself.
func (b *tableBuilder) header() []Row {
	cols := b.t.Columns
	paths := make([][]string, len(cols))
	depth := 1
	for i, c := range cols {
		title := c.Title
		if c.Unit != "" && title != "" {
			title += "（" + c.Unit + "）"
		}
		paths[i] = append(append([]string{}, c.Group...), title)
		if c.Title == "" && len(c.Group) > 0 {
			paths[i] = paths[i][:len(paths[i])-1]
		}
		depth = max(depth, len(paths[i]))
	}
	rows := make([]Row, depth)
	for l := range rows {
		rows[l] = Row{Kind: HeaderRow, Pos: b.r.at("columns")}
	}
	for l := 0; l < depth; l++ {
		for i := 0; i < len(cols); {
			if l >= len(paths[i]) {
				i++
				continue
			}
			last := l == len(paths[i])-1
			span := 1
			if l < len(cols[i].Group) { // a group: merge neighbours that share it
				for i+span < len(cols) && l < len(cols[i+span].Group) &&
					equalPath(paths[i+span][:l+1], paths[i][:l+1]) && (l == len(paths[i+span])-1) == last {
					span++
				}
			}
			cell := Cell{Col: i, ColSpan: span, RowSpan: 1, Text: paths[i][l], Align: AlignCenter, Pos: cols[i].Pos}
			if last {
				cell.RowSpan = depth - l
				if l == len(cols[i].Group) {
					cell.Corner = cols[i].Corner
				}
			}
			rows[l].Cells = append(rows[l].Cells, cell)
			i += span
		}
	}
	return rows
}

func equalPath(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// rows reads the body rows, in either form.
// MaxTableRows bounds a table so that an absurd one (a whole database
// pasted in) ends in a clear message instead of minutes of layout; an
// annex of a 公文 has tens of rows, rarely hundreds.
const MaxTableRows = 2000

func (b *tableBuilder) rows(raw map[string]any) {
	r := b.r
	v, ok := r.get(raw, "rows", true)
	if !ok {
		return
	}
	var elems []any
	switch x := v.(type) {
	case []map[string]any:
		for _, m := range x {
			elems = append(elems, m)
		}
	case []any:
		elems = x
	default:
		r.errf("rows", "rows must be an array of rows, not %s", typeName(v))
		return
	}
	if len(elems) > MaxTableRows {
		r.errf("rows", "a table of %d rows; at most %d: split it into several annexes", len(elems), MaxTableRows)
		return
	}
	pending := make([]int, len(b.t.Columns))     // rows still covered below a cell spanning rows
	covering := make([]*Value, len(b.t.Columns)) // the value covering each column, for queries
	spanPos := make([]Pos, len(b.t.Columns))     // and the cell that covers it
	for i, e := range elems {
		p := fmt.Sprintf("rows.%d", i)
		covered := make([]bool, len(pending))
		for c := range pending {
			covered[c] = pending[c] > 0
		}
		row := Row{Kind: DataRow, Pos: r.at(p), Values: map[string]Value{}}
		var placed []Cell
		switch x := e.(type) {
		case string:
			row, placed = b.groupRow(x, p, covered)
		case map[string]any:
			if g, ok := x["group"]; ok {
				s, isStr := g.(string)
				if !isStr || len(x) > 1 {
					r.errf(p+".group", "a group row holds only group = \"its text\"")
				}
				r.markAll(p, x)
				row, placed = b.groupRow(s, p+".group", covered)
				break
			}
			placed = b.keyedRow(x, p, covered, &row)
		case []any:
			placed = b.positionalRow(x, p, covered, &row)
		default:
			r.errf(p, "a row is an array of values, a table of values by column, or a string (a group row), not %s", typeName(e))
			continue
		}
		// Spans from above end or go on; cells placed here start theirs.
		for c := range pending {
			if covered[c] {
				pending[c]--
				if cv := covering[c]; cv != nil && row.Kind == DataRow {
					row.Values[b.t.Columns[c].Key] = *cv
				}
			}
		}
		for _, cell := range placed {
			for c := cell.Col; c < cell.Col+cell.ColSpan && c < len(pending); c++ {
				pending[c] = cell.RowSpan - 1
				v := row.Values[b.t.Columns[c].Key]
				covering[c], spanPos[c] = &v, cell.Pos
			}
		}
		row.Cells = placed
		row.covered = covered
		for _, cell := range placed {
			for c := cell.Col + 1; c < cell.Col+cell.ColSpan && c < len(covered); c++ {
				covered[c] = true
			}
		}
		if row.Label == "" && len(placed) > 0 {
			row.Label = placed[0].Text
		}
		b.t.Rows = append(b.t.Rows, row)
	}
	for c, n := range pending {
		if n > 0 {
			r.errs = append(r.errs, Errorf(spanPos[c], "a cell spans %d rows more than the table has", n))
			break
		}
	}
}

func (b *tableBuilder) groupRow(text, p string, covered []bool) (Row, []Cell) {
	for _, c := range covered {
		if c {
			b.r.errf(p, "group row %q cuts through a cell spanning rows above it", text)
			break
		}
	}
	if ch, _, bad := controlChar(text, false); bad {
		b.r.errf(p, "the group row holds a control character %s; write it on one line", ControlName(ch))
	}
	text = strings.TrimSpace(text)
	pos := b.r.at(p)
	return Row{Kind: GroupRow, Label: text, Pos: pos},
		[]Cell{{Col: 0, ColSpan: len(b.t.Columns), RowSpan: 1, Text: text, Align: AlignLeft, Pos: pos}}
}

// positionalRow reads a row written as an array: one value for each column
// not covered by a span, in column order.
func (b *tableBuilder) positionalRow(vals []any, p string, covered []bool, row *Row) []Cell {
	var cells []Cell
	col := 0
	next := func() { // the next column a row writes: not covered, not computed
		for col < len(covered) && (covered[col] || b.t.Columns[col].derived()) {
			col++
		}
	}
	next()
	for i, v := range vals {
		vp := fmt.Sprintf("%s.%d", p, i)
		if col >= len(b.t.Columns) {
			free := 0
			for _, c := range covered {
				if !c {
					free++
				}
			}
			if free < len(covered) {
				b.r.errf(vp, "row %s has more values than it has free columns: %d of %d are covered by cells spanning rows from above", rowName(row, vals), len(covered)-free, len(covered))
			} else {
				b.r.errf(vp, "row %s has more values than the table has columns (%d)%s", rowName(row, vals), b.typedColumns(), b.columnList())
			}
			return cells
		}
		cell, val, ok := b.cell(v, vp, col, covered)
		if !ok {
			col += max(cell.ColSpan, 1)
			next()
			continue
		}
		b.spread(row, cell, val)
		if col == 0 {
			row.Label = val.Text
		}
		cells = append(cells, cell)
		col += cell.ColSpan
		next()
	}
	if col < len(b.t.Columns) {
		b.r.errf(p, "row %s has %d values; the table has %d columns%s", rowName(row, vals), len(vals), b.typedColumns(), b.columnList())
	}
	return cells
}

func derivation(c *Column) string {
	if c.Rank != "" {
		return fmt.Sprintf("the rank by %s", c.Rank)
	}
	return c.Compute
}

func rowName(row *Row, vals []any) string {
	if row.Label != "" {
		return strconv.Quote(row.Label)
	}
	if len(vals) > 0 {
		if s, ok := vals[0].(string); ok {
			return strconv.Quote(s)
		}
	}
	return ""
}

// columnList names the columns a row writes (computed ones are not).
func (b *tableBuilder) columnList() string {
	var s []string
	for _, c := range b.t.Columns {
		if !c.derived() {
			s = append(s, c.Key)
		}
	}
	return " (" + strings.Join(s, ", ") + ")"
}

func (b *tableBuilder) typedColumns() int {
	n := 0
	for _, c := range b.t.Columns {
		if !c.derived() {
			n++
		}
	}
	return n
}

// keyedRow reads a row written as a table of values by column key.
func (b *tableBuilder) keyedRow(m map[string]any, p string, covered []bool, row *Row) []Cell {
	var cells []Cell
	for col := 0; col < len(b.t.Columns); {
		c := b.t.Columns[col]
		vp := p + "." + c.Key
		v, ok := m[c.Key]
		if covered[col] {
			if ok {
				b.r.used[vp] = true
				b.r.errf(vp, "%s is covered by a cell spanning rows above; leave it out", c.Key)
			}
			col++
			continue
		}
		if c.derived() {
			if ok {
				b.r.used[vp] = true
				b.r.errf(vp, "%s is computed (%s), never typed; leave it out", c.Key, derivation(&c))
			}
			col++
			continue
		}
		if !ok {
			if c.Figures {
				b.r.errf(p, "row %s has no %s (%s); write %s = %q if it does not apply", strconv.Quote(row.Label), c.Key, c.Title, c.Key, NotApplicable)
			}
			cells = append(cells, Cell{Col: col, ColSpan: 1, RowSpan: 1, Align: c.Align, Vertical: c.Vertical, Pos: b.r.at(p)})
			col++
			continue
		}
		b.r.used[vp] = true
		cell, val, good := b.cell(v, vp, col, covered)
		if !good {
			col++
			continue
		}
		b.spread(row, cell, val)
		if col == 0 {
			row.Label = val.Text
		}
		cells = append(cells, cell)
		for k := col + 1; k < col+cell.ColSpan; k++ {
			if _, dup := m[b.t.Columns[k].Key]; dup {
				b.r.used[p+"."+b.t.Columns[k].Key] = true
				b.r.errf(p+"."+b.t.Columns[k].Key, "%s is covered by %s's colspan; leave it out", b.t.Columns[k].Key, c.Key)
			}
		}
		col += cell.ColSpan
	}
	return cells
}

// cell reads one value for column col at path p: a figure, a text, a list,
// or an inline table with spans.
func (b *tableBuilder) cell(v any, p string, col int, covered []bool) (Cell, Value, bool) {
	r := b.r
	c := &b.t.Columns[col]
	cell := Cell{Col: col, ColSpan: 1, RowSpan: 1, Align: c.Align, Vertical: c.Vertical, Pos: r.at(p)}
	if m, ok := v.(map[string]any); ok {
		for _, k := range sortedKeys(m) {
			if !contains(cellKeys, k) {
				msg := say.Sprintf("unknown key %q in a cell", k)
				if s := nearest(k, cellKeys); s != "" {
					msg = say.Sprintf("unknown key %q in a cell, did you mean %q?", k, s)
				}
				r.errs = append(r.errs, Errorf(r.at(p+"."+k), "%s", msg))
			}
		}
		cell.RowSpan = b.span(m, p, "rowspan")
		cell.ColSpan = b.span(m, p, "colspan")
		if a, ok := m["align"].(string); ok {
			al, known := alignNames[a]
			if !known {
				r.errf(p+".align", "align is %q; write center, left, justify or right", a)
			}
			cell.Align = al
		}
		for k := col; k < col+cell.ColSpan; k++ {
			if k >= len(b.t.Columns) || covered[k] {
				r.errf(p+".colspan", "colspan %d runs past the table's %d columns or into a cell spanning rows", cell.ColSpan, len(b.t.Columns))
				cell.ColSpan = 1
				return cell, Value{}, false
			}
		}
		v, ok = m["text"]
		if !ok {
			v = ""
		}
		p += ".text"
	}
	val, good := b.value(v, p, c)
	if good && (cell.ColSpan > 1 || cell.RowSpan > 1) && val.Text != NotApplicable && val.Text != "" {
		// A figure belongs to one row and one column: spread over several,
		// it would be summed once for each, or leave a column of the row
		// without its figure, and every check of the row would pass.
		for k := col; k < col+cell.ColSpan && k < len(b.t.Columns); k++ {
			if fc := &b.t.Columns[k]; fc.Figures {
				r.errf(p, "a cell spanning %s covers the figures column %q (%s): each figure has a cell of its own (a cell may span figures columns only to hold %q, does not apply)",
					spanName(cell), fc.Key, columnName(fc), NotApplicable)
				val = Value{Pos: val.Pos} // keeps its place, so that the row reads on
				break
			}
		}
	}
	cell.Text, cell.Items = val.Text, val.Items
	if c.List {
		cell.PerLine, cell.Join = c.PerLine, c.Join
	}
	return cell, val, good
}

func spanName(c Cell) say.Text {
	switch {
	case c.ColSpan > 1 && c.RowSpan > 1:
		return say.Sprintf("%d columns and %d rows", c.ColSpan, c.RowSpan)
	case c.ColSpan > 1:
		return say.Sprintf("%d columns", c.ColSpan)
	}
	return say.Sprintf("%d rows", c.RowSpan)
}

// spread gives every column a cell spans the cell's value: a "—" over
// three figures columns does not apply to any of them.
func (b *tableBuilder) spread(row *Row, cell Cell, val Value) {
	for k := cell.Col; k < cell.Col+cell.ColSpan && k < len(b.t.Columns); k++ {
		row.Values[b.t.Columns[k].Key] = val
	}
}

func (b *tableBuilder) span(m map[string]any, p, key string) int {
	v, ok := m[key]
	if !ok {
		return 1
	}
	n, isInt := v.(int64)
	if !isInt || n < 1 || n > 1000 {
		b.r.errf(p+"."+key, "%s must be a whole number from 1, not %v", key, v)
		return 1
	}
	return int(n)
}

// value checks a datum against its column's kind.
func (b *tableBuilder) value(v any, p string, c *Column) (Value, bool) {
	r := b.r
	if b.suspect[c.Key] {
		// A setting of the column is misspelt (reported as an unknown
		// key): what its cells would draw follows from that one typo.
		n := len(r.errs)
		defer func() { r.errs = r.errs[:n] }()
	}
	val := Value{Pos: r.at(p)}
	switch x := v.(type) {
	case int64:
		if c.List {
			r.errf(p, "column %q holds lists, like [\"甲\", \"乙\"], not a number", c.Key)
			return val, false
		}
		if x > maxFigure || x < -maxFigure {
			r.errf(p, "%d is too large for a figure", x)
			return val, false
		}
		if !c.Figures {
			val.Text = strconv.FormatInt(x, 10)
			break
		}
		return b.figure(WholeFigure(x), p, c)
	case float64:
		if !c.Figures {
			r.errf(p, "column %q holds text, not the decimal number %s; add figures = true (and decimals = N) for a column of numbers", c.Key, r.shownNumber(p, x))
			return val, false
		}
		f, err := ParseFigure(r.valueText(p))
		if err != nil || f.Value.Abs().GreaterThan(decimal.NewFromInt(maxFigure)) {
			r.errf(p, "%s is not a figure a table can print", r.shownNumber(p, x))
			return val, false
		}
		switch {
		case c.Decimals == 0:
			r.errf(p, "column %q (%s) holds whole numbers, not %s: give the column decimals = %d if its figures have decimals", c.Key, columnName(c), f, f.Places)
			return val, false
		case f.Places > c.Decimals:
			r.errf(p, "%s has %d decimals; column %q (%s) prints %d: round it, or give the column decimals = %d", f, f.Places, c.Key, columnName(c), c.Decimals, f.Places)
			return val, false
		}
		return b.figure(f, p, c)
	case string:
		s := strings.TrimSpace(x)
		if ch, _, bad := controlChar(x, false); bad {
			r.errf(p, "the text holds a control character %s; write it on one line", ControlName(ch))
		}
		switch {
		case c.Figures && s != "" && s != NotApplicable && isFigureText(s):
			r.errf(p, "column %q (%s) holds figures, and %q in quotes is text: write %s without quotes", c.Key, columnName(c), s, s)
			return val, false
		case c.Figures && s != "" && s != NotApplicable:
			hint := any("")
			if _, err := strconv.Atoi(s); err == nil {
				hint = say.Sprintf("; write %s without quotes", s)
			}
			r.errf(p, "column %q holds figures: a whole number, or %q where it does not apply, not %q%s", c.Key, NotApplicable, s, hint)
			return val, false
		case c.List && s != "":
			val.Items, val.ItemPos = []string{s}, []Pos{val.Pos}
		}
		val.Text = s
	case sheetNumber: // a spreadsheet's number (table_sheet_rows.go)
		if !c.Figures {
			val.Text = x.fig.String()
			break
		}
		return b.sheetFigure(x, p, c)
	case []any:
		if !c.List {
			r.errf(p, "column %q holds one value a cell, not a list; add list = true to the column for lists", c.Key)
			return val, false
		}
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				r.errf(fmt.Sprintf("%s.%d", p, i), "a list holds strings, not %s", typeName(e))
				return val, false
			}
			if ch, _, bad := controlChar(s, false); bad {
				r.errf(fmt.Sprintf("%s.%d", p, i), "the text holds a control character %s; write it on one line", ControlName(ch))
				return val, false
			}
			val.Items = append(val.Items, strings.TrimSpace(s))
			val.ItemPos = append(val.ItemPos, r.at(fmt.Sprintf("%s.%d", p, i)))
		}
		val.Text = strings.Join(val.Items, c.Join)
	default:
		r.errf(p, "a cell holds text, a number or a list, not %s", typeName(v))
		return val, false
	}
	return val, true
}

// isFigureText says whether s, written in quotes, reads as a figure.
func isFigureText(s string) bool {
	_, err := ParseFigure(s)
	return err == nil
}

// misspeltColumns names the columns a setting of which is an unknown key
// close to a known one (decimal for decimals): their cells' problems would
// all follow from the typo, which is reported once, as the unknown key.
func misspeltColumns(r *reader, raw map[string]any) map[string]bool {
	list, _ := raw["columns"].([]map[string]any)
	out := map[string]bool{}
	for i, m := range list {
		key, _ := m["key"].(string)
		for k := range m {
			if !r.used[fmt.Sprintf("columns.%d.%s", i, k)] && nearest(k, knownTableKeys["columns.*"]) != "" {
				out[key] = true
			}
		}
	}
	return out
}

// maxFigure bounds a typed figure: a thousand trillion, far beyond any
// table of a 公文, and a bound on what a sum can grow to.
const maxFigure = 1_000_000_000_000_000

// figure is the Value of a figure in column c, printed with the column's
// decimals; below zero only where the column allows it.
func (b *tableBuilder) figure(f Figure, p string, c *Column) (Value, bool) {
	pos := b.r.at(p)
	if f.Value.Sign() < 0 && !c.Negative {
		b.r.errf(p, "column %q (%s) counts things: %s is below zero (a column whose figures may be negative says negative = true)", c.Key, columnName(c), f)
		return Value{Pos: pos}, false
	}
	f.Places = c.Decimals
	return figureValue(f, pos), true
}

// merge joins equal neighbouring cells of Merge columns into one cell
// spanning their rows (附件2's 第一梯队 over its two kinds of site).
func (b *tableBuilder) merge() {
	rows := b.t.Rows
	for col, c := range b.t.Columns {
		if !c.Merge {
			continue
		}
		for i := 0; i < len(rows); {
			first := cellAt(&rows[i], col)
			n := 1
			if first != nil && rows[i].Kind == DataRow && first.RowSpan == 1 && first.ColSpan == 1 && first.Text != "" {
				for i+n < len(rows) && rows[i+n].Kind == DataRow {
					next := cellAt(&rows[i+n], col)
					if next == nil || next.Text != first.Text || next.RowSpan != 1 || next.ColSpan != 1 {
						break
					}
					n++
				}
			}
			if n > 1 {
				first.RowSpan = n
				for k := i + 1; k < i+n; k++ {
					removeCell(&rows[k], col)
				}
			}
			i += n
		}
	}
}

func cellAt(r *Row, col int) *Cell {
	for i := range r.Cells {
		if r.Cells[i].Col == col {
			return &r.Cells[i]
		}
	}
	return nil
}

func removeCell(r *Row, col int) {
	for i := range r.Cells {
		if r.Cells[i].Col == col {
			r.Cells = append(r.Cells[:i], r.Cells[i+1:]...)
			return
		}
	}
}

// checkSums reports every row whose figure differs from the sum of the
// columns it equals (网站总数 = 市级门户 + 市级部门 + 县级门户). A row where
// a part does not apply (—) is not checked.
func (b *tableBuilder) checkSums() {
	for _, c := range b.t.Columns {
		if len(c.Equals) == 0 {
			continue
		}
		for _, row := range b.t.Rows {
			v, ok := row.Values[c.Key]
			if row.Kind != DataRow || !ok || !v.IsNum {
				continue
			}
			sum, terms, names, applies := decimal.Zero, []string{}, []string{}, true
			for _, k := range c.Equals {
				pc, _ := b.t.Column(k)
				pv := row.Values[k]
				if !pv.IsNum {
					applies = false
					break
				}
				sum = sum.Add(pv.Fig.Value)
				terms = append(terms, pv.Text)
				names = append(names, columnName(pc))
			}
			if applies && !sum.Equal(v.Fig.Value) {
				b.r.errs = append(b.r.errs, Errorf(v.Pos, "row %q: %s is %s, but %s = %s = %s",
					row.Label, columnName(&c), v.Text, strings.Join(names, " + "), strings.Join(terms, " + "), sum.StringFixed(c.Decimals)))
			}
		}
	}
}

func columnName(c *Column) string {
	if c.Title != "" {
		return c.Title
	}
	return c.Key
}

// total appends the computed 合计 row: its label over the leading columns
// that are not summed, and each summed column's total.
func (b *tableBuilder) total(raw map[string]any) {
	m, ok := b.r.table(raw, "total", false)
	if !ok {
		return
	}
	label := b.r.text(m, "total.label", false)
	if label == "" {
		label = "合计"
	}
	pos := b.r.at("total")
	row := Row{Kind: TotalRow, Label: label, Pos: pos, Values: map[string]Value{}}
	lead := 0
	for lead < len(b.t.Columns) && !b.t.Columns[lead].Sum && b.t.Columns[lead].Compute == "" {
		lead++
	}
	if lead == 0 || lead == len(b.t.Columns) {
		b.r.errf("total", "a 合计 row needs a first column for its label and at least one column with figures = true to sum")
		return
	}
	row.Cells = append(row.Cells, Cell{Col: 0, ColSpan: lead, RowSpan: 1, Text: label, Align: AlignCenter, Pos: pos})
	for col := lead; col < len(b.t.Columns); col++ {
		c := b.t.Columns[col]
		cell := Cell{Col: col, ColSpan: 1, RowSpan: 1, Align: c.Align, Pos: pos}
		if c.Sum || c.Compute != "" {
			cell.Text = NotApplicable
			if v, ok := b.t.totals[c.Key]; ok {
				cell.Text = v.Text
				v.Pos = pos
				row.Values[c.Key] = v
			}
		}
		row.Cells = append(row.Cells, cell)
	}
	b.t.Rows = append(b.t.Rows, row)
}

// boolean reads an optional true/false.
func (r *reader) boolean(m map[string]any, path string) bool {
	v, ok := r.get(m, path, false)
	if !ok {
		return false
	}
	x, isBool := v.(bool)
	if !isBool {
		r.errf(path, "%s must be true or false, not %s", path, typeName(v))
	}
	return x
}

// length reads an optional positive length in mm.
func (r *reader) length(m map[string]any, path string) float64 {
	v, ok := r.get(m, path, false)
	if !ok {
		return 0
	}
	var x float64
	switch n := v.(type) {
	case int64:
		x = float64(n)
	case float64:
		x = n
	default:
		r.errf(path, "%s must be a length in millimetres, not %s", path, typeName(v))
		return 0
	}
	if x <= 0 || x > 1000 || math.IsNaN(x) {
		r.errf(path, "%s must be a positive length in millimetres, not %s", path, r.shownNumber(path, x))
		return 0
	}
	return x
}

// count reads an optional whole number from 1.
func (r *reader) count(m map[string]any, path string) int {
	v, ok := r.get(m, path, false)
	if !ok {
		return 0
	}
	n, isInt := v.(int64)
	if !isInt || n < 1 || n > 100 {
		r.errf(path, "%s must be a whole number from 1 to 100, not %v", path, v)
		return 0
	}
	return int(n)
}

// textOrList reads a string or an array of strings.
func (r *reader) textOrList(m map[string]any, path string) []string {
	v, ok := m[last(path)]
	if !ok {
		return nil
	}
	if s, isStr := v.(string); isStr {
		r.used[path] = true
		if ch, _, bad := controlChar(s, false); bad {
			r.errf(path, "%s holds a control character %s; write it on one line", path, ControlName(ch))
		}
		if s = strings.TrimSpace(s); s == "" {
			return nil
		}
		return []string{s}
	}
	list := r.strList(m, path)
	for _, s := range list {
		if ch, _, bad := controlChar(s, false); bad {
			r.errf(path, "%s holds a control character %s; write it on one line", path, ControlName(ch))
			break
		}
	}
	return list
}
