package e2e

import (
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/build"
	"gongwen/internal/pdfcheck"
)

// The sample's 附件1 holds a 万元 column with two decimals, a percentage
// computed from it and a 合计 row; these tests read its table back from
// the PDF's glyphs and check it against arithmetic done here, apart from
// the product's.

var sampleAreas = []string{"东山林场", "西岭自然保护区", "南溪水源涵养林", "北坡公益林"}

// annexRows builds the sample in a copy of the project (after edit, if
// any, changes its table) and returns the text of every line of every
// page, and the cells of 附件1's rows by their first cell: a line's glyphs
// split where a gap wider than 1.5 mm separates them.
func annexRows(t *testing.T, edit func(dir string)) ([]string, map[string][]string) {
	t.Helper()
	pdfcheck.RequireTools(t, "mutool")
	dir := t.TempDir()
	archProject(t, dir)
	if edit != nil {
		edit(dir)
	}
	out := filepath.Join(dir, "sample.pdf")
	if err := build.Build(filepath.Join(dir, "data", "sample-file.toml"), out, build.Options{}); err != nil {
		t.Fatal(err)
	}
	pages, err := pdfcheck.Trace(out)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	rows := map[string][]string{}
	for _, p := range pages {
		for _, l := range pdfcheck.Lines(p) {
			lines = append(lines, pdfcheck.LineText(l))
			var cells []string
			var cur strings.Builder
			for i, g := range l {
				if i > 0 && g.X-(l[i-1].X+l[i-1].Adv) > 1.5 {
					cells = append(cells, cur.String())
					cur.Reset()
				}
				cur.WriteRune(g.Rune)
			}
			cells = append(cells, cur.String())
			if contains(sampleAreas, cells[0]) || cells[0] == "合计" {
				rows[cells[0]] = cells
			}
		}
	}
	return lines, rows
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// rat reads a printed figure exactly.
func rat(t *testing.T, s string) *big.Rat {
	t.Helper()
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("%q is not a number", s)
	}
	return r
}

// tenths prints part/whole × 100 with one decimal, rounded half up (the
// figures are positive): integer arithmetic, independent of the product.
func tenths(part, whole *big.Rat) string {
	q := new(big.Rat).Quo(new(big.Rat).Mul(part, big.NewRat(1000, 1)), whole)
	n := new(big.Int).Quo(new(big.Int).Add(new(big.Int).Mul(q.Num(), big.NewInt(2)), q.Denom()), new(big.Int).Mul(q.Denom(), big.NewInt(2)))
	return fmt.Sprintf("%d.%d", new(big.Int).Quo(n, big.NewInt(10)), new(big.Int).Rem(n, big.NewInt(10)))
}

// checkAnnexFigures checks the rows read back: every 合计 is its column's
// sum printed with the column's places, and every share is the row's funds
// over the total funds, the share's 合计 computed from the totals.
func checkAnnexFigures(t *testing.T, rows map[string][]string) {
	t.Helper()
	total := rows["合计"]
	if len(total) != 5 { // 合计 spans the two text columns
		t.Fatalf("合计 row %q, want 合计 and four figures", total)
	}
	sums := make([]*big.Rat, 3)
	for i := range sums {
		sums[i] = new(big.Rat)
	}
	for _, a := range sampleAreas {
		r := rows[a]
		if len(r) != 6 {
			t.Fatalf("row %s: %q, want six cells", a, r)
		}
		for i := range sums {
			sums[i].Add(sums[i], rat(t, r[2+i]))
		}
		if !strings.Contains(r[4], ".") || len(r[4])-strings.Index(r[4], ".") != 3 {
			t.Errorf("row %s: 防火经费 %q is not printed with two decimals", a, r[4])
		}
	}
	for i, want := range []string{sums[0].FloatString(0), sums[1].FloatString(0), sums[2].FloatString(2)} {
		if total[1+i] != want {
			t.Errorf("合计 column %d is %s, the sum of its column is %s", i+1, total[1+i], want)
		}
	}
	for _, a := range sampleAreas {
		if got, want := rows[a][5], tenths(rat(t, rows[a][4]), sums[2]); got != want {
			t.Errorf("row %s: 经费占比 %s, want %s (its funds over the total)", a, got, want)
		}
	}
	if total[4] != "100.0" {
		t.Errorf("合计 经费占比 %s, want 100.0 (computed from the totals, not summed)", total[4])
	}
}

func TestSampleAnnexTableReadBackFromThePDF(t *testing.T) {
	lines, rows := annexRows(t, nil)
	checkAnnexFigures(t, rows)
	want := fmt.Sprintf("经费%s万元", rows["合计"][3])
	if !strings.Contains(strings.Join(lines, ""), want) {
		t.Errorf("no sentence quotes the total funds as %q", want)
	}
}

// A corrected figure changes its cell, its 合计, every share (each
// depends on the total) and the sentences quoting the total (in the body
// and in the text annex), and no other line of the document.
func TestSampleCorrectedFundsChangeExactlyWhatDependsOnThem(t *testing.T) {
	beforeLines, before := annexRows(t, nil)
	afterLines, after := annexRows(t, func(dir string) {
		p := filepath.Join(dir, "data", "sample-file", "annex1.toml")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(string(b), "funds = 12.5\n") != 1 {
			t.Fatal("annex1.toml no longer holds funds = 12.5")
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), "funds = 12.5\n", "funds = 12.75\n", 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	})
	checkAnnexFigures(t, after)
	if after["东山林场"][4] != "12.75" || after["合计"][3] != "53.55" {
		t.Errorf("after the correction: 东山林场 %q, 合计 %q", after["东山林场"], after["合计"])
	}
	for _, a := range sampleAreas {
		for i := 0; i < 4; i++ { // the text and the figures the correction does not touch
			if before[a][i] != after[a][i] {
				t.Errorf("row %s cell %d changed: %s → %s", a, i+1, before[a][i], after[a][i])
			}
		}
	}
	if len(beforeLines) != len(afterLines) {
		t.Fatalf("%d lines before, %d after", len(beforeLines), len(afterLines))
	}
	rowLine := map[string]bool{}
	for _, r := range [][]string{before["合计"], after["合计"]} {
		rowLine[strings.Join(r, "")] = true
	}
	for _, a := range sampleAreas {
		rowLine[strings.Join(before[a], "")], rowLine[strings.Join(after[a], "")] = true, true
	}
	sentence := 0
	for i := range beforeLines {
		b, a := beforeLines[i], afterLines[i]
		switch {
		case b == a:
		case rowLine[b] && rowLine[a]:
		case strings.Replace(b, "53.30", "53.55", 1) == a:
			sentence++
		default:
			t.Errorf("line %d changed where nothing depends on the funds:\n-%s\n+%s", i+1, b, a)
		}
	}
	if sentence != 2 { // the body and the text annex 附件3 quote it
		t.Errorf("%d lines quote the corrected total, want 2", sentence)
	}
}
