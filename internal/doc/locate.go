package doc

import (
	"errors"
	"strings"
	"unicode/utf8"

	"gongwen/internal/input"
	"gongwen/internal/source"
)

// Locate narrows the positions of errors about a character: from where its
// paragraph or value starts to the character's own line and column (in
// characters), by finding its first occurrence there in the source file.
// Errors without a character, or whose character is not found, keep their
// position. The files are read from the build's Sources.
func Locate(s *source.Sources, err error) error {
	sources := map[string][]string{}
	lines := func(file string) []string {
		if l, ok := sources[file]; ok {
			return l
		}
		b, rerr := s.ReadText(file, input.Data)
		if rerr != nil {
			sources[file] = nil
			return nil
		}
		sources[file] = strings.Split(string(b), "\n")
		return sources[file]
	}
	narrow := func(e error) error {
		var de *Error
		if !errors.As(e, &de) || de.Char == 0 || de.Pos.Line < 1 || de.Pos.Sheet != "" { // a spreadsheet's cell is its own place
			return e
		}
		src := lines(de.Pos.File)
		for ln := de.Pos.Line; ln <= len(src); ln++ {
			col := 1
			for _, r := range src[ln-1] {
				if r == de.Char && (ln > de.Pos.Line || col >= de.Pos.Col) {
					n := *de
					n.Pos.Line, n.Pos.Col = ln, col
					return &n
				}
				col++
			}
		}
		return e
	}
	var es Errors
	if errors.As(err, &es) {
		out := make(Errors, len(es))
		for i, e := range es {
			out[i] = narrow(e)
		}
		return out
	}
	return narrow(err)
}

// RuneColumn converts a 1-based byte column on a line of src to a 1-based
// character column (parsers count bytes; people count characters).
func RuneColumn(src string, line, byteCol int) int {
	lines := strings.SplitN(src, "\n", line+1)
	if line < 1 || line > len(lines) || byteCol < 1 {
		return byteCol
	}
	l := lines[line-1]
	if byteCol-1 > len(l) {
		return byteCol
	}
	return utf8.RuneCountInString(l[:byteCol-1]) + 1
}
