package fonts

import (
	"encoding/binary"
	"sort"

	"gongwen/internal/say"
)

// subset writes a CID-keyed CFF table of the glyphs listed: its glyph i
// (CID i) is the font's glyph glyphs[i], glyphs[0] standing for .notdef.
// The layout is Technical Note #5176's order: header, Name INDEX, Top
// DICT INDEX, String INDEX, Global Subr INDEX, then the charset, FDSelect,
// CharStrings INDEX, Font DICT INDEX and each Font DICT's Private DICT
// followed by its local subroutines. Every offset a DICT holds is written
// in five bytes, so that the DICTs' sizes are known before the offsets.
func (c *cffFont) subset(glyphs []int) ([]byte, error) {
	usedG := make([]bool, len(c.gsubrs))
	usedL := make([][]bool, len(c.fds))
	for i, fd := range c.fds {
		usedL[i] = make([]bool, len(fd.subrs))
	}
	charStrings := make([][]byte, len(glyphs))
	fdSel := make([]byte, len(glyphs))
	// The Font DICTs the glyphs use, renumbered in their order: a CJK
	// font's has a dozen or more, each with its subroutines.
	newFD := make([]int, len(c.fds))
	for i := range newFD {
		newFD[i] = -1
	}
	var fds []int // the old Font DICT of each new one
	calls := &callSites{sites: map[csKey]map[int]callSite{}}
	for i, g := range glyphs {
		if g < 0 || g >= len(c.charStrings) {
			return nil, say.Errorf("glyph %d is not in the font", g)
		}
		fd := c.fdOf(g)
		if err := c.walkCalls(g, usedG, usedL[fd], calls); err != nil {
			return nil, say.Errorf("the outline of glyph %d is damaged: %v", g, err)
		}
		if newFD[fd] < 0 {
			newFD[fd] = len(fds)
			fds = append(fds, fd)
		}
		charStrings[i], fdSel[i] = c.charStrings[g], byte(newFD[fd])
	}

	gsubrs, lsubrs := calls.renumber(c, usedG, usedL, charStrings, glyphs)

	strs := append(append([][]byte(nil), c.strings...), []byte("Adobe"), []byte("Identity"))
	sid := 391 + len(c.strings) // the first string after the standard ones
	top := dictBytes([]dictEntry{{op: opROS, raw: appendInts(nil, sid, sid+1, 0)}, {op: opCIDCount, raw: appendInts(nil, len(glyphs))}})
	for _, e := range c.top {
		switch e.op {
		case opROS, opCIDCount, opCharset, opEncoding, opCharStrings, opPrivate,
			opFDArray, opFDSelect, opUniqueID, opXUID, opUIDBase, opSynthetic:
		default:
			top = append(top, dictBytes([]dictEntry{e})...)
		}
	}
	offsets := func(charset, charStrings, fdArray, fdSelect int) []byte {
		b := append(fixedOperands(charset), opCharset)
		b = append(append(b, fixedOperands(charStrings)...), opCharStrings)
		b = append(append(b, fixedOperands(fdArray)...), 12, 36)
		return append(append(b, fixedOperands(fdSelect)...), 12, 37)
	}
	headerAndName := 4 + len(indexBytes([][]byte{c.name}))
	topIndexLen := len(indexBytes([][]byte{append(top, offsets(0, 0, 0, 0)...)}))
	stringIndex := indexBytes(strs)
	gsubrIndex := indexBytes(gsubrs)

	charsetAt := headerAndName + topIndexLen + len(stringIndex) + len(gsubrIndex)
	charset := []byte{0} // format 0: no glyph after .notdef
	if len(glyphs) > 1 {
		charset = []byte{2, 0, 1, 0, 0} // format 2: CIDs 1 to n-1 for glyphs 1 to n-1
		binary.BigEndian.PutUint16(charset[3:], uint16(len(glyphs)-2))
	}
	fdSelectAt := charsetAt + len(charset)
	fdSelect := append([]byte{0}, fdSel...)
	charStringsAt := fdSelectAt + len(fdSelect)
	charStringIndex := indexBytes(charStrings)
	fdArrayAt := charStringsAt + len(charStringIndex)

	// Each Font DICT, with its Private DICT's size and offset; the Private
	// DICTs and local subroutines follow the Font DICT INDEX.
	fdDicts := make([][]byte, len(fds))
	privates := make([][]byte, len(fds))
	lens := make([]int, len(fds))
	for i, old := range fds {
		privates[i] = privateBytes(c.fds[old], lsubrs[old])
		lens[i] = len(dictWithout(c.fds[old].dict, opPrivate)) + 11 // two offsets and the operator
	}
	at := fdArrayAt + len(indexBytes(make2(lens)))
	for i, old := range fds {
		fd := c.fds[old]
		d := dictWithout(fd.dict, opPrivate)
		d = append(d, fixedOperands(privateLen(fd, lsubrs[old]), at)...)
		d = append(d, opPrivate)
		fdDicts[i] = d
		at += len(privates[i])
	}
	top = append(top, offsets(charsetAt, charStringsAt, fdArrayAt, fdSelectAt)...)

	out := make([]byte, 0, at)
	out = append(out, 1, 0, 4, 4)
	out = append(out, indexBytes([][]byte{c.name})...)
	out = append(out, indexBytes([][]byte{top})...)
	out = append(out, stringIndex...)
	out = append(out, gsubrIndex...)
	out = append(out, charset...)
	out = append(out, fdSelect...)
	out = append(out, charStringIndex...)
	out = append(out, indexBytes(fdDicts)...)
	for _, p := range privates {
		out = append(out, p...)
	}
	if len(out) != at {
		return nil, say.Errorf("the CFF subset's layout is off by %d bytes", len(out)-at)
	}
	return out, nil
}

// make2 is placeholder items of the given lengths, to size an INDEX.
func make2(lens []int) [][]byte {
	items := make([][]byte, len(lens))
	for i, n := range lens {
		items[i] = make([]byte, n)
	}
	return items
}

// privateLen is the size of the Private DICT privateBytes writes for fd,
// without the local subroutines after it.
func privateLen(fd cffFD, subrs [][]byte) int {
	n := len(dictWithout(fd.private, opSubrs))
	if len(subrs) > 0 {
		n += 6
	}
	return n
}

// privateBytes is fd's Private DICT, its local subroutines subrs right
// after it.
func privateBytes(fd cffFD, subrs [][]byte) []byte {
	d := dictWithout(fd.private, opSubrs)
	if len(subrs) == 0 {
		return d
	}
	d = append(d, fixedOperands(len(d)+6)...)
	d = append(d, opSubrs)
	return append(d, indexBytes(subrs)...)
}

// csKind tells a glyph's charstring from a subroutine, global or local.
type csKind uint8

const (
	csGlyph csKind = iota
	csGlobal
	csLocal
)

// csKey names a charstring: a glyph, a global subroutine, or a local one
// of a Font DICT.
type csKey struct {
	kind      csKind
	fd, index int
}

// callSite is a subroutine call: where its number ends (the call operator
// follows) and which subroutine it calls.
type callSite struct {
	end    int
	callee csKey
}

// callSites are the subroutine calls of the charstrings a subset keeps, by
// charstring and where each call's number starts.
type callSites struct {
	sites map[csKey]map[int]callSite
	// broken: a call whose number is not written just before it (computed,
	// or pushed earlier), or a charstring read two ways; the subroutines
	// then keep their numbers.
	broken bool
}

// add records the call at the operator at, in the charstring in, whose
// number lies at num (num[1] is 0 for none).
func (s *callSites) add(in csKey, num [2]int, at int, callee csKey) {
	if num[1] == 0 || num[1] != at {
		s.broken = true
		return
	}
	m := s.sites[in]
	if m == nil {
		m = map[int]callSite{}
		s.sites[in] = m
	}
	site := callSite{num[1], callee}
	if old, ok := m[num[0]]; ok && old != site {
		s.broken = true
	}
	m[num[0]] = site
}

// renumber gives the subroutines the kept glyphs call new numbers, in
// their order, dropping the others, and rewrites each call's number in
// the charstrings (charStrings, the kept glyphs', in place): a CJK font's
// thousands of subroutines, of which a document's few hundred characters
// call a fraction, would otherwise each keep an entry. When the calls
// cannot all be found (broken), the subroutines keep their numbers and
// those not called are emptied instead (emptyUnused).
func (s *callSites) renumber(c *cffFont, usedG []bool, usedL [][]bool, charStrings [][]byte, glyphs []int) (gsubrs [][]byte, lsubrs [][][]byte) {
	lsubrs = make([][][]byte, len(c.fds))
	if s.broken {
		for i, fd := range c.fds {
			lsubrs[i] = emptyUnused(fd.subrs, usedL[i])
		}
		return emptyUnused(c.gsubrs, usedG), lsubrs
	}
	number := func(used []bool) []int {
		n, next := make([]int, len(used)), 0
		for i, u := range used {
			if u {
				n[i] = next
				next++
			}
		}
		return n
	}
	count := func(used []bool) int {
		n := 0
		for _, u := range used {
			if u {
				n++
			}
		}
		return n
	}
	newG, nG := number(usedG), count(usedG)
	newL := make([][]int, len(c.fds))
	nL := make([]int, len(c.fds))
	for i := range c.fds {
		newL[i], nL[i] = number(usedL[i]), count(usedL[i])
	}
	rewrite := func(cs []byte, key csKey) []byte {
		sites := s.sites[key]
		if len(sites) == 0 {
			return cs
		}
		starts := make([]int, 0, len(sites))
		for at := range sites {
			starts = append(starts, at)
		}
		sort.Ints(starts)
		out := make([]byte, 0, len(cs))
		prev := 0
		for _, at := range starts {
			site := sites[at]
			out = append(out, cs[prev:at]...)
			var v int
			if k := site.callee; k.kind == csLocal {
				v = newL[k.fd][k.index] - bias(nL[k.fd])
			} else {
				v = newG[k.index] - bias(nG)
			}
			out = appendCSInt(out, v)
			prev = site.end
		}
		return append(out, cs[prev:]...)
	}
	for i, g := range glyphs {
		charStrings[i] = rewrite(charStrings[i], csKey{kind: csGlyph, index: g})
	}
	for i, u := range usedG {
		if u {
			gsubrs = append(gsubrs, rewrite(c.gsubrs[i], csKey{kind: csGlobal, index: i}))
		}
	}
	for fd := range c.fds {
		for i, u := range usedL[fd] {
			if u {
				lsubrs[fd] = append(lsubrs[fd], rewrite(c.fds[fd].subrs[i], csKey{kind: csLocal, fd: fd, index: i}))
			}
		}
	}
	return gsubrs, lsubrs
}

// appendCSInt appends a charstring's integer in its shortest form
// (Technical Note #5177, section 3.2).
func appendCSInt(b []byte, v int) []byte {
	switch {
	case v >= -107 && v <= 107:
		return append(b, byte(v+139))
	case v >= 108 && v <= 1131:
		v -= 108
		return append(b, byte(v>>8+247), byte(v))
	case v >= -1131 && v <= -108:
		v = -v - 108
		return append(b, byte(v>>8+251), byte(v))
	}
	return append(b, 28, byte(v>>8), byte(v))
}

// emptyUnused is subrs with those not used emptied (to a return, since
// some readers refuse an empty item) and those after the last used left
// out, as far as their numbers stay the same: the count stays within the
// bounds that give the same bias (1,240 and 33,900).
func emptyUnused(subrs [][]byte, used []bool) [][]byte {
	n := 0
	for i := range subrs {
		if used[i] {
			n = i + 1
		}
	}
	switch {
	case len(subrs) >= 33900:
		n = max(n, 33900)
	case len(subrs) >= 1240:
		n = max(n, 1240)
	}
	out := make([][]byte, n)
	for i := range out {
		out[i] = subrs[i]
		if !used[i] {
			out[i] = []byte{11}
		}
	}
	return out
}

// dictWithout is a DICT's bytes without the operator op.
func dictWithout(d []dictEntry, op int) []byte {
	var b []byte
	for _, e := range d {
		if e.op != op {
			b = append(b, dictBytes([]dictEntry{e})...)
		}
	}
	return b
}

// dictBytes writes DICT entries: their operands as they were read.
func dictBytes(d []dictEntry) []byte {
	var b []byte
	for _, e := range d {
		b = append(b, e.raw...)
		if e.op >= 1200 {
			b = append(b, 12, byte(e.op-1200))
		} else {
			b = append(b, byte(e.op))
		}
	}
	return b
}

// appendInts appends DICT integer operands in their shortest form.
func appendInts(b []byte, vs ...int) []byte {
	for _, v := range vs {
		switch {
		case v >= -107 && v <= 107:
			b = append(b, byte(v+139))
		case v >= 108 && v <= 1131:
			v -= 108
			b = append(b, byte(v>>8+247), byte(v))
		case v >= -1131 && v <= -108:
			v = -v - 108
			b = append(b, byte(v>>8+251), byte(v))
		case v >= -32768 && v <= 32767:
			b = append(b, 28, byte(v>>8), byte(v))
		default:
			b = append(b, 29, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
		}
	}
	return b
}

// fixedOperands writes each value in the five bytes of operator 29.
func fixedOperands(vs ...int) []byte {
	var b []byte
	for _, v := range vs {
		b = append(b, 29, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
	}
	return b
}

// indexBytes writes an INDEX with the shortest offsets that fit.
func indexBytes(items [][]byte) []byte {
	if len(items) == 0 {
		return []byte{0, 0}
	}
	total := 1
	for _, it := range items {
		total += len(it)
	}
	size := 1
	for total >= 1<<(8*size) {
		size++
	}
	b := make([]byte, 3, 3+(len(items)+1)*size+total-1)
	binary.BigEndian.PutUint16(b, uint16(len(items)))
	b[2] = byte(size)
	put := func(v int) {
		for k := size - 1; k >= 0; k-- {
			b = append(b, byte(v>>(8*k)))
		}
	}
	off := 1
	put(off)
	for _, it := range items {
		off += len(it)
		put(off)
	}
	for _, it := range items {
		b = append(b, it...)
	}
	return b
}

// CIDFontProgram is the CFF table of an OpenType font with CFF outlines
// (a subset Subset made) rewritten as a PDF's CIDFontType0 font program
// (ISO 32000-1 §9.9, FontFile3 /CIDFontType0C): its glyph i, CID i, is the
// font's glyph gids[i], so that a PDF may give each character its own CID
// as it does a TrueType font's, in place of a CIDToGIDMap.
func CIDFontProgram(otf []byte, gids []int) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, say.Errorf("cannot subset font: %v", r)
		}
	}()
	t, err := Tables(otf)
	if err != nil {
		return nil, err
	}
	if _, ok := t["CFF "]; !ok {
		return nil, say.Errorf("not an OpenType font with CFF outlines")
	}
	c, err := parseCFF(t["CFF "], int(binary.BigEndian.Uint16(t["maxp"][4:])))
	if err != nil {
		return nil, err
	}
	return c.subset(gids)
}
