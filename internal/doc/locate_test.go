package doc

import (
	"os"
	"path/filepath"
	"testing"

	"gongwen/internal/input"
	"gongwen/internal/source"
)

// TestLocateReadsTheSourcesBytes narrows positions in the file as the
// build read it: the file changed on disk since (a line added above the
// character) does not move the position.
func TestLocateReadsTheSourcesBytes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "body.txt")
	if err := os.WriteFile(path, []byte("第一段。\n\n第二段有一个𠀀字。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := source.New()
	if _, err := s.ReadText(path, input.Template); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("新加的一行。\n第一段。\n\n第二段有一个𠀀字。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		s         *source.Sources
		line, col int
	}{
		{"from the Sources", s, 3, 7},
		{"from the disk (no Sources)", nil, 4, 7},
	} {
		err := Locate(c.s, &Error{Pos: Pos{File: path, Line: 3, Col: 1}, Msg: "no glyph", Char: '𠀀'})
		e, ok := err.(*Error)
		if !ok || e.Pos.Line != c.line || e.Pos.Col != c.col {
			t.Errorf("%s: %v, want %s:%d:%d", c.name, err, path, c.line, c.col)
		}
	}
	if n := s.Opens(path); n != 1 {
		t.Errorf("opened %d times, want once", n)
	}
}
