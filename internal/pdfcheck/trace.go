package pdfcheck

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// mmPerPt converts PDF points to millimetres.
const mmPerPt = 25.4 / 72

// Glyph is one glyph drawn on a page, as `mutool draw -F trace` reports it.
type Glyph struct {
	Page  int        // 1-based
	Rune  rune       // from the unicode attribute; U+FFFD when the PDF maps the glyph to nothing
	Font  string     // font name as mutool prints it: the PDF's BaseFont, TAG+PostScriptName
	Size  float64    // font size in pt, the scale of the glyph's matrix on the page
	X, Y  float64    // glyph origin (baseline start) in mm from the page's top-left
	Adv   float64    // advance in mm
	Color [3]float64 // fill colour (stroke colour for outline-only text), RGB components 0..1
}

// Rule is a stroked or filled path (lines, rectangles) as mutool reports it.
type Rule struct {
	Page int
	// For a path of exactly two points (a straight line) its end points in
	// drawing order; otherwise the bounding box of all points, curve control
	// points included, with X1 <= X2 and Y1 <= Y2. In mm.
	X1, Y1, X2, Y2 float64
	Width          float64 // stroke line width in mm (0 for a fill)
	Color          [3]float64
	Fill           bool
}

// Image is a picture drawn on a page (fill_image): the box the unit square
// of its matrix maps to, in mm from the page's top-left.
type Image struct {
	X, Y, W, H float64
}

// Page is one page of a trace.
type Page struct {
	Number        int
	Width, Height float64 // mm, as displayed (after /Rotate)
	Glyphs        []Glyph
	Rules         []Rule
	Images        []Image
}

// Trace runs `mutool draw -F trace -r 72 -o - FILE` and returns what every
// page draws. At 72 dpi mutool's device space is the displayed page in points
// with its origin at the top-left and y downwards; each element carries the
// transform from its own space into it, which Trace applies.
//
// Only visible marks count: glyphs of fill_text and stroke_text (a glyph both
// filled and stroked, text render mode 2, is reported once, with its fill
// colour), not of clip_text or ignore_text (render mode 3, invisible), and
// fill_path and stroke_path, not clip paths. Rectangles drawn with `re` come
// out of mutool as moveto/lineto paths like any other.
func Trace(pdfPath string) ([]Page, error) {
	out, err := run("mutool", "draw", "-F", "trace", "-r", "72", "-o", "-", pdfPath)
	if err != nil {
		return nil, err
	}
	pages, err := parseTrace(bytes.NewReader(out))
	if err != nil {
		return nil, fmt.Errorf("mutool trace of %s: %v", pdfPath, err)
	}
	return pages, nil
}

// FontsOf is, for each character the pages draw, the fonts that draw it,
// by PostScript name: the subset's tag (ABCDEF+) dropped.
func FontsOf(pages []Page) map[rune]map[string]bool {
	by := map[rune]map[string]bool{}
	for _, p := range pages {
		for _, g := range p.Glyphs {
			ps := g.Font
			if _, after, ok := strings.Cut(ps, "+"); ok {
				ps = after
			}
			if by[g.Rune] == nil {
				by[g.Rune] = map[string]bool{}
			}
			by[g.Rune][ps] = true
		}
	}
	return by
}

// matrix is a PDF matrix [a b c d e f]: (x, y) -> (ax+cy+e, bx+dy+f).
type matrix [6]float64

func (m matrix) point(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

func (m matrix) vector(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y, m[1]*x + m[3]*y
}

// textState is the fill_text or stroke_text element being read.
type textState struct {
	ctm    matrix
	color  [3]float64
	stroke bool
	font   string
	trm    matrix // a b c d of the current span
	wmode  string
}

// pathState is the fill_path or stroke_path element being read.
type pathState struct {
	ctm    matrix
	rule   Rule
	points [][2]float64 // device space, pt
}

type glyphKey struct {
	r    rune
	x, y int64
}

type traceParser struct {
	pages  []Page
	text   *textState // nil outside visible text
	path   *pathState // nil outside a drawn path
	filled map[glyphKey]bool
	err    error
}

func parseTrace(r io.Reader) ([]Page, error) {
	d := xml.NewDecoder(r)
	p := &traceParser{}
	for p.err == nil {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			p.start(t)
		case xml.EndElement:
			p.end(t.Name.Local)
		}
	}
	return p.pages, p.err
}

func (p *traceParser) page() *Page {
	if len(p.pages) == 0 {
		return nil
	}
	return &p.pages[len(p.pages)-1]
}

func (p *traceParser) start(e xml.StartElement) {
	attr := func(name string) string {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	nums := func(name string, n int) []float64 {
		fields := strings.Fields(attr(name))
		if n > 0 && len(fields) != n {
			p.fail("<%s %s=%q>: want %d numbers", e.Name.Local, name, attr(name), n)
			return make([]float64, n)
		}
		v := make([]float64, len(fields))
		for i, f := range fields {
			var err error
			if v[i], err = strconv.ParseFloat(f, 64); err != nil {
				p.fail("<%s %s=%q>: %v", e.Name.Local, name, attr(name), err)
			}
		}
		return v
	}
	num := func(name string) float64 { return nums(name, 1)[0] }
	ctm := func() matrix { return matrix(nums("transform", 6)) }

	pg := p.page()
	switch e.Name.Local {
	case "page":
		box := nums("mediabox", 4)
		p.pages = append(p.pages, Page{
			Number: len(p.pages) + 1,
			Width:  math.Abs(box[2]-box[0]) * mmPerPt,
			Height: math.Abs(box[3]-box[1]) * mmPerPt,
		})
		p.filled = map[glyphKey]bool{}
	case "fill_text", "stroke_text":
		p.text = &textState{ctm: ctm(), color: rgb(nums("color", 0)), stroke: e.Name.Local == "stroke_text"}
	case "clip_text", "clip_stroke_text", "ignore_text":
		p.text = nil
	case "span":
		if p.text != nil {
			t := nums("trm", 4)
			p.text.trm = matrix{t[0], t[1], t[2], t[3]}
			p.text.font, p.text.wmode = attr("font"), attr("wmode")
		}
	case "g":
		if p.text != nil && pg != nil {
			p.glyph(pg, []rune(attr("unicode")), num("x"), num("y"), num("adv"))
		}
	case "fill_path", "stroke_path":
		if pg == nil {
			break
		}
		p.path = &pathState{ctm: ctm(), rule: Rule{Page: pg.Number, Color: rgb(nums("color", 0))}}
		if e.Name.Local == "fill_path" {
			p.path.rule.Fill = true
		} else {
			m := p.path.ctm
			scale := math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2]))
			p.path.rule.Width = num("linewidth") * scale * mmPerPt
		}
	case "clip_path", "clip_stroke_path":
		p.path = nil
	case "fill_image":
		if pg != nil {
			m := ctm()
			x1, y1 := m.point(0, 0)
			x2, y2 := m.point(1, 1)
			pg.Images = append(pg.Images, Image{
				X: math.Min(x1, x2) * mmPerPt, Y: math.Min(y1, y2) * mmPerPt,
				W: math.Abs(x2-x1) * mmPerPt, H: math.Abs(y2-y1) * mmPerPt,
			})
		}
	case "moveto", "lineto":
		p.point("x", "y", num)
	case "curveto":
		for _, i := range []string{"1", "2", "3"} {
			p.point("x"+i, "y"+i, num)
		}
	}
}

func (p *traceParser) end(name string) {
	switch name {
	case "fill_text", "stroke_text", "clip_text", "clip_stroke_text", "ignore_text":
		p.text = nil
	case "fill_path", "stroke_path":
		if p.path != nil && len(p.path.points) > 0 {
			pg := p.page()
			pg.Rules = append(pg.Rules, p.path.finish())
		}
		p.path = nil
	}
}

func (p *traceParser) fail(format string, args ...any) {
	if p.err == nil {
		p.err = fmt.Errorf(format, args...)
	}
}

func (p *traceParser) point(xName, yName string, num func(string) float64) {
	if p.path != nil {
		x, y := p.path.ctm.point(num(xName), num(yName))
		p.path.points = append(p.path.points, [2]float64{x, y})
	}
}

func (p *traceParser) glyph(pg *Page, runes []rune, x, y, adv float64) {
	t := p.text
	g := Glyph{Page: pg.Number, Font: t.font, Color: t.color, Rune: '\uFFFD'}
	if len(runes) > 0 {
		g.Rune = runes[0]
	}
	g.X, g.Y = t.ctm.point(x, y)
	// The glyph's matrix on the page is trm followed by the element's transform.
	ux, uy := t.trm.vector(0, 1)
	g.Size = math.Hypot(t.ctm.vector(ux, uy))
	if t.wmode == "1" {
		g.Adv = adv * g.Size
	} else {
		ux, uy = t.trm.vector(adv, 0)
		g.Adv = math.Hypot(t.ctm.vector(ux, uy))
	}
	g.X, g.Y, g.Adv = g.X*mmPerPt, g.Y*mmPerPt, g.Adv*mmPerPt
	key := glyphKey{g.Rune, int64(math.Round(g.X * 100)), int64(math.Round(g.Y * 100))}
	if !t.stroke {
		p.filled[key] = true
	} else if p.filled[key] {
		return // the outline of a glyph already reported as filled
	}
	pg.Glyphs = append(pg.Glyphs, g)
}

func (s *pathState) finish() Rule {
	r, pts := s.rule, s.points
	if len(pts) == 2 {
		r.X1, r.Y1, r.X2, r.Y2 = pts[0][0], pts[0][1], pts[1][0], pts[1][1]
	} else {
		r.X1, r.Y1, r.X2, r.Y2 = pts[0][0], pts[0][1], pts[0][0], pts[0][1]
		for _, q := range pts[1:] {
			r.X1, r.X2 = math.Min(r.X1, q[0]), math.Max(r.X2, q[0])
			r.Y1, r.Y2 = math.Min(r.Y1, q[1]), math.Max(r.Y2, q[1])
		}
	}
	r.X1, r.Y1, r.X2, r.Y2 = r.X1*mmPerPt, r.Y1*mmPerPt, r.X2*mmPerPt, r.Y2*mmPerPt
	return r
}

// rgb converts mutool's colour components to RGB by their count: one is
// gray, three RGB, four CMYK (naively). Anything else gives black.
func rgb(c []float64) [3]float64 {
	switch len(c) {
	case 1:
		return [3]float64{c[0], c[0], c[0]}
	case 3:
		return [3]float64{c[0], c[1], c[2]}
	case 4:
		k := 1 - c[3]
		return [3]float64{(1 - c[0]) * k, (1 - c[1]) * k, (1 - c[2]) * k}
	}
	return [3]float64{}
}

// Lines groups a page's glyphs into text lines by baseline: a glyph joins a
// line when its Y is within 0.5 mm of the line's topmost glyph. Lines are
// sorted top to bottom, each line's glyphs left to right.
func Lines(p Page) [][]Glyph {
	glyphs := append([]Glyph(nil), p.Glyphs...)
	sort.SliceStable(glyphs, func(i, j int) bool { return glyphs[i].Y < glyphs[j].Y })
	var lines [][]Glyph
	for i, g := range glyphs {
		if i == 0 || g.Y-lines[len(lines)-1][0].Y >= 0.5 {
			lines = append(lines, nil)
		}
		lines[len(lines)-1] = append(lines[len(lines)-1], g)
	}
	for _, line := range lines {
		sort.SliceStable(line, func(i, j int) bool { return line[i].X < line[j].X })
	}
	return lines
}

// LineText is the line's runes in order, with no spaces added.
func LineText(line []Glyph) string {
	var b strings.Builder
	for _, g := range line {
		b.WriteRune(g.Rune)
	}
	return b.String()
}
