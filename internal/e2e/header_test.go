package e2e

import (
	"math"
	"sort"
	"strings"
	"testing"

	"gongwen/internal/pdfcheck"
)

// findLine returns the page's line that prints text, failing the test with
// the page's lines when there is none.
func findLine(t *testing.T, lines []line, text string) line {
	t.Helper()
	for _, l := range lines {
		if l.text == text {
			return l
		}
	}
	var have []string
	for _, l := range lines {
		have = append(have, clip(l.text, 20))
	}
	t.Fatalf("no line %q on the page; its lines: %s", text, strings.Join(have, " | "))
	return line{}
}

// checkGlyphs fails for every glyph of l whose size or colour is not the
// wanted one.
func checkGlyphs(t *testing.T, l line, size float64, color [3]float64) {
	t.Helper()
	for _, g := range l.glyphs {
		if !near(g.Size, size, 0.01) {
			t.Errorf("%q: glyph %q is %.2f pt, want %.2f", l.text, g.Rune, g.Size, size)
		}
		if !sameColor(g.Color, color) {
			t.Errorf("%q: glyph %q has colour %v, want %v", l.text, g.Rune, g.Color, color)
		}
	}
}

// TestPage1HeaderMatchesTheLetterFormat measures the 信函格式 header of page
// 1: the red 发文机关标志, the two red double lines, the 发文字号, the 标题
// and the 主送机关, each within 1 mm of where GB/T 9704 clause 10.1 and the
// project's choices put it; the rules to 0.1 mm and their widths to 0.05 mm.
func TestPage1HeaderMatchesTheLetterFormat(t *testing.T) {
	n := theNotice(t)
	lines := n.body[0]
	d := n.data

	t.Run("发文机关标志", func(t *testing.T) {
		l := findLine(t, lines, d.Issuer)
		checkGlyphs(t, l, markSize, red)
		if top := l.emTop(); !near(top, markTop, 1) {
			t.Errorf("em top at %.3f mm, want %g ± 1", top, markTop)
		}
		if c := (l.start() + l.end()) / 2; !near(c, typeCentre, 1) {
			t.Errorf("centred on x = %.3f mm, want %g ± 1 (from %.3f to %.3f)", c, typeCentre, l.start(), l.end())
		}
		if w := l.end() - l.start(); w > markMaxWidth {
			t.Errorf("%.3f mm wide, more than %.0f", w, markMaxWidth)
		}
	})

	t.Run("red double lines", func(t *testing.T) {
		rules := n.pages[0].Rules
		if len(rules) != 4 {
			t.Fatalf("page 1 draws %d rules, want the 4 lines of the two red double lines: %+v", len(rules), rules)
		}
		edges := make([]ruleEdges, len(rules))
		for i, r := range rules {
			edges[i] = edgesOf(r)
		}
		sort.Slice(edges, func(i, j int) bool { return edges[i].top < edges[j].top })
		markBottom := markTop + markSize*mmPerPt
		want := []struct {
			name      string
			top       float64
			thickness float64
		}{
			{"first double line, upper (thick)", markBottom + markRuleGap, ruleThick},
			{"first double line, lower (thin)", markBottom + markRuleGap + ruleThick + ruleGap, ruleThin},
			{"second double line, upper (thin)", secondRuleTop, ruleThin},
			{"second double line, lower (thick)", secondRuleTop + ruleThin + ruleGap, ruleThick},
		}
		for i, w := range want {
			e := edges[i]
			t.Run(w.name, func(t *testing.T) {
				if !near(e.top, w.top, 0.1) {
					t.Errorf("top edge at %.3f mm, want %.3f ± 0.1", e.top, w.top)
				}
				if !near(e.thickness, w.thickness, 0.05) {
					t.Errorf("%.3f mm thick, want %.2f ± 0.05", e.thickness, w.thickness)
				}
				if !near(e.left, ruleLeft, 0.1) || !near(e.right, ruleRight, 0.1) {
					t.Errorf("runs from x = %.3f to %.3f mm, want %.0f to %.0f ± 0.1", e.left, e.right, ruleLeft, ruleRight)
				}
				if l := e.right - e.left; !near(l, ruleRight-ruleLeft, 0.1) {
					t.Errorf("%.3f mm long, want %.0f ± 0.1", l, ruleRight-ruleLeft)
				}
				if !e.level {
					t.Errorf("not horizontal: %+v", e.rule)
				}
				if !sameColor(e.rule.Color, red) {
					t.Errorf("colour %v, want red %v", e.rule.Color, red)
				}
			})
		}
		for _, pair := range [][2]int{{0, 1}, {2, 3}} {
			upper, lower := edges[pair[0]], edges[pair[1]]
			if gap := lower.top - upper.bottom; !near(gap, ruleGap, 0.05) {
				t.Errorf("the lines at %.3f and %.3f mm are %.3f mm apart, want %.2f ± 0.05",
					upper.top, lower.top, gap, ruleGap)
			}
		}
	})

	t.Run("发文字号", func(t *testing.T) {
		l := findLine(t, lines, d.NumberText())
		checkGlyphs(t, l, bodySize, black)
		if end := l.cellEnd(); !near(end, typeRight, 1) {
			t.Errorf("ends at x = %.3f mm, want flush right at %.0f ± 1", end, typeRight)
		}
		ruleBottom := markTop + markSize*mmPerPt + markRuleGap + ruleThick + ruleGap + ruleThin
		if top := l.emTop(); !near(top, ruleBottom+numberGap, 1) {
			t.Errorf("em top at %.3f mm, want %.3f ± 1 (%.3f under the double line)", top, ruleBottom+numberGap, numberGap)
		}
	})

	t.Run("标题", func(t *testing.T) {
		var prev line
		for i, text := range d.Title {
			l := findLine(t, lines, text)
			checkGlyphs(t, l, titleSize, black)
			if c := (l.start() + l.end()) / 2; !near(c, typeCentre, 1) {
				t.Errorf("line %d %q centred on x = %.3f mm, want %.0f ± 1", i+1, text, c, typeCentre)
			}
			if i > 0 {
				if p := l.baseline() - prev.baseline(); !near(p, titleLinePitch, 0.1) {
					t.Errorf("line %d is %.3f mm under line %d, want 35 pt = %.3f ± 0.1", i+1, p, i, titleLinePitch)
				}
			}
			prev = l
		}
	})

	t.Run("主送机关", func(t *testing.T) {
		l := findLine(t, lines, d.Recipients+"：")
		checkGlyphs(t, l, bodySize, black)
		if s := l.cellStart(); !near(s, typeLeft, 1) {
			t.Errorf("starts at x = %.3f mm, want flush left at %.0f ± 1", s, typeLeft)
		}
		title := findLine(t, lines, d.Title[len(d.Title)-1])
		if l.emTop() <= title.emBottom() {
			t.Errorf("em top at %.3f mm, not under the 标题 (its em bottom at %.3f)", l.emTop(), title.emBottom())
		}
	})
}

// ruleEdges is a rule as a band: its top and bottom edges and its ends.
type ruleEdges struct {
	rule                   pdfcheck.Rule
	top, bottom, thickness float64
	left, right            float64
	level                  bool
}

// edgesOf reads a stroked line (its path is the centre line, its width the
// thickness) or a filled rectangle (its box is the band).
func edgesOf(r pdfcheck.Rule) ruleEdges {
	e := ruleEdges{rule: r, left: math.Min(r.X1, r.X2), right: math.Max(r.X1, r.X2)}
	if r.Fill {
		e.top, e.bottom = math.Min(r.Y1, r.Y2), math.Max(r.Y1, r.Y2)
		e.level = true
	} else {
		y := (r.Y1 + r.Y2) / 2
		e.top, e.bottom = y-r.Width/2, y+r.Width/2
		e.level = near(r.Y1, r.Y2, 0.01)
	}
	e.thickness = e.bottom - e.top
	return e
}

// TestOnlyTheHeaderIsRed checks the letter format's colours on the main-text
// pages: the 发文机关标志 and the double lines red, every other glyph black,
// and no rule at all after page 1.
func TestOnlyTheHeaderIsRed(t *testing.T) {
	n := theNotice(t)
	lim := &limit{t: t, max: 10}
	for i := 0; i < n.main; i++ {
		for j, l := range append(append([]line(nil), n.body[i]...), n.footer[i]...) {
			want, what := black, "black"
			if i == 0 && j == 0 && l.text == n.data.Issuer {
				want, what = red, "red (发文机关标志)"
			}
			for _, g := range l.glyphs {
				if !sameColor(g.Color, want) {
					lim.errorf("page %d, %q: glyph %q has colour %v, want %s", i+1, clip(l.text, 12), g.Rune, g.Color, what)
				}
			}
		}
		for _, r := range n.pages[i].Rules {
			if i > 0 {
				lim.errorf("page %d draws a rule, the letter format has none after page 1: %+v", i+1, r)
			} else if !sameColor(r.Color, red) {
				lim.errorf("page 1: rule at y = %.3f has colour %v, want red", r.Y1, r.Color)
			}
		}
	}
	lim.done()
}
