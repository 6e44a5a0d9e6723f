package pdf

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golang/freetype/truetype"

	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/pdfcheck"
)

// Two characters that the font draws with one glyph still read back as
// themselves: each has a CID of its own, mapped to the shared glyph.
// (Were the CIDs the glyphs, the ToUnicode map could name only one of
// them, and the other would read back wrong.)
func TestCharactersSharingAGlyphReadBackAsWritten(t *testing.T) {
	data, err := os.ReadFile(testFont)
	if err != nil {
		t.Fatal(err)
	}
	ttf, err := truetype.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	first := map[truetype.Index]rune{}
	var a, b rune
	for r := rune(0x2E80); r <= 0xFFFF && a == 0; r++ {
		g := ttf.Index(r)
		if g == 0 {
			continue
		}
		if o, ok := first[g]; ok {
			a, b = o, r
		} else {
			first[g] = r
		}
	}
	if a == 0 {
		t.Fatalf("%s has no two characters with one glyph; choose a font that has", testFont)
	}
	pdf := filepath.Join(t.TempDir(), "shared.pdf")
	if err := os.WriteFile(pdf, renderSample(t, string([]rune{a, b, a}), day), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext not found on PATH; run `make test`, which installs it")
	}
	out, err := exec.Command("pdftotext", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// pdftotext may put a radical on a line of its own: the characters
	// matter here, not the lines.
	if got, want := strings.Join(strings.Fields(string(out)), ""), string([]rune{a, b, a}); got != want {
		t.Errorf("U+%04X and U+%04X share a glyph: read back %q, want %q", a, b, got, want)
	}
}

func TestAllCIDs(t *testing.T) {
	for _, c := range []struct {
		n    int
		want []byte
	}{
		{1, []byte{0x80}},
		{3, []byte{0xE0}},
		{8, []byte{0xFF}},
		{9, []byte{0xFF, 0x80}},
		{16, []byte{0xFF, 0xFF}},
	} {
		if got := allCIDs(c.n); string(got) != string(c.want) {
			t.Errorf("allCIDs(%d) = %08b, want %08b", c.n, got, c.want)
		}
	}
}

// The text state (font size, colour, character spacing) is written only
// where it changes, and a turned text (a landscape page's number) is drawn
// inside q … Q, which restores the state from before it: the text after it
// must still get its own size and colour, not the turned text's.
func TestTextStateAfterATurnedText(t *testing.T) {
	pdfcheck.RequireTools(t)
	font, err := os.ReadFile(testFont)
	if err != nil {
		t.Fatal(err)
	}
	run := func(s string, x float64) []layout.Glyph {
		var gs []layout.Glyph
		for _, r := range s {
			gs = append(gs, layout.Glyph{R: r, X: x})
			x += 7
		}
		return gs
	}
	texts := []layout.Text{
		{Style: format.Style{Role: format.FangSong, Size: 16, Color: format.Red}, Y: 40, Glyphs: run("红十六", 30)},
		{Style: format.Style{Role: format.FangSong, Size: 14, Color: format.Black}, Y: 100, Glyphs: run("转", 100), Rotate: -90, PivotX: 100, PivotY: 100},
		{Style: format.Style{Role: format.FangSong, Size: 14, Color: format.Black}, Y: 150, Glyphs: run("黑十四", 30)},
	}
	res := &layout.Result{Pages: []layout.Page{{Number: 1, Width: 297, Height: 210, Texts: texts}}}
	var buf bytes.Buffer
	if err := Render(&buf, res, Options{
		Font:    func(format.Role) (string, []byte) { return "FandolFang-Regular", font },
		Date:    day,
		Creator: "gongwen test",
	}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "state.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	pages, err := pdfcheck.Trace(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[rune]struct {
		size  float64
		color [3]float64
	}{'红': {16, [3]float64{1, 0, 0}}, '转': {14, [3]float64{}}, '黑': {14, [3]float64{}}, '四': {14, [3]float64{}}}
	seen := 0
	for _, g := range pages[0].Glyphs {
		w, ok := want[g.Rune]
		if !ok {
			continue
		}
		seen++
		if math.Abs(g.Size-w.size) > 0.01 || g.Color != w.color {
			t.Errorf("%c drawn at %.2f pt in %v, want %.0f pt in %v", g.Rune, g.Size, g.Color, w.size, w.color)
		}
	}
	if seen != 4 {
		t.Errorf("%d of the 4 glyphs checked were read back", seen)
	}
}
