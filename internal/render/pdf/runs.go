package pdf

import (
	"math"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/math/fixed"

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
// its place in the layout: fpdf writes positions to a hundredth of a
// point, so half of that is within what a glyph drawn alone would be off.
const runTolerance = 0.005

// pdfWidths gives each character's advance as the PDF states it in the
// font's /W array: fpdf rounds the font's advance to thousandths of an em
// (its utf8FontFile.parseHMTXTable), and a viewer moves by that.
type pdfWidths struct {
	f   *truetype.Font
	upm fixed.Int26_6
}

func newPDFWidths(data []byte) *pdfWidths {
	f, err := truetype.Parse(data)
	if err != nil || f.FUnitsPerEm() <= 0 {
		return nil
	}
	return &pdfWidths{f, fixed.Int26_6(f.FUnitsPerEm())}
}

// em is r's advance in ems, as the PDF has it.
func (w *pdfWidths) em(r rune) float64 {
	hm := w.f.HMetric(w.upm, w.f.Index(r)) // at scale upm: font units
	return math.Round(1000*float64(hm.AdvanceWidth)/float64(w.upm)) / 1000
}

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
func textRuns(gs []layout.Glyph, size float64, w *pdfWidths) []run {
	size = math.Round(size*100) / 100 // as fpdf writes it in Tf
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
