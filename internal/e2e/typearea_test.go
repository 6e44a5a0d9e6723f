package e2e

import (
	"fmt"
	"math"
	"testing"
)

// TestMainTextStaysInsideTheTypeArea checks that every glyph of every
// main-text page lies inside the 版心 (x 28–184, em box y 37–262, 0.1 mm
// slack), the 发文机关标志 above it and the page numbers below it excepted:
// those only have to stay inside the 版心's width (the 标志 inside the
// 170 mm of the double lines). Every page is A4 portrait.
func TestMainTextStaysInsideTheTypeArea(t *testing.T) {
	n := theNotice(t)
	const slack = 0.1
	lim := &limit{t: t, max: 20}
	for i := 0; i < n.main; i++ {
		p := n.pages[i]
		if !near(p.Width, pageWidth, 0.1) || !near(p.Height, pageHeight, 0.1) {
			t.Errorf("page %d is %.2f × %.2f mm, want A4 %.0f × %.0f", p.Number, p.Width, p.Height, pageWidth, pageHeight)
		}
		check := func(l line, left, right float64, vertical bool) {
			for _, g := range l.glyphs {
				if g.X < left-slack || g.X+g.Adv > right+slack {
					lim.errorf("page %d, %q: glyph %q spans x = %.3f–%.3f mm, outside %.0f–%.0f",
						p.Number, clip(l.text, 12), g.Rune, g.X, g.X+g.Adv, left, right)
				}
				if vertical && (emTop(g) < typeTop-slack || emBottom(g) > typeBottom+slack) {
					lim.errorf("page %d, %q: glyph %q spans y = %.3f–%.3f mm, outside %.0f–%.0f",
						p.Number, clip(l.text, 12), g.Rune, emTop(g), emBottom(g), typeTop, typeBottom)
				}
			}
		}
		for j, l := range n.body[i] {
			if i == 0 && j == 0 && l.text == n.data.Issuer {
				check(l, ruleLeft, ruleRight, false) // the 标志, above the 版心
				continue
			}
			check(l, typeLeft, typeRight, true)
		}
		for _, l := range n.footer[i] {
			check(l, typeLeft, typeRight, false) // page numbers, below the 版心
		}
	}
	lim.done()
}

// TestFullPageHas22EvenlySpacedLines checks the line grid: page 2, the first
// page of body text only, holds exactly 22 lines, their baselines
// (225 − 5.644)/21 = 10.446 mm apart, the first em top at 37 mm and the
// last em bottom at 262 mm; and every line of the later main-text pages
// sits on that same grid.
func TestFullPageHas22EvenlySpacedLines(t *testing.T) {
	n := theNotice(t)
	if n.main < 2 {
		t.Fatalf("the main text has %d page(s); the notice needs at least 2", n.main)
	}

	t.Run("page 2", func(t *testing.T) {
		lines := n.body[1]
		if len(lines) != linesPerPage {
			t.Fatalf("page 2 has %d lines of text above the page number, want %d", len(lines), linesPerPage)
		}
		if top := lines[0].emTop(); !near(top, typeTop, 0.1) {
			t.Errorf("first line's em top at %.3f mm, want %.0f ± 0.1", top, typeTop)
		}
		if bottom := lines[len(lines)-1].emBottom(); !near(bottom, typeBottom, 0.1) {
			t.Errorf("last line's em bottom at %.3f mm, want %.0f ± 0.1", bottom, typeBottom)
		}
		for k := 1; k < len(lines); k++ {
			if d := lines[k].baseline() - lines[k-1].baseline(); !near(d, linePitch, 0.05) {
				t.Errorf("lines %d and %d are %.3f mm apart, want %.3f ± 0.05 (%q)",
					k, k+1, d, linePitch, clip(lines[k].text, 12))
			}
		}
	})

	for i := 1; i < n.main; i++ {
		page := i + 1
		t.Run(fmt.Sprintf("grid of page %d", page), func(t *testing.T) {
			for _, l := range n.body[i] {
				k := (l.emTop() - typeTop) / linePitch
				if off := (k - math.Round(k)) * linePitch; math.Abs(off) > 0.05 || k < -0.01 || math.Round(k) >= linesPerPage {
					t.Errorf("line %q: em top at %.3f mm is not on the grid 37 + k × %.3f (off by %.3f)",
						clip(l.text, 12), l.emTop(), linePitch, off)
				}
			}
		})
	}
}
