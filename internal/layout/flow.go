package layout

// flow.go: the body flow. The 正文 is broken into lines on the grid and
// kept as a flow of lines, to which the closing adds its own; paginate
// places the flow on pages, keeping together what must stand together, and
// pageNumbers numbers the pages.

import (
	"fmt"
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

func (c *composer) blank(n float64) {
	for i := 0; i < int(n+0.5); i++ {
		c.flow = append(c.flow, flowLine{blank: true})
	}
}

// paginate places the flow's pending lines on the grid, page after page,
// from the last page's em box top c.y on. A blank line at the top of a page
// is dropped; a chain of lines that must stay together (a heading and the
// line after it, the last lines of the 正文 and the 署名 and date) moves to
// the next page whole.
func (c *composer) paginate() {
	f := c.f
	pitch := f.LinePitch()
	size := format.MM(f.Body.Size)
	page := &c.pages[len(c.pages)-1]
	y := c.y
	fresh := c.fresh // nothing placed on this page's grid yet
	fitsN := func(y float64, n int) bool {
		return y+float64(n-1)*pitch+size <= f.Bottom()+0.01
	}
	newPage := func() {
		page = c.newPage()
		y = f.Top
		fresh = true
	}
	for i := 0; i < len(c.flow); i++ {
		l := c.flow[i]
		if l.blank {
			if !fresh {
				y += pitch
			}
			continue
		}
		chain := 1
		for j := i; j < len(c.flow) && c.flow[j].keepNext && j+1 < len(c.flow); j++ {
			chain++
		}
		if !fitsN(y, chain) && !fresh && fitsN(f.Top, chain) {
			newPage()
		} else if !fitsN(y, 1) {
			newPage()
		}
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
		fresh = false
		y += pitch
	}
	c.y, c.fresh, c.flow = y, fresh, nil
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
