package layout

import (
	"math/rand/v2"
	"slices"
	"testing"

	"gongwen/internal/format"
)

// The width search measures a cell's height by counting its lines (height)
// instead of setting it (layCell): the two must agree at every width, or
// the widths chosen would differ from the cells drawn; and it takes a
// cell's preferred width from its measured atoms, which must be the width
// of the one line Break sets. Each cell of these
// tables is asked at widths from a little under its narrowest to past its
// preferred width, in steps that are not round numbers of millimetres.
func TestTableCountsTheLinesItSets(t *testing.T) {
	mixed := `rows = [
  ["第1单位（含下属机构）名称很长很长很长", "说明：Version 2.0 of the HTTP/2 protocol，比例17.2%……完成——继续。", ["甲市网", "乙市网（新）", "丙", "丁厅网站名称较长"]],
  ["单位 with spaces  and  more", "“引号”和《书名》，还有、顿号；分号：冒号！", ["A very long English item name", "戊"]],
  ["", "", []],
]
[[columns]]
key = "a"
title = "单位名称"
corner = "项目"
[[columns]]
key = "b"
title = "说明"
align = "justify"
[[columns]]
key = "c"
title = "网站"
list = true
per_line = 3
align = "right"
`
	for _, tc := range []struct{ name, src string }{
		{"tiers", tierTable},
		{"wrapping", wrapTable(3)},
		{"grouped", rowsTable(4)},
		{"mixed", mixed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := tblTable(t, tc.src)
			c := &composer{f: format.Letter(), fonts: func(format.Role) Metrics { return gridFont{} }}
			for _, size := range []float64{10.5, 12} {
				// Widths up, then down, then in no order, each time in a
				// new setter: a count remembered for a room must hold for
				// any width in it, whichever side the widths come from.
				for _, order := range []string{"up", "down", "shuffled"} {
					forgetMeasures() // the rooms counted before with them
					ts := c.newTableSetter(tb, size)
					asked := 0
					for i := range ts.cells {
						// The preferred width is the text's one line as Break sets it.
						if gc := &ts.cells[i]; !gc.Vertical && gc.Corner == "" && ts.items(gc) == nil {
							want := 2 * ts.padX
							if lines, _ := Break(Para{Spans: ts.span(gc, gc.Text), Width: 1e6, Ragged: true}); len(lines) > 0 {
								want += lines[0].Width
							}
							if got := ts.prefWidth(i); got != want {
								t.Errorf("%v pt, cell %d (%q): preferred width %v, one line %v", size, i, gc.Text, got, want)
							}
						}
						lo, hi := ts.minWidth(i, false)-3, ts.prefWidth(i)+5
						var ws []float64
						for w := lo; w <= hi; w += 0.137 {
							ws = append(ws, w)
						}
						switch order {
						case "down":
							slices.Reverse(ws)
						case "shuffled":
							rand.New(rand.NewPCG(uint64(i), 7)).Shuffle(len(ws), func(a, b int) { ws[a], ws[b] = ws[b], ws[a] })
						}
						for _, w := range ws {
							got, want := ts.height(i, w), ts.layCell(i, w).height
							if got != want {
								t.Fatalf("%v pt, cell %d (%q) at %.3f mm: height %v, set %v", size, i, ts.cells[i].Text, w, got, want)
							}
							asked++
						}
					}
					if asked < 100 {
						t.Errorf("%v pt: asked only %d widths", size, asked)
					}
				}
			}
		})
	}
}

// forgetMeasures empties the atom cache, and so the rooms it keeps.
func forgetMeasures() {
	atomCache.mu.Lock()
	defer atomCache.mu.Unlock()
	atomCache.m, atomCache.glyphs = nil, 0
}
