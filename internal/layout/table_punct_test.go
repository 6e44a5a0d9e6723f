package layout

import (
	"strings"
	"testing"

	"gongwen/internal/format"
)

// A cell compresses its punctuation as the body does: a closing mark that
// would start a line is pulled up to the line it belongs to, instead of
// pushing the character before it down.
func TestCellsCompressPunctuationAsTheBodyDoes(t *testing.T) {
	tb := tblTable(t, "rows = [[\"甲，乙丙，丁戊\"]]\n[[columns]]\nkey = \"a\"\ntitle = \"名\"\n")
	c := &composer{f: format.Letter(), fonts: func(format.Role) Metrics { return gridFont{} }}
	ts := c.newTableSetter(tb, format.SizeSihao)
	em := format.MM(format.SizeSihao)
	body := len(ts.cells) - 1 // the one body cell, after the header's
	// Five ems less than half what the first mark may give up: the line
	// holds 甲，乙丙， only when that mark is compressed (a mark ending a
	// line keeps its advance, as in the body).
	width := 5*em - 0.5*c.f.PunctShrink*em + 2*ts.padX
	var got []string
	for _, l := range ts.layCell(body, width).lines {
		var b strings.Builder
		for _, g := range l.glyphs {
			b.WriteRune(g.R)
		}
		got = append(got, b.String())
	}
	if strings.Join(got, "|") != "甲，乙丙，|丁戊" {
		t.Errorf("lines %q, want 甲，乙丙，|丁戊", got)
	}
	if min := ts.narrowest(&ts.cells[body], "“甲”，", ts.measure(&ts.cells[body], "“甲”，")); min > 4*em-0.9*c.f.PunctShrink*em {
		t.Errorf("narrowest “甲”， is %.2f mm: the compression of its ” is not counted (em %.2f mm)", min, em)
	}
}
