package expand

import (
	"os"
	"path/filepath"
	"testing"

	"gongwen/internal/doc"
)

// TestBlocksKnowWhereEachCharacterComesFrom: a character of the template's
// own text is at its line and column; one of a figure at the figure's key
// in the data file; through headings (typed numbers too), indentation,
// ranges and a leading comment.
func TestBlocksKnowWhereEachCharacterComesFrom(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "body.txt")
	src := "{{/* 说明 */ -}}\n{{.Figures.who}}的段落，\n  下一行。\n\n## 标题句。{{range .Figures.list}}项{{.}}{{end}}完\n　　一、 打出的标题\n"
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	data := doc.Pos{File: "d.toml", Line: 9, Col: 1}
	d := &doc.Document{Template: p, Figures: map[string]any{"who": "甲城", "list": []any{"一", "二"}},
		Positions: map[string]doc.Pos{"figures.who": data}}
	in := d
	d, err := Expand(in)
	if err != nil {
		t.Fatal(err)
	}
	if in.Body != nil || len(in.Files) != 0 || len(d.Files) != 1 {
		t.Errorf("Expand changed its input (%d blocks, files %q) or lists %q, want the template", len(in.Body), in.Files, d.Files)
	}
	at := func(b, i int) doc.Pos { return d.Body[b].At(i) }
	for _, tc := range []struct {
		block, i int
		want     doc.Pos
	}{
		{0, 0, data}, // 甲 of the figure
		{0, 1, data}, // 城
		{0, 2, doc.Pos{File: p, Line: 2, Col: 17}}, // 的, after {{.Figures.who}}
		{1, 0, doc.Pos{File: p, Line: 3, Col: 3}},  // 下, a paragraph of its own, indented
		{2, 0, doc.Pos{File: p, Line: 5, Col: 4}},  // 标 of the heading, after "## "
		{2, 4, doc.Pos{File: p, Line: 5, Col: 31}}, // 项, the range's text
		{3, 0, doc.Pos{File: p, Line: 6, Col: 6}},  // 打, after the indent and the typed number 一、
	} {
		if got := at(tc.block, tc.i); got != tc.want {
			t.Errorf("block %d character %d (%q): at %v, want %v", tc.block, tc.i, []rune(d.Body[tc.block].Head + d.Body[tc.block].Text)[tc.i], got, tc.want)
		}
	}
}
