package pdf

// Fonts are embedded by this package, not by fpdf.
//
// fpdf's UTF-8 fonts cost most of a document's build: it parses each font
// it is given, names it by a SHA-1 of a JSON of its 65,536 widths, cuts it
// down again, writes a 128 KB CIDToGIDMap for it, and compresses each with
// a new zlib writer (over a megabyte of tables each time). The fonts it is
// given are already subsets (package fonts cuts them), so all of that was
// spent on a few hundred glyphs. Here each font is a composite font (PDF
// Reference 1.7, §5.6 "Composite Fonts"; ISO 32000-1 §9.7):
//
//   - a Type0 font with the Identity-H encoding, so a string is a sequence
//     of two-byte CIDs;
//   - its CIDFontType2 descendant (TrueType outlines), with the widths of
//     its CIDs (/W) and a CIDToGIDMap stream from CID to glyph; or, for a
//     font with CFF outlines, its CIDFontType0 descendant, whose program's
//     glyph i is CID i (fonts.CIDFontProgram);
//   - a font descriptor with the subset as /FontFile2, or its CFF program
//     as /FontFile3 of /Subtype /CIDFontType0C, and the /CIDSet that
//     PDF/A-1 asks of a subset (ISO 19005-1 clause 6.3.5);
//   - a ToUnicode CMap (§5.9.2; Adobe Technical Note #5411), by which text
//     is read back as the characters it was made from.
//
// CIDs are given to a font's characters in Unicode order, 1, 2, 3, …; CID
// 0 is .notdef. Each character has its own CID even where two characters
// share a glyph, so that reading the text back gives each one as written.
// The page content shows text with fpdf's raw writer (RawWriteStr), in the
// font resources /G1, /G2, … that the post-pass puts into the pages'
// resource dictionary.

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/math/fixed"

	"gongwen/internal/deflate"
	"gongwen/internal/fonts"
	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/say"
)

// pdfFont is one embedded font: a TrueType subset and the characters the
// pages show in it.
type pdfFont struct {
	res  string // the resource name, G1, G2, …
	ps   string // the PostScript name
	data []byte // the TrueType subset, or an OpenType one with CFF outlines
	cff  bool   // data has CFF outlines
	ttf  *truetype.Font
	upm  fixed.Int26_6
	// runes are the characters shown, in Unicode order: runes[i] has CID
	// i+1. cid is the reverse.
	runes []rune
	cid   map[rune]uint16
	// gids and widths are each CID's glyph and advance (thousandths of an
	// em, rounded as the /W array states it: what a viewer moves by),
	// from CID 0 (.notdef) on.
	gids   []truetype.Index
	widths []int
}

// maxCIDs is how many characters one font may show: CIDs are two bytes.
const maxCIDs = 0xFFFF

// newPDFFont parses a subset and gives CIDs to the characters shown in it.
func newPDFFont(res, name string, data []byte, shown map[rune]bool) (*pdfFont, error) {
	ttf, err := fonts.ParseMetrics(data)
	if err != nil {
		return nil, say.Errorf("font %s: %v", name, err)
	}
	if ttf.FUnitsPerEm() <= 0 {
		return nil, say.Errorf("font %s: units per em is zero", name)
	}
	if len(shown) > maxCIDs {
		return nil, say.Errorf("font %s: %d different characters; a PDF font shows at most %d", name, len(shown), maxCIDs)
	}
	f := &pdfFont{res: res, ps: postScriptName(name, ttf), data: data, ttf: ttf, cff: fonts.Kind(data) == "otf-cff",
		upm: fixed.Int26_6(ttf.FUnitsPerEm()), cid: make(map[rune]uint16, len(shown))}
	for r := range shown {
		f.runes = append(f.runes, r)
	}
	sort.Slice(f.runes, func(a, b int) bool { return f.runes[a] < f.runes[b] })
	f.gids = make([]truetype.Index, len(f.runes)+1)
	f.widths = make([]int, len(f.runes)+1)
	for i := range f.gids {
		if i > 0 {
			f.cid[f.runes[i-1]] = uint16(i)
			f.gids[i] = ttf.Index(f.runes[i-1])
		}
		hm := ttf.HMetric(f.upm, f.gids[i]) // at scale upm: font units
		f.widths[i] = int(math.Round(1000 * float64(hm.AdvanceWidth) / float64(f.upm)))
	}
	return f, nil
}

// em is r's advance in ems, as the PDF has it; r is one of the characters
// shown.
func (f *pdfFont) em(r rune) float64 {
	return float64(f.widths[f.cid[r]]) / 1000
}

// appendHex appends the string of CIDs that shows the glyphs' characters:
// <0001000A…>.
func (f *pdfFont) appendHex(b []byte, gs []layout.Glyph) []byte {
	const digits = "0123456789ABCDEF"
	b = append(b, '<')
	for _, g := range gs {
		c := f.cid[g.R]
		b = append(b, digits[c>>12], digits[c>>8&15], digits[c>>4&15], digits[c&15])
	}
	return append(b, '>')
}

// encoded is what a font's objects hold, made ready apart from the file
// (fonts are encoded concurrently).
type encoded struct {
	name                      string // /TAG+PostScriptName
	desc                      descriptor
	program, gids, set, toUni []byte // deflated streams
}

// encode makes the font's streams. The font program, most of a PDF's
// bytes, is compressed at zlib's best speed: on the reference notice's
// five subsets (417 KB) the default level saved 11 KB (4 %) and took over
// twice as long.
func (f *pdfFont) encode() (*encoded, error) {
	d, err := describe(f.data)
	if err != nil {
		return nil, say.Errorf("font %s: %v", f.ps, err)
	}
	e := &encoded{name: "/" + f.tag() + "+" + f.ps, desc: d}
	program := f.data
	if f.cff {
		gids := make([]int, len(f.gids))
		for i, g := range f.gids {
			gids[i] = int(g)
		}
		if program, err = fonts.CIDFontProgram(f.data, gids); err != nil {
			return nil, say.Errorf("font %s: %v", f.ps, err)
		}
	}
	if e.program, err = deflate.Zlib(program, deflate.BestSpeed); err != nil {
		return nil, err
	}
	// CIDToGIDMap: two bytes, the glyph, for each CID from 0.
	gids := make([]byte, 2*len(f.gids))
	for i, g := range f.gids {
		binary.BigEndian.PutUint16(gids[2*i:], uint16(g))
	}
	if e.gids, err = zdeflate(gids); err != nil {
		return nil, err
	}
	if e.set, err = zdeflate(allCIDs(len(f.runes) + 1)); err != nil {
		return nil, err
	}
	if e.toUni, err = zdeflate(toUnicode(f.runes)); err != nil {
		return nil, err
	}
	return e, nil
}

// objects adds the font's objects to the file and returns the Type0
// font's number.
func (f *pdfFont) objects(pf *file, e *encoded) int {
	d := e.desc
	fontFile, subtype, gidMap := "/FontFile2", "/CIDFontType2", ""
	var fileNum int
	if f.cff {
		fontFile, subtype = "/FontFile3", "/CIDFontType0"
		fileNum = pf.addStream("/Filter /FlateDecode /Subtype /CIDFontType0C", e.program)
	} else {
		fileNum = pf.addStream("/Filter /FlateDecode /Length1 "+strconv.Itoa(len(f.data)), e.program)
	}
	setNum := pf.addStream("/Filter /FlateDecode", e.set)
	desc := pf.add(fmt.Sprintf("<</Type /FontDescriptor /FontName %s /Flags %d /FontBBox [%d %d %d %d] /ItalicAngle %s /Ascent %d /Descent %d /CapHeight %d /StemV %d %s %d 0 R /CIDSet %d 0 R>>\n",
		e.name, d.flags, d.bbox[0], d.bbox[1], d.bbox[2], d.bbox[3], strconv.FormatFloat(d.italic, 'f', -1, 64),
		d.ascent, d.descent, d.capHeight, d.stemV, fontFile, fileNum, setNum))
	if !f.cff { // a CFF program's glyph is its CID (fonts.CIDFontProgram)
		gidMap = " /CIDToGIDMap " + strconv.Itoa(pf.addStream("/Filter /FlateDecode", e.gids)) + " 0 R"
	}
	var wb strings.Builder
	wb.WriteString("[0 [")
	for i, v := range f.widths {
		if i > 0 {
			wb.WriteByte(' ')
		}
		wb.WriteString(strconv.Itoa(v))
	}
	wb.WriteString("]]")
	cidFont := pf.add(fmt.Sprintf("<</Type /Font /Subtype %s /BaseFont %s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /W %s%s>>\n",
		subtype, e.name, desc, wb.String(), gidMap))
	uniNum := pf.addStream("/Filter /FlateDecode", e.toUni)
	return pf.add(fmt.Sprintf("<</Type /Font /Subtype /Type0 /BaseFont %s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>\n",
		e.name, cidFont, uniNum))
}

// tag is six capital letters from a hash of the font program and the
// characters its CIDs stand for: the same subset always gets the same
// tag, different subsets almost surely different ones (PDF Reference
// §5.5.3, "Font Subsets").
func (f *pdfFont) tag() string {
	h := sha256.New()
	h.Write(f.data)
	var b [4]byte
	for _, r := range f.runes {
		binary.BigEndian.PutUint32(b[:], uint32(r))
		h.Write(b[:])
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}

// allCIDs is the CIDSet bit string of CIDs 0 … n-1, all of which the
// subset has: bit c counts from the first byte's high-order bit.
func allCIDs(n int) []byte {
	b := make([]byte, (n+7)/8)
	for i := range b {
		b[i] = 0xFF
	}
	if r := n % 8; r != 0 {
		b[len(b)-1] = 0xFF << (8 - r)
	}
	return b
}

// toUnicode is the CMap from CID i+1 to runes[i], as UTF-16BE, in blocks
// of at most 100 mappings (the limit a bfchar block has).
func toUnicode(runes []rune) []byte {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for start := 0; start < len(runes); start += 100 {
		block := runes[start:min(start+100, len(runes))]
		fmt.Fprintf(&b, "%d beginbfchar\n", len(block))
		for i, r := range block {
			fmt.Fprintf(&b, "<%04X> <", start+i+1)
			if r > 0xFFFF {
				hi, lo := 0xD800+((r-0x10000)>>10), 0xDC00+((r-0x10000)&0x3FF)
				fmt.Fprintf(&b, "%04X%04X", hi, lo)
			} else {
				fmt.Fprintf(&b, "%04X", r)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return []byte(b.String())
}

// descriptor holds a font descriptor's metrics, in thousandths of an em.
type descriptor struct {
	flags                      int
	bbox                       [4]int
	italic                     float64
	ascent, descent, capHeight int
	stemV                      int
}

// describe reads a font descriptor's values from the font's tables
// (OpenType specification 1.9: head, hhea, OS/2, post). The PDF Reference
// (§5.7.1, Table 5.19) lists them; StemV, which a TrueType font does not
// state, is estimated from the weight class, the heavier the wider.
func describe(data []byte) (descriptor, error) {
	u16 := func(b []byte, off int) int { return int(binary.BigEndian.Uint16(b[off:])) }
	i16 := func(b []byte, off int) int { return int(int16(binary.BigEndian.Uint16(b[off:]))) }
	tables, err := fonts.Tables(data)
	if err != nil {
		return descriptor{}, err
	}
	head, hhea := tables["head"], tables["hhea"]
	upm := u16(head, 18)
	if upm == 0 {
		return descriptor{}, say.New("units per em is zero")
	}
	em := func(v int) int { return int(math.Round(float64(v) * 1000 / float64(upm))) }
	d := descriptor{
		flags: 4, // symbolic: its characters are outside the standard Latin set
		bbox:  [4]int{em(i16(head, 36)), em(i16(head, 38)), em(i16(head, 40)), em(i16(head, 42))},
		// hhea's ascender and descender, as fpdf gave them before.
		ascent:  em(i16(hhea, 4)),
		descent: em(i16(hhea, 6)),
		stemV:   70,
	}
	d.capHeight = d.ascent
	if os2 := tables["OS/2"]; len(os2) >= 6 {
		weight := float64(u16(os2, 4))
		d.stemV = 50 + int(weight*weight/(65*65))
		if u16(os2, 0) >= 2 && len(os2) >= 90 {
			if c := i16(os2, 88); c > 0 {
				d.capHeight = em(c)
			}
		}
	}
	if post := tables["post"]; len(post) >= 16 {
		d.italic = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
		if d.italic != 0 {
			d.flags |= 64
		}
		if binary.BigEndian.Uint32(post[12:]) != 0 {
			d.flags |= 1 // fixed pitch
		}
	}
	return d, nil
}

// addStream appends a stream object with the given dictionary entries
// (besides /Length) and returns its number.
func (f *file) addStream(entries string, data []byte) int {
	n := len(f.order) + 1
	f.objs[n] = &object{num: n, body: streamBody(entries, data)}
	f.order = append(f.order, n)
	return n
}

// streamBody is a stream object's body: its dictionary, the entries given
// and /Length, and data.
func streamBody(entries string, data []byte) []byte {
	b := make([]byte, 0, len(data)+len(entries)+48)
	b = append(b, "<<"...)
	b = append(b, entries...)
	b = append(b, " /Length "...)
	b = strconv.AppendInt(b, int64(len(data)), 10)
	b = append(b, ">>\nstream\n"...)
	b = append(b, data...)
	return append(b, "\nendstream\n"...)
}

// pageFonts makes the embedded fonts of a document: one for each distinct
// font (fonts with the same name are one), in the order the pages first
// use them, each with every character the pages show in it.
func pageFonts(res *layout.Result, font func(format.Role) (string, []byte)) ([]*pdfFont, map[format.Role]*pdfFont, error) {
	type pending struct {
		name  string
		data  []byte
		shown map[rune]bool
	}
	var order []*pending
	byName := map[string]*pending{}
	roleOf := map[format.Role]*pending{}
	for _, p := range res.Pages {
		for _, t := range p.Texts {
			pd, ok := roleOf[t.Style.Role]
			if !ok {
				name, data := font(t.Style.Role)
				if pd = byName[name]; pd == nil {
					pd = &pending{name: name, data: data, shown: map[rune]bool{}}
					byName[name] = pd
					order = append(order, pd)
				}
				roleOf[t.Style.Role] = pd
			}
			for _, g := range t.Glyphs {
				pd.shown[g.R] = true
			}
		}
	}
	made := map[*pending]*pdfFont{}
	var out []*pdfFont
	for i, pd := range order {
		f, err := newPDFFont("G"+strconv.Itoa(i+1), pd.name, pd.data, pd.shown)
		if err != nil {
			return nil, nil, err
		}
		made[pd] = f
		out = append(out, f)
	}
	byRole := map[format.Role]*pdfFont{}
	for r, pd := range roleOf {
		byRole[r] = made[pd]
	}
	return out, byRole, nil
}
