package png

import (
	"image"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"gongwen/internal/fonts"
)

// cffFace draws a font with CFF outlines: the outlines as package fonts
// reads them (fonts.CFFOutlines), filled by golang.org/x/image/vector at
// the pen's position, to the quarter pixel as the TrueType faces place
// theirs. It is a font.Face for the glyphs the renderer asks of it; its
// metrics are the font's.
type cffFace struct {
	o     *fonts.CFFOutlines
	scale float64 // pixels per font unit
	r     vector.Rasterizer
}

func newCFFFace(o *fonts.CFFOutlines, size, dpi float64) *cffFace {
	return &cffFace{o: o, scale: size * dpi / 72 / float64(o.UnitsPerEm)}
}

// Glyph rasterises r's glyph with its origin at dot.
func (f *cffFace) Glyph(dot fixed.Point26_6, r rune) (dr image.Rectangle, mask image.Image, maskp image.Point, advance fixed.Int26_6, ok bool) {
	g := f.o.Index(r)
	// Bounds from the outline's points (a curve lies within its control
	// points), in pixels.
	ox, oy := float64(dot.X)/64, float64(dot.Y)/64
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	pt := func(x, y float64) (float64, float64) {
		px, py := ox+x*f.scale, oy-y*f.scale
		minX, minY, maxX, maxY = min(minX, px), min(minY, py), max(maxX, px), max(maxY, py)
		return px, py
	}
	type seg struct {
		kind int
		p    [6]float64
	}
	var segs []seg
	err := f.o.Path(g,
		func(x, y float64) { a, b := pt(x, y); segs = append(segs, seg{0, [6]float64{a, b}}) },
		func(x, y float64) { a, b := pt(x, y); segs = append(segs, seg{1, [6]float64{a, b}}) },
		func(x1, y1, x2, y2, x, y float64) {
			a, b := pt(x1, y1)
			c, d := pt(x2, y2)
			e, h := pt(x, y)
			segs = append(segs, seg{2, [6]float64{a, b, c, d, e, h}})
		})
	if err != nil || len(segs) == 0 {
		return image.Rectangle{}, nil, image.Point{}, 0, false
	}
	dr = image.Rect(int(math.Floor(minX)), int(math.Floor(minY)), int(math.Ceil(maxX)), int(math.Ceil(maxY)))
	if dr.Empty() {
		return image.Rectangle{}, nil, image.Point{}, 0, false
	}
	f.r.Reset(dr.Dx(), dr.Dy())
	dx, dy := float32(dr.Min.X), float32(dr.Min.Y)
	for _, s := range segs {
		p := s.p
		switch s.kind {
		case 0:
			f.r.ClosePath()
			f.r.MoveTo(float32(p[0])-dx, float32(p[1])-dy)
		case 1:
			f.r.LineTo(float32(p[0])-dx, float32(p[1])-dy)
		case 2:
			f.r.CubeTo(float32(p[0])-dx, float32(p[1])-dy, float32(p[2])-dx, float32(p[3])-dy, float32(p[4])-dx, float32(p[5])-dy)
		}
	}
	f.r.ClosePath()
	m := image.NewAlpha(image.Rect(0, 0, dr.Dx(), dr.Dy()))
	f.r.Draw(m, m.Bounds(), image.Opaque, image.Point{})
	return dr, m, image.Point{}, 0, true
}

// The rest of font.Face: the renderer places each glyph itself.
func (f *cffFace) Close() error { return nil }
func (f *cffFace) GlyphBounds(rune) (fixed.Rectangle26_6, fixed.Int26_6, bool) {
	return fixed.Rectangle26_6{}, 0, false
}
func (f *cffFace) GlyphAdvance(rune) (fixed.Int26_6, bool) { return 0, false }
func (f *cffFace) Kern(_, _ rune) fixed.Int26_6            { return 0 }
func (f *cffFace) Metrics() font.Metrics                   { return font.Metrics{} }
