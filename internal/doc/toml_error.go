package doc

// toml_error.go turns the TOML decoder's syntax errors into messages at a
// place on the line the clerk can see: the decoder may point past the end
// of a line, and for a key written twice it names neither the key's column
// nor where it was first written.

import (
	"gongwen/internal/say"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

var duplicateKey = regexp.MustCompile(`^Key '(.*)' has already been defined\.?$`)

// tomlError is the Error for a TOML syntax error in src, read from path.
func tomlError(path, src string, pe toml.ParseError) *Error {
	line := pe.Position.Line
	lines := strings.Split(src, "\n")
	col := RuneColumn(src, line, pe.Position.Col)
	if line >= 1 && line <= len(lines) {
		// Never past the end of the line: at most just after its last character.
		col = min(max(col, 1), utf8.RuneCountInString(strings.TrimRight(lines[line-1], "\r"))+1)
	}
	msg := strings.TrimPrefix(pe.Message, "toml: ")
	if m := duplicateKey.FindStringSubmatch(msg); m != nil && line >= 1 && line <= len(lines) {
		if e := duplicate(path, lines, line, m[1]); e != nil {
			return e
		}
	}
	t := say.Sprintf("TOML syntax: %v", say.Plain(msg))
	return &Error{Pos: Pos{File: path, Line: line, Col: col}, Msg: t.String(), Text: t}
}

// duplicate explains a key or table written a second time on line: the
// path the line defines is found by reading the file up to and including
// it, and its first definition by reading the file before it.
func duplicate(path string, lines []string, line int, key string) *Error {
	before := keyPositions(path, strings.Join(lines[:line-1], "\n"))
	upto := keyPositions(path, strings.Join(lines[:line], "\n"))
	var best string
	var at Pos
	for p, pos := range upto {
		if pos.Line != line {
			continue
		}
		if _, ok := before[p]; !ok {
			continue
		}
		// The longest path the line wrote is the key itself (a [[table]]
		// line also records its array's name).
		if len(p) > len(best) || (len(p) == len(best) && p < best) {
			best, at = p, pos
		}
	}
	if best == "" {
		return nil
	}
	first := before[best]
	if t := strings.TrimSpace(lines[line-1]); strings.HasPrefix(t, "[") {
		return Errorf(at, "table [%s] is written twice (first at line %d): put its keys under the first one", key, first.Line)
	}
	return Errorf(at, "key \"%s\" is written twice (first at line %d): keep one", key, first.Line)
}
