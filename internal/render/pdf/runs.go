package pdf

import (
	"math"
	"strconv"

	"gongwen/internal/format"
	"gongwen/internal/layout"
)

// Text goes into the page in runs: a string of glyphs shown by one text
// operator, with a character spacing (Tc, PDF Reference 1.7 §5.2.1) that
// adds the same space after each glyph's advance. A line of evenly spaced
// characters, which is most of a 公文, is one text object instead of one
// per character (the reference notice: 3,547 text objects before). Where
// the layout's spacing changes (a compressed mark, a word, the spread of a
// justified line between atoms of different widths) a new run starts, so
// every glyph lands where the layout put it, to within runTolerance.

// pt is a millimetre in points: fpdf's scale for the unit "mm".
const pt = 72 / 25.4

// runTolerance is how far (in points) a glyph shown in a run may be from
// its place in the layout: positions are written to a hundredth of a
// point, so half of that is within what a glyph drawn alone would be off.
const runTolerance = 0.005

// run is glyphs [from, to) of a text shown as one string, with character
// spacing tc (points).
type run struct {
	from, to int
	tc       float64
}

// textRuns splits a text's glyphs into runs. Each run is as long as the
// glyphs' places allow: glyph i of a run starting at a is shown at
// x(a) + the advances before it + (i-a)·tc, which must be within
// runTolerance of where the layout put it. tc is what the first gap asks
// for, rounded as it is written; without widths every glyph is a run.
func textRuns(gs []layout.Glyph, size float64, w *pdfFont) []run {
	size = math.Round(size*100) / 100 // as it is written in Tf
	var out []run
	for a := 0; a < len(gs); {
		b, tc := a+1, 0.0
		if w != nil && a+1 < len(gs) {
			tc = roundTc((gs[a+1].X-gs[a].X)*pt - w.em(gs[a].R)*size)
			x := gs[a].X * pt
			for b < len(gs) {
				x += w.em(gs[b-1].R)*size + tc
				if math.Abs(x-gs[b].X*pt) > runTolerance {
					break
				}
				b++
			}
			if b == a+1 {
				tc = 0
			}
		}
		out = append(out, run{a, b, tc})
		a = b
	}
	return out
}

// roundTc is a character spacing as it is written: four decimals.
func roundTc(tc float64) float64 { return math.Round(tc*1e4) / 1e4 }

// textState is the text state a page's content has set: the font and
// size (Tf), the fill colour (rg) and the character spacing (Tc). A page
// starts with none of them set, in black, at Tc 0; q … Q restores them.
type textState struct {
	font  *pdfFont
	size  float64
	color format.RGB
	tc    float64
}

// show appends to b the text object that shows run r of t in font f on a
// page h millimetres high, with the operators that change the text state
// first, and notes the new state.
func (st *textState) show(b []byte, f *pdfFont, t layout.Text, r run, h float64) []byte {
	size := math.Round(t.Style.Size*100) / 100
	b = append(b, "BT "...)
	if st.font != f || st.size != size {
		b = append(b, '/')
		b = append(b, f.res...)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, size, 'f', 2, 64)
		b = append(b, " Tf "...)
		st.font, st.size = f, size
	}
	if c := t.Style.Color; c != st.color {
		// Grey as grey (g), other colours as RGB (rg), as fpdf writes them.
		if c.R == c.G && c.G == c.B {
			b = strconv.AppendFloat(b, float64(c.R)/255, 'f', 3, 64)
			b = append(b, " g "...)
		} else {
			for _, v := range []uint8{c.R, c.G, c.B} {
				b = strconv.AppendFloat(b, float64(v)/255, 'f', 3, 64)
				b = append(b, ' ')
			}
			b = append(b, "rg "...)
		}
		st.color = c
	}
	if r.tc != st.tc {
		b = strconv.AppendFloat(b, r.tc, 'f', 4, 64)
		b = append(b, " Tc "...)
		st.tc = r.tc
	}
	b = strconv.AppendFloat(b, t.Glyphs[r.from].X*pt, 'f', 2, 64)
	b = append(b, ' ')
	b = strconv.AppendFloat(b, (h-t.Y)*pt, 'f', 2, 64)
	b = append(b, " Td "...)
	b = f.appendHex(b, t.Glyphs[r.from:r.to])
	return append(b, " Tj ET"...)
}
