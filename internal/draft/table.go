package draft

// table.go writes an annex's table as a table file: its header, its rows
// with their text and their numbers as typed (decimals kept), and its 合计
// row as a computed total when it adds up.

import (
	"fmt"
	"gongwen/internal/say"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
)

// figureRe is a number as a table cell shows it: a sign, thousands set
// apart by commas, decimals.
var figureRe = regexp.MustCompile(`^-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$|^-?[0-9]+(?:\.[0-9]+)?$`)

// notApplicable are the cells that say a figure does not apply.
var notApplicable = map[string]bool{"—": true, "——": true, "-": true, "－": true, "/": true, "／": true}

// figure reads a cell as a number: its value and its text as TOML writes it.
func figure(cell string) (decimal.Decimal, string, bool) {
	c := strings.ReplaceAll(strings.TrimSpace(cell), "，", ",")
	if !figureRe.MatchString(c) {
		return decimal.Decimal{}, "", false
	}
	c = strings.ReplaceAll(c, ",", "")
	v, err := decimal.NewFromString(c)
	if err != nil {
		return decimal.Decimal{}, "", false
	}
	// A leading zero (0012) is a code, not a figure.
	if digits := strings.TrimPrefix(c, "-"); len(digits) > 1 && digits[0] == '0' && digits[1] != '.' {
		return decimal.Decimal{}, "", false
	}
	return v, c, true
}

func places(s string) int32 {
	if k := strings.IndexByte(s, '.'); k >= 0 {
		return int32(len(s) - k - 1)
	}
	return 0
}

func isTotalLabel(s string) bool {
	s = strings.Join(strings.Fields(strings.ReplaceAll(s, "　", " ")), "")
	return s == "合计" || s == "总计" || s == "小计" || s == "总合计"
}

type column struct {
	title, group    string
	figures         bool
	negative        bool
	decimals        int32
	merge, vertical bool   // from a .docx: cells merged down, set vertically
	list            bool   // from a .docx: cells of several paragraphs
	perLine         int    // the most items a paragraph of a list cell holds
	corner          string // from a .docx: a 斜线表头's corner
	// shareOf, when not -1, is the column this one is each row's share of
	// in per cent (compute = "cX / total.cX * 100"): its 合计 is 100.
	shareOf int
}

// tableFile writes annex n's table.
func tableFile(d *Draft, a Attachment, n int, tr func(say.Text) string) string {
	rows := [][]string{}
	var index []int // each row's index in the draft's table
	width := 0
	for ri, r := range a.Table.Rows {
		empty := true
		for _, c := range r {
			if strings.TrimSpace(c) != "" {
				empty = false
			}
		}
		if !empty {
			rows = append(rows, r)
			index = append(index, ri)
			width = max(width, len(r))
		}
	}
	for i := range rows {
		for len(rows[i]) < width {
			rows[i] = append(rows[i], "")
		}
	}
	numeric := func(r []string) bool {
		for _, c := range r {
			if _, _, ok := figure(c); ok {
				return true
			}
		}
		return false
	}
	// Header rows: those above the first row with a figure, at least one,
	// at most three.
	head := 1
	for head < len(rows)-1 && head < 3 && !numeric(rows[head]) && numeric(rows[len(rows)-1]) {
		if numeric(rows[head]) {
			break
		}
		// a row whose cells all hold one text is a group row of the body, not a header
		if len(dedupe(rows[head])) == 1 {
			break
		}
		head++
	}
	if len(rows) == 0 {
		rows = [][]string{{""}}
		width = 1
	}
	header, body := rows[:min(head, len(rows))], rows[min(head, len(rows)):]
	// at is the draft's row and column of body cell (i, c), for what a
	// .docx says of it (Table's maps); lines are its paragraphs, when it
	// has several.
	at := func(i, c int) [2]int {
		if k := min(head, len(index)) + i; k < len(index) {
			return [2]int{index[k], c}
		}
		return [2]int{-1, c}
	}
	lines := func(i, c int) []string { return a.Table.Lines[at(i, c)] }
	// The 合计 row: the last one labelled so.
	totalAt := -1
	for i := len(body) - 1; i >= 0 && i >= len(body)-2; i-- {
		for _, c := range body[i] {
			if strings.TrimSpace(c) != "" {
				if isTotalLabel(c) {
					totalAt = i
				}
				break
			}
		}
	}
	cols := make([]column, width)
	for c := range cols {
		col := &cols[c]
		col.title = strings.TrimSpace(header[len(header)-1][c])
		if len(header) > 1 && strings.TrimSpace(header[0][c]) != col.title {
			col.group = strings.TrimSpace(header[0][c])
		}
		if col.title == "" {
			col.title = col.group
			col.group = ""
		}
		for i := range body {
			col.merge = col.merge || a.Table.Merged[at(i, c)]
			col.vertical = col.vertical || a.Table.Vertical[at(i, c)]
		}
		for i := range header {
			if s := a.Table.Corner[[2]int{index[i], c}]; s != "" {
				col.corner = s
			}
		}
		seen, all, long := 0, true, false
		serial := true
		for i, r := range body {
			if i == totalAt || len(dedupe(r)) == 1 && width > 1 {
				continue
			}
			cell := strings.TrimSpace(r[c])
			v, text, ok := figure(cell)
			switch {
			case ok:
				seen++
				long = long || len(strings.TrimLeft(strings.Split(text, ".")[0], "-")) > 10
				col.decimals = max(col.decimals, places(text))
				col.negative = col.negative || v.IsNegative()
				serial = serial && v.Equal(decimal.NewFromInt(int64(seen)))
			case cell == "" || notApplicable[cell]:
			default:
				all = false
			}
		}
		// A text column with cells of several paragraphs is a list: each
		// paragraph a line of items apart by ideographic spaces.
		for i := range body {
			for _, l := range lines(i, c) {
				col.list = true
				col.perLine = max(col.perLine, len(strings.Split(l, "\u3000")))
			}
		}
		isSerial := strings.Contains(col.title, "序号") || strings.Contains(col.title, "编号") || serial && seen > 1 && c == 0
		col.figures = all && seen > 0 && !isSerial && !isCode(col.title) && !long && !col.list
		if all && seen > 0 && !col.figures {
			col.decimals, col.negative = 0, false
		}
	}
	// One header cell over neighbouring columns, none under it: their
	// group, without titles of their own.
	for c := 0; c+1 < width; c++ {
		if cols[c].group != "" || cols[c].title == "" || cols[c+1].title != cols[c].title {
			continue
		}
		e := c
		for e+1 < width && cols[e+1].title == cols[c].title && cols[e+1].group == "" {
			e++
		}
		group := cols[c].title
		for k := c; k <= e; k++ {
			cols[k].group, cols[k].title = group, ""
		}
		c = e
	}
	var b strings.Builder
	b.WriteString("# " + tr(say.Sprintf("附件%d, imported by gongwen import from the draft's table.", n)) + "\n")
	if a.N > 0 {
		b.WriteString("# " + d.Where(a.N) + "\n")
	}
	b.WriteString("# " + tr(say.Sprintf("Numbers keep the decimals the draft shows; a figures column is summed into 合计.")) + "\n\n")
	if len(a.Note) > 0 {
		if len(a.Note) == 1 {
			fmt.Fprintf(&b, "note = %s\n", tomlString(a.Note[0]))
		} else {
			fmt.Fprintf(&b, "note = %s\n", tomlList(a.Note))
		}
	}
	for c := range cols {
		cols[c].shareOf = -1
	}
	if totalAt >= 0 {
		shares(cols, body, totalAt, width)
	}
	// The 合计 row adds up: a computed total; else kept as a row, reported.
	total := totalAt >= 0
	if totalAt >= 0 {
		for c, col := range cols {
			cell := strings.TrimSpace(body[totalAt][c])
			if col.shareOf >= 0 {
				continue // computed, its 合计 too
			}
			if !col.figures {
				if cell != "" && !isTotalLabel(cell) {
					total = false
					d.warn(a.N, "附件%d: the 合计 row's %s is %q, which a computed total cannot show: the row is kept as typed", n, col.title, cell)
				}
				continue
			}
			sum := decimal.Zero
			for i, r := range body {
				if v, _, ok := figure(r[c]); ok && i != totalAt && !(len(dedupe(r)) == 1 && width > 1) {
					sum = sum.Add(v)
				}
			}
			v, _, ok := figure(cell)
			if !ok || !v.Equal(sum) {
				total = false
				d.warn(a.N, "附件%d: the 合计 of %s is %q, but its rows add up to %s: the row is kept as typed; correct the figures and write [total] for a computed 合计", n, col.title, cell, sum.StringFixed(col.decimals))
			}
		}
	}
	if !total {
		// The row is typed: so are its shares, as the draft has them.
		for c := range cols {
			cols[c].shareOf = -1
		}
	}
	b.WriteString("rows = [\n")
	for i, r := range body {
		if i == totalAt && total {
			continue
		}
		if width > 1 && len(dedupe(r)) == 1 && !numeric(r[:1]) {
			fmt.Fprintf(&b, "  %s,\n", tomlString(strings.TrimSpace(r[0])))
			continue
		}
		var cells []string
		for c, col := range cols {
			cell := strings.TrimSpace(r[c])
			if col.shareOf >= 0 {
				continue // computed, never typed
			}
			cells = append(cells, "")
			c := len(cells) - 1
			switch {
			case col.list:
				var items []string
				for _, l := range lines(i, c) {
					items = append(items, nonEmpty(strings.Split(l, "\u3000"))...)
				}
				if items == nil && cell != "" {
					items = []string{cell}
				}
				cells[c] = tomlList(items)
			case col.figures && notApplicable[cell]:
				cells[c] = tomlString("—")
			case col.figures && cell != "":
				_, text, _ := figure(cell)
				cells[c] = text
			case col.figures && i == totalAt:
				cells[c] = tomlString(cell)
			default:
				cells[c] = tomlString(cell)
			}
		}
		fmt.Fprintf(&b, "  [%s],\n", strings.Join(cells, ", "))
	}
	b.WriteString("]\n")
	if total {
		fmt.Fprintf(&b, "\n[total]                      # %s\nlabel = %s\n", tr(say.Sprintf("合计, computed: the draft's added up")), tomlString(strings.Join(strings.Fields(strings.TrimSpace(firstText(body[totalAt]))), "")))
	}
	for c, col := range cols {
		fmt.Fprintf(&b, "\n[[columns]]\nkey = \"c%d\"\n", c+1)
		if col.title != "" {
			fmt.Fprintf(&b, "title = %s\n", tomlString(col.title))
		}
		if col.corner != "" {
			fmt.Fprintf(&b, "corner = %s\n", tomlString(col.corner))
		}
		if col.vertical {
			b.WriteString("vertical = true\n")
		}
		if col.merge {
			b.WriteString("merge = true\n")
		}
		if col.list {
			b.WriteString("list = true\n")
			if col.perLine > 1 {
				fmt.Fprintf(&b, "per_line = %d\n", col.perLine)
			}
		}
		if col.group != "" {
			fmt.Fprintf(&b, "group = %s\n", tomlString(col.group))
		}
		if col.shareOf >= 0 {
			fmt.Fprintf(&b, "compute = \"c%d / total.c%d * 100\"   # %s\n", col.shareOf+1, col.shareOf+1, tr(say.Sprintf("each row's share of the 合计, in per cent")))
			if col.decimals > 0 {
				fmt.Fprintf(&b, "decimals = %d\n", col.decimals)
			}
		} else if col.figures {
			b.WriteString("figures = true\n")
			if col.decimals > 0 {
				fmt.Fprintf(&b, "decimals = %d\n", col.decimals)
			}
			if col.negative {
				b.WriteString("negative = true\n")
			}
		}
	}
	return b.String()
}

// shares finds the columns of shares in per cent: a figures column whose
// 合计 is 100 and whose every row is, rounded half away from zero to its
// decimals, that row's figure of another figures column (one whose 合计
// adds up) over that column's 合计, times 100. Such a 合计 is what the
// figures compute, not their sum (which rounding makes 99.9 or 100.1), so
// the column is written computed and the total row can be computed too.
func shares(cols []column, body [][]string, totalAt, width int) {
	group := func(r []string) bool { return len(dedupe(r)) == 1 && width > 1 }
	hundred := decimal.NewFromInt(100)
	sums := func(x int) (decimal.Decimal, bool) { // the column's 合计, when it adds up
		sum := decimal.Zero
		for i, r := range body {
			if v, _, ok := figure(r[x]); ok && i != totalAt && !group(r) {
				sum = sum.Add(v)
			}
		}
		v, _, ok := figure(body[totalAt][x])
		return v, ok && v.Equal(sum) && v.IsPositive()
	}
	for c := range cols {
		col := &cols[c]
		if v, _, ok := figure(body[totalAt][c]); !col.figures || !ok || !v.Equal(hundred) {
			continue
		}
		for x := range cols {
			if x == c || !cols[x].figures || cols[x].shareOf >= 0 {
				continue
			}
			total, ok := sums(x)
			if !ok {
				continue
			}
			match, rows := true, 0
			for i, r := range body {
				if i == totalAt || group(r) {
					continue
				}
				got, _, ok1 := figure(r[c])
				of, _, ok2 := figure(r[x])
				if !ok1 || !ok2 || !of.Div(total).Mul(hundred).Round(col.decimals).Equal(got) {
					match = false
					break
				}
				rows++
			}
			if match && rows > 1 {
				col.shareOf = x
				break
			}
		}
	}
}

// isCode tells whether a column's title names numbers that are not
// quantities: telephone numbers, codes, postcodes, identity numbers.
func isCode(title string) bool {
	for _, w := range []string{"电话", "号码", "编码", "代码", "代号", "证号", "邮编", "账号", "手机"} {
		if strings.Contains(title, w) {
			return true
		}
	}
	return false
}

func firstText(r []string) string {
	for _, c := range r {
		if strings.TrimSpace(c) != "" {
			return c
		}
	}
	return ""
}
