package doc

import (
	"math/big"
	"strings"
	"testing"
)

// column is a [[columns]] entry written in one line.
func column(kv string) string { return "[[columns]]\n" + strings.ReplaceAll(kv, "; ", "\n") + "\n" }

// texts lists a column's cells, body rows then the 合计, as printed.
func texts(tb *Table, key string) string {
	col := -1
	for i, c := range tb.Columns {
		if c.Key == key {
			col = i
		}
	}
	var out []string
	for _, r := range tb.Rows {
		if c := cellAt(&r, col); c != nil {
			out = append(out, c.Text)
		}
	}
	return strings.Join(out, " ")
}

func TestDecimalFiguresAreExact(t *testing.T) {
	tb := parse(t, `rows = [["甲", 0.1, 19.99], ["乙", 0.2, 12], ["丙", 1234.2, 0.01]]
[total]
`+column(`key = "unit"; title = "单位"`)+
		column(`key = "funds"; title = "防火经费"; unit = "万元"; figures = true; decimals = 2`)+
		column(`key = "price"; title = "单价"; figures = true; decimals = 2`)+
		column(`key = "triple"; title = "三倍"; compute = "price * 3"; decimals = 2`))
	if got, want := texts(tb, "funds"), "0.10 0.20 1234.20 1234.50"; got != want {
		t.Errorf("funds %q, want %q (0.1 + 0.2 is 0.30, never 0.30000000000000004)", got, want)
	}
	if got, want := texts(tb, "triple"), "59.97 36.00 0.03 96.00"; got != want {
		t.Errorf("triple %q, want %q (19.99 × 3 = 59.97)", got, want)
	}
	if f, err := tb.Total("funds"); err != nil || f.String() != "1234.50" {
		t.Errorf("Total funds = %v, %v; want 1234.50", f, err)
	}
	if got := tb.Head[0].Cells[1].Text; got != "防火经费（万元）" {
		t.Errorf("header %q, want the unit after the title", got)
	}
}

func TestComputedColumnsRoundHalfAwayFromZeroAndTheirTotalIsComputed(t *testing.T) {
	tb := parse(t, `rows = [["甲", 3, 1, 5], ["乙", 6, 1, -5], ["丙", 8, 1, 2], ["丁", 0, 0, 0]]
[total]
`+column(`key = "unit"; title = "单位"`)+
		column(`key = "websites"; title = "网站数"; figures = true`)+
		column(`key = "problems"; title = "问题数"; figures = true`)+
		column(`key = "change"; title = "增减"; figures = true; negative = true`)+
		column(`key = "rate"; title = "问题率"; unit = "%"; compute = "problems / websites * 100"; decimals = 1`)+
		column(`key = "whole"; title = "取整"; compute = "problems / websites * 100"`)+
		column(`key = "half"; title = "半"; compute = "change / 2"; negative = true`)+
		column(`key = "share"; title = "占比"; compute = "websites / total.websites * 100"; decimals = 1`))
	// 1/3 = 33.3, 1/6 = 16.7, 1/8 = 12.5; 0/0 does not apply; the 合计
	// is 3/17, computed from the totals, not the sum 62.5.
	for _, tc := range []struct{ key, want string }{
		{"rate", "33.3 16.7 12.5 — 17.6"},
		{"whole", "33 17 13 — 18"}, // 12.5 → 13: half away from zero
		{"half", "3 -3 1 0"},       // 2.5 → 3, −2.5 → −3
		{"share", "17.6 35.3 47.1 0.0 100.0"},
	} {
		got := texts(tb, tc.key)
		if tc.key == "half" {
			got = strings.Join(strings.Fields(got)[:4], " ")
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.key, got, tc.want)
		}
	}
	if f, err := tb.Total("rate"); err != nil || f.String() != "17.6" {
		t.Errorf("Total rate = %v, %v; want 17.6", f, err)
	}
}

func TestRoundHalfAway(t *testing.T) {
	for _, tc := range []struct {
		r      string
		places int32
		want   string
	}{
		{"5/2", 0, "3"}, {"-5/2", 0, "-3"}, {"245/100", 1, "2.5"}, {"-245/100", 1, "-2.5"},
		{"1/3", 2, "0.33"}, {"2/3", 2, "0.67"}, {"1/8", 2, "0.13"}, {"0", 1, "0"},
	} {
		r, _ := new(big.Rat).SetString(tc.r)
		if got := RoundHalfAway(r, tc.places).String(); got != tc.want {
			t.Errorf("RoundHalfAway(%s, %d) = %s, want %s", tc.r, tc.places, got, tc.want)
		}
	}
}

func TestRankAndSort(t *testing.T) {
	tb := parse(t, `rows = [["甲", 90], ["乙", 95], "省直部门", ["丙", 90], ["丁", 80], ["戊", "—"]]
sort = "score"
`+column(`key = "rank"; title = "名次"; rank = "score"`)+
		column(`key = "unit"; title = "单位"`)+
		column(`key = "score"; title = "得分"; figures = true`))
	var got []string
	for _, r := range tb.Rows {
		got = append(got, strings.Join(cellStrings(r), "/"))
	}
	// Sorted within each group, largest first; ranks over the whole table,
	// equal figures sharing one (1, 2, 2, 4).
	if g, w := strings.Join(got, " "), "1/乙/95 2/甲/90 省直部门 2/丙/90 4/丁/80 —/戊/—"; g != w {
		t.Errorf("rows %q\nwant %q", g, w)
	}
	asc := parse(t, `rows = [["甲", 3], ["乙", 1], ["丙", 2]]
sort = "rank"
`+column(`key = "unit"; title = "单位"`)+
		column(`key = "problems"; title = "问题数"; figures = true`)+
		column(`key = "rank"; title = "名次"; rank = "problems"; ascending = true`))
	if g, w := texts(asc, "unit"), "乙 丙 甲"; g != w {
		t.Errorf("by rank, fewest problems first: %q, want %q", g, w)
	}
}

func cellStrings(r Row) []string {
	var out []string
	for _, c := range r.Cells {
		out = append(out, c.Text)
	}
	return out
}

func TestDerivedFigureErrors(t *testing.T) {
	base := column(`key = "unit"; title = "单位"`) + column(`key = "n"; title = "数"; figures = true`)
	for _, tc := range []struct{ src, want string }{
		{`rows = [["甲", 1.5]]` + "\n" + base, `t.toml:1:15: column "n" (数) holds whole numbers, not 1.5: give the column decimals = 1 if its figures have decimals`},
		{`rows = [["甲", 1234567890123456789012.0]]` + "\n" + base, `t.toml:1:15: 1234567890123456789012.0 is not a figure a table can print`},
		{`rows = [["甲", 1.255]]` + "\n" + strings.Replace(base, "figures = true", "figures = true\ndecimals = 2", 1), `t.toml:1:15: 1.255 has 3 decimals; column "n" (数) prints 2: round it, or give the column decimals = 3`},
		{`rows = [["甲", 1]]` + "\n" + base + column(`key = "r"; compute = "m / 2"`), `t.toml:11:1: column "r": compute: no column "m", did you mean "n"?`},
		{`rows = [["甲", 1]]` + "\n" + base + column(`key = "r"; compute = "n / "`), `t.toml:11:1: column "r": compute = "n /": the expression ends where a value is expected`},
		{`rows = [["甲", 1]]` + "\n" + base + column(`key = "r"; compute = "`+strings.Repeat("(", 33)+"n"+strings.Repeat(")", 33)+`"`), `t.toml:11:1: column "r": compute = "` + strings.Repeat("(", 33) + "n" + strings.Repeat(")", 33) + `": parentheses and minus signs nested more than 32 deep`},
		{`rows = [["甲", 1]]` + "\n" + base + column(`key = "r"; compute = "`+strings.Repeat("-", 40)+"n"+`"`), `t.toml:11:1: column "r": compute = "` + strings.Repeat("-", 40) + `n": parentheses and minus signs nested more than 32 deep`},
		{`rows = [["甲", 1]]` + "\n" + base + column(`key = "r"; compute = "`+strings.Repeat("(", 2_000_000)+`"`), `t.toml:11:1: column "r": compute is 2000000 bytes long; at most 1000`},
		{`rows = [["甲", 1]]` + "\n" + base + column(`key = "r"; compute = "unit * 2"`), `t.toml:11:1: column "r": compute: column "unit" holds no figures`},
		{`rows = [["甲", 1]]` + "\n" + base + column(`key = "a"; compute = "b + 1"`) + column(`key = "b"; compute = "a + 1"`), `t.toml:11:1: column "a": compute uses itself, through the columns it names`},
		{`rows = [["甲", 1]]` + "\n" + base + column(`key = "r"; rank = "unit"`), `t.toml:11:1: column "r": rank: column "unit" holds no figures to rank by`},
		{`[[rows]]` + "\nunit = \"甲\"\nn = 1\nr = 2\n" + base + column(`key = "r"; compute = "n * 2"`), `t.toml:4:1: r is computed (n * 2), never typed; leave it out`},
		{`rows = [["甲", 1]]` + "\nsort = \"unit\"\n" + base, `t.toml:2:1: sort: column "unit" holds no figures to order the rows by`},
		{`rows = [[{text = "甲", rowspan = 2}, 1], [2]]` + "\nsort = \"n\"\n" + base, `t.toml:2:1: sort: the table has a cell spanning rows`},
	} {
		_, err := ParseTable("t.toml", tc.src)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s\nerror %v\nwant  %q…", tc.src, err, tc.want)
		}
	}
	// A setting a computed column cannot have is one message, not also
	// an unknown key.
	_, err := ParseTable("t.toml", `rows = [["甲", 1]]`+"\n"+base+column(`key = "r"; compute = "n * 2"; sum = true`))
	if err == nil || err.Error() != `t.toml:12:1: column "r" is computed: its 合计 is computed too, never summed` {
		t.Errorf("sum in a computed column: %v", err)
	}
	// A division by zero in a row prints "—" (README), and only there.
	tb := parse(t, `rows = [["甲", 0], ["乙", 4]]`+"\n[total]\n"+base+column(`key = "r"; compute = "100 / n"; decimals = 1`))
	if g, w := texts(tb, "r"), "— 25.0 25.0"; g != w {
		t.Errorf("r = %q, want %q", g, w)
	}
}

// TestLargestRemainderMakesSharesAddUp: three equal thirds round to 33.3
// each, 99.9 in all, under a 合计 of 100.0; with rounding =
// "largest_remainder" the unit lost goes to the largest remainder (the
// first of equals), and the column adds up. Other cases: remainders of
// different sizes, a "—" cell left out, and the default beside it.
func TestLargestRemainderMakesSharesAddUp(t *testing.T) {
	base := column(`key = "unit"; title = "单位"`) + column(`key = "n"; title = "数"; figures = true`)
	share := func(rounding string) string {
		return column(`key = "s"; title = "占比"; compute = "n / total.n * 100"; decimals = 1` + rounding)
	}
	for _, tc := range []struct {
		rows, rounding, want string
	}{
		{`[["甲", 1], ["乙", 1], ["丙", 1]]`, "", "33.3 33.3 33.3 100.0"},
		{`[["甲", 1], ["乙", 1], ["丙", 1]]`, `; rounding = "half_away"`, "33.3 33.3 33.3 100.0"},
		{`[["甲", 1], ["乙", 1], ["丙", 1]]`, `; rounding = "largest_remainder"`, "33.4 33.3 33.3 100.0"},
		// 2/7 = 28.571…, 2/7, 3/7 = 42.857…: half away gives 28.6 + 28.6 + 42.9 = 100.1.
		{`[["甲", 2], ["乙", 2], ["丙", 3]]`, "", "28.6 28.6 42.9 100.0"},
		// Cut: 28.5 + 28.5 + 42.8 = 99.8; the two units go to the remainders .714, not .571.
		{`[["甲", 2], ["乙", 2], ["丙", 3]]`, `; rounding = "largest_remainder"`, "28.6 28.6 42.8 100.0"},
		// 1/6 = 16.666…, 5/6 = 83.333…: the cut loses 0.1, the larger remainder (.666) gets it.
		{`[["甲", 1], ["乙", 5]]`, `; rounding = "largest_remainder"`, "16.7 83.3 100.0"},
	} {
		tb := parse(t, "rows = "+tc.rows+"\n[total]\n"+base+share(tc.rounding))
		if got := texts(tb, "s"); got != tc.want {
			t.Errorf("rows %s%s: shares %q, want %q", tc.rows, tc.rounding, got, tc.want)
		}
	}
	for _, tc := range []struct{ src, want string }{
		{`rows = [["甲", 1]]` + "\n" + base + column(`key = "s"; rounding = "largest_remainder"`), `t.toml:11:1: column "s": rounding is for a computed column`},
		{`rows = [["甲", 1]]` + "\n" + base + share(`; rounding = "up"`), `t.toml:14:1: column "s": rounding is "up"; write "half_away" (the default) or "largest_remainder"`},
		// A rate of the totals is not the sum of the rows' rates.
		{`rows = [["甲", 1, 2], ["乙", 1, 4]]` + "\n[total]\n" + base + column(`key = "m"; title = "总数"; figures = true`) +
			column(`key = "s"; compute = "n / m * 100"; decimals = 1; rounding = "largest_remainder"`),
			`t.toml:18:1: column "s": rounding = "largest_remainder" makes the cells add up to the 合计, but they add up to 75.0 and the 合计 is 33.3`},
	} {
		_, err := ParseTable("t.toml", tc.src)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s\nerror %v\nwant  %q…", tc.src, err, tc.want)
		}
	}
}
