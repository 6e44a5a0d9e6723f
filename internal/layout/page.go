// Package layout owns composition: breaking text into lines by the Chinese
// punctuation rules, justifying them on the GB/T 9704 grid, placing the
// format's fixed elements and paginating. Its result, []Page of positioned
// glyphs, rules and images, is the contract with the renderers; it knows
// nothing of PDF.
package layout

import (
	"cmp"
	"math"
	"slices"

	"gongwen/internal/format"
)

// Glyph is one character at its place: X is the left edge of its advance,
// the baseline is its Text's Y (mm from the page's top-left).
type Glyph struct {
	R   rune
	X   float64
	Adv float64
}

// Text is a run of glyphs in one style on one baseline.
type Text struct {
	Style  format.Style
	Y      float64 // baseline, mm
	Glyphs []Glyph
	// Rotate, when not 0, turns the whole run by that many degrees
	// counter-clockwise (as seen on the page) about the point (PivotX,
	// PivotY): the glyphs are placed as if upright, then turned. A landscape
	// page's number is set on its side this way.
	Rotate         float64
	PivotX, PivotY float64
	// Cell names the table cell the run is a line of ("甘孜 / 存在突出问题数",
	// see cellName); empty outside tables. It lets a reader of the PDF's
	// layout record (package diff) report a changed cell by its names.
	Cell string
	// Field, when set, says the run holds a value that differs between
	// copies of one layout (FieldCopyNumber): a build of numbered copies
	// replaces its characters, which keep their places.
	Field string
	// Spread says the glyphs are set apart wider than the font sets them
	// (a joint 标志's shorter names, spread to the longest): a renderer
	// marks the run so that extracted text reads the word, not one
	// character at a time.
	Spread bool
}

// FieldCopyNumber marks the run of the 份号.
const FieldCopyNumber = "copy-number"

// String is the run's characters.
func (t Text) String() string {
	rs := make([]rune, len(t.Glyphs))
	for i, g := range t.Glyphs {
		rs[i] = g.R
	}
	return string(rs)
}

// Rule is a straight stroked line; Width is its thickness, centred on the
// segment (mm).
type Rule struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Color          format.RGB
}

// Image is a picture the user supplied (a seal), placed in a box (mm).
type Image struct {
	Path       string
	X, Y, W, H float64
}

// Mark is an outline entry (a PDF bookmark) pointing at a place on the page.
type Mark struct {
	Title string
	Level int
	Y     float64
}

// Page is one composed page.
type Page struct {
	Number        int     // 1-based physical page number
	Width, Height float64 // mm
	Texts         []Text
	Rules         []Rule
	Images        []Image
	Marks         []Mark
	// Places are where seals stand that the page does not draw, in the
	// order of their issuers: a paper seal's (seal = "paper": the office
	// stamps the printed copy) and, in a document without seals, the one
	// a seal would take over the 署名 and date as a sealed document has
	// it. Each is the seal's box (format.SealSize square), Path empty. An
	// electronic signature (package sign) may draw its seal there.
	Places []Image
}

// Metadata is what a renderer writes into the document information.
type Metadata struct {
	Title, Author, Subject string
	Keywords               []string
}

// Result is a composed document.
type Result struct {
	Pages []Page
	Meta  Metadata
}

// inReadingOrder sorts a page's texts as a reader reads them: top to
// bottom by baseline, left to right on one baseline, the turned ones (a
// landscape page's number) last. A table's cells, placed row by row and
// each cell whole (a 梯队 set one character a line), keep their order and
// go as one piece, where their first text stands. The renderers draw the
// texts in this order, so that text extractors that follow the drawing
// order (poppler's -raw, pdf.js) read each line as printed, whatever order
// the elements were placed in (a 上行文's 签发人 before the 发文字号 on its
// left).
func inReadingOrder(texts []Text) {
	var pieces [][]Text
	for i := 0; i < len(texts); {
		j := i + 1
		for texts[i].Cell != "" && j < len(texts) && texts[j].Cell != "" {
			j++
		}
		pieces = append(pieces, texts[i:j])
		i = j
	}
	key := func(p []Text) (bool, float64, float64) {
		t := p[0]
		x := 0.0
		if len(t.Glyphs) > 0 {
			x = t.Glyphs[0].X
		}
		// Baselines within a hundredth of a millimetre are one line.
		return t.Rotate != 0, math.Round(t.Y * 100), x
	}
	slices.SortStableFunc(pieces, func(a, b []Text) int {
		ra, ya, xa := key(a)
		rb, yb, xb := key(b)
		switch {
		case ra != rb:
			if ra {
				return 1
			}
			return -1
		case ya != yb:
			return cmp.Compare(ya, yb)
		}
		return cmp.Compare(xa, xb)
	})
	out := make([]Text, 0, len(texts))
	for _, p := range pieces {
		out = append(out, p...)
	}
	copy(texts, out)
}
