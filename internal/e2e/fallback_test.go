package e2e

// A role names a list of fonts, tried character by character: the rare
// characters of people's names, which the default 仿宋 lacks, build with
// the fonts built into the binary alone (each role's list ends in
// HanaMinA-Fallback.ttf); each is drawn by the fallback font at the role's
// size, on the line's baseline and grid, read back as written, and named in
// a warning that --strict makes a problem. A list of two files of one's own
// works the same way.

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/archive"
	"gongwen/internal/fonts"
	"gongwen/internal/ofdcheck"
	"gongwen/internal/pdfcheck"
)

// rareNames are characters of names that FandolFang lacks: in GBK or the
// 8105 of 通用规范汉字表, one (䶮) in CJK Extension A and one (𠀾) above the
// BMP.
const rareNames = "堃喆昇珺玥镕赟彧旻焜䶮𠀾"

const fallbackDoc = `template = "../templates/body.txt"
issuer = "四川省人民政府办公厅"
title = ["关于表扬先进个人的通报"]
recipients = "各市（州）人民政府"
signature = "四川省人民政府办公厅"
date = 2024-12-26
number = "川办函〔2024〕114号"
format = "letter"
`

const fallbackBody = "名单：张堃、李喆、王昇、赵珺、钱玥、孙镕、周赟、吴彧、郑旻、冯焜、刘䶮、陈𠀾。\n\n堃喆两位同志另有表彰。\n"

func fallbackProject(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "proj")
	files["data/doc.toml"] = []byte(fallbackDoc)
	files["templates/body.txt"] = []byte(fallbackBody)
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// drawnBy maps each character of the body's first page to the fonts
// (PostScript names, without the subset tag) that draw it.
func drawnBy(t *testing.T, pdf string) (map[rune]map[string]bool, []pdfcheck.Glyph) {
	t.Helper()
	pages, err := pdfcheck.Trace(pdf)
	if err != nil {
		t.Fatal(err)
	}
	var all []pdfcheck.Glyph
	for _, p := range pages {
		all = append(all, p.Glyphs...)
	}
	return pdfcheck.FontsOf(pages), all
}

func TestRareNamesBuildWithTheBuiltInFonts(t *testing.T) {
	pdfcheck.RequireTools(t, "mutool", "pdftotext")
	bin := archBinary(t)
	dir := fallbackProject(t, map[string][]byte{})
	out, e, code := archRun(t, dir, bin, "022", []string{"XDG_CONFIG_HOME=" + t.TempDir()}, "build", "-o", "a.pdf", "data/doc.toml")
	if code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, out, e)
	}
	// One warning per character, the repeated ones with their count.
	warnings := strings.Split(strings.TrimSpace(e), "\n")
	if len(warnings) != len([]rune(rareNames)) {
		t.Errorf("%d warnings, want one per character (%d):\n%s", len(warnings), len([]rune(rareNames)), e)
	}
	for _, want := range []string{
		"templates/body.txt:1:5: warning: character '堃' (U+5803) is not in the 仿宋 font FandolFang-Regular.ttf: drawn in HanaMinA-Fallback.ttf, the next font of the role's list (2 places, this the first)",
		"templates/body.txt:1:38: warning: character '𠀾' (U+2003E) is not in the 仿宋 font FandolFang-Regular.ttf: drawn in HanaMinA-Fallback.ttf, the next font of the role's list",
	} {
		if !strings.Contains(e, want+"\n") {
			t.Errorf("no warning\n%s\nin\n%s", want, e)
		}
	}
	pdf := filepath.Join(dir, "a.pdf")
	by, glyphs := drawnBy(t, pdf)
	for _, r := range rareNames {
		if len(by[r]) != 1 || !by[r]["HanaMinA"] {
			t.Errorf("%c drawn by %v, want HanaMinA alone", r, by[r])
		}
	}
	for _, r := range "名单张李王同志彰" {
		if len(by[r]) != 1 || !by[r]["FandolFang-Regular"] {
			t.Errorf("%c drawn by %v, want FandolFang-Regular alone", r, by[r])
		}
	}
	// At the role's size, on the line's baseline, on its grid: each name
	// character stands one pitch after the surname before it, the pitch
	// from 名 to 单 at the line's start.
	pitch := math.NaN()
	for i := 1; i < len(glyphs); i++ {
		if glyphs[i-1].Rune == '名' && glyphs[i].Rune == '单' {
			pitch = glyphs[i].X - glyphs[i-1].X
		}
	}
	checked := 0
	for i := 1; i < len(glyphs); i++ {
		g, b := glyphs[i], glyphs[i-1]
		if !strings.ContainsRune(rareNames, g.Rune) || !strings.ContainsRune("张李王赵钱孙周吴郑冯刘陈", b.Rune) || b.Y != g.Y {
			continue
		}
		checked++
		if math.Abs(g.Size-b.Size) > 0.01 {
			t.Errorf("%c: %.2f pt, its surname %c %.2f pt", g.Rune, g.Size, b.Rune, b.Size)
		}
		if math.Abs(g.X-b.X-pitch) > 0.05 {
			t.Errorf("%c at x %.2f mm, %c at %.2f: off the grid's pitch %.2f mm", g.Rune, g.X, b.Rune, b.X, pitch)
		}
	}
	if checked < 10 {
		t.Errorf("only %d name characters found after their surnames on one line", checked)
	}
	text, err := pdfcheck.Text(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if flat := strings.Join(strings.Fields(text), ""); !strings.Contains(flat, strings.Join(strings.Fields(strings.Split(fallbackBody, "\n")[0]), "")) {
		t.Errorf("pdftotext does not give the names back:\n%s", text)
	}
	if valid, report := preflight(t, pdf); !valid {
		t.Errorf("Preflight finds it is not PDF/A-1b:\n%s", summarise(report))
	}
	// The fallback font is an input of the document.
	b, _ := os.ReadFile(pdf)
	rec, err := archive.Read(b)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := rec.Source("builtin:HanaMinA-Fallback.ttf"); !ok {
		t.Errorf("the fallback font is not recorded: %+v", rec.Sources)
	}
	// The OFD draws them in the fallback font too, named by its family.
	if out, e, code := archRun(t, dir, bin, "022", []string{"XDG_CONFIG_HOME=" + t.TempDir()}, "build", "-o", "a.ofd", "data/doc.toml"); code != 0 {
		t.Fatalf("build -o a.ofd: exit %d\n%s%s", code, out, e)
	}
	ob, err := os.ReadFile(filepath.Join(dir, "a.ofd"))
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := ofdcheck.Read(ob)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range pkg.Pages[0].Glyphs {
		f := pkg.Fonts[g.Font]
		if strings.ContainsRune(rareNames, g.Rune) != (f.FontName == "HanaMinA") || f.FontName == "HanaMinA" && f.Family != "HanaMinA" {
			t.Errorf("OFD: %c drawn in %s (%s)", g.Rune, f.FontName, f.Family)
		}
	}
	// --strict refuses them, and writes nothing.
	out, e, code = archRun(t, dir, bin, "022", []string{"XDG_CONFIG_HOME=" + t.TempDir()}, "build", "--strict", "-o", "b.pdf", "data/doc.toml")
	if code != 1 || !strings.Contains(e, "templates/body.txt:1:5: character '堃' (U+5803) is not in the 仿宋 font FandolFang-Regular.ttf: drawn in HanaMinA-Fallback.ttf") {
		t.Errorf("build --strict: exit %d\n%s%s", code, out, e)
	}
	if _, err := os.Stat(filepath.Join(dir, "b.pdf")); err == nil {
		t.Error("build --strict wrote a PDF")
	}
}

// A role's list of two files of one's own: a 仿宋 that lacks 名 and 单 (a
// subset of FandolFang), then FandolKai, which draws them.
func TestARoleListOfTwoFiles(t *testing.T) {
	pdfcheck.RequireTools(t, "mutool")
	bin := archBinary(t)
	root, _ := filepath.Abs(archRoot)
	fang, err := fonts.Open(filepath.Join(root, "fonts", "FandolFang-Regular.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	var keep []rune
	for _, r := range fallbackDoc + fallbackBody + "0123456789年月日" {
		if r != '名' && r != '单' && fang.Has(r) {
			keep = append(keep, r)
		}
	}
	sub, err := fang.Subset(keep)
	if err != nil {
		t.Fatal(err)
	}
	cfg := `fangsong = ["fang.ttf", "` + filepath.Join(root, "fonts", "FandolKai-Regular.ttf") + `", "` + filepath.Join(root, "fonts", "HanaMinA-Fallback.ttf") + "\"]\n"
	dir := fallbackProject(t, map[string][]byte{"fonts/fonts.toml": []byte(cfg), "fonts/fang.ttf": sub})
	out, e, code := archRun(t, dir, bin, "022", nil, "build", "-o", "a.pdf", "data/doc.toml")
	if code != 0 {
		t.Fatalf("build: exit %d\n%s%s", code, out, e)
	}
	if !strings.Contains(e, "character '名' (U+540D) is not in the 仿宋 font fang.ttf: drawn in FandolKai-Regular.ttf, the next font of the role's list") {
		t.Errorf("no warning for 名:\n%s", e)
	}
	by, _ := drawnBy(t, filepath.Join(dir, "a.pdf"))
	for r, want := range map[rune]string{'名': "FandolKai-Regular", '单': "FandolKai-Regular", '张': "FandolFang-Regular", '堃': "HanaMinA"} {
		if len(by[r]) != 1 || !by[r][want] {
			t.Errorf("%c drawn by %v, want %s alone", r, by[r], want)
		}
	}
	if out, e, code := archRun(t, dir, bin, "022", nil, "verify", "a.pdf"); code != 0 {
		t.Errorf("verify: exit %d\n%s%s", code, out, e)
	}
	// The same list in the document's [fonts].
	own := fallbackDoc + "[fonts]\nfangsong = [\"../fonts/fang.ttf\", \"" + filepath.Join(root, "fonts", "FandolKai-Regular.ttf") + "\", \"" + filepath.Join(root, "fonts", "HanaMinA-Fallback.ttf") + "\"]\n"
	if err := os.WriteFile(filepath.Join(dir, "data", "own.toml"), []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "fonts", "fonts.toml")); err != nil {
		t.Fatal(err)
	}
	if out, e, code := archRun(t, dir, bin, "022", []string{"XDG_CONFIG_HOME=" + t.TempDir()}, "build", "-o", "b.pdf", "data/own.toml"); code != 0 {
		t.Fatalf("build with [fonts]: exit %d\n%s%s", code, out, e)
	}
	by, _ = drawnBy(t, filepath.Join(dir, "b.pdf"))
	if len(by['名']) != 1 || !by['名']["FandolKai-Regular"] || len(by['张']) != 1 || !by['张']["FandolFang-Regular"] {
		t.Errorf("with [fonts]: 名 drawn by %v, 张 by %v", by['名'], by['张'])
	}
}
