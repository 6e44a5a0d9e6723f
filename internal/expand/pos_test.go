package expand

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/doc"
)

// TestPositionsInALongLiteralInAnyOrder asks where characters of a
// literal stretch come from, forwards (as attach does, each walk going on
// from the last) and then backwards and across segments: each answer is
// the one a walk from the segment's start gives.
func TestPositionsInALongLiteralInAnyOrder(t *testing.T) {
	text := "ab\ncd\nef" + "X" + "gh\nij"
	s := &sourced{runes: []rune(text), segments: []segment{
		{from: 0, origin: origin{pos: doc.Pos{File: "t", Line: 1, Col: 1}, literal: true}},
		{from: 8, origin: origin{pos: doc.Pos{File: "t", Line: 3, Col: 3}}}, // a printed figure
		{from: 9, origin: origin{pos: doc.Pos{File: "t", Line: 3, Col: 11}, literal: true}},
	}}
	want := map[int][2]int{0: {1, 1}, 1: {1, 2}, 3: {2, 1}, 4: {2, 2}, 7: {3, 2}, 8: {3, 3}, 9: {3, 11}, 10: {3, 12}, 12: {4, 1}, 13: {4, 2}}
	for _, order := range [][]int{{0, 1, 3, 4, 7, 8, 9, 10, 12, 13}, {13, 12, 10, 9, 8, 7, 4, 3, 1, 0}, {7, 3, 12, 4, 9, 0, 13, 1}} {
		for _, i := range order {
			p, ok := s.pos(i)
			if w := want[i]; !ok || p.Line != w[0] || p.Col != w[1] {
				t.Errorf("order %v: rune %d at %d:%d, want %d:%d", order, i, p.Line, p.Col, w[0], w[1])
			}
		}
	}
}

// BenchmarkExpandALongBody expands a body template of 400 KB of text
// after one comment (about 130,000 characters in one literal stretch) and
// finds each character's origin. Walking the stretch from its start for
// each character took 4.8 s an expansion here (a whole build: 2.3 s for a
// 200 KB body, 13 s for 400 KB, over 5 minutes for 3.9 MB); walking on
// from the last character, 12 ms (a build of the 3.9 MB body, 4,388
// pages: 8.1 s and 201 MB).
func BenchmarkExpandALongBody(b *testing.B) {
	p := filepath.Join(b.TempDir(), "body.txt")
	src := "{{/* 正文 */}}\n" + strings.Repeat("各乡镇要切实加强森林防火工作，落实责任，严防死守。\n\n", 5500)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		b.Fatal(err)
	}
	d := &doc.Document{Template: p}
	for i := 0; i < b.N; i++ {
		x, err := Expand(d)
		if err != nil || len(x.Body) != 5500 || len(x.Body[5499].Src) == 0 {
			b.Fatalf("%v, %d blocks", err, len(x.Body))
		}
	}
}
