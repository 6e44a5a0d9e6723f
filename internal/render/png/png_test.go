package png

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	stdpng "image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gongwen/internal/build"
	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/pdfcheck"
	"gongwen/internal/source"
)

// The reference notice, relative to this package's folder.
const noticeSource = "../../../data/chuan-ban-han-2024-114.toml"

// The numbers of GB/T 9704-2012's letter format (clause 10.1) the preview
// is measured against, written out here rather than taken from the format
// package. Millimetres from the page's top-left corner.
const (
	markTop       = 30.0             // the 发文机关标志's top edge
	markSize      = 36.0 * 25.4 / 72 // 小初: the 标志's em, 12.7 mm
	typeCentre    = 106.0            // the 版心's centre line: 28 + 156/2
	markRuleGap   = 4.0              // from the 标志's bottom to the first double line
	ruleLeft      = 21.0             // the double lines are 170 mm long, centred
	ruleRight     = 191.0
	ruleThick     = 0.75
	ruleThin      = 0.25
	ruleGap       = 0.5
	secondRuleTop = 277.0 // 20 mm above the page's bottom edge
)

func noticeJob(t *testing.T) *build.Job {
	t.Helper()
	j, err := noticeOnce()
	if err != nil {
		t.Fatal(err)
	}
	return j
}

var noticeOnce = sync.OnceValues(func() (*build.Job, error) {
	return build.Prepare(noticeSource, build.Options{})
})

func fontsOf(j *build.Job) func(format.Role) []byte {
	return func(r format.Role) []byte { return j.Fonts.Font(r).Data }
}

func render(t *testing.T, j *build.Job, dpi float64) []*image.RGBA {
	t.Helper()
	pages, err := Render(j.Result, fontsOf(j), dpi)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// luminance is a pixel's lightness, 0 (black) to 255 (white), by the
// weights of ITU-R BT.601.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)) / 257
}

// dark is at least half covered by black, or fully by pure red (76).
func dark(c color.Color) bool { return luminance(c) < 128 }

// red is at least half covered by pure red on white: a red pixel covered a
// fraction a is (255, 255(1−a), 255(1−a)).
func red(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return int(r>>8)-int(g>>8) >= 128 && int(r>>8)-int(b>>8) >= 128
}

// ink measures a page image: the bounding box and number of its dark
// pixels, and its total darkness (255 − luminance summed over all pixels,
// which both rasterisers preserve whatever their anti-aliasing).
type ink struct {
	box  image.Rectangle
	dark int
	mass float64
	area int
}

func measure(img image.Image) ink {
	var m ink
	b := img.Bounds()
	m.area = b.Dx() * b.Dy()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := img.At(x, y)
			l := luminance(c)
			m.mass += 255 - l
			if l < 128 {
				m.dark++
				m.box = m.box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return m
}

// band is a run of rows holding a red pixel: [top, bottom) and the columns
// of the red pixels in it.
type band struct {
	top, bottom int
	left, right int
}

// redBands groups the rows of img that hold a red pixel into bands
// separated by at least gap rows with none.
func redBands(img *image.RGBA, gap int) []band {
	var out []band
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		left, right := -1, -1
		for x := b.Min.X; x < b.Max.X; x++ {
			if red(img.RGBAAt(x, y)) {
				if left < 0 {
					left = x
				}
				right = x + 1
			}
		}
		if left < 0 {
			continue
		}
		if n := len(out); n > 0 && y-out[n-1].bottom < gap {
			l := &out[n-1]
			l.bottom = y + 1
			l.left, l.right = min(l.left, left), max(l.right, right)
			continue
		}
		out = append(out, band{y, y + 1, left, right})
	}
	return out
}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// TestLetterHeaderWhereTheStandardPutsIt measures page 1's red pixels at
// 150 dpi (one pixel is 0.17 mm): the 标志, thick-over-thin double line
// under it, and the thin-over-thick double line whose top is 277 mm.
func TestLetterHeaderWhereTheStandardPutsIt(t *testing.T) {
	const dpi = 150
	mm := func(px int) float64 { return float64(px) * 25.4 / dpi }
	page := render(t, noticeJob(t), dpi)[0]
	// Bands more than 1 mm apart: the 标志 and the two double lines; the
	// lines of one double line are 0.5 mm apart, so they form one band.
	bands := redBands(page, int(math.Ceil(dpi/25.4)))
	if len(bands) != 3 {
		t.Fatalf("page 1 has %d bands of red rows, want 3 (标志 and two double lines): %+v", len(bands), bands)
	}
	mark, first, second := bands[0], bands[1], bands[2]

	t.Logf("标志 from (%.2f, %.2f) to (%.2f, %.2f) mm", mm(mark.left), mm(mark.top), mm(mark.right), mm(mark.bottom))
	t.Run("标志", func(t *testing.T) {
		// The standard measures the em box's top; the glyphs' ink starts a
		// little below it.
		if top := mm(mark.top); !near(top, markTop, 1) {
			t.Errorf("top edge at %.2f mm, want %g ± 1", top, markTop)
		}
		if c := (mm(mark.left) + mm(mark.right)) / 2; !near(c, typeCentre, 1) {
			t.Errorf("centred on x = %.2f mm (%.2f to %.2f), want %g ± 1", c, mm(mark.left), mm(mark.right), typeCentre)
		}
		if bottom := mm(mark.bottom); bottom > markTop+markSize+0.2 || bottom < markTop+markSize-2 {
			t.Errorf("bottom edge at %.2f mm, want just above the em box's bottom, %.2f", bottom, markTop+markSize)
		}
	})

	// Each double line: its top, its bottom, both lines' thicknesses in
	// order, and its ends, within about one pixel.
	lines := []struct {
		name        string
		b           band
		top         float64
		thicknesses [2]float64
	}{
		{"first double line", first, markTop + markSize + markRuleGap, [2]float64{ruleThick, ruleThin}},
		{"second double line", second, secondRuleTop, [2]float64{ruleThin, ruleThick}},
	}
	for _, l := range lines {
		t.Run(l.name, func(t *testing.T) {
			const tol = 0.25
			if top := mm(l.b.top); !near(top, l.top, tol) {
				t.Errorf("top edge at %.2f mm, want %.2f ± %g", top, l.top, tol)
			}
			want := l.top + ruleThick + ruleGap + ruleThin
			if bottom := mm(l.b.bottom); !near(bottom, want, tol) {
				t.Errorf("bottom edge at %.2f mm, want %.2f ± %g", bottom, want, tol)
			}
			if !near(mm(l.b.left), ruleLeft, tol) || !near(mm(l.b.right), ruleRight, tol) {
				t.Errorf("from x = %.2f to %.2f mm, want %g to %g ± %g", mm(l.b.left), mm(l.b.right), ruleLeft, ruleRight, tol)
			}
			// The two lines, read down the middle column.
			x := page.Rect.Dx() / 2
			var runs []int
			in := false
			for y := l.b.top; y < l.b.bottom; y++ {
				r := red(page.RGBAAt(x, y))
				if r && !in {
					runs = append(runs, 0)
				}
				if r {
					runs[len(runs)-1]++
				}
				in = r
			}
			if len(runs) != 2 {
				t.Fatalf("%d lines at x = %d px, want 2", len(runs), x)
			}
			for i, n := range runs {
				if w := mm(n); !near(w, l.thicknesses[i], 0.2) {
					t.Errorf("line %d is %.2f mm thick, want %g ± 0.2", i+1, w, l.thicknesses[i])
				}
			}
		})
	}
}

// TestNoInkOutsideTheSheet checks each page's size in pixels, and that
// everything drawn lies within the letter format's outermost elements: the
// double lines' ends (21 and 191 mm), the 标志's top (30 mm) and the second
// double line's bottom (278.5 mm). Anything clipped at the sheet's edge
// would show here.
func TestNoInkOutsideTheSheet(t *testing.T) {
	const dpi = 150
	j := noticeJob(t)
	pages := render(t, j, dpi)
	limit := image.Rect(int(math.Floor(ruleLeft*dpi/25.4)), int(math.Floor(markTop*dpi/25.4)),
		int(math.Ceil(ruleRight*dpi/25.4)), int(math.Ceil((secondRuleTop+ruleThin+ruleGap+ruleThick)*dpi/25.4)))
	for i, img := range pages {
		w, h := int(math.Ceil(210*dpi/25.4)), int(math.Ceil(297*dpi/25.4))
		if img.Rect != image.Rect(0, 0, w, h) {
			t.Errorf("page %d is %v, want an A4 sheet at %d dpi, %d × %d", i+1, img.Rect, dpi, w, h)
		}
		var box image.Rectangle
		for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
			for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
				if c := img.RGBAAt(x, y); c != (color.RGBA{255, 255, 255, 255}) {
					box = box.Union(image.Rect(x, y, x+1, y+1))
				}
			}
		}
		if box.Empty() {
			t.Errorf("page %d is blank", i+1)
		} else if !box.In(limit) {
			t.Errorf("page %d: ink over %v px, beyond the format's outermost elements %v", i+1, box, limit)
		}
	}
}

// TestPagesAgreeWithPoppler builds the notice's PDF and compares each page
// of the preview with pdftoppm's rendering of it at 50 dpi (see agree).
func TestPagesAgreeWithPoppler(t *testing.T) {
	pdfcheck.RequireTools(t, "pdftoppm", "pdfinfo")
	j := noticeJob(t)
	pdf := filepath.Join(t.TempDir(), "notice.pdf")
	if err := build.Build(noticeSource, pdf, build.Options{}); err != nil {
		t.Fatal(err)
	}
	info, err := pdfcheck.Info(pdf)
	if err != nil {
		t.Fatal(err)
	}
	pages := render(t, j, 50)
	if got := fmt.Sprint(len(pages)); got != info["Pages"] {
		t.Fatalf("the preview has %s pages, the PDF %s", got, info["Pages"])
	}
	agree(t, pdf, pages)
}

// TestTurnedPageNumberAndSealAgreeWithPoppler does the same for a document
// with what the notice lacks: a seal image and a landscape annex, whose page
// number is a run turned −90°.
func TestTurnedPageNumberAndSealAgreeWithPoppler(t *testing.T) {
	pdfcheck.RequireTools(t, "pdftoppm", "pdfinfo")
	dir := t.TempDir()
	files := map[string]string{
		"data/doc.toml": `format = "letter"
template = "../templates/body.txt"
issuer = "四川省人民政府办公厅"
title = ["关于测试的通报"]
recipients = "各市（州）人民政府"
signature = "四川省人民政府办公厅"
date = 2024-12-26
number = "川办函〔2024〕114号"
seal = "seal.png"
[[attachments]]
title = "检查情况"
table = "t.toml"
`,
		"data/t.toml": `rows = [["成都", 65], ["自贡", 10]]
orientation = "landscape"
[[columns]]
key = "unit"
title = "单位"
[[columns]]
key = "websites"
title = "网站总数"
figures = true
`,
		"templates/body.txt": "开头的段落。\n\n# 总体情况\n\n对象为二十一个市（州）。\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeSeal(t, filepath.Join(dir, "data/seal.png"))
	fontsDir, err := filepath.Abs("../../../fonts")
	if err != nil {
		t.Fatal(err)
	}
	opt := build.Options{FontsDir: fontsDir}
	src := filepath.Join(dir, "data/doc.toml")
	j, err := build.Prepare(src, opt)
	if err != nil {
		t.Fatal(err)
	}
	turned, images := 0, 0
	for _, p := range j.Result.Pages {
		images += len(p.Images)
		for _, tx := range p.Texts {
			if tx.Rotate == -90 {
				turned++
			}
		}
	}
	if turned != 1 || images != 1 {
		t.Fatalf("the test document has %d turned runs and %d images; the test needs 1 of each", turned, images)
	}
	pdf := filepath.Join(dir, "doc.pdf")
	if err := build.Build(src, pdf, opt); err != nil {
		t.Fatal(err)
	}
	agree(t, pdf, render(t, j, 50))
}

// writeSeal writes a 200 × 200 PNG: a red ring on a transparent ground,
// with soft (half transparent) edges.
func writeSeal(t *testing.T, path string) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 200, 200))
	for y := range 200 {
		for x := range 200 {
			d := math.Hypot(float64(x)-99.5, float64(y)-99.5)
			switch {
			case d > 80 && d < 98:
				img.SetNRGBA(x, y, color.NRGBA{230, 0, 0, 255})
			case d >= 98 && d < 100:
				img.SetNRGBA(x, y, color.NRGBA{230, 0, 0, 100})
			}
		}
	}
	var b bytes.Buffer
	if err := stdpng.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// agree rasterises the PDF with pdftoppm at 50 dpi (one pixel is 0.51 mm)
// and compares each page with the preview's:
//
//   - the same size in pixels;
//   - the bounding box of the dark pixels, each edge within 1 pixel: both
//     draw the same outlines at the same places, and differ only in how
//     they anti-alias and where they quantise (the preview puts glyphs on
//     a quarter pixel, poppler snaps thin rules to whole pixels), which
//     moves an edge pixel across the half-coverage threshold at most. A
//     run misplaced by a millimetre, or a missing page number, moves it by
//     two;
//   - the fraction of dark pixels, within 10 % of poppler's: at 50 dpi the
//     strokes of 小四 table text are about half a pixel wide, so exactly
//     which pixels pass half coverage depends on each rasteriser's
//     coverage arithmetic (exact area in freetype, supersampling in
//     poppler); measured on the notice, the worst page differs by 7 %;
//   - the total darkness, within 1 %: it does not depend on where the
//     threshold falls, and agrees within 0.3 % on every page of the notice;
//     a type size one step off changes it by over 10 %, a missing line of
//     body text by 4 %.
func agree(t *testing.T, pdf string, pages []*image.RGBA) {
	t.Helper()
	paths, err := pdfcheck.PNG(pdf, filepath.Join(t.TempDir(), "p"), 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(pages) {
		t.Fatalf("pdftoppm made %d pages, the preview %d", len(paths), len(pages))
	}
	for i, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := stdpng.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if ref.Bounds() != pages[i].Bounds() {
			t.Errorf("page %d: %v pixels, pdftoppm %v", i+1, pages[i].Bounds(), ref.Bounds())
			continue
		}
		got, want := measure(pages[i]), measure(ref)
		gb, wb := got.box, want.box
		if abs(gb.Min.X-wb.Min.X) > 1 || abs(gb.Min.Y-wb.Min.Y) > 1 || abs(gb.Max.X-wb.Max.X) > 1 || abs(gb.Max.Y-wb.Max.Y) > 1 {
			t.Errorf("page %d: dark pixels within %v, pdftoppm's within %v", i+1, gb, wb)
		}
		gf, wf := float64(got.dark)/float64(got.area), float64(want.dark)/float64(want.area)
		if math.Abs(gf-wf) > 0.10*wf {
			t.Errorf("page %d: %.3f%% of the pixels dark, pdftoppm %.3f%%: more than 10%% apart", i+1, 100*gf, 100*wf)
		}
		if math.Abs(got.mass-want.mass) > 0.01*want.mass {
			t.Errorf("page %d: total darkness %.0f, pdftoppm %.0f: %.2f%% apart, more than 1%%", i+1, got.mass, want.mass, 100*(got.mass-want.mass)/want.mass)
		}
		t.Logf("page %d: dark box %v vs %v; dark %.3f%% vs %.3f%%; darkness %+.2f%%", i+1, gb, wb, 100*gf, 100*wf, 100*(got.mass-want.mass)/want.mass)
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// TestSameBytesEveryRun renders the notice twice, each time from a fresh
// renderer, and compares the encoded PNGs byte for byte.
func TestSameBytesEveryRun(t *testing.T) {
	j := noticeJob(t)
	var runs [2][][]byte
	for k := range runs {
		for _, img := range render(t, j, 96) {
			b, err := Encode(img)
			if err != nil {
				t.Fatal(err)
			}
			runs[k] = append(runs[k], b)
		}
	}
	for i := range runs[0] {
		if !bytes.Equal(runs[0][i], runs[1][i]) {
			t.Errorf("page %d: two renders give different bytes", i+1)
		}
	}
	if _, err := stdpng.Decode(bytes.NewReader(runs[0][0])); err != nil {
		t.Errorf("page 1 is no PNG: %v", err)
	}
}

// synthetic is a 100 × 100 mm page holding one run of "一二" in 三号
// from (40, 50), turned by rot about its start.
func synthetic(rot float64) *layout.Result {
	st := format.Style{Role: format.FangSong, Size: 16, Color: format.Black}
	t := layout.Text{Style: st, Y: 50, Glyphs: []layout.Glyph{{R: '一', X: 40, Adv: 5.6}, {R: '二', X: 45.6, Adv: 5.6}},
		Rotate: rot, PivotX: 40, PivotY: 50}
	return &layout.Result{Pages: []layout.Page{{Number: 1, Width: 100, Height: 100, Texts: []layout.Text{t}}}}
}

// TestTurnedRunsGoWhereTurningPutsThem renders the run upright, turns the
// corners of its ink's box about the pivot by plane geometry, and checks
// that each turned rendering has its ink in that box (within the pixel the
// pivot may be moved to reach a pixel corner) and the same amount of it.
func TestTurnedRunsGoWhereTurningPutsThem(t *testing.T) {
	j := noticeJob(t)
	const dpi = 200
	s := dpi / 25.4
	px, py := 40*s, 50*s
	upright, err := Render(synthetic(0), fontsOf(j), dpi)
	if err != nil {
		t.Fatal(err)
	}
	u := measure(upright[0])
	if u.box.Empty() {
		t.Fatal("the upright run left no ink")
	}
	for _, rot := range []float64{90, 180, -90, 270, -180, 450} {
		pages, err := Render(synthetic(rot), fontsOf(j), dpi)
		if err != nil {
			t.Errorf("%g°: %v", rot, err)
			continue
		}
		got := measure(pages[0])
		// Counter-clockwise as seen on the page, y pointing down.
		th := rot * math.Pi / 180
		c, sn := math.Round(math.Cos(th)), math.Round(math.Sin(th))
		minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, p := range [][2]int{{u.box.Min.X, u.box.Min.Y}, {u.box.Max.X, u.box.Min.Y}, {u.box.Min.X, u.box.Max.Y}, {u.box.Max.X, u.box.Max.Y}} {
			dx, dy := float64(p[0])-px, float64(p[1])-py
			x, y := px+c*dx+sn*dy, py-sn*dx+c*dy
			minX, maxX = min(minX, x), max(maxX, x)
			minY, maxY = min(minY, y), max(maxY, y)
		}
		b := got.box
		if !near(float64(b.Min.X), minX, 1) || !near(float64(b.Max.X), maxX, 1) || !near(float64(b.Min.Y), minY, 1) || !near(float64(b.Max.Y), maxY, 1) {
			t.Errorf("%g°: ink within %v, want (%.1f,%.1f)-(%.1f,%.1f) ± 1", rot, b, minX, minY, maxX, maxY)
		}
		if got.dark != u.dark || !near(got.mass, u.mass, 1e-6*u.mass) {
			t.Errorf("%g°: %d dark pixels and darkness %.0f; upright %d and %.0f", rot, got.dark, got.mass, u.dark, u.mass)
		}
	}
	for _, rot := range []float64{45, -30, 90.5} {
		if _, err := Render(synthetic(rot), fontsOf(j), dpi); err == nil {
			t.Errorf("%g°: no error; only multiples of 90° can be drawn", rot)
		}
	}
}

// TestImagesFillTheirBoxLikeTheStencil draws a seal ring into a box of
// exactly its pixels (200 px at 100 dpi: 50.8 mm) and reads pixels: its red
// on the ring, white in its middle and outside the box, and white on the
// half-transparent rim, as the PDF's one-bit mask (opaque from alpha 50 %)
// has it.
func TestImagesFillTheirBoxLikeTheStencil(t *testing.T) {
	j := noticeJob(t)
	dir := t.TempDir()
	seal := filepath.Join(dir, "seal.png")
	writeSeal(t, seal)
	const dpi = 100
	const x0, y0 = 40, 60 // px
	mm := func(px float64) float64 { return px * 25.4 / dpi }
	res := &layout.Result{Pages: []layout.Page{{Number: 1, Width: 100, Height: 100,
		Images: []layout.Image{{Path: seal, Source: readImage(t, seal), X: mm(x0), Y: mm(y0), W: mm(200), H: mm(200)}}}}}
	pages, err := Render(res, fontsOf(j), dpi)
	if err != nil {
		t.Fatal(err)
	}
	img := pages[0]
	white := color.RGBA{255, 255, 255, 255}
	ring := color.RGBA{230, 0, 0, 255}
	// In the image's pixels: the ring spans radii 80–98 from (99.5, 99.5),
	// the rim 98–100.
	checks := []struct {
		name string
		x, y int
		want color.RGBA
	}{
		{"ring, left", 10, 100, ring},
		{"ring, bottom", 100, 190, ring},
		{"ring, inner edge", 100 + 81, 100, ring},
		{"middle", 100, 100, white},
		{"rim", 99 + 99, 100, white},
		{"box corner", 1, 1, white},
		{"outside the box", -10, 100, white},
		{"beyond the box", 210, 100, white},
	}
	for _, c := range checks {
		if p := img.RGBAAt(x0+c.x, y0+c.y); p != c.want {
			t.Errorf("%s (image pixel %d, %d): %v, want %v", c.name, c.x, c.y, p, c.want)
		}
	}
	// An image the build could not read is an error naming it.
	res.Pages[0].Images[0] = layout.Image{Path: filepath.Join(dir, "none.png"), W: 10, H: 10}
	if _, err := Render(res, fontsOf(j), dpi); err == nil || !bytes.Contains([]byte(err.Error()), []byte("none.png")) {
		t.Errorf("a missing image: %v, want an error naming it", err)
	}
}

// TestWhatSticksOffThePageIsCut draws a rule, a glyph and an image partly
// off the page and a turned run wholly off it: no error, the parts on the
// page drawn up to its edge.
func TestWhatSticksOffThePageIsCut(t *testing.T) {
	j := noticeJob(t)
	seal := filepath.Join(t.TempDir(), "seal.png")
	writeSeal(t, seal)
	const dpi = 100
	s := dpi / 25.4
	st := format.Style{Role: format.FangSong, Size: 16, Color: format.Black}
	res := &layout.Result{Pages: []layout.Page{{Number: 1, Width: 50, Height: 50,
		Rules: []layout.Rule{
			{X1: -20, Y1: 10, X2: 80, Y2: 10, Width: 1, Color: format.Black},
			// Slanting by 1 mm over 2·10⁹: across the page at y = 45.5 mm.
			{X1: -1e9, Y1: 45, X2: 1e9, Y2: 46, Width: 1, Color: format.Red},
			{X1: 1e9, Y1: 20, X2: 2e9, Y2: 20, Width: 1, Color: format.Red},
		},
		Images: []layout.Image{{Path: seal, Source: readImage(t, seal), X: 30, Y: 30, W: 42, H: 42}},
		Texts: []layout.Text{
			{Style: st, Y: 30, Glyphs: []layout.Glyph{{R: '国', X: -2, Adv: 5.6}}},
			{Style: st, Y: 30, Glyphs: []layout.Glyph{{R: '国', X: 200, Adv: 5.6}}, Rotate: 90, PivotX: 200, PivotY: 30},
			{Style: st, Y: 1e12, Glyphs: []layout.Glyph{{R: '国', X: -1e12, Adv: 5.6}}},
			// Reading down from (40, 10) once turned, off the bottom edge.
			{Style: st, Y: 10, Glyphs: glyphs("国国国国国国国国国国", 40, 5.6), Rotate: -90, PivotX: 40, PivotY: 10},
		}}}}
	pages, err := Render(res, fontsOf(j), dpi)
	if err != nil {
		t.Fatal(err)
	}
	img := pages[0]
	y := int(10 * s)
	for _, x := range []int{0, img.Rect.Max.X - 1} {
		if !dark(img.RGBAAt(x, y)) {
			t.Errorf("the rule is not drawn to the page's edge: pixel (%d, %d) is %v", x, y, img.RGBAAt(x, y))
		}
	}
	for _, x := range []float64{0.1, 5, 25} {
		if p := img.RGBAAt(int(x*s), int(45.5*s)); !red(p) {
			t.Errorf("the long slanting rule is not drawn at (%g, 45.5) mm: %v", x, p)
		}
	}
	if m := measure(img.SubImage(image.Rect(0, int(18*s), int(30*s), int(22*s)))); m.dark != 0 {
		t.Errorf("the rule beyond the right edge left %d dark pixels on the page", m.dark)
	}
	m := measure(img.SubImage(image.Rect(0, int(20*s), int(4*s), int(31*s))))
	if m.dark == 0 {
		t.Error("the glyph half off the left edge left no ink")
	}
	if m := measure(img.SubImage(image.Rect(int(30*s), int(30*s), img.Rect.Max.X, img.Rect.Max.Y))); m.dark == 0 {
		t.Error("the image half off the bottom right corner left no ink")
	}
	// The turned run's glyphs stand right of x = 40 mm, their feet on it,
	// their tops towards the right, and nothing is left of their descent.
	for _, y := range []float64{12, 30, 47} {
		if m := measure(img.SubImage(image.Rect(int(40*s), int(y*s), int(46*s), int((y+2)*s)))); m.dark == 0 {
			t.Errorf("the turned run left no ink at y = %g mm", y)
		}
	}
	if m := measure(img.SubImage(image.Rect(int(34*s), int(11*s), int(38.5*s), int(29*s)))); m.dark != 0 {
		t.Errorf("%d dark pixels left of the turned run's feet", m.dark)
	}
}

// glyphs sets s from x, each character adv wide.
func glyphs(s string, x, adv float64) []layout.Glyph {
	var out []layout.Glyph
	for _, r := range s {
		out = append(out, layout.Glyph{R: r, X: x, Adv: adv})
		x += adv
	}
	return out
}

func TestBadInputsAreErrors(t *testing.T) {
	j := noticeJob(t)
	for _, c := range []struct {
		dpi  float64
		want string
	}{
		{0, "0 dpi: want a positive number"},
		{-96, "-96 dpi: want a positive number"},
		{math.NaN(), "NaN dpi: want a positive number"},
		{math.Inf(1), "+Inf dpi: want a positive number"},
		{1e6, "page 1: a page of 210 × 297 mm at 1e+06 dpi is 8267717 × 11692914 pixels; at most 134217728 pixels in all"},
	} {
		if _, err := Render(j.Result, fontsOf(j), c.dpi); err == nil || !strings.HasSuffix(err.Error(), c.want) {
			t.Errorf("%v dpi: error %v, want …%s", c.dpi, err, c.want)
		}
	}
	if _, err := Render(synthetic(0), func(format.Role) []byte { return nil }, 96); err == nil || err.Error() != "page 1: no font for the role fangsong" {
		t.Errorf("no font: error %v", err)
	}
	if _, err := Render(synthetic(0), func(format.Role) []byte { return []byte("not a font") }, 96); err == nil {
		t.Error("a corrupt font: no error")
	}
}

// TestClipKeepsThePartInside clips polygons to a rectangle and measures
// the area left (shoelace formula) against plane geometry.
func TestClipKeepsThePartInside(t *testing.T) {
	area := func(p [][2]float64) float64 {
		a := 0.0
		for i := range p {
			q := p[(i+1)%len(p)]
			a += p[i][0]*q[1] - q[0]*p[i][1]
		}
		return math.Abs(a) / 2
	}
	r := image.Rect(0, 0, 10, 5)
	cases := []struct {
		name string
		poly [][2]float64
		want float64
	}{
		{"inside", [][2]float64{{1, 1}, {3, 1}, {3, 2}, {1, 2}}, 2},
		{"covering", [][2]float64{{-1e9, -1e9}, {1e9, -1e9}, {1e9, 1e9}, {-1e9, 1e9}}, 50},
		{"over the right edge", [][2]float64{{8, 1}, {14, 1}, {14, 2}, {8, 2}}, 2},
		{"over the left and bottom edges", [][2]float64{{-3, 3}, {2, 3}, {2, 9}, {-3, 9}}, 4},
		{"a diamond round the centre", [][2]float64{{5, -5}, {15, 2.5}, {5, 10}, {-5, 2.5}}, 50},
		{"a triangle cut by the top", [][2]float64{{0, -2}, {4, 2}, {0, 2}}, 6},
		{"outside", [][2]float64{{11, 1}, {13, 1}, {13, 2}}, 0},
	}
	for _, c := range cases {
		got := clip(c.poly, r)
		a := 0.0
		if len(got) >= 3 {
			a = area(got)
		}
		if !near(a, c.want, 1e-9) {
			t.Errorf("%s: area %g after clipping, want %g (%v)", c.name, a, c.want, got)
		}
		for _, p := range got {
			if p[0] < 0 || p[0] > 10 || p[1] < 0 || p[1] > 5 {
				t.Errorf("%s: point %v outside %v", c.name, p, r)
			}
		}
	}
}

// readImage reads the picture at path as a build does.
func readImage(t *testing.T, path string) *source.Image {
	t.Helper()
	im, err := source.New().Image(path)
	if err != nil {
		t.Fatal(err)
	}
	return im
}
