package fonts

import (
	"encoding/binary"
	"sort"

	"gongwen/internal/say"
)

// Subset returns a TrueType font holding only the glyphs for runes (and
// .notdef, and the components of composite glyphs), renumbered from 0 in the
// order of the original glyph IDs. The PDF library parses every font it is
// given in full; a 6–10 MB CJK font cut down to the few hundred characters of
// a document parses in a fraction of the time and memory, and the bytes it
// embeds are the same glyphs.
//
// The tables follow the OpenType specification (Microsoft Typography,
// "OpenType Specification 1.9", chapters head, hhea, maxp, hmtx, loca, glyf,
// cmap, post): glyf and loca are rebuilt with long offsets, hmtx with one
// full metric per glyph, cmap as a format 4 subtable (Windows, Unicode
// BMP) and, when a character lies above the BMP, a format 12 subtable
// (Windows, Unicode full repertoire) of every character after it, post as
// format 3 (no glyph names). Other tables the PDF
// library reads (name, OS/2) and the hinting tables (cvt, fpgm, prep) are
// copied as they are; everything else (GSUB, GPOS, kern, …) is dropped.
//
// A font with CFF outlines gives an OpenType font of the same tables and a
// CID-keyed CFF table of the kept glyphs (subsetCFF).
func (f *Font) Subset(runes []rune) ([]byte, error) {
	index := func(r rune) int { return int(f.index(r)) }
	if Kind(f.Data) == "otf-cff" {
		c, err := f.cffTable()
		if err != nil {
			return nil, err
		}
		return subsetCFF(f.Data, c, runes, index)
	}
	return subsetTrueType(f.Data, runes, index)
}

// sfnt is a parsed table directory.
type sfnt struct {
	data   []byte
	tables map[string][]byte
}

func parseSfnt(data []byte) (*sfnt, error) {
	if len(data) < 12 {
		return nil, say.New("file too short")
	}
	n := int(binary.BigEndian.Uint16(data[4:]))
	if len(data) < 12+16*n {
		return nil, say.New("table directory truncated")
	}
	s := &sfnt{data: data, tables: map[string][]byte{}}
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		tag := string(rec[:4])
		off := int(binary.BigEndian.Uint32(rec[8:]))
		length := int(binary.BigEndian.Uint32(rec[12:]))
		if off < 0 || length < 0 || off+length > len(data) || off+length < off {
			return nil, say.Errorf("table %q lies outside the file", tag)
		}
		s.tables[tag] = data[off : off+length]
	}
	for _, tag := range requiredTables(Kind(data) == "otf-cff") {
		if _, ok := s.tables[tag]; !ok {
			return nil, say.Errorf("no %q table", tag)
		}
	}
	if len(s.tables["head"]) < 54 || len(s.tables["hhea"]) < 36 || len(s.tables["maxp"]) < 6 {
		return nil, say.New("head, hhea or maxp table truncated")
	}
	return s, nil
}

// Tables is a font's tables by tag, each inside the file; the tables
// every TrueType font needs (head, hhea, maxp, hmtx, loca, glyf, cmap), or
// a font with CFF outlines (CFF instead of loca and glyf), are there, and
// head, hhea and maxp long enough to read.
func Tables(data []byte) (map[string][]byte, error) {
	s, err := parseSfnt(data)
	if err != nil {
		return nil, err
	}
	return s.tables, nil
}

// glyphRange returns where glyph gid's outline lies in glyf.
func (s *sfnt) glyphRange(gid, numGlyphs int) (int, int, error) {
	loca := s.tables["loca"]
	long := binary.BigEndian.Uint16(s.tables["head"][50:]) == 1
	var a, b int
	if long {
		if 4*(gid+2) > len(loca) {
			return 0, 0, say.New("loca truncated")
		}
		a = int(binary.BigEndian.Uint32(loca[4*gid:]))
		b = int(binary.BigEndian.Uint32(loca[4*gid+4:]))
	} else {
		if 2*(gid+2) > len(loca) {
			return 0, 0, say.New("loca truncated")
		}
		a = 2 * int(binary.BigEndian.Uint16(loca[2*gid:]))
		b = 2 * int(binary.BigEndian.Uint16(loca[2*gid+2:]))
	}
	if a > b || b > len(s.tables["glyf"]) {
		return 0, 0, say.Errorf("glyph %d lies outside glyf", gid)
	}
	return a, b, nil
}

// Composite glyph flags (OpenType glyf table, "Composite glyph description").
const (
	argsAreWords    = 0x0001
	haveScale       = 0x0008
	moreComponents  = 0x0020
	haveXYScale     = 0x0040
	haveTwoByTwo    = 0x0080
	compositeHeader = 10
)

// components calls fn with the offset (within the glyph) of each component
// glyph index of a composite glyph.
func components(g []byte, fn func(at int)) error {
	if len(g) < compositeHeader || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return nil // empty or simple
	}
	p := compositeHeader
	for {
		if p+4 > len(g) {
			return say.New("composite glyph truncated")
		}
		flags := binary.BigEndian.Uint16(g[p:])
		fn(p + 2)
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

// subsetPlan is what a subset keeps: the characters it maps and the
// glyphs, renumbered from 0 in the order of their original IDs.
type subsetPlan struct {
	cmap  []mapping // by character
	old   []int     // the kept glyphs, in order: new glyph i is old[i]
	newID []uint16  // by old glyph; 0 for one not kept
}

func subsetTrueType(data []byte, runes []rune, index func(rune) int) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil { // a damaged font: report, never crash
			out, err = nil, say.Errorf("cannot subset font: %v", r)
		}
	}()
	s, err := parseSfnt(data)
	if err != nil {
		return nil, err
	}
	p, err := planSubset(s, runes, index, s.components)
	if err != nil {
		return nil, err
	}
	glyf, loca, err := s.glyfLoca(p)
	if err != nil {
		return nil, err
	}
	tables, err := s.subsetTables(p)
	if err != nil {
		return nil, err
	}
	tables["glyf"], tables["loca"] = glyf, loca
	for _, tag := range []string{"cvt ", "fpgm", "prep"} { // hinting
		if t, ok := s.tables[tag]; ok {
			tables[tag] = t
		}
	}
	binary.BigEndian.PutUint16(tables["head"][50:], 1) // indexToLocFormat: long offsets
	return writeSfnt(tables), nil
}

// planSubset chooses the glyphs of a subset: .notdef, each rune's, and
// the glyphs those need (more, when not nil, calls add with each: a
// composite glyph's components).
func planSubset(s *sfnt, runes []rune, index func(rune) int, more func(g int, add func(int)) error) (*subsetPlan, error) {
	numGlyphs := int(binary.BigEndian.Uint16(s.tables["maxp"][4:]))
	keep := make([]bool, max(numGlyphs, 1))
	keep[0] = true
	var queue []int
	add := func(g int) {
		if g < numGlyphs && !keep[g] {
			keep[g] = true
			queue = append(queue, g)
		}
	}
	p := &subsetPlan{}
	for _, r := range runes {
		if r < 0 || r > lastRune {
			continue
		}
		g := index(r)
		if g <= 0 || g >= numGlyphs {
			continue
		}
		p.cmap = append(p.cmap, mapping{r, g})
		add(g)
	}
	for more != nil && len(queue) > 0 {
		g := queue[0]
		queue = queue[1:]
		if err := more(g, add); err != nil {
			return nil, err
		}
	}
	sort.Slice(p.cmap, func(a, b int) bool { return p.cmap[a].r < p.cmap[b].r })
	for g, k := range keep {
		if k {
			p.old = append(p.old, g)
		}
	}
	p.newID = make([]uint16, len(keep))
	for i, g := range p.old {
		p.newID[g] = uint16(i)
	}
	return p, nil
}

// components adds the components of glyph g, if it is composite.
func (s *sfnt) components(g int, add func(int)) error {
	numGlyphs := int(binary.BigEndian.Uint16(s.tables["maxp"][4:]))
	a, b, err := s.glyphRange(g, numGlyphs)
	if err != nil {
		return err
	}
	glyph := s.tables["glyf"][a:b]
	return components(glyph, func(at int) { add(int(binary.BigEndian.Uint16(glyph[at:]))) })
}

// glyfLoca makes the subset's glyf and loca, with composite components
// renumbered; glyf made at its size (grown by appending, it was most of
// what a subset allocated).
func (s *sfnt) glyfLoca(p *subsetPlan) (glyf, loca []byte, err error) {
	be := binary.BigEndian
	numGlyphs := int(be.Uint16(s.tables["maxp"][4:]))
	ranges := make([][2]int, len(p.old))
	size := 0
	for i, g := range p.old {
		a, b, err := s.glyphRange(g, numGlyphs)
		if err != nil {
			return nil, nil, err
		}
		ranges[i] = [2]int{a, b}
		size += (b - a + 3) &^ 3
	}
	glyf = make([]byte, 0, size)
	loca = make([]byte, 4*(len(p.old)+1))
	for i, r := range ranges {
		be.PutUint32(loca[4*i:], uint32(len(glyf)))
		glyf = append(glyf, s.tables["glyf"][r[0]:r[1]]...)
		glyph := glyf[len(glyf)-(r[1]-r[0]):]
		if err := components(glyph, func(at int) {
			if c := int(be.Uint16(glyph[at:])); c < len(p.newID) {
				be.PutUint16(glyph[at:], p.newID[c])
			} else {
				be.PutUint16(glyph[at:], 0)
			}
		}); err != nil {
			return nil, nil, err
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	be.PutUint32(loca[4*len(p.old):], uint32(len(glyf)))
	return glyf, loca, nil
}

// hmtx makes the subset's horizontal metrics: one full metric per kept
// glyph.
func (s *sfnt) hmtx(p *subsetPlan) ([]byte, error) {
	be := binary.BigEndian
	hmtx := s.tables["hmtx"]
	nMetrics := int(be.Uint16(s.tables["hhea"][34:]))
	if nMetrics < 1 || 4*nMetrics > len(hmtx) {
		return nil, say.New("hmtx truncated")
	}
	out := make([]byte, 4*len(p.old))
	for i, g := range p.old {
		var adv, lsb uint16
		if g < nMetrics {
			adv, lsb = be.Uint16(hmtx[4*g:]), be.Uint16(hmtx[4*g+2:])
		} else {
			adv = be.Uint16(hmtx[4*(nMetrics-1):])
			if p := 4*nMetrics + 2*(g-nMetrics); p+2 <= len(hmtx) {
				lsb = be.Uint16(hmtx[p:])
			}
		}
		be.PutUint16(out[4*i:], adv)
		be.PutUint16(out[4*i+2:], lsb)
	}
	return out, nil
}

// subsetTables makes the tables every subset has, whatever its outlines:
// head, hhea, maxp and hmtx for the kept glyphs, cmap for the kept
// characters, post without glyph names, name and OS/2 as they are.
func (s *sfnt) subsetTables(p *subsetPlan) (map[string][]byte, error) {
	be := binary.BigEndian
	hmtx, err := s.hmtx(p)
	if err != nil {
		return nil, err
	}
	head := append([]byte(nil), s.tables["head"]...)
	be.PutUint32(head[8:], 0) // checkSumAdjustment, set by writeSfnt
	hhea := append([]byte(nil), s.tables["hhea"]...)
	be.PutUint16(hhea[34:], uint16(len(p.old)))
	maxp := append([]byte(nil), s.tables["maxp"]...)
	be.PutUint16(maxp[4:], uint16(len(p.old)))
	tables := map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx,
		"cmap": cmapTable(p.cmap, p.newID), "post": post3(s.tables["post"]),
	}
	for _, tag := range []string{"name", "OS/2"} {
		if t, ok := s.tables[tag]; ok {
			tables[tag] = t
		}
	}
	return tables, nil
}

// subsetCFF is subsetTrueType for a font with CFF outlines: the same
// tables, and a CFF table of the kept glyphs (cffwrite.go) instead of glyf
// and loca.
func subsetCFF(data []byte, c *cffFont, runes []rune, index func(rune) int) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, say.Errorf("cannot subset font: %v", r)
		}
	}()
	s, err := parseSfnt(data)
	if err != nil {
		return nil, err
	}
	p, err := planSubset(s, runes, index, nil)
	if err != nil {
		return nil, err
	}
	tables, err := s.subsetTables(p)
	if err != nil {
		return nil, err
	}
	if tables["CFF "], err = c.subset(p.old); err != nil {
		return nil, err
	}
	return writeSfnt(tables), nil
}

// mapping is a character and its glyph in the font.
type mapping struct {
	r rune
	g int
}

// cmapTable builds a cmap table: a Windows Unicode BMP subtable in format
// 4 and, if a character lies above the BMP, a Windows Unicode full
// repertoire subtable in format 12 holding every character (the
// specification asks it to be a superset of the format 4 one; the TrueType
// parser, taking the last Windows record, then reads the format 12 one).
// cmap is in the order of the characters (a character given twice maps to
// the same glyph).
func cmapTable(cmap []mapping, newID []uint16) []byte {
	be := binary.BigEndian
	sub4 := cmap4(cmap, newID)
	wide := len(cmap) > 0 && cmap[len(cmap)-1].r > 0xFFFF
	n := 1
	if wide {
		n = 2
	}
	t := make([]byte, 4+8*n, 4+8*n+len(sub4))
	be.PutUint16(t[2:], uint16(n))
	be.PutUint16(t[4:], 3)             // platform Windows
	be.PutUint16(t[6:], 1)             // encoding Unicode BMP
	be.PutUint32(t[8:], uint32(4+8*n)) // its offset
	t = append(t, sub4...)
	if wide {
		be.PutUint16(t[12:], 3)              // platform Windows
		be.PutUint16(t[14:], 10)             // encoding Unicode full repertoire
		be.PutUint32(t[16:], uint32(len(t))) // its offset
		t = append(t, cmap12(cmap, newID)...)
	}
	return t
}

// runs are a character map's runs of consecutive characters with
// consecutive glyphs: a format 4 segment, a format 12 group.
type run struct{ start, end, glyph int }

func runs(cmap []mapping, newID []uint16, below int) []run {
	var rs []run
	for i, m := range cmap {
		if i > 0 && cmap[i-1].r == m.r {
			continue
		}
		r, g := int(m.r), int(newID[m.g])
		if r > below {
			break
		}
		if n := len(rs); n > 0 && rs[n-1].end == r-1 && rs[n-1].glyph+r-rs[n-1].start == g {
			rs[n-1].end = r
			continue
		}
		rs = append(rs, run{r, r, g})
	}
	return rs
}

// cmap4 is the format 4 subtable of the characters of the BMP, one
// segment a run.
func cmap4(cmap []mapping, newID []uint16) []byte {
	segs := append(runs(cmap, newID, 0xFFFF), run{0xFFFF, 0xFFFF, 0}) // the required final segment
	n := len(segs)
	sub := make([]byte, 16+8*n)
	be := binary.BigEndian
	be.PutUint16(sub[0:], 4)
	be.PutUint16(sub[2:], uint16(len(sub)))
	be.PutUint16(sub[6:], uint16(2*n))
	search := 1
	for search*2 <= n {
		search *= 2
	}
	be.PutUint16(sub[8:], uint16(2*search))
	be.PutUint16(sub[10:], uint16(log2(search)))
	be.PutUint16(sub[12:], uint16(2*n-2*search))
	for i, sg := range segs {
		be.PutUint16(sub[14+2*i:], uint16(sg.end))
		be.PutUint16(sub[16+2*n+2*i:], uint16(sg.start))
		// idDelta, modulo 65536: glyph = character + delta. The final
		// segment's delta 1 maps U+FFFF to glyph 0.
		be.PutUint16(sub[16+4*n+2*i:], uint16(sg.glyph-sg.start))
		// idRangeOffset stays 0.
	}
	return sub
}

// cmap12 is the format 12 subtable of every character, one group a run.
func cmap12(cmap []mapping, newID []uint16) []byte {
	groups := runs(cmap, newID, lastRune)
	be := binary.BigEndian
	sub := make([]byte, 16+12*len(groups))
	be.PutUint16(sub[0:], 12)
	be.PutUint32(sub[4:], uint32(len(sub)))
	be.PutUint32(sub[12:], uint32(len(groups)))
	for i, g := range groups {
		be.PutUint32(sub[16+12*i:], uint32(g.start))
		be.PutUint32(sub[20+12*i:], uint32(g.end))
		be.PutUint32(sub[24+12*i:], uint32(g.glyph))
	}
	return sub
}

func log2(n int) int {
	l := 0
	for n > 1 {
		n >>= 1
		l++
	}
	return l
}

// post3 keeps the post table's header as format 3: no glyph names.
func post3(post []byte) []byte {
	out := make([]byte, 32)
	copy(out, post)
	binary.BigEndian.PutUint32(out, 0x00030000)
	return out
}

// writeSfnt lays tables out in tag order, 4-byte aligned, with their
// checksums and the head table's checkSumAdjustment.
func writeSfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	be := binary.BigEndian
	n := len(tags)
	search := 1
	for search*2 <= n {
		search *= 2
	}
	size := 12 + 16*n
	for _, t := range tables {
		size += (len(t) + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	be.PutUint32(out, 0x00010000)
	if _, ok := tables["CFF "]; ok {
		copy(out, "OTTO")
	}
	be.PutUint16(out[4:], uint16(n))
	be.PutUint16(out[6:], uint16(16*search))
	be.PutUint16(out[8:], uint16(log2(search)))
	be.PutUint16(out[10:], uint16(16*n-16*search))
	headAt := 0
	var sum uint32 // the file's: its tables', zero-padded, and the directory's
	for i, tag := range tags {
		t := tables[tag]
		rec := out[12+16*i:]
		copy(rec, tag)
		c := checksum(t)
		sum += c
		be.PutUint32(rec[4:], c)
		be.PutUint32(rec[8:], uint32(len(out)))
		be.PutUint32(rec[12:], uint32(len(t)))
		if tag == "head" {
			headAt = len(out)
		}
		out = append(out, t...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	sum += checksum(out[:12+16*n])
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-sum)
	return out
}

// checksum is the sum of a table's big-endian 32-bit words, the last
// padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	n := len(b) &^ 7
	for i := 0; i < n; i += 8 {
		w := binary.BigEndian.Uint64(b[i:])
		sum += uint32(w>>32) + uint32(w)
	}
	var tail [8]byte
	copy(tail[:], b[n:])
	w := binary.BigEndian.Uint64(tail[:])
	return sum + uint32(w>>32) + uint32(w)
}
