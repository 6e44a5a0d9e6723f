package e2e

// Digits and Latin letters in a font of their own (fonts.toml: latin =
// "FILE", or [latin] per role), here Debian's Liberation Serif: drawn in
// it, read back as written, each run at its natural width, and the lines
// of the body still justified to the 版心's right edge.

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/pdfcheck"
)

const liberation = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"

const latinBody = "2024年全省GDP增长5.2%，其中ABC公司完成投资12345万元，Project Alpha进展顺利，全年目标为Q4完成。这是一段较长的文字，用来检查两端对齐之后每一行都止于版心右边缘，2025年继续推进Beta计划和Gamma计划的实施工作。\n"

func TestLatinLettersAndDigitsInTheirOwnFont(t *testing.T) {
	pdfcheck.RequireTools(t, "mutool", "pdftotext")
	if _, err := os.Stat(liberation); err != nil {
		t.Fatalf("%v: run `make test`, which installs fonts-liberation", err)
	}
	bin := archBinary(t)
	root, _ := filepath.Abs(archRoot)
	repoCfg, err := os.ReadFile(filepath.Join(root, "fonts", "fonts.toml"))
	if err != nil {
		t.Fatal(err)
	}
	// The repository's roles, by absolute path, and the Latin font.
	cfg := strings.ReplaceAll(strings.ReplaceAll(string(repoCfg), `["`, `["`+root+`/fonts/`), `, "`, `, "`+root+`/fonts/`)
	for _, c := range []struct {
		name, latin string
		body        bool // the 仿宋 body's Latin is in Liberation Serif
	}{
		{"every body role", `latin = "` + liberation + "\"\n", true},
		{"黑体 alone", "[latin]\nheiti = \"" + liberation + "\"\n", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := fallbackProject(t, map[string][]byte{"fonts/fonts.toml": []byte(cfg + c.latin)})
			if err := os.WriteFile(filepath.Join(dir, "templates", "body.txt"), []byte(latinBody), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, e, code := archRun(t, dir, bin, "022", nil, "build", "-o", "a.pdf", "data/doc.toml"); code != 0 || e != "" {
				t.Fatalf("build: exit %d\n%s%s", code, out, e)
			}
			pdf := filepath.Join(dir, "a.pdf")
			pages, err := pdfcheck.Trace(pdf)
			if err != nil {
				t.Fatal(err)
			}
			var body []pdfcheck.Glyph // the paragraph's glyphs, below the recipients' line
			recipients := math.Inf(1)
			for _, g := range pages[0].Glyphs {
				if g.Rune == '各' {
					recipients = math.Min(recipients, g.Y)
				}
			}
			for _, g := range pages[0].Glyphs {
				if math.Abs(g.Size-16) < 0.1 && g.Y > recipients+1 && g.Y < 160 {
					body = append(body, g)
				}
			}
			var text strings.Builder
			for _, g := range body {
				text.WriteRune(g.Rune)
				_, ps, _ := strings.Cut(g.Font, "+")
				latin := g.Rune >= ' ' && g.Rune <= '~' // digits, letters and the ASCII between them
				want := "FandolFang-Regular"
				if latin && c.body {
					want = "LiberationSerif"
				}
				if ps != want {
					t.Errorf("%c drawn in %s, want %s", g.Rune, ps, want)
				}
			}
			if got := text.String(); got != strings.TrimSpace(latinBody) {
				t.Errorf("the paragraph reads\n%s\nwant\n%s", got, latinBody)
			}
			// Every line but the last ends at the 版心's right edge,
			// 28 + 156 = 184 mm from the page's left.
			ends := map[float64]float64{}
			for _, g := range body {
				ends[g.Y] = math.Max(ends[g.Y], g.X+g.Adv)
			}
			last := 0.0
			for y := range ends {
				last = math.Max(last, y)
			}
			if len(ends) < 3 {
				t.Fatalf("the paragraph has %d lines", len(ends))
			}
			for y, end := range ends {
				if y != last && math.Abs(end-184) > 0.3 {
					t.Errorf("the line at %.1f mm ends at %.2f mm, not at 184", y, end)
				}
			}
			out, err := pdfcheck.Text(pdf)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(strings.Fields(out), ""), strings.Join(strings.Fields(strings.TrimSpace(latinBody)), "")) {
				t.Errorf("pdftotext gives\n%s", out)
			}
		})
	}
}
