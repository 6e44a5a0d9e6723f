package layout

import (
	"slices"
	"testing"
)

// The bookmarks stay a tree whatever the headings: the first at the top
// level, none more than one level below the one before.
func TestNestMarks(t *testing.T) {
	for _, c := range []struct {
		name string
		in   [][]int // levels, page by page
		want []int
	}{
		{"as written", [][]int{{0, 1, 1}, {0, 1}}, []int{0, 1, 1, 0, 1}},
		{"a second-level heading first", [][]int{{1, 1, 0}}, []int{0, 1, 0}},
		{"an annex heading without its annex", [][]int{{2}, {0, 1, 2, 2}}, []int{0, 0, 1, 2, 2}},
		{"a jump of two levels", [][]int{{0, 2, 1}}, []int{0, 1, 1}},
		{"pages without bookmarks", [][]int{{}, {1}, {}}, []int{0}},
	} {
		var pages []Page
		for _, levels := range c.in {
			var p Page
			for _, l := range levels {
				p.Marks = append(p.Marks, Mark{Level: l})
			}
			pages = append(pages, p)
		}
		nestMarks(pages)
		var got []int
		for _, p := range pages {
			for _, m := range p.Marks {
				got = append(got, m.Level)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: levels %v, want %v", c.name, got, c.want)
		}
	}
}
