package fonts

import (
	"encoding/binary"

	"gongwen/internal/say"

	"github.com/golang/freetype/truetype"
)

// CFFOutlines reads the glyphs of a font with CFF outlines for a renderer
// that draws them itself: golang/freetype reads only TrueType outlines, and
// golang.org/x/image/font/sfnt lacks two of the Type 2 charstring's flex
// operators (flex and flex1), which the Fandol fonts use.
type CFFOutlines struct {
	cff        *cffFont
	bmp        *truetype.Font
	wide       []byte // the format 12 groups above the BMP (cmap.go)
	UnitsPerEm int
}

// NewCFFOutlines parses a font with CFF outlines that Open accepted, or a
// subset of one.
func NewCFFOutlines(data []byte) (o *CFFOutlines, err error) {
	defer func() {
		if r := recover(); r != nil {
			o, err = nil, say.Errorf("the font is damaged: %v", r)
		}
	}()
	t, err := Tables(data)
	if err != nil {
		return nil, err
	}
	c, err := parseCFF(t["CFF "], int(binary.BigEndian.Uint16(t["maxp"][4:])))
	if err != nil {
		return nil, err
	}
	o = &CFFOutlines{cff: c}
	if o.bmp, err = parse(data); err != nil {
		return nil, err
	}
	if o.wide, err = astralMap(t["cmap"], len(c.charStrings)); err != nil {
		return nil, err
	}
	o.UnitsPerEm = int(o.bmp.FUnitsPerEm())
	return o, nil
}

// Index is r's glyph, 0 for none.
func (o *CFFOutlines) Index(r rune) int {
	if r > 0xFFFF {
		return int(wideIndex(o.wide, r))
	}
	return int(o.bmp.Index(r))
}

// Path calls move, line and cube with the points of glyph g's outline, in
// font units, y up; each contour starts with move and is closed.
func (o *CFFOutlines) Path(g int, move, line func(x, y float64), cube func(x1, y1, x2, y2, x, y float64)) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = say.Errorf("glyph %d is damaged: %v", g, r)
		}
	}()
	if g < 0 || g >= len(o.cff.charStrings) {
		return say.Errorf("no glyph %d", g)
	}
	p := &pen{move: move, line: line, cube: cube}
	w := &csWalker{gsubrs: o.cff.gsubrs, subrs: o.cff.fds[o.cff.fdOf(g)].subrs, pen: p}
	_, err = w.run(o.cff.charStrings[g], 0)
	p.close()
	return err
}

// pen follows a charstring's path operators (Technical Note #5177,
// section 4.1) from the current point.
type pen struct {
	x, y       float64
	sx, sy     float64 // where the contour began
	open       bool
	move, line func(x, y float64)
	cube       func(x1, y1, x2, y2, x, y float64)
}

func (p *pen) close() {
	if p.open && (p.x != p.sx || p.y != p.sy) {
		p.line(p.sx, p.sy)
	}
	p.open = false
}

func (p *pen) moveBy(dx, dy float64) {
	p.close()
	p.x, p.y = p.x+dx, p.y+dy
	p.sx, p.sy, p.open = p.x, p.y, true
	p.move(p.x, p.y)
}

func (p *pen) lineBy(dx, dy float64) {
	if !p.open {
		p.moveBy(0, 0)
	}
	p.x, p.y = p.x+dx, p.y+dy
	p.line(p.x, p.y)
}

func (p *pen) curveBy(dx1, dy1, dx2, dy2, dx3, dy3 float64) {
	if !p.open {
		p.moveBy(0, 0)
	}
	x1, y1 := p.x+dx1, p.y+dy1
	x2, y2 := x1+dx2, y1+dy2
	p.x, p.y = x2+dx3, y2+dy3
	p.cube(x1, y1, x2, y2, p.x, p.y)
}

// op draws the path operator op (1200 + the second byte of a flex one)
// with the operands a.
func (p *pen) op(op int, a []float64) {
	n := len(a)
	switch op {
	case 21: // rmoveto (after a width, perhaps)
		if n >= 2 {
			p.moveBy(a[n-2], a[n-1])
		}
	case 22: // hmoveto
		if n >= 1 {
			p.moveBy(a[n-1], 0)
		}
	case 4: // vmoveto
		if n >= 1 {
			p.moveBy(0, a[n-1])
		}
	case 5: // rlineto
		for i := 0; i+2 <= n; i += 2 {
			p.lineBy(a[i], a[i+1])
		}
	case 6, 7: // hlineto, vlineto: alternating
		horiz := op == 6
		for i := 0; i < n; i++ {
			if horiz {
				p.lineBy(a[i], 0)
			} else {
				p.lineBy(0, a[i])
			}
			horiz = !horiz
		}
	case 8: // rrcurveto
		for i := 0; i+6 <= n; i += 6 {
			p.curveBy(a[i], a[i+1], a[i+2], a[i+3], a[i+4], a[i+5])
		}
	case 24: // rcurveline
		i := 0
		for ; i+6 <= n-2; i += 6 {
			p.curveBy(a[i], a[i+1], a[i+2], a[i+3], a[i+4], a[i+5])
		}
		if i+2 <= n {
			p.lineBy(a[i], a[i+1])
		}
	case 25: // rlinecurve
		i := 0
		for ; i+2 <= n-6; i += 2 {
			p.lineBy(a[i], a[i+1])
		}
		if i+6 <= n {
			p.curveBy(a[i], a[i+1], a[i+2], a[i+3], a[i+4], a[i+5])
		}
	case 26, 27: // vvcurveto, hhcurveto: an odd first operand starts the first curve across
		i, d := 0, 0.0
		if n%2 == 1 {
			d, i = a[0], 1
		}
		for ; i+4 <= n; i += 4 {
			if op == 26 {
				p.curveBy(d, a[i], a[i+1], a[i+2], 0, a[i+3])
			} else {
				p.curveBy(a[i], d, a[i+1], a[i+2], a[i+3], 0)
			}
			d = 0
		}
	case 30, 31: // vhcurveto, hvcurveto: alternating, a fifth operand at the end
		horiz := op == 31
		for i := 0; i+4 <= n; i += 4 {
			last := 0.0
			if n-i == 5 {
				last = a[i+4]
			}
			if horiz {
				p.curveBy(a[i], 0, a[i+1], a[i+2], last, a[i+3])
			} else {
				p.curveBy(0, a[i], a[i+1], a[i+2], a[i+3], last)
			}
			horiz = !horiz
		}
	case 1235: // flex
		if n >= 12 {
			p.curveBy(a[0], a[1], a[2], a[3], a[4], a[5])
			p.curveBy(a[6], a[7], a[8], a[9], a[10], a[11])
		}
	case 1234: // hflex
		if n >= 7 {
			p.curveBy(a[0], 0, a[1], a[2], a[3], 0)
			p.curveBy(a[4], 0, a[5], -a[2], a[6], 0)
		}
	case 1236: // hflex1
		if n >= 9 {
			p.curveBy(a[0], a[1], a[2], a[3], a[4], 0)
			p.curveBy(a[5], 0, a[6], a[7], a[8], -(a[1] + a[3] + a[7]))
		}
	case 1237: // flex1: the last point's other coordinate returns to the start's
		if n >= 11 {
			dx, dy := a[0]+a[2]+a[4]+a[6]+a[8], a[1]+a[3]+a[5]+a[7]+a[9]
			p.curveBy(a[0], a[1], a[2], a[3], a[4], a[5])
			if max(dx, -dx) > max(dy, -dy) {
				p.curveBy(a[6], a[7], a[8], a[9], a[10], -dy)
			} else {
				p.curveBy(a[6], a[7], a[8], a[9], -dx, a[10])
			}
		}
	}
}
