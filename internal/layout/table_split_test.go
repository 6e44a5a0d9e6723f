package layout

import (
	"fmt"
	"strings"
	"testing"

	"gongwen/internal/format"
)

// A row taller than a page is set over as many pages as it needs, cut
// between its lines: each page repeats the header, closes its grid, stays
// in the 版心, and every line of the row appears once, in order.
func TestARowTallerThanAPageIsCutOverPages(t *testing.T) {
	var items []string
	for i := 1; i <= 90; i++ {
		items = append(items, fmt.Sprintf("\"单位%d\"", i))
	}
	src := "rows = [[\"前\", [\"甲\"]], [\"长\", [" + strings.Join(items, ", ") + "]], [\"后\", [\"乙\"]]]\n" +
		"[[columns]]\nkey = \"a\"\ntitle = \"名称\"\n[[columns]]\nkey = \"n\"\ntitle = \"单位\"\nlist = true\n"
	pages, err := tblCompose(t, tblTable(t, src))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 2 {
		t.Fatalf("%d pages, want the row cut over several", len(pages))
	}
	f := format.Letter()
	var seen []string
	for i, p := range pages {
		checkClosedGrid(t, p, f)
		strs := pageStrings(p)
		if !contains(strs, "单位") || !contains(strs, "名称") {
			t.Errorf("page %d does not repeat the header: %q", i+1, strs)
		}
		for _, tx := range p.Texts {
			if tx.Y > f.Top+f.BodyHeight+0.01 {
				t.Errorf("page %d: %q below the 版心 (baseline %.1f mm)", i+1, tx.String(), tx.Y)
			}
			if s := tx.String(); strings.HasPrefix(s, "单位") && s != "单位" {
				seen = append(seen, s)
			}
		}
	}
	if got := strings.Join(seen, " "); got != strings.Join(strings.Fields(strings.ReplaceAll(strings.Join(items, " "), "\"", "")), " ") {
		t.Errorf("the row's lines over the pages:\n%s\nwant 单位1 … 单位90 once each, in order", got)
	}
}
