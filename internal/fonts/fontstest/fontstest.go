// Package fontstest makes fonts for tests: none of the shipped fonts has a
// character above the BMP, and a font that has them is megabytes, so the
// tests give a shipped font some, by borrowing glyphs it has.
package fontstest

import (
	"encoding/binary"
	"sort"
	"testing"

	"github.com/golang/freetype/truetype"
)

// WithAstral returns a copy of font whose character map gains a Windows
// Unicode full repertoire (platform 3, encoding 10) format 12 subtable:
// every character of the parser's map of the BMP, and each key of alias
// (a character above the BMP) mapped to the glyph of its value. The
// font's own subtables stay, so the TrueType parser still reads its BMP
// subtable, as it does with real fonts that carry both. The font's last
// encoding record must sort before (3, 10).
func WithAstral(t testing.TB, font []byte, alias map[rune]rune) []byte {
	t.Helper()
	ttf, err := truetype.Parse(font)
	if err != nil {
		t.Fatal(err)
	}
	type entry struct {
		r rune
		g uint32
	}
	var m []entry
	for r := rune(0); r <= 0xFFFF; r++ {
		if g := ttf.Index(r); g != 0 {
			m = append(m, entry{r, uint32(g)})
		}
	}
	for r, like := range alias {
		g := ttf.Index(like)
		if g == 0 || r <= 0xFFFF {
			t.Fatalf("alias %U for %q: an alias must be a character above the BMP for one the font has", r, like)
		}
		m = append(m, entry{r, uint32(g)})
	}
	sort.Slice(m, func(a, b int) bool { return m[a].r < m[b].r })
	be := binary.BigEndian
	sub := make([]byte, 16, 16+12*len(m))
	be.PutUint16(sub, 12)
	for _, e := range m { // one group a character: simple, and valid
		sub = be.AppendUint32(sub, uint32(e.r))
		sub = be.AppendUint32(sub, uint32(e.r))
		sub = be.AppendUint32(sub, e.g)
	}
	be.PutUint32(sub[4:], uint32(len(sub)))
	be.PutUint32(sub[12:], uint32(len(m)))

	n := int(be.Uint16(font[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if string(font[rec:rec+4]) != "cmap" {
			continue
		}
		off, length := be.Uint32(font[rec+8:]), be.Uint32(font[rec+12:])
		old := font[off : off+length]
		k := int(be.Uint16(old[2:]))
		if k > 0 && be.Uint32(old[4+8*(k-1):]) >= 0x0003000a {
			t.Fatal("the font's last cmap record does not sort before (3, 10)")
		}
		// The new table: the records one longer, each old subtable 8
		// bytes further on, the new one at the end.
		cmap := make([]byte, 0, len(old)+8+len(sub))
		cmap = append(cmap, old[:4]...)
		be.PutUint16(cmap[2:], uint16(k+1))
		for j := 0; j < k; j++ {
			r := old[4+8*j:]
			cmap = append(cmap, r[:4]...)
			cmap = be.AppendUint32(cmap, be.Uint32(r[4:])+8)
		}
		cmap = be.AppendUint32(cmap, 0x0003000a)
		cmap = be.AppendUint32(cmap, uint32(len(old)+8))
		cmap = append(cmap, old[4+8*k:]...)
		cmap = append(cmap, sub...)
		out := append([]byte{}, font...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
		be.PutUint32(out[rec+8:], uint32(len(out)))
		be.PutUint32(out[rec+12:], uint32(len(cmap)))
		return append(out, cmap...)
	}
	t.Fatal("the font has no cmap table")
	return nil
}

// Collection returns a TrueType collection (version 1.0) of the fonts
// given, in their order: the collection's header, each font's table
// directory with its offsets rewritten to count from the start of the
// collection, then each font's tables, aligned to 4 bytes. Each font must
// be a single TrueType font (a .ttf's bytes).
func Collection(t testing.TB, fonts ...[]byte) []byte {
	t.Helper()
	be := binary.BigEndian
	head := 12 + 4*len(fonts)
	dirs := head
	for _, f := range fonts {
		if len(f) < 12 || be.Uint32(f) != 0x00010000 {
			t.Fatal("fontstest.Collection: not a TrueType font")
		}
		dirs += 12 + 16*int(be.Uint16(f[4:]))
	}
	out := make([]byte, dirs)
	copy(out, "ttcf")
	be.PutUint16(out[4:], 1)
	be.PutUint32(out[8:], uint32(len(fonts)))
	at := head
	for i, f := range fonts {
		be.PutUint32(out[12+4*i:], uint32(at))
		n := int(be.Uint16(f[4:]))
		copy(out[at:], f[:12+16*n])
		for j := 0; j < n; j++ {
			rec := 12 + 16*j
			off, length := be.Uint32(f[rec+8:]), be.Uint32(f[rec+12:])
			be.PutUint32(out[at+rec+8:], uint32(len(out)))
			out = append(out, f[off:off+length]...)
			for len(out)%4 != 0 {
				out = append(out, 0)
			}
		}
		at += 12 + 16*n
	}
	return out
}

// WithFsType returns a copy of font whose OS/2 table states the embedding
// rights fsType (OpenType "OS/2" table, offset 8), as a vendor's licensed
// font does. The table's checksum is left as it was: gongwen does not
// check checksums, and no reader of the subsets sees this field's old value.
func WithFsType(t testing.TB, font []byte, fsType uint16) []byte {
	t.Helper()
	font = append([]byte{}, font...)
	be := binary.BigEndian
	for i := 0; i < int(be.Uint16(font[4:])); i++ {
		rec := font[12+16*i:]
		if string(rec[:4]) == "OS/2" {
			be.PutUint16(font[be.Uint32(rec[8:])+8:], fsType)
			return font
		}
	}
	t.Fatal("the font has no OS/2 table")
	return nil
}
