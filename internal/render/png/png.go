// Package png draws composed pages as raster images for previewing, with
// golang/freetype (TrueType outlines) and golang.org/x/image/vector (CFF
// outlines); like render/pdf it knows nothing of TOML, templates or
// line breaking.
//
// Each page becomes an opaque RGB image of the page's size at the given
// resolution, white where nothing is drawn: the rules as filled rectangles,
// the images scaled into their boxes, then the glyphs, in the order the PDF
// renderer draws them. Glyphs are rasterised without hinting, as poppler
// does by default, placed to a quarter pixel; horizontal and vertical rules
// have their long edges on whole pixels, as poppler's stroke adjustment
// puts them. A run turned by a multiple of 90° is rasterised upright and
// its pixels turned; other angles are refused. The same pages, fonts and
// resolution always give the same pixels, and Encode the same bytes.
package png

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	stdpng "image/png"
	"math"

	"github.com/golang/freetype/truetype"
	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"gongwen/internal/fonts"
	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/picture"
	"gongwen/internal/say"
)

// MaxPixels bounds one page's image (width × height), so that an absurd
// resolution ends with an error rather than exhausting memory: 2^27 pixels
// (512 MiB of RGBA) is an A4 page at about 1180 dpi.
const MaxPixels = 1 << 27

// mmPerInch converts the layout's millimetres to pixels with the resolution.
const mmPerInch = 25.4

// Render draws every page of res at dpi pixels per inch. fontOf gives a
// role's TrueType bytes; roles whose bytes are the same slice share one
// parsed font.
func Render(res *layout.Result, fontOf func(format.Role) []byte, dpi float64) (pages []*image.RGBA, err error) {
	err = Each(res, fontOf, dpi, func(_ int, img *image.RGBA) error {
		pages = append(pages, img)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return pages, nil
}

// Each draws the pages of res one at a time, handing each to fn (with its
// index) before the next is drawn: a caller that does not keep them holds
// one page image at a time. An error from fn stops it.
func Each(res *layout.Result, fontOf func(format.Role) []byte, dpi float64, fn func(i int, img *image.RGBA) error) (err error) {
	if !(dpi > 0) || math.IsInf(dpi, 0) {
		return say.Errorf("resolution %v dpi: want a positive number", dpi)
	}
	defer func() {
		// The TrueType parser and rasteriser trust the file they are given;
		// fonts are checked before layout, so a panic here is a defect,
		// reported as an error.
		if r := recover(); r != nil {
			err = say.Errorf("rasterising failed: %v", r)
		}
	}()
	r := newRenderer(fontOf, dpi)
	for i := range res.Pages {
		img, err := r.page(&res.Pages[i])
		if err != nil {
			return say.Errorf("page %d: %v", res.Pages[i].Number, err)
		}
		if err := fn(i, img); err != nil {
			return err
		}
	}
	return nil
}

func newRenderer(fontOf func(format.Role) []byte, dpi float64) *renderer {
	return &renderer{
		scale:  dpi / mmPerInch,
		dpi:    dpi,
		font:   fontOf,
		fonts:  map[fontKey]*truetype.Font{},
		astral: map[fontKey]*truetype.Font{},
		cff:    map[fontKey]*fonts.CFFOutlines{},
		faces:  map[faceKey]font.Face{},
		images: map[imageKey]*image.NRGBA{},
	}
}

// Encode encodes img as PNG with a fixed encoder setting (default
// compression): the same image always gives the same bytes with the same Go
// release.
func Encode(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := stdpng.Encoder{CompressionLevel: stdpng.DefaultCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fontKey identifies a font's bytes by the slice itself: the fonts package
// hands every role that uses one file the same slice.
type fontKey struct {
	first *byte
	n     int
}

type faceKey struct {
	font any // *truetype.Font, or *fonts.CFFOutlines
	size float64
}

type renderer struct {
	scale float64 // pixels per mm
	dpi   float64
	font  func(format.Role) []byte
	fonts map[fontKey]*truetype.Font
	// astral holds each font as parsed to draw characters above the BMP
	// (fonts.AstralView), made when the first is drawn.
	astral map[fontKey]*truetype.Font
	// cff holds each font with CFF outlines, read by package fonts
	// (freetype reads only TrueType outlines).
	cff    map[fontKey]*fonts.CFFOutlines
	faces  map[faceKey]font.Face
	images map[imageKey]*image.NRGBA
}

// px converts a length in mm to pixels.
func (r *renderer) px(mm float64) float64 { return mm * r.scale }

// size is a page's size in pixels: every part of the page gets a pixel,
// as pdftoppm does (the last column and row may reach past its edge).
func (r *renderer) size(p *layout.Page) (w, h float64) {
	return math.Ceil(r.px(p.Width) - 1e-9), math.Ceil(r.px(p.Height) - 1e-9)
}

func (r *renderer) page(p *layout.Page) (*image.RGBA, error) {
	w, h := r.size(p)
	if !(w >= 1 && h >= 1) || w*h > MaxPixels {
		return nil, say.Errorf("a page of %g × %g mm at %g dpi is %.0f × %.0f pixels; at most %d pixels in all", p.Width, p.Height, r.dpi, w, h, MaxPixels)
	}
	img := image.NewRGBA(image.Rect(0, 0, int(w), int(h)))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	for _, rule := range p.Rules {
		if err := r.rule(img, rule); err != nil {
			return nil, err
		}
	}
	for _, im := range p.Images {
		if err := r.image(img, im); err != nil {
			return nil, err
		}
	}
	for _, t := range p.Texts {
		if err := r.text(img, t); err != nil {
			return nil, err
		}
	}
	return img, nil
}

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

func rgba(c format.RGB) *image.Uniform {
	return image.NewUniform(color.RGBA{c.R, c.G, c.B, 0xff})
}

// rule fills the rectangle a stroked line with butt caps covers, with
// anti-aliased edges; a horizontal or vertical one has its long edges on
// whole pixels. A width under one pixel (0 is PDF's thinnest line) is drawn
// one pixel wide.
func (r *renderer) rule(dst *image.RGBA, l layout.Rule) error {
	if !finite(l.X1, l.Y1, l.X2, l.Y2, l.Width) {
		return say.Errorf("a rule at (%g, %g)–(%g, %g) of width %g: not a number", l.X1, l.Y1, l.X2, l.Y2, l.Width)
	}
	x1, y1, x2, y2 := r.px(l.X1), r.px(l.Y1), r.px(l.X2), r.px(l.Y2)
	length := math.Hypot(x2-x1, y2-y1)
	if length == 0 {
		return nil // a butt-capped line of no length marks nothing
	}
	half := max(r.px(l.Width), 1) / 2
	var corners [4][2]float64
	switch {
	case y1 == y2:
		t, b := snap(y1, half)
		corners = [4][2]float64{{x1, t}, {x2, t}, {x2, b}, {x1, b}}
	case x1 == x2:
		lft, rgt := snap(x1, half)
		corners = [4][2]float64{{lft, y1}, {rgt, y1}, {rgt, y2}, {lft, y2}}
	default:
		// n is the unit normal to the line, scaled to half its width.
		nx, ny := -(y2-y1)/length*half, (x2-x1)/length*half
		corners = [4][2]float64{{x1 + nx, y1 + ny}, {x2 + nx, y2 + ny}, {x2 - nx, y2 - ny}, {x1 - nx, y1 - ny}}
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, c := range corners {
		minX, maxX = min(minX, c[0]), max(maxX, c[0])
		minY, maxY = min(minY, c[1]), max(maxY, c[1])
	}
	box := image.Rect(int(math.Floor(max(minX, -1))), int(math.Floor(max(minY, -1))),
		int(math.Ceil(min(maxX, float64(dst.Rect.Max.X+1)))), int(math.Ceil(min(maxY, float64(dst.Rect.Max.Y+1))))).Intersect(dst.Rect)
	if box.Empty() {
		return nil
	}
	// The rasteriser covers only the part of the page the rule can touch,
	// and is given the part of the shape inside it, so that its float32
	// coordinates stay small whatever the rule's.
	z := vector.NewRasterizer(box.Dx(), box.Dy())
	ox, oy := float64(box.Min.X), float64(box.Min.Y)
	poly := clip(corners[:], box)
	if len(poly) < 3 {
		return nil
	}
	for i, c := range poly {
		x, y := float32(c[0]-ox), float32(c[1]-oy)
		if i == 0 {
			z.MoveTo(x, y)
		} else {
			z.LineTo(x, y)
		}
	}
	z.ClosePath()
	z.Draw(dst, box, rgba(l.Color), image.Point{})
	return nil
}

// clip cuts a convex polygon down to the rectangle r, one side of r at a
// time (Sutherland and Hodgman).
func clip(poly [][2]float64, r image.Rectangle) [][2]float64 {
	sides := []struct {
		axis  int     // 0: x, 1: y
		limit float64 // the side's coordinate
		below bool    // inside is below the limit
	}{
		{0, float64(r.Min.X), false}, {0, float64(r.Max.X), true},
		{1, float64(r.Min.Y), false}, {1, float64(r.Max.Y), true},
	}
	for _, sd := range sides {
		inside := func(p [2]float64) bool { return (p[sd.axis] <= sd.limit) == sd.below || p[sd.axis] == sd.limit }
		var out [][2]float64
		for i, cur := range poly {
			prev := poly[(i+len(poly)-1)%len(poly)]
			if inside(cur) != inside(prev) {
				// Where the edge from prev to cur crosses the side.
				t := (sd.limit - prev[sd.axis]) / (cur[sd.axis] - prev[sd.axis])
				var x [2]float64
				x[sd.axis] = sd.limit
				x[1-sd.axis] = prev[1-sd.axis] + t*(cur[1-sd.axis]-prev[1-sd.axis])
				out = append(out, x)
			}
			if inside(cur) {
				out = append(out, cur)
			}
		}
		poly = out
		if len(poly) == 0 {
			break
		}
	}
	return poly
}

// snap gives the edges across a horizontal or vertical rule centred on c,
// half wide, on the nearest whole pixels: poppler's stroke adjustment,
// which keeps thin rules crisp and rules of one width equally wide wherever
// they fall. With half at least 0.5 the edges are at least a pixel apart.
func snap(c, half float64) (lo, hi float64) {
	return math.Floor(c - half + 0.5), math.Floor(c + half + 0.5)
}

// image draws a picture scaled into its box. Its alpha channel becomes
// all or nothing at one half, as in the PDF, whose stencil mask does the same.
//
// Only what is drawn is kept: a picture is decoded, made a stencil and
// scaled once to the pixels of its box, and the decoded original is
// dropped; the scaled copy is kept for the next box of the same file and
// size (a seal on every copy, a stamp on every page). A 4096 × 4096 seal
// drawn 42 mm wide at 96 dpi keeps 159 × 159 pixels, not 16 million.
func (r *renderer) image(dst *image.RGBA, im layout.Image) error {
	if !finite(im.X, im.Y, im.W, im.H) {
		return say.Errorf("%s: image box (%g, %g, %g × %g): not a number", im.Path, im.X, im.Y, im.W, im.H)
	}
	box := image.Rect(int(math.Round(r.px(im.X))), int(math.Round(r.px(im.Y))),
		int(math.Round(r.px(im.X+im.W))), int(math.Round(r.px(im.Y+im.H))))
	if box.Empty() || box.Intersect(dst.Rect).Empty() {
		return nil
	}
	if int64(box.Dx())*int64(box.Dy()) > MaxPixels {
		return say.Errorf("the image %s: a box of %d × %d pixels; at most %d pixels in all", im.Path, box.Dx(), box.Dy(), MaxPixels)
	}
	k := imageKey{im.Path, box.Dx(), box.Dy()}
	scaled, ok := r.images[k]
	if !ok {
		if im.Source == nil {
			return say.Errorf("the image %s was not read", im.Path)
		}
		_, dec, err := picture.Decode(im.Source)
		if err != nil {
			return say.Errorf("the image %s %v", im.Path, err)
		}
		scaled = image.NewNRGBA(image.Rect(0, 0, box.Dx(), box.Dy()))
		xdraw.ApproxBiLinear.Scale(scaled, scaled.Rect, stencil(dec), dec.Bounds(), draw.Src, nil)
		r.images[k] = scaled
	}
	draw.Draw(dst, box, scaled, image.Point{}, draw.Over)
	return nil
}

// imageKey is a picture drawn into a box of a size in pixels.
type imageKey struct {
	path string
	w, h int
}

// stencil makes every pixel of img either opaque (alpha at least 128 of
// 255) or transparent. A decoded picture with an alpha channel is changed
// in place, so that no second full-size copy is made; one without is
// returned as it is.
func stencil(img image.Image) image.Image {
	switch m := img.(type) {
	case *image.NRGBA:
		for y := m.Rect.Min.Y; y < m.Rect.Max.Y; y++ {
			row := m.Pix[m.PixOffset(m.Rect.Min.X, y):m.PixOffset(m.Rect.Max.X, y)]
			for i := 0; i < len(row); i += 4 {
				if row[i+3] >= 128 {
					row[i+3] = 0xff
				} else {
					row[i], row[i+1], row[i+2], row[i+3] = 0, 0, 0, 0
				}
			}
		}
		return m
	case *image.Paletted:
		for i, c := range m.Palette {
			n := color.NRGBAModel.Convert(c).(color.NRGBA)
			if n.A >= 128 {
				n.A = 0xff
			} else {
				n = color.NRGBA{}
			}
			m.Palette[i] = n
		}
		return m
	case interface{ Opaque() bool }:
		// Gray, RGB and JPEG's YCbCr and CMYK: usually wholly opaque.
		if m.Opaque() {
			return img
		}
	}
	// Anything else: a stencilled copy.
	b := img.Bounds()
	out := image.NewNRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			if c.A >= 128 {
				c.A = 0xff
			} else {
				c = color.NRGBA{}
			}
			out.SetNRGBA(x, y, c)
		}
	}
	return out
}

// face returns the role's font at size pt, parsing each font once. A
// character above the BMP is drawn with the astral face: the parser reads
// the first Unicode subtable of a font's character map, which in a font
// that has such characters is often its map of the BMP alone.
func (r *renderer) face(st format.Style) (font.Face, error) {
	return r.faceOf(st, r.fonts, func(data []byte) []byte { return data })
}

func (r *renderer) astralFace(st format.Style) (font.Face, error) {
	return r.faceOf(st, r.astral, fonts.AstralView)
}

func (r *renderer) faceOf(st format.Style, parsed map[fontKey]*truetype.Font, view func([]byte) []byte) (font.Face, error) {
	data := r.font(st.Role)
	if len(data) == 0 {
		return nil, say.Errorf("no font for the role %s", st.Role)
	}
	k := fontKey{&data[0], len(data)}
	if fonts.Kind(data) == "otf-cff" {
		return r.cffFace(st, k, data)
	}
	f, ok := parsed[k]
	if !ok {
		var err error
		if f, err = truetype.Parse(view(data)); err != nil {
			return nil, say.Errorf("the font of the role %s: %v", st.Role, err)
		}
		parsed[k] = f
	}
	if !(st.Size > 0) || math.IsInf(st.Size, 0) {
		return nil, say.Errorf("type size %v pt", st.Size)
	}
	fk := faceKey{f, st.Size}
	if fc, ok := r.faces[fk]; ok {
		return fc, nil
	}
	fc := truetype.NewFace(f, &truetype.Options{
		Size:    st.Size,
		DPI:     r.dpi,
		Hinting: font.HintingNone,
		// Four pen positions a pixel. freetype reads SubPixelsX for the
		// vertical quantum too (face.go, subPixelsY), which puts baselines on
		// a quarter pixel as well instead of snapping them to a whole one.
		SubPixelsX:        4,
		GlyphCacheEntries: cacheEntries(f, st.Size, r.dpi),
	})
	r.faces[fk] = fc
	return fc, nil
}

// cffFace is faceOf for a font with CFF outlines (cffface.go).
func (r *renderer) cffFace(st format.Style, k fontKey, data []byte) (font.Face, error) {
	o, ok := r.cff[k]
	if !ok {
		var err error
		if o, err = fonts.NewCFFOutlines(data); err != nil {
			return nil, say.Errorf("the font of the role %s: %v", st.Role, err)
		}
		r.cff[k] = o
	}
	if !(st.Size > 0) || math.IsInf(st.Size, 0) {
		return nil, say.Errorf("type size %v pt", st.Size)
	}
	fk := faceKey{o, st.Size}
	if fc, ok := r.faces[fk]; ok {
		return fc, nil
	}
	fc := newCFFFace(o, st.Size, r.dpi)
	r.faces[fk] = fc
	return fc, nil
}

// cacheEntries is how many glyph masks a face keeps: freetype allocates one
// mask of the font's largest glyph box for each, so large type at a high
// resolution gets fewer, to stay within about 16 MiB a face.
func cacheEntries(f *truetype.Font, size, dpi float64) int {
	b := f.Bounds(fixed.Int26_6(size * dpi * 64 / 72))
	w := max(1, (b.Max.X-b.Min.X).Ceil()+1)
	h := max(1, (b.Max.Y-b.Min.Y).Ceil()+1)
	n := 512
	for n > 1 && n*w*h > 16<<20 {
		n /= 2
	}
	return n
}

// text draws a run: glyph by glyph onto the page when upright, else into a
// coverage mask of its own that is then turned onto the page.
func (r *renderer) text(dst *image.RGBA, t layout.Text) error {
	if len(t.Glyphs) == 0 {
		return nil
	}
	fc, err := r.face(t.Style)
	if err != nil {
		return err
	}
	if !finite(t.Y, t.Rotate, t.PivotX, t.PivotY) {
		return say.Errorf("text %q at y = %g, turned %g° about (%g, %g): not a number", t.String(), t.Y, t.Rotate, t.PivotX, t.PivotY)
	}
	quarter := math.Mod(t.Rotate, 360)
	if quarter < 0 {
		quarter += 360
	}
	if math.Mod(quarter, 90) != 0 {
		return say.Errorf("text %q turned %g°: only multiples of 90° can be drawn", t.String(), t.Rotate)
	}
	turns := int(quarter / 90)
	colour := rgba(t.Style.Color)
	if turns == 0 {
		return r.glyphs(dst, t, fc, func(dr image.Rectangle, mask image.Image, mp image.Point) {
			draw.DrawMask(dst, dr, colour, image.Point{}, mask, mp, draw.Over)
		})
	}
	// The pivot goes to the nearest pixel corner, so that turning maps whole
	// pixels onto whole pixels (it moves the run by half a pixel at most).
	px, py := int(math.Round(r.px(t.PivotX))), int(math.Round(r.px(t.PivotY)))
	var bounds image.Rectangle
	// First the run's extent, then the run itself into a mask of that size.
	if err := r.glyphs(dst, t, fc, func(dr image.Rectangle, _ image.Image, _ image.Point) {
		bounds = bounds.Union(dr)
	}); err != nil {
		return err
	}
	// Only what lands on the page once turned: the page turned back.
	bounds = bounds.Intersect(turnRect(dst.Rect, 4-turns, image.Pt(px, py)))
	if bounds.Empty() {
		return nil
	}
	run := image.NewAlpha(bounds)
	if err := r.glyphs(dst, t, fc, func(dr image.Rectangle, mask image.Image, mp image.Point) {
		draw.DrawMask(run, dr, image.Opaque, image.Point{}, mask, mp, draw.Over)
	}); err != nil {
		return err
	}
	turned := turn(run, turns, image.Pt(px, py))
	area := turned.Rect.Intersect(dst.Rect)
	if !area.Empty() {
		draw.DrawMask(dst, area, colour, image.Point{}, turned, area.Min, draw.Over)
	}
	return nil
}

// glyphs rasterises each glyph of t at its place, upright, and hands its
// destination rectangle and coverage mask to paint. The mask is only valid
// during the call.
func (r *renderer) glyphs(dst *image.RGBA, t layout.Text, fc font.Face, paint func(dr image.Rectangle, mask image.Image, mp image.Point)) error {
	y := r.px(t.Y)
	for _, g := range t.Glyphs {
		if !finite(g.X) {
			return say.Errorf("glyph %q at x = %g: not a number", g.R, g.X)
		}
		x := r.px(g.X)
		// A glyph far off the page would overflow the 26.6 fixed point of
		// its position; nothing of it could show anyway.
		lim := float64(4 * max(dst.Rect.Dx(), dst.Rect.Dy()))
		if math.Abs(x) > lim || math.Abs(y) > lim {
			continue
		}
		dot := fixed.Point26_6{X: fixed.Int26_6(math.Round(x * 64)), Y: fixed.Int26_6(math.Round(y * 64))}
		gf := fc
		if g.R > 0xFFFF {
			var err error
			if gf, err = r.astralFace(t.Style); err != nil {
				return err
			}
		}
		dr, mask, mp, _, ok := gf.Glyph(dot, g.R)
		if !ok || dr.Empty() {
			continue // a space, or a glyph with no outline
		}
		paint(dr, mask, mp)
	}
	return nil
}

// turn returns m turned by quarter turns of 90° counter-clockwise, as seen
// on the page (y down), about the pixel corner p.
func turn(m *image.Alpha, quarters int, p image.Point) *image.Alpha {
	cos, sin := quarterCosSin(quarters)
	out := image.NewAlpha(turnRect(m.Rect, quarters, p))
	for y := out.Rect.Min.Y; y < out.Rect.Max.Y; y++ {
		for x := out.Rect.Min.X; x < out.Rect.Max.X; x++ {
			// The pixel's centre, doubled to stay whole, turned back.
			cx, cy := 2*(x-p.X)+1, 2*(y-p.Y)+1
			sx, sy := cx*cos-cy*sin, cx*sin+cy*cos
			out.SetAlpha(x, y, m.AlphaAt(p.X+(sx-1)/2, p.Y+(sy-1)/2))
		}
	}
	return out
}

// turnRect is the rectangle r turned by quarter turns about p: a point at
// (dx, dy) from p goes to (dx cos θ + dy sin θ, −dx sin θ + dy cos θ) from p.
func turnRect(r image.Rectangle, quarters int, p image.Point) image.Rectangle {
	cos, sin := quarterCosSin(quarters)
	fwd := func(x, y int) image.Point {
		dx, dy := x-p.X, y-p.Y
		return image.Pt(p.X+dx*cos+dy*sin, p.Y-dx*sin+dy*cos)
	}
	a, b := fwd(r.Min.X, r.Min.Y), fwd(r.Max.X, r.Max.Y)
	return image.Rect(a.X, a.Y, b.X, b.Y) // Rect puts the corners in order
}

func quarterCosSin(quarters int) (cos, sin int) {
	q := (quarters%4 + 4) % 4
	return [4]int{1, 0, -1, 0}[q], [4]int{0, 1, 0, -1}[q]
}
