package ofd_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"gongwen/internal/build"
	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/ofdcheck"
	"gongwen/internal/pdfcheck"
	"gongwen/internal/source"
)

// data is the project's data folder; notice its reference notice.
const (
	data   = "../../../data"
	notice = "chuan-ban-han-2024-114.toml"
)

// sample is one document rendered both ways, its PDF written to pdfPath.
type sample struct {
	name     string
	job      *build.Job
	pdf, ofd []byte
	pdfPath  string
}

// The samples, built once: every document under data/ and, for the notice,
// what the layout can put on a page that no document has yet: a seal (a red
// ring, opaque or clear) over text, and a landscape page with a rule, a
// line of text and its page number turned on its side, as annex pages have
// them.
var (
	samplesOnce sync.Once
	theSamples  []*sample
	samplesDir  string
	samplesErr  error
)

func getSamples(t *testing.T) []*sample {
	t.Helper()
	samplesOnce.Do(func() {
		samplesDir, samplesErr = os.MkdirTemp("", "ofd-test-")
		if samplesErr == nil {
			theSamples, samplesErr = makeSamples(samplesDir)
		}
	})
	if samplesErr != nil {
		t.Fatal(samplesErr)
	}
	return theSamples
}

// getSample is the notice's sample.
func getSample(t *testing.T) *sample {
	t.Helper()
	return getSamples(t)[0]
}

func TestMain(m *testing.M) {
	code := m.Run()
	if samplesDir != "" {
		os.RemoveAll(samplesDir)
	}
	os.Exit(code)
}

func makeSamples(dir string) ([]*sample, error) {
	docs, err := filepath.Glob(filepath.Join(data, "*.toml"))
	if err != nil {
		return nil, err
	}
	sort.Slice(docs, func(i, j int) bool { return filepath.Base(docs[i]) == notice && filepath.Base(docs[j]) != notice })
	if len(docs) == 0 || filepath.Base(docs[0]) != notice {
		return nil, fmt.Errorf("no %s in %s", notice, data)
	}
	var out []*sample
	for i, d := range docs {
		j, err := build.Prepare(d, build.Options{})
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(filepath.Base(d), ".toml")
		s := &sample{name: name, job: j, pdfPath: filepath.Join(dir, name+".pdf")}
		if i == 0 {
			seal := filepath.Join(dir, "seal.png")
			if err := writeSeal(seal); err != nil {
				return nil, err
			}
			src, err := source.New().Image(seal)
			if err != nil {
				return nil, err
			}
			pages := j.Result.Pages
			pages[3].Images = append(pages[3].Images, layout.Image{Path: seal, Source: src, X: 120, Y: 150, W: 42, H: 42})
			j.Result.Pages = append(pages, landscape(j, len(pages)+1))
		}
		if s.pdf, err = j.Render(build.Options{}); err != nil {
			return nil, err
		}
		if s.ofd, err = j.RenderOFD(build.Options{}); err != nil {
			return nil, err
		}
		if err := os.WriteFile(s.pdfPath, s.pdf, 0o644); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// each runs check on every sample, as a subtest named after it.
func each(t *testing.T, check func(t *testing.T, s *sample, pkg *ofdcheck.Package, pages []pdfcheck.Page)) {
	for _, s := range getSamples(t) {
		t.Run(s.name, func(t *testing.T) {
			pkg, err := ofdcheck.Read(s.ofd)
			if err != nil {
				t.Fatal(err)
			}
			pages, err := pdfcheck.Trace(s.pdfPath)
			if err != nil {
				t.Fatal(err)
			}
			check(t, s, pkg, pages)
		})
	}
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

// TestPackageStructure reads the package back and checks what the standard
// asks of its structure (ofdcheck.Read fails on a duplicate ID, a dangling
// reference, a missing or unreferenced file, an element outside the OFD
// namespace), then that it has the PDF's pages, sizes in millimetres,
// metadata, outline and archive record.
func TestPackageStructure(t *testing.T) {
	each(t, checkStructure)
}

func checkStructure(t *testing.T, s *sample, pkg *ofdcheck.Package, pages []pdfcheck.Page) {
	if len(pkg.Pages) != len(pages) {
		t.Fatalf("%d OFD pages, %d PDF pages", len(pkg.Pages), len(pages))
	}
	for i, p := range pkg.Pages {
		if math.Abs(p.Width-pages[i].Width) > 0.01 || math.Abs(p.Height-pages[i].Height) > 0.01 {
			t.Errorf("page %d: OFD %g × %g mm, PDF %.3f × %.3f mm", i+1, p.Width, p.Height, pages[i].Width, pages[i].Height)
		}
	}
	meta := s.job.Result.Meta
	for k, want := range map[string]string{"Title": meta.Title, "Author": meta.Author, "Subject": meta.Subject, "CreationDate": s.job.Date(build.Options{}).Format("2006-01-02"), "Creator": "gongwen", "CreatorVersion": build.Version} {
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
	if strings.Join(got, "|") != strings.Join(want, "|") || len(got) == 0 && s == getSample(t) {
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
	each(t, checkGlyphs)
}

func checkGlyphs(t *testing.T, s *sample, pkg *ofdcheck.Package, pages []pdfcheck.Page) {
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
	if total < 50 {
		t.Errorf("only %d glyphs compared", total)
	}
	// Turned glyphs (a landscape page's number): as many, turned as far,
	// as the layout turned.
	want, got := map[float64]int{}, map[float64]int{}
	for _, p := range s.job.Result.Pages {
		for _, tx := range p.Texts {
			for _, g := range tx.Glyphs {
				if tx.Rotate != 0 && !unicode.IsSpace(g.R) {
					want[tx.Rotate]++
				}
			}
		}
	}
	for _, p := range pkg.Pages {
		for _, g := range p.Glyphs {
			if g.Turn != 0 {
				got[g.Turn]++
			}
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || s == getSample(t) && len(got) == 0 {
		t.Errorf("turned glyphs by angle: %v, the layout's %v", got, want)
	}
}

// TestPageTextMatchesPdftotext compares each page's text, read from the
// TextCodes in their order, with the PDF's text of that page in the order
// of its content stream (`pdftotext -raw`), white space removed from both.
// (pdftotext's default and -layout modes reorder a page by printed lines,
// interleaving a table's cells, and split a vertical cell by its own
// heuristics; the glyph test checks positions.)
func TestPageTextMatchesPdftotext(t *testing.T) {
	each(t, checkText)
}

func checkText(t *testing.T, s *sample, pkg *ofdcheck.Package, _ []pdfcheck.Page) {
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
	each(t, checkRulesAndImages)
}

func checkRulesAndImages(t *testing.T, s *sample, pkg *ofdcheck.Package, pages []pdfcheck.Page) {
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
	if rules == 0 && s == getSample(t) {
		t.Error("no rules compared")
	}
	images, want := 0, 0
	for i, p := range s.job.Result.Pages {
		want += len(p.Images)
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
			src, err := os.ReadFile(w.Path)
			if err != nil {
				t.Fatal(err)
			}
			kind := map[string]string{".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}[strings.ToLower(filepath.Ext(w.Path))]
			if !bytes.Equal(pkg.Files[g.File], src) || g.Format != kind {
				t.Errorf("page %d image %d: %s (%s) is not %s", i+1, k, g.File, g.Format, w.Path)
			}
			images++
		}
	}
	if images != want || s == getSample(t) && images == 0 {
		t.Errorf("%d images compared, the layout has %d", images, want)
	}
}

// TestSameBytesEachTime renders the same pages again, under another local
// time zone: the same bytes.
func TestSameBytesEachTime(t *testing.T) {
	s := getSample(t)
	local := time.Local
	time.Local = time.FixedZone("UTC-11", -11*3600)
	defer func() { time.Local = local }()
	again, err := s.job.RenderOFD(build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, s.ofd) {
		t.Error("a second rendering differs")
	}
}

// TestFontsCarryTheirTraits reads each font's CT_Font attributes from the
// package's resource files: the traits the font file states, for a reader
// that draws with a font of its own. Of the bundled fonts, 小标宋
// (NotoSerifSC-Bold) says bold and serif, 黑体 (NotoSansSC) sans serif and
// the Fandol fonts nothing (PANOSE and family class "any"); none is
// italic or fixed width.
func TestFontsCarryTheirTraits(t *testing.T) {
	want := map[string]string{
		"NotoSerifCJKsc-Bold":   `Bold="true" Serif="true"`,
		"NotoSansCJKsc-Regular": "",
		"FandolFang-Regular":    "",
		"FandolKai-Regular":     "",
		"FandolSong-Regular":    "",
	}
	fontRE := regexp.MustCompile(`<ofd:Font ID="\d+" FontName="([^"]*)" FamilyName="[^"]*"\s*([^>]*)>`)
	s := getSample(t)
	pkg, err := ofdcheck.Read(s.ofd)
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for name, b := range pkg.Files {
		if !strings.HasSuffix(name, ".xml") {
			continue
		}
		for _, m := range fontRE.FindAllSubmatch(b, -1) {
			w, ok := want[string(m[1])]
			if !ok {
				t.Errorf("%s: font %s, not a bundled one", name, m[1])
				continue
			}
			seen++
			if got := strings.TrimSpace(string(m[2])); got != w {
				t.Errorf("font %s has traits %q, want %q", m[1], got, w)
			}
		}
	}
	if seen < 3 {
		t.Errorf("found %d fonts in the notice's OFD, want its 小标宋, 仿宋, 黑体 at least", seen)
	}
}
