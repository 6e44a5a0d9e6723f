package e2e

import (
	"fmt"
	"testing"
)

// TestPageNumbersSitWhereTheSpecPutsThem checks the page numbers of the
// main-text pages: none on page 1; from page 2 on exactly one line under
// the 版心, "— N —" with N the page's index, 四号 (14 pt) in the 宋体 of
// fonts.toml, its em top 7 mm under the 版心 (269 mm), on even pages
// starting 1 字 (of 四号) right of 28 mm, on odd pages ending 1 字 left of
// 184 mm; 0.1 mm slack.
func TestPageNumbersSitWhereTheSpecPutsThem(t *testing.T) {
	n := theNotice(t)
	song := fontFiles(t)["songti"]
	for i := 0; i < n.main; i++ {
		page := i + 1
		t.Run(fmt.Sprintf("page %d", page), func(t *testing.T) {
			footer := n.footer[i]
			if page == 1 {
				for _, l := range footer {
					t.Errorf("page 1 prints %q under the 版心 (em top %.3f mm); the letter format has no number on page 1",
						l.text, l.emTop())
				}
				return
			}
			if len(footer) != 1 {
				var texts []string
				for _, l := range footer {
					texts = append(texts, l.text)
				}
				t.Fatalf("%d lines under the 版心 %q, want one page number", len(footer), texts)
			}
			l := footer[0]
			if want := fmt.Sprintf("—%d—", page); l.text != want {
				t.Errorf("page number reads %q (spaces removed), want %q", l.text, want)
			}
			for _, g := range l.glyphs {
				if !near(g.Size, pageNumberSize, 0.01) {
					t.Errorf("glyph %q is %.2f pt, want %.0f", g.Rune, g.Size, pageNumberSize)
				}
				if !fontIs(g.Font, song) {
					t.Errorf("glyph %q is in %s, want the 宋体 %s", g.Rune, g.Font, song)
				}
			}
			if top := l.emTop(); !near(top, pageNumberTop, 0.1) {
				t.Errorf("em top at %.3f mm, want %.3f ± 0.1", top, pageNumberTop)
			}
			if page%2 == 0 {
				if s, want := l.start(), typeLeft+pageNumberIndent; !near(s, want, 0.1) {
					t.Errorf("even page: starts at x = %.3f mm, want %.3f ± 0.1 (1 字 in from the left)", s, want)
				}
			} else {
				if e, want := l.end(), typeRight-pageNumberIndent; !near(e, want, 0.1) {
					t.Errorf("odd page: ends at x = %.3f mm, want %.3f ± 0.1 (1 字 in from the right)", e, want)
				}
			}
		})
	}
}
