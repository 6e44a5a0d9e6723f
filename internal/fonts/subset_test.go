package fonts

import (
	"bytes"
	"path/filepath"
	"testing"

	"codeberg.org/go-pdf/fpdf"
	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

const sample = "川办函〔2024〕114号关于政府网站与政务新媒体检查，。、；：“”（）《》—…％ABCxyz"

func TestSubsetKeepsEachCharactersGlyphAndAdvance(t *testing.T) {
	files, _ := filepath.Glob("../../fonts/*.ttf")
	if len(files) != 6 {
		t.Fatalf("found %d default fonts, want 6 (five roles' and the fallback)", len(files))
	}
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			f, err := Open(p)
			if err != nil {
				t.Fatal(err)
			}
			sub, err := f.Subset([]rune(sample))
			if err != nil {
				t.Fatal(err)
			}
			if len(sub) > len(f.Data)/20 {
				t.Errorf("subset is %d bytes of %d: not cut down", len(sub), len(f.Data))
			}
			s, err := truetype.Parse(sub)
			if err != nil {
				t.Fatalf("subset does not parse: %v", err)
			}
			scale := fixed.Int26_6(f.ttf.FUnitsPerEm())
			var a, b truetype.GlyphBuf
			for _, r := range sample {
				gi, si := f.ttf.Index(r), s.Index(r)
				if gi == 0 {
					continue
				}
				if si == 0 {
					t.Errorf("%q lost from the subset", r)
					continue
				}
				if f.ttf.HMetric(scale, gi) != s.HMetric(scale, si) {
					t.Errorf("%q: metrics %v, want %v", r, s.HMetric(scale, si), f.ttf.HMetric(scale, gi))
				}
				if err := a.Load(f.ttf, scale, gi, font.HintingNone); err != nil {
					t.Fatal(err)
				}
				if err := b.Load(s, scale, si, font.HintingNone); err != nil {
					t.Fatalf("%q: %v", r, err)
				}
				if len(a.Points) != len(b.Points) || (len(a.Points) > 0 && a.Points[len(a.Points)-1] != b.Points[len(b.Points)-1]) {
					t.Errorf("%q: outline of %d points, want %d", r, len(b.Points), len(a.Points))
				}
			}
			// Each table's checksum, and the head table's adjustment that
			// makes the whole file's 0xB1B0AFBA (OpenType, "Calculating
			// checksums"), summed here word by word.
			words := func(b []byte) (sum uint32) {
				for i := 0; i < len(b); i += 4 {
					w := make([]byte, 4)
					copy(w, b[i:])
					sum += uint32(w[0])<<24 | uint32(w[1])<<16 | uint32(w[2])<<8 | uint32(w[3])
				}
				return sum
			}
			if sum := words(sub); sum != 0xB1B0AFBA {
				t.Errorf("the file's checksum is %#x, want 0xB1B0AFBA", sum)
			}
			for i, n := 0, int(sub[4])<<8|int(sub[5]); i < n; i++ {
				rec := sub[12+16*i:]
				off, length := int(be32(rec[8:])), int(be32(rec[12:]))
				table := append([]byte(nil), sub[off:off+length]...)
				if string(rec[:4]) == "head" {
					clear(table[8:12])
				}
				if got, want := be32(rec[4:]), words(table); got != want {
					t.Errorf("%s: checksum %#x, want %#x", rec[:4], got, want)
				}
			}
			// The PDF library accepts it.
			pdf := fpdf.New("P", "mm", "A4", "")
			pdf.AddUTF8FontFromBytes("sub", "", sub)
			pdf.AddPage()
			pdf.SetFont("sub", "", 16)
			pdf.Text(20, 20, sample)
			var out bytes.Buffer
			if err := pdf.Output(&out); err != nil {
				t.Errorf("fpdf refuses the subset: %v", err)
			}
		})
	}
}

func be32(b []byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func TestSubsetRefusesDamagedFontsWithoutPanicking(t *testing.T) {
	f, err := Open("../../fonts/FandolFang-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 11, 200, 4000} {
		if _, err := subsetTrueType(f.Data[:n], []rune("中"), func(rune) int { return 5 }); err == nil {
			t.Errorf("a font cut to %d bytes was accepted", n)
		}
	}
}

// BenchmarkSubset cuts the body font down to 1,000 characters, about what
// a long notice sets in it.
func BenchmarkSubset(b *testing.B) {
	f, err := Open("../../fonts/FandolFang-Regular.ttf")
	if err != nil {
		b.Fatal(err)
	}
	var runes []rune
	for r := rune(0x20); len(runes) < 1000; r++ {
		if f.Has(r) {
			runes = append(runes, r)
		}
		if r == 0x7E {
			r = 0x4DFF
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := f.Subset(runes); err != nil {
			b.Fatal(err)
		}
	}
}

// The characters may come in any order and more than once: the subset is
// the one of each character once, in order.
func TestSubsetOfCharactersInAnyOrder(t *testing.T) {
	f, err := Open("../../fonts/FandolFang-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	want, err := f.Subset([]rune("ABC中国文"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.Subset([]rune("文中A国BC中A文"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("the subset depends on the characters' order or repetition")
	}
}
