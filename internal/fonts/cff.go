package fonts

import (
	"encoding/binary"
	"strconv"

	"gongwen/internal/say"
)

// An OpenType font with CFF outlines (.otf; the members of Noto CJK's
// collections) holds its glyphs in a "CFF " table: the Compact Font Format
// (Adobe Technical Note #5176, "The Compact Font Format Specification",
// 2003), whose glyphs are Type 2 charstrings (Adobe Technical Note #5177,
// "The Type 2 Charstring Format", 2000). This file reads such a table,
// walks each glyph's charstring as a rasteriser would (the check of every
// outline that validate makes of a TrueType font's glyf table), and writes
// the subset that a PDF embeds as a CIDFontType0C program and that the
// OFD and DOCX embed inside an .otf.
//
// A subset is always CID-keyed, whatever the font was: its Top DICT
// names the registry Adobe and ordering Identity, its charset gives glyph
// i the CID i, and its Font DICTs are the font's own (a name-keyed font's
// Private DICT becomes the one Font DICT's). Subroutines keep their
// numbers, so that no charstring needs rewriting: those no kept glyph
// calls are left empty.

// cffFont is a parsed CFF table.
type cffFont struct {
	name        []byte
	top         []dictEntry
	strings     [][]byte
	gsubrs      [][]byte
	charStrings [][]byte
	cid         bool
	fds         []cffFD
	fdSelect    []byte // each glyph's Font DICT; nil: all 0
}

// cffFD is a Font DICT (a name-keyed font has one, without entries of its
// own) and its Private DICT and local subroutines.
type cffFD struct {
	dict    []dictEntry
	private []dictEntry
	subrs   [][]byte
}

// dictEntry is one operator of a DICT and its operands: as they were
// written, and their values.
type dictEntry struct {
	op   int // 0–21, or 1200 + the second byte of a two-byte operator
	raw  []byte
	nums []float64
}

// DICT operators this file reads or writes.
const (
	opCharset     = 15
	opEncoding    = 16
	opCharStrings = 17
	opPrivate     = 18
	opSubrs       = 19
	opUniqueID    = 13
	opXUID        = 14
	opCSType      = 1206
	opROS         = 1230
	opCIDCount    = 1234
	opUIDBase     = 1235
	opFDArray     = 1236
	opFDSelect    = 1237
	opSynthetic   = 1220
)

// maxFDs bounds a font's Font DICTs: FDSelect gives each glyph one in a byte.
const maxFDs = 256

// cffIndex reads the INDEX at off: its items (inside b) and where it ends.
func cffIndex(b []byte, off int) ([][]byte, int, error) {
	if off < 0 || off+2 > len(b) {
		return nil, 0, say.New("an INDEX lies past the end of the table")
	}
	count := int(binary.BigEndian.Uint16(b[off:]))
	if count == 0 {
		return nil, off + 2, nil
	}
	if off+3 > len(b) {
		return nil, 0, say.New("an INDEX is cut short")
	}
	size := int(b[off+2])
	if size < 1 || size > 4 {
		return nil, 0, say.Errorf("an INDEX has offsets of %d bytes (1 to 4)", size)
	}
	at := off + 3
	if at+(count+1)*size > len(b) {
		return nil, 0, say.New("an INDEX's offsets reach past the end of the table")
	}
	read := func(i int) int {
		v := 0
		for _, c := range b[at+i*size : at+(i+1)*size] {
			v = v<<8 | int(c)
		}
		return v
	}
	base := at + (count+1)*size - 1 // offsets count from 1
	items := make([][]byte, count)
	prev := read(0)
	if prev != 1 {
		return nil, 0, say.New("an INDEX's first offset is not 1")
	}
	for i := range items {
		next := read(i + 1)
		if next < prev || base+next > len(b) {
			return nil, 0, say.New("an INDEX's items lie outside the table")
		}
		items[i] = b[base+prev : base+next]
		prev = next
	}
	return items, base + prev, nil
}

// parseDict reads a DICT's operators and operands.
func parseDict(b []byte) ([]dictEntry, error) {
	var out []dictEntry
	start := 0
	var nums []float64
	for i := 0; i < len(b); {
		c := int(b[i])
		switch {
		case c <= 21:
			op := c
			i++
			if c == 12 {
				if i >= len(b) {
					return nil, say.New("a DICT ends inside an operator")
				}
				op = 1200 + int(b[i])
				i++
			}
			end := i - 1
			if op >= 1200 {
				end--
			}
			out = append(out, dictEntry{op: op, raw: b[start:end], nums: nums})
			nums, start = nil, i
			continue
		case c == 28 || c == 29:
			n := 3
			if c == 29 {
				n = 5
			}
			if i+n > len(b) {
				return nil, say.New("a DICT ends inside a number")
			}
			if c == 28 {
				nums = append(nums, float64(int16(binary.BigEndian.Uint16(b[i+1:]))))
			} else {
				nums = append(nums, float64(int32(binary.BigEndian.Uint32(b[i+1:]))))
			}
			i += n
		case c == 30:
			v, n, err := dictReal(b[i+1:])
			if err != nil {
				return nil, err
			}
			nums = append(nums, v)
			i += 1 + n
		case c >= 32 && c <= 246:
			nums = append(nums, float64(c-139))
			i++
		case c >= 247 && c <= 254:
			if i+2 > len(b) {
				return nil, say.New("a DICT ends inside a number")
			}
			w := int(b[i+1])
			if c <= 250 {
				nums = append(nums, float64((c-247)*256+w+108))
			} else {
				nums = append(nums, float64(-(c-251)*256-w-108))
			}
			i += 2
		default:
			return nil, say.Errorf("a DICT holds the reserved byte %d", c)
		}
		if len(nums) > 48 {
			return nil, say.New("a DICT operator has more than 48 operands")
		}
	}
	if len(nums) > 0 {
		return nil, say.New("a DICT ends with operands but no operator")
	}
	return out, nil
}

// dictReal reads a real number's nibbles; n is the bytes they take.
func dictReal(b []byte) (v float64, n int, err error) {
	var s []byte
	for n < len(b) {
		for _, nib := range [2]byte{b[n] >> 4, b[n] & 15} {
			switch {
			case nib <= 9:
				s = append(s, '0'+nib)
			case nib == 0xa:
				s = append(s, '.')
			case nib == 0xb:
				s = append(s, 'e')
			case nib == 0xc:
				s = append(s, 'e', '-')
			case nib == 0xe:
				s = append(s, '-')
			case nib == 0xf:
				v, err := strconv.ParseFloat(string(s), 64)
				if err != nil {
					return 0, 0, say.New("a DICT holds a malformed real number")
				}
				return v, n + 1, nil
			default:
				return 0, 0, say.New("a DICT holds a malformed real number")
			}
		}
		n++
	}
	return 0, 0, say.New("a DICT ends inside a real number")
}

// lookup is the operands of op in a DICT, nil when it is not there.
func lookup(d []dictEntry, op int) []float64 {
	for _, e := range d {
		if e.op == op {
			return e.nums
		}
	}
	return nil
}

// intArg is the operand i of op as an offset or a count in a table of
// size bytes: a whole number from 0 to size.
func intArg(d []dictEntry, op, i, size int) (int, bool) {
	a := lookup(d, op)
	if len(a) <= i {
		return 0, false
	}
	v := a[i]
	if v != float64(int(v)) || v < 0 || v > float64(size) {
		return 0, false
	}
	return int(v), true
}

// parseCFF reads a CFF table whose font has glyphs glyphs (maxp's count).
func parseCFF(b []byte, glyphs int) (*cffFont, error) {
	if len(b) < 4 || b[0] != 1 {
		return nil, say.New("its CFF table is not version 1: the file is damaged")
	}
	c := &cffFont{}
	names, end, err := cffIndex(b, int(b[2]))
	if err == nil && len(names) != 1 {
		err = say.New("the table holds more or fewer than one font")
	}
	var tops [][]byte
	if err == nil {
		c.name = names[0]
		tops, end, err = cffIndex(b, end)
	}
	if err == nil && len(tops) != 1 {
		err = say.New("the table has more or fewer than one Top DICT")
	}
	if err == nil {
		c.top, err = parseDict(tops[0])
	}
	if err == nil {
		c.strings, end, err = cffIndex(b, end)
	}
	if err == nil {
		c.gsubrs, _, err = cffIndex(b, end)
	}
	if err == nil {
		err = c.parseGlyphs(b, glyphs)
	}
	if err != nil {
		return nil, say.Errorf("its CFF table is damaged: %v", err)
	}
	return c, nil
}

// parseGlyphs reads the charstrings, the Font DICTs and which glyph uses
// which.
func (c *cffFont) parseGlyphs(b []byte, glyphs int) error {
	if t := lookup(c.top, opCSType); t != nil && (len(t) != 1 || t[0] != 2) {
		return say.New("its charstrings are not Type 2")
	}
	at, ok := intArg(c.top, opCharStrings, 0, len(b))
	if !ok {
		return say.New("the Top DICT says nothing of where the glyphs are")
	}
	var err error
	if c.charStrings, _, err = cffIndex(b, at); err != nil {
		return err
	}
	if len(c.charStrings) != glyphs {
		return say.Errorf("it has %d glyphs where the font says %d", len(c.charStrings), glyphs)
	}
	c.cid = lookup(c.top, opROS) != nil
	if !c.cid {
		fd, err := readPrivate(b, c.top)
		c.fds = []cffFD{fd}
		return err
	}
	at, ok = intArg(c.top, opFDArray, 0, len(b))
	if !ok {
		return say.New("a CID-keyed font without Font DICTs")
	}
	dicts, _, err := cffIndex(b, at)
	if err != nil {
		return err
	}
	if len(dicts) == 0 || len(dicts) > maxFDs {
		return say.Errorf("%d Font DICTs (1 to %d)", len(dicts), maxFDs)
	}
	for _, raw := range dicts {
		d, err := parseDict(raw)
		if err != nil {
			return err
		}
		fd, err := readPrivate(b, d)
		if err != nil {
			return err
		}
		fd.dict = d
		c.fds = append(c.fds, fd)
	}
	at, ok = intArg(c.top, opFDSelect, 0, len(b))
	if !ok {
		return say.New("a CID-keyed font that does not say which glyph uses which Font DICT")
	}
	c.fdSelect, err = readFDSelect(b, at, glyphs, len(c.fds))
	return err
}

// readPrivate reads the Private DICT and local subroutines that the DICT
// d (a Top DICT or a Font DICT) points to.
func readPrivate(b []byte, d []dictEntry) (cffFD, error) {
	var fd cffFD
	if lookup(d, opPrivate) == nil {
		return fd, nil
	}
	size, ok1 := intArg(d, opPrivate, 0, len(b))
	at, ok2 := intArg(d, opPrivate, 1, len(b))
	if !ok1 || !ok2 || at+size > len(b) {
		return fd, say.New("a Private DICT lies outside the table")
	}
	var err error
	if fd.private, err = parseDict(b[at : at+size]); err != nil {
		return fd, err
	}
	if lookup(fd.private, opSubrs) != nil {
		off, ok := intArg(fd.private, opSubrs, 0, len(b)-at)
		if !ok {
			return fd, say.New("local subroutines lie outside the table")
		}
		if fd.subrs, _, err = cffIndex(b, at+off); err != nil {
			return fd, err
		}
	}
	return fd, nil
}

// readFDSelect reads an FDSelect in format 0 or 3 into one byte a glyph.
func readFDSelect(b []byte, at, glyphs, fds int) ([]byte, error) {
	if at >= len(b) {
		return nil, say.New("FDSelect lies past the end of the table")
	}
	sel := make([]byte, glyphs)
	switch b[at] {
	case 0:
		if at+1+glyphs > len(b) {
			return nil, say.New("FDSelect is cut short")
		}
		copy(sel, b[at+1:])
	case 3:
		if at+3 > len(b) {
			return nil, say.New("FDSelect is cut short")
		}
		n := int(binary.BigEndian.Uint16(b[at+1:]))
		r := at + 3
		if r+3*n+2 > len(b) || n == 0 {
			return nil, say.New("FDSelect's ranges are cut short")
		}
		for i := 0; i < n; i++ {
			first := int(binary.BigEndian.Uint16(b[r+3*i:]))
			next := int(binary.BigEndian.Uint16(b[r+3*i+3:]))
			if i == 0 && first != 0 || next < first || next > glyphs {
				return nil, say.New("FDSelect's ranges are out of order")
			}
			for g := first; g < next; g++ {
				sel[g] = b[r+3*i+2]
			}
		}
		if int(binary.BigEndian.Uint16(b[r+3*n:])) != glyphs {
			return nil, say.New("FDSelect's ranges do not end at the last glyph")
		}
	default:
		return nil, say.Errorf("FDSelect in format %d (0 or 3)", b[at])
	}
	for g, fd := range sel {
		if int(fd) >= fds {
			return nil, say.Errorf("glyph %d uses Font DICT %d of %d", g, fd, fds)
		}
	}
	return sel, nil
}

// fdOf is the Font DICT glyph g uses.
func (c *cffFont) fdOf(g int) int {
	if c.fdSelect == nil {
		return 0
	}
	return int(c.fdSelect[g])
}

// walkAll walks every glyph's charstring, the check of every outline.
func (c *cffFont) walkAll() error {
	for g := range c.charStrings {
		if err := c.walk(g, nil, nil); err != nil {
			return say.Errorf("the outline of its glyph %d is damaged: %v", g, err)
		}
	}
	return nil
}

// walk interprets glyph g's charstring as far as its structure goes (the
// operators, the subroutine calls, the hint masks' lengths), marking in
// usedG and usedL (when not nil) the subroutines it calls.
func (c *cffFont) walk(g int, usedG, usedL []bool) error {
	return c.walkCalls(g, usedG, usedL, nil)
}

// walkCalls is walk that also records, in calls when not nil, where each
// subroutine's number is written (cffwrite.go renumbers them).
func (c *cffFont) walkCalls(g int, usedG, usedL []bool, calls *callSites) error {
	fd := c.fds[c.fdOf(g)]
	w := &csWalker{gsubrs: c.gsubrs, subrs: fd.subrs, usedG: usedG, usedL: usedL, calls: calls,
		key: csKey{kind: csGlyph, index: g}, fd: c.fdOf(g)}
	ended, err := w.run(c.charStrings[g], 0)
	if err == nil && !ended {
		err = say.New("its charstring does not end with endchar")
	}
	return err
}

// csWalker follows a Type 2 charstring.
type csWalker struct {
	gsubrs, subrs [][]byte
	usedG, usedL  []bool
	pen           *pen // when not nil, draws the outline (cffglyph.go)
	calls         *callSites
	key           csKey  // the charstring being run
	fd            int    // the glyph's Font DICT
	num           [2]int // where the last number pushed lies in it; num[1] is 0 for none
	stack         []float64
	stems         int
	steps         int
}

// Limits of the Type 2 charstring format (Technical Note #5177, Appendix B).
const (
	csMaxStack = 48
	csMaxDepth = 10
	csMaxSteps = 1 << 16 // operators a glyph may run: a loop of calls is refused
)

// bias is the number added to a subroutine's operand (Technical Note
// #5177, section 4.7).
func bias(n int) int {
	switch {
	case n < 1240:
		return 107
	case n < 33900:
		return 1131
	}
	return 32768
}

// run follows cs; ended is true once endchar was met.
func (w *csWalker) run(cs []byte, depth int) (ended bool, err error) {
	if depth > csMaxDepth {
		return false, say.New("subroutines nest more than 10 deep")
	}
	w.num = [2]int{}
	for i := 0; i < len(cs); {
		c := int(cs[i])
		switch {
		case c == 28:
			if i+3 > len(cs) {
				return false, say.New("it ends inside a number")
			}
			w.stack = append(w.stack, float64(int16(binary.BigEndian.Uint16(cs[i+1:]))))
			w.num = [2]int{i, i + 3}
			i += 3
		case c == 255:
			if i+5 > len(cs) {
				return false, say.New("it ends inside a number")
			}
			w.stack = append(w.stack, float64(int32(binary.BigEndian.Uint32(cs[i+1:])))/65536)
			w.num = [2]int{i, i + 5}
			i += 5
		case c >= 32 && c <= 246:
			w.stack = append(w.stack, float64(c-139))
			w.num = [2]int{i, i + 1}
			i++
		case c >= 247:
			if i+2 > len(cs) {
				return false, say.New("it ends inside a number")
			}
			v := (c-247)*256 + int(cs[i+1]) + 108
			if c >= 251 {
				v = -(c-251)*256 - int(cs[i+1]) - 108
			}
			w.stack = append(w.stack, float64(v))
			w.num = [2]int{i, i + 2}
			i += 2
		default:
			if w.steps++; w.steps > csMaxSteps {
				return false, say.New("it runs too long (a loop of subroutines?)")
			}
			var done bool
			i, done, ended, err = w.operator(cs, i, depth)
			w.num = [2]int{}
			if err != nil || done {
				return ended, err
			}
		}
		if len(w.stack) > csMaxStack {
			return false, say.New("its operand stack grows past 48")
		}
	}
	return false, nil
}

// operator runs the operator at cs[i] and returns where the next begins;
// done is true when the charstring (or subroutine) ends with it.
func (w *csWalker) operator(cs []byte, i, depth int) (next int, done, ended bool, err error) {
	c := int(cs[i])
	i++
	switch c {
	case 1, 3, 18, 23: // hstem, vstem, hstemhm, vstemhm
		w.stems += len(w.stack) / 2
	case 19, 20: // hintmask, cntrmask: an implicit vstem first
		w.stems += len(w.stack) / 2
		i += (w.stems + 7) / 8
		if i > len(cs) {
			return 0, false, false, say.New("it ends inside a hint mask")
		}
	case 10, 29: // callsubr, callgsubr
		subrs, used := w.subrs, w.usedL
		if c == 29 {
			subrs, used = w.gsubrs, w.usedG
		}
		if len(w.stack) == 0 {
			return 0, false, false, say.New("a subroutine call without its number")
		}
		n := int(w.stack[len(w.stack)-1]) + bias(len(subrs))
		w.stack = w.stack[:len(w.stack)-1]
		if n < 0 || n >= len(subrs) {
			return 0, false, false, say.Errorf("it calls subroutine %d of %d", n, len(subrs))
		}
		if used != nil {
			used[n] = true
		}
		callee := csKey{kind: csLocal, fd: w.fd, index: n}
		if c == 29 {
			callee = csKey{kind: csGlobal, index: n}
		}
		if w.calls != nil {
			// The number is written just before the call, or renumbering
			// cannot find it.
			w.calls.add(w.key, w.num, i-1, callee)
		}
		caller := w.key
		w.key = callee
		ended, err := w.run(subrs[n], depth+1)
		w.key = caller
		return i, ended, ended, err
	case 11: // return
		return i, true, false, nil
	case 14: // endchar
		if w.pen != nil {
			w.pen.close()
		}
		return i, true, true, nil
	case 4, 5, 6, 7, 8, 21, 22, 24, 25, 26, 27, 30, 31: // path operators
		if w.pen != nil {
			w.pen.op(c, w.stack)
		}
	case 12:
		if i >= len(cs) {
			return 0, false, false, say.New("it ends inside an operator")
		}
		e := int(cs[i])
		i++
		if err := w.escape(e); err != nil {
			return 0, false, false, err
		}
		return i, false, false, nil
	default:
		return 0, false, false, say.Errorf("it uses the reserved operator %d", c)
	}
	w.stack = w.stack[:0]
	return i, false, false, nil
}

// escape runs a two-byte operator: flex, or the arithmetic ones (whose
// results may be a subroutine's number).
func (w *csWalker) escape(e int) error {
	s := w.stack
	n := len(s)
	need := func(k int) error {
		if n < k {
			return say.Errorf("the operator 12 %d without its operands", e)
		}
		return nil
	}
	switch e {
	case 34, 35, 36, 37: // hflex, flex, hflex1, flex1
		if w.pen != nil {
			w.pen.op(1200+e, s)
		}
		w.stack = s[:0]
	case 9, 14, 26: // abs, neg, sqrt
		if err := need(1); err != nil {
			return err
		}
		switch e {
		case 9:
			s[n-1] = max(s[n-1], -s[n-1])
		case 14:
			s[n-1] = -s[n-1]
		}
	case 10, 11, 12, 24, 3, 4, 15: // add, sub, div, mul, and, or, eq
		if err := need(2); err != nil {
			return err
		}
		a, b := s[n-2], s[n-1]
		switch e {
		case 10:
			a += b
		case 11:
			a -= b
		case 12:
			if b != 0 {
				a /= b
			}
		case 24:
			a *= b
		default:
			a = 0
		}
		w.stack = append(s[:n-2], a)
	case 18: // drop
		if err := need(1); err != nil {
			return err
		}
		w.stack = s[:n-1]
	case 27: // dup
		if err := need(1); err != nil {
			return err
		}
		w.stack = append(s, s[n-1])
	case 28: // exch
		if err := need(2); err != nil {
			return err
		}
		s[n-2], s[n-1] = s[n-1], s[n-2]
	case 5: // not
		if err := need(1); err != nil {
			return err
		}
		s[n-1] = 0
	case 23: // random
		w.stack = append(s, 0.5)
	default:
		return say.Errorf("it uses the operator 12 %d, which gongwen does not follow", e)
	}
	return nil
}

// metricsView is a TrueType font for the TrueType parser made of an
// OpenType font's metrics (cmap, head, hhea, hmtx, name, OS/2, post) with
// empty outlines: the parser (golang/freetype) reads only TrueType fonts,
// and the fonts package reads characters' glyphs and widths with it.
func metricsView(data []byte) ([]byte, error) {
	s, err := parseSfnt(data)
	if err != nil {
		return nil, err
	}
	glyphs := int(binary.BigEndian.Uint16(s.tables["maxp"][4:]))
	head := append([]byte(nil), s.tables["head"]...)
	binary.BigEndian.PutUint16(head[50:], 0) // short loca offsets
	maxp := make([]byte, 32)                 // version 1.0, every limit 0
	binary.BigEndian.PutUint32(maxp, 0x00010000)
	binary.BigEndian.PutUint16(maxp[4:], uint16(glyphs))
	tables := map[string][]byte{
		"cmap": s.tables["cmap"], "head": head, "hhea": s.tables["hhea"], "hmtx": s.tables["hmtx"],
		"maxp": maxp, "loca": make([]byte, 2*(glyphs+1)), "glyf": {},
	}
	for _, tag := range []string{"name", "OS/2", "post"} {
		if t, ok := s.tables[tag]; ok {
			tables[tag] = t
		}
	}
	return writeSfnt(tables), nil
}
