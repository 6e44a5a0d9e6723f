package pdfcheck

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

// fontPaths are where the tests look for FandolFang: the repository's fonts/,
// a shared/ beside the checkout, the workplace's shared/.
var fontPaths = []string{
	"../../fonts/FandolFang-Regular.ttf",
	"../../../shared/fonts/FandolFang-Regular.ttf",
	"/work/shared/fonts/FandolFang-Regular.ttf",
}

// build writes a PDF of A4 portrait pages in mm, with FandolFang registered
// and set at 16 pt, drawn by draw, and returns its path.
func build(t *testing.T, draw func(pdf *fpdf.Fpdf)) string {
	t.Helper()
	RequireTools(t)
	var font []byte
	for _, p := range fontPaths {
		if b, err := os.ReadFile(p); err == nil {
			font = b
			break
		}
	}
	if font == nil {
		t.Fatalf("FandolFang-Regular.ttf not found in %v", fontPaths)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("FandolFang", "", font)
	pdf.SetFont("FandolFang", "", 16)
	draw(pdf)
	path := filepath.Join(t.TempDir(), "test.pdf")
	if err := pdf.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// drawGlyphs draws s one glyph at a time from (x, y) mm, CJK glyphs pitch pt
// apart and ASCII ones half that, as a typesetter of official documents does.
func drawGlyphs(pdf *fpdf.Fpdf, x, y, pitch float64, s string) {
	for _, r := range s {
		pdf.Text(x, y, string(r))
		if r < 128 {
			x += pitch / 2 * mmPerPt
		} else {
			x += pitch * mmPerPt
		}
	}
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func nearColor(a, b [3]float64) bool {
	return near(a[0], b[0], 0.005) && near(a[1], b[1], 0.005) && near(a[2], b[2], 0.005)
}

func sameGlyph(got, want Glyph) bool {
	return got.Page == want.Page && got.Rune == want.Rune && got.Font == want.Font &&
		near(got.Size, want.Size, 0.01) && near(got.X, want.X, 0.05) && near(got.Y, want.Y, 0.05) &&
		near(got.Adv, want.Adv, 0.05) && nearColor(got.Color, want.Color)
}

func sameRule(got, want Rule) bool {
	return got.Page == want.Page && got.Fill == want.Fill && nearColor(got.Color, want.Color) &&
		near(got.X1, want.X1, 0.05) && near(got.Y1, want.Y1, 0.05) &&
		near(got.X2, want.X2, 0.05) && near(got.Y2, want.Y2, 0.05) && near(got.Width, want.Width, 0.05)
}

func trace(t *testing.T, path string) []Page {
	t.Helper()
	pages, err := Trace(path)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

func TestTraceGivesFpdfTextPositionsInMillimetresFromTopLeft(t *testing.T) {
	path := build(t, func(pdf *fpdf.Fpdf) {
		pdf.AddPage()
		pdf.SetTextColor(255, 0, 0)
		pdf.Text(30, 40, "川")
		pdf.SetTextColor(0, 0, 0)
		drawGlyphs(pdf, 30+15.79*mmPerPt, 40, 15.79, "办函〔2024〕114号")
	})
	pages := trace(t, path)
	if len(pages) != 1 || !near(pages[0].Width, 210, 0.05) || !near(pages[0].Height, 297, 0.05) {
		t.Fatalf("pages = %+v, want one A4 page", pages)
	}
	glyphs := pages[0].Glyphs
	if got := LineText(glyphs); got != "川办函〔2024〕114号" {
		t.Fatalf("runes = %q", got)
	}
	if font := glyphs[0].Font; !strings.Contains(strings.ToLower(font), "fandolfang") {
		t.Errorf("font = %q, want fpdf's name for the FandolFang family", font)
	}
	x := 30.0
	for i, g := range glyphs {
		want := Glyph{Page: 1, Rune: g.Rune, Font: glyphs[0].Font, Size: 16, X: x, Y: 40, Adv: 16 * mmPerPt}
		x += 15.79 * mmPerPt
		if g.Rune < 128 {
			want.Adv /= 2
			x -= 15.79 / 2 * mmPerPt
		}
		if i == 0 {
			want.Color = [3]float64{1, 0, 0}
		}
		if !sameGlyph(g, want) {
			t.Errorf("glyph %d = %+v, want %+v", i, g, want)
		}
	}
}

func TestTraceGivesLinesAndRectanglesInMillimetres(t *testing.T) {
	path := build(t, func(pdf *fpdf.Fpdf) {
		pdf.AddPage()
		pdf.SetLineWidth(0.35)
		pdf.SetDrawColor(0, 0, 255)
		pdf.Line(20, 100, 190, 100)
		pdf.SetLineWidth(1)
		pdf.SetDrawColor(255, 0, 0)
		pdf.Line(100, 50, 60, 80)
		pdf.SetFillColor(0, 128, 0)
		pdf.Rect(50, 120, 30, 10, "F")
		pdf.SetLineWidth(0.5)
		pdf.SetDrawColor(128, 128, 128)
		pdf.Rect(20, 200, 100, 50, "D")
	})
	gray := 128.0 / 255
	want := []Rule{
		{Page: 1, X1: 20, Y1: 100, X2: 190, Y2: 100, Width: 0.35, Color: [3]float64{0, 0, 1}},
		{Page: 1, X1: 100, Y1: 50, X2: 60, Y2: 80, Width: 1, Color: [3]float64{1, 0, 0}},
		{Page: 1, X1: 50, Y1: 120, X2: 80, Y2: 130, Fill: true, Color: [3]float64{0, gray, 0}},
		{Page: 1, X1: 20, Y1: 200, X2: 120, Y2: 250, Width: 0.5, Color: [3]float64{gray, gray, gray}},
	}
	got := trace(t, path)[0].Rules
	if len(got) != len(want) {
		t.Fatalf("rules = %+v, want %d", got, len(want))
	}
	for i := range want {
		if !sameRule(got[i], want[i]) {
			t.Errorf("rule %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestTraceNumbersPagesAndMeasuresEachOne(t *testing.T) {
	path := build(t, func(pdf *fpdf.Fpdf) {
		pdf.AddPage()
		pdf.Text(20, 30, "一")
		pdf.AddPageFormat("L", fpdf.SizeType{Wd: 210, Ht: 297})
		pdf.Text(10, 20, "二")
	})
	pages := trace(t, path)
	if len(pages) != 2 {
		t.Fatalf("got %d pages, want 2", len(pages))
	}
	p := pages[1]
	if p.Number != 2 || !near(p.Width, 297, 0.05) || !near(p.Height, 210, 0.05) {
		t.Errorf("page 2 is %d: %.2f x %.2f mm, want 2: 297 x 210", p.Number, p.Width, p.Height)
	}
	if g := p.Glyphs[0]; g.Page != 2 || g.Rune != '二' || !near(g.X, 10, 0.05) || !near(g.Y, 20, 0.05) {
		t.Errorf("page 2 glyph = %+v, want 二 at (10, 20)", g)
	}
}

// page wraps elements in a trace document with one A4 page.
func page(elements string) string {
	return `<?xml version="1.0"?><document name="x.pdf"><page mediabox="0 0 595.28 841.89">` +
		elements + `</page></document>`
}

const flip = `transform="1 0 0 -1 0 841.89"`

func TestParseTraceKeepsOnlyVisibleMarks(t *testing.T) {
	pt := mmPerPt
	tests := []struct {
		name   string
		xml    string
		glyphs []Glyph
		rules  []Rule
	}{{
		name: "gray and CMYK colours become RGB",
		xml: `<fill_text colorspace="DeviceGray" color=".5" ` + flip + `><span font="F" trm="10 0 0 10">
			<g unicode="a" x="72" y="769.89" adv=".5"/></span></fill_text>
			<fill_path colorspace="DeviceCMYK" color="0 1 1 0" ` + flip + `><moveto x="0" y="0"/><lineto x="72" y="0"/>
			<lineto x="72" y="-72"/><closepath/></fill_path>`,
		glyphs: []Glyph{{Page: 1, Rune: 'a', Font: "F", Size: 10, X: 25.4, Y: 25.4, Adv: 5 * pt, Color: [3]float64{.5, .5, .5}}},
		rules:  []Rule{{Page: 1, X1: 0, Y1: 841.89 * pt, X2: 25.4, Y2: 913.89 * pt, Fill: true, Color: [3]float64{1, 0, 0}}},
	}, {
		name: "clip and invisible text and clip paths draw nothing",
		xml: `<clip_text ` + flip + `><span font="F" trm="10 0 0 10"><g unicode="c" x="0" y="0" adv="1"/></span></clip_text>
			<ignore_text ` + flip + `><span font="F" trm="10 0 0 10"><g unicode="i" x="0" y="0" adv="1"/></span></ignore_text>
			<clip_path ` + flip + `><moveto x="0" y="0"/><lineto x="9" y="9"/></clip_path><pop_clip/>`,
	}, {
		name: "the outline of filled text is not a second glyph",
		xml: `<fill_text colorspace="DeviceRGB" color="0 0 1" ` + flip + `><span font="F" trm="10 0 0 10"><g unicode="b" x="72" y="769.89" adv="1"/></span></fill_text>
			<stroke_text colorspace="DeviceRGB" color="1 0 0" ` + flip + `><span font="F" trm="10 0 0 10"><g unicode="b" x="72" y="769.89" adv="1"/></span></stroke_text>`,
		glyphs: []Glyph{{Page: 1, Rune: 'b', Font: "F", Size: 10, X: 25.4, Y: 25.4, Adv: 10 * pt, Color: [3]float64{0, 0, 1}}},
	}, {
		name: "unknown and nested elements and entities are read through",
		xml: `<group isolated="1"><layer name="x"/><clip_path ` + flip + `><moveto x="0" y="0"/></clip_path>
			<fill_text colorspace="DeviceGray" color="0" ` + flip + `><span font="A&amp;B" trm="10 0 0 10"><g unicode="&lt;" glyph="less" x="0" y="841.89" adv="1"/></span></fill_text>
			</group>`,
		glyphs: []Glyph{{Page: 1, Rune: '<', Font: "A&B", Size: 10, Adv: 10 * pt}},
	}, {
		name: "a scaled transform scales size, advance and line width",
		xml: `<fill_text colorspace="DeviceGray" color="0" transform="2 0 0 -2 0 841.89"><span font="F" trm="10 0 0 10"><g unicode="s" x="36" y="0" adv=".5"/></span></fill_text>
			<stroke_path linewidth=".5" colorspace="DeviceGray" color="1" transform="2 0 0 -2 0 841.89"><moveto x="0" y="0"/><curveto x1="36" y1="36" x2="72" y2="0" x3="36" y3="-36"/></stroke_path>`,
		glyphs: []Glyph{{Page: 1, Rune: 's', Font: "F", Size: 20, X: 25.4, Y: 841.89 * pt, Adv: 10 * pt}},
		rules:  []Rule{{Page: 1, X1: 0, Y1: 769.89 * pt, X2: 50.8, Y2: 913.89 * pt, Width: 1 * pt, Color: [3]float64{1, 1, 1}}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, err := parseTrace(strings.NewReader(page(tt.xml)))
			if err != nil {
				t.Fatal(err)
			}
			got := pages[0]
			if len(got.Glyphs) != len(tt.glyphs) || len(got.Rules) != len(tt.rules) {
				t.Fatalf("got glyphs %+v rules %+v, want %+v %+v", got.Glyphs, got.Rules, tt.glyphs, tt.rules)
			}
			for i, want := range tt.glyphs {
				if !sameGlyph(got.Glyphs[i], want) {
					t.Errorf("glyph %d = %+v, want %+v", i, got.Glyphs[i], want)
				}
			}
			for i, want := range tt.rules {
				if !sameRule(got.Rules[i], want) {
					t.Errorf("rule %d = %+v, want %+v", i, got.Rules[i], want)
				}
			}
		})
	}
}

func TestParseTraceRejectsBrokenNumbers(t *testing.T) {
	_, err := parseTrace(strings.NewReader(page(`<fill_path color="0" transform="1 0 0"></fill_path>`)))
	if err == nil {
		t.Fatal("want an error for a transform of three numbers")
	}
}

func TestLinesGroupsGlyphsByBaseline(t *testing.T) {
	g := func(r rune, x, y float64) Glyph { return Glyph{Rune: r, X: x, Y: y} }
	tests := []struct {
		name   string
		glyphs []Glyph
		want   []string
	}{
		{"no glyphs, no lines", nil, nil},
		{"left to right within a line", []Glyph{g('b', 20, 10), g('a', 10, 10)}, []string{"ab"}},
		{"top to bottom across lines", []Glyph{g('2', 10, 30), g('1', 10, 10)}, []string{"1", "2"}},
		{"baselines 0.4 mm apart share a line", []Glyph{g('a', 10, 10), g('b', 20, 10.4)}, []string{"ab"}},
		{"baselines 0.6 mm apart do not", []Glyph{g('a', 10, 10), g('b', 20, 10.6)}, []string{"a", "b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, line := range Lines(Page{Glyphs: tt.glyphs}) {
				got = append(got, LineText(line))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("lines = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTextJoinsCJKGlyphsDrawnOneByOneUnlessSpreadWide(t *testing.T) {
	// 16 pt glyphs; pdftotext starts a word at a gap of about 0.1 em.
	tests := []struct {
		pitch float64 // pt
		want  string
	}{
		{15.79, "川办函〔2024〕114号"},
		{16, "川办函〔2024〕114号"},
		{16.5, "川办函〔2024〕114号"},
		{17.5, "川办函〔2024〕114号"},
		{20, "川 办 函 〔 2024〕 114号"},
	}
	path := build(t, func(pdf *fpdf.Fpdf) {
		pdf.AddPage()
		for i, tt := range tests {
			drawGlyphs(pdf, 20, 30+15*float64(i), tt.pitch, "川办函〔2024〕114号")
		}
	})
	text, err := Text(path)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	if len(lines) != len(tests) {
		t.Fatalf("text = %q, want %d lines", text, len(tests))
	}
	for i, tt := range tests {
		if lines[i] != tt.want {
			t.Errorf("pitch %v pt: %q, want %q", tt.pitch, lines[i], tt.want)
		}
	}
}

func TestPageTextsSplitsOnFormFeed(t *testing.T) {
	path := build(t, func(pdf *fpdf.Fpdf) {
		for _, s := range []string{"第一页", "第二页"} {
			pdf.AddPage()
			pdf.Text(20, 30, s)
		}
	})
	pages, err := PageTexts(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || strings.TrimSpace(pages[0]) != "第一页" || strings.TrimSpace(pages[1]) != "第二页" {
		t.Errorf("pages = %q, want 第一页 and 第二页", pages)
	}
}

func TestInfoReadsUTF8Metadata(t *testing.T) {
	path := build(t, func(pdf *fpdf.Fpdf) {
		pdf.SetTitle("关于印发《办法》的通知", true)
		pdf.SetAuthor("四川省人民政府办公厅", true)
		pdf.SetSubject("通知", true)
		pdf.SetKeywords("公文 通知", true)
		pdf.AddPage()
		pdf.AddPage()
	})
	info, err := Info(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Title": "关于印发《办法》的通知", "Author": "四川省人民政府办公厅", "Subject": "通知",
		"Keywords": "公文 通知", "Pages": "2", "Page size": "595.28 x 841.89 pts (A4)",
	}
	for k, v := range want {
		if info[k] != v {
			t.Errorf("%s = %q, want %q", k, info[k], v)
		}
	}
	if info["PDF version"] == "" {
		t.Errorf("no PDF version in %v", info)
	}
}

func TestOutlineListsBookmarkTitlesInOrder(t *testing.T) {
	titles := []string{"一、总则", `（一）"引号" 与 \ 号`, "1. 第三级", "二、附则"}
	levels := []int{0, 1, 2, 0}
	path := build(t, func(pdf *fpdf.Fpdf) {
		pdf.AddPage()
		for i, s := range titles {
			pdf.Bookmark(s, levels[i], -1)
		}
	})
	got, err := Outline(path)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", titles) {
		t.Errorf("outline = %q, want %q", got, titles)
	}
}

func TestPNGReturnsOnePathPerPageInOrder(t *testing.T) {
	tests := []struct {
		pages int
		first string // pdftoppm pads page numbers to the page count's digits
	}{{2, "page-1.png"}, {10, "page-01.png"}}
	for _, tt := range tests {
		n := tt.pages
		t.Run(fmt.Sprint(n, " pages"), func(t *testing.T) {
			path := build(t, func(pdf *fpdf.Fpdf) {
				for range n {
					pdf.AddPage()
				}
			})
			prefix := filepath.Join(t.TempDir(), "page")
			paths, err := PNG(path, prefix, 36)
			if err != nil {
				t.Fatal(err)
			}
			if len(paths) != n || filepath.Base(paths[0]) != tt.first || paths[n-1] != fmt.Sprintf("%s-%d.png", prefix, n) {
				t.Fatalf("paths = %q", paths)
			}
			f, err := os.Open(paths[0])
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			cfg, err := png.DecodeConfig(f)
			if err != nil {
				t.Fatal(err)
			}
			if !near(float64(cfg.Width), 210/25.4*36, 1) || !near(float64(cfg.Height), 297/25.4*36, 1) {
				t.Errorf("page 1 is %dx%d px, want A4 at 36 dpi", cfg.Width, cfg.Height)
			}
		})
	}
}

// fakeTB records how a test was failed or skipped.
type fakeTB struct {
	testing.TB
	fatal, skip string
}

func (f *fakeTB) Helper()                        {}
func (f *fakeTB) Fatalf(format string, a ...any) { f.fatal = fmt.Sprintf(format, a...) }
func (f *fakeTB) Skipf(format string, a ...any)  { f.skip = fmt.Sprintf(format, a...) }
func (f *fakeTB) Skip(a ...any)                  { f.skip = fmt.Sprint(a...) }
func (f *fakeTB) SkipNow()                       { f.skip = "SkipNow" }

func TestRequireToolsFailsAndSaysHowToInstall(t *testing.T) {
	tb := &fakeTB{TB: t}
	RequireTools(tb, "mutool", "no-such-tool-pdfcheck")
	want := "pdfcheck: no-such-tool-pdfcheck not found on PATH; run `make test`, which installs poppler-utils and mupdf-tools"
	if tb.fatal != want || tb.skip != "" {
		t.Errorf("fatal %q, skip %q", tb.fatal, tb.skip)
	}
}

func TestTraceGivesImageBoxesInMillimetres(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 4, 2))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	path := build(t, func(pdf *fpdf.Fpdf) {
		pdf.AddPage()
		pdf.RegisterImageOptionsReader("i", fpdf.ImageOptions{ImageType: "png"}, bytes.NewReader(b.Bytes()))
		pdf.ImageOptions("i", 30, 40, 42, 21, false, fpdf.ImageOptions{}, 0, "")
	})
	got := trace(t, path)[0].Images
	if len(got) != 1 || !near(got[0].X, 30, 0.01) || !near(got[0].Y, 40, 0.01) || !near(got[0].W, 42, 0.01) || !near(got[0].H, 21, 0.01) {
		t.Errorf("images = %+v, want one at (30, 40), 42 × 21 mm", got)
	}
}
