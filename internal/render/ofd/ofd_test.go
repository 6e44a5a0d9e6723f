package ofd_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"gongwen/internal/build"
	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/ofdcheck"
	"gongwen/internal/pdfcheck"
)

// notice is the reference notice's data file.
const notice = "../../../data/chuan-ban-han-2024-114.toml"

// sample is the notice's pages and what the layout can add to them that the
// notice lacks, built once: the notice itself, a seal (a red ring, opaque
// or clear) over its 成文日期, and a landscape page with a rule, a line of
// text and its page number turned on its side, as annex pages have them.
type sample struct {
	job      *build.Job
	pdf, ofd []byte
	pdfPath  string
	seal     string
}

var (
	sampleOnce sync.Once
	theSample  *sample
	sampleErr  error
)

func getSample(t *testing.T) *sample {
	t.Helper()
	sampleOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ofd-test-")
		if err != nil {
			sampleErr = err
			return
		}
		theSample, sampleErr = makeSample(dir)
	})
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	return theSample
}

func TestMain(m *testing.M) {
	code := m.Run()
	if theSample != nil {
		os.RemoveAll(filepath.Dir(theSample.pdfPath))
	}
	os.Exit(code)
}

func makeSample(dir string) (*sample, error) {
	j, err := build.Prepare(notice, build.Options{})
	if err != nil {
		return nil, err
	}
	s := &sample{job: j, seal: filepath.Join(dir, "seal.png"), pdfPath: filepath.Join(dir, "notice.pdf")}
	if err := writeSeal(s.seal); err != nil {
		return nil, err
	}
	pages := j.Result.Pages
	// The seal on the page of the last level-1 heading's end: any page will
	// do; this one has text under it.
	last := &pages[3]
	last.Images = append(last.Images, layout.Image{Path: s.seal, X: 120, Y: 150, W: 42, H: 42})
	j.Result.Pages = append(pages, landscape(j, len(pages)+1))
	if s.pdf, err = j.Render(build.Options{}); err != nil {
		return nil, err
	}
	if s.ofd, err = j.RenderOFD(build.Options{}); err != nil {
		return nil, err
	}
	return s, os.WriteFile(s.pdfPath, s.pdf, 0o644)
}

// writeSeal draws a 200×200 PNG: a red ring, clear around and inside it.
func writeSeal(path string) error {
	img := image.NewNRGBA(image.Rect(0, 0, 200, 200))
	for y := range 200 {
		for x := range 200 {
			d := math.Hypot(float64(x)-99.5, float64(y)-99.5)
			if d < 98 && d > 80 || d < 30 {
				img.Set(x, y, color.NRGBA{R: 230, A: 255})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// landscape is an A4 page on its side with a red rule, a line of body text
// and its number turned as the layout turns an annex page's.
func landscape(j *build.Job, n int) layout.Page {
	body := j.Format.Body
	num := format.Style{Role: format.SongTi, Size: 14, Color: format.Black}
	run := func(s string, st format.Style, x, y float64) layout.Text {
		t := layout.Text{Style: st, Y: y}
		f := j.Fonts.Font(st.Role)
		for _, r := range s {
			a := f.Advance(r) * format.MM(st.Size)
			t.Glyphs = append(t.Glyphs, layout.Glyph{R: r, X: x, Adv: a})
			x += a
		}
		return t
	}
	p := layout.Page{Number: n, Width: 297, Height: 210}
	p.Rules = append(p.Rules, layout.Rule{X1: 37, Y1: 40, X2: 262, Y2: 40, Width: 0.35, Color: format.Red})
	p.Texts = append(p.Texts, run("附件3　横排页面的正文文字", body, 37, 60))
	pn := run(fmtNum(n), num, 200, 0)
	pn.PivotX, pn.PivotY = 280, 150
	for i := range pn.Glyphs {
		pn.Glyphs[i].X += pn.PivotX - 200
	}
	pn.Y, pn.Rotate = pn.PivotY, -90
	p.Texts = append(p.Texts, pn)
	return p
}

func fmtNum(n int) string { return "— " + string(rune('0'+n%10)) + " —" }

// readBoth reads the sample's OFD back and traces its PDF.
func readBoth(t *testing.T) (*sample, *ofdcheck.Package, []pdfcheck.Page) {
	t.Helper()
	s := getSample(t)
	pkg, err := ofdcheck.Read(s.ofd)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := pdfcheck.Trace(s.pdfPath)
	if err != nil {
		t.Fatal(err)
	}
	return s, pkg, pages
}

// TestPackageStructure reads the package back and checks what the standard
// asks of its structure (ofdcheck.Read fails on a duplicate ID, a dangling
// reference, a missing or unreferenced file, an element outside the OFD
// namespace), then that it has the PDF's pages, sizes in millimetres,
// metadata, outline and archive record.
func TestPackageStructure(t *testing.T) {
	s, pkg, pages := readBoth(t)
	if len(pkg.Pages) != len(pages) {
		t.Fatalf("%d OFD pages, %d PDF pages", len(pkg.Pages), len(pages))
	}
	for i, p := range pkg.Pages {
		if math.Abs(p.Width-pages[i].Width) > 0.01 || math.Abs(p.Height-pages[i].Height) > 0.01 {
			t.Errorf("page %d: OFD %g × %g mm, PDF %.3f × %.3f mm", i+1, p.Width, p.Height, pages[i].Width, pages[i].Height)
		}
	}
	meta := s.job.Result.Meta
	for k, want := range map[string]string{"Title": meta.Title, "Author": meta.Author, "Subject": meta.Subject, "CreationDate": "2024-12-26", "Creator": "gongwen", "CreatorVersion": build.Version} {
		if got := pkg.Info[k]; got != want {
			t.Errorf("DocInfo %s = %q, want %q", k, got, want)
		}
	}
	if id := pkg.Info["DocID"]; len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "" {
		t.Errorf("DocID %q is not 32 hex digits", id)
	}
	if strings.Join(pkg.Keywords, ",") != strings.Join(meta.Keywords, ",") {
		t.Errorf("Keywords %q, want %q", pkg.Keywords, meta.Keywords)
	}
	// The outline: the level-1 headings, each pointing at its page and
	// baseline region as the PDF's bookmarks do.
	want, err := pdfcheck.Outline(s.pdfPath)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range pkg.Outline {
		got = append(got, o.Title)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") || len(got) == 0 {
		t.Errorf("outline %q, PDF bookmarks %q", got, want)
	}
	for _, o := range pkg.Outline {
		found := false
		for i, p := range s.job.Result.Pages {
			for _, m := range p.Marks {
				if m.Title == o.Title && pkg.Pages[i].ID == o.PageID && math.Abs(m.Y-o.Top) < 0.001 {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("outline entry %q points at page ID %d, top %g: no such mark", o.Title, o.PageID, o.Top)
		}
	}
	// The record: the same sources, in the same order, as the PDF's.
	rec, err := s.job.Record()
	if err != nil {
		t.Fatal(err)
	}
	var sources []string
	for _, c := range pkg.Custom {
		if c[0] == "gongwen:source" {
			sources = append(sources, c[1])
		}
	}
	if len(sources) != len(rec.Sources) {
		t.Fatalf("%d sources recorded, want %d", len(sources), len(rec.Sources))
	}
	for i, src := range rec.Sources {
		if sources[i] != src.SHA256+"  "+src.Path {
			t.Errorf("source %d: %q, want %q", i, sources[i], src.SHA256+"  "+src.Path)
		}
	}
	// Every font is a subset: a TrueType file far smaller than its source.
	for _, f := range pkg.Fonts {
		b := pkg.Files[f.File]
		if !bytes.HasPrefix(b, []byte{0, 1, 0, 0}) && !bytes.HasPrefix(b, []byte("true")) {
			t.Errorf("font %s (%s) is not TrueType", f.File, f.FontName)
		}
		if len(b) > 1<<20 {
			t.Errorf("font %s (%s) has %d bytes: not a subset", f.File, f.FontName, len(b))
		}
	}
}

// TestGlyphsMatchThePDF compares every glyph the OFD draws with the PDF's
// (mutool's trace), in drawing order: the same character, the same origin
// within 0.01 mm, the same size and colour, the same turn. Spaces, which
// draw nothing, are not in the OFD (see text in ofd.go), so not compared.
func TestGlyphsMatchThePDF(t *testing.T) {
	_, pkg, pages := readBoth(t)
	total := 0
	for i, pp := range pages {
		if i >= len(pkg.Pages) {
			break
		}
		var want []pdfcheck.Glyph
		for _, g := range pp.Glyphs {
			if !unicode.IsSpace(g.Rune) {
				want = append(want, g)
			}
		}
		got := pkg.Pages[i].Glyphs
		if len(got) != len(want) {
			t.Errorf("page %d: %d glyphs in the OFD, %d in the PDF", i+1, len(got), len(want))
		}
		bad := 0
		for k := 0; k < min(len(got), len(want)); k++ {
			g, w := got[k], want[k]
			sizePt := g.Size * format.PtPerMM
			ok := g.Rune == w.Rune && math.Abs(g.X-w.X) <= 0.01 && math.Abs(g.Y-w.Y) <= 0.01 &&
				math.Abs(sizePt-w.Size) <= 0.01
			for c := range 3 {
				ok = ok && math.Abs(float64(g.Color[c])/255-w.Color[c]) < 0.003
			}
			if !ok && bad < 5 {
				t.Errorf("page %d glyph %d: OFD %q at (%.3f, %.3f) %.2fpt %v, PDF %q at (%.3f, %.3f) %.2fpt %v",
					i+1, k, g.Rune, g.X, g.Y, sizePt, g.Color, w.Rune, w.X, w.Y, w.Size, w.Color)
			}
			if !ok {
				bad++
			}
		}
		total += len(got)
	}
	if total < 1000 {
		t.Errorf("only %d glyphs compared", total)
	}
	// The turned page number: turned a quarter clockwise, as the PDF's.
	last := pkg.Pages[len(pkg.Pages)-1]
	turned := 0
	for _, g := range last.Glyphs {
		if g.Turn == -90 {
			turned++
		}
	}
	if turned != 3 { // "—", the digit, "—"
		t.Errorf("the landscape page has %d turned glyphs, want 3", turned)
	}
}

// TestPageTextMatchesPdftotext compares each page's text, read from the
// TextCodes in their order, with the PDF's text of that page in the order
// of its content stream (`pdftotext -raw`), white space removed from both.
// (pdftotext's default and -layout modes reorder a page by printed lines,
// interleaving a table's cells, and split a vertical cell by its own
// heuristics; the glyph test checks positions.)
func TestPageTextMatchesPdftotext(t *testing.T) {
	s := getSample(t)
	pkg, err := ofdcheck.Read(s.ofd)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pkg.Pages {
		n := strconv.Itoa(i + 1)
		out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", "-f", n, "-l", n, s.pdfPath, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext: %v", err)
		}
		got, want := stripSpace(p.Text()), stripSpace(string(out))
		if got != want || len(got) == 0 {
			t.Errorf("page %d:\n OFD: %s\n PDF: %s", i+1, got, want)
		}
	}
}

func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestRulesAndImagesMatch compares the OFD's paths with the PDF's stroked
// lines (ends within 0.01 mm, width, colour) and its images with the
// layout's boxes and the image files' bytes.
func TestRulesAndImagesMatch(t *testing.T) {
	s, pkg, pages := readBoth(t)
	rules := 0
	for i, pp := range pages {
		got := pkg.Pages[i].Paths
		var want []pdfcheck.Rule
		for _, r := range pp.Rules {
			if !r.Fill {
				want = append(want, r)
			}
		}
		if len(got) != len(want) {
			t.Errorf("page %d: %d paths in the OFD, %d stroked paths in the PDF", i+1, len(got), len(want))
			continue
		}
		for k, w := range want {
			g := got[k]
			if len(g.Points) != 2 {
				t.Errorf("page %d path %d: %d points, want a segment", i+1, k, len(g.Points))
				continue
			}
			near := func(a, b float64) bool { return math.Abs(a-b) <= 0.01 }
			ok := near(g.Points[0].X, w.X1) && near(g.Points[0].Y, w.Y1) && near(g.Points[1].X, w.X2) &&
				near(g.Points[1].Y, w.Y2) && near(g.Width, w.Width)
			for c := range 3 {
				ok = ok && math.Abs(float64(g.Color[c])/255-w.Color[c]) < 0.003
			}
			if !ok {
				t.Errorf("page %d path %d: OFD %v width %g %v, PDF (%.3f,%.3f)-(%.3f,%.3f) width %.3f %v",
					i+1, k, g.Points, g.Width, g.Color, w.X1, w.Y1, w.X2, w.Y2, w.Width, w.Color)
			}
			rules++
		}
	}
	if rules < 5 {
		t.Errorf("only %d rules compared", rules)
	}
	seal, err := os.ReadFile(s.seal)
	if err != nil {
		t.Fatal(err)
	}
	images := 0
	for i, p := range s.job.Result.Pages {
		got := pkg.Pages[i].Images
		if len(got) != len(p.Images) {
			t.Errorf("page %d: %d images, want %d", i+1, len(got), len(p.Images))
			continue
		}
		for k, w := range p.Images {
			g := got[k]
			if math.Abs(g.X-w.X) > 0.001 || math.Abs(g.Y-w.Y) > 0.001 || math.Abs(g.W-w.W) > 0.001 || math.Abs(g.H-w.H) > 0.001 {
				t.Errorf("page %d image %d at %+v, want %+v", i+1, k, g, w)
			}
			if !bytes.Equal(pkg.Files[g.File], seal) || g.Format != "PNG" {
				t.Errorf("page %d image %d: %s (%s) is not the seal's PNG", i+1, k, g.File, g.Format)
			}
			images++
		}
	}
	if images != 1 {
		t.Errorf("%d images compared, want 1", images)
	}
}

// TestSameBytesEachTime renders the same pages again, under another local
// time zone: the same bytes.
func TestSameBytesEachTime(t *testing.T) {
	s := getSample(t)
	again, err := s.job.RenderOFD(build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, s.ofd) {
		t.Error("a second rendering differs")
	}
}
