package doc

// table_compute.go derives the figures of a table that follow from others,
// so that none is ever typed twice: computed columns (a rate, a share, a
// difference: compute = "problems / websites * 100"), their 合计 computed
// the same way from the totals (never summed), ranks (名次), and the order
// of the rows. Arithmetic is exact: expressions are evaluated as rational
// numbers (math/big.Rat) and rounded once, half away from zero as offices
// round, to the column's decimals. A division by zero makes the cell "—".

import (
	"fmt"
	"math/big"
	"sort"
	"strings"
	"unicode"

	"gongwen/internal/say"

	"github.com/shopspring/decimal"
)

// expr is a parsed compute expression.
type expr struct {
	op          byte // '+', '-', '*', '/', 'n' (number), 'c' (column), 't' (a column's total), 'u' (unary minus)
	left, right *expr
	num         *big.Rat
	key         string
}

// Limits on a compute expression: a rate or a share is a line long and
// nests two or three parentheses. The parser and the evaluation descend
// one Go call per parenthesis or minus sign, and per operator of a chain:
// two million "(" would overflow the stack, a fatal error.
const (
	MaxExprLen   = 1000 // bytes
	MaxExprDepth = 32   // parentheses and minus signs, one inside the other
)

// parseExpr reads an expression of column keys, total.KEY (the column's
// 合计), decimal numbers, + - * / and parentheses.
func parseExpr(s string) (*expr, error) {
	p := &exprParser{s: s}
	e, err := p.sum()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.s) {
		return nil, say.Errorf("unexpected %q", p.s[p.i:])
	}
	return e, nil
}

type exprParser struct {
	s     string
	i     int
	depth int // the ( and - the parser is inside
}

func (p *exprParser) space() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *exprParser) sum() (*expr, error)     { return p.binary("+-", p.product) }
func (p *exprParser) product() (*expr, error) { return p.binary("*/", p.unary) }

// binary reads operands joined by the operators ops, left to right.
func (p *exprParser) binary(ops string, operand func() (*expr, error)) (*expr, error) {
	l, err := operand()
	for err == nil {
		p.space()
		if p.i >= len(p.s) || !strings.ContainsRune(ops, rune(p.s[p.i])) {
			return l, nil
		}
		op := p.s[p.i]
		p.i++
		var r *expr
		if r, err = operand(); err == nil {
			l = &expr{op: op, left: l, right: r}
		}
	}
	return nil, err
}

func (p *exprParser) unary() (*expr, error) {
	p.space()
	if p.i >= len(p.s) {
		return nil, say.Errorf("the expression ends where a value is expected")
	}
	switch c := p.s[p.i]; {
	case c == '-' || c == '(':
		if p.depth++; p.depth > MaxExprDepth {
			return nil, say.Errorf("parentheses and minus signs nested more than %d deep", MaxExprDepth)
		}
		defer func() { p.depth-- }()
	}
	switch c := p.s[p.i]; {
	case c == '-':
		p.i++
		e, err := p.unary()
		return &expr{op: 'u', left: e}, err
	case c == '(':
		p.i++
		e, err := p.sum()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ')' {
			return nil, say.Errorf("a ( is not closed")
		}
		p.i++
		return e, nil
	case c >= '0' && c <= '9' || c == '.':
		start := p.i
		for p.i < len(p.s) && (p.s[p.i] >= '0' && p.s[p.i] <= '9' || p.s[p.i] == '.') {
			p.i++
		}
		r, ok := new(big.Rat).SetString(p.s[start:p.i])
		if !ok {
			return nil, say.Errorf("%q is not a number", p.s[start:p.i])
		}
		return &expr{op: 'n', num: r}, nil
	case c == '_' || c < 0x80 && unicode.IsLetter(rune(c)):
		start := p.i
		for p.i < len(p.s) && (p.s[p.i] == '_' || p.s[p.i] == '.' || p.s[p.i] < 0x80 && (unicode.IsLetter(rune(p.s[p.i])) || unicode.IsDigit(rune(p.s[p.i])))) {
			p.i++
		}
		name := p.s[start:p.i]
		if k, ok := strings.CutPrefix(name, "total."); ok {
			return &expr{op: 't', key: k}, nil
		}
		return &expr{op: 'c', key: name}, nil
	}
	return nil, say.Errorf("unexpected %q: write column keys, numbers, + - * / and ( )", p.s[p.i:])
}

// keys lists the columns an expression names.
func (e *expr) keys() []string {
	if e == nil {
		return nil
	}
	switch e.op {
	case 'c', 't':
		return []string{e.key}
	}
	return append(e.left.keys(), e.right.keys()...)
}

// errNotApplicable is an operand that does not apply ("—") or a division
// by zero: the result prints "—".
var errNotApplicable = say.Errorf("does not apply")

// eval computes the expression exactly; value gives a column's figure in
// the row, total its 合计.
func (e *expr) eval(value, total func(string) (*big.Rat, bool)) (*big.Rat, error) {
	switch e.op {
	case 'n':
		return e.num, nil
	case 'c', 't':
		get := value
		if e.op == 't' {
			get = total
		}
		if v, ok := get(e.key); ok {
			return v, nil
		}
		return nil, errNotApplicable
	case 'u':
		v, err := e.left.eval(value, total)
		if err != nil {
			return nil, err
		}
		return new(big.Rat).Neg(v), nil
	}
	l, err := e.left.eval(value, total)
	if err != nil {
		return nil, err
	}
	r, err := e.right.eval(value, total)
	if err != nil {
		return nil, err
	}
	switch e.op {
	case '+':
		return new(big.Rat).Add(l, r), nil
	case '-':
		return new(big.Rat).Sub(l, r), nil
	case '*':
		return new(big.Rat).Mul(l, r), nil
	}
	if r.Sign() == 0 {
		return nil, errNotApplicable
	}
	return new(big.Rat).Quo(l, r), nil
}

// RoundHalfAway rounds r to places decimals, half away from zero (2.45 →
// 2.5, −2.45 → −2.5), as offices round.
func RoundHalfAway(r *big.Rat, places int32) decimal.Decimal {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	n := new(big.Int).Mul(r.Num(), scale)
	d := r.Denom()
	q, m := new(big.Int).QuoRem(n, d, new(big.Int))
	if m.Sign() != 0 && new(big.Int).Mul(new(big.Int).Abs(m), big.NewInt(2)).Cmp(d) >= 0 {
		if n.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return decimal.NewFromBigInt(q, -places)
}

func ratOf(f Figure) *big.Rat { return f.Value.Rat() }

// derived says whether a column's values are computed, not written.
func (c *Column) derived() bool { return c.Compute != "" || c.Rank != "" }

// checkDerived checks the compute and rank settings against the columns:
// known keys, figures, no cycle; it orders the computed columns so that
// each comes after those it uses.
func (b *tableBuilder) checkDerived() {
	cols := b.t.Columns
	for i := range cols {
		c := &cols[i]
		p := fmt.Sprintf("columns.%d", i)
		if len(c.Compute) > MaxExprLen { // not quoted back whole
			b.r.errf(p+".compute", "column %q: compute is %d bytes long; at most %d", c.Key, len(c.Compute), MaxExprLen)
			continue
		}
		if c.Compute != "" {
			e, err := parseExpr(c.Compute)
			if err != nil {
				b.r.errf(p+".compute", "column %q: compute = %q: %v", c.Key, c.Compute, err)
				continue
			}
			for _, k := range e.keys() {
				used, err := b.t.Column(k)
				switch {
				case err != nil:
					b.r.errs = append(b.r.errs, Errorf(b.r.at(p+".compute"), "column %q: compute: %s", c.Key, reason(err)))
				case !used.Figures:
					b.r.errf(p+".compute", "column %q: compute: column %q holds no figures", c.Key, k)
				}
			}
			c.expr = e
		}
		if c.Rank != "" {
			used, err := b.t.Column(c.Rank)
			switch {
			case err != nil:
				b.r.errs = append(b.r.errs, Errorf(b.r.at(p+".rank"), "column %q: rank: %s", c.Key, reason(err)))
			case !used.Figures || used.Rank != "":
				b.r.errf(p+".rank", "column %q: rank: column %q holds no figures to rank by", c.Key, c.Rank)
			}
		}
	}
	if b.t.Sort != "" {
		if _, err := b.t.Column(b.t.Sort); err != nil {
			b.r.errs = append(b.r.errs, Errorf(b.r.at("sort"), "sort: %s", reason(err)))
		} else if c, _ := b.t.Column(b.t.Sort); !c.Figures {
			b.r.errf("sort", "sort: column %q holds no figures to order the rows by", b.t.Sort)
		}
	}
	// Computed columns in an order where each follows those it uses.
	done := map[string]bool{}
	for len(b.order) < b.computedCount() {
		progress := false
		for i := range cols {
			c := &cols[i]
			if c.expr == nil || done[c.Key] {
				continue
			}
			ready := true
			for _, k := range c.expr.keys() {
				if u, err := b.t.Column(k); err == nil && u.expr != nil && !done[k] {
					ready = false
				}
			}
			if ready {
				done[c.Key], progress = true, true
				b.order = append(b.order, i)
			}
		}
		if !progress {
			for i := range cols {
				if cols[i].expr != nil && !done[cols[i].Key] {
					b.r.errf(fmt.Sprintf("columns.%d.compute", i), "column %q: compute uses itself, through the columns it names", cols[i].Key)
					break
				}
			}
			return
		}
	}
}

func (b *tableBuilder) computedCount() int {
	n := 0
	for _, c := range b.t.Columns {
		if c.expr != nil {
			n++
		}
	}
	return n
}

// compute fills the computed and rank columns of every data row, then
// orders the rows if the table asks.
func (b *tableBuilder) compute() {
	rows := b.t.Rows
	totals := b.sums()
	for _, i := range b.order {
		c := &b.t.Columns[i]
		vals := make([]Value, len(rows))
		exact := make([]*big.Rat, len(rows))
		for r := range rows {
			if rows[r].Kind != DataRow {
				continue
			}
			exact[r], vals[r] = b.evalExact(c, func(k string) (*big.Rat, bool) {
				x, ok := rows[r].Values[k]
				if !ok || !x.IsNum {
					return nil, false
				}
				return ratOf(x.Fig), true
			}, totals)
		}
		if c.LargestRemainder {
			b.roundLargestRemainder(i, exact, vals, b.sums()[c.Key])
		}
		for r := range rows {
			if rows[r].Kind == DataRow {
				b.place(&rows[r], i, vals[r])
			}
		}
		totals = b.sums() // later columns may use this one's total
	}
	for i := range b.t.Columns {
		c := &b.t.Columns[i]
		if c.Rank == "" {
			continue
		}
		var ranked []int // the rows with a figure, best first
		for r := range rows {
			if rows[r].Kind != DataRow {
				continue
			}
			if rows[r].Values[c.Rank].IsNum {
				ranked = append(ranked, r)
			} else {
				b.place(&rows[r], i, Value{Text: NotApplicable, Pos: rows[r].Pos})
			}
		}
		sort.SliceStable(ranked, func(x, y int) bool {
			return better(rows[ranked[x]].Values[c.Rank].Fig, rows[ranked[y]].Values[c.Rank].Fig, c.Ascending)
		})
		n := 0
		for k, r := range ranked {
			// Equal figures share a rank: 1, 2, 2, 4.
			if k == 0 || !rows[ranked[k-1]].Values[c.Rank].Fig.Value.Equal(rows[r].Values[c.Rank].Fig.Value) {
				n = k + 1
			}
			b.place(&rows[r], i, figureValue(WholeFigure(int64(n)), rows[r].Pos))
		}
	}
	b.sortRows()
}

// The values of a computed column's rounding key.
const (
	RoundHalfAwayName         = "half_away"
	RoundLargestRemainderName = "largest_remainder"
)

// largestRemainder rounds the exact values (nil: the cell does not apply),
// none below zero, to places decimals so that they add up to total, the
// exact sum rounded: each cut down, the units lost going one each to the
// largest remainders, the earlier value first on a tie.
func largestRemainder(exact []*big.Rat, places int32, total decimal.Decimal) []decimal.Decimal {
	unit := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil))
	out := make([]decimal.Decimal, len(exact))
	short := total.Shift(places).BigInt() // the units still to give
	type rem struct {
		i int
		r *big.Rat
	}
	var rems []rem
	for i, x := range exact {
		if x == nil {
			continue
		}
		units := new(big.Rat).Quo(x, unit)
		fl := new(big.Int).Quo(units.Num(), units.Denom()) // the floor, x ≥ 0
		short.Sub(short, fl)
		out[i] = decimal.NewFromBigInt(fl, -places)
		rems = append(rems, rem{i, new(big.Rat).Sub(units, new(big.Rat).SetInt(fl))})
	}
	sort.SliceStable(rems, func(a, b int) bool { return rems[a].r.Cmp(rems[b].r) > 0 })
	step := decimal.New(1, -places)
	for k := 0; k < len(rems) && big.NewInt(int64(k)).Cmp(short) < 0; k++ {
		out[rems[k].i] = out[rems[k].i].Add(step)
	}
	return out
}

// roundLargestRemainder rounds a rounding = "largest_remainder" column's
// cells (vals, from their exact values) so that they add up to its 合计,
// or says why it cannot: a value below zero, or a 合计 that is not the sum
// of the cells (a rate of the totals, not a share).
func (b *tableBuilder) roundLargestRemainder(col int, exact []*big.Rat, vals []Value, total Value) {
	c := &b.t.Columns[col]
	p := fmt.Sprintf("columns.%d.rounding", col)
	sum := new(big.Rat)
	for _, x := range exact {
		if x == nil {
			continue
		}
		if x.Sign() < 0 {
			b.r.errf(p, "column %q: rounding = \"largest_remainder\" shares out a total, and a value is below zero (%s)", c.Key, RoundHalfAway(x, c.Decimals).StringFixed(c.Decimals))
			return
		}
		sum.Add(sum, x)
	}
	if got := RoundHalfAway(sum, c.Decimals); !total.IsNum || !got.Equal(total.Fig.Value) {
		b.r.errf(p, "column %q: rounding = \"largest_remainder\" makes the cells add up to the 合计, but they add up to %s and the 合计 is %s: use it for shares of a total", c.Key, got.StringFixed(c.Decimals), total.Text)
		return
	}
	for i, d := range largestRemainder(exact, c.Decimals, total.Fig.Value) {
		if exact[i] != nil {
			vals[i] = figureValue(Figure{Value: d, Places: c.Decimals}, Pos{})
		}
	}
}

// better says whether a ranks before b: the larger, or with ascending the
// smaller.
func better(a, b Figure, ascending bool) bool {
	if ascending {
		return a.Value.LessThan(b.Value)
	}
	return a.Value.GreaterThan(b.Value)
}

func figureValue(f Figure, pos Pos) Value {
	return Value{Text: f.String(), Fig: f, IsNum: true, Pos: pos}
}

// evalCell computes a computed column's value from a row's figures (or
// the totals'); "—" when an operand does not apply or a divisor is zero.
func (b *tableBuilder) evalCell(c *Column, value func(string) (*big.Rat, bool), totals map[string]Value) Value {
	_, v := b.evalExact(c, value, totals)
	return v
}

// evalExact is evalCell with the exact value too (nil for "—").
func (b *tableBuilder) evalExact(c *Column, value func(string) (*big.Rat, bool), totals map[string]Value) (*big.Rat, Value) {
	r, err := c.expr.eval(value, func(k string) (*big.Rat, bool) {
		t, ok := totals[k]
		if !ok || !t.IsNum {
			return nil, false
		}
		return ratOf(t.Fig), true
	})
	if err != nil {
		return nil, Value{Text: NotApplicable}
	}
	return r, figureValue(Figure{Value: RoundHalfAway(r, c.Decimals), Places: c.Decimals}, Pos{})
}

// place puts a derived value into a row: its value, and a cell unless a
// cell spanning from elsewhere covers the column (which then says "—").
func (b *tableBuilder) place(row *Row, col int, v Value) {
	c := &b.t.Columns[col]
	if v.Pos == (Pos{}) {
		v.Pos = row.Pos
	}
	if col < len(row.covered) && row.covered[col] {
		return
	}
	row.Values[c.Key] = v
	if cellAt(row, col) != nil {
		cellAt(row, col).Text = v.Text
		return
	}
	row.Cells = append(row.Cells, Cell{Col: col, ColSpan: 1, RowSpan: 1, Text: v.Text, Align: c.Align, Pos: row.Pos})
	sort.SliceStable(row.Cells, func(i, j int) bool { return row.Cells[i].Col < row.Cells[j].Col })
}

// sums is each summed column's total over the data rows, and each
// computed column's total computed from those (not summed): the figures
// of the 合计 row and of Table.Total.
func (b *tableBuilder) sums() map[string]Value {
	out := map[string]Value{}
	for _, c := range b.t.Columns {
		if !c.Sum {
			continue
		}
		sum, some := decimal.Zero, false
		for _, r := range b.t.Rows {
			if v := r.Values[c.Key]; r.Kind == DataRow && v.IsNum {
				sum, some = sum.Add(v.Fig.Value), true
			}
		}
		if some {
			out[c.Key] = figureValue(Figure{Value: sum, Places: c.Decimals}, Pos{})
		}
	}
	for _, i := range b.order {
		c := &b.t.Columns[i]
		if !b.computed(c) {
			continue
		}
		out[c.Key] = b.evalCell(c, func(k string) (*big.Rat, bool) {
			t, ok := out[k]
			if !ok || !t.IsNum {
				return nil, false
			}
			return ratOf(t.Fig), true
		}, out)
	}
	return out
}

// computed says whether a computed column's values are all known yet (its
// total is computed only once they are).
func (b *tableBuilder) computed(c *Column) bool { return c.expr != nil }

// sortRows orders the data rows between each two group rows by the sort
// column: the largest first (or the smallest, with sort_ascending; by a
// rank column, rank 1 first). Rows whose figure does not apply go last,
// in their order.
func (b *tableBuilder) sortRows() {
	if b.t.Sort == "" {
		return
	}
	c, err := b.t.Column(b.t.Sort)
	if err != nil {
		return
	}
	ascending := b.t.SortAscending || c.Rank != ""
	for _, r := range b.t.Rows {
		for _, cell := range r.Cells {
			if cell.RowSpan > 1 {
				b.r.errf("sort", "sort: the table has a cell spanning rows (at %s), which the new order would cut: write each row's cells, or leave the rows in their order", cell.Pos)
				return
			}
		}
	}
	rows := b.t.Rows
	for start := 0; start < len(rows); {
		if rows[start].Kind != DataRow {
			start++
			continue
		}
		end := start
		for end < len(rows) && rows[end].Kind == DataRow {
			end++
		}
		seg := rows[start:end]
		sort.SliceStable(seg, func(i, j int) bool {
			a, b := seg[i].Values[c.Key], seg[j].Values[c.Key]
			if !a.IsNum || !b.IsNum {
				return a.IsNum && !b.IsNum
			}
			return better(a.Fig, b.Fig, ascending)
		})
		start = end
	}
}
