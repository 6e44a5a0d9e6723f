package layout

import (
	"fmt"
	"strings"
	"testing"
)

// TestTextsGoInReadingOrder: top to bottom, left to right on a baseline,
// a table's cells kept together in their order where the first stands,
// turned texts last.
func TestTextsGoInReadingOrder(t *testing.T) {
	at := func(s string, x, y float64) Text {
		return Text{Y: y, Glyphs: []Glyph{{R: []rune(s)[0], X: x}}, Cell: ""}
	}
	cell := func(s string, x, y float64) Text {
		t := at(s, x, y)
		t.Cell = "c"
		return t
	}
	turned := at("页", 10, 5)
	turned.Rotate = 90
	texts := []Text{
		at("签", 120, 80), turned, at("号", 30, 80), at("题", 50, 60),
		cell("第", 30, 100), cell("甲", 60, 100), cell("一", 30, 110), cell("乙", 60, 110),
		at("注", 30, 105),
	}
	inReadingOrder(texts)
	var got []string
	for _, tx := range texts {
		got = append(got, tx.String())
	}
	if g, w := strings.Join(got, ""), "题号签第甲一乙注页"; g != w {
		t.Errorf("order %s, want %s", g, w)
	}
}

// TestSealRowsAreEvenTheFullerFirst: as many seals a row as fit, rows as
// even as can be.
func TestSealRowsAreEvenTheFullerFirst(t *testing.T) {
	for _, c := range []struct {
		n            int
		width, pitch float64
		want         string
		ok           bool
	}{
		{1, 0, 44, "[1]", true},
		{3, 100, 44, "[3]", true},
		{4, 100, 44, "[2 2]", true},
		{5, 100, 44, "[3 2]", true},
		{7, 100, 44, "[3 2 2]", true},
		{4, 44, 44, "[2 2]", true},
		{4, 43.9, 44, "[1 1 1 1]", true},
		{3, 10, 44, "[1 1 1]", true},
		{2, -1, 44, "", false},
	} {
		rows, ok := sealRows(c.n, c.width, c.pitch)
		if got := fmt.Sprint(rows); ok != c.ok || ok && got != c.want {
			t.Errorf("sealRows(%d, %g, %g) = %s, %v; want %s, %v", c.n, c.width, c.pitch, got, ok, c.want, c.ok)
		}
	}
}
