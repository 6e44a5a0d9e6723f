package docx_test

// Two faces of one family as two roles, issue 20's "Noto as 仿宋": Noto
// Serif CJK SC Regular (Debian's fonts-noto-cjk) as 仿宋 and the built-in
// Noto Serif CJK SC Bold as 小标宋, with a fallback font after the 仿宋
// for a character Noto lacks and Liberation Serif for its digits and Latin
// letters. The DOCX is read back by encoding/xml, its embedded fonts by
// fontconfig's fc-scan once unobfuscated, and its pages by LibreOffice
// Writer given none of these fonts but what the package carries, then by
// mutool, which names the font of each glyph Writer drew.

import (
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gongwen/internal/build"
	"gongwen/internal/pdfcheck"
)

// The fonts of the test, as Debian installs them (the Makefile's TOOLS).
const (
	notoSerifCJK    = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
	liberationSerif = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
)

// facesBody has a character only the fallback font has (𠀀, U+20000),
// digits and Latin letters. The title starts with another (𠁁, U+20041),
// from the built-in copy of the 仿宋's fallback font, at the end of the
// 小标宋's list: one font to Word and Writer, with the glyphs of both.
const facesBody = "自2025年1月起，各单位使用新字体（GB/T 9704），人名𠀀字由后备字体补足。\n\n请认真执行，确保格式统一。\n"

// facesProject writes the document into a project of its own and returns
// its path.
func facesProject(t *testing.T) string {
	t.Helper()
	fallback, err := filepath.Abs(filepath.Join(root, "fonts", "HanaMinA-Fallback.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{notoSerifCJK, liberationSerif, fallback} {
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("%v: run `make test`, which installs fonts-noto-cjk and fonts-liberation", err)
		}
	}
	doc := `template = "../templates/body.txt"
format = "letter"
number = "示办函〔2025〕8号"
date = 2025-03-10
issuer = "示例市人民政府办公室"
signature = "示例市人民政府办公室"
recipients = "各县（区）人民政府"
title = ["𠁁关于启用新字体的通知"]
[fonts]
fangsong = ["` + notoSerifCJK + `#2", "` + fallback + `"]
latin = "` + liberationSerif + `"
`
	dir := filepath.Join(t.TempDir(), "proj")
	for name, content := range map[string]string{"data/doc.toml": doc, "templates/body.txt": facesBody} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "data", "doc.toml")
}

// unobfuscate undoes ECMA-376 Part 1, 17.8.1: the first 32 bytes XORed
// with the 16 bytes of the font key, its hexadecimal digits read from the
// last pair to the first.
func unobfuscate(t *testing.T, data []byte, key string) []byte {
	t.Helper()
	hex := strings.NewReplacer("{", "", "}", "", "-", "").Replace(key)
	if len(hex) != 32 {
		t.Fatalf("font key %q is not a GUID", key)
	}
	var k [16]byte
	for i := range k {
		var b byte
		for _, c := range hex[30-2*i : 32-2*i] {
			b <<= 4
			switch {
			case c >= '0' && c <= '9':
				b |= byte(c - '0')
			case c >= 'A' && c <= 'F':
				b |= byte(c - 'A' + 10)
			default:
				t.Fatalf("font key %q is not upper-case hexadecimal", key)
			}
		}
		k[i] = b
	}
	out := append([]byte(nil), data...)
	for i := 0; i < 32 && i < len(out); i++ {
		out[i] ^= k[i%16]
	}
	return out
}

// fcScan is the family names and the style fontconfig reads in a font.
func fcScan(t *testing.T, font []byte) ([]string, string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "font")
	if err := os.WriteFile(p, font, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("fc-scan", "--format", "%{family}|%{style[0]}", p).Output()
	if err != nil {
		t.Fatalf("fc-scan: %v", err)
	}
	family, style, _ := strings.Cut(string(out), "|")
	return strings.Split(family, ","), style
}

func TestDOCXFacesOfOneFamily(t *testing.T) {
	pdfcheck.RequireTools(t, "soffice", "mutool", "fc-scan")
	j, err := build.Prepare(facesProject(t), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := j.RenderDOCX(build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps := parts(t, pkg)

	// The font table: each family once, each face embedded as its style,
	// its part the face fontconfig reads under that family and style.
	targets := map[string]string{}
	parse(t, ps["word/_rels/fontTable.xml.rels"]).walk(func(e *element) {
		if e.XMLName.Local == "Relationship" {
			targets[e.attr("Id")] = "word/" + e.attr("Target")
		}
	})
	got := map[string][]string{}
	var order []string
	parse(t, ps["word/fontTable.xml"]).walk(func(e *element) {
		if e.XMLName.Local != "font" {
			return
		}
		name := e.attr("name")
		if slices.Contains(order, name) {
			t.Errorf("w:font %q is named twice", name)
		}
		order = append(order, name)
		for _, c := range e.Children {
			if !strings.HasPrefix(c.XMLName.Local, "embed") {
				continue
			}
			got[name] = append(got[name], c.XMLName.Local)
			data, ok := ps[targets[c.attr("id")]]
			if !ok {
				t.Errorf("%s %s: relationship %q names no part", name, c.XMLName.Local, c.attr("id"))
				continue
			}
			families, style := fcScan(t, unobfuscate(t, data, c.attr("fontKey")))
			if !slices.Contains(families, name) {
				t.Errorf("%s %s: the font's families are %q", name, c.XMLName.Local, families)
			}
			if bold := strings.Contains(style, "Bold"); bold != (c.XMLName.Local == "embedBold") {
				t.Errorf("%s %s: the font's style is %q", name, c.XMLName.Local, style)
			}
		}
	})
	for name, want := range map[string][]string{
		"Noto Serif CJK SC": {"embedRegular", "embedBold"},
		"HanaMinA":          {"embedRegular"},
		"Liberation Serif":  {"embedRegular"},
	} {
		if !slices.Equal(got[name], want) {
			t.Errorf("w:font %q embeds %v, want %v", name, got[name], want)
		}
	}

	// The styles: the title's bold, the body's not; the body's Chinese in
	// Noto, its ASCII in Liberation Serif.
	type runProps struct {
		ascii, eastAsia string
		bold            string // "" unset, "1" bold, "0" not
	}
	propsOf := func(rPr *element) runProps {
		var p runProps
		for _, c := range rPr.Children {
			switch c.XMLName.Local {
			case "rFonts":
				p.ascii, p.eastAsia = c.attr("ascii"), c.attr("eastAsia")
			case "b":
				p.bold = "1"
				if v := c.attr("val"); v == "0" || v == "false" {
					p.bold = "0"
				}
			}
		}
		return p
	}
	styles := map[string]runProps{}
	parse(t, ps["word/styles.xml"]).walk(func(e *element) {
		if e.XMLName.Local != "style" {
			return
		}
		for i := range e.Children {
			if e.Children[i].XMLName.Local == "rPr" {
				styles[e.attr("styleId")] = propsOf(&e.Children[i])
			}
		}
	})
	for id, want := range map[string]runProps{
		"Normal":   {"Liberation Serif", "Noto Serif CJK SC", ""},
		"DocTitle": {"Liberation Serif", "Noto Serif CJK SC", "1"}, // latin is the 小标宋's too
	} {
		if styles[id] != want {
			t.Errorf("style %s: %+v, want %+v", id, styles[id], want)
		}
	}

	// The runs: the fallback character in its font, not bold; digits and
	// letters in Liberation Serif with the Chinese in Noto.
	runs := map[string]runProps{}
	parse(t, ps["word/document.xml"]).walk(func(e *element) {
		if e.XMLName.Local != "r" {
			return
		}
		var p runProps
		text := ""
		for i, c := range e.Children {
			switch c.XMLName.Local {
			case "rPr":
				p = propsOf(&e.Children[i])
			case "t":
				text += c.Text
			}
		}
		runs[text] = p
	})
	for text, want := range map[string]runProps{
		"𠀀": {"HanaMinA", "HanaMinA", ""},
		"𠁁": {"HanaMinA", "HanaMinA", "0"}, // a regular face in the bold title
	} {
		if runs[text] != want {
			t.Errorf("run %s: %+v, want %+v", text, runs[text], want)
		}
	}
	// The title is the title, though its first character is the
	// fallback's.
	title := ""
	parse(t, ps["word/document.xml"]).walk(func(e *element) {
		if e.XMLName.Local != "p" {
			return
		}
		text, style := "", ""
		e.walk(func(c *element) {
			switch c.XMLName.Local {
			case "t":
				text += c.Text
			case "pStyle":
				style = c.attr("val")
			}
		})
		if strings.HasPrefix(text, "𠁁关于") {
			title = style
		}
	})
	if title != "DocTitle" {
		t.Errorf("the title's paragraph is of style %q, want DocTitle", title)
	}
	latin := 0
	for text, p := range runs {
		if strings.Trim(text, "0123456789GBT/ ") != "" || text == "" {
			continue
		}
		latin++
		if want := (runProps{"Liberation Serif", "Noto Serif CJK SC", ""}); p != want {
			t.Errorf("run %q: %+v, want %+v", text, p, want)
		}
	}
	if latin < 3 { // 2025, 1, GB/T 9704 and the date's and number's
		t.Errorf("%d runs of digits and letters, want 2025, 1 and GB/T 9704 at least: %v", latin, runs)
	}

	// Writer draws each face from the package when given one unrelated
	// font (FandolKai, which then draws nothing), and still when the
	// system's fonts, Noto Serif CJK SC Regular among them, are there.
	dir := t.TempDir()
	only := filepath.Join(dir, "fonts")
	if err := os.MkdirAll(only, 0o755); err != nil {
		t.Fatal(err)
	}
	kai, err := os.ReadFile(filepath.Join(root, "fonts", "FandolKai-Regular.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(only, "FandolKai-Regular.ttf"), kai, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, fontsDir := range []string{only, "/usr/share/fonts"} {
		t.Run(fontsDir, func(t *testing.T) {
			by, pdf, pages := writerFaces(t, pkg, fontsDir)
			// A fallback character has its glyph, not the .notdef box
			// Writer draws in the font of that name when the part lacks it.
			for _, r := range "𠀀𠁁" {
				for _, share := range inked(t, pdf, pages, r) {
					if share < minInk {
						t.Errorf("Writer's %c has %.1f%% ink in its box, want %.0f%% at least: not its glyph", r, 100*share, 100*minInk)
					}
				}
			}
			drawnIn := func(r rune, want string) bool {
				for ps := range by[r] {
					if strings.HasPrefix(ps, want) {
						return true
					}
				}
				return false
			}
			for _, c := range []struct{ text, font string }{
				{"关于启通知", "NotoSerifCJKsc-Bold"}, // the title's alone
				{"执行确保格式统", "NotoSerifCJK"},      // the CFF's own name: NotoSerifCJKjp-Regular-Ideographs
				{"2025GB9704", "LiberationSerif"},
				{"𠀀𠁁", "HanaMinA"},
			} {
				for _, r := range c.text {
					if !drawnIn(r, c.font) {
						t.Errorf("Writer draws %c in %v, want %s", r, by[r], c.font)
					}
				}
			}
			for _, r := range "执行确保格式统关于启通知" {
				want := "Regular"
				if strings.ContainsRune("关于启通知", r) {
					want = "Bold"
				}
				for ps := range by[r] {
					if !strings.Contains(ps, want) {
						t.Errorf("Writer draws %c in %s, want the %s face", r, ps, want)
					}
				}
			}
			for r, fonts := range by {
				if fonts["FandolKai-Regular"] {
					t.Errorf("Writer draws %c in FandolKai, the font it was given: a face is not in the package", r)
				}
			}
		})
	}
}

// writerFaces converts the package with Writer, given the fonts of
// fontsDir, and gives the fonts (PostScript names) each character is drawn
// in, as mutool reads the PDF, the PDF and its pages.
func writerFaces(t *testing.T, pkg []byte, fontsDir string) (map[rune]map[string]bool, string, []pdfcheck.Page) {
	t.Helper()
	docx := filepath.Join(t.TempDir(), "doc.docx")
	if err := os.WriteFile(docx, pkg, 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := libreOfficeWith(t, docx, fontsDir)
	pages, err := pdfcheck.Trace(pdf)
	if err != nil {
		t.Fatal(err)
	}
	return pdfcheck.FontsOf(pages), pdf, pages
}

// minInk is the least share of dark pixels in the em box of 𠀀 or 𠁁
// drawn with its glyph (13% and 23% here, at the body's and the title's
// size); the .notdef box Writer draws has 4%.
const minInk = 0.08

// inked is the share of dark pixels in the em box of each glyph of r on
// the pages, as pdftoppm draws them at 144 dpi.
func inked(t *testing.T, pdf string, pages []pdfcheck.Page, r rune) []float64 {
	t.Helper()
	const dpi = 144
	px := func(mm float64) int { return int(mm / 25.4 * dpi) }
	var out []float64
	for _, p := range pages {
		for _, g := range p.Glyphs {
			if g.Rune != r {
				continue
			}
			prefix := filepath.Join(t.TempDir(), "page")
			n := strconv.Itoa(p.Number)
			if out, err := exec.Command("pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-f", n, "-l", n, "-singlefile", pdf, prefix).CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v\n%s", err, out)
			}
			f, err := os.Open(prefix + ".png")
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(f)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			em := g.Size * 25.4 / 72
			x0, x1 := px(g.X), px(g.X+em)
			y0, y1 := px(g.Y-0.88*em), px(g.Y+0.12*em)
			dark, all := 0, 0
			for y := y0; y < y1; y++ {
				for x := x0; x < x1; x++ {
					c, _, _, _ := color.GrayModel.Convert(img.At(x, y)).RGBA()
					all++
					if c < 0x8000 {
						dark++
					}
				}
			}
			out = append(out, float64(dark)/float64(max(all, 1)))
		}
	}
	if len(out) == 0 {
		t.Errorf("Writer draws no %c", r)
	}
	return out
}
