package layout

import (
	"math"
	"sync"
	"unicode/utf8"

	"gongwen/internal/format"
	"gongwen/internal/say"
)

// Metrics gives a font's advance widths and coverage; *fonts.Font is one.
type Metrics interface {
	Advance(r rune) float64 // in em
	Has(r rune) bool
	Name() string
}

// Span is a run of text in one style: a paragraph is a list of spans (a
// run-in 楷体 heading, then 仿宋 text).
type Span struct {
	Text  string
	Style format.Style
	Font  Metrics
	// Keep: no line ends inside the span while it fits the measure (an
	// organ's name in a 主送 or 抄送: 县纪委监委, never 县纪委 / 监委).
	Keep bool
}

// Para is a paragraph to break into lines.
type Para struct {
	Spans []Span
	// Width is the measure (mm): the 版心 width, or a table cell's.
	Width float64
	// FirstIndent and Indent are the left indents of the first line and of
	// the following lines (mm).
	FirstIndent, Indent float64
	// Squeeze scales a full-width character's advance: the 28-character grid
	// sets a 16 pt character on a 15.79 pt pitch (GB/T 9704-2012 5.2.3).
	// 0 means 1.
	Squeeze float64
	// Ragged leaves every line at its natural width (titles, table cells that
	// are centred); otherwise all lines but the last are justified.
	Ragged bool
	// Shrink is the fraction of its advance a compressible punctuation mark
	// may give up to pull a mark up to the line it belongs to; 0 forbids
	// compression (the mark's character is pushed down instead).
	Shrink float64
}

// Placed is one glyph of a broken line, relative to the line's left edge.
type Placed struct {
	R     rune
	X     float64 // left edge of its advance, mm from the measure's left edge (indent included)
	Adv   float64 // the advance it was given (mm)
	Off   float64 // the glyph origin's offset from X (mm)
	Style format.Style
}

// Line is one line of a broken paragraph.
type Line struct {
	Glyphs []Placed
	Width  float64 // from the measure's left edge to the end of the last advance (mm)
}

// Character classes for the line-breaking rules of GB/T 15834-2011 and the
// W3C's Requirements for Chinese Text Layout (clreq) §3.1.7: a closing or
// pause mark never starts a line, an opening mark never ends one.
const (
	closing = "，。、；：？！）》」』】〕”’·…—%‰℃．,.;:?!)]}"
	opening = "（《「『【〔“‘([{"
	// compressible marks have their ink in one half of the em box and may
	// give up the other half (clreq §3.1.6 "punctuation adjustment").
	compressibleClosing = "，。、；：）》」』】〕”’"
	compressibleOpening = "（《「『【〔“‘"
)

// The classes as sets, for lookups in the per-character loop.
var (
	closingSet             = runeSet(closing)
	openingSet             = runeSet(opening)
	compressibleClosingSet = runeSet(compressibleClosing)
	compressibleOpeningSet = runeSet(compressibleOpening)
)

func runeSet(s string) map[rune]bool {
	m := map[rune]bool{}
	for _, r := range s {
		m[r] = true
	}
	return m
}

// in reports whether r is one of the characters of set, one of the class
// strings above.
func in(set string, r rune) bool {
	if r >= 0x4E00 && r <= 0x9FFF || r >= 0x20000 { // a CJK ideograph (above the BMP: Extension B on), in none of them
		return false
	}
	switch set {
	case closing:
		return closingSet[r]
	case opening:
		return openingSet[r]
	case compressibleClosing:
		return compressibleClosingSet[r]
	case compressibleOpening:
		return compressibleOpeningSet[r]
	}
	return false
}

type class int

const (
	clsIdeo  class = iota // an ideograph or other full-width letter: break on either side
	clsOpen               // no break after it
	clsClose              // no break before it
	clsWord               // Latin word or number: never split
	clsSpace              // a space: a break opportunity that disappears at a line end
)

// atom is an unbreakable piece: one ideograph or mark, a word or number, a
// doubled …… or ——.
type atom struct {
	g   []glyph // a window on the paragraph's glyphs
	w   float64 // the sum of their advances (mm)
	cls class
	// shrink is how much the atom may give up by punctuation compression
	// (mm); shrinkLeft says the room is on its left (opening marks).
	shrink     float64
	shrinkLeft bool
	// kept: the atom goes on a kept span (Span.Keep): no break before it
	kept bool
}

// glyph is one measured character of a paragraph.
type glyph struct {
	r     rune
	adv   float64 // its advance on the grid (mm)
	off   float64 // where its origin sits in the advance (mm): a squeezed full-width glyph is centred in its cell
	style format.Style
}

func (a *atom) width() float64 { return a.w }

// MissingGlyph is a character its font cannot draw.
type MissingGlyph struct {
	R    rune
	Font string
	Role format.Role
}

func (m MissingGlyph) Error() string { return m.Message().String() }

// Message is the error as a message, for a printer.
func (m MissingGlyph) Message() say.Text {
	return say.Sprintf("character %q (%U) is not in the %s font %s: use another character or point the role %q at a font that has it", m.R, m.R, m.Role.ChineseName(), m.Font, string(m.Role))
}

// atoms splits spans into atoms, measuring each rune. Characters the font
// lacks are reported, once each.
// Compressible marks may give up the fraction shrink of their advance.
func atoms(spans []Span, squeeze, shrink float64) ([]atom, []MissingGlyph) {
	if squeeze == 0 {
		squeeze = 1
	}
	var missing []MissingGlyph
	var seen map[rune]bool // characters reported missing
	// All glyphs live in one array, allocated once, that atoms are windows
	// on, and the atoms in another as long: a paragraph costs a few
	// allocations, whatever its length (the table setter breaks each cell
	// at many widths).
	total := 0
	for _, sp := range spans {
		total += utf8.RuneCountInString(sp.Text)
	}
	all := make([]glyph, 0, total)
	out := make([]atom, 0, total)
	// A kept span's atoms but its first go on from the one before.
	keepFrom := -1
	closeKept := func() {
		for k := keepFrom + 1; keepFrom >= 0 && k < len(out); k++ {
			out[k].kept = true
		}
		keepFrom = -1
	}
	for _, sp := range spans {
		closeKept()
		if sp.Keep {
			keepFrom = len(out)
		}
		em := format.MM(sp.Style.Size)
		// adv is the advance on the grid of a character whose advance in
		// its font is a em.
		adv := func(a float64) float64 {
			if a >= 0.99 {
				return em * squeeze // a full-width character takes its grid cell
			}
			return a * em
		}
		text := sp.Text
		for len(text) > 0 {
			r, n := utf8.DecodeRuneInString(text)
			if r == utf8.RuneError && n <= 1 {
				r = '\uFFFD'
			}
			if !sp.Font.Has(r) && !seen[r] && r != ' ' {
				if seen == nil {
					seen = map[rune]bool{}
				}
				seen[r] = true
				missing = append(missing, MissingGlyph{r, sp.Font.Name(), sp.Style.Role})
			}
			fa := sp.Font.Advance(r)
			ad := adv(fa)
			off := 0.0
			if nat := fa * em; ad < nat {
				off = (ad - nat) / 2
			}
			all = append(all, glyph{r: r, adv: ad, off: off, style: sp.Style})
			a := atom{g: all[len(all)-1:], w: ad}
			switch {
			case r == ' ':
				a.cls = clsSpace
			case isWordRune(r):
				a.cls = clsWord
			case in(opening, r):
				a.cls = clsOpen
			case in(closing, r):
				a.cls = clsClose
			}
			if ad >= em*squeeze*0.99 {
				switch {
				case in(compressibleClosing, r):
					a.shrink = ad * shrink
				case in(compressibleOpening, r):
					a.shrink, a.shrinkLeft = ad*shrink, true
				}
			}
			text = text[n:]
			// Glue what must not be split: a word's letters and digits
			// (with the point and per cent of 17.2%), and a doubled
			// …… or —— (GB/T 15834-2011 4.10, 4.9).
			if k := len(out) - 1; k >= 0 {
				prev := &out[k]
				lastR := prev.g[len(prev.g)-1].r
				joinWord := a.cls == clsWord && prev.cls == clsWord
				joinMark := (r == '…' || r == '—') && lastR == r && len(prev.g) == 1
				joinUnit := prev.cls == clsWord && (r == '%' || r == '‰' || r == '℃')
				if joinWord || joinMark || joinUnit {
					// The glyphs are consecutive in all: widen the window.
					prev.g = prev.g[:len(prev.g)+1]
					prev.w += ad
					prev.shrink = 0
					continue
				}
			}
			out = append(out, a)
		}
	}
	closeKept()
	return out, missing
}

// isWordRune is a character of a Latin word or a number: ASCII letters and
// digits, and the point, comma, hyphen, slash, colon and per cent inside one
// (17.2%, 2024-12-26).
func isWordRune(r rune) bool {
	switch {
	case r >= '0' && r <= '9', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		return true
	case r == '.' || r == '%' || r == '-' || r == '/' || r == '+' || r == '_' || r == '@' || r == '&' || r == '\'':
		return true
	}
	return false
}

// breakable says whether a line may end between atoms a and b.
func breakable(a, b *atom) bool {
	switch {
	case b.kept:
		return false
	case b.cls == clsClose, a.cls == clsOpen:
		return false
	case a.cls == clsSpace, b.cls == clsSpace:
		return a.cls == clsSpace // break after a space, not before it
	}
	return true
}

// group is a run of atoms with no allowed break inside: atoms [start, end).
type group struct{ start, end int }

func groups(as []atom) []group {
	gs := make([]group, 0, len(as))
	start := 0
	for i := 1; i <= len(as); i++ {
		if i == len(as) || breakable(&as[i-1], &as[i]) {
			gs = append(gs, group{start, i})
			start = i
		}
	}
	return gs
}

// span of atoms measured: natural width and what compression can take.
func measure(as []atom, lineEnd bool) (w, shrink float64) {
	for i := range as {
		w += as[i].width()
		// A closing mark at the line's end keeps its advance, so that its em
		// box stays inside the measure; an opening mark at its start likewise.
		if (lineEnd && i == len(as)-1 && !as[i].shrinkLeft) || (i == 0 && as[i].shrinkLeft) {
			continue
		}
		shrink += as[i].shrink
	}
	return w, shrink
}

// measureJoin is measure of the line a followed by b without its spaces at
// either end, computed without building the line (the breaker tries many).
func measureJoin(a, b []atom) (w, shrink float64) {
	n := len(a) + len(b)
	at := func(i int) *atom {
		if i < len(a) {
			return &a[i]
		}
		return &b[i-len(a)]
	}
	start, end := 0, n
	for start < end && at(start).cls == clsSpace {
		start++
	}
	for end > start && at(end-1).cls == clsSpace {
		end--
	}
	for i := start; i < end; i++ {
		x := at(i)
		w += x.width()
		if (i == end-1 && !x.shrinkLeft) || (i == start && x.shrinkLeft) {
			continue
		}
		shrink += x.shrink
	}
	return w, shrink
}

// lineSums are the sums measureJoin makes over the atoms of the line fill
// is building, kept as the line grows: after its first k atoms, w[k] of
// their widths and s[k] of what compression may take from them (but from
// the first atom if it is an opening mark). They are measureJoin's
// additions, in its order, so join gives its very numbers, at the cost of
// the group joined rather than of the whole line.
type lineSums struct{ w, s []float64 }

// sumsPool holds lineSums for the paragraphs Break breaks.
var sumsPool = sync.Pool{New: func() any { return new(lineSums) }}

// reset starts a line.
func (ls *lineSums) reset() {
	ls.w, ls.s = append(ls.w[:0], 0), append(ls.s[:0], 0)
}

// join is measureJoin(line, b), line being the line whose sums ls keeps:
// it only ever grows at its end between resets.
func (ls *lineSums) join(line, b []atom) (w, shrink float64) {
	n := len(line)
	if n == 0 || line[0].cls == clsSpace || len(ls.w) > n+1 {
		return measureJoin(line, b) // no sums start from a space
	}
	for k := len(ls.w) - 1; k < n; k++ {
		a := &line[k]
		ls.w = append(ls.w, ls.w[k]+a.width())
		s := ls.s[k]
		if k > 0 || !a.shrinkLeft {
			s += a.shrink
		}
		ls.s = append(ls.s, s)
	}
	end := n + len(b) // after the last atom that is not a space
	for end > n && b[end-n-1].cls == clsSpace {
		end--
	}
	if end == n {
		for end > 1 && line[end-1].cls == clsSpace {
			end--
		}
		// The last atom's shrink counts only for an opening mark that
		// does not start the line.
		w, shrink = ls.w[end], ls.s[end-1]
		if last := &line[end-1]; last.shrinkLeft && end > 1 {
			shrink += last.shrink
		}
		return w, shrink
	}
	w, shrink = ls.w[n], ls.s[n]
	for i := n; i < end; i++ {
		x := &b[i-n]
		w += x.width()
		if i < end-1 || x.shrinkLeft {
			shrink += x.shrink
		}
	}
	return w, shrink
}

// trimSpaces drops spaces at a line's ends.
func trimSpaces(as []atom) []atom {
	for len(as) > 0 && as[0].cls == clsSpace {
		as = as[1:]
	}
	for len(as) > 0 && as[len(as)-1].cls == clsSpace {
		as = as[:len(as)-1]
	}
	return as
}

const eps = 1e-6

// Break breaks a paragraph into lines by the rules of GB/T 15834 and clreq:
// every ideograph is a break opportunity except before a closing mark and
// after an opening one; words, numbers, …… and —— are never split. Lines are
// filled greedily (a Chinese line has a break opportunity at nearly every
// character, so first fit is what a compositor does, clreq §3.1.7); when the
// next unbreakable group does not fit, it is pulled up if compressing the
// line's punctuation makes room, and otherwise pushed down whole, and the
// line is justified by spacing. A group wider than the measure alone is cut
// between characters: overflowing the 版心 is never an option.
//
// It returns the characters that a span's font lacks, if any, as errors.
func Break(p Para) ([]Line, []MissingGlyph) {
	as, gs, missing := measured(p.Spans, p.Squeeze, clampShrink(p.Shrink))
	return breakMeasured(as, gs, p), missing
}

// breakMeasured is Break of the atoms as, in their groups gs, measured from
// p's spans (the table setter measures a cell's text once for all its
// widths): p's width, indents and raggedness apply.
func breakMeasured(as []atom, gs []group, p Para) []Line {
	if len(as) == 0 {
		return nil
	}
	lines := fill(as, gs, p.Width, p.FirstIndent, p.Indent, nil, nil, nil)
	// Every line is full now: the room is that of a following line.
	fits := func(a, b []atom) bool {
		w, _ := measureJoin(a, b)
		return w <= p.Width-p.Indent+eps
	}
	lines = avoidLoneLast(lines, fits)
	out := make([]Line, len(lines))
	for i, l := range lines {
		indent := p.Indent
		if i == 0 {
			indent = p.FirstIndent
		}
		last := i == len(lines)-1
		out[i] = place(trimSpaces(l), indent, p.Width-indent, !p.Ragged && !last)
	}
	return out
}

// clampShrink is the punctuation compression Break allows for Para.Shrink.
func clampShrink(s float64) float64 { return min(max(s, 0), 0.5) }

// fill is Break's first fit: the atoms as (in their unbreakable groups gs)
// filled into lines of width mm, less firstIndent on the first line and
// indent on the others, appended to lines (a buffer the caller may reuse;
// the lines are windows on as, or slices of their own). The lines it
// returns are as many as Break's: avoidLoneLast only moves a group from
// one line to the next, so the table setter counts lines with fill alone.
// If b is not nil, fill narrows it to the room in which it would have
// decided everything as it did (see bounds). sums is a buffer the caller
// may reuse, or nil.
func fill(as []atom, gs []group, width, firstIndent, indent float64, lines [][]atom, b *bounds, sums *lineSums) [][]atom {
	first := len(lines)
	if sums == nil {
		sums = sumsPool.Get().(*lineSums)
		defer sumsPool.Put(sums)
	}
	sums.reset()
	// A line is most often a run of the paragraph's atoms: then it is a
	// window on them (capped, so that nothing appended to it can write
	// into them: they may be shared, see measured), and costs nothing. A
	// line holding characters cut from an over-wide group is a slice of
	// its own. from is where cur's window starts, -1 when cur is its own.
	var cur []atom
	from := -1
	newLine := func() {
		lines = append(lines, cur)
		cur, from = nil, -1
		sums.reset()
	}
	// extend adds group g to the line.
	extend := func(g group) {
		switch {
		case len(cur) == 0:
			cur, from = as[g.start:g.end:g.end], g.start
		case from >= 0 && from+len(cur) == g.start:
			cur = as[from:g.end:g.end]
		default:
			cur = append(cur, as[g.start:g.end]...)
			from = -1
		}
	}
	avail := func() float64 {
		if len(lines) == first {
			return width - firstIndent
		}
		return width - indent
	}
	// within says whether x mm fit the room: every choice fill makes
	// by the width is one of these.
	within := func(x float64) bool {
		ok := x <= avail()+eps
		if b != nil {
			b.note(x, ok)
		}
		return ok
	}
	// fits says whether the line a+b fits at its natural width; squeezed,
	// whether it fits with its punctuation compressed.
	// a is always the line: sums has its sums.
	fits := func(a, b []atom) bool {
		w, _ := sums.join(a, b)
		return within(w)
	}
	squeezed := func(a, b []atom) bool {
		w, s := sums.join(a, b)
		return within(w - s)
	}
	for _, g := range gs {
		ga := as[g.start:g.end]
		if len(trimSpaces(cur)) == 0 {
			cur, from = nil, -1 // spaces at a line's start disappear
			sums.reset()
			if len(trimSpaces(ga)) == 0 {
				continue
			}
		}
		if len(cur) > 0 && !fits(cur, ga) {
			// Compression only resolves a rule: the group's characters fit
			// and only its closing marks, which may not start the next line,
			// overflow. Otherwise the group goes down whole.
			pullUp := squeezed(cur, ga) && fits(cur, withoutClosing(ga))
			if !pullUp {
				newLine() // push the group down
			}
		}
		if len(cur) == 0 && !squeezed(nil, ga) {
			// Alone and too wide: cut it where it must be cut.
			for _, a := range splitGroup(ga, within) {
				if len(trimSpaces(cur)) > 0 && !squeezed(cur, []atom{a}) {
					newLine()
				}
				cur = append(cur, a) // a copy, never into the atoms
				from = -1
			}
			continue
		}
		extend(g)
	}
	if len(trimSpaces(cur)) > 0 {
		newLine()
	}
	return lines
}

// bounds is the room in which fill decides as it did: every width it found
// within the room was at most fit, every one it found too wide was over or
// more. A fill of the same atoms with no indent and a room r for which
// fit <= r+eps and over > r+eps makes every choice the same, so it breaks
// the same lines. The table setter counts a cell's lines once for each
// such room, not once for each width it asks about.
type bounds struct{ fit, over float64 }

func newBounds() bounds { return bounds{math.Inf(-1), math.Inf(1)} }

func (b *bounds) note(x float64, ok bool) {
	if ok {
		b.fit = max(b.fit, x)
	} else {
		b.over = min(b.over, x)
	}
}

// holds says whether fill with room r decides as the fill that made b.
func (b *bounds) holds(r float64) bool { return b.fit <= r+eps && b.over > r+eps }

// withoutClosing is a group without its trailing closing marks.
func withoutClosing(ga []atom) []atom {
	n := len(ga)
	for n > 0 && ga[n-1].cls == clsClose {
		n--
	}
	return ga[:n]
}

func concat(a, b []atom) []atom {
	return append(append(make([]atom, 0, len(a)+len(b)), a...), b...)
}

// splitGroup cuts an over-wide group into single atoms, and an over-wide
// word into single characters.
func splitGroup(ga []atom, within func(float64) bool) []atom {
	var out []atom
	for _, a := range ga {
		if within(a.width()) || len(a.g) == 1 {
			out = append(out, a)
			continue
		}
		for k := range a.g {
			out = append(out, atom{g: a.g[k : k+1], w: a.g[k].adv, cls: clsIdeo})
		}
	}
	return out
}

// avoidLoneLast keeps a paragraph's last line from holding a single
// character (with its marks) when the line above can give it company
// (GB/T 9704 practice; clreq §3.1.8 calls this a 孤字).
func avoidLoneLast(lines [][]atom, fits func(a, b []atom) bool) [][]atom {
	n := len(lines)
	if n < 2 {
		return lines
	}
	last := trimSpaces(lines[n-1])
	chars := 0
	for _, a := range last {
		if a.cls != clsClose {
			chars += len(a.g)
		}
	}
	if chars != 1 {
		return lines
	}
	prev := lines[n-2]
	gs := groups(prev)
	if len(gs) < 3 {
		return lines
	}
	g := gs[len(gs)-1]
	if !fits(prev[g.start:g.end], lines[n-1]) {
		return lines
	}
	moved := concat(prev[g.start:g.end], lines[n-1])
	out := append([][]atom{}, lines[:n-2]...)
	return append(out, prev[:g.start], moved)
}

// place positions a line's atoms. A justified line is brought to exactly
// width: by compressing punctuation when it is too long, or by spreading the
// difference evenly over the gaps between atoms when it is short (clreq
// §3.2.1: inter-character spacing, never inside a word).
func place(as []atom, indent, width float64, justify bool) Line {
	w, shrink := measure(as, true)
	over := w - width
	ratio := 0.0 // fraction of each atom's shrink that is used
	if over > eps && shrink > eps {
		ratio = over / shrink
		if ratio > 1 {
			ratio = 1
		}
	}
	spread := 0.0
	if justify && over < -eps && len(as) > 1 {
		spread = -over / float64(len(as)-1)
	}
	n := 0
	for i := range as {
		n += len(as[i].g)
	}
	line := Line{Glyphs: make([]Placed, 0, n)}
	x := indent
	for i := range as {
		a := &as[i]
		s := a.shrink * ratio
		if (i == len(as)-1 && !a.shrinkLeft) || (i == 0 && a.shrinkLeft) {
			s = 0
		}
		if a.shrinkLeft {
			x -= s
		}
		for _, g := range a.g {
			line.Glyphs = append(line.Glyphs, Placed{R: g.r, X: x, Adv: g.adv, Off: g.off, Style: g.style})
			x += g.adv
		}
		if !a.shrinkLeft {
			x -= s
		}
		if i < len(as)-1 {
			x += spread
		}
	}
	line.Width = x
	return line
}
