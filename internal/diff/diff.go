package diff

import (
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"gongwen/internal/say"
)

// Marks around changed characters in a reported line. ⟦⟧ (U+27E6, U+27E7)
// are not used in 公文 text, so they cannot be mistaken for it.
const (
	markOpen  = "⟦"
	markClose = "⟧"
)

// At is a line's place: its page and its number among the page's printed
// lines (table cells not counted), both from 1; zero when absent.
type At struct{ Page, Line int }

// Change is a changed printed line: the old and the new text, the changed
// characters marked. A line with nothing on one side (a line added or
// removed) has that side's At zero and its text empty.
type Change struct {
	Old, New     At
	OldText      string
	NewText      string
	oldIx, newIx int // into the records' Lines; -1 when absent
}

// CellChange is a changed table cell, named by annex, row and column.
type CellChange struct {
	Name             string
	Old, New         string // empty when the cell is absent on that side
	OldPage, NewPage int
	oldIx, newIx     []int
}

// ImageChange is a picture (a seal) added, removed or moved, by its file's
// name.
type ImageChange struct {
	Name             string
	OldPage, NewPage int // 0 when absent on that side
	oldIx, newIx     int // into the records' Lines; -1 when absent
}

// Report is what changed between two records.
type Report struct {
	Lines  []Change
	Cells  []CellChange
	Images []ImageChange
	// Fonts are the roles set in another font, or in a font file with
	// other bytes (the same characters, drawn otherwise).
	Fonts []FontChange
	// Moved counts the lines whose text is unchanged but which stand
	// elsewhere: reflowed in a changed paragraph, moved to another line or
	// page. MovedPages are the new pages they stand on.
	Moved      int
	MovedPages []int
	// OldPages and NewPages are the documents' page counts.
	OldPages, NewPages int
	oldMoved           []int
	newMoved           []int
}

// Same tells whether the printed text and the layout are the same.
func (r *Report) Same() bool {
	return len(r.Lines) == 0 && len(r.Cells) == 0 && len(r.Images) == 0 && len(r.Fonts) == 0 && r.Moved == 0 && r.OldPages == r.NewPages
}

// pageNumber is how a page number reads (— 3 —). Page numbers are left
// out of the lines compared: when a page is added they would all differ
// while saying nothing; the page count is compared instead.
var pageNumber = regexp.MustCompile(`^[—-]\s*[0-9]+\s*[—-]$`)

// numbered is a record's printed lines (not cells) with their places.
type numbered struct {
	ix []int // into Record.Lines
	at []At
}

func number(rec *Record) numbered {
	var n numbered
	page, line := 0, 0
	for i, l := range rec.Lines {
		if l.Kind != LineKind || pageNumber.MatchString(l.Text) {
			continue
		}
		if l.Page != page {
			page, line = l.Page, 0
		}
		line++
		n.ix = append(n.ix, i)
		n.at = append(n.at, At{l.Page, line})
	}
	return n
}

// Compare finds what changed from old to new.
func Compare(old, new *Record) *Report {
	rep := &Report{OldPages: len(old.Pages), NewPages: len(new.Pages)}
	on, nn := number(old), number(new)
	ot := make([]string, len(on.ix))
	for i, k := range on.ix {
		ot[i] = old.Lines[k].Text
	}
	nt := make([]string, len(nn.ix))
	for i, k := range nn.ix {
		nt[i] = new.Lines[k].Text
	}
	moved := func(i, j int) {
		rep.Moved++
		rep.oldMoved = append(rep.oldMoved, on.ix[i])
		rep.newMoved = append(rep.newMoved, nn.ix[j])
		rep.MovedPages = addPage(rep.MovedPages, nn.at[j].Page)
	}
	pairs := match(ot, nt)
	pi, pj := 0, 0
	for _, p := range append(pairs, [2]int{len(ot), len(nt)}) {
		if p[0] > pi || p[1] > pj {
			rep.hunk(old, new, on, nn, pi, p[0], pj, p[1], moved)
		}
		if p[0] < len(ot) {
			a, b := old.Lines[on.ix[p[0]]], new.Lines[nn.ix[p[1]]]
			if on.at[p[0]] != nn.at[p[1]] || math.Abs(a.Y-b.Y) > 0.05 || math.Abs(a.X1-b.X1) > 0.05 {
				moved(p[0], p[1])
			}
		}
		pi, pj = p[0]+1, p[1]+1
	}
	rep.compareCells(old, new)
	rep.compareImages(old, new)
	rep.Fonts = compareFonts(old.Fonts, new.Fonts)
	return rep
}

// compareImages pairs the pictures of the same name in order and reports
// each one added, removed, or standing elsewhere (by more than 0.05 mm).
func (rep *Report) compareImages(old, new *Record) {
	list := func(r *Record) map[string][]int {
		m := map[string][]int{}
		for i, l := range r.Lines {
			if l.Kind == ImageKind && l.Name != "" { // a seal's place is no picture
				m[l.Name] = append(m[l.Name], i)
			}
		}
		return m
	}
	om, nm := list(old), list(new)
	var names []string
	for n := range om {
		names = append(names, n)
	}
	for n := range nm {
		if _, ok := om[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		o, w := om[n], nm[n]
		for k := 0; k < max(len(o), len(w)); k++ {
			c := ImageChange{Name: n, oldIx: -1, newIx: -1}
			if k < len(o) {
				c.oldIx, c.OldPage = o[k], old.Lines[o[k]].Page
			}
			if k < len(w) {
				c.newIx, c.NewPage = w[k], new.Lines[w[k]].Page
			}
			if c.oldIx >= 0 && c.newIx >= 0 {
				a, b := old.Lines[c.oldIx], new.Lines[c.newIx]
				if a.Page == b.Page && math.Abs(a.Y-b.Y) <= 0.05 && math.Abs(a.X1-b.X1) <= 0.05 && math.Abs(a.X2-b.X2) <= 0.05 && math.Abs(a.Size-b.Size) <= 0.05 {
					continue
				}
			}
			rep.Images = append(rep.Images, c)
		}
	}
}

func addPage(pages []int, p int) []int {
	i := sort.SearchInts(pages, p)
	if i < len(pages) && pages[i] == p {
		return pages
	}
	pages = append(pages, 0)
	copy(pages[i+1:], pages[i:])
	pages[i] = p
	return pages
}

// match pairs equal items of a and b along a longest common subsequence.
func match[T comparable](a, b []T) [][2]int {
	// Common ends first: a correction leaves most of a document alone.
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	var out [][2]int
	for i := 0; i < pre; i++ {
		out = append(out, [2]int{i, i})
	}
	out = append(out, lcs(a[pre:len(a)-suf], b[pre:len(b)-suf], pre, pre)...)
	for k := suf; k > 0; k-- {
		out = append(out, [2]int{len(a) - k, len(b) - k})
	}
	return out
}

// lcsLimit bounds the table of lcs (its cells are int32: 64 MB).
const lcsLimit = 16 << 20

func hunkRunes(r *Record, n numbered, from, to int) int {
	c := 0
	for i := from; i < to; i++ {
		c += utf8.RuneCountInString(r.Lines[n.ix[i]].Text)
	}
	return c
}

// lcs is the classic dynamic programme; the middles it is given are the
// changed stretch of a document, or of a paragraph's characters. Beyond a
// size it gives up matching (everything in between counts as changed).
func lcs[T comparable](a, b []T, offA, offB int) [][2]int {
	if len(a) == 0 || len(b) == 0 || len(a)*len(b) > lcsLimit {
		return nil
	}
	w := len(b) + 1
	t := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i*w+j] = t[(i+1)*w+j+1] + 1
			} else {
				t[i*w+j] = max(t[(i+1)*w+j], t[i*w+j+1])
			}
		}
	}
	var out [][2]int
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			out = append(out, [2]int{i + offA, j + offB})
			i++
			j++
		case t[(i+1)*w+j] >= t[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return out
}

// hunk compares old lines [i0,i1) with new lines [j0,j1), which the line
// match left unpaired, character by character: a line holding a changed
// character is reported with the line it stood against, a line whose
// characters are all unchanged only moved (the paragraph reflowed).
func (rep *Report) hunk(old, new *Record, on, nn numbered, i0, i1, j0, j1 int, moved func(i, j int)) {
	// A stretch too long to compare character by character, of as many
	// lines on each side, is compared line against line.
	if i1-i0 == j1-j0 && i1-i0 > 1 && hunkRunes(old, on, i0, i1)*hunkRunes(new, nn, j0, j1) > lcsLimit {
		for k := 0; k < i1-i0; k++ {
			rep.hunk(old, new, on, nn, i0+k, i0+k+1, j0+k, j0+k+1, moved)
		}
		return
	}
	o, n := hunkSide(old, on, i0, i1), hunkSide(new, nn, j0, j1)
	matchRunes(o, n)
	for _, p := range keepPairs(changedLines(o, n, i0, i1, j0, j1)) {
		c := Change{oldIx: -1, newIx: -1}
		if p.i >= 0 {
			c.Old, c.oldIx, c.OldText = on.at[p.i], on.ix[p.i], o.marked(p.i)
		}
		if p.j >= 0 {
			c.New, c.newIx, c.NewText = nn.at[p.j], nn.ix[p.j], n.marked(p.j)
		}
		rep.Lines = append(rep.Lines, c)
	}
	// Unchanged lines of the hunk only moved, each against the line its
	// first character now stands on.
	for i := i0; i < i1; i++ {
		if o.changed[i] {
			continue
		}
		j := -1
		for k := sort.SearchInts(o.line, i); k < len(o.line) && o.line[k] == i; k++ {
			if o.to[k] >= 0 {
				j = n.line[o.to[k]]
				break
			}
		}
		if j >= 0 && !n.changed[j] {
			moved(i, j)
		}
	}
}

// hunkText is one side of a hunk, character by character.
type hunkText struct {
	runes []rune
	line  []int  // the hunk line of each rune (ascending)
	same  []bool // the rune is matched on the other side
	// to is each rune's matched rune of the other side, or the nearest
	// preceding matched one's; -1 before any
	to      []int
	changed map[int]bool // the lines holding a rune not matched
}

// hunkSide is lines [from,to) of a record's printed lines.
func hunkSide(r *Record, n numbered, from, to int) *hunkText {
	s := &hunkText{changed: map[int]bool{}}
	for i := from; i < to; i++ {
		for _, c := range r.Lines[n.ix[i]].Text {
			s.runes = append(s.runes, c)
			s.line = append(s.line, i)
		}
	}
	s.same = make([]bool, len(s.runes))
	s.to = make([]int, len(s.runes))
	for i := range s.to {
		s.to[i] = -1
	}
	return s
}

// matchRunes pairs the two sides' runes along a longest common
// subsequence, and gives each unmatched rune the match before it.
func matchRunes(o, n *hunkText) {
	for _, p := range match(o.runes, n.runes) {
		o.same[p[0]], n.same[p[1]] = true, true
		o.to[p[0]], n.to[p[1]] = p[1], p[0]
	}
	for _, s := range []*hunkText{o, n} {
		for i := 1; i < len(s.to); i++ {
			if s.to[i] < 0 {
				s.to[i] = s.to[i-1]
			}
		}
	}
}

// counterpart is the line of the other side that rune k stands against:
// the line of the other side's rune after the match nearest before k (the
// rune k stands in place of); -1 when that line is outside [lo,hi) or the
// other side has no runes.
func (s *hunkText) counterpart(k int, other *hunkText, lo, hi int) int {
	if len(other.line) == 0 {
		return -1
	}
	q := s.to[k]
	if q < 0 {
		q = 0
	} else if q+1 < len(other.line) && k > 0 {
		q++
	}
	if q >= len(other.line) {
		q = len(other.line) - 1
	}
	l := other.line[q]
	if l < lo || l >= hi {
		return -1
	}
	return l
}

// linePair is an old and a new hunk line reported together; -1 for none.
type linePair struct{ i, j int }

// changedLines finds the lines that hold a change (marking them changed)
// and pairs each with its counterpart, old lines first, each pair once.
func changedLines(o, n *hunkText, i0, i1, j0, j1 int) []linePair {
	seen := map[linePair]bool{}
	var ps []linePair
	add := func(p linePair) {
		if !seen[p] {
			seen[p] = true
			ps = append(ps, p)
		}
	}
	for k, same := range o.same {
		if l := o.line[k]; !same && !o.changed[l] {
			o.changed[l] = true
			add(linePair{l, o.counterpart(k, n, j0, j1)})
		}
	}
	for k, same := range n.same {
		if l := n.line[k]; !same && !n.changed[l] {
			n.changed[l] = true
			add(linePair{n.counterpart(k, o, i0, i1), l})
		}
	}
	return ps
}

// keepPairs drops a line reported alone when it is paired already with
// the other side's changed line, and orders the pairs by their new line
// (an old line alone by its own).
func keepPairs(ps []linePair) []linePair {
	var keep []linePair
	for _, p := range ps {
		if p.i >= 0 && p.j >= 0 {
			keep = append(keep, p)
		}
	}
	covered := func(i, j int) bool {
		for _, p := range keep {
			if (i >= 0 && p.i == i) || (j >= 0 && p.j == j) {
				return true
			}
		}
		return false
	}
	for _, p := range ps {
		if (p.i < 0 || p.j < 0) && !covered(p.i, p.j) {
			keep = append(keep, p)
		}
	}
	sort.SliceStable(keep, func(a, b int) bool {
		ka, kb := keep[a].j, keep[b].j
		if ka < 0 {
			ka = keep[a].i
		}
		if kb < 0 {
			kb = keep[b].i
		}
		return ka < kb
	})
	return keep
}

// marked is hunk line l's text with its changed characters between
// markOpen and markClose.
func (s *hunkText) marked(l int) string {
	var b strings.Builder
	in := false
	// The runes are in line order: l's are found by a binary search, not
	// by walking the whole hunk for each line (a 900-page reflow took time
	// in the square of its runes).
	for k := sort.SearchInts(s.line, l); k < len(s.runes) && s.line[k] == l; k++ {
		if !s.same[k] && !in {
			b.WriteString(markOpen)
			in = true
		} else if s.same[k] && in {
			b.WriteString(markClose)
			in = false
		}
		b.WriteRune(s.runes[k])
	}
	if in {
		b.WriteString(markClose)
	}
	return b.String()
}

// cells collects each named cell's text: its lines on the first page it
// stands on (a header repeated on later pages, a cell cut by a page break,
// counted once).
func cells(rec *Record) (names []string, text map[string]string, page map[string]int, ix map[string][]int) {
	text, page, ix = map[string]string{}, map[string]int{}, map[string][]int{}
	for i, l := range rec.Lines {
		if l.Kind != CellKind {
			continue
		}
		p, ok := page[l.Name]
		if !ok {
			names = append(names, l.Name)
			page[l.Name] = l.Page
		} else if p != l.Page {
			continue
		}
		text[l.Name] += l.Text
		ix[l.Name] = append(ix[l.Name], i)
	}
	return
}

func (rep *Report) compareCells(old, new *Record) {
	on, ot, op, oi := cells(old)
	nn, nt, np, ni := cells(new)
	for _, n := range nn {
		if o, ok := ot[n]; !ok || o != nt[n] {
			rep.Cells = append(rep.Cells, CellChange{Name: n, Old: o, New: nt[n], OldPage: op[n], NewPage: np[n], oldIx: oi[n], newIx: ni[n]})
		}
	}
	for _, n := range on {
		if _, ok := nt[n]; !ok {
			rep.Cells = append(rep.Cells, CellChange{Name: n, Old: ot[n], OldPage: op[n], oldIx: oi[n]})
		}
	}
}

// Write prints the report, one change a line: changed lines, then changed
// cells, then a summary of the lines that only moved.
func (rep *Report) Write(w io.Writer) {
	for _, c := range rep.Lines {
		switch {
		case c.New.Page == 0:
			say.Fprintf(w, "page %d, line %d: %s → (removed)\n", c.Old.Page, c.Old.Line, c.OldText)
		case c.Old.Page == 0:
			say.Fprintf(w, "page %d, line %d: (added) → %s\n", c.New.Page, c.New.Line, c.NewText)
		case c.Old != c.New:
			say.Fprintf(w, "page %d, line %d (was page %d, line %d): %s → %s\n", c.New.Page, c.New.Line, c.Old.Page, c.Old.Line, c.OldText, c.NewText)
		default:
			say.Fprintf(w, "page %d, line %d: %s → %s\n", c.New.Page, c.New.Line, c.OldText, c.NewText)
		}
	}
	for _, c := range rep.Cells {
		switch {
		case c.OldPage == 0:
			say.Fprintf(w, "%s: (none) → %s\n", c.Name, c.New)
		case c.NewPage == 0:
			say.Fprintf(w, "%s: %s → (none)\n", c.Name, c.Old)
		default:
			say.Fprintf(w, "%s: %s → %s\n", c.Name, c.Old, c.New)
		}
	}
	for _, c := range rep.Images {
		switch {
		case c.OldPage == 0:
			say.Fprintf(w, "page %d: picture %s added\n", c.NewPage, c.Name)
		case c.NewPage == 0:
			say.Fprintf(w, "page %d: picture %s removed\n", c.OldPage, c.Name)
		default:
			say.Fprintf(w, "page %d: picture %s moved (was on page %d)\n", c.NewPage, c.Name, c.OldPage)
		}
	}
	for _, c := range rep.Fonts {
		switch {
		case c.Old.Name == "":
			say.Fprintf(w, "fonts: %s (none) → %s\n", label(c.Role), c.New.Name)
		case c.New.Name == "":
			say.Fprintf(w, "fonts: %s %s → (none)\n", label(c.Role), c.Old.Name)
		default:
			say.Fprintf(w, "fonts: %s\n", c)
		}
	}
	if rep.OldPages != rep.NewPages {
		say.Fprintln(w, pageCount(rep.OldPages, rep.NewPages))
	}
	if rep.Moved > 0 {
		say.Fprintf(w, "%s only moved (reflowed or on another line or page), on %s\n", lines(rep.Moved), pageList(rep.MovedPages))
	}
}

// Summary is the one-line account `gongwen build` gives of what a rebuild
// changed: "3 lines changed on pages 2, 6", or "unchanged".
func (rep *Report) Summary() say.Text {
	if len(rep.Fonts) == 0 {
		return rep.textSummary()
	}
	fs := make([]string, len(rep.Fonts))
	for i, c := range rep.Fonts {
		fs[i] = c.String()
	}
	if text := rep.textSummary(); text.String() != "unchanged" {
		return say.Sprintf("%s; fonts changed: %s", text, strings.Join(fs, ", "))
	}
	return say.Sprintf("fonts changed: %s", strings.Join(fs, ", "))
}

// textSummary is Summary for what was printed and where, the fonts aside.
func (rep *Report) textSummary() say.Text {
	if len(rep.Lines) == 0 && len(rep.Cells) == 0 && len(rep.Images) == 0 && rep.Moved == 0 && rep.OldPages == rep.NewPages {
		return say.Word("unchanged")
	}
	var pages []int
	for _, c := range rep.Lines {
		if c.New.Page > 0 {
			pages = addPage(pages, c.New.Page)
		} else {
			pages = addPage(pages, c.Old.Page)
		}
	}
	for _, c := range rep.Cells {
		if c.NewPage > 0 {
			pages = addPage(pages, c.NewPage)
		} else {
			pages = addPage(pages, c.OldPage)
		}
	}
	for _, c := range rep.Images {
		if c.NewPage > 0 {
			pages = addPage(pages, c.NewPage)
		} else {
			pages = addPage(pages, c.OldPage)
		}
	}
	var what []say.Text
	if len(rep.Lines) > 0 {
		what = append(what, lines(len(rep.Lines)))
	}
	if len(rep.Cells) > 0 {
		what = append(what, count(len(rep.Cells), "1 table cell", "%d table cells"))
	}
	if len(rep.Images) > 0 {
		what = append(what, count(len(rep.Images), "1 picture", "%d pictures"))
	}
	if len(what) == 0 && rep.Moved == 0 {
		return pageCount(rep.OldPages, rep.NewPages)
	}
	// Each summary is one whole message of the catalogue (i18n), its
	// counts and pages parts of it.
	pagesChanged := rep.OldPages != rep.NewPages
	if len(what) == 0 {
		if pagesChanged {
			return say.Sprintf("%s moved on %s; %d → %d pages", lines(rep.Moved), pageList(rep.MovedPages), rep.OldPages, rep.NewPages)
		}
		return say.Sprintf("%s moved on %s", lines(rep.Moved), pageList(rep.MovedPages))
	}
	changed := what[0]
	switch len(what) {
	case 2:
		changed = say.Sprintf("%s and %s", what[0], what[1])
	case 3:
		changed = say.Sprintf("%s and %s and %s", what[0], what[1], what[2])
	}
	switch {
	case rep.Moved > 0 && pagesChanged:
		return say.Sprintf("%s changed on %s; %s moved; %d → %d pages", changed, pageList(pages), lines(rep.Moved), rep.OldPages, rep.NewPages)
	case rep.Moved > 0:
		return say.Sprintf("%s changed on %s; %s moved", changed, pageList(pages), lines(rep.Moved))
	case pagesChanged:
		return say.Sprintf("%s changed on %s; %d → %d pages", changed, pageList(pages), rep.OldPages, rep.NewPages)
	}
	return say.Sprintf("%s changed on %s", changed, pageList(pages))
}

// count is "1 thing" or, with many a format of the number, "N things".
func count(n int, one, many string) say.Text {
	if n == 1 {
		return say.Word(one)
	}
	return say.Sprintf(many, n)
}

func lines(n int) say.Text { return count(n, "1 line", "%d lines") }

// pageCount is the change of the number of pages: "8 pages → 9 pages".
func pageCount(old, new int) say.Text {
	switch {
	case old == 1:
		return say.Sprintf("1 page → %d pages", new)
	case new == 1:
		return say.Sprintf("%d pages → 1 page", old)
	}
	return say.Sprintf("%d pages → %d pages", old, new)
}

func pageList(ps []int) say.Text {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = strconv.Itoa(p)
	}
	if len(ps) == 1 {
		return say.Sprintf("page %s", s[0])
	}
	return say.Sprintf("pages %s", strings.Join(s, ", "))
}
