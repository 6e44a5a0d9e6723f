package layout

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"gongwen/internal/doc"
	"gongwen/internal/format"
)

func tblTable(t *testing.T, src string) *doc.Table {
	t.Helper()
	tb, err := doc.ParseTable("t.toml", src)
	if err != nil {
		t.Fatalf("ParseTable: %v", err)
	}
	return tb
}

// tblCompose composes a document of one page of main text and the annexes
// holding the tables; it returns the annex pages.
func tblCompose(t *testing.T, tables ...*doc.Table) ([]Page, error) {
	t.Helper()
	d := &doc.Document{}
	for i, tb := range tables {
		d.Attachments = append(d.Attachments, doc.Attachment{Title: fmt.Sprintf("附件标题%d", i+1), Table: tb})
	}
	c := &composer{f: format.Letter(), fonts: func(format.Role) Metrics { return gridFont{} }}
	c.newPage()
	err := c.annexes(d)
	return c.pages[1:], err
}

// rowsTable is a table of n rows under a grouped header.
func rowsTable(n int) string {
	var b strings.Builder
	b.WriteString("rows = [\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "  [\"单位%d\", %d, %d],\n", i, i*10, i)
	}
	b.WriteString("]\n[total]\n[[columns]]\nkey = \"name\"\ntitle = \"名称\"\n[[columns]]\nkey = \"a\"\ngroup = \"检查情况\"\ntitle = \"总数\"\nfigures = true\n[[columns]]\nkey = \"b\"\ngroup = \"检查情况\"\ntitle = \"问题数\"\nfigures = true\n")
	return b.String()
}

// spansTable has cells spanning rows and columns, a group row and a 斜线表头.
const spansTable = `rows = [
  [{text = "甲", rowspan = 2}, "一", "二"],
  [{text = "三四", colspan = 2}],
  "分组",
  ["乙", {text = "五", colspan = 2}],
]
[[columns]]
key = "a"
title = "子"
corner = "角"
[[columns]]
key = "b"
title = "丑"
[[columns]]
key = "c"
title = "寅"
`

const tierTable = `[[columns]]
key = "tier"
title = "梯队"
vertical = true
merge = true
[[columns]]
key = "kind"
group = "网站名称"
[[columns]]
key = "sites"
group = "网站名称"
list = true
per_line = 2
[[rows]]
tier = "第一梯队"
kind = "门户网站"
sites = ["甲市网", "乙市网", "丙市网"]
[[rows]]
tier = "第一梯队"
kind = "部门网站"
sites = ["丁厅网", "戊厅网"]
`

func isDiagonal(r Rule) bool { return !near(r.X1, r.X2) && !near(r.Y1, r.Y2) }

// checkClosedGrid checks that a page's table rules form a closed grid: the
// frame is a rectangle, every rule's ends meet a rule across them, and every
// glyph stands in a cell closed on four sides.
func checkClosedGrid(t *testing.T, p Page, f *format.Format) {
	t.Helper()
	var hs, vs []Rule
	for _, r := range p.Rules {
		switch {
		case isDiagonal(r):
		case near(r.Y1, r.Y2):
			hs = append(hs, r)
		default:
			vs = append(vs, r)
		}
	}
	if len(hs) < 2 || len(vs) < 2 {
		t.Fatalf("page %d: %d horizontal and %d vertical rules", p.Number, len(hs), len(vs))
	}
	half := f.TableFrameWidth/2 + 1e-6
	onV := func(x, y float64) bool {
		for _, v := range vs {
			if math.Abs(v.X1-x) <= half && y >= math.Min(v.Y1, v.Y2)-1e-6 && y <= math.Max(v.Y1, v.Y2)+1e-6 {
				return true
			}
		}
		return false
	}
	onH := func(x, y float64) bool {
		for _, h := range hs {
			if math.Abs(h.Y1-y) <= 1e-6 && x >= math.Min(h.X1, h.X2)-half && x <= math.Max(h.X1, h.X2)+half {
				return true
			}
		}
		return false
	}
	for _, h := range hs {
		if !onV(h.X1+half, h.Y1) && !onV(h.X1, h.Y1) || !onV(h.X2-half, h.Y1) && !onV(h.X2, h.Y1) {
			t.Errorf("page %d: horizontal rule %+v has a loose end", p.Number, h)
		}
	}
	for _, v := range vs {
		if !onH(v.X1, v.Y1) || !onH(v.X1, v.Y2) {
			t.Errorf("page %d: vertical rule %+v has a loose end", p.Number, v)
		}
	}
	// The frame: the outermost rules are heavier and run the table's length.
	sort.Slice(hs, func(i, j int) bool { return hs[i].Y1 < hs[j].Y1 })
	sort.Slice(vs, func(i, j int) bool { return vs[i].X1 < vs[j].X1 })
	top, bottom, left, right := hs[0], hs[len(hs)-1], vs[0], vs[len(vs)-1]
	for _, r := range []Rule{top, bottom, left, right} {
		if r.Width != f.TableFrameWidth {
			t.Errorf("page %d: frame rule %+v is %.3f mm, want %.3f", p.Number, r, r.Width, f.TableFrameWidth)
		}
	}
	if !near(top.X1, left.X1-f.TableFrameWidth/2) || !near(top.X2, right.X1+f.TableFrameWidth/2) || !near(left.Y1, top.Y1) || !near(left.Y2, bottom.Y1) {
		t.Errorf("page %d: the frame is not closed: top %+v left %+v right %+v bottom %+v", p.Number, top, left, right, bottom)
	}
	// Every glyph of the table is boxed in.
	for _, tx := range p.Texts {
		if tx.Y < top.Y1 || tx.Y > bottom.Y1 {
			continue // the label, the title, a page number
		}
		for _, g := range tx.Glyphs {
			x, y := g.X+g.Adv/2, tx.Y-format.MM(tx.Style.Size)/3
			var l, r, a, b bool
			for _, v := range vs {
				if y >= v.Y1 && y <= v.Y2 {
					l = l || v.X1 < x
					r = r || v.X1 > x
				}
			}
			for _, h := range hs {
				if x >= h.X1 && x <= h.X2 {
					a = a || h.Y1 < y
					b = b || h.Y1 > y
				}
			}
			if !(l && r && a && b) {
				t.Errorf("page %d: %q of %q is not inside a closed cell", p.Number, g.R, tx.String())
			}
		}
	}
}

// tableBox is the x and y extent of a page's table rules.
func tableBox(p Page) (x1, y1, x2, y2 float64) {
	x1, y1, x2, y2 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, r := range p.Rules {
		x1, x2 = math.Min(x1, math.Min(r.X1, r.X2)), math.Max(x2, math.Max(r.X1, r.X2))
		y1, y2 = math.Min(y1, math.Min(r.Y1, r.Y2)), math.Max(y2, math.Max(r.Y1, r.Y2))
	}
	return
}

func pageStrings(p Page) []string {
	var s []string
	for _, t := range p.Texts {
		s = append(s, t.String())
	}
	return s
}

func TestTableRulesFormAClosedGrid(t *testing.T) {
	f := format.Letter()
	for _, tc := range []struct{ name, src string }{
		{"grouped header and 合计", rowsTable(5)},
		{"merged vertical cells and lists", tierTable},
		{"spans across rows and columns", spansTable},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pages, err := tblCompose(t, tblTable(t, tc.src))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range pages {
				checkClosedGrid(t, p, f)
			}
		})
	}
}

func TestTableWidthsStayWithinTheTypeArea(t *testing.T) {
	f := format.Letter()
	wide := "rows = [[\"" + strings.Repeat("很长的名称", 20) + "\", 1]]\n[[columns]]\nkey = \"n\"\ntitle = \"名称\"\n[[columns]]\nkey = \"v\"\ntitle = \"数\"\nfigures = true\n"
	for _, src := range []string{rowsTable(3), tierTable, wide} {
		pages, err := tblCompose(t, tblTable(t, src))
		if err != nil {
			t.Fatal(err)
		}
		x1, _, x2, _ := tableBox(pages[0])
		half := f.TableFrameWidth / 2
		if x1 < f.Left-half-1e-6 || x2 > f.Right()+half+1e-6 {
			t.Errorf("table from x %.2f to %.2f mm; the 版心 is %.2f–%.2f", x1, x2, f.Left, f.Right())
		}
		if pages[0].Width > pages[0].Height {
			t.Errorf("a table that fits went on a landscape page")
		}
		for _, tx := range pages[0].Texts {
			for _, g := range tx.Glyphs {
				if g.X < f.Left-1e-6 || g.X+g.Adv > f.Right()+1e-6 {
					t.Errorf("%q of %q at %.2f–%.2f mm, outside the 版心", g.R, tx.String(), g.X, g.X+g.Adv)
				}
			}
		}
	}
}

func TestTableRepeatsItsHeaderOnContinuationPages(t *testing.T) {
	pages, err := tblCompose(t, tblTable(t, rowsTable(60)))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 2 {
		t.Fatalf("60 rows on %d page(s); want a continuation page", len(pages))
	}
	// The header rows, relative to the table's top, on the first page.
	header := func(p Page) []string {
		_, top, _, _ := tableBox(p)
		var out []string
		for _, tx := range p.Texts {
			switch tx.String() {
			case "名称", "检查情况", "总数", "问题数":
				out = append(out, fmt.Sprintf("%s@%.3f", tx.String(), tx.Y-top))
			}
		}
		sort.Strings(out)
		return out
	}
	want := header(pages[0])
	if len(want) != 4 {
		t.Fatalf("first page's header %q", want)
	}
	seen := map[string]bool{}
	for i, p := range pages {
		if got := header(p); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("page %d header %q, want %q", i+1, got, want)
		}
		checkClosedGrid(t, p, format.Letter())
		for _, s := range pageStrings(p) {
			if strings.HasPrefix(s, "单位") {
				if seen[s] {
					t.Errorf("%s on two pages", s)
				}
				seen[s] = true
			}
		}
		if i > 0 {
			if _, top, _, _ := tableBox(p); !near(top, format.Letter().Top) {
				t.Errorf("continuation page %d: table starts at %.2f mm, want the 版心's top", i+1, top)
			}
		}
	}
	if len(seen) != 60 {
		t.Errorf("%d of 60 rows placed", len(seen))
	}
	last := pageStrings(pages[len(pages)-1])
	if !contains(last, "合计") || !contains(last, "18300") || !contains(last, "1830") {
		t.Errorf("last page %q lacks the 合计 row 合计 18300 1830", last)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestTableSetsVerticalTextOneCharacterALine(t *testing.T) {
	pages, err := tblCompose(t, tblTable(t, tierTable))
	if err != nil {
		t.Fatal(err)
	}
	var runs []Text
	for _, tx := range pages[0].Texts {
		if strings.ContainsAny(tx.String(), "第一梯队") && len(tx.Glyphs) == 1 {
			runs = append(runs, tx)
		}
	}
	if got := len(runs); got != 4 {
		t.Fatalf("%d one-character runs of 第一梯队, want 4", got)
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].Y < runs[j].Y })
	pitch := format.MM(runs[0].Style.Size) * format.Letter().TableLineSpacing
	for i, r := range runs {
		if want := string([]rune("第一梯队")[i]); r.String() != want {
			t.Errorf("line %d is %q, want %q", i+1, r.String(), want)
		}
		if i > 0 {
			if !near(r.Glyphs[0].X, runs[0].Glyphs[0].X) {
				t.Errorf("%q at x %.3f, %q at %.3f: not one under another", r.String(), r.Glyphs[0].X, runs[0].String(), runs[0].Glyphs[0].X)
			}
			if d := r.Y - runs[i-1].Y; math.Abs(d-pitch) > 1e-6 {
				t.Errorf("%q is %.3f mm under the one above, want %.3f", r.String(), d, pitch)
			}
		}
	}
	// The merged cell is one: 第一梯队 appears once though both rows hold it.
	if n := strings.Count(strings.Join(pageStrings(pages[0]), ""), "梯"); n != 2 { // 梯队 header + 第一梯队
		t.Errorf("梯 appears %d times, want 2", n)
	}
	// Lists two a line.
	strs := pageStrings(pages[0])
	if !contains(strs, "甲市网乙市网") || !contains(strs, "丙市网") || !contains(strs, "丁厅网戊厅网") {
		t.Errorf("list lines %q; want 甲市网 乙市网 / 丙市网 / 丁厅网 戊厅网", strs)
	}
}

func TestTableAnnexLabelAndTitlePositions(t *testing.T) {
	f := format.Letter()
	pages, err := tblCompose(t, tblTable(t, rowsTable(3)), tblTable(t, tierTable))
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 {
		t.Fatalf("%d annex pages, want one each", len(pages))
	}
	for i, p := range pages {
		label, title := p.Texts[0], p.Texts[1]
		if want := fmt.Sprintf("附件%d", i+1); label.String() != want || label.Style != f.AnnexLabel {
			t.Errorf("label %q in %+v, want %q in %+v", label.String(), label.Style, want, f.AnnexLabel)
		}
		if x, y := label.Glyphs[0].X, label.Y-f.EmAscent*format.MM(f.AnnexLabel.Size); !near(x, f.Left) || !near(y, f.Top) {
			t.Errorf("label's em box at %.3f, %.3f; want the first line at %.3f, %.3f", x, y, f.Left, f.Top)
		}
		if want := fmt.Sprintf("附件标题%d", i+1); title.String() != want || title.Style != f.Title {
			t.Errorf("title %q in %+v, want %q", title.String(), title.Style, want)
		}
		g0, gl := title.Glyphs[0], title.Glyphs[len(title.Glyphs)-1]
		if c := (g0.X + gl.X + gl.Adv) / 2; math.Abs(c-f.CentreX()) > 1e-6 {
			t.Errorf("title centred on %.3f, want %.3f", c, f.CentreX())
		}
		if y := title.Y - f.EmAscent*format.MM(f.Title.Size); !near(y, f.Top+2*f.LinePitch()) {
			t.Errorf("title's em box top %.3f, want the third line's %.3f", y, f.Top+2*f.LinePitch())
		}
		// The table one line below: on the fifth line.
		if _, top, _, _ := tableBox(p); !near(top, f.Top+4*f.LinePitch()) {
			t.Errorf("table top %.3f, want the fifth line's %.3f", top, f.Top+4*f.LinePitch())
		}
	}
}

func TestTableTakesTheLargestSizeThatNeedsNoMorePages(t *testing.T) {
	for _, tc := range []struct {
		rows int
		want float64
	}{
		{5, format.SizeSihao},   // fits one page at 四号
		{22, format.SizeXiaosi}, // one page only at 小四
	} {
		pages, err := tblCompose(t, tblTable(t, rowsTable(tc.rows)))
		if err != nil {
			t.Fatal(err)
		}
		for _, tx := range pages[0].Texts {
			if tx.String() == "单位1" && tx.Style.Size != tc.want {
				t.Errorf("%d rows set at %v pt on %d pages, want %v pt", tc.rows, tx.Style.Size, len(pages), tc.want)
			}
		}
	}
}

func TestTableTooWideGoesOnALandscapePage(t *testing.T) {
	f := format.Letter()
	var b strings.Builder
	b.WriteString("rows = [[\"甲\"")
	for i := 0; i < 10; i++ {
		b.WriteString(", 12345678")
	}
	b.WriteString("]]\n[[columns]]\nkey = \"n\"\ntitle = \"名称\"\n")
	for i := 0; i < 10; i++ {
		fmt.Fprintf(&b, "[[columns]]\nkey = \"c%d\"\ntitle = \"项目%d\"\nfigures = true\n", i, i)
	}
	pages, err := tblCompose(t, tblTable(t, b.String()))
	if err != nil {
		t.Fatal(err)
	}
	p := pages[0]
	if !(p.Width > p.Height) || p.Width != f.PageHeight {
		t.Fatalf("page %.0f × %.0f mm, want landscape %.0f × %.0f", p.Width, p.Height, f.PageHeight, f.PageWidth)
	}
	// The turned 版心: the sheet's 天头 and 订口 become the left and top
	// margins' partners, the table's top along the sheet's binding edge.
	left, top := f.PageHeight-f.Bottom(), f.Left
	x1, y1, x2, y2 := tableBox(p)
	half := f.TableFrameWidth / 2
	if x1 < left-half-1e-6 || x2 > left+f.BodyHeight+half+1e-6 || y2 > top+f.BodyWidth+1e-6 {
		t.Errorf("table at x %.1f–%.1f, y %.1f–%.1f; the landscape 版心 is x %.1f–%.1f, y %.1f–%.1f",
			x1, x2, y1, y2, left, left+f.BodyHeight, top, top+f.BodyWidth)
	}
	if l := p.Texts[0]; !near(l.Glyphs[0].X, left) || !near(l.Y-f.EmAscent*format.MM(l.Style.Size), top) {
		t.Errorf("label at %.2f, %.2f; want the landscape 版心's corner %.2f, %.2f", l.Glyphs[0].X, l.Y, left, top)
	}
	checkClosedGrid(t, p, f)

	// Its page number, where the portrait pages have it on the sheet.
	c := &composer{f: f, fonts: func(format.Role) Metrics { return gridFont{} }}
	p.Number, p.Texts = 7, nil
	c.landscapePageNumber(&p)
	if len(p.Texts) != 1 || p.Texts[0].Rotate != -90 {
		t.Fatalf("want one run turned 90° clockwise, got %d runs (rotation %v)", len(p.Texts), p.Texts[0].Rotate)
	}
	n := p.Texts[0]
	if n.String() != "— 7 —" {
		t.Errorf("page number reads %q, want — 7 —", n.String())
	}
	// Turn each glyph's origin as the renderer will: clockwise about the pivot.
	turned := func(x, y float64) (float64, float64) { return n.PivotX - (y - n.PivotY), n.PivotY + (x - n.PivotX) }
	sheetBaseline := f.Bottom() + f.PageNumberDrop + f.EmAscent*format.MM(f.PageNumber.Size)
	in := f.PageNumberIndent * format.MM(f.PageNumber.Size)
	for _, g := range n.Glyphs {
		x, _ := turned(g.X, n.Y)
		if !near(x, f.PageHeight-sheetBaseline) {
			t.Errorf("%q's baseline at x %.2f on the turned page, want %.2f (the sheet's page-number line)", g.R, x, f.PageHeight-sheetBaseline)
		}
	}
	last := n.Glyphs[len(n.Glyphs)-1]
	_, end := turned(last.X+last.Adv, n.Y)
	if !near(end, f.Right()-in) {
		t.Errorf("odd page number ends at y %.2f, want 1 字 inside the 版心's sheet-right edge %.2f", end, f.Right()-in)
	}
	_, first := turned(n.Glyphs[0].X, n.Y)
	_, second := turned(n.Glyphs[1].X, n.Y)
	if second <= first {
		t.Error("the number does not read downwards on the turned page")
	}
}

func TestTableErrors(t *testing.T) {
	// A row taller than a page is cut over pages, unless a cell spanning
	// rows holds it to its neighbour.
	tall := "rows = [[{text = \"甲\", rowspan = 2}, [" + strings.Repeat("\"名称\",", 80) + "]], [[\"乙\"]]]\n[[columns]]\nkey = \"a\"\n[[columns]]\nkey = \"n\"\nlist = true\n"
	for _, tc := range []struct {
		name, src, want string
		char            rune
	}{
		{"a character the font lacks, at its cell", "rows = [[\"甲\"], [\"乙\u3400\"]]\n[[columns]]\nkey = \"n\"\ntitle = \"名称\"\n",
			`t.toml:1:17: character '㐀' (U+3400) is not in the 仿宋 font grid.ttf`, '\u3400'},
		{"in a header", "rows = [[\"甲\"]]\n[[columns]]\nkey = \"n\"\ntitle = \"名\u3400\"\n",
			`t.toml:2:1: character '㐀' (U+3400) is not in the 黑体 font grid.ttf`, '\u3400'},
		{"a row taller than a page, held by a span", tall, "t.toml:1:9: this row of the table is", 0},
		{"too wide even for landscape", "rows = [[" + strings.Repeat("\"abcdefghijklmnopqrstuvwxyz0123\",", 5) + "]]\n" +
			"[[columns]]\nkey = \"a\"\n[[columns]]\nkey = \"b\"\n[[columns]]\nkey = \"c\"\n[[columns]]\nkey = \"d\"\n[[columns]]\nkey = \"e\"\n",
			"t.toml:2:1: the table is too wide: even in 小四 its columns need 332 mm, and the 版心 is 225 mm wide", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tblCompose(t, tblTable(t, tc.src))
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			es, ok := err.(doc.Errors)
			if !ok {
				t.Fatalf("%T, want doc.Errors", err)
			}
			e, ok := es[0].(*doc.Error)
			if !ok || !strings.HasPrefix(e.Error(), tc.want) || e.Char != tc.char {
				t.Errorf("error %v (char %q), want %q (char %q)", es, e.Char, tc.want, tc.char)
			}
		})
	}
}

func TestTableKeepsGivenWidthsAndCentresANarrowTable(t *testing.T) {
	f := format.Letter()
	pages, err := tblCompose(t, tblTable(t, "rows = [[\"甲\", 1]]\n[[columns]]\nkey = \"n\"\ntitle = \"名称\"\nwidth = 40\n[[columns]]\nkey = \"v\"\ntitle = \"数量\"\nfigures = true\nwidth = 30.5\n"))
	if err != nil {
		t.Fatal(err)
	}
	x1, _, x2, _ := tableBox(pages[0])
	half := f.TableFrameWidth / 2
	if w := x2 - x1 - 2*half; math.Abs(w-70.5) > 1e-6 {
		t.Errorf("table %.2f mm wide, want the given 40 + 30.5", w)
	}
	if c := (x1 + x2) / 2; math.Abs(c-f.CentreX()) > 1e-6 {
		t.Errorf("table centred on %.2f, want the 版心's centre %.2f", c, f.CentreX())
	}
	var xs []float64
	for _, r := range pages[0].Rules {
		if near(r.X1, r.X2) {
			xs = append(xs, r.X1)
		}
	}
	sort.Float64s(xs)
	if !near(xs[1]-xs[0], 40) {
		t.Errorf("first column %.2f mm, want 40", xs[1]-xs[0])
	}
}
