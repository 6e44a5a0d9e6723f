package pdf

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/pdfcheck"
)

// The glyphs of a line are drawn in runs, yet each lands where the layout
// put it: read back with mutool, every glyph of lines spaced evenly,
// unevenly (a compressed mark, a word, a spread between atoms) and at a
// size fpdf rounds, is within a hundredth of a point of its place, and an
// evenly spaced line is one text object.
func TestTextRunsPutEveryGlyphInItsPlace(t *testing.T) {
	pdfcheck.RequireTools(t)
	font, err := os.ReadFile(testFont)
	if err != nil {
		t.Fatal(err)
	}
	cell := format.MM(16) * 0.987
	var texts []layout.Text
	line := func(size, y float64, places []float64, text string) {
		var gs []layout.Glyph
		for i, r := range []rune(text) {
			gs = append(gs, layout.Glyph{R: r, X: places[i], Adv: cell})
		}
		texts = append(texts, layout.Text{Style: format.Style{Role: format.FangSong, Size: size, Color: format.Black}, Y: y, Glyphs: gs})
	}
	even := func(n int, x0, pitch float64) []float64 {
		var xs []float64
		for i := 0; i < n; i++ {
			xs = append(xs, x0+float64(i)*pitch)
		}
		return xs
	}
	line(16, 40, even(12, 28, cell), "关于全省政府网站检查情况")
	line(34.0157, 70, even(9, 30, 19.5), "示例县人民政府纪要") // a size written rounded
	uneven := even(15, 28, cell+0.13)
	uneven[5] -= cell / 2 // a compressed mark before it
	for i := 6; i < 15; i++ {
		uneven[i] -= cell / 2
	}
	uneven[9] += 0.777
	line(16, 100, uneven, "检查，发现问题2024年共计项")

	res := &layout.Result{Pages: []layout.Page{{Number: 1, Width: 210, Height: 297, Texts: texts}}}
	var buf bytes.Buffer
	err = Render(&buf, res, Options{
		Font:    func(format.Role) (string, []byte) { return "FandolFang-Regular", font },
		Date:    day,
		Creator: "gongwen test",
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(inflatedContent(t, buf.Bytes()), []byte(" Tj")); n >= 12 {
		t.Errorf("%d text objects for three lines: not drawn in runs", n)
	}
	path := filepath.Join(t.TempDir(), "runs.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	pages, err := pdfcheck.Trace(path)
	if err != nil {
		t.Fatal(err)
	}
	var got []pdfcheck.Glyph
	for _, l := range pdfcheck.Lines(pages[0]) {
		got = append(got, l...)
	}
	var want []layout.Glyph
	for _, tx := range texts {
		want = append(want, tx.Glyphs...)
	}
	if len(got) != len(want) {
		t.Fatalf("%d glyphs read back, want %d", len(got), len(want))
	}
	const tol = 0.01 / pt // a hundredth of a point, in mm
	for i, g := range got {
		if g.Rune != want[i].R || math.Abs(g.X-want[i].X) > tol {
			t.Errorf("glyph %d %q at %.4f mm, want %q at %.4f", i, g.Rune, g.X, want[i].R, want[i].X)
		}
	}
}

// inflatedContent is the page content streams of a PDF, inflated.
func inflatedContent(t *testing.T, b []byte) []byte {
	t.Helper()
	f, err := parseFile(b)
	if err != nil {
		t.Fatal(err)
	}
	var out []byte
	for _, n := range f.order {
		o := f.objs[n]
		if typ, _ := o.get("Type"); strings.TrimSpace(typ) != "/Page" {
			continue
		}
		c, ok := o.ref("Contents")
		if !ok {
			continue
		}
		d, err := f.objs[c].decoded()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d...)
	}
	return out
}
