package fonts

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
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
// check and build with scrambled widths). A change to the checksum or
// offset of a table the widths and glyphs come from is refused with a
// message; one to another table's entry, to the header's search
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
			case i >= 12 && (i-12)%16 >= 4 && (i-12)%16 < 12 && checksummed[string(good[i-(i-12)%16:][:4])]:
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

// TestGlyphMutationsAreRefusedOrDrawn changes bytes of a font's glyph
// outlines, 300 ways, keeping the checksums right (issue #25: 20 of 300
// such fonts built, and the preview failed on an index out of range):
// each font is refused when opened, or every glyph of it is drawn.
func TestGlyphMutationsAreRefusedOrDrawn(t *testing.T) {
	good, _ := directoryFont(t)
	glyf, length := tableOf(good, "glyf")
	rng := rand.New(rand.NewPCG(25, 300))
	drawn := 0
	for k := 0; k < 300; k++ {
		data := append([]byte{}, good...)
		for j := 0; j <= k%4; j++ {
			data[glyf+rng.IntN(length)] ^= byte(1 + rng.IntN(255))
		}
		data = withChecksums(data)
		f, err := fromData("m.ttf", data, fileID{})
		if err != nil {
			continue
		}
		glyphs := int(binary.BigEndian.Uint16(data[glyphCount(data):]))
		if err := drawAll(f, glyphs); err != nil {
			t.Errorf("mutation %d opens, then drawing it fails: %v", k, err)
		}
		drawn++
	}
	if drawn == 0 {
		t.Error("every mutation refused: the test tells nothing of drawing")
	}
}

// glyphCount is where a font's glyph count (maxp) lies.
func glyphCount(data []byte) int {
	maxp, _ := tableOf(data, "maxp")
	return maxp + 4
}

// drawAll rasterises every glyph of f as the preview does.
func drawAll(f *Font, glyphs int) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	face := truetype.NewFace(f.ttf, &truetype.Options{Size: 16, DPI: 96, Hinting: font.HintingNone})
	var buf truetype.GlyphBuf
	for g := 0; g < glyphs; g++ {
		if err := buf.Load(f.ttf, f.upm, truetype.Index(g), font.HintingNone); err != nil {
			continue // refused in words: the preview reports it
		}
	}
	for r := rune(0x20); r < 0xA000; r++ {
		if f.Has(r) {
			face.Glyph(fixed.P(0, 16<<6), r)
		}
	}
	return nil
}
