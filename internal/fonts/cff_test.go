package fonts

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"

	xsfnt "golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// The CFF fonts of the tests, as Debian installs them (fonts-noto-cjk,
// texlive-lang-chinese: the Makefile's TOOLS): Noto Serif CJK SC, CID-keyed
// with 18 Font DICTs and subroutines; FandolFang, whose outlines use the
// flex operators; FandolBraille, name-keyed (its subset is CID-keyed).
var cffFonts = []string{
	"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc#2",
	"/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf",
	"/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolBraille-Regular.otf",
}

// cffRunes are the characters of the small fonts the tests cut: the
// CJK fonts' and the Braille font's.
var cffRunes = []rune("国务院办公厅关于印发通知年月日提高防火一二三，。（）0123456789ABCabc⠁⠃⠉⠙⠑⠋⠛⠓⠊⠚⣿")

// openCFF opens one of cffFonts, failing the test when it is missing.
func openCFF(t testing.TB, path string) *Font {
	t.Helper()
	file, _, _ := splitMember(path)
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("%v: run `make test`, which installs fonts-noto-cjk and texlive-lang-chinese", err)
	}
	f, err := openShared(path)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var smallCFF = sync.OnceValues(func() ([][]byte, error) {
	var out [][]byte
	for _, p := range cffFonts {
		f, err := openShared(p)
		if err != nil {
			return nil, err
		}
		sub, err := f.Subset(cffRunes)
		if err != nil {
			return nil, err
		}
		out = append(out, sub)
	}
	return out, nil
})

// pathOf is glyph g's outline in font units, as a string to compare.
func pathOf(t testing.TB, o *CFFOutlines, g int) string {
	t.Helper()
	var b strings.Builder
	err := o.Path(g,
		func(x, y float64) { fmt.Fprintf(&b, "M%g,%g ", x, y) },
		func(x, y float64) { fmt.Fprintf(&b, "L%g,%g ", x, y) },
		func(x1, y1, x2, y2, x, y float64) { fmt.Fprintf(&b, "C%g,%g,%g,%g,%g,%g ", x1, y1, x2, y2, x, y) })
	if err != nil {
		t.Fatalf("glyph %d: %v", g, err)
	}
	return b.String()
}

// TestCFFSubsetKeepsOutlinesAndWidths cuts each font down and reads the
// subset back: it opens (every charstring walked), maps and measures each
// character as the font does, and draws each glyph with the same outline;
// the PDF's program of the subset (glyphs in another order) too.
func TestCFFSubsetKeepsOutlinesAndWidths(t *testing.T) {
	subs, err := smallCFF()
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range cffFonts {
		t.Run(p[strings.LastIndex(p, "/")+1:], func(t *testing.T) {
			f := openCFF(t, p)
			sub, err := fromData("sub.otf", subs[i], fileID{})
			if err != nil {
				t.Fatal(err)
			}
			if Kind(subs[i]) != "otf-cff" {
				t.Fatalf("the subset is %s", Kind(subs[i]))
			}
			if len(subs[i]) > 24<<10 { // 11.7 KB and 13.8 KB when measured
				t.Errorf("the subset of %d characters is %d bytes", len(cffRunes), len(subs[i]))
			}
			whole, err := NewCFFOutlines(f.Data)
			if err != nil {
				t.Fatal(err)
			}
			part, err := NewCFFOutlines(subs[i])
			if err != nil {
				t.Fatal(err)
			}
			var gids []int
			if f.cffTable(); f.cff.cid != (i < 2) {
				t.Errorf("the font is CID-keyed: %v", f.cff.cid)
			}
			for _, r := range cffRunes {
				if !f.Has(r) {
					continue
				}
				if !sub.Has(r) || sub.Advance(r) != f.Advance(r) {
					t.Errorf("%c: the subset has it %v, %v em wide; the font %v em", r, sub.Has(r), sub.Advance(r), f.Advance(r))
				}
				if a, b := pathOf(t, whole, whole.Index(r)), pathOf(t, part, part.Index(r)); a != b {
					t.Errorf("%c: the subset's outline differs:\n%s\n%s", r, a, b)
				}
				gids = append([]int{part.Index(r)}, gids...)
			}
			// The PDF's program: glyph i is gids[i], CIDs in another order.
			prog, err := CIDFontProgram(subs[i], append([]int{0}, gids...))
			if err != nil {
				t.Fatal(err)
			}
			c, err := parseCFF(prog, len(gids)+1)
			if err != nil {
				t.Fatal(err)
			}
			if err := c.walkAll(); err != nil {
				t.Fatal(err)
			}
			pdf := &CFFOutlines{cff: c}
			for k, g := range gids {
				if a, b := pathOf(t, part, g), pathOf(t, pdf, k+1); a != b {
					t.Errorf("glyph %d: the PDF program's glyph %d differs", g, k+1)
				}
			}
		})
	}
}

// TestCFFOutlinesAgreeWithSfnt compares the outlines package fonts reads
// with golang.org/x/image/font/sfnt's, a reader nobody here wrote, for the
// glyphs sfnt can read (it lacks flex and flex1): the same operations, the
// same points within one font unit (sfnt rounds a charstring's fractional
// numbers, FandolBraille's, to whole units).
func TestCFFOutlinesAgreeWithSfnt(t *testing.T) {
	for _, p := range cffFonts {
		f := openCFF(t, p)
		o, err := NewCFFOutlines(f.Data)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := xsfnt.Parse(f.Data)
		if err != nil {
			t.Fatal(err)
		}
		var buf xsfnt.Buffer
		compared := 0
		for g := 0; g < len(o.cff.charStrings); g += 1 + len(o.cff.charStrings)/1000 {
			segs, err := ref.LoadGlyph(&buf, xsfnt.GlyphIndex(g), fixed.Int26_6(o.UnitsPerEm<<6), nil)
			if err != nil {
				continue
			}
			var wantOps string
			var want []float64 // in font units, y up
			for _, s := range segs {
				wantOps += string("MLQC"[s.Op])
				for _, a := range s.Args[:[]int{1, 1, 2, 3}[s.Op]] {
					want = append(want, float64(a.X)/64, -float64(a.Y)/64)
				}
			}
			var gotOps string
			var got []float64
			err = o.Path(g,
				func(x, y float64) { gotOps += "M"; got = append(got, x, y) },
				func(x, y float64) { gotOps += "L"; got = append(got, x, y) },
				func(x1, y1, x2, y2, x, y float64) { gotOps += "C"; got = append(got, x1, y1, x2, y2, x, y) })
			if err != nil {
				t.Fatalf("%s glyph %d: %v", p, g, err)
			}
			if gotOps != wantOps || len(got) != len(want) {
				t.Errorf("%s glyph %d: %s, sfnt %s", p, g, gotOps, wantOps)
				continue
			}
			for k := range got {
				if d := got[k] - want[k]; d > 1 || d < -1 {
					t.Errorf("%s glyph %d: coordinate %d is %g, sfnt's %g", p, g, k, got[k], want[k])
					break
				}
			}
			compared++
		}
		if compared < 100 {
			t.Errorf("%s: only %d glyphs compared", p, compared)
		}
	}
}

// TestDamagedCFFIsRefusedOrDrawn changes bytes of a CFF table, 400 ways,
// keeping the checksums right: each font is refused when opened, naming
// it, or it subsets and every glyph of it is drawn; nothing panics.
func TestDamagedCFFIsRefusedOrDrawn(t *testing.T) {
	subs, err := smallCFF()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(20, 4))
	refused, opened := 0, 0
	for k := 0; k < 400; k++ {
		good := subs[k%len(subs)]
		at, length := tableOf(good, "CFF ")
		data := append([]byte{}, good...)
		for j := 0; j <= k%3; j++ {
			data[at+rng.IntN(length)] ^= byte(1 + rng.IntN(255))
		}
		if err := damagedCFF(withChecksums(data)); err != nil {
			if !strings.HasPrefix(err.Error(), "x.otf: ") {
				t.Errorf("mutation %d: %v, want a message naming the file", k, err)
			}
			refused++
			continue
		}
		opened++
	}
	if refused == 0 || opened == 0 {
		t.Errorf("%d refused, %d opened: the test tells nothing", refused, opened)
	}
}

// damagedCFF opens a font, and when it opens, subsets and draws it all:
// the error of opening it, or a panic as an error.
func damagedCFF(data []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	f, err := fromData("x.otf", data, fileID{})
	if err != nil {
		return err
	}
	if _, err := f.Subset(cffRunes); err != nil {
		return fmt.Errorf("x.otf: %v", err)
	}
	o, err := NewCFFOutlines(f.Data)
	if err != nil {
		return fmt.Errorf("x.otf opens, then cannot be drawn: %v", err)
	}
	for g := range o.cff.charStrings {
		o.Path(g, func(x, y float64) {}, func(x, y float64) {}, func(x1, y1, x2, y2, x, y float64) {})
	}
	for _, r := range cffRunes {
		f.Advance(r)
	}
	return nil
}

// FuzzCFF changes bytes of a small CFF font's CFF table: it is refused
// with a message naming it, or it subsets and draws; nothing panics.
func FuzzCFF(f *testing.F) {
	subs, err := smallCFF()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(uint8(0), uint16(3), byte(1), uint16(0), byte(0))
	f.Add(uint8(1), uint16(40), byte(0x80), uint16(41), byte(0x7F))
	f.Add(uint8(0), uint16(900), byte(0xFF), uint16(2000), byte(0x10))
	f.Fuzz(func(t *testing.T, which uint8, at1 uint16, x1 byte, at2 uint16, x2 byte) {
		good := subs[int(which)%len(subs)]
		at, length := tableOf(good, "CFF ")
		data := append([]byte{}, good...)
		data[at+int(at1)%length] ^= x1
		data[at+int(at2)%length] ^= x2
		if err := damagedCFF(withChecksums(data)); err != nil {
			if strings.HasPrefix(err.Error(), "panic") || !strings.HasPrefix(err.Error(), "x.otf") {
				t.Error(err)
			}
		}
	})
}

// TestCFFOutlinesFindCharactersAboveTheBMP: the preview's reader of a CFF
// font maps characters of CJK Extension B as the layout does, and a
// subset keeps their outlines.
func TestCFFOutlinesFindCharactersAboveTheBMP(t *testing.T) {
	f := openCFF(t, cffFonts[0])
	var astral []rune
	for r := rune(0x20000); r < 0x2A6E0 && len(astral) < 8; r++ {
		if f.Has(r) {
			astral = append(astral, r)
		}
	}
	if len(astral) == 0 {
		t.Fatal("Noto Serif CJK SC maps no character of CJK Extension B")
	}
	whole, err := NewCFFOutlines(f.Data)
	if err != nil {
		t.Fatal(err)
	}
	sub, err := f.Subset(astral)
	if err != nil {
		t.Fatal(err)
	}
	part, err := NewCFFOutlines(sub)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range astral {
		if g := whole.Index(r); g != int(f.index(r)) || g == 0 {
			t.Errorf("%c (U+%X): glyph %d, the layout's %d", r, r, g, f.index(r))
		}
		if a, b := pathOf(t, whole, whole.Index(r)), pathOf(t, part, part.Index(r)); a != b || part.Index(r) == 0 {
			t.Errorf("%c (U+%X): the subset's outline differs", r, r)
		}
	}
}

// BenchmarkSubsetCFF cuts Noto Serif CJK SC down to a notice's 400-odd
// characters, as a build does once a font.
func BenchmarkSubsetCFF(b *testing.B) {
	f := openCFF(b, cffFonts[0])
	var runes []rune
	for r := rune(0x4E00); len(runes) < 400; r += 37 {
		if f.Has(r) {
			runes = append(runes, r)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.Subset(runes); err != nil {
			b.Fatal(err)
		}
	}
}
