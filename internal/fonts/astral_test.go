package fonts

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"gongwen/internal/fonts/fontstest"
)

// None of the shipped fonts draws a character above the BMP: neither the
// parser nor the fonts' own format 12 lookup finds one, so a document
// using one with them is refused (and the tests craft a font that has
// them).
func TestShippedFontsHaveNothingAboveTheBMP(t *testing.T) {
	for _, name := range bundled {
		f, err := Open(filepath.Join("../../fonts", name))
		if err != nil {
			t.Fatal(err)
		}
		if f.wide != nil {
			t.Errorf("%s: has format 12 groups above the BMP", name)
		}
		for r := rune(firstAstral); r <= lastRune; r++ {
			if f.ttf.Index(r) != 0 || f.Has(r) {
				t.Errorf("%s: has %U", name, r)
				break
			}
		}
	}
}

// A font with characters above the BMP in a format 12 subtable beside the
// parser's format 4 one: they are found, measured, cached and kept by the
// subset, which the parser, the PDF renderer's and the preview's, reads
// them from, and which is accepted when opened again.
func TestCharactersAboveTheBMP(t *testing.T) {
	data, err := os.ReadFile("../../fonts/FandolFang-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	alias := map[rune]rune{0x20000: '丁', 0x2A6D6: '国', 0x1D11E: 'A', 0x10FFFD: '，'}
	crafted := fontstest.WithAstral(t, data, alias)
	f, err := fromData("crafted.ttf", crafted, fileID{})
	if err != nil {
		t.Fatal(err)
	}
	if f.ttf.Index(0x20000) != 0 {
		t.Fatal("the parser reads the format 12 subtable: the test does not test the fonts' own lookup")
	}
	for _, r := range []rune{0x20001, 0x1FFFF, 0x10FFFF, 0x110000, -1} {
		if f.Has(r) {
			t.Errorf("has %U, which it lacks", r)
		}
	}
	// Looked up once, kept: each plane's blocks are made when first used.
	if p := f.astral[0x20000>>16-1].Load(); p == nil || p[0x20000>>8&0xFF].Load() == nil || f.astral[5].Load() != nil {
		t.Error("the metrics of plane 2 are not cached, or another plane's are")
	}
	// The view the preview draws with: its parser finds them; a font
	// without them is handed back as it is.
	view, err := truetype.Parse(AstralView(crafted))
	if err != nil {
		t.Fatal(err)
	}
	if g, want := view.Index(0x20000), f.ttf.Index('丁'); g != want || view.Index('中') != f.ttf.Index('中') {
		t.Errorf("in the astral view U+20000 is glyph %d, want %d", g, want)
	}
	if v := AstralView(data); &v[0] != &data[0] {
		t.Error("a font without characters above the BMP is copied for its astral view")
	}
	runes := []rune("丁国A，中")
	for r, like := range alias {
		for range 2 { // looked up, then from the cache
			if !f.Has(r) {
				t.Errorf("lacks %U", r)
			}
			if a, b := f.Advance(r), f.Advance(like); a != b {
				t.Errorf("%U: advance %g, want %q's %g", r, a, like, b)
			}
		}
		if g, want := f.index(r), f.ttf.Index(like); g != want {
			t.Errorf("%U: glyph %d, want %d", r, g, want)
		}
		runes = append(runes, r)
	}
	sub, err := f.Subset(runes)
	if err != nil {
		t.Fatal(err)
	}
	s, err := truetype.Parse(sub)
	if err != nil {
		t.Fatal(err)
	}
	scale := fixed.Int26_6(f.ttf.FUnitsPerEm())
	var a, b truetype.GlyphBuf
	for _, r := range runes {
		like := r
		if l, ok := alias[r]; ok {
			like = l
		}
		si := s.Index(r)
		if si == 0 || si != s.Index(like) {
			t.Errorf("%U: glyph %d in the subset, want %q's %d", r, si, like, s.Index(like))
			continue
		}
		if err := a.Load(f.ttf, scale, f.ttf.Index(like), font.HintingNone); err != nil {
			t.Fatal(err)
		}
		if err := b.Load(s, scale, si, font.HintingNone); err != nil {
			t.Fatal(err)
		}
		if len(a.Points) != len(b.Points) || a.Points[len(a.Points)-1] != b.Points[len(b.Points)-1] {
			t.Errorf("%U: outline of %d points, want %d", r, len(b.Points), len(a.Points))
		}
	}
	// Both subtables: format 4 for the BMP, format 12 for all.
	_, cmap, err := validate(sub, true)
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := readCharMap(cmap); !ok || len(m.segs) == 0 || m.segs[len(m.segs)-1].end != 0x10FFFD {
		t.Errorf("the parser's subtable of the subset is not the format 12 one with every character")
	}
	if len(cmap) < 20 || string(cmap[:4]) != "\x00\x00\x00\x02" || string(cmap[4:8]) != "\x00\x03\x00\x01" || string(cmap[12:16]) != "\x00\x03\x00\x0a" {
		t.Errorf("the subset's cmap records are % x, want (3, 1) and (3, 10)", cmap[:min(20, len(cmap))])
	}
	again, err := fromData("subset.ttf", sub, fileID{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runes {
		if !again.Has(r) {
			t.Errorf("the subset opened again lacks %U", r)
		}
	}
	// A subset of the BMP alone keeps the one format 4 subtable.
	sub, err = f.Subset([]rune("丁国"))
	if err != nil {
		t.Fatal(err)
	}
	if _, cmap, _ := validate(sub, true); string(cmap[:12]) != "\x00\x00\x00\x01\x00\x03\x00\x01\x00\x00\x00\x0c" {
		t.Errorf("the cmap of a subset of the BMP starts % x", cmap[:12])
	}
}
