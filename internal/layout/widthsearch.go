package layout

// widthsearch.go is the table setter's search for column widths (widths),
// and what it asks of the cells while it searches: a cell's height at a
// width, remembered, and the narrowest width at which a cell is at most so
// tall. The search judges many candidate widths that differ from the
// current ones in a column or two; it keeps the current widths' cell
// heights and asks again only about the cells of the columns a candidate
// changes, and it builds candidates in buffers it reuses, so that what it
// allocates follows the table, not the number of candidates.

import (
	"math"
	"math/bits"
	"sync"
)

// height is the height of a cell's content set at a width (padding
// included), remembered: the width search asks for each cell at many
// widths. It is the height layCell gives, from the number of lines alone.
func (ts *tableSetter) height(i int, width float64) float64 {
	um := int64(math.Round(width * 1000))
	if h, ok := ts.heights.get(i, um); ok {
		return h
	}
	ts.work += missWork
	h := float64(ts.lineCount(i, width)) * ts.pitch
	ts.heights.put(i, um, h)
	return h
}

// heightMemo maps a cell and a width in µm to the cell's height there. The
// search asks it tens of thousands of times a table, mostly about widths it
// has seen: an open-addressed table of packed keys answers that in a few
// instructions, where a Go map hashes a two-word key each time. Keys that
// do not pack (never met in practice) go to a map.
type heightMemo struct {
	slots []heightSlot // a power of two long; key 0 is an empty slot
	shift uint         // 64 less the log of its length
	n     int
	other map[memoKey]float64
}

type heightSlot struct {
	key uint64
	h   float64
}

// Packed keys: the cell's index above the width in µm, plus one.
const (
	memoWidthBits = 41 // widths under 2,199 km
	memoCellBits  = 64 - memoWidthBits - 1
)

func memoPack(cell int, um int64) (uint64, bool) {
	if cell < 0 || cell >= 1<<memoCellBits || um < 0 || um >= 1<<memoWidthBits {
		return 0, false
	}
	return uint64(cell)<<memoWidthBits | uint64(um) + 1, true
}

// slot is where key is, or the empty slot where it would go.
func (m *heightMemo) slot(key uint64) int {
	mask := uint64(len(m.slots) - 1)
	at := (key * 0x9E3779B97F4A7C15) >> m.shift // Fibonacci hashing
	for m.slots[at].key != 0 && m.slots[at].key != key {
		at = (at + 1) & mask
	}
	return int(at)
}

func (m *heightMemo) get(cell int, um int64) (float64, bool) {
	key, ok := memoPack(cell, um)
	if !ok {
		h, found := m.other[memoKey{cell, um}]
		return h, found
	}
	if m.n == 0 {
		return 0, false
	}
	s := &m.slots[m.slot(key)]
	return s.h, s.key == key
}

func (m *heightMemo) put(cell int, um int64, h float64) {
	key, ok := memoPack(cell, um)
	if !ok {
		if m.other == nil {
			m.other = map[memoKey]float64{}
		}
		m.other[memoKey{cell, um}] = h
		return
	}
	if 2*(m.n+1) > len(m.slots) { // at most half full
		old := m.slots
		m.use(make([]heightSlot, max(2*len(old), 1024)))
		for _, s := range old {
			if s.key != 0 {
				m.slots[m.slot(s.key)] = s
			}
		}
	}
	at := m.slot(key)
	if m.slots[at].key == 0 {
		m.n++
	}
	m.slots[at] = heightSlot{key, h}
}

// use makes slots, empty, its table.
func (m *heightMemo) use(slots []heightSlot) {
	m.slots, m.n = slots, 0
	m.shift = uint(64 - bits.TrailingZeros(uint(len(slots))))
}

// spareSlots holds the tables of memos no longer used, for the next table
// setters of the process to fill: tables of up to maxSpare slots (a
// notice's fill 4,096), so that emptying one costs a small table little.
var spareSlots sync.Pool

const maxSpare = 1 << 14

// reuse gives the memo, empty, the table of one no longer used.
func (m *heightMemo) reuse() {
	if p, ok := spareSlots.Get().(*[]heightSlot); ok {
		clear(*p)
		m.use(*p)
	}
}

// release gives the memo's table up for another memo; the memo is empty.
// Only once the search is over: a height asked again would be worked out
// afresh at the width asked, not remembered from the width first asked.
func (m *heightMemo) release() {
	if m.slots != nil && len(m.slots) <= maxSpare {
		slots := m.slots
		spareSlots.Put(&slots)
	}
	*m = heightMemo{}
}

// rowHeights sizes every grid row for column widths w: each row as tall as
// its tallest cell, a cell spanning rows spreading what it lacks evenly over
// them.
func (ts *tableSetter) rowHeights(w []float64) []float64 {
	hc := make([]float64, len(ts.cells))
	for i := range ts.cells {
		hc[i] = ts.height(i, cellWidth(&ts.cells[i], w))
	}
	return ts.rowsOf(hc, make([]float64, ts.rows))
}

// rowsOf is rowHeights from the cells' heights hc (padding excluded), into
// h.
func (ts *tableSetter) rowsOf(hc, h []float64) []float64 {
	for r := range h {
		h[r] = ts.minRow()
	}
	for i := range ts.cells {
		gc := &ts.cells[i]
		// math.Max, for heights, all positive: not a call to assembly
		// for each cell of each candidate.
		if x := hc[i] + 2*ts.padY; gc.RowSpan == 1 && x > h[gc.row] {
			h[gc.row] = x
		}
	}
	for _, i := range ts.spanning {
		gc := &ts.cells[i]
		end := min(gc.row+gc.RowSpan, ts.rows)
		need := hc[i] + 2*ts.padY
		have := sum(h[gc.row:end])
		if need > have+eps {
			for r := gc.row; r < end; r++ {
				h[r] += (need - have) / float64(end-gc.row)
			}
		}
	}
	return h
}

// cellWeight is how much a cell's own height counts against the table's
// height when widths are chosen: a little, so that once no row can get
// shorter, the room left still takes lines off single cells (a header cell
// of four lines beside one of two looks worse than two of three).
const cellWeight = 0.05

// search is the width search's state for one set of widths w: its cells'
// heights, its rows', and buffers for the candidates.
type search struct {
	w        []float64 // the current widths
	fixed    []bool    // the columns of a given width
	cellH    []float64 // the cells' heights at w (padding excluded)
	rowH     []float64 // the rows' heights at w
	obj      float64   // the objective at w
	candH    []float64 // the cells' heights at a candidate
	candRows []float64
	changed  []bool // the columns a candidate changes
	known    bool   // whether cellH are the heights at w
}

func (ts *tableSetter) newSearch(w []float64, fixed []bool) *search {
	return &search{
		w: w, fixed: fixed,
		cellH:    make([]float64, len(ts.cells)),
		rowH:     make([]float64, ts.rows),
		candH:    make([]float64, len(ts.cells)),
		candRows: make([]float64, ts.rows),
		changed:  make([]bool, len(w)),
	}
}

// objective is what the width search makes small: the table's height, and
// a little of every cell's own height; from the cells' heights hc, into
// the rows' heights h.
func (ts *tableSetter) objective(hc, h []float64) float64 {
	cells := 0.0
	for _, x := range hc {
		cells += x
	}
	return sum(ts.rowsOf(hc, h)) + cellWeight*cells
}

// at makes w the current widths: it works out the cells' and rows'
// heights and the objective there. A cell whose columns are as they were
// at the last current widths keeps its height.
func (ts *tableSetter) at(s *search, w []float64) {
	ts.work += len(ts.cells)
	for i := range ts.cells {
		if !s.known || ts.moved(s, &ts.cells[i], w) {
			s.cellH[i] = ts.height(i, cellWidth(&ts.cells[i], w))
		}
	}
	s.w, s.known = w, true
	s.obj = ts.objective(s.cellH, s.rowH)
}

// moved says whether one of the columns of a cell has a width in w other
// than its current one.
func (ts *tableSetter) moved(s *search, gc *gridCell, w []float64) bool {
	for c := gc.Col; c < gc.Col+gc.ColSpan && c < len(w); c++ {
		if w[c] != s.w[c] {
			return true
		}
	}
	return false
}

// judge is the objective at candidate widths cand: the cells of the
// columns it leaves alone keep their heights at the current widths (the
// same widths, summed the same way, so the same heights).
func (ts *tableSetter) judge(s *search, cand []float64) float64 {
	ts.work += len(ts.cells)
	for c := range cand {
		s.changed[c] = cand[c] != s.w[c]
	}
	for i := range ts.cells {
		gc := &ts.cells[i]
		h := s.cellH[i]
		for c := gc.Col; c < gc.Col+gc.ColSpan && c < len(cand); c++ {
			if s.changed[c] {
				h = ts.height(i, cellWidth(gc, cand))
				break
			}
		}
		s.candH[i] = h
	}
	return ts.objective(s.candH, s.candRows)
}

// widths derives the column widths for a measure of avail mm: list items
// are kept whole on their lines if the table fits so, and wrap if not.
func (ts *tableSetter) widths(avail float64) ([]float64, bool) {
	if w, ok := ts.widthsFrom(avail, true); ok {
		return w, true
	}
	return ts.widthsFrom(avail, false)
}

// widthsFrom derives the column widths for a measure of avail mm. A column's
// given width is kept. The others start at the narrowest their cells allow;
// then, while room is left, the change that saves the most height per
// millimetre is made: bringing a row down to a lower number of lines (all
// the cells that make it tall, together), or taking a line off one cell;
// the room that remains goes to the columns whose cells would still like
// more, so that the table fills the measure. It reports false when even the
// narrowest widths do not fit.
func (ts *tableSetter) widthsFrom(avail float64, whole bool) ([]float64, bool) {
	n := len(ts.t.Columns)
	w := make([]float64, n)
	fixed := make([]bool, n)
	for c, col := range ts.t.Columns {
		if col.Width > 0 {
			w[c], fixed[c] = col.Width, true
		}
	}
	for i := range ts.cells {
		gc := &ts.cells[i]
		if gc.ColSpan == 1 && !fixed[gc.Col] {
			w[gc.Col] = math.Max(w[gc.Col], ts.minWidth(i, whole))
		}
	}
	for i := range ts.cells {
		gc := &ts.cells[i]
		if gc.ColSpan > 1 {
			ts.widen(w, fixed, gc, ts.minWidth(i, whole)-cellWidth(gc, w))
		}
	}
	if sum(w) > avail+eps {
		return w, false
	}
	s := ts.newSearch(w, fixed)
	// The candidate being built, and the best so far: buffers that trade
	// places with w as the search moves.
	cand, best := make([]float64, n), make([]float64, n)
	for iter := 0; iter < 8*ts.rows*n && !ts.spent(); iter++ {
		room := avail - sum(w)
		if room <= eps {
			break
		}
		ts.at(s, w)
		found, bestRate := false, 0.0
		try := func() {
			cost := sum(cand) - sum(w)
			if cost <= eps || cost > room+eps || ts.spent() {
				return
			}
			if gain := s.obj - ts.judge(s, cand); gain > eps && gain/cost > bestRate {
				copy(best, cand)
				found, bestRate = true, gain/cost
			}
		}
		h := s.rowH
		for r := 0; r < ts.rows && !ts.spent(); r++ {
			// Down by 1, 2, 3, 4, 6, 8, 12 … lines: a few targets reach
			// both the next step and a far one (a header of four lines
			// goes to two in one move, where one line less gains nothing).
			for k := 1; h[r]-float64(k)*ts.pitch >= ts.minRow()-eps; k = nextTarget(k) {
				if ts.lowerRow(s, cand, r, h[r]-float64(k)*ts.pitch) {
					try()
				}
			}
		}
		for i := 0; i < len(ts.cells) && !ts.spent(); i++ {
			gc := &ts.cells[i]
			cw := cellWidth(gc, w)
			if next, ok := ts.widthFor(i, cw, s.cellH[i]-eps); ok {
				copy(cand, w)
				if ts.widen(cand, fixed, gc, next-cw) {
					try()
				}
			}
		}
		if !found || ts.spent() { // a search cut short keeps what it had
			break
		}
		w, best = best, w
	}
	ts.share(w, fixed, avail-sum(w))
	return w, true
}

// The width search is bounded: setting a cell at a new width costs
// missWork, visiting a cell while judging widths 1, and a table may spend
// searchWork a cell, or minSearchWork if that is more. The notice's tables
// spend a fraction of it; a long table of wrapping cells stops improving
// its widths there, and the room left is shared as share does, so that its
// cost stays in proportion to its cells.
const (
	missWork      = 100
	searchWork    = 200
	minSearchWork = 400_000
)

func (ts *tableSetter) spent() bool { return ts.work > ts.budget }

// nextTarget is the number of lines after k in 1, 2, 3, 4, 6, 8, 12, 16 ….
func nextTarget(k int) int {
	if k < 4 {
		return k + 1
	}
	if k&(k-1) == 0 { // a power of two: half again
		return k + k/2
	}
	return k + k/3
}

// lowerRow sets cand to the current widths with the cells of row r that
// are taller than target (padding included) widened just enough to bring
// them down to it; it reports whether there are such cells and all can be.
func (ts *tableSetter) lowerRow(s *search, cand []float64, r int, target float64) bool {
	copy(cand, s.w)
	changed := false
	for _, i := range ts.byRow[r] {
		gc := &ts.cells[i]
		if gc.RowSpan != 1 || s.cellH[i]+2*ts.padY <= target+eps {
			continue
		}
		cw := cellWidth(gc, s.w)
		next, found := ts.widthFor(i, cw, target-2*ts.padY)
		if !found || !ts.widen(cand, s.fixed, gc, next-cellWidth(gc, cand)) {
			return false
		}
		changed = true
	}
	return changed
}

// share gives the room left to the columns whose cells would still take
// more (in proportion to what they would take), or evenly when none would.
func (ts *tableSetter) share(w []float64, fixed []bool, room float64) {
	if room <= eps {
		return
	}
	wish := make([]float64, len(w))
	total := 0.0
	for i := range ts.cells {
		gc := &ts.cells[i]
		if gc.ColSpan == 1 && !fixed[gc.Col] {
			wish[gc.Col] = math.Max(wish[gc.Col], ts.prefWidth(i)-w[gc.Col])
		}
	}
	for _, x := range wish {
		total += x
	}
	free := 0
	for c := range w {
		if !fixed[c] {
			free++
		}
	}
	for c := range w {
		switch {
		case fixed[c]:
		case total > eps:
			w[c] += room * wish[c] / total
		default:
			w[c] += room / float64(free)
		}
	}
}

// widen adds d mm to the columns a cell spans, shared evenly among those
// without a given width; it reports false when all have one.
func (ts *tableSetter) widen(w []float64, fixed []bool, gc *gridCell, d float64) bool {
	if d <= eps {
		return true
	}
	end := min(gc.Col+gc.ColSpan, len(w))
	free := 0
	for c := gc.Col; c < end; c++ {
		if !fixed[c] {
			free++
		}
	}
	for c := gc.Col; c < end; c++ {
		if !fixed[c] {
			w[c] += d / float64(free)
		}
	}
	return free > 0
}

// widthFor is the narrowest width from width up at which the cell's content
// is at most height tall, if there is one. The search asks the same of a
// cell in every round while its column stays as it is: the answers are
// remembered. A question asked again would ask height about the same
// widths, all remembered, so the answer and the work spent are the same.
func (ts *tableSetter) widthFor(i int, width, height float64) (float64, bool) {
	in := ts.about(i)
	if width != in.foundFrom || in.found == nil {
		// The search asks from the cell's current width only: answers
		// from another are not asked for again.
		in.found, in.foundFrom, in.nextFound = in.found[:0], width, 0
	}
	for _, f := range in.found {
		if f.height == height {
			return f.at, f.ok
		}
	}
	at, ok := ts.seekWidth(i, width, height)
	f := foundWidth{height, at, ok}
	switch {
	case in.found == nil: // room for 4 from a slab the setter hands out
		if len(ts.foundSlab) < 4 {
			ts.foundSlab = make([]foundWidth, 4*min(len(ts.cells), 64))
		}
		in.found, ts.foundSlab = append(ts.foundSlab[:0:4], f), ts.foundSlab[4:]
	case len(in.found) < maxFound:
		in.found = append(in.found, f)
	default:
		in.found[in.nextFound] = f
		in.nextFound = (in.nextFound + 1) % maxFound
	}
	return at, ok
}

// foundWidth is an answer of widthFor from a cell's current width: the
// width at which it is at most height tall, if ok.
type foundWidth struct {
	height, at float64
	ok         bool
}

// maxFound is how many answers of widthFor a cell keeps: one for each of
// the few heights its row is asked to come down to.
const maxFound = 16

// seekWidth is widthFor, worked out by bisection.
func (ts *tableSetter) seekWidth(i int, width, height float64) (float64, bool) {
	if ts.height(i, width) <= height+eps {
		return width, true
	}
	hi := ts.prefWidth(i)
	if hi <= width+eps || ts.height(i, hi) > height+eps {
		return 0, false
	}
	lo := width
	for hi-lo > 0.01 {
		mid := (lo + hi) / 2
		if ts.height(i, mid) <= height+eps {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, true
}
