package layout

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"

	"gongwen/internal/doc"
	"gongwen/internal/format"
)

// The width search judges a candidate by asking again only about the cells
// of the columns it changes (judge): its objective must be, to the bit, the
// one of every cell asked afresh, or the search would choose other widths.
func TestJudgeEqualsTheObjectiveOfEveryCell(t *testing.T) {
	// A column of a given width, which the search leaves alone.
	spans := strings.Replace(spansTable, "title = \"丑\"", "title = \"丑\"\nwidth = 31.5", 1)
	c := &composer{f: format.Letter(), fonts: func(format.Role) Metrics { return gridFont{} }}
	for _, tc := range []struct{ name, src string }{
		{"tiers", tierTable},
		{"wrapping", wrapTable(6)},
		{"grouped", rowsTable(5)},
		{"spans and a given width", spans},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := tblTable(t, tc.src)
			ts := c.newTableSetter(tb, 12)
			n := len(tb.Columns)
			rnd := rand.New(rand.NewPCG(1, 2))
			w := make([]float64, n)
			fixed := make([]bool, n)
			for c, col := range tb.Columns {
				w[c], fixed[c] = 4+rnd.Float64()*10, col.Width > 0
			}
			s := ts.newSearch(w, fixed)
			ts.at(s, w)
			if got, want := s.obj, fresh(ts, w); got != want {
				t.Fatalf("objective at %v: %v, afresh %v", w, got, want)
			}
			for range 300 {
				cand := append([]float64{}, w...)
				for range 1 + rnd.IntN(2) {
					c := rnd.IntN(n)
					if !fixed[c] {
						cand[c] += rnd.Float64() * 8
					}
				}
				if got, want := ts.judge(s, cand), fresh(ts, cand); got != want {
					t.Fatalf("candidate %v from %v: judged %v, afresh %v", cand, w, got, want)
				}
				if rnd.IntN(10) == 0 { // move on, as the search does
					w = cand
					ts.at(s, w)
				}
			}
		})
	}
}

// fresh is the objective at widths w with every cell asked.
func fresh(ts *tableSetter, w []float64) float64 {
	cells := 0.0
	for i := range ts.cells {
		cells += ts.height(i, cellWidth(&ts.cells[i], w))
	}
	return sum(ts.rowHeights(w)) + cellWeight*cells
}

// heightMemo must remember what a map would, keys that do not pack
// included, across its growing.
func TestHeightMemoRemembersWhatAMapWould(t *testing.T) {
	var m heightMemo
	want := map[memoKey]float64{}
	rnd := rand.New(rand.NewPCG(3, 4))
	for k := range 20000 {
		key := memoKey{rnd.IntN(300), int64(rnd.IntN(400_000))}
		switch k % 50 {
		case 0:
			key.width = -key.width - 1
		case 1:
			key.width = 1<<memoWidthBits + key.width
		case 2:
			key.cell = 1<<memoCellBits + key.cell
		}
		if h, ok := m.get(key.cell, key.width); ok != (want[key] != 0) || h != want[key] {
			t.Fatalf("%v before the put: %v %v, want %v", key, h, ok, want[key])
		}
		h := float64(k + 1)
		m.put(key.cell, key.width, h)
		want[key] = h
	}
	for key, h := range want {
		if got, ok := m.get(key.cell, key.width); !ok || got != h {
			t.Fatalf("%v: %v %v, want %v", key, got, ok, h)
		}
	}
}

// widthFor remembers its answers: one remembered must be the answer the
// bisection works out again, and asking again must spend no work, as
// asking height about widths already asked spends none. (Not a fresh
// setter's answer: height remembers a cell's height at a width to the µm,
// as first asked, so the heights seen depend on the widths asked before.)
func TestWidthForRemembersWhatItWouldWorkOut(t *testing.T) {
	c := &composer{f: format.Letter(), fonts: func(format.Role) Metrics { return gridFont{} }}
	tb := tblTable(t, wrapTable(4))
	ts := c.newTableSetter(tb, 12)
	rnd := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		i := rnd.IntN(len(ts.cells))
		width := ts.minWidth(i, false) + float64(rnd.IntN(4))*3.7
		height := float64(rnd.IntN(5)) * ts.pitch
		at, ok := ts.widthFor(i, width, height)
		spent := ts.work
		again, okAgain := ts.widthFor(i, width, height)
		if again != at || okAgain != ok || ts.work != spent {
			t.Fatalf("cell %d from %v mm to %v mm tall: %v %v, then %v %v, %d more work", i, width, height, at, ok, again, okAgain, ts.work-spent)
		}
		if want, wantOK := ts.seekWidth(i, width, height); at != want || ok != wantOK || ts.work != spent {
			t.Fatalf("cell %d from %v mm to %v mm tall: remembered %v %v, worked out %v %v with %d more work", i, width, height, at, ok, want, wantOK, ts.work-spent)
		}
	}
}

// The rooms a text's lines are counted in are shared by every table
// setter of the process, documents built at once included: tables set
// side by side in goroutines come out as each alone.
func TestTablesSetAtOnceAsAlone(t *testing.T) {
	srcs := []string{wrapTable(12), tierTable, rowsTable(30), spansTable}
	var want [][]Page
	for _, src := range srcs {
		forgetMeasures()
		pages, err := tblCompose(t, tblTable(t, src))
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, pages)
	}
	forgetMeasures()
	got := make([][][]Page, 4)
	var wg sync.WaitGroup
	for g := range got {
		wg.Go(func() {
			for _, src := range srcs {
				tb, err := doc.ParseTable("t.toml", src)
				if err != nil {
					panic(err)
				}
				pages, _ := tblCompose(&testing.T{}, tb)
				got[g] = append(got[g], pages)
			}
		})
	}
	wg.Wait()
	for g := range got {
		for k := range srcs {
			if !reflect.DeepEqual(got[g][k], want[k]) {
				t.Errorf("goroutine %d, table %d: pages differ from the table set alone", g, k)
			}
		}
	}
}
