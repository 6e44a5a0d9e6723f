package fonts

import (
	"encoding/binary"
	"sort"

	"gongwen/internal/say"

	"github.com/golang/freetype/truetype"
)

// validate checks what the TrueType parser and the renderers trust in a
// font's tables (ISO/IEC 14496-22, the OpenType specification): every
// table lies inside the file; the tables a TrueType font needs are there;
// the glyph count (maxp), the horizontal metrics (hhea, hmtx) and the
// glyph locations (loca, glyf) agree; and the character map sends no
// character past the last glyph. A damaged file is refused here, by name,
// instead of giving a PDF of empty boxes or a preview that panics.
//
// validate checks the tables before the parser reads them (its own
// messages say little: "bad hmtx length"), and returns the glyph count and
// the cmap table for checkCmap, which needs the parsed font.
//
// With outlines false it leaves out the walk of every glyph's outline, by
// far its longest part (some 20 ms for a font of 30,000 glyphs): for a
// font built into gongwen, and for a file found unchanged since it was
// walked (outlinesChecked).
func validate(data []byte, outlines bool) (glyphs int, cmap []byte, err error) {
	u16 := func(b []byte, off int) int { return int(binary.BigEndian.Uint16(b[off:])) }
	u32 := func(b []byte, off int) int64 { return int64(binary.BigEndian.Uint32(b[off:])) }
	if len(data) < 12 {
		return 0, nil, say.Errorf("the file is too short for a font")
	}
	n := u16(data, 4)
	if 12+16*n > len(data) {
		return 0, nil, say.Errorf("its table directory reaches past the end of the file: the file is damaged or cut short")
	}
	tables := map[string][]byte{}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off, length := u32(rec, 8), u32(rec, 12)
		if off+length > int64(len(data)) {
			return 0, nil, say.Errorf("its %q table reaches past the end of the file (%d bytes): the file is damaged or cut short", tag, len(data))
		}
		tables[tag] = data[off : off+length]
	}
	cff := Kind(data) == "otf-cff"
	for _, tag := range requiredTables(cff) {
		if _, ok := tables[tag]; !ok {
			if cff {
				return 0, nil, say.Errorf("it has no %q table, which an OpenType font with CFF outlines needs: the file is damaged", tag)
			}
			return 0, nil, say.Errorf("it has no %q table, which a TrueType font needs: the file is damaged", tag)
		}
	}
	maxp, head, hhea := tables["maxp"], tables["head"], tables["hhea"]
	if len(maxp) < 6 || len(head) < 54 || len(hhea) < 36 {
		return 0, nil, say.Errorf("its maxp, head or hhea table is too short: the file is damaged")
	}
	glyphs = u16(maxp, 4)
	if glyphs == 0 {
		return 0, nil, say.Errorf("it has no glyphs: the file is damaged")
	}
	metrics := u16(hhea, 34)
	if metrics == 0 || metrics > glyphs || len(tables["hmtx"]) != 4*metrics+2*(glyphs-metrics) {
		return 0, nil, say.Errorf("its widths (hhea, hmtx: %d) do not fit its %d glyphs: the file is damaged", metrics, glyphs)
	}
	if cff {
		return glyphs, tables["cmap"], validateCFF(tables["CFF "], glyphs, outlines)
	}
	loca, glyf := tables["loca"], tables["glyf"]
	at := func(i int) int64 { return int64(u16(loca, 2*i)) * 2 }
	size := 2
	if u16(head, 50) == 1 {
		at, size = func(i int) int64 { return u32(loca, 4*i) }, 4
	}
	if len(loca) < (glyphs+1)*size {
		return 0, nil, say.Errorf("its glyph locations (loca) are fewer than its %d glyphs: the file is damaged", glyphs)
	}
	for i, prev := 0, int64(0); i <= glyphs; i++ {
		o := at(i)
		if o < prev || o > int64(len(glyf)) {
			return 0, nil, say.Errorf("the outline of its glyph %d lies outside its glyph table (glyf): the file is damaged or cut short", i)
		}
		prev = o
	}
	for i := 0; outlines && i < glyphs; i++ {
		if !glyphFits(glyf[at(i):at(i+1)], glyphs) {
			return 0, nil, say.Errorf("the outline of its glyph %d is damaged: it reaches past its own end, or names a glyph the font lacks", i)
		}
	}
	return glyphs, tables["cmap"], nil
}

// requiredTables are the tables a font must have: a TrueType font's, or
// an OpenType font's with CFF outlines (the CFF table instead of loca and
// glyf).
func requiredTables(cff bool) []string {
	if cff {
		return []string{"CFF ", "cmap", "head", "hhea", "hmtx", "maxp"}
	}
	return []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"}
}

// validateCFF checks a CFF table (cff.go) as validate checks loca and
// glyf: its structure always, each glyph's charstring when outlines is
// true.
func validateCFF(table []byte, glyphs int, outlines bool) (err error) {
	defer func() {
		if r := recover(); r != nil { // a case the walk missed: a refusal, never a crash
			err = say.Errorf("its CFF table is damaged: %v", r)
		}
	}()
	c, err := parseCFF(table, glyphs)
	if err != nil || !outlines {
		return err
	}
	return c.walkAll()
}

// coordSize is the bytes of a point's x coordinate by its flag bits 0x02
// (short) and 0x10 (same, or positive when short): 2, none, or 1.
var coordSize = [0x13]int{0x00: 2, 0x02: 1, 0x10: 0, 0x12: 1}

// glyphFits walks one glyph's outline as the rasteriser will read it
// (the OpenType glyf table): a simple glyph's contour ends, instructions,
// flags and coordinates lie inside its record and its contours do not run
// backwards; a composite glyph's components lie inside it and name glyphs
// the font has. One glyph whose bytes were changed would otherwise build,
// and make the preview fail on an index out of range.
func glyphFits(g []byte, glyphs int) bool {
	u16 := func(off int) int { return int(binary.BigEndian.Uint16(g[off:])) }
	if len(g) < 10 {
		return true // the rasteriser takes it for an empty glyph
	}
	n := int(int16(u16(0)))
	if n < 0 { // composite
		for off := 10; ; {
			if off+4 > len(g) {
				return false
			}
			flags, component := u16(off), u16(off+2)
			size := 4 + 2
			if flags&argsAreWords != 0 {
				size = 4 + 4
			}
			switch {
			case flags&haveScale != 0:
				size += 2
			case flags&haveXYScale != 0:
				size += 4
			case flags&haveTwoByTwo != 0:
				size += 8
			}
			if component >= glyphs || off+size > len(g) {
				return false
			}
			off += size
			if flags&moreComponents == 0 {
				return true
			}
		}
	}
	if 10+2*n+2 > len(g) {
		return false
	}
	points := 0
	for k := 0; k < n; k++ {
		end := u16(10+2*k) + 1
		if end < points {
			return false
		}
		points = end
	}
	off := 12 + 2*n + u16(10+2*n) // after the instructions
	coords := 0
	for p := 0; p < points; {
		if off >= len(g) {
			return false
		}
		flag := g[off]
		off++
		count := 1
		if flag&8 != 0 { // repeated
			if off >= len(g) {
				return false
			}
			count += int(g[off])
			off++
		}
		count = min(count, points-p) // the rasteriser reads coordinates for points only
		p += count
		coords += count * (coordSize[flag&0x12] + coordSize[(flag&0x24)>>1])
	}
	return off+coords <= len(g)
}

// checkCmap refuses a character map that sends a character of the BMP
// past the last glyph: the character check would pass, and the PDF show an
// empty box. The subtable the parser uses is walked segment by segment
// (cmap.go); one whose segments are out of order is asked about each
// character, as the parser would be.
func checkCmap(ttf *truetype.Font, cmap []byte, glyphs int) error {
	check := func(r rune, g int) error {
		if g == outside {
			return say.Errorf("its character map sends U+%04X outside itself: the file is damaged", r)
		}
		if g >= glyphs {
			return say.Errorf("its character map sends U+%04X to glyph %d, but it has only %d glyphs: the file is damaged", r, g, glyphs)
		}
		return nil
	}
	if m, ok := readCharMap(cmap); ok {
		return m.each(check)
	}
	for r := rune(0); r <= 0xFFFF; r++ {
		if err := check(r, parserIndex(ttf, r)); err != nil {
			return err
		}
	}
	return nil
}

// astralMap reads and checks the font's map of characters above the BMP
// (cmap.go): its format 12 groups that cover them, nil when it has none.
func astralMap(cmap []byte, glyphs int) ([]byte, error) {
	groups, err := wideGroups(cmap)
	if err != nil || groups == nil {
		return nil, err
	}
	return checkWide(groups, glyphs)
}

// parserIndex is the parser's glyph for r, or outside where its lookup panics
// (a glyph index array entry past the table).
func parserIndex(ttf *truetype.Font, r rune) (g int) {
	defer func() {
		if recover() != nil {
			g = outside
		}
	}()
	return int(ttf.Index(r))
}

// checkDirectory checks the table directory entry by entry: the tags in
// order, each once, and the bytes of each table the widths and glyphs
// come from against the checksum its entry records, as the OpenType
// specification defines it (the head table by its magic number). One changed byte in an
// entry, an offset or a length that still lies inside the file, would
// have the widths read from the wrong place; the structure checks above
// cannot see it, the checksum does. It runs after validate, so that a
// font whose structure is damaged gets validate's message, and before the
// parser, whose messages say little ("bad hmtx length").
func checkDirectory(data []byte, sums bool) error {
	be := binary.BigEndian
	n := int(be.Uint16(data[4:]))
	cff := Kind(data) == "otf-cff" // its maxp is version 0.5: six bytes
	prev := ""
	type span struct {
		tag         string
		start, stop int64
	}
	var spans []span
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		if tag <= prev {
			return say.Errorf("its table directory lists %q after %q: the tags are out of order, the file is damaged", tag, prev)
		}
		prev = tag
		off, length := int64(be.Uint32(rec[8:])), int64(be.Uint32(rec[12:]))
		table := data[off : off+length] // inside the file: validate checked
		switch {
		case tag == "head":
			// Its checksum is often stale in fonts that work (a tool
			// changed a date in it): its magic number shows it is where
			// the entry says.
			if length < 16 || be.Uint32(table[12:]) != 0x5F0F3CF5 {
				return say.Errorf("its %q table is not where its table directory says: the file is damaged", tag)
			}
		case sums && checksummed[tag] && checksum(table) != be.Uint32(rec[4:]):
			return say.Errorf("its %q table does not match the checksum its table directory records: the file is damaged", tag)
		}
		if want, ok := fixedLength[tag]; ok && length != want && !(cff && tag == "maxp" && length == 6) {
			return say.Errorf("its %q table is %d bytes long, not %d: the file is damaged", tag, length, want)
		}
		spans = append(spans, span{tag, off, off + length})
	}
	// No table runs into another (two entries may share one table).
	sort.Slice(spans, func(a, b int) bool { return spans[a].start < spans[b].start })
	for i := 1; i < len(spans); i++ {
		p, q := spans[i-1], spans[i]
		if q.start < p.stop && (q.start != p.start || q.stop != p.stop) {
			return say.Errorf("its %q and %q tables overlap: the file is damaged", p.tag, q.tag)
		}
	}
	return nil
}

// checksummed are the tables whose checksums are checked: those the
// widths, the characters' glyphs and their outlines are read from. Other
// tables' checksums are left alone, as readers leave them: some fonts in
// use carry stale ones (WenQuanYi Zen Hei's head).
var checksummed = map[string]bool{"CFF ": true, "cmap": true, "glyf": true, "hhea": true, "hmtx": true, "loca": true, "maxp": true}

// fixedLength are the lengths of the tables the TrueType parser reads
// whole: head, hhea and maxp (version 1.0, the one a TrueType font has;
// a font with CFF outlines has version 0.5, six bytes, and the parser is
// given a copy of its metrics instead: metricsView).
var fixedLength = map[string]int64{"head": 54, "hhea": 36, "maxp": 32}
