package fonts

import (
	"encoding/binary"
	"os"
	"strings"
	"testing"
)

// directoryFont is a small font cut from a bundled one (a few glyphs, the
// tables a TrueType font needs), and the characters it has.
func directoryFont(t testing.TB) ([]byte, []rune) {
	t.Helper()
	data, err := os.ReadFile("../../fonts/FandolFang-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := fromData("fang.ttf", data, fileID{})
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune("国务院办公厅关于通知，。12ab")
	small, err := f.Subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	return small, runes
}

// sameFont says whether a font read from changed bytes measures and maps
// runes as the original does: a change it lets through changes nothing
// gongwen uses.
func sameFont(a, b *Font, runes []rune) bool {
	for _, r := range runes {
		if a.Advance(r) != b.Advance(r) || a.index(r) != b.index(r) {
			return false
		}
	}
	return a.upm == b.upm
}

// TestOneChangedByteInTheTableDirectoryIsCaught changes each byte of a
// font's table directory in turn (issue #25: one changed byte passed
// check and build with scrambled widths). A change to an entry's
// checksum or offset is refused with a message; one to the header's search
// fields, which no reader needs, to the table count that only leaves
// optional tables out, to the tag of an optional table or to a length
// that only takes in a byte of the zero padding after a table may pass,
// but the font then measures and maps every character as before.
func TestOneChangedByteInTheTableDirectoryIsCaught(t *testing.T) {
	good, runes := directoryFont(t)
	orig, err := fromData("small.ttf", good, fileID{})
	if err != nil {
		t.Fatal(err)
	}
	n := int(binary.BigEndian.Uint16(good[4:]))
	for i := 4; i < 12+16*n; i++ {
		for _, flip := range []byte{0x01, 0x10, 0x80} {
			data := append([]byte{}, good...)
			data[i] ^= flip
			f, err := fromData("small.ttf", data, fileID{})
			switch {
			case err != nil:
				if !strings.HasPrefix(err.Error(), "small.ttf: ") || !strings.Contains(err.Error(), "damaged") {
					t.Errorf("byte %d ^ %#x: %v, want a message naming the file and the damage", i, flip, err)
				}
			case i >= 12 && (i-12)%16 >= 4 && (i-12)%16 < 12:
				t.Errorf("byte %d ^ %#x (entry %d, field at %d) passes", i, flip, (i-12)/16, (i-12)%16)
			case !sameFont(orig, f, runes):
				t.Errorf("byte %d ^ %#x passes and changes the widths or glyphs", i, flip)
			}
		}
	}
}

// FuzzFontTables changes a font's table directory, and the header of the
// table each change lands near, as the fuzzer likes: the font is refused,
// or measures and maps the characters as before; nothing panics.
func FuzzFontTables(f *testing.F) {
	good, runes := directoryFont(f)
	orig, err := fromData("small.ttf", good, fileID{})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(uint16(20), byte(1), uint16(0), byte(0))
	f.Add(uint16(28), byte(0x40), uint16(29), byte(0x40))
	f.Add(uint16(4), byte(2), uint16(300), byte(0xFF))
	f.Fuzz(func(t *testing.T, at1 uint16, x1 byte, at2 uint16, x2 byte) {
		data := append([]byte{}, good...)
		n := int(binary.BigEndian.Uint16(data[4:]))
		span := 12 + 16*n + 64 // the directory and what follows it
		data[int(at1)%span] ^= x1
		data[int(at2)%span] ^= x2
		font, err := fromData("small.ttf", data, fileID{})
		if err != nil {
			return
		}
		if !sameFont(orig, font, runes) {
			t.Errorf("a changed directory passes with other widths or glyphs")
		}
	})
}
