package ofd_test

import (
	"os"
	"path/filepath"
	"testing"

	"gongwen/internal/build"
)

// TestOFDJSDrawsCFFFonts draws, with ofd.js, an OFD whose fonts have CFF
// outlines (Debian's Noto Serif CJK SC and FandolFang.otf, embedded as
// .otf subsets) against the PDF drawn by pdftoppm: the embedded OpenType
// subsets draw the same glyphs in both readers.
func TestOFDJSDrawsCFFFonts(t *testing.T) {
	bundle, chromium := ofdJSAndChromium(t)
	const noto = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
	const fang = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf"
	for _, f := range []string{noto, fang} {
		if _, err := os.Stat(f); err != nil {
			t.Fatalf("%v: run `make test`, which installs fonts-noto-cjk and texlive-lang-chinese", err)
		}
	}
	dir := t.TempDir()
	files := map[string]string{
		"data/doc.toml": `format = "letter"
template = "../templates/body.txt"
issuer = "示例市人民政府办公室"
title = ["关于换用字体的函"]
recipients = "各区人民政府"
signature = "示例市人民政府办公室"
date = 2025-02-18
number = "示办函〔2025〕7号"
[fonts]
xiaobiaosong = "` + noto + `#2"
fangsong = "` + fang + `"
`,
		"templates/body.txt": "自3月1日起，公文正文改用新的仿宋字体，标题改用思源宋体。\n\n# 有关要求\n\n请各单位提前安装字体，核对打印效果。\n",
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
	j, err := build.Prepare(filepath.Join(dir, "data/doc.toml"), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := &sample{name: "cff", job: j, pdfPath: filepath.Join(dir, "doc.pdf")}
	if s.pdf, err = j.Render(build.Options{}); err != nil {
		t.Fatal(err)
	}
	if s.ofd, err = j.RenderOFD(build.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.pdfPath, s.pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	shots, pdfs := drawBoth(t, s, chromium, bundle)
	for i := range shots {
		d := compare(shots[i], pdfs[i])
		t.Logf("page %d: %.4f %% of the pixels differ, %.2f %% in the worst tile", i+1, 100*d.page, 100*d.tile)
		if keep := os.Getenv("OFD_KEEP_PAGES"); keep != "" {
			writePNG(filepath.Join(keep, "cff-ofdjs.png"), shots[i])
			writePNG(filepath.Join(keep, "cff-pdf.png"), pdfs[i])
		}
		if !d.ok() {
			t.Errorf("page %d differs: %.3f %% of the page, %.1f %% of a tile", i+1, 100*d.page, 100*d.tile)
		}
	}
}
