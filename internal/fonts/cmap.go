package fonts

import (
	"encoding/binary"

	"gongwen/internal/say"
)

// charMap is the character-map subtable the TrueType parser
// (github.com/golang/freetype/truetype) maps characters with, read the way
// it reads it (parseSubtables, parseCmap), so that the character map can
// be checked segment by segment instead of by asking the parser for each
// of the 65,536 characters of the BMP, five fonts a process.
type charMap struct {
	segs []cmapSeg
	// indexes is the subtable from the end of its idRangeOffset array: a
	// format 4 segment's glyph index array entries are read from here.
	indexes []byte
}

// cmapSeg is a segment (format 4) or a group (format 12), as the parser
// keeps it: for a character c from start to end, the glyph is c + delta
// (16 bits) when offset is 0, else the glyph index array entry offset
// bytes on from the segment's own idRangeOffset.
type cmapSeg struct{ start, end, delta, offset uint32 }

// readCharMap reads the subtable the parser chose from the cmap table.
// It returns false when the subtable is not one whose segments can be
// walked in order with the same result as the parser's lookup: anything
// the parser refuses, and segments out of order or overlapping, for which
// its binary search gives what it finds, not what the table means.
func readCharMap(cmap []byte) (*charMap, bool) {
	be := binary.BigEndian
	u16 := func(off int) uint32 { return uint32(be.Uint16(cmap[off:])) }
	u32 := func(off int) uint32 { return be.Uint32(cmap[off:]) }
	if len(cmap) < 4 {
		return nil, false
	}
	n := int(u16(2))
	if len(cmap) < 4+8*n {
		return nil, false
	}
	// The first Unicode (platform 0, encoding 3 or 4) encoding record,
	// else the last Microsoft one (platform 3, encoding 0, 1 or 10).
	best := -1
	for i := 0; i < n; i++ {
		rec := 4 + 8*i
		id := u32(rec)
		if id == 0x00000003 || id == 0x00000004 {
			best = rec
			break
		}
		if id == 0x00030000 || id == 0x00030001 || id == 0x0003000a {
			best = rec
		}
	}
	if best < 0 {
		return nil, false
	}
	sub := int(u32(best + 4))
	if sub <= 0 || sub+16 > len(cmap) {
		return nil, false
	}
	m := &charMap{}
	switch u16(sub) {
	case 4:
		segs := int(u16(sub+6)) / 2
		if u16(sub+4) != 0 || u16(sub+6)%2 != 0 || sub+14+8*segs+2 > len(cmap) {
			return nil, false
		}
		ends := sub + 14
		starts := ends + 2*segs + 2
		deltas := starts + 2*segs
		offsets := deltas + 2*segs
		m.segs = make([]cmapSeg, segs)
		for i := range m.segs {
			m.segs[i] = cmapSeg{u16(starts + 2*i), u16(ends + 2*i), u16(deltas + 2*i), u16(offsets + 2*i)}
		}
		m.indexes = cmap[offsets+2*segs:]
	case 12:
		groups := int(u32(sub + 12))
		if u16(sub+2) != 0 || u32(sub+8) != 0 || int64(u32(sub+4)) != 12*int64(groups)+16 || sub+16+12*groups > len(cmap) {
			return nil, false
		}
		m.segs = make([]cmapSeg, groups)
		for i := range m.segs {
			g := sub + 16 + 12*i
			m.segs[i] = cmapSeg{start: u32(g), end: u32(g + 4), delta: u32(g+8) - u32(g)}
		}
	default:
		return nil, false
	}
	for i, s := range m.segs {
		if s.start > s.end || i > 0 && m.segs[i-1].end >= s.start {
			return nil, false
		}
	}
	return m, true
}

// outside is the glyph each reports for a character whose glyph index
// array entry lies outside the subtable (where the parser's lookup would
// panic).
const outside = -1

// each calls f, in order, with every character of the BMP that a segment
// covers and the glyph the parser's lookup gives it (0 for a character no
// segment covers, which f is not called with), or outside; it stops at the
// first error f returns.
func (m *charMap) each(f func(r rune, glyph int) error) error {
	for h, s := range m.segs {
		if s.start > 0xFFFF {
			break
		}
		for c := s.start; c <= min(s.end, 0xFFFF); c++ {
			g := int(uint16(c + s.delta))
			if s.offset != 0 {
				// As the parser reads it: offset bytes on from the
				// segment's idRangeOffset, that is from the start of
				// indexes less the idRangeOffsets after it.
				at := int(s.offset) + 2*(h-len(m.segs)+int(c-s.start))
				g = outside
				if at >= 0 && at+2 <= len(m.indexes) {
					g = int(binary.BigEndian.Uint16(m.indexes[at:]))
				}
			}
			if err := f(rune(c), g); err != nil {
				return err
			}
		}
	}
	return nil
}

// Characters above the BMP (U+10000 to U+10FFFF: CJK Extension B and on,
// the rare characters of names and places) are mapped by a format 12
// subtable (OpenType specification 1.9, "cmap — Character to Glyph Index
// Mapping Table", format 12 "Segmented coverage"), under platform 0
// encoding 4 or 6, or platform 3 encoding 10. A font may carry it beside
// a format 4 subtable that the TrueType parser prefers (it takes the first
// Unicode record, and a font's records are sorted, so (0, 3) comes before
// (0, 4)): the parser then knows nothing above the BMP. The fonts package
// therefore looks characters above the BMP up itself, in the format 12
// subtable the parser would choose among those records.
const (
	firstAstral = 0x10000
	lastRune    = 0x10FFFF
)

// wideGroups returns the groups of the font's format 12 subtable, 12 bytes
// each (startCharCode, endCharCode, startGlyphID), or nil when it has none.
// An error says what is wrong with a subtable whose header does not fit
// the table.
func wideGroups(cmap []byte) ([]byte, error) {
	best := wideRecord(cmap)
	if best < 0 {
		return nil, nil
	}
	be := binary.BigEndian
	sub := int64(be.Uint32(cmap[best+4:]))
	if sub+16 > int64(len(cmap)) {
		return nil, say.Errorf("its character map's format 12 subtable is cut short: the file is damaged")
	}
	groups := int64(be.Uint32(cmap[sub+12:]))
	if sub+16+12*groups > int64(len(cmap)) {
		return nil, say.Errorf("its character map's format 12 subtable has %d groups, more than fit in it: the file is damaged", groups)
	}
	return cmap[sub+16 : sub+16+12*groups], nil
}

// wideRecord is the offset in cmap of the encoding record of the format 12
// subtable, -1 for none. Among several, the first under platform 0 is
// taken, else the last under platform 3, as the parser chooses.
func wideRecord(cmap []byte) int {
	be := binary.BigEndian
	if len(cmap) < 4 {
		return -1
	}
	n := int(be.Uint16(cmap[2:]))
	if len(cmap) < 4+8*n {
		return -1
	}
	best := -1
	for i := 0; i < n; i++ {
		rec := 4 + 8*i
		id := be.Uint32(cmap[rec:])
		if id != 0x00000004 && id != 0x00000006 && id != 0x0003000a {
			continue
		}
		sub := int64(be.Uint32(cmap[rec+4:]))
		if sub+2 > int64(len(cmap)) || be.Uint16(cmap[sub:]) != 12 {
			continue
		}
		best = rec
		if id>>16 == 0 {
			break
		}
	}
	return best
}

// AstralView is font data whose character map, as the TrueType parser
// (golang/freetype) reads it, is the format 12 subtable the fonts package
// reads characters above the BMP from: a copy of data with every other
// encoding record renamed to an encoding no reader knows (platform 0xFFFF),
// so that a renderer drawing with the parser finds those characters too.
// It is data itself when the font has no such subtable or no other record;
// a copy is made only for fonts that draw characters above the BMP, when
// one is drawn. data must be a font Open accepted.
func AstralView(data []byte) []byte {
	s, err := parseSfnt(data)
	if err != nil {
		return data
	}
	cmap := s.tables["cmap"]
	best := wideRecord(cmap)
	if best < 0 {
		return data
	}
	at := -1 // where cmap lies in data
	for i := 0; i < int(binary.BigEndian.Uint16(data[4:])); i++ {
		if rec := data[12+16*i:]; string(rec[:4]) == "cmap" {
			at = int(binary.BigEndian.Uint32(rec[8:]))
		}
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	if n == 1 || at < 0 {
		return data
	}
	out := append([]byte(nil), data...)
	for i := 0; i < n; i++ {
		if rec := 4 + 8*i; rec != best {
			binary.BigEndian.PutUint16(out[at+rec:], 0xFFFF)
		}
	}
	return out
}

// checkWide refuses format 12 groups that send a character above the BMP
// past the last glyph, or whose part above the BMP is out of order or not
// in one run (the lookup searches them by halves), and returns that part.
// Each group is checked whole, not character by character: a damaged
// group may span four billion codes.
func checkWide(groups []byte, glyphs int) ([]byte, error) {
	be := binary.BigEndian
	from, to := -1, -1 // the groups above the BMP: groups[from:to]
	prevEnd := int64(-1)
	for i := 0; i+12 <= len(groups); i += 12 {
		start, end := int64(be.Uint32(groups[i:])), int64(be.Uint32(groups[i+4:]))
		first := int64(be.Uint32(groups[i+8:]))
		if end < firstAstral || start > lastRune {
			continue
		}
		if start > end || start <= prevEnd || to >= 0 && to != i {
			return nil, say.Errorf("its character map's groups above U+FFFF are out of order at U+%04X: the file is damaged", start)
		}
		if from < 0 {
			from = i
		}
		prevEnd, to = end, i+12
		lo, hi := max(start, firstAstral), min(end, lastRune)
		// The glyph grows by one a character from first at start: the
		// first character past the glyphs, if the group reaches it.
		bad := lo
		if first < int64(glyphs) {
			bad = max(lo, start+int64(glyphs)-first)
		}
		if bad <= hi {
			return nil, say.Errorf("its character map sends U+%04X to glyph %d, but it has only %d glyphs: the file is damaged", bad, first+bad-start, glyphs)
		}
	}
	if from < 0 {
		return nil, nil
	}
	return groups[from:to], nil
}

// wideIndex is r's glyph in groups checked by checkWide (0 for none).
func wideIndex(groups []byte, r rune) uint16 {
	be := binary.BigEndian
	c := uint32(r)
	lo, hi := 0, len(groups)/12
	for lo < hi {
		h := lo + (hi-lo)/2
		g := groups[12*h:]
		start, end := be.Uint32(g), be.Uint32(g[4:])
		switch {
		case c < start:
			hi = h
		case c > end:
			lo = h + 1
		default:
			return uint16(be.Uint32(g[8:]) + c - start)
		}
	}
	return 0
}
