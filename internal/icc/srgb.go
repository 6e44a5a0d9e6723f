// Package icc writes the sRGB colour profile that a PDF/A file names in its
// output intent. The profile is made here, from the published numbers of the
// sRGB standard, rather than copied from elsewhere: every byte of it is
// explained below, and nothing in it needs a licence.
//
// It is an ICC version 2 display ("mntr") profile of the matrix/TRC kind:
// three colorant tags (the red, green and blue primaries in the profile
// connection space), three tone reproduction curves, the media white point, a
// description and a copyright notice. PDF/A-1 (ISO 19005-1 clause 6.2.2)
// requires a profile older than version 4, which is why this is not a v4
// profile with a parametric curve.
//
// The numbers come from IEC 61966-2-1:1999 (sRGB), clause 5: the primaries'
// and the reference white's CIE 1931 chromaticities and the piecewise
// transfer function. The layout of the file follows ICC.1:2001-04 (the ICC
// profile format, version 2.4), clause 6: the header, the tag table, the
// tags and their types.
package icc

import (
	"bytes"
	"encoding/binary"
	"math"
	"sync"
)

// sRGB's primaries and white point, CIE 1931 xy chromaticities
// (IEC 61966-2-1:1999, clause 5; the white is CIE illuminant D65).
var (
	red   = xy{0.64, 0.33}
	green = xy{0.30, 0.60}
	blue  = xy{0.15, 0.06}
	d65   = xy{0.3127, 0.3290}
)

// d50 is the profile connection space illuminant, which ICC.1:2001-04 fixes
// as these XYZ values (s15Fixed16 0xF6D6, 0x10000, 0xD32D).
var d50 = vec{0.9642, 1.0, 0.8249}

// The sRGB transfer function (IEC 61966-2-1:1999, clause 5, from non-linear
// sR'G'B' values to linear RGB): a non-linear value V' in [0, 1] gives the
// linear value
//
//	V = V' / 12.92                     for V' ≤ 0.04045
//	V = ((V' + 0.055) / 1.055) ^ 2.4   otherwise.
const (
	trcThreshold = 0.04045
	trcSlope     = 12.92
	trcOffset    = 0.055
	trcGamma     = 2.4
)

// trcPoints is the number of entries of the sampled curve. A version 2
// profile can only give a curve as a table (the parametric curve type came
// with version 4); 1024 points follow the curve closely everywhere.
const trcPoints = 1024

// Texts of the profile. The description is what colour-managed programs
// show as the profile's name.
const (
	description = "sRGB IEC61966-2.1"
	copyright   = "No copyright: made by gongwen from the values of IEC 61966-2-1. Use freely."
)

// created is the date written into the header. It is fixed so that the
// profile, and every PDF holding it, has the same bytes on every build.
var created = [6]uint16{2025, 1, 1, 0, 0, 0}

type xy struct{ x, y float64 }

type vec [3]float64

type mat [3][3]float64

// XYZ of a chromaticity at luminance Y = 1.
func (c xy) XYZ() vec { return vec{c.x / c.y, 1, (1 - c.x - c.y) / c.y} }

func (m mat) apply(v vec) vec {
	var r vec
	for i := range 3 {
		r[i] = m[i][0]*v[0] + m[i][1]*v[1] + m[i][2]*v[2]
	}
	return r
}

func (m mat) mul(n mat) mat {
	var r mat
	for i := range 3 {
		for j := range 3 {
			for k := range 3 {
				r[i][j] += m[i][k] * n[k][j]
			}
		}
	}
	return r
}

func (m mat) inverse() mat {
	a, b, c := m[0][0], m[0][1], m[0][2]
	d, e, f := m[1][0], m[1][1], m[1][2]
	g, h, i := m[2][0], m[2][1], m[2][2]
	det := a*(e*i-f*h) - b*(d*i-f*g) + c*(d*h-e*g)
	return mat{
		{(e*i - f*h) / det, (c*h - b*i) / det, (b*f - c*e) / det},
		{(f*g - d*i) / det, (a*i - c*g) / det, (c*d - a*f) / det},
		{(d*h - e*g) / det, (b*g - a*h) / det, (a*e - b*d) / det},
	}
}

// bradford is the cone response matrix of the linear Bradford chromatic
// adaptation transform, the one the ICC recommends for adapting colorimetry
// to the D50 connection space.
var bradford = mat{
	{0.8951, 0.2664, -0.1614},
	{-0.7502, 1.7135, 0.0367},
	{0.0389, -0.0685, 1.0296},
}

// Colorants returns the XYZ of sRGB's full red, green and blue adapted from
// D65 to the D50 connection space: what the rXYZ, gXYZ and bXYZ tags hold.
func Colorants() (r, g, b [3]float64) {
	// The RGB → XYZ matrix: the primaries' XYZ as columns, each scaled so
	// that R = G = B = 1 gives the white point.
	p := mat{}
	for j, c := range []xy{red, green, blue} {
		v := c.XYZ()
		for i := range 3 {
			p[i][j] = v[i]
		}
	}
	s := p.inverse().apply(d65.XYZ())
	for i := range 3 {
		for j := range 3 {
			p[i][j] *= s[j]
		}
	}
	// Von Kries scaling in the Bradford cone space from D65 to D50.
	src, dst := bradford.apply(d65.XYZ()), bradford.apply(d50)
	scale := mat{{dst[0] / src[0], 0, 0}, {0, dst[1] / src[1], 0}, {0, 0, dst[2] / src[2]}}
	m := bradford.inverse().mul(scale).mul(bradford).mul(p)
	for i := range 3 {
		r[i], g[i], b[i] = m[i][0], m[i][1], m[i][2]
	}
	return r, g, b
}

// Linear is the sRGB transfer function: the linear value of a non-linear
// component v in [0, 1].
func Linear(v float64) float64 {
	if v <= trcThreshold {
		return v / trcSlope
	}
	return math.Pow((v+trcOffset)/(1+trcOffset), trcGamma)
}

var (
	once    sync.Once
	profile []byte
)

// SRGB returns the profile's bytes. The caller must not change them.
func SRGB() []byte {
	once.Do(func() { profile = build() })
	return profile
}

// tag is one entry of the tag table: a signature and its data, which the
// table may share between signatures.
type tag struct {
	sig  string
	data []byte
}

func build() []byte {
	r, g, b := Colorants()
	trc := curve()
	tags := []tag{
		{"desc", textDescription(description)},
		{"cprt", text(copyright)},
		{"wtpt", xyzType(d65.XYZ())},
		{"rXYZ", xyzType(r)},
		{"gXYZ", xyzType(g)},
		{"bXYZ", xyzType(b)},
		{"rTRC", trc},
		{"gTRC", trc},
		{"bTRC", trc},
	}

	// Tag data follows the table, each element starting on a 4-byte
	// boundary; identical data is stored once.
	const headerSize = 128
	tableSize := 4 + 12*len(tags)
	var data bytes.Buffer
	type entry struct{ offset, size uint32 }
	entries := make([]entry, len(tags))
	stored := map[string]entry{}
	for i, t := range tags {
		if e, ok := stored[string(t.data)]; ok {
			entries[i] = e
			continue
		}
		for data.Len()%4 != 0 {
			data.WriteByte(0)
		}
		e := entry{uint32(headerSize + tableSize + data.Len()), uint32(len(t.data))}
		data.Write(t.data)
		stored[string(t.data)] = e
		entries[i] = e
	}
	for data.Len()%4 != 0 {
		data.WriteByte(0)
	}
	size := headerSize + tableSize + data.Len()

	var out bytes.Buffer
	be := func(v any) { binary.Write(&out, binary.BigEndian, v) }
	// Header.
	be(uint32(size))                    // profile size
	out.WriteString("\x00\x00\x00\x00") // preferred CMM: none
	be(uint32(0x02100000))              // version 2.1.0
	out.WriteString("mntr")             // device class: display
	out.WriteString("RGB ")             // data colour space
	out.WriteString("XYZ ")             // profile connection space
	be(created)                         // date and time of creation
	out.WriteString("acsp")             // file signature
	out.Write(make([]byte, 4))          // primary platform: none
	be(uint32(0))                       // flags: not embedded, independent
	out.Write(make([]byte, 4))          // device manufacturer
	out.Write(make([]byte, 4))          // device model
	out.Write(make([]byte, 8))          // device attributes: reflective, glossy
	be(uint32(0))                       // rendering intent: perceptual
	be(s15f16(d50))                     // connection space illuminant
	out.Write(make([]byte, 4))          // profile creator
	out.Write(make([]byte, 44))         // reserved
	// Tag table.
	be(uint32(len(tags)))
	for i, t := range tags {
		out.WriteString(t.sig)
		be(entries[i].offset)
		be(entries[i].size)
	}
	out.Write(data.Bytes())
	return out.Bytes()
}

// s15f16 encodes numbers as s15Fixed16Number: signed, 16 fraction bits.
func s15f16(v vec) [3]int32 {
	var r [3]int32
	for i, x := range v {
		r[i] = int32(math.Round(x * 65536))
	}
	return r
}

// xyzType is an XYZType element: its signature, four reserved bytes, XYZ.
func xyzType(v vec) []byte {
	var b bytes.Buffer
	b.WriteString("XYZ \x00\x00\x00\x00")
	binary.Write(&b, binary.BigEndian, s15f16(v))
	return b.Bytes()
}

// curve is a curveType element sampling the sRGB transfer
// function at trcPoints evenly spaced inputs, as uInt16Number 0–65535.
func curve() []byte {
	var b bytes.Buffer
	b.WriteString("curv\x00\x00\x00\x00")
	binary.Write(&b, binary.BigEndian, uint32(trcPoints))
	for i := range trcPoints {
		v := Linear(float64(i) / (trcPoints - 1))
		binary.Write(&b, binary.BigEndian, uint16(math.Round(v*65535)))
	}
	return b.Bytes()
}

// text is a textType element: 7-bit ASCII ending in NUL.
func text(s string) []byte {
	return append([]byte("text\x00\x00\x00\x00"+s), 0)
}

// textDescription is a (version 2) textDescriptionType element: the ASCII description with its length (NUL included), then an empty Unicode
// description and an empty Macintosh ScriptCode description (a code, a
// zero count and 67 bytes of room).
func textDescription(s string) []byte {
	var b bytes.Buffer
	b.WriteString("desc\x00\x00\x00\x00")
	binary.Write(&b, binary.BigEndian, uint32(len(s)+1))
	b.WriteString(s)
	b.WriteByte(0)
	binary.Write(&b, binary.BigEndian, uint32(0)) // Unicode language code
	binary.Write(&b, binary.BigEndian, uint32(0)) // Unicode count
	binary.Write(&b, binary.BigEndian, uint16(0)) // ScriptCode code
	b.WriteByte(0)                                // ScriptCode count
	b.Write(make([]byte, 67))
	return b.Bytes()
}
