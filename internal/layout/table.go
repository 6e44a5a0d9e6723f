package layout

// table.go sets an annex's table (doc.Table) at one type size: it breaks
// every cell's text with Break (so that cells follow the same punctuation
// rules as the body), derives column widths from the content, sizes the
// rows, splits the table into page parts that each repeat the header rows,
// and draws a part as glyph runs and a closed grid of rules. annex.go
// decides the size, the orientation and the pages.

import (
	"math"
	"slices"
	"sort"

	"gongwen/internal/doc"
	"gongwen/internal/format"
)

// gridCell is a table cell at its place in the grid: header rows first, then
// the body rows. It points at the table's cell, which every setter of the
// table shares and none writes to.
type gridCell struct {
	*doc.Cell
	row   int // first grid row
	style format.Style
}

// cellLine is one line of a set cell: glyphs with X from the left edge of
// the cell's content box (its padding excluded).
type cellLine struct {
	glyphs []Placed
	bottom bool // a 斜线表头's lower text: the line sits at the bottom of the box
}

// setCell is a cell's content set at one width.
type setCell struct {
	lines   []cellLine
	height  float64 // of the content, padding excluded (mm)
	missing []MissingGlyph
}

// tableSetter sets one table at one type size.
type tableSetter struct {
	c          *composer
	t          *doc.Table
	head, body format.Style
	pitch      float64 // line pitch inside a cell (mm)
	padX, padY float64
	gap        float64 // between list items on one line (mm)
	cells      []gridCell
	spanning   []int // the cells spanning rows, fewest rows first
	rows       int   // grid rows
	headRows   int
	memo       map[memoKey]*setCell
	heights    heightMemo
	info       []*cellInfo // by cell, worked out when first asked
	infos      []cellInfo  // where info points
	byRow      [][]int     // the cells that start in each grid row
	lineBuf    [][]atom    // fill's lines while counting, reused
	sums       lineSums    // fill's sums while counting, reused
	foundSlab  []foundWidth
	// work counts what the width search has spent (cells set at a new
	// width, cells visited by the objective); it stops at budget, so that
	// a long table costs time in proportion to its cells.
	work, budget int
}

// cellInfo is what the width search asks of a cell again and again, and
// which does not depend on its width.
type cellInfo struct {
	min, pref float64 // minWidth, prefWidth
	whole     float64 // the narrowest that keeps each list item on one line
	missing   []MissingGlyph
	// The cell's text measured once, for counting its lines at any width;
	// and the lines of a vertical cell, whose measure is one em at every
	// width.
	text     measuredText
	vertical int
	// widthFor's answers from the width foundFrom, the oldest replaced
	// first when there are maxFound.
	found      []foundWidth
	foundFrom  float64
	nextFound  int
	*cellParts // nil but for a 斜线表头 or a list
}

// cellParts is what a 斜线表头 or a list cell has besides its text: its
// corner text and its list items measured, the items' widths on one line
// and (when drawn) the lines.
type cellParts struct {
	corner   measuredText
	itemText []measuredText
	itemW    []float64
	items    []Line // itemLines
}

// measuredText is a text's atoms and unbreakable groups, as Break measures
// them for a cell, and the lines it breaks into in the rooms already
// counted: in the atom cache's entry for the text, which every setter of
// the process shares, or in counts when the cache does not keep it.
type measuredText struct {
	as      []atom
	gs      []group
	missing []MissingGlyph // the characters its font lacks
	shared  *atomEntry
	counts  []roomCount
}

// roomCount is the number of lines a text breaks into in a room of widths.
type roomCount struct {
	room  bounds
	lines int
}

// maxRooms is how many rooms a text remembers: a search asks about a few
// line counts of a cell, each in one room or a few, but it bisects towards
// the widths where the count changes, and most of its steps there land in
// a room it has not met.
const maxRooms = 256

type memoKey struct {
	cell  int
	width int64 // µm
}

func (c *composer) newTableSetter(t *doc.Table, size float64) *tableSetter {
	f := c.f
	ts := &tableSetter{
		c: c, t: t,
		head:     f.TableHeader,
		body:     f.TableBody,
		pitch:    format.MM(size) * f.TableLineSpacing,
		padX:     f.TableCellPadX,
		padY:     f.TableCellPadY,
		gap:      f.TableListGap * format.MM(size),
		headRows: len(t.Head),
		memo:     map[memoKey]*setCell{},
	}
	ts.head.Size, ts.body.Size = size, size
	ts.heights.reuse()
	n := 0
	for _, r := range t.Head {
		n += len(r.Cells)
	}
	for _, r := range t.Rows {
		n += len(r.Cells)
	}
	ts.cells = make([]gridCell, 0, n)
	ts.info, ts.infos = make([]*cellInfo, n), make([]cellInfo, n)
	add := func(r doc.Row, row int) {
		for k := range r.Cells {
			st := ts.body
			if r.Kind == doc.HeaderRow || r.Kind == doc.GroupRow {
				st = ts.head // header cells and group headings in 黑体
			}
			ts.cells = append(ts.cells, gridCell{Cell: &r.Cells[k], row: row, style: st})
		}
	}
	for i, r := range t.Head {
		add(r, i)
	}
	for i, r := range t.Rows {
		add(r, len(t.Head)+i)
	}
	ts.rows = len(t.Head) + len(t.Rows)
	// The cells come row by row: a row's are a run of their indexes.
	ts.byRow = make([][]int, ts.rows)
	order := make([]int, len(ts.cells))
	for i, gc := range ts.cells {
		if gc.RowSpan > 1 {
			ts.spanning = append(ts.spanning, i)
		}
		order[i] = i
		start := i
		if prev := ts.byRow[gc.row]; len(prev) > 0 {
			start = prev[0]
		}
		ts.byRow[gc.row] = order[start : i+1 : i+1]
	}
	ts.budget = max(searchWork*len(ts.cells), minSearchWork)
	sort.SliceStable(ts.spanning, func(a, b int) bool {
		return ts.cells[ts.spanning[a]].RowSpan < ts.cells[ts.spanning[b]].RowSpan
	})
	return ts
}

func (ts *tableSetter) em(gc *gridCell) float64 { return format.MM(gc.style.Size) }

func (ts *tableSetter) span(gc *gridCell, text string) []Span {
	return []Span{{Text: text, Style: gc.style, Font: ts.c.fonts(gc.style.Role)}}
}

// natural is the width of a measured text set on one line: the width of
// Break's one line at an unbounded measure, ragged (the advances of its
// glyphs, its spaces at either end dropped, summed in order).
func natural(m measuredText) float64 {
	x := 0.0
	for _, a := range trimSpaces(m.as) {
		for _, g := range a.g {
			x += g.adv
		}
	}
	return x
}

// narrowest is the widest piece of text that Break never splits (a word, a
// figure, a character with its punctuation): no cell may be narrower.
func (ts *tableSetter) narrowest(gc *gridCell, text string, m measuredText) float64 {
	as, gs := m.as, m.gs
	if sh := ts.c.f.PunctShrink; sh != clampShrink(sh) { // cells compress punctuation as the body does
		as, gs, _ = measured(ts.span(gc, text), 0, sh)
	}
	w := 0.0
	for _, g := range gs {
		gw, s := measure(trimSpaces(as[g.start:g.end]), true)
		w = math.Max(w, gw-s)
	}
	return w
}

func (ts *tableSetter) items(gc *gridCell) []string {
	if len(gc.Items) > 0 && gc.Join == "" {
		return gc.Items
	}
	return nil
}

func (ts *tableSetter) perLine(gc *gridCell) int {
	if gc.PerLine > 0 {
		return gc.PerLine
	}
	return 1
}

// about returns the cell's cellInfo, working it out the first time.
func (ts *tableSetter) about(i int) *cellInfo {
	if in := ts.info[i]; in != nil {
		return in
	}
	gc := &ts.cells[i]
	in := &ts.infos[i]
	ts.info[i] = in
	in.text = ts.measure(gc, gc.Text)
	if gc.Corner != "" || ts.items(gc) != nil {
		in.cellParts = &cellParts{corner: ts.measure(gc, gc.Corner)}
	}
	if items := ts.items(gc); items != nil {
		in.itemText = make([]measuredText, len(items))
		in.itemW = make([]float64, len(items))
		long := false
		for k, it := range items {
			m := ts.measure(gc, it)
			in.itemText[k], in.missing = m, append(in.missing, m.missing...)
			// The width of the one line an item is set on (itemLines): its
			// advances summed, as Break sums them on a line it neither
			// justifies nor compresses.
			in.itemW[k] = natural(m)
			long = long || in.itemW[k] > maxItem
		}
		if long { // Break would not set it on one line: its first, then
			for k, l := range ts.itemLines(i) {
				in.itemW[k] = l.Width
			}
		}
	}
	in.min, in.pref = ts.computeMin(gc, in), ts.computePref(gc, in)
	if gc.Vertical {
		in.vertical = ts.count(&in.text, ts.em(gc))
	}
	in.whole = in.min
	if in.cellParts != nil {
		for _, w := range in.itemW {
			in.whole = math.Max(in.whole, w+2*ts.padX)
		}
	}
	return in
}

// maxItem is the longest list item (mm) that Break sets on one line at the
// measure itemLines gives it.
const maxItem = 1e5

// itemLines is each list item of a cell set on one line (as the cell is
// drawn, not while its width is sought): the line Break sets it on, ragged,
// at a measure of ten times maxItem. An item no longer than maxItem is that
// line whole, its spaces at either end dropped, placed without compressing
// or spreading (the compression its atoms were measured with is not
// used), as Break places it.
func (ts *tableSetter) itemLines(i int) []Line {
	in, gc := ts.about(i), &ts.cells[i]
	if in.items == nil {
		in.items = make([]Line, len(gc.Items))
		for k, it := range gc.Items {
			if m := &in.itemText[k]; in.itemW[k] <= maxItem {
				if len(trimSpaces(m.as)) > 0 {
					in.items[k] = place(trimSpaces(m.as), 0, 10*maxItem, false)
				}
			} else if lines, _ := Break(Para{Spans: ts.span(gc, it), Width: 10 * maxItem, Ragged: true}); len(lines) > 0 {
				in.items[k] = lines[0]
			}
		}
	}
	return in.items
}

// minWidth is the narrowest the cell can be set without splitting what must
// not be split, padding included; with whole, also without breaking a list
// item (a name) over two lines.
func (ts *tableSetter) minWidth(i int, whole bool) float64 {
	if whole {
		return ts.about(i).whole
	}
	return ts.about(i).min
}

// prefWidth is the width at which the cell needs no more room: its text on
// one line, each line of its list holding PerLine items, a 斜线表头's two
// texts side by side.
func (ts *tableSetter) prefWidth(i int) float64 { return ts.about(i).pref }

func (ts *tableSetter) computeMin(gc *gridCell, in *cellInfo) float64 {
	w := 0.0
	switch {
	case gc.Vertical:
		w = ts.em(gc)
	case gc.Corner != "":
		w = math.Max(ts.narrowest(gc, gc.Corner, in.corner), ts.narrowest(gc, gc.Text, in.text))
	case ts.items(gc) != nil:
		for k, it := range gc.Items {
			w = math.Max(w, ts.narrowest(gc, it, in.itemText[k]))
		}
	default:
		w = ts.narrowest(gc, gc.Text, in.text)
	}
	return w + 2*ts.padX
}

func (ts *tableSetter) computePref(gc *gridCell, in *cellInfo) float64 {
	w := 0.0
	switch {
	case gc.Vertical:
		w = ts.em(gc)
	case gc.Corner != "":
		w = natural(in.corner) + natural(in.text)
	case ts.items(gc) != nil:
		for k := 0; k < len(in.itemW); k += ts.perLine(gc) {
			w = math.Max(w, ts.lineWidth(in.itemW[k:min(k+ts.perLine(gc), len(in.itemW))]))
		}
	default:
		w = natural(in.text)
	}
	return w + 2*ts.padX
}

// lineWidth is the width of list items set on one line, a gap between
// each two.
func (ts *tableSetter) lineWidth(ws []float64) float64 {
	w := float64(max(len(ws)-1, 0)) * ts.gap
	for _, x := range ws {
		w += x
	}
	return w
}

// measure is a cell text's atoms and groups, as layCell's Break has them.
func (ts *tableSetter) measure(gc *gridCell, text string) measuredText {
	as, gs, missing, e := measuredEntry(ts.span(gc, text), 0, clampShrink(ts.c.f.PunctShrink))
	return measuredText{as: as, gs: gs, missing: missing, shared: e}
}

// roomLines is the number of lines in the room of rooms (in order) that
// holds w, if one does.
func roomLines(rooms []roomCount, w float64) (int, bool) {
	if k := roomAt(rooms, w); k > 0 && rooms[k-1].room.holds(w) {
		return rooms[k-1].lines, true
	}
	return 0, false
}

// count is the number of lines Break gives a measured text at width w:
// fill's lines, no glyph placed, or those of a room already counted in
// which fill would decide the same.
func (ts *tableSetter) count(m *measuredText, w float64) int {
	if len(m.as) == 0 {
		return 0
	}
	var k int
	if m.shared != nil {
		if n, ok := m.shared.lines(w); ok {
			return n
		}
	} else {
		k = roomAt(m.counts, w)
		if k > 0 && m.counts[k-1].room.holds(w) {
			return m.counts[k-1].lines
		}
	}
	b := newBounds()
	ts.lineBuf = fill(m.as, m.gs, w, 0, 0, ts.lineBuf[:0], &b, &ts.sums)
	n := len(ts.lineBuf)
	clear(ts.lineBuf) // keep no window on the atoms alive
	switch {
	case m.shared != nil:
		m.shared.addRoom(roomCount{b, n}, w)
	case len(m.counts) < maxRooms:
		m.counts = slices.Insert(m.counts, k, roomCount{b, n})
	}
	return n
}

// roomAt is where a room holding w is in rooms, in order, if there is one:
// the rooms never overlap (a width in two rooms would make fill decide as
// in both, and then it would have noted the same widths in both, and they
// would be one room), so the only room that can hold w is the last that
// starts at or below it, before the index roomAt returns.
func roomAt(rooms []roomCount, w float64) int {
	lo, hi := 0, len(rooms)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if rooms[mid].room.fit > w+eps {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// lineCount is the number of lines layCell sets the cell in at a width
// (padding included), counted the way it sets them.
func (ts *tableSetter) lineCount(i int, width float64) int {
	gc := &ts.cells[i]
	in := ts.about(i)
	cw := math.Max(width-2*ts.padX, 0)
	switch {
	case gc.Vertical:
		return in.vertical
	case gc.Corner != "":
		return ts.count(&in.corner, cw) + ts.count(&in.text, cw)
	case ts.items(gc) != nil:
		n, per := 0, ts.perLine(gc)
		for k := 0; k < len(gc.Items); k += per {
			end := min(k+per, len(gc.Items))
			if ts.lineWidth(in.itemW[k:end]) <= cw+eps {
				n++
				continue
			}
			for j := k; j < end; j++ {
				if in.itemW[j] <= cw+eps {
					n++
				} else {
					n += ts.count(&in.itemText[j], cw)
				}
			}
		}
		return n
	case gc.Text != "":
		return ts.count(&in.text, cw)
	}
	return 0
}

// set lays out a cell's content at a width (padding included), remembered:
// a cell is drawn at its final width, and asked for its missing glyphs.
func (ts *tableSetter) set(i int, width float64) *setCell {
	key := memoKey{i, int64(math.Round(width * 1000))}
	if s, ok := ts.memo[key]; ok {
		return s
	}
	s := ts.layCell(i, width)
	ts.memo[key] = s
	return s
}

// layCell sets a cell's content at a width (padding included).
func (ts *tableSetter) layCell(i int, width float64) *setCell {
	gc := &ts.cells[i]
	cw := math.Max(width-2*ts.padX, 0)
	s := &setCell{}
	in := ts.about(i)
	brk := func(m *measuredText, w float64, ragged bool) []Line {
		// The body's punctuation compression: a closing mark that would
		// start a line is pulled up by compressing the line's marks,
		// instead of pushing a character down with it (measure measured
		// the text with it).
		s.missing = append(s.missing, m.missing...)
		return breakMeasured(m.as, m.gs, Para{Width: w, Ragged: ragged, Shrink: ts.c.f.PunctShrink})
	}
	// place puts a broken line in the content box by the alignment (the
	// line is brk's own: its glyphs move where they are).
	place := func(l Line, align doc.Align, bottom bool) {
		x := 0.0
		switch align {
		case doc.AlignCenter:
			x = (cw - l.Width) / 2
		case doc.AlignRight:
			x = cw - l.Width
		}
		for k := range l.Glyphs {
			l.Glyphs[k].X += x
		}
		s.lines = append(s.lines, cellLine{glyphs: l.Glyphs, bottom: bottom})
	}
	switch {
	case gc.Vertical:
		// One character under another (clreq §3.4 vertical text in a
		// horizontal table): a measure one em wide leaves each character,
		// with any punctuation it must keep, on a line of its own.
		for _, l := range brk(&in.text, ts.em(gc), true) {
			place(l, doc.AlignCenter, false)
		}
	case gc.Corner != "":
		// 斜线表头: the corner text above the diagonal, flush right at the
		// top; the column's own title below it, flush left at the bottom.
		for _, l := range brk(&in.corner, cw, true) {
			place(l, doc.AlignRight, false)
		}
		for _, l := range brk(&in.text, cw, true) {
			place(l, doc.AlignLeft, true)
		}
	case ts.items(gc) != nil:
		ts.setList(i, cw, s, brk)
	case gc.Text != "":
		for _, l := range brk(&in.text, cw, gc.Align != doc.AlignJustify) {
			place(l, gc.Align, false)
		}
	}
	s.height = float64(len(s.lines)) * ts.pitch
	return s
}

// setList sets a list cell PerLine items a line, as they come, a gap
// between them; a line of items that does not fit the cell goes one item a
// line, and an item too long for the cell wraps. The lines are flush left
// in a block that the cell's alignment places.
func (ts *tableSetter) setList(i int, cw float64, s *setCell, brk func(*measuredText, float64, bool) []Line) {
	gc := &ts.cells[i]
	in := ts.about(i)
	items := ts.itemLines(i)
	n := ts.perLine(gc)
	var lines [][]Placed
	var widths []float64
	var own []bool // the line's glyphs are its own, not an item's
	add := func(gs []Placed, w float64, mine bool) {
		lines, widths, own = append(lines, gs), append(widths, w), append(own, mine)
	}
	for k := 0; k < len(gc.Items); k += n {
		end := min(k+n, len(gc.Items))
		if w := ts.lineWidth(in.itemW[k:end]); w <= cw+eps {
			count := 0
			for j := k; j < end; j++ {
				count += len(items[j].Glyphs)
			}
			gs := make([]Placed, 0, count)
			x := 0.0
			for j := k; j < end; j++ {
				for _, g := range items[j].Glyphs {
					g.X += x
					gs = append(gs, g)
				}
				x += in.itemW[j] + ts.gap
			}
			add(gs, w, true)
			continue
		}
		for j := k; j < end; j++ {
			if in.itemW[j] <= cw+eps {
				add(items[j].Glyphs, in.itemW[j], false)
				continue
			}
			for _, l := range brk(&in.itemText[j], cw, gc.Align != doc.AlignJustify) {
				add(l.Glyphs, l.Width, true)
			}
		}
	}
	block := 0.0
	for _, w := range widths {
		block = math.Max(block, w)
	}
	left := 0.0
	switch gc.Align {
	case doc.AlignCenter:
		left = (cw - block) / 2
	case doc.AlignRight:
		left = cw - block
	}
	for k, gs := range lines {
		if !own[k] {
			gs = shift(gs, left)
		} else {
			for g := range gs {
				gs[g].X += left
			}
		}
		s.lines = append(s.lines, cellLine{glyphs: gs})
	}
}

func shift(gs []Placed, dx float64) []Placed {
	out := make([]Placed, len(gs))
	for i, g := range gs {
		g.X += dx
		out[i] = g
	}
	return out
}

// cellWidth is the width of the columns a cell spans.
func cellWidth(gc *gridCell, w []float64) float64 {
	sum := 0.0
	for c := gc.Col; c < gc.Col+gc.ColSpan && c < len(w); c++ {
		sum += w[c]
	}
	return sum
}

// minRow is the height of a row of one line.
func (ts *tableSetter) minRow() float64 { return ts.pitch + 2*ts.padY }

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// tablePart is the rows of the body that go on one page: [from, to) in grid
// rows; the header rows come first on every part. A row taller than a page
// is set over several parts, each holding lines [line0, line1) of its
// cells; line1 is 0 for whole rows.
type tablePart struct{ from, to, line0, line1 int }

// split cuts the body into parts: the first part has first mm of height
// (header included), each further part next mm. Rows joined by a cell
// spanning them stay together unless they fill more than a page alone. A
// row taller than a page on its own is cut between its lines over as many
// pages as it needs; it returns the grid rows that are too tall and cannot
// be cut (a cell spanning rows in them).
func (ts *tableSetter) split(h []float64, first, next float64) ([]tablePart, []int) {
	head := sum(h[:ts.headRows])
	joined := make([]bool, ts.rows) // row r must stay with row r+1
	spanned := make([]bool, ts.rows)
	for _, gc := range ts.cells {
		if gc.row >= ts.headRows {
			for r := gc.row; r < gc.row+gc.RowSpan-1 && r < ts.rows; r++ {
				joined[r] = true
			}
			for r := gc.row; r < gc.row+gc.RowSpan && r < ts.rows && gc.RowSpan > 1; r++ {
				spanned[r] = true
			}
		}
	}
	var parts []tablePart
	var tooTall []int
	room := first - head
	start := ts.headRows
	used := 0.0
	for r := ts.headRows; r < ts.rows; {
		end := r + 1 // the block of rows that stay together
		for end < ts.rows && joined[end-1] {
			end++
		}
		bh := sum(h[r:end])
		if bh > next-head+eps { // taller than a page: rows go one by one
			end, bh = r+1, h[r]
			if bh > next-head+eps {
				if spanned[r] {
					tooTall = append(tooTall, r)
				} else {
					// Cut the row: as many lines a page as the room holds.
					if r > start {
						parts = append(parts, tablePart{from: start, to: r})
						room = next - head
					}
					lines := int(math.Round((h[r] - 2*ts.padY) / ts.pitch))
					for l0 := 0; l0 < lines; {
						n := max(1, int((room-2*ts.padY+eps)/ts.pitch))
						l1 := min(l0+n, lines)
						parts = append(parts, tablePart{from: r, to: r + 1, line0: l0, line1: l1})
						l0, room = l1, next-head
					}
					start, used, r = r+1, 0, r+1
					continue
				}
			}
		}
		if used+bh > room+eps && r > start {
			parts = append(parts, tablePart{from: start, to: r})
			start, used, room = r, 0, next-head
		}
		used += bh
		r = end
	}
	if start < ts.rows || len(parts) == 0 {
		parts = append(parts, tablePart{from: start, to: ts.rows})
	}
	return parts, tooTall
}

// partHeight is the height of a part's body rows.
func (ts *tableSetter) partHeight(part tablePart, h []float64) float64 {
	if part.line1 > 0 {
		return float64(part.line1-part.line0)*ts.pitch + 2*ts.padY
	}
	return sum(h[part.from:part.to])
}

// draw puts one part of the table on a page: its header rows, then its body
// rows, from em box top y at table left x, with column widths w and row
// heights h.
func (ts *tableSetter) draw(p *Page, part tablePart, x, y float64, w, h []float64) {
	f := ts.c.f
	if part.line1 > 0 { // a piece of a row taller than a page
		h = append([]float64{}, h...)
		h[part.from] = ts.partHeight(part, h)
	}
	// The grid rows of this part, and where each starts.
	var rows []int
	for r := 0; r < ts.headRows; r++ {
		rows = append(rows, r)
	}
	for r := part.from; r < part.to; r++ {
		rows = append(rows, r)
	}
	top := map[int]float64{}
	yy := y
	for _, r := range rows {
		top[r] = yy
		yy += h[r]
	}
	bottom := yy
	colX := make([]float64, len(w)+1)
	colX[0] = x
	for c := range w {
		colX[c+1] = colX[c] + w[c]
	}
	right := colX[len(w)]
	var hs, vs []segment
	for i := range ts.cells {
		gc := &ts.cells[i]
		// The rows of this cell on this part (a cell spanning rows that
		// the page break cut is drawn in each part, its text repeated).
		var y1, y2 float64
		seen := false
		for r := gc.row; r < gc.row+gc.RowSpan; r++ {
			if t, ok := top[r]; ok {
				if !seen {
					y1 = t
				}
				y2, seen = t+h[r], true
			}
		}
		if !seen {
			continue
		}
		x1, x2 := colX[gc.Col], colX[min(gc.Col+gc.ColSpan, len(w))]
		hs = append(hs, segment{y1, x1, x2}, segment{y2, x1, x2})
		vs = append(vs, segment{x1, y1, y2}, segment{x2, y1, y2})
		if gc.Corner != "" {
			p.Rules = append(p.Rules, Rule{X1: x1, Y1: y1, X2: x2, Y2: y2, Width: f.TableRuleWidth, Color: format.Black})
		}
		if part.line1 > 0 && gc.row == part.from {
			ts.drawLines(p, ts.set(i, x2-x1), gc, x1+ts.padX, y1, part.line0, part.line1)
		} else {
			ts.drawText(p, ts.set(i, x2-x1), gc, x1+ts.padX, y1, y2)
		}
	}
	// The grid: each run of cell edges on one line becomes one rule; the
	// frame is heavier, and its horizontal rules reach over the side
	// rules' width so that the corners close.
	fw := f.TableFrameWidth
	for _, s := range mergeSegments(hs) {
		wd := f.TableRuleWidth
		if near(s.at, y) || near(s.at, bottom) {
			wd = fw
		}
		if near(s.from, x) {
			s.from -= fw / 2
		}
		if near(s.to, right) {
			s.to += fw / 2
		}
		p.Rules = append(p.Rules, Rule{X1: s.from, Y1: s.at, X2: s.to, Y2: s.at, Width: wd, Color: format.Black})
	}
	for _, s := range mergeSegments(vs) {
		wd := f.TableRuleWidth
		if near(s.at, x) || near(s.at, right) {
			wd = fw
		}
		p.Rules = append(p.Rules, Rule{X1: s.at, Y1: s.from, X2: s.at, Y2: s.to, Width: wd, Color: format.Black})
	}
}

// drawText places a set cell's lines in its box: the block of lines centred
// between the box's top y1 and bottom y2, each line's em box centred in its
// line pitch; a 斜线表头's lower text at the bottom.
func (ts *tableSetter) drawText(p *Page, s *setCell, gc *gridCell, left, y1, y2 float64) {
	em := ts.em(gc)
	nTop := 0
	for _, l := range s.lines {
		if !l.bottom {
			nTop++
		}
	}
	lineTop := y1 + (y2-y1-s.height)/2
	if gc.Corner != "" {
		lineTop = y1 + ts.padY
	}
	k := 0
	name := ""
	if len(s.lines) > 0 {
		name = ts.cellName(gc)
	}
	for i, l := range s.lines {
		t := lineTop + float64(i)*ts.pitch
		if l.bottom {
			t = y2 - ts.padY - float64(len(s.lines)-nTop-k)*ts.pitch
			k++
		}
		base := t + (ts.pitch-em)/2 + ts.c.f.EmAscent*em
		txt := Text{Style: gc.style, Y: base, Cell: name, Glyphs: make([]Glyph, 0, len(l.glyphs))}
		for _, g := range l.glyphs {
			txt.Glyphs = append(txt.Glyphs, Glyph{R: g.R, X: left + g.X + g.Off, Adv: g.Adv})
		}
		if len(txt.Glyphs) > 0 {
			p.Texts = append(p.Texts, txt)
		}
	}
}

// drawLines places lines [l0, l1) of a set cell from the top of its box:
// the piece of a row taller than a page that one page holds.
func (ts *tableSetter) drawLines(p *Page, s *setCell, gc *gridCell, left, y1 float64, l0, l1 int) {
	em := ts.em(gc)
	for i := l0; i < l1 && i < len(s.lines); i++ {
		t := y1 + ts.padY + float64(i-l0)*ts.pitch
		txt := Text{Style: gc.style, Y: t + (ts.pitch-em)/2 + ts.c.f.EmAscent*em, Glyphs: make([]Glyph, 0, len(s.lines[i].glyphs))}
		for _, g := range s.lines[i].glyphs {
			txt.Glyphs = append(txt.Glyphs, Glyph{R: g.R, X: left + g.X + g.Off, Adv: g.Adv})
		}
		if len(txt.Glyphs) > 0 {
			p.Texts = append(p.Texts, txt)
		}
	}
}

// segment is a piece of a horizontal (at = y) or vertical (at = x) line.
type segment struct{ at, from, to float64 }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// mergeSegments joins overlapping and touching pieces on the same line.
func mergeSegments(ss []segment) []segment {
	sortSegments(ss)
	var out []segment
	for _, s := range ss {
		if n := len(out); n > 0 && near(out[n-1].at, s.at) && s.from <= out[n-1].to+1e-6 {
			out[n-1].to = math.Max(out[n-1].to, s.to)
			continue
		}
		out = append(out, s)
	}
	return out
}

// sortSegments sorts segments by line, then by start, stably. (The order
// of lines compares positions within 1e-6 mm as equal; slices sorts stably
// as sort.SliceStable does, comparing the same pairs, without reflection.)
func sortSegments(ss []segment) {
	slices.SortStableFunc(ss, func(a, b segment) int {
		switch {
		case !near(a.at, b.at) && a.at < b.at, near(a.at, b.at) && a.from < b.from:
			return -1
		case !near(a.at, b.at) || a.from > b.from:
			return 1
		}
		return 0
	})
}

// reportMissing reports the characters a cell's font lacks, once each, at
// the cell's place in the data.
func (ts *tableSetter) reportMissing(w []float64) {
	for i := range ts.cells {
		gc := &ts.cells[i]
		seen := map[rune]bool{}
		for _, m := range append(ts.about(i).missing, ts.set(i, cellWidth(gc, w)).missing...) {
			if seen[m.R] {
				continue
			}
			seen[m.R] = true
			e := doc.Errorf(gc.Pos, "%v", m)
			e.Char, e.Count = m.R, cellOccurrences(gc.Cell, m.R)
			ts.c.errs = append(ts.c.errs, e)
		}
	}
}
