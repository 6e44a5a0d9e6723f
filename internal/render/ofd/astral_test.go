package ofd

import (
	"strings"
	"testing"

	"gongwen/internal/format"
	"gongwen/internal/layout"
)

// A character above U+FFFF is a TextCode of its own, at its own X, so
// that a reader counting UTF-16 units for DeltaX places the rest right;
// the others keep one TextCode a stretch between spaces.
func TestCharactersAboveTheBMPHaveTheirOwnTextCode(t *testing.T) {
	cases := []struct {
		text string
		want []string // each TextCode's text
	}{
		{"通𠀀巴中", []string{"通", "𠀀", "巴中"}},
		{"𠀀𪛖", []string{"𠀀", "𪛖"}},
		{"广安 市", []string{"广安", "市"}},
		{"一𠀀 二", []string{"一", "𠀀", "二"}},
	}
	for _, c := range cases {
		tx := layout.Text{Style: format.Style{Role: format.FangSong, Size: 16}, Y: 50}
		x := 10.0
		for _, r := range c.text {
			tx.Glyphs = append(tx.Glyphs, layout.Glyph{R: r, X: x, Adv: 5.5})
			x += 5.5
		}
		b := &builder{fontID: map[format.Role]int{format.FangSong: 1}}
		o, ok := b.text(tx, layout.Page{Width: 210, Height: 297})
		if !ok {
			t.Fatalf("%q: no object", c.text)
		}
		var got []string
		for _, tc := range o.Codes {
			got = append(got, tc.Text)
		}
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%q: TextCodes %q, want %q", c.text, got, c.want)
		}
	}
}
