package e2e

// OpenType fonts with CFF outlines as roles, as Debian installs them: Noto
// Serif CJK SC, the third member of fonts-noto-cjk's collection, as 小标宋,
// and texlive-lang-chinese's FandolFang-Regular.otf as 仿宋. The PDF embeds
// each as a CIDFontType0C subset and stays PDF/A-1b; mutool draws each
// character with its role's font; pdftotext gives the text back; the
// preview has ink in every character's box; the OFD and the DOCX carry the
// OpenType subsets.

import (
	"archive/zip"
	"encoding/hex"
	"image"
	_ "image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gongwen/internal/build"
	"gongwen/internal/fonts"
	"gongwen/internal/ofdcheck"
	"gongwen/internal/pdfcheck"
	pngr "gongwen/internal/render/png"
)

// Debian's CFF fonts (fonts-noto-cjk, texlive-lang-chinese: the Makefile's TOOLS).
const (
	notoSerifCJK = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
	fandolFang   = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf"
)

const cffDoc = `template = "../templates/body.txt"
issuer = "四川省人民政府办公厅"
title = ["关于启用新字体的通知"]
recipients = "各市（州）人民政府"
signature = "四川省人民政府办公厅"
date = 2024-12-26
number = "川办函〔2024〕114号"
format = "letter"
[fonts]
xiaobiaosong = "` + notoSerifCJK + `#2"
fangsong = "` + fandolFang + `"
`

// cffBody has letters, digits and the punctuation the 仿宋 draws, and
// characters whose Fandol outlines use the flex operators (年, 提).
const cffBody = "自2025年1月起，各单位提交公文时使用新字体（GB/T 9704）。\n\n请认真执行，确保格式统一。\n"

func TestCFFFontsAsRoles(t *testing.T) {
	pdfcheck.RequireTools(t, "mutool", "pdftotext", "pdffonts", "pdftoppm")
	for _, f := range []string{notoSerifCJK, fandolFang} {
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("%v: run `make test`, which installs fonts-noto-cjk and texlive-lang-chinese", err)
		}
	}
	dir := filepath.Join(t.TempDir(), "proj")
	for name, content := range map[string]string{"data/doc.toml": cffDoc, "templates/body.txt": cffBody} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src := filepath.Join(dir, "data/doc.toml")
	pdf := filepath.Join(dir, "doc.pdf")
	if err := build.Build(src, pdf, build.Options{}); err != nil {
		t.Fatal(err)
	}

	// pdffonts: both fonts embedded as CFF subsets.
	out, err := exec.Command("pdffonts", pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	for _, ps := range []string{"NotoSerifCJKsc-Regular", "FandolFang-Regular"} {
		found := false
		for _, l := range strings.Split(string(out), "\n") {
			if strings.Contains(l, "+"+ps+" ") {
				found = true
				if !strings.Contains(l, "CID Type 0C") || !strings.Contains(l, "yes yes yes") {
					t.Errorf("pdffonts: %s is not an embedded CFF subset with a ToUnicode map:\n%s", ps, l)
				}
			}
		}
		if !found {
			t.Errorf("pdffonts does not list %s:\n%s", ps, out)
		}
	}

	// mutool: the title in Noto Serif CJK, the body in FandolFang.
	by, _ := drawnBy(t, pdf)
	for _, c := range []struct{ text, font string }{{"启用新字体", "NotoSerifCJKsc-Regular"}, {cffBody, "FandolFang-Regular"}} {
		for _, r := range c.text {
			if r == '\n' || r == ' ' {
				continue
			}
			if !by[r][c.font] {
				t.Errorf("%c is not drawn in %s: %v", r, c.font, by[r])
			}
		}
	}

	text, err := pdfcheck.Text(pdf)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(text), "")
	for _, want := range []string{"关于启用新字体的通知", strings.Join(strings.Fields(strings.Split(cffBody, "\n")[0]), "")} {
		if !strings.Contains(flat, want) {
			t.Errorf("pdftotext does not give %q back:\n%s", want, text)
		}
	}
	if valid, report := preflight(t, pdf); !valid {
		t.Errorf("Preflight finds it is not PDF/A-1b:\n%s", summarise(report))
	}

	j, err := build.Prepare(src, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("preview", func(t *testing.T) { cffPreviewInked(t, j, pdf) })
	t.Run("ofd", func(t *testing.T) { cffOFD(t, j) })
	t.Run("docx", func(t *testing.T) { cffDOCX(t, src, dir) })
}

// cffPreviewInked checks that the preview has ink in the box of every
// character mutool finds on the first page, and about as much ink as
// pdftoppm draws: a glyph the preview could not read would leave its box
// white.
func cffPreviewInked(t *testing.T, j *build.Job, pdf string) {
	const dpi = 100
	pages, err := pngr.Render(j.Result, j.FontData, dpi)
	if err != nil {
		t.Fatal(err)
	}
	traced, err := pdfcheck.Trace(pdf)
	if err != nil {
		t.Fatal(err)
	}
	px := func(mm float64) int { return int(mm * dpi / 25.4) }
	img := pages[0]
	checked := 0
	for _, g := range traced[0].Glyphs {
		if strings.ContainsRune(" \u3000", g.Rune) || g.Font == "" {
			continue
		}
		em := g.Size * 25.4 / 72
		box := image.Rect(px(g.X), px(g.Y-0.8*em), px(g.X+g.Adv), px(g.Y+0.1*em))
		ink := 0
		for y := box.Min.Y; y < box.Max.Y; y++ {
			for x := box.Min.X; x < box.Max.X; x++ {
				if c := img.RGBAAt(x, y); int(c.R)+int(c.G)+int(c.B) < 3*128 {
					ink++
				}
			}
		}
		if ink == 0 {
			t.Errorf("the preview has no ink where %c (%s) is, %v", g.Rune, g.Font, box)
		}
		checked++
	}
	if checked < 40 {
		t.Errorf("only %d characters checked on page 1", checked)
	}
	ref := filepath.Join(t.TempDir(), "ref")
	if out, err := exec.Command("pdftoppm", "-r", "100", "-png", "-singlefile", "-f", "1", "-l", "1", pdf, ref).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	got, want := darkness(img), darkness(readImage(t, ref+".png"))
	t.Logf("page 1: darkness %.0f, pdftoppm's %.0f", got, want)
	if got < 0.99*want || got > 1.01*want {
		t.Errorf("the preview's page 1 has %.0f of darkness, pdftoppm's %.0f: more than 1%% apart", got, want)
	}
}

// darkness is the sum over an image's pixels of how far each is from
// white (0 to 255 a pixel).
func darkness(img image.Image) float64 {
	b := img.Bounds()
	sum := 0.0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			sum += 255 - float64(r+g+bl)/3/257
		}
	}
	return sum
}

func readImage(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// cffOFD checks that the OFD embeds the OpenType subsets as .otf files,
// named by their PostScript names, and draws the body in FandolFang.
func cffOFD(t *testing.T, j *build.Job) {
	b, err := j.RenderOFD(build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := ofdcheck.Read(b)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range pkg.Fonts {
		names[f.FontName] = true
		if f.FontName != "NotoSerifCJKsc-Regular" && f.FontName != "FandolFang-Regular" {
			continue
		}
		if !strings.HasSuffix(f.File, ".otf") {
			t.Errorf("OFD: %s embedded as %s, not an .otf", f.FontName, f.File)
		}
		data := pkg.Files["Doc_0/Res/"+filepath.Base(f.File)]
		p := filepath.Join(t.TempDir(), filepath.Base(f.File))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := fonts.Open(p); err != nil || fonts.Kind(data) != "otf-cff" {
			t.Errorf("OFD: %s's file is not an OpenType font with CFF outlines: %v", f.FontName, err)
		}
	}
	for _, want := range []string{"NotoSerifCJKsc-Regular", "FandolFang-Regular"} {
		if !names[want] {
			t.Errorf("OFD: no font %s among %v", want, names)
		}
	}
	drawn := 0
	for _, g := range pkg.Pages[0].Glyphs {
		if strings.ContainsRune("认真执行", g.Rune) {
			drawn++
			if f := pkg.Fonts[g.Font]; f.FontName != "FandolFang-Regular" {
				t.Errorf("OFD: %c drawn in %s", g.Rune, f.FontName)
			}
		}
	}
	if drawn == 0 {
		t.Error("OFD: the body's characters are not on page 1")
	}
}

// cffDOCX checks that the DOCX embeds the OpenType subsets, obfuscated
// (ECMA-376 Part 1, §17.8.1).
func cffDOCX(t *testing.T, src, dir string) {
	out := filepath.Join(dir, "doc.docx")
	if err := build.Build(src, out, build.Options{}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	// Each embedded font's key is a GUID in the font table; the font's
	// first 32 bytes are XORed with its bytes, read from the last pair of
	// hexadecimal digits to the first.
	keys := regexp.MustCompile(`w:fontKey="\{([0-9A-F-]+)\}"`).FindAllStringSubmatch(string(files["word/fontTable.xml"]), -1)
	otf := 0
	for name, b := range files {
		if !strings.HasPrefix(name, "word/fonts/") || len(b) < 32 {
			continue
		}
		for _, k := range keys {
			x, err := hex.DecodeString(strings.ReplaceAll(k[1], "-", ""))
			if err != nil || len(x) != 16 {
				t.Fatalf("font key %q", k[1])
			}
			plain := append([]byte(nil), b...)
			for i := 0; i < 32; i++ {
				plain[i] ^= x[15-i%16]
			}
			if fonts.Kind(plain) == "otf-cff" {
				otf++
			}
		}
	}
	if otf == 0 {
		t.Error("DOCX: no OpenType font with CFF outlines under word/fonts/")
	}
}
