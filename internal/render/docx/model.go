package docx

// model.go turns the composed pages back into what a word processor edits:
// paragraphs (the lines of one paragraph joined again), the blank grid
// lines between them, tables, pictures and the red rules, in reading order.
// Nothing here is measured again: every place comes from the layout.

import (
	"math"
	"sort"
	"strings"

	"gongwen/internal/doc"
	"gongwen/internal/fonts"
	"gongwen/internal/format"
	"gongwen/internal/layout"
)

// line is one line of a page: the runs that share a baseline, left to
// right.
type line struct {
	page   int
	y      float64 // baseline, mm
	top    float64 // em box top of its largest run, mm
	texts  []layout.Text
	x0, x1 float64 // left edge of its first glyph, right edge of its last
	// width is the 版心's width on its page: the format's, or its height
	// on a landscape page (whose places are moved to the portrait 版心's
	// corner, see pageFrame).
	width float64
}

// right is the right edge of the line's 版心.
func (l *line) right(f *format.Format) float64 { return f.Left + l.width }

func (l *line) text() string {
	var b strings.Builder
	for _, t := range l.texts {
		b.WriteString(t.String())
	}
	return b.String()
}

// para is one paragraph: its lines, on one page or running on to the next.
type para struct {
	lines []*line
	style string // the style's ID (styles.go)
	// blanks is the number of empty grid lines before it on its page.
	blanks int
	// breakBefore starts it on a new page (an annex, the 版记's page, a
	// page of the closing alone); keepNext keeps it on the page of the
	// paragraph after it.
	breakBefore, keepNext bool
	runIn                 bool // a heading the paragraph runs on after
	// exact, for a line of the 版头 (off the grid), is its line height in
	// points and after the white below it; framed stands in a frame at
	// its place on the page (above the 版心).
	exact, after float64
	framed       bool
	// foot stands in a frame at its place at the foot of its page: the
	// letter's 抄送, which has no 版记 around it (format.ImprintRules).
	foot    bool
	anchors []anchor // seals, stamps and rules anchored to it
	image   *layout.Image
	outline int // 1–4 for a heading, 0 otherwise
}

func (p *para) first() *line { return p.lines[0] }
func (p *para) last() *line  { return p.lines[len(p.lines)-1] }

func (p *para) text() string {
	var b strings.Builder
	for _, l := range p.lines {
		b.WriteString(l.text())
	}
	return b.String()
}

// anchor is a floating picture or red rule placed relative to the page.
type anchor struct {
	image *layout.Image
	rule  *layout.Rule
}

// table is an annex table: the data's grid, with the column widths and
// type size the layout chose.
type table struct {
	t      *doc.Table
	left   float64   // mm from the 版心's left edge
	widths []float64 // mm
	size   float64   // pt
	blanks int       // empty grid lines before it
	dy     float64   // mm added to its page's places (pageFrame)
}

// block is one entry of a section: a paragraph or a table, and the index
// of the page it starts on.
type block struct {
	p    *para
	t    *table
	page int
}

// imprint is the 版记: its rows between rules, at the foot of its page.
type imprint struct {
	rules []layout.Rule // top to bottom
	rows  [][]*para     // the paragraphs between each two rules
	alone bool          // on a page of its own (a section)
	even  bool          // that page is even
	page  int
}

// model is the whole document as a word processor's.
type model struct {
	blocks    []block
	imprint   *imprint
	numbered  map[int]bool // pages with a page number
	pageCount int
}

// Known says what a paragraph whose text is Text (or starts with it,
// with Prefix) is: the build knows this from the document, where the
// layout only has styled glyphs.
type Known struct {
	Text   string
	Prefix bool
	Style  string
	Level  int // outline level of a heading, 1–4
	// RunIn: the paragraph goes on after the heading, on its line; it
	// need not stay with the next one.
	RunIn bool
}

// Style IDs of the document's paragraph styles (styles.go).
const (
	StyleBody        = "Normal"
	StyleHeading1    = "Heading1"
	StyleHeading2    = "Heading2"
	StyleHeading3    = "Heading3"
	StyleHeading4    = "Heading4"
	StyleTitle       = "DocTitle"
	StyleMark        = "Mark"
	StyleCopyNumber  = "CopyNumber"
	StyleFlag        = "Flag"
	StyleNumber      = "DocNumber"
	StyleRecipients  = "Recipients"
	StyleAttachments = "Attachments"
	StyleSignature   = "Signature"
	StyleDate        = "SignDate"
	StyleNote        = "Note"
	StyleAnnexLabel  = "AnnexLabel"
	StyleAnnexTitle  = "AnnexTitle"
	StyleImprint     = "Imprint"
	StyleTable       = "TableText"
	StyleTableHeader = "TableHeader"
	StylePageNumber  = "PageNumber"
)

const eps = 0.05 // mm: two places this close are the same

// build makes the model of a composed document.
func build(res *layout.Result, f *format.Format, opt *Options) *model {
	m := &model{numbered: map[int]bool{}, pageCount: len(res.Pages)}
	zi := f.CharPitch()
	pitch := f.LinePitch()
	tables := opt.Tables
	var prev *para // the last paragraph, which a line may continue
	var paras []*para
	flowStarted := false
	for pi := range res.Pages {
		pg := &res.Pages[pi]
		lines, cells, footer := pageLines(pg, f, pi)
		if footer {
			m.numbered[pi] = true
		}
		if len(lines) == 0 && !cells && len(pg.Images) == 0 {
			continue // a blank page before the 版记
		}
		// The 版记: the imprint's lines between black rules on the last page.
		if pi == len(res.Pages)-1 && hasImprint(pg, f) {
			var rest []*line
			var imp []*line
			for _, l := range lines {
				if styleOf(l.texts[0]) == f.Imprint && l.top >= imprintTop(pg, f)-eps {
					imp = append(imp, l)
				} else {
					rest = append(rest, l)
				}
			}
			lines = rest
			m.imprint = &imprint{rules: blackRules(pg, f), page: pi, alone: len(rest) == 0, even: pg.Number%2 == 0}
			for i := 0; i+1 < len(m.imprint.rules); i++ {
				top, bottom := m.imprint.rules[i].Y1, m.imprint.rules[i+1].Y1
				var row []*para
				var rp *para
				for _, l := range imp {
					if l.y > top && l.y < bottom {
						// A row's lines after the first go on its 抄送.
						if rp != nil && len(l.texts) == 1 && len(rp.first().texts) == 1 {
							rp.lines = append(rp.lines, l)
							continue
						}
						rp = &para{lines: []*line{l}, style: StyleImprint}
						row = append(row, rp)
					}
				}
				m.imprint.rows = append(m.imprint.rows, row)
			}
		}
		var tb *table
		if cells && len(tables) > 0 && pageHasAnnexTitle(pg, f) {
			tb = newTable(tables[0], pg, f)
			tables = tables[1:]
		}
		lastGrid := -1 // the grid line of the page's last flow line
		placedTable := tb == nil
		firstOnPage := true
		for _, l := range lines {
			if !placedTable && l.top > tb.top(pg) {
				tb.blanks = max(int(math.Floor((tb.top(pg)-f.Top)/pitch+0.02))-lastGrid-1, 0)
				m.blocks = append(m.blocks, block{t: tb, page: pi})
				placedTable = true
				prev, lastGrid = nil, int(math.Floor((tb.bottom(pg)-f.Top)/pitch-0.02))
			}
			if prev != nil && (continues(prev, l, f, zi) && (l.page == prev.last().page || firstOnPage) || wraps(prev, l, f)) {
				prev.lines = append(prev.lines, l)
				firstOnPage = false
				if g, ok := gridLine(l, f); ok {
					lastGrid = g
				}
				continue
			}
			p := &para{lines: []*line{l}}
			p.style, p.outline, p.runIn = classify(p, f, pi, opt.Known)
			g, onGrid := gridLine(l, f)
			if !flowStarted && isFlow(p.style) && onGrid {
				flowStarted = true
			}
			switch {
			case !flowStarted:
				p.exact = 1 // set by front, once the 版头 is known
			case !onGrid:
				// A line of another size in the flow (an annex's title):
				// as many grid lines high as it covers in the PDF, so
				// that the flow after it keeps its grid lines.
				top := int(math.Floor((l.top-f.Top)/pitch + 0.02))
				bottom := int(math.Floor((l.top+format.MM(l.texts[0].Style.Size)-f.Top)/pitch - 0.02))
				p.blanks = max(top-lastGrid-1, 0)
				p.exact = float64(max(bottom-top+1, 1)) * gridPitch(f)
				if size := l.texts[0].Style.Size; size < f.Body.Size {
					// Smaller type (a table's note): its own pitch.
					p.exact = size * f.TableLineSpacing
				}
				g, onGrid = max(bottom, top), true
			case firstOnPage && pi > 0:
				p.blanks = 0
				if p.style == StyleAnnexLabel {
					p.blanks = g
				}
			case lastGrid >= 0:
				p.blanks = max(g-lastGrid-1, 0)
			}
			if onGrid {
				lastGrid = g
			}
			if p.style == StyleAnnexLabel {
				p.breakBefore = true
			}
			if p.style == StyleImprint && !f.ImprintRules {
				p.foot, p.blanks = true, 0
			}
			firstOnPage = false
			m.blocks = append(m.blocks, block{p: p, page: pi})
			paras = append(paras, p)
			prev = p
		}
		if !placedTable {
			tb.blanks = max(int(math.Floor((tb.top(pg)-f.Top)/pitch+0.02))-lastGrid-1, 0)
			m.blocks = append(m.blocks, block{t: tb, page: pi})
			prev = nil
		}
		anchorImages(m, pg, pi, opt)
		anchorRules(m, pg, pi, f)
	}
	front(m, f)
	keepClosing(paras, m)
	return m
}

// pageLines gathers a page's lines, leaving out table cells, turned runs
// and the page number; it says whether the page has cells and a number.
func pageLines(pg *layout.Page, f *format.Format, pi int) (lines []*line, cells, footer bool) {
	byY := map[int64]*line{}
	dx, dy, width := pageFrame(pg, f)
	for _, t := range pg.Texts {
		if len(t.Glyphs) == 0 {
			continue
		}
		if t.Cell != "" {
			cells = true
			continue
		}
		if t.Rotate != 0 {
			footer = footer || styleOf(t) == f.PageNumber
			continue
		}
		if styleOf(t) == f.PageNumber && t.Y > f.Bottom() {
			footer = true
			continue
		}
		if dx != 0 || dy != 0 {
			t.Y += dy
			t.Glyphs = append([]layout.Glyph(nil), t.Glyphs...)
			for i := range t.Glyphs {
				t.Glyphs[i].X += dx
			}
		}
		key := int64(math.Round(t.Y * 100))
		l := byY[key]
		if l == nil {
			l = &line{page: pi, y: t.Y, width: width}
			byY[key] = l
			lines = append(lines, l)
		}
		l.texts = append(l.texts, t)
	}
	for _, l := range lines {
		sort.SliceStable(l.texts, func(i, j int) bool { return l.texts[i].Glyphs[0].X < l.texts[j].Glyphs[0].X })
		size := 0.0
		for _, t := range l.texts {
			size = math.Max(size, t.Style.Size)
		}
		l.top = l.y - f.EmAscent*format.MM(size)
		first, last := l.texts[0].Glyphs[0], l.texts[len(l.texts)-1]
		lg := last.Glyphs[len(last.Glyphs)-1]
		l.x0, l.x1 = first.X, lg.X+lg.Adv
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i].y < lines[j].y })
	return lines, cells, footer
}

// pageFrame is how a page's places move so that its 版心's top left
// corner is the portrait 版心's, and the 版心's width: nothing and the
// format's on an upright page; on a landscape page (an annex's wide table)
// the 版心 of the sheet turned a quarter turn, as package layout sets it
// (annex.go, landscape): its left edge where the portrait 版心's bottom is
// from the sheet's bottom, its top the portrait's left margin.
func pageFrame(pg *layout.Page, f *format.Format) (dx, dy, width float64) {
	if !landscape(pg) {
		return 0, 0, f.BodyWidth
	}
	return f.Left - (f.PageHeight - f.Bottom()), f.Top - f.Left, f.BodyHeight
}

// landscape says whether the page is on its side.
func landscape(pg *layout.Page) bool { return pg.Width > pg.Height }

// gridLine is the body grid line a line stands on, if it stands on one.
func gridLine(l *line, f *format.Format) (int, bool) {
	if l.texts[0].Style.Size != f.Body.Size {
		return 0, false
	}
	g := (l.top - f.Top) / f.LinePitch()
	r := math.Round(g)
	return int(r), math.Abs(g-r) < 0.02 && r >= 0
}

// isFlow says whether a paragraph of the style runs in the 正文's flow,
// on the grid.
func isFlow(style string) bool {
	switch style {
	case StyleMark, StyleTitle, StyleCopyNumber, StyleFlag, StyleNumber:
		return false
	}
	return true
}

// continues says whether l is the next line of paragraph p: p's last line
// is full (justified to the 版心's right edge) and l starts left of p's
// first line, or where a paragraph flush left goes on.
func continues(p *para, l *line, f *format.Format, zi float64) bool {
	last := p.last()
	if last.x1 < last.right(f)-zi/2 || len(l.texts) != len(p.first().texts) && len(l.texts) > 1 {
		return false
	}
	if p.style == StyleTitle || p.style == StyleMark || p.style == StyleAnnexTitle {
		return false
	}
	first := p.first()
	if size := format.MM(l.texts[0].Style.Size); l.page == last.page && size < format.MM(f.Body.Size) {
		if l.y-last.y > 2*size {
			return false
		}
	} else if l.page == last.page && math.Abs(l.y-last.y-pitchOf(p, f)) > eps {
		return false
	}
	if l.texts[0].Style.Size != last.texts[len(last.texts)-1].Style.Size {
		return false
	}
	return l.x0 < first.x0-eps || math.Abs(l.x0-first.x0) < eps && math.Abs(first.x0-f.Left) < eps
}

// wraps says whether l is a wrapped line of the letter's 抄送 p: the next
// line of its pitch, after the label (the 版记's rows are read apart, see
// build).
func wraps(p *para, l *line, f *format.Format) bool {
	last := p.last()
	return p.foot && l.page == last.page && styleOf(l.texts[0]) == f.Imprint &&
		math.Abs(l.y-last.y-f.ImprintLinePitch) < eps && l.x0 > p.first().x0+eps
}

// pitchOf is the distance between two lines of the paragraph's kind.
func pitchOf(p *para, f *format.Format) float64 {
	if p.style == StyleImprint {
		return f.ImprintLinePitch
	}
	return f.LinePitch()
}

// styleOf is a text's style as its paragraph knows it: a run a later font
// of its role's list draws (fonts.FallbackRole) is of the role's.
func styleOf(t layout.Text) format.Style {
	st := t.Style
	st.Role, _ = fonts.SplitRole(st.Role)
	return st
}

// classify names a paragraph's style from what the build knows of its text,
// else from its first run's style.
func classify(p *para, f *format.Format, page int, known []Known) (string, int, bool) {
	text := p.text()
	t := p.first().texts[0]
	head := t.String()
	if styleOf(t).Role == f.Body.Role && t.Style.Color == f.Body.Color || styleOf(t) == f.Level1 || styleOf(t) == f.Level2 {
		for _, k := range known {
			if k.Text != "" && (text == k.Text || head == k.Text || k.Prefix && strings.HasPrefix(text, k.Text)) {
				return k.Style, k.Level, k.RunIn
			}
		}
	}
	switch {
	case t.Field == layout.FieldCopyNumber:
		return StyleCopyNumber, 0, false
	case styleOf(t).Role == f.Mark.Role && t.Style.Color == f.Mark.Color && t.Style.Color != f.Body.Color:
		return StyleMark, 0, false
	case t.Style.Size == f.Title.Size && styleOf(t).Role == f.Title.Role:
		if page > 0 {
			return StyleAnnexTitle, 0, false
		}
		return StyleTitle, 0, false
	case styleOf(t) == f.AnnexLabel && strings.HasPrefix(head, f.AnnexWord) && math.Abs(p.first().x0-f.Left) < eps && page > 0:
		return StyleAnnexLabel, 0, false
	case styleOf(t) == f.Imprint:
		return StyleImprint, 0, false
	case styleOf(t) == f.Flag && page == 0:
		return StyleFlag, 0, false
	}
	return StyleBody, 0, false
}

// front sets the lines of the 版头 (everything on page 1 before the flow)
// off the grid: each line's height is the distance from the one before,
// so that its baseline stands where the PDF's does, and the white after
// the last makes the flow start on its grid line of the word processor's
// grid. Lines above the 版心 stand in frames.
func front(m *model, f *format.Format) {
	var head []*para
	var flow *para
	for _, b := range m.blocks {
		if b.p == nil || b.p.exact == 0 {
			if b.p != nil {
				flow = b.p
			}
			break
		}
		head = append(head, b.p)
	}
	if len(head) == 0 {
		return
	}
	y := f.Top // where the previous line's box ends, mm
	var lastIn *para
	for _, p := range head {
		l := p.first()
		if l.top < f.Top-eps {
			p.framed = true
			continue
		}
		size := format.MM(l.texts[0].Style.Size)
		descent := (1 - f.EmAscent) * size
		bottom := l.y + descent
		p.exact = (bottom - y) * format.PtPerMM
		y = bottom
		lastIn = p
	}
	if lastIn == nil || flow == nil {
		return
	}
	g, _ := gridLine(flow.first(), f)
	target := f.Top + float64(g)*gridPitch(f)/format.PtPerMM // the flow's first grid line, mm
	// A point short: a line snaps down onto the next grid line, and the
	// least overshoot would cost the flow its line.
	lastIn.after = math.Max(0, (target-y)*format.PtPerMM-1)
	flow.blanks = 0
}

// keepClosing keeps the closing (附件说明, 署名, 成文日期) with the lines of
// the 正文 before it, as the layout does, and puts a closing that starts a
// page of its own on a new page.
func keepClosing(paras []*para, m *model) {
	start := -1
	for i, p := range paras {
		if p.style == StyleAttachments || p.style == StyleSignature {
			start = i
			break
		}
	}
	if start < 0 {
		return
	}
	end := start
	for i := start; i < len(paras); i++ {
		switch paras[i].style {
		case StyleAttachments, StyleSignature, StyleDate:
			end = i
		}
	}
	for i := max(start-1, 0); i < end; i++ {
		paras[i].keepNext = true
	}
	if start > 0 {
		// The last lines of the 正文 go with it: the paragraph before too
		// when the one before the closing is a single line.
		if len(paras[start-1].lines) < 2 && start > 1 {
			paras[start-2].keepNext = true
		}
	}
}

// hasImprint says whether the page has the 版记's rules and text.
func hasImprint(pg *layout.Page, f *format.Format) bool {
	if !f.ImprintRules {
		return false
	}
	return len(blackRules(pg, f)) >= 2
}

// blackRules are the 版记's rules: horizontal, as wide as the 版心, not red.
func blackRules(pg *layout.Page, f *format.Format) []layout.Rule {
	var out []layout.Rule
	for _, r := range pg.Rules {
		if r.Color == f.RuleColor || math.Abs(r.Y1-r.Y2) > eps || math.Abs(r.X1-f.Left) > eps || math.Abs(r.X2-f.Right()) > eps {
			continue
		}
		if r.Width != f.ImprintOuterRule && r.Width != f.ImprintInnerRule {
			continue
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Y1 < out[j].Y1 })
	return out
}

func imprintTop(pg *layout.Page, f *format.Format) float64 {
	rs := blackRules(pg, f)
	if len(rs) == 0 {
		return math.Inf(1)
	}
	return rs[0].Y1
}

// pageHasAnnexTitle says whether an annex starts on the page (its label
// on the first line).
func pageHasAnnexTitle(pg *layout.Page, f *format.Format) bool {
	for _, t := range pg.Texts {
		if t.Cell == "" && styleOf(t) == f.AnnexLabel && strings.HasPrefix(t.String(), f.AnnexWord) {
			return true
		}
	}
	return false
}

// newTable takes a table's columns from the vertical rules of its first
// page, its size from its cells.
func newTable(t *doc.Table, pg *layout.Page, f *format.Format) *table {
	dx, dy, width := pageFrame(pg, f)
	tb := &table{t: t, dy: dy}
	var xs []float64
	top, bottom := math.Inf(1), math.Inf(-1)
	for _, tx := range pg.Texts {
		if tx.Cell != "" {
			if tb.size == 0 || tx.Style.Size < tb.size {
				tb.size = tx.Style.Size
			}
			top = math.Min(top, tx.Y+dy)
			bottom = math.Max(bottom, tx.Y+dy)
		}
	}
	for _, r := range pg.Rules {
		if math.Abs(r.X1-r.X2) > eps || r.Color == f.RuleColor {
			continue
		}
		if math.Max(r.Y1, r.Y2)+dy < top-20 || math.Min(r.Y1, r.Y2)+dy > bottom+20 {
			continue
		}
		xs = append(xs, r.X1+dx)
	}
	sort.Float64s(xs)
	var edges []float64
	for _, x := range xs {
		if len(edges) == 0 || x-edges[len(edges)-1] > 0.2 {
			edges = append(edges, x)
		}
	}
	if len(edges) == len(t.Columns)+1 {
		tb.left = edges[0] - f.Left
		for i := 1; i < len(edges); i++ {
			tb.widths = append(tb.widths, edges[i]-edges[i-1])
		}
	} else {
		for range t.Columns {
			tb.widths = append(tb.widths, width/float64(len(t.Columns)))
		}
	}
	return tb
}

// top is the table's top edge on its first page: its highest rule.
func (tb *table) top(pg *layout.Page) float64 {
	y := math.Inf(1)
	for _, tx := range pg.Texts {
		if tx.Cell != "" {
			y = math.Min(y, tx.Y+tb.dy-format.MM(tx.Style.Size))
		}
	}
	return y
}

// bottom is the table's bottom edge on its first page: its lowest rule.
func (tb *table) bottom(pg *layout.Page) float64 {
	y := math.Inf(-1)
	for _, tx := range pg.Texts {
		if tx.Cell != "" {
			y = math.Max(y, tx.Y+tb.dy)
		}
	}
	return y
}

// anchorImages puts each picture on its paragraph: a seal or stamp floats
// behind the 署名's line it was placed with; an image annex is a paragraph
// of its own.
func anchorImages(m *model, pg *layout.Page, pi int, opt *Options) {
	for i := range pg.Images {
		im := pg.Images[i]
		if opt.Inline[im.Path] {
			m.blocks = append(m.blocks, block{p: &para{style: StyleBody, image: &im, lines: nil}, page: pi})
			continue
		}
		// The paragraph whose line is nearest below the image's top.
		var best *para
		bestD := math.Inf(1)
		for _, b := range m.blocks {
			if b.p == nil || len(b.p.lines) == 0 {
				continue
			}
			for _, l := range b.p.lines {
				if l.page != pi {
					continue
				}
				if d := math.Abs(l.y - (im.Y + im.H/2)); d < bestD {
					best, bestD = b.p, d
				}
			}
		}
		if best != nil {
			best.anchors = append(best.anchors, anchor{image: &im})
		}
	}
}

// anchorRules puts the page's red rules (the 版头's 分隔线, the letter's
// double lines) on the page's first paragraph, placed on the page.
func anchorRules(m *model, pg *layout.Page, pi int, f *format.Format) {
	var host *para
	for _, b := range m.blocks {
		if b.p != nil && len(b.p.lines) > 0 && b.p.first().page == pi {
			host = b.p
			break
		}
	}
	if host == nil {
		return
	}
	for i := range pg.Rules {
		r := pg.Rules[i]
		if r.Color != f.RuleColor || r.Color == format.Black {
			continue
		}
		host.anchors = append(host.anchors, anchor{rule: &r})
	}
}
