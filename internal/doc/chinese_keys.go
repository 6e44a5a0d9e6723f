package doc

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"gongwen/internal/format"
)

// A clerk who reads the standard writes its names: 署名 = "…" for the key
// signature. TOML takes a bare key only in Latin letters, digits, _ and -,
// so the parser stops there with a message about the syntax, at the
// character after the key; this file says what was meant instead, from
// the names of the keys (package format, keys.go).

var bareKey = regexp.MustCompile(`^(\s*)([^\s#"'=\[\]]+)\s*=`)

// chineseKey is the problem of a bare key written in Chinese on line ln
// of src, at the key, or nil when the line has none.
func chineseKey(path, src string, ln int) *Error {
	lines := strings.Split(src, "\n")
	if ln < 1 || ln > len(lines) {
		return nil
	}
	m := bareKey.FindStringSubmatch(lines[ln-1])
	if m == nil || utf8.RuneCountInString(m[2]) == len(m[2]) {
		return nil
	}
	at := Pos{File: path, Line: ln, Col: utf8.RuneCountInString(m[1]) + 1}
	if key := format.KeyForName(m[2]); key != "" {
		return Errorf(at, "%s is the standard's name for the key %s: write %s = …", m[2], key, key)
	}
	return Errorf(at, "a key is written in Latin letters, not %q: gongwen formats lists the keys and their names in the standard", m[2])
}
