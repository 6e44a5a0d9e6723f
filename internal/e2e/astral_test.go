package e2e

// Characters above the BMP (CJK Extension B and on: the rare characters of
// people's and places' names, 生僻字): drawn, read back and placed like any
// ideograph where the role's font has them, named with their place where
// it does not. None of the shipped fonts has one, so the tests give two of
// them U+20000, drawn with the glyph of 通 (fontstest.WithAstral), the way
// real fonts carry them: in a format 12 subtable beside the map of the BMP.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"gongwen/internal/build"
	"gongwen/internal/fonts/fontstest"
	"gongwen/internal/ofdcheck"
	"gongwen/internal/pdfcheck"
	pngr "gongwen/internal/render/png"
)

const astral = '\U00020000'

// astralPlaces are the edits that put U+20000 into the notice: its title
// (小标宋), its body (仿宋) and a cell of 附件3 (仿宋), each with the
// characters that end up either side of it and the font drawing it.
var astralPlaces = []struct {
	file, from, to string
	before, after  rune
	font           string
}{
	{"data/chuan-ban-han-2024-114.toml", `"检查和年度监管工作情况的通报"`, `"检查和年度监管工作情况𠀀的通报"`, '况', '的', "NotoSerifCJKsc"},
	{"templates/chuan-ban-han-2024-114.txt", "结果显示，巴中市", "结果显示，通𠀀巴中市", '通', '巴', "FandolFang"},
	{"data/chuan-ban-han-2024-114/annex3.toml", `"广安市"`, `"广𠀀安市"`, '广', '安', "FandolFang"},
}

// astralProject is a copy of the project whose notice holds U+20000 in
// each place, and, with fonts, whose 小标宋 and 仿宋 fonts draw it.
func astralProject(t *testing.T, withFonts bool) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "proj")
	archProject(t, dir)
	for _, p := range astralPlaces {
		path := filepath.Join(dir, p.file)
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(string(b), p.from) != 1 {
			t.Fatalf("%s: %q is not there once", p.file, p.from)
		}
		if err := os.WriteFile(path, []byte(strings.Replace(string(b), p.from, p.to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if withFonts {
		for _, name := range []string{"FandolFang-Regular.ttf", "NotoSerifSC-Bold.ttf"} {
			path := filepath.Join(dir, "fonts", name)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, fontstest.WithAstral(t, b, map[rune]rune{astral: '通'}), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

func TestAstralCharactersAreDrawnWhereTheFontHasThem(t *testing.T) {
	pdfcheck.RequireTools(t, "pdftotext", "mutool")
	dir := astralProject(t, true)
	doc := filepath.Join(dir, archNotice)
	out := filepath.Join(dir, "out.pdf")
	if err := build.Build(doc, out, build.Options{OFD: true}); err != nil {
		t.Fatal(err)
	}

	// pdftotext reads each back, between its neighbours.
	text, err := pdfcheck.Text(out)
	if err != nil {
		t.Fatal(err)
	}
	flat := regexp.MustCompile(`\s+`).ReplaceAllString(text, "")
	if n := strings.Count(flat, string(astral)); n != len(astralPlaces) {
		t.Errorf("pdftotext reads U+20000 %d times, want %d", n, len(astralPlaces))
	}
	for _, p := range astralPlaces {
		if want := string([]rune{p.before, astral, p.after}); !strings.Contains(flat, want) {
			t.Errorf("pdftotext does not read %q", want)
		}
	}

	// mutool draws each in its line, in the font of its neighbours, on
	// their baseline, with their size and advance, between them.
	pages, err := pdfcheck.Trace(out)
	if err != nil {
		t.Fatal(err)
	}
	var found []pdfcheck.Glyph
	for _, pg := range pages {
		for _, line := range pdfcheck.Lines(pg) {
			for i, g := range line {
				if g.Rune != astral {
					continue
				}
				found = append(found, g)
				if i == 0 || i == len(line)-1 {
					t.Errorf("page %d: U+20000 at the end of the line %q", g.Page, pdfcheck.LineText(line))
					continue
				}
				prev, next := line[i-1], line[i+1]
				var place *struct {
					file, from, to string
					before, after  rune
					font           string
				}
				for k := range astralPlaces {
					if astralPlaces[k].before == prev.Rune && astralPlaces[k].after == next.Rune {
						place = &astralPlaces[k]
					}
				}
				if place == nil {
					t.Errorf("page %d: U+20000 between %q and %q, not where it was put", g.Page, prev.Rune, next.Rune)
					continue
				}
				if !strings.Contains(g.Font, place.font) || g.Font != prev.Font || g.Font != next.Font {
					t.Errorf("%q: U+20000 in the font %s between %s and %s, want %s", place.to, g.Font, prev.Font, next.Font, place.font)
				}
				if !near(g.Y, prev.Y, 0.01) || !near(g.Size, prev.Size, 0.01) || !near(g.Adv, prev.Adv, 0.01) {
					t.Errorf("%q: U+20000 at y %.3f, %.2f pt, advance %.3f; %q at y %.3f, %.2f pt, advance %.3f", place.to, g.Y, g.Size, g.Adv, prev.Rune, prev.Y, prev.Size, prev.Adv)
				}
				if a, b := g.X-prev.X, next.X-g.X; a < prev.Adv*0.9 || !near(a, b, 0.01) {
					t.Errorf("%q: U+20000 at x %.3f, not a cell after %q at %.3f and before %q at %.3f", place.to, g.X, prev.Rune, prev.X, next.Rune, next.X)
				}
			}
		}
	}
	if len(found) != len(astralPlaces) {
		t.Fatalf("mutool draws U+20000 %d times, want %d", len(found), len(astralPlaces))
	}

	// Still PDF/A-1b.
	if valid, report := preflight(t, out); !valid {
		t.Errorf("Preflight finds it is not PDF/A-1b:\n%s", summarise(report))
	}

	// The OFD draws each where the PDF does.
	b, err := os.ReadFile(strings.TrimSuffix(out, ".pdf") + ".ofd")
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := ofdcheck.Read(b)
	if err != nil {
		t.Fatal(err)
	}
	k := 0
	for i, pg := range pkg.Pages {
		for _, g := range pg.Glyphs {
			if g.Rune != astral {
				continue
			}
			if k >= len(found) || found[k].Page != i+1 || !near(g.X, found[k].X, 0.01) || !near(g.Y, found[k].Y, 0.01) {
				t.Errorf("the OFD draws U+20000 on page %d at (%.3f, %.3f), not where the PDF does", i+1, g.X, g.Y)
			}
			k++
		}
	}
	if k != len(found) {
		t.Errorf("the OFD draws U+20000 %d times, want %d", k, len(found))
	}

	// The preview draws the glyph of 通 for it: as much ink in its cell as
	// in the cell of the 通 before it in the body.
	j, err := build.Prepare(doc, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	const dpi = 150
	imgs, err := pngr.Render(j.Result, j.FontData, dpi)
	if err != nil {
		t.Fatal(err)
	}
	ink := func(g pdfcheck.Glyph) float64 {
		img := imgs[g.Page-1]
		px := func(mm float64) int { return int(mm * dpi / 25.4) }
		em := g.Size * 25.4 / 72
		var sum float64
		for y := px(g.Y - em); y <= px(g.Y+em/4); y++ {
			for x := px(g.X); x <= px(g.X+g.Adv); x++ {
				r, _, _, _ := img.At(x, y).RGBA()
				sum += float64(0xFFFF-r) / 0xFFFF
			}
		}
		return sum
	}
	for _, g := range found {
		if !strings.Contains(g.Font, "FandolFang") || g.Page != 1 {
			continue
		}
		for _, pg := range pages {
			for _, line := range pdfcheck.Lines(pg) {
				for i, h := range line {
					if h == g && line[i-1].Rune == '通' {
						a, b := ink(g), ink(line[i-1])
						if b < 20 || a < 0.95*b || a > 1.05*b {
							t.Errorf("the preview inks U+20000's cell %.1f, its neighbour 通's %.1f", a, b)
						}
					}
				}
			}
		}
	}
}

// Without a font that has it, the build stops and names each place.
func TestAstralCharactersTheFontLacksAreNamedWithTheirPlace(t *testing.T) {
	dir := astralProject(t, false)
	// Each role its own font alone: the fallback that ends the lists has
	// U+20000.
	cfgPath := filepath.Join(dir, "fonts", "fonts.toml")
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfgPath, []byte(strings.ReplaceAll(string(cfg), `, "HanaMinA-Fallback.ttf"]`, `]`)), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(dir, archNotice)
	out := filepath.Join(dir, "out.pdf")
	err = build.Build(doc, out, build.Options{})
	if err == nil {
		t.Fatal("built")
	}
	if _, e := os.Stat(out); e == nil {
		t.Error("an output was written")
	}
	// Where U+20000 is in a file: line and column, in characters.
	at := func(file string) string {
		b, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range strings.Split(string(b), "\n") {
			if k := strings.IndexRune(l, astral); k >= 0 {
				return fmt.Sprintf("%s:%d:%d", filepath.Join(dir, file), i+1, utf8.RuneCountInString(l[:k])+1)
			}
		}
		t.Fatalf("%s holds no U+20000", file)
		return ""
	}
	want := []string{
		at(astralPlaces[0].file) + `: character '𠀀' (U+20000) is not in the 小标宋 font NotoSerifSC-Bold.ttf: use another character or point the role "xiaobiaosong" at a font that has it`,
		// The count of places is the table setter's (it counts a cell's
		// character more than once): not checked here.
		`character '𠀀' (U+20000) is not in the 仿宋 font FandolFang-Regular.ttf: N places, first at ` + at(astralPlaces[1].file) + ` (use another character or point the role "fangsong" at a font that has it)`,
	}
	got := regexp.MustCompile(`: \d+ places`).ReplaceAllString(err.Error(), ": N places")
	if got != strings.Join(want, "\n") {
		t.Errorf("the build says\n%s\nwant\n%s", err, strings.Join(want, "\n"))
	}
}
