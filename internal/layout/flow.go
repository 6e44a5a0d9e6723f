package layout

// flow.go: the body flow. The 正文 is broken into lines on the grid and
// kept as a flow of lines, to which the closing adds its own; paginate
// places the flow on pages, keeping together what must stand together, and
// pageNumbers numbers the pages.

import (
	"fmt"
	"math"
	"strings"

	"gongwen/internal/doc"
	"gongwen/internal/format"
)

// body adds the 正文's blocks to the flow.
func (c *composer) body(d *doc.Document) { c.blocks(d.Body) }

// blocks adds body blocks to the flow: the 正文's, or a text annex's.
func (c *composer) blocks(bs []doc.Block) {
	f := c.f
	for _, b := range bs {
		var spans []Span
		keep := false
		var mark *Mark
		switch {
		case b.Kind == doc.Paragraph:
			spans = []Span{c.span(b.Text, f.Body)}
		default:
			st := c.headingStyle(b.Level)
			spans = []Span{c.span(b.Number+b.Head, st)}
			if b.RunIn {
				spans = append(spans, c.span(b.Text, f.Body))
			} else {
				keep = true
			}
			if b.Level <= 2 {
				// A run-in heading is a sentence; its bookmark is the words
				// without the full stop.
				mark = &Mark{Title: strings.TrimSuffix(b.Number+b.Head, "。"), Level: c.markDepth + b.Level - 1}
			}
		}
		lines := c.breakParaAt(c.bodyPara(spans, f.ParagraphIndent*c.zi(), 0), b.Pos, blockSource(&b, spans))
		for i, l := range lines {
			fl := flowLine{texts: c.toTexts(l, f.Left), keepNext: keep}
			if i == 0 {
				fl.mark = mark
			}
			c.flow = append(c.flow, fl)
		}
	}
}

// blockSource finds where a block's character a font lacks comes from: its
// first occurrence in the spans set in that font, through the block's
// origins (doc.Block.Src). The derived number of a heading has no source
// of its own: it is the block's.
func blockSource(b *doc.Block, spans []Span) func(MissingGlyph) doc.Pos {
	return func(m MissingGlyph) doc.Pos {
		off := 0 // index in Head+Text where the span's text starts
		for k, sp := range spans {
			rs := []rune(sp.Text)
			skip := 0
			if k == 0 && b.Kind == doc.Heading {
				skip = len([]rune(b.Number))
			}
			if sp.Style.Role == m.Role {
				for j, r := range rs {
					if r == m.R {
						if j < skip {
							return b.Pos
						}
						return b.At(off + j - skip)
					}
				}
			}
			off += len(rs) - skip
		}
		return b.Pos
	}
}

func (c *composer) headingStyle(level int) format.Style {
	switch level {
	case 1:
		return c.f.Level1
	case 2:
		return c.f.Level2
	case 3:
		return c.f.Level3
	}
	return c.f.Level4
}

// paginate places the flow's pending lines on the grid, page after page,
// from the last page's em box top c.y on. A blank line at the top of a page
// is dropped; a chain of lines that must stay together (a heading and the
// line after it, the last lines of the 正文 and the 署名 and date) moves to
// the next page whole. The flow's last line never stands alone on a page:
// the line before it goes with it (the page before then holds one line
// less). A chain holding a seal's 署名 or a signature stamp that does not
// fit first tightens the pitch of the lines already on the page, down to
// MinLinePitch (clause 7.3.5.4: 调整行距), and only then moves.
func (c *composer) paginate() {
	f := c.f
	size := format.MM(f.Body.Size)
	page := &c.pages[len(c.pages)-1]
	y := c.y
	pitch := f.LinePitch() // this page's: tightened only to fit a seal block
	fresh := c.fresh       // nothing placed on this page's grid yet
	fitsN := func(y float64, n int) bool {
		return y+float64(n-1)*pitch+size <= f.Bottom()+0.01
	}
	// The lines placed on this page in this call: from top, a line's grid
	// step k's items begin at these indexes of the page's lists.
	top := y
	type placed struct{ k, texts, images, places, marks int }
	var onPage []placed
	newPage := func() {
		page = c.newPage()
		y, top, pitch = f.Top, f.Top, f.LinePitch()
		onPage = onPage[:0]
		fresh = true
	}
	// tighten sets the pitch so that n more lines fit under those on the
	// page, if that pitch is not below MinLinePitch, and moves what is on
	// the page to its line's new place.
	tighten := func(n int) bool {
		steps := int(math.Round((y - top) / pitch))
		p := (f.Bottom() - size - top) / float64(steps+n-1)
		if p < f.MinLinePitch-1e-9 || p >= pitch {
			return false
		}
		for j, pl := range onPage {
			end := placed{0, len(page.Texts), len(page.Images), len(page.Places), len(page.Marks)}
			if j+1 < len(onPage) {
				end = onPage[j+1]
			}
			dy := float64(pl.k) * (p - pitch)
			for i := pl.texts; i < end.texts; i++ {
				page.Texts[i].Y += dy
			}
			for i := pl.images; i < end.images; i++ {
				page.Images[i].Y += dy
			}
			for i := pl.places; i < end.places; i++ {
				page.Places[i].Y += dy
			}
			for i := pl.marks; i < end.marks; i++ {
				page.Marks[i].Y += dy
			}
		}
		y, pitch = top+float64(steps)*p, p
		return true
	}
	if last := c.lastLine(); last > 0 && !c.flow[last-1].blank {
		c.flow[last-1].keepNext = true
	}
	for i := 0; i < len(c.flow); i++ {
		l := c.flow[i]
		if l.blank {
			if !fresh {
				y += pitch
			}
			continue
		}
		chain, squeeze := 1, l.squeeze
		for j := i; j < len(c.flow) && c.flow[j].keepNext && j+1 < len(c.flow); j++ {
			chain++
			squeeze = squeeze || c.flow[j+1].squeeze
		}
		if !fitsN(y, chain) && !fresh && fitsN(f.Top, chain) {
			if !squeeze || !tighten(chain) {
				newPage()
			}
		} else if !fitsN(y, 1) {
			newPage()
		}
		onPage = append(onPage, placed{int(math.Round((y - top) / pitch)), len(page.Texts), len(page.Images), len(page.Places), len(page.Marks)})
		for _, t := range l.texts {
			t.Y += y
			page.Texts = append(page.Texts, t)
		}
		if l.mark != nil {
			m := *l.mark
			m.Y = y
			page.Marks = append(page.Marks, m)
		}
		for _, im := range l.images {
			im.Y += y
			page.Images = append(page.Images, im)
		}
		for _, im := range l.places {
			im.Y += y
			page.Places = append(page.Places, im)
		}
		fresh = false
		y += pitch
	}
	if pitch != f.LinePitch() {
		// The next flow (an annex's) starts on a page of its own; keep c.y
		// on the grid all the same.
		y = top + math.Ceil((y-top)/f.LinePitch()-1e-9)*f.LinePitch()
	}
	c.y, c.fresh, c.flow = y, fresh, nil
}

// lastLine is the index of the flow's last line that is not blank, -1 if
// there is none.
func (c *composer) lastLine() int {
	for i := len(c.flow) - 1; i >= 0; i-- {
		if !c.flow[i].blank {
			return i
		}
	}
	return -1
}

// pageNumbers adds "— N —" in 四号宋体 from PageNumberFromPage on: the
// dashes' em box top PageNumberDrop under the 版心, odd pages flush right and
// even pages flush left, PageNumberIndent 字 in (GB/T 9704-2012 clause 7.5).
func (c *composer) pageNumbers() {
	f := c.f
	st := f.PageNumber
	in := f.PageNumberIndent * format.MM(st.Size)
	top := f.Bottom() + f.PageNumberDrop
	for i := range c.pages {
		p := &c.pages[i]
		if p.Number < f.PageNumberFromPage || c.unnumbered[i] {
			continue
		}
		if p.Width > p.Height {
			c.landscapePageNumber(p) // where a portrait page has it, on the turned sheet
			continue
		}
		s := fmt.Sprintf("— %d —", p.Number)
		w := c.width(s, st, 1)
		x := f.Left + in
		if p.Number%2 == 1 {
			x = f.Right() - in - w
		}
		p.Texts = append(p.Texts, c.textAt(s, st, x, top, 1, doc.Pos{}))
	}
}
