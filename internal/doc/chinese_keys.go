package doc

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// A clerk who reads the standard writes its names: 署名 = "…" for the key
// signature. TOML takes a bare key only in Latin letters, digits, _ and -,
// so the parser stops there with a message about the syntax, at the
// character after the key; this file says what was meant instead.

// keyNames maps the standard's names (and the words clerks use for them)
// to the keys: KeyMeaning read backwards, and a few more.
var keyNames = func() map[string]string {
	m := map[string]string{
		"主送": "recipients", "文号": "number", "日期": "date", "发文机关署名": "signature",
		"抄送": "imprint.cc", "抄送机关": "imprint.cc", "印发机关": "imprint.printer", "印发日期": "imprint.date",
		"附件": "attachments", "印章": "seal", "格式": "format",
	}
	for key, name := range KeyMeaning {
		m[name] = key
	}
	return m
}()

// keyForName is the key the standard's name stands for, or "".
func keyForName(name string) string { return keyNames[strings.TrimSpace(name)] }

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
	if key := keyForName(m[2]); key != "" {
		return Errorf(at, "%s is the standard's name for the key %s: write %s = …", m[2], key, key)
	}
	return Errorf(at, "a key is written in Latin letters, not %q: gongwen formats lists the keys and their names in the standard", m[2])
}
