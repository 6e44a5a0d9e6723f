package layout

import (
	"fmt"
	"strings"
	"testing"

	"gongwen/internal/doc"
)

// wrapTable is a table of n rows whose first two columns hold text that
// wraps (an 80-character name, a 40-character note), as issue 14 item 3
// measured: the layout must cost time and memory roughly linear in cells.
func wrapTable(n int) string {
	var b strings.Builder
	b.WriteString("rows = [\n")
	name := strings.Repeat("长", 70)
	note := strings.Repeat("说明文字", 10)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  [\"第%d单位%s\", \"%s\", %d, \"备注\"],\n", i, name, note, i)
	}
	b.WriteString("]\n[[columns]]\nkey = \"a\"\ntitle = \"单位\"\n[[columns]]\nkey = \"b\"\ntitle = \"说明\"\n[[columns]]\nkey = \"n\"\ntitle = \"数\"\nfigures = true\n[[columns]]\nkey = \"c\"\ntitle = \"备注\"\n")
	return b.String()
}

// BenchmarkWrappingTable lays out tables of wrapping cells of 25 to 2000
// rows (the row limit); ns/op and B/op should grow about linearly.
func BenchmarkWrappingTable(b *testing.B) {
	for _, n := range []int{25, 100, 400, 2000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			t := &testing.T{}
			tb := tblTable(t, wrapTable(n))
			b.ResetTimer()
			for range b.N {
				if _, err := tblCompose(t, tb); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkTenShortTables lays out ten annexes of 2000 short rows (issue 14
// item 3 measured 43 s).
func BenchmarkTenShortTables(b *testing.B) {
	var src strings.Builder
	src.WriteString("rows = [\n")
	for i := 1; i <= 2000; i++ {
		fmt.Fprintf(&src, "  [\"单位%d\", %d],\n", i, i)
	}
	src.WriteString("]\n[total]\n[[columns]]\nkey = \"a\"\ntitle = \"单位\"\n[[columns]]\nkey = \"n\"\ntitle = \"数\"\nfigures = true\n")
	t := &testing.T{}
	tb := tblTable(t, src.String())
	tables := []*doc.Table{tb, tb, tb, tb, tb, tb, tb, tb, tb, tb}
	b.ResetTimer()
	for range b.N {
		if _, err := tblCompose(t, tables...); err != nil {
			b.Fatal(err)
		}
	}
}
