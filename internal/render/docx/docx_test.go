package docx_test

// The DOCX read back by tools nobody here wrote: its XML by encoding/xml
// and archive/zip, its pages by LibreOffice Writer (soffice --convert-to
// pdf, with the document's fonts given to it through a fontconfig file of
// its own) and poppler's pdftotext, compared with gongwen's own PDF.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"gongwen/internal/build"
	"gongwen/internal/format"
	docxr "gongwen/internal/render/docx"
)

// The documents the issue names: the reference notice (信函格式), the 文件格式
// sample (seal, 版记, tables) and the 联合行文 sample.
var docs = []string{"chuan-ban-han-2024-114", "sample-file", "sample-joint"}

var root = filepath.Join("..", "..", "..")

func prepare(t testing.TB, name string) *build.Job {
	t.Helper()
	src := filepath.Join(root, "data", name+".toml")
	if _, err := os.Stat(src); err != nil {
		src = filepath.Join("testdata", name+".toml") // a test's own document
	}
	j, err := build.Prepare(src, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// parts unzips a package.
func parts(t *testing.T, pkg []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	return out
}

// element is a generic XML element, enough to walk a part.
type element struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []element  `xml:",any"`
	Text     string     `xml:",chardata"`
}

func (e *element) attr(local string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func (e *element) walk(fn func(*element)) {
	fn(e)
	for i := range e.Children {
		e.Children[i].walk(fn)
	}
}

func parse(t *testing.T, data []byte) *element {
	t.Helper()
	var e element
	if err := xml.Unmarshal(data, &e); err != nil {
		t.Fatal(err)
	}
	return &e
}

func TestDOCXXML(t *testing.T) {
	f := format.Letter()
	for _, name := range append(docs, "letter-landscape") {
		t.Run(name, func(t *testing.T) {
			j := prepare(t, name)
			// The runs of landscape pages (a wide table's annex): each a
			// section of its own.
			wideRuns := 0
			for i, p := range j.Result.Pages {
				if p.Width > p.Height && (i == 0 || j.Result.Pages[i-1].Width < j.Result.Pages[i-1].Height) {
					wideRuns++
				}
			}
			a, err := j.RenderDOCX(build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := j.RenderDOCX(build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Errorf("two builds differ (%d and %d bytes)", len(a), len(b))
			}
			ps := parts(t, a)
			// No theme fonts anywhere: WPS reports them missing.
			theme := regexp.MustCompile(`\w+Theme="`)
			for n, data := range ps {
				if strings.HasSuffix(n, ".xml") && theme.Match(data) {
					t.Errorf("%s has a theme font attribute: %s", n, theme.Find(data))
				}
			}
			// Paragraphs stay paragraphs: no line break typed into one.
			if n := bytes.Count(ps["word/document.xml"], []byte("<w:br")); n > 0 {
				t.Errorf("%d line breaks in the text", n)
			}
			doc := parse(t, ps["word/document.xml"])
			sections, tables, headings := 0, 0, map[string]bool{}
			wideSections := 0
			seals := 0
			doc.walk(func(e *element) {
				switch e.XMLName.Local {
				case "sectPr":
					sections++
					wide := false
					for _, c := range e.Children {
						if c.XMLName.Local == "pgSz" && c.attr("orient") == "landscape" {
							wide = true
							wideSections++
						}
					}
					for _, c := range e.Children {
						switch c.XMLName.Local {
						case "pgSz":
							if !wide && (c.attr("w") != "11906" || c.attr("h") != "16838") {
								t.Errorf("page %s × %s twips, want A4 11906 × 16838", c.attr("w"), c.attr("h"))
							}
							if wide && (c.attr("w") != "16838" || c.attr("h") != "11906") {
								t.Errorf("landscape page %s × %s twips, want A4 on its side 16838 × 11906", c.attr("w"), c.attr("h"))
							}
						case "pgMar":
							if wide {
								// The portrait margins turned with the sheet:
								// 订口 28 mm on top, the foot's 35 mm on the left,
								// the 天头's 37 mm on the right, 26 mm below.
								want := map[string]string{"top": "1587", "left": "1984", "right": "2098", "bottom": "1474"}
								for k, v := range want {
									if c.attr(k) != v {
										t.Errorf("landscape margin %s is %s twips, want %s", k, c.attr(k), v)
									}
								}
								continue
							}
							// 天头 37 mm, 订口 28 mm, 版心 225 mm high: bottom 35 mm.
							want := map[string]string{"top": "2098", "left": "1587", "bottom": "1984"}
							for k, v := range want {
								if c.attr(k) != v {
									t.Errorf("margin %s is %s twips, want %s", k, c.attr(k), v)
								}
							}
							// The right margin leaves 28 characters of 15.8 pt.
							if w := 11906 - 1587 - atoi(c.attr("right")); w < 28*316 || w > 28*316+20 {
								t.Errorf("text area %d twips wide, want 28 characters of 316", w)
							}
						case "docGrid":
							pitch := atoi(c.attr("linePitch"))
							if c.attr("type") != "lines" || pitch*f.LinesPerPage > 12756 || (pitch+1)*f.LinesPerPage <= 12756 {
								t.Errorf("docGrid %s %d: want the 22 lines of 225 mm (12756 twips)", c.attr("type"), pitch)
							}
						}
					}
				case "tbl":
					tables++
					cols := 0
					for _, c := range e.Children {
						if c.XMLName.Local == "tblGrid" {
							for _, g := range c.Children {
								if g.XMLName.Local == "gridCol" && atoi(g.attr("w")) > 0 {
									cols++
								}
							}
						}
					}
					if cols == 0 {
						t.Errorf("table %d has no w:gridCol widths", tables)
					}
				case "anchor":
					// A seal floats behind the text.
					e.walk(func(c *element) {
						if c.XMLName.Local == "pic" && e.attr("behindDoc") == "1" {
							seals++
						}
					})
				case "pStyle":
					if strings.HasPrefix(e.attr("val"), "Heading") {
						headings[e.attr("val")] = true
					}
				}
			})
			if sections == 0 {
				t.Error("no section properties")
			}
			if wideSections != wideRuns {
				t.Errorf("%d landscape sections, the PDF has %d runs of landscape pages", wideSections, wideRuns)
			}
			if want := len(j.Doc.Seals); seals != want {
				t.Errorf("%d seals float behind the text, want %d", seals, want)
			}
			if len(headings) == 0 {
				t.Error("no heading paragraphs")
			}
			// Each heading style has its outline level, 0–3.
			styles := parse(t, ps["word/styles.xml"])
			styles.walk(func(e *element) {
				if e.XMLName.Local != "style" || !strings.HasPrefix(e.attr("styleId"), "Heading") {
					return
				}
				level := -1
				e.walk(func(c *element) {
					if c.XMLName.Local == "outlineLvl" {
						level = atoi(c.attr("val"))
					}
				})
				if want := atoi(strings.TrimPrefix(e.attr("styleId"), "Heading")) - 1; level != want {
					t.Errorf("style %s has outline level %d, want %d", e.attr("styleId"), level, want)
				}
			})
			// The fonts: each named in full, each embedded (the project's
			// fonts allow it), obfuscated: not a TrueType file as it is.
			fonts := parse(t, ps["word/fontTable.xml"])
			embedded := 0
			fonts.walk(func(e *element) {
				if strings.HasPrefix(e.XMLName.Local, "embed") {
					embedded++
					if !regexp.MustCompile(`^\{[0-9A-F-]{36}\}$`).MatchString(e.attr("fontKey")) {
						t.Errorf("fontKey %q is not a GUID", e.attr("fontKey"))
					}
				}
			})
			odttf := 0
			for n, data := range ps {
				if strings.HasPrefix(n, "word/fonts/") {
					odttf++
					if bytes.HasPrefix(data, []byte{0, 1, 0, 0}) {
						t.Errorf("%s is not obfuscated", n)
					}
				}
			}
			if embedded == 0 || embedded != odttf {
				t.Errorf("%d fonts embedded, %d font parts", embedded, odttf)
			}
			// --docx-fonts=names: named, none embedded.
			names, err := j.RenderDOCX(build.Options{DOCXFonts: build.DOCXFontsNames})
			if err != nil {
				t.Fatal(err)
			}
			for n := range parts(t, names) {
				if strings.HasPrefix(n, "word/fonts/") {
					t.Errorf("--docx-fonts=names embedded %s", n)
				}
			}
			// The archive record: gongwen verify reads it and rebuilds.
			out := filepath.Join(t.TempDir(), name+".docx")
			if err := os.WriteFile(out, a, 0o644); err != nil {
				t.Fatal(err)
			}
			rep, err := build.Verify(out, root, build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.Identical {
				t.Errorf("verify: not identical: %v", rep.Differences())
			}
		})
	}
}

func atoi(s string) int {
	n := 0
	fmt.Sscan(s, &n)
	return n
}

// TestEmbeddable reads the licence bits: installable and editable fonts
// are embedded, preview & print and restricted ones are not.
func TestEmbeddable(t *testing.T) {
	font := func(fsType uint16) []byte {
		b := make([]byte, 12+16+10)
		b[5] = 1
		copy(b[12:], "OS/2")
		b[12+11] = 28 // offset
		b[12+15] = 10 // length: up to fsType
		b[28+8], b[28+9] = byte(fsType>>8), byte(fsType)
		return b
	}
	for _, c := range []struct {
		fsType uint16
		want   bool
	}{
		{0x0000, true},  // installable
		{0x0008, true},  // editable
		{0x0004, false}, // preview & print
		{0x0002, false}, // restricted
		{0x0108, false}, // editable, no subsetting: a subset may not be embedded
	} {
		if got := docxr.Embeddable(font(c.fsType)); got != c.want {
			t.Errorf("fsType %#04x: embeddable %v, want %v", c.fsType, got, c.want)
		}
	}
	if docxr.Embeddable([]byte("not a font")) {
		t.Error("a file that is not a font is embeddable")
	}
}

// pdfLine is one line of a page as pdftotext -bbox-layout finds it (mm).
type pdfLine struct {
	x, yMax float64
	text    string
}

func pdfLines(t *testing.T, pdf string) [][]pdfLine {
	t.Helper()
	out, err := exec.Command("pdftotext", "-bbox-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, err)
	}
	var doc struct {
		Pages []struct {
			Lines []struct {
				XMin  float64  `xml:"xMin,attr"`
				YMax  float64  `xml:"yMax,attr"`
				Words []string `xml:"word"`
			} `xml:"flow>block>line"`
		} `xml:"body>doc>page"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, err)
	}
	mm := func(pt float64) float64 { return pt / format.PtPerMM }
	var pages [][]pdfLine
	for _, p := range doc.Pages {
		var ls []pdfLine
		for _, l := range p.Lines {
			ls = append(ls, pdfLine{mm(l.XMin), mm(l.YMax), strings.Join(l.Words, "")})
		}
		pages = append(pages, ls)
	}
	return pages
}

// libreOffice converts a DOCX to PDF with Writer, the project's fonts
// given to it by a fontconfig file of its own, in a profile of its own.
func libreOffice(t *testing.T, docx string) string {
	t.Helper()
	fontsDir, err := filepath.Abs(filepath.Join(root, "fonts"))
	if err != nil {
		t.Fatal(err)
	}
	return libreOfficeWith(t, docx, fontsDir)
}

// libreOfficeWith is libreOffice with the fonts of fontsDir alone.
func libreOfficeWith(t *testing.T, docx, fontsDir string) string {
	t.Helper()
	dir := filepath.Dir(docx)
	conf := filepath.Join(dir, "fonts.conf")
	err := os.WriteFile(conf, []byte(`<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>`+fontsDir+`</dir><cachedir>`+filepath.Join(dir, "fc-cache")+`</cachedir></fontconfig>`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless", "--convert-to", "pdf", "--outdir", dir, docx)
	cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+conf, "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	return strings.TrimSuffix(docx, ".docx") + ".pdf"
}

// squeeze drops white space: pdftotext sets spaces where glyphs stand apart.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestLibreOfficeLaysOutTheDOCXAsThePDF: Writer lays out the DOCX; its
// pages against gongwen's PDF. Where Writer breaks a line differently the
// rest of its paragraph differs; what is measured here is pinned, so that
// a change for the worse fails (README, DOCX, says where and why).
func TestLibreOfficeLaysOutTheDOCXAsThePDF(t *testing.T) {
	f := format.Letter()
	pitchPDF := f.LinePitch()
	pitchDOCX := float64(int(f.BodyHeight*format.PtPerMM*20/float64(f.LinesPerPage))) / 20 / format.PtPerMM
	for _, c := range []struct {
		name string
		// extraPages is the pages Writer needs beyond the PDF's; sameLines
		// the least share of the PDF's lines Writer sets with the same
		// text on the same page, grid line and left edge (2 mm).
		extraPages int
		sameLines  float64
		// otherPages is the most pages whose text Writer may set otherwise
		// (a line more or less carried over the page break).
		otherPages int
	}{
		{"chuan-ban-han-2024-114", 0, 0.72, 5},
		{"sample-file", 0, 0.72, 0},
		{"sample-joint", 0, 0.55, 2},
		// A letter with a landscape annex, a portrait one after it and a
		// 抄送 at the foot of the last page.
		{"letter-landscape", 0, 0.72, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			j := prepare(t, c.name)
			dir := t.TempDir()
			docx, err := j.RenderDOCX(build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			pdf, err := j.Render(build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			docxPath := filepath.Join(dir, c.name+".docx")
			ownPath := filepath.Join(dir, "own.pdf")
			if err := os.WriteFile(docxPath, docx, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(ownPath, pdf, 0o644); err != nil {
				t.Fatal(err)
			}
			loPath := libreOffice(t, docxPath)
			lo := pdfLines(t, loPath)
			own := pdfLines(t, ownPath)
			if len(lo) != len(own)+c.extraPages {
				t.Errorf("Writer makes %d pages, gongwen %d (+%d expected)", len(lo), len(own), c.extraPages)
			}
			// Each page upright or on its side as the PDF's (a landscape
			// annex), by poppler's page sizes.
			loWide, ownWide := landscapePages(t, loPath), landscapePages(t, ownPath)
			if fmt.Sprint(loWide[:min(len(loWide), len(ownWide))]) != fmt.Sprint(ownWide[:min(len(loWide), len(ownWide))]) {
				t.Errorf("pages on their side: Writer %v, gongwen %v", loWide, ownWide)
			}
			// A line's grid line by its bottom: the em box's bottom in the
			// PDF, the foot of the grid line in Writer, which sets a line
			// at the bottom of its grid line; from the 版心's top, the
			// portrait left margin on a landscape page.
			top := func(p int) float64 {
				if ownWide[p] {
					return f.Left
				}
				return f.Top
			}
			rowPDF := func(p int, yMax float64) int {
				return int(math.Round((yMax - top(p) - format.MM(f.Body.Size)) / pitchPDF))
			}
			rowDOCX := func(p int, yMax float64) int { return int(math.Round((yMax - top(p) - pitchDOCX) / pitchDOCX)) }
			pageNumber := regexp.MustCompile(`^—\d+—$`)
			total, same := 0, 0
			var differ []string
			cc := 0 // the 抄送's lines, each where the PDF has it
			for p := range own {
				for _, l := range own[p] {
					if l.yMax > f.Bottom()+1 || pageNumber.MatchString(squeeze(l.text)) { // the page number
						continue
					}
					total++
					found := false
					if p < len(lo) {
						for _, m := range lo[p] {
							if squeeze(m.text) == squeeze(l.text) && rowDOCX(p, m.yMax) == rowPDF(p, l.yMax) && math.Abs(m.x-l.x) <= 2 {
								found = true
								break
							}
						}
					}
					// The letter's 抄送 at the foot of the last page: its first
					// line where the PDF has it (Writer may break its names
					// elsewhere: it breaks inside an organ's name, gongwen
					// never does).
					if label := squeeze(f.CCLabel); strings.HasPrefix(squeeze(l.text), label) && !j.Format.ImprintRules {
						cc++
						placed := false
						for _, m := range lo[min(p, len(lo)-1)] {
							placed = placed || p < len(lo) && strings.HasPrefix(squeeze(m.text), label) && rowDOCX(p, m.yMax) == rowPDF(p, l.yMax) && math.Abs(m.x-l.x) <= 2 && math.Abs(m.yMax-l.yMax) <= 2
						}
						if !placed {
							t.Errorf("the 抄送 %q (page %d, %.1f mm) is not on its page and grid line in Writer's layout", l.text, p+1, l.yMax)
						}
					}
					if found {
						same++
					} else if len(differ) < 8 {
						differ = append(differ, fmt.Sprintf("page %d, line at %.0f mm: %s", p+1, l.yMax, l.text))
					}
				}
			}
			if want := len(j.Doc.CC); (want > 0 && !j.Format.ImprintRules) != (cc > 0) {
				t.Errorf("%d lines of the 抄送 in the PDF; the document has %d names", cc, want)
			}
			share := float64(same) / float64(total)
			t.Logf("%s: %d of %d lines of the PDF on the same page, grid line and left edge in Writer's layout (%.0f%%); first that differ:\n%s",
				c.name, same, total, 100*share, strings.Join(differ, "\n"))
			if share < c.sameLines {
				t.Errorf("%.0f%% of the lines are where the PDF has them, want at least %.0f%%", 100*share, 100*c.sameLines)
			}
			// The same text on each page: the page's characters, in any
			// order (a table's cells are read in another order when one
			// breaks its lines otherwise), white space and the page number
			// left out.
			pageText := func(ls []pdfLine) string {
				var rs []rune
				for _, l := range ls {
					if s := squeeze(l.text); !pageNumber.MatchString(s) {
						rs = append(rs, []rune(s)...)
					}
				}
				slices.Sort(rs)
				return string(rs)
			}
			var otherPages []string
			for p := range own {
				if p >= len(lo) || pageText(lo[p]) != pageText(own[p]) {
					otherPages = append(otherPages, fmt.Sprint(p+1))
					if p < len(lo) {
						t.Logf("page %d: gongwen %d characters, Writer %d", p+1, len([]rune(pageText(own[p]))), len([]rune(pageText(lo[p]))))
					}
				}
			}
			t.Logf("%s: the text of pages %v differs in Writer's layout", c.name, otherPages)
			if len(otherPages) > c.otherPages {
				t.Errorf("%d pages hold other text in Writer's layout (%v), want at most %d", len(otherPages), otherPages, c.otherPages)
			}
			// The 标志 is red in Writer's page 1: most of the ink in its
			// line's box.
			mark := ""
			for _, tx := range j.Result.Pages[0].Texts {
				if tx.Style.Color == f.Mark.Color && tx.Style.Role == f.Mark.Role {
					mark = tx.String()
					break
				}
			}
			var markLine *pdfLine
			for i, l := range lo[0] {
				if mark != "" && strings.HasPrefix(squeeze(l.text), string([]rune(mark)[:1])) {
					markLine = &lo[0][i]
					break
				}
			}
			if markLine == nil {
				t.Fatalf("Writer's page 1 has no line of the 标志 %q", mark)
			}
			checkRed(t, filepath.Join(dir, c.name+".pdf"), *markLine)
		})
	}
}

// landscapePages says, for each page of a PDF, whether poppler finds it
// wider than high.
func landscapePages(t *testing.T, pdf string) []bool {
	t.Helper()
	out, err := exec.Command("pdfinfo", "-f", "1", "-l", "9999", pdf).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", pdf, err)
	}
	var wide []bool
	for _, m := range regexp.MustCompile(`(?m)^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)`).FindAllStringSubmatch(string(out), -1) {
		var w, h float64
		fmt.Sscan(m[1], &w)
		fmt.Sscan(m[2], &h)
		wide = append(wide, w > h)
	}
	if len(wide) == 0 {
		t.Fatalf("pdfinfo %s: no page sizes", pdf)
	}
	return wide
}

// checkRed draws page 1 and counts the dark pixels in the line's box:
// most must be red.
func checkRed(t *testing.T, pdf string, l pdfLine) {
	t.Helper()
	prefix := filepath.Join(filepath.Dir(pdf), "page")
	if out, err := exec.Command("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", pdf, prefix).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	fh, err := os.Open(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	px := func(mm float64) int { return int(mm / 25.4 * 50) }
	red, dark := 0, 0
	for y := px(l.yMax - 12); y < px(l.yMax); y++ {
		for x := px(l.x); x < px(184); x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			r, g, b = r>>8, g>>8, b>>8
			if r+g+b > 600 {
				continue
			}
			dark++
			if r > 180 && g < 100 && b < 100 {
				red++
			}
		}
	}
	if dark == 0 || red*2 < dark {
		t.Errorf("the 标志 (%q) is not red in Writer's page 1: %d of %d inked pixels red", l.text, red, dark)
	}
}

// BenchmarkRenderDOCX renders the reference notice's DOCX from its
// composed pages (the layout is done once, as for the PDF).
func BenchmarkRenderDOCX(b *testing.B) {
	j := prepare(b, "chuan-ban-han-2024-114")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := j.RenderDOCX(build.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
