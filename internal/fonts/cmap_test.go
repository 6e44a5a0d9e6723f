package fonts

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var bundled = []string{"FandolFang-Regular.ttf", "FandolKai-Regular.ttf", "FandolSong-Regular.ttf", "NotoSansSC-Regular.ttf", "NotoSerifSC-Bold.ttf"}

// withCmap is a font file whose cmap table is cmap, put at the end of the
// file (the parser checks no table checksum).
func withCmap(t *testing.T, font, cmap []byte) []byte {
	t.Helper()
	data := append(append([]byte{}, font...), cmap...)
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		if string(rec[:4]) == "cmap" {
			binary.BigEndian.PutUint32(rec[8:], uint32(len(font)))
			binary.BigEndian.PutUint32(rec[12:], uint32(len(cmap)))
			binary.BigEndian.PutUint32(rec[4:], checksum(cmap))
			return data
		}
	}
	t.Fatal("no cmap table")
	return nil
}

// format4 is a cmap table of one Unicode BMP (platform 0, encoding 3)
// format 4 subtable: its segments (offset is the raw idRangeOffset) and
// glyph index array.
func format4(segs []cmapSeg, glyphIDs ...uint16) []byte {
	var b []byte
	u16 := func(v uint32) { b = binary.BigEndian.AppendUint16(b, uint16(v)) }
	u16(0)
	u16(1)
	b = binary.BigEndian.AppendUint32(b, 0x00000003)
	b = binary.BigEndian.AppendUint32(b, 12)
	u16(4)
	u16(uint32(16 + 8*len(segs) + 2*len(glyphIDs)))
	u16(0)
	u16(uint32(2 * len(segs)))
	u16(0) // searchRange, entrySelector, rangeShift: the parser ignores them
	u16(0)
	u16(0)
	for _, s := range segs {
		u16(s.end)
	}
	u16(0)
	for _, s := range segs {
		u16(s.start)
	}
	for _, s := range segs {
		u16(s.delta)
	}
	for _, s := range segs {
		u16(s.offset)
	}
	for _, g := range glyphIDs {
		u16(uint32(g))
	}
	return b
}

// format12 is a cmap table of one Unicode full (platform 0, encoding 4)
// format 12 subtable: groups of start, end, first glyph.
func format12(groups ...[3]uint32) []byte {
	var b []byte
	u32 := func(v uint32) { b = binary.BigEndian.AppendUint32(b, v) }
	b = append(b, 0, 0, 0, 1)
	u32(0x00000004)
	u32(12)
	b = append(b, 0, 12, 0, 0)
	u32(uint32(16 + 12*len(groups)))
	u32(0)
	u32(uint32(len(groups)))
	for _, g := range groups {
		u32(g[0])
		u32(g[1])
		u32(g[2])
	}
	return b
}

// The walk of the character map gives every character of the BMP the
// glyph the parser's lookup gives it (outside where the lookup panics),
// for each bundled font and for crafted character maps; checkCmap says
// of each what the lookup of every character says.
func TestCharMapWalkIsTheParsersLookup(t *testing.T) {
	fang, err := os.ReadFile("../../fonts/FandolFang-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	type font struct {
		name string
		data []byte
		walk bool   // the walk is used, not the lookup of each character
		want string // what Open says, "" for nothing
	}
	var cases []font
	for _, name := range bundled {
		data, err := os.ReadFile(filepath.Join("../../fonts", name))
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, font{name, data, true, ""})
	}
	end := cmapSeg{start: 0xFFFF, end: 0xFFFF, delta: 1}
	cases = append(cases,
		font{"delta past the glyphs", cmapPastGlyphs(t, fang), true, "its character map sends U+4E03 to glyph 60000, but it has only 10365 glyphs"},
		font{"array entries", withCmap(t, fang, format4([]cmapSeg{
			{start: 0x41, end: 0x43, offset: 8}, // 8 bytes on from idRangeOffset[0]: the array's first entry
			{start: 0x4E00, end: 0x4E01, delta: 0xFFFF - 0x4E00 + 2},
			{start: 0x4E02, end: 0x4E03, offset: 10}, // its fourth entry
			end,
		}, 36, 0, 37, 38, 39)), true, ""},
		font{"array entry past the glyphs", withCmap(t, fang, format4([]cmapSeg{
			{start: 0x41, end: 0x42, offset: 4},
			end,
		}, 36, 20000)), true, "its character map sends U+0042 to glyph 20000, but it has only 10365 glyphs"},
		font{"array entry outside the table", withCmap(t, fang, format4([]cmapSeg{
			{start: 0x41, end: 0x43, offset: 4},
			end,
		}, 36, 37)), true, "its character map sends U+0043 outside itself"},
		font{"segments out of order", withCmap(t, fang, format4([]cmapSeg{
			{start: 0x4E00, end: 0x4E05, delta: 10},
			{start: 0x41, end: 0x5A, delta: 20000},
			end,
		})), false, "its character map sends U+0041 to glyph 20065, but it has only 10365 glyphs"},
		font{"overlapping segments", withCmap(t, fang, format4([]cmapSeg{
			{start: 0x41, end: 0x50, delta: 1},
			{start: 0x50, end: 0x5A, delta: 2},
			end,
		})), false, ""},
		font{"groups", withCmap(t, fang, format12(
			[3]uint32{0x20, 0x7E, 3},
			[3]uint32{0x4E00, 0x4E00 + 5000, 100},
			[3]uint32{0xFFF0, 0x10010, 50},
			[3]uint32{0x20000, 0x20010, 60000},
		)), true, "its character map sends U+20000 to glyph 60000, but it has only 10365 glyphs"},
		font{"groups above the BMP", withCmap(t, fang, format12(
			[3]uint32{0x4E00, 0x4E00 + 5000, 100},
			[3]uint32{0xFFF0, 0x10010, 50},
			[3]uint32{0x20000, 0x20010, 10348},
		)), true, ""},
		font{"group above the BMP past the glyphs", withCmap(t, fang, format12(
			[3]uint32{0x4E00, 0x4E00 + 5000, 100},
			[3]uint32{0x20000, 0x20010, 10350},
		)), true, "its character map sends U+2000F to glyph 10365, but it has only 10365 glyphs"},
		font{"group over four billion codes", withCmap(t, fang, format12(
			[3]uint32{0x4E00, 0x4E00 + 5000, 100},
			[3]uint32{0x10000, 0xFFFFFFFF, 5},
		)), true, "its character map sends U+12878 to glyph 10365, but it has only 10365 glyphs"},
		font{"groups above the BMP out of order", withCmap(t, fang, format12(
			[3]uint32{0x4E00, 0x4E00 + 5000, 100},
			[3]uint32{0x20010, 0x20020, 5},
			[3]uint32{0x20000, 0x20005, 5},
		)), false, "its character map's groups above U+FFFF are out of order at U+20000"},

		font{"group past the glyphs", withCmap(t, fang, format12(
			[3]uint32{0x20, 0x7E, 3},
			[3]uint32{0x4E00, 0x9FFF, 10300},
		)), true, "its character map sends U+4E41 to glyph 10365, but it has only 10365 glyphs"},
		font{"group wrapping past 65535", withCmap(t, fang, format12(
			[3]uint32{0x4E00, 0x4E10, 0xFFFF},
		)), true, "its character map sends U+4E00 to glyph 65535, but it has only 10365 glyphs"},
		font{"group wrapping to glyph 0", withCmap(t, fang, format12(
			[3]uint32{0x4E00, 0x4E10, 0x10000},
		)), true, ""},
	)
	for _, c := range cases {
		ttf, err := parse(c.data)
		if err != nil {
			t.Errorf("%s: the parser refuses it: %v", c.name, err)
			continue
		}
		glyphs, cmap, err := validate(c.data, true)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		m, ok := readCharMap(cmap)
		if ok != c.walk {
			t.Errorf("%s: walked %v, want %v", c.name, ok, c.walk)
		}
		if ok {
			var got [0x10000]int
			last := rune(-1)
			m.each(func(r rune, g int) error {
				if r <= last {
					t.Errorf("%s: U+%04X walked after U+%04X", c.name, r, last)
				}
				got[r], last = g, r
				return nil
			})
			bad := 0
			for r := rune(0); r <= 0xFFFF; r++ {
				if want := parserIndex(ttf, r); got[r] != want && bad < 5 {
					t.Errorf("%s: U+%04X: the walk gives glyph %d, the parser %d", c.name, r, got[r], want)
					bad++
				}
			}
		}
		// The message is the one asking the parser about each character
		// in turn gives.
		var each error
		for r := rune(0); r <= 0xFFFF && each == nil; r++ {
			switch g := parserIndex(ttf, r); {
			case g == outside:
				each = fmt.Errorf("its character map sends U+%04X outside itself: the file is damaged", r)
			case g >= glyphs:
				each = fmt.Errorf("its character map sends U+%04X to glyph %d, but it has only %d glyphs: the file is damaged", r, g, glyphs)
			}
		}
		if err := checkCmap(ttf, cmap, glyphs); fmt.Sprint(err) != fmt.Sprint(each) {
			t.Errorf("%s: checkCmap says %v, asking about each character %v", c.name, err, each)
		}
		_, err = fromData(c.name, c.data, fileID{})
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want+": the file is damaged")):
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

// A format 12 subtable the parser does not read is found among the
// records, and one cut short is refused by name.
func TestWideGroupsAreFoundBesideTheParsersSubtable(t *testing.T) {
	f12 := format12([3]uint32{0x4E00, 0x4E05, 100}, [3]uint32{0x20000, 0x20005, 5})[12:]
	f4 := format4([]cmapSeg{{start: 0xFFFF, end: 0xFFFF, delta: 1}})[12:]
	table := func(sub12 []byte) []byte {
		var b []byte
		b = append(b, 0, 0, 0, 2)
		b = binary.BigEndian.AppendUint32(b, 0x00000003) // (0, 3): the parser's
		b = binary.BigEndian.AppendUint32(b, 20)
		b = binary.BigEndian.AppendUint32(b, 0x0003000a) // (3, 10)
		b = binary.BigEndian.AppendUint32(b, uint32(20+len(f4)))
		return append(append(b, f4...), sub12...)
	}
	cases := []struct {
		name string
		cmap []byte
		want string // the error, or the glyph of U+20003
	}{
		{"beside", table(f12), "8"},
		{"cut short", table(f12[:16+12]), "its character map's format 12 subtable has 2 groups, more than fit in it: the file is damaged"},
		{"header cut short", table(f12[:8]), "its character map's format 12 subtable is cut short: the file is damaged"},
		{"none", format4([]cmapSeg{{start: 0xFFFF, end: 0xFFFF, delta: 1}}), "0"},
	}
	for _, c := range cases {
		groups, err := astralMap(c.cmap, 100)
		got := fmt.Sprint(wideIndex(groups, 0x20003))
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
