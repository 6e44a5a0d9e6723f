package fonts

import "encoding/binary"

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
