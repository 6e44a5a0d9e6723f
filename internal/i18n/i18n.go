// Package i18n puts gongwen's messages into the user's language: English,
// as the code writes them, or Chinese from one catalogue (zh*.go) keyed by
// the English message's format string, and the help texts (zh_help.go)
// keyed by their command.
//
// The messages are made all over the program by packages that know
// nothing of languages, typed (internal/say: say.Errorf, doc.Errorf,
// say.Sprintf), and printed with say.Fprintf and friends. The printer
// (printer.go: Sprint, and Writer's PrintMessage) chooses the language
// when it prints: it looks a message's format up in the catalogue,
// exactly, puts each value that is a message into the language in turn,
// and fills the Chinese format with the values; document text among them
// is printed as it is. A test (catalogue_test.go) reads every message
// format in the source and names each one the catalogue lacks, and each
// key no code uses.
//
// Text that is no message of ours (an error of a library or of the
// system, a flag's usage line as package flag prints it) is matched
// against the libraries' catalogue (zh_libs.go) and nothing else: each of
// its keys is turned into a pattern (its verbs match what they print), a
// line that matches is rewritten with the Chinese format and the same
// values, a value that is itself a library's message is translated in
// turn, and a line whose start is a place (FILE:LINE:COL: , a command's
// name) keeps it. A line nothing matches is printed as it is. A message
// of ours is never found by a pattern: it is printed by its key or not
// translated at all (TestNoMessageOfOursByPattern).
package i18n

import (
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Lang is a language gongwen speaks.
type Lang string

const (
	English Lang = "en"
	Chinese Lang = "zh"
)

// FromEnv is the language of the locale: Chinese when the first of
// LC_ALL, LC_MESSAGES and LANG that is set (POSIX's order) starts with zh.
func FromEnv() Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := os.Getenv(v); s != "" {
			if strings.HasPrefix(strings.ToLower(s), "zh") {
				return Chinese
			}
			return English
		}
	}
	return English
}

// Parse reads a --lang value.
func Parse(s string) (Lang, bool) {
	switch strings.ToLower(s) {
	case "zh", "zh_cn", "zh-cn", "chinese", "中文":
		return Chinese, true
	case "en", "english":
		return English, true
	}
	return "", false
}

// entry is a library's message made ready for matching.
type entry struct {
	re      *regexp.Regexp
	verbs   []byte // each verb of the English format, in order
	zh      string
	literal int  // letters in the English format outside its verbs: the more, the more specific
	lead    bool // the format starts with a verb
}

var (
	once    sync.Once
	entries []entry
	exact   map[string]string // the libraries' messages without verbs
)

// load makes the libraries' catalogue ready for matching.
func load() {
	exact = map[string]string{}
	for en, zh := range zhLibraries {
		en, zh = strings.TrimSpace(en), strings.TrimSpace(zh)
		if en == "" {
			continue
		}
		if !strings.Contains(en, "%") {
			exact[en] = zh
			continue
		}
		if re, verbs, lit := pattern(en); re != nil {
			entries = append(entries, entry{re: re, verbs: verbs, zh: zh, literal: lit, lead: en[0] == '%'})
		}
	}
	sort.SliceStable(entries, func(i, j int) bool {
		if entries[i].literal != entries[j].literal {
			return entries[i].literal > entries[j].literal
		}
		return entries[i].re.String() < entries[j].re.String()
	})
}

// pattern makes a regular expression matching what format prints.
func pattern(format string) (*regexp.Regexp, []byte, int) {
	var b strings.Builder
	var verbs []byte
	lit := 0
	b.WriteString(`^`)
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			j := i
			for j < len(format) && format[j] != '%' {
				j++
			}
			s := format[i:j]
			for _, r := range s {
				if r > ' ' {
					lit++
				}
			}
			b.WriteString(regexp.QuoteMeta(s))
			i = j - 1
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.[]*", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			return nil, nil, 0
		}
		v := format[j]
		switch v {
		case '%':
			b.WriteString("%")
			i = j
			continue
		case 'd':
			b.WriteString(`(-?[0-9]+)`)
		case 'q':
			b.WriteString(`("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')`)
		case 'U':
			if strings.Contains(format[i+1:j], "#") {
				// %#U: U+0041 'A'
				b.WriteString(`(U\+[0-9A-F]{4,6}(?: '.+?')?)`)
			} else {
				b.WriteString(`(\S+?)`)
			}
		case 'c':
			b.WriteString(`(\S+?)`)
		default:
			b.WriteString(`((?s:.*?))`)
		}
		verbs = append(verbs, v)
		i = j
	}
	b.WriteString(`$`)
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, nil, 0
	}
	return re, verbs, lit
}

// T is s in lang: a message of ours given as its key alone (a flag's
// usage, a starter file's comment), translated by the catalogue. Text
// without a translation is returned as it is.
func T(lang Lang, s string) string {
	if lang != Chinese {
		return s
	}
	if zh, ok := lookup(s); ok {
		return zh
	}
	if zh := zhStarter[s]; zh != "" {
		return zh
	}
	return s
}

// Line translates one printed line (without its newline) into lang: a
// line a library printed, matched against the libraries' catalogue.
func Line(lang Lang, line string) string {
	if lang != Chinese || strings.TrimSpace(line) == "" {
		return line
	}
	once.Do(load)
	return translateLine(line, 0)
}

// placeEnd is the end of what looks like a place before a message: a
// line and column (:3 or :3:1), or a file's extension (.toml), then ": ".
var placeEnd = regexp.MustCompile(`(?:[^\s:]:\d+(?::\d+)?|\.[A-Za-z0-9]{1,5}): `)

// translateLine is Line at a depth: 0 for a printed line, more for a
// value inside a message.
func translateLine(line string, depth int) string {
	if strings.TrimSpace(line) == "" {
		return line
	}
	if trimmed := strings.TrimLeft(line, " \t"); trimmed != line {
		// An indented line, of a help text or a list.
		lead := line[:len(line)-len(trimmed)]
		return lead + translateLine(trimmed, depth)
	}
	if rest, ok := strings.CutPrefix(line, "\x1b[K"); ok {
		// A line that first erases the terminal's line (a progress
		// line's end): the erase stays.
		return "\x1b[K" + translateLine(rest, depth)
	}
	if s, ok := message(strings.TrimRight(line, " "), depth); ok {
		return s
	}
	// A place, or a command's name, before the message: "x.toml:3:1: …".
	// A split after what ends like a place (a line number, a file's
	// extension) is tried first: a folder named "x: cannot read: y" is
	// part of the path, not a message to translate.
	for _, m := range placeEnd.FindAllStringIndex(line, -1) {
		if s, ok := message(line[m[1]:], depth); ok {
			return line[:m[1]] + s
		}
	}
	for i := 0; i < len(line); {
		k := strings.Index(line[i:], ": ")
		if k < 0 {
			break
		}
		i += k + 2
		if s, ok := message(line[i:], depth); ok {
			return line[:i] + s
		}
	}
	return line
}

// minLiteral is the least text outside its verbs a message needs to be
// recognised: "the %s %s %v" would take any sentence starting with "the"
// for itself.
const minLiteral = 4

// message translates s if some catalogue message prints it; depth is 0
// for a line, more for a value inside a message.
func message(s string, depth int) (string, bool) {
	if zh, ok := exact[s]; ok && zh != "" {
		return zh, true
	}
	if depth > 4 {
		return "", false
	}
	for _, e := range entries {
		if e.zh == "" || e.literal < minLiteral {
			continue
		}
		m := e.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		if e.lead && depth == 0 && strings.Contains(m[1], ": ") {
			// "x.pdf: 1 line changed on page 1" is a place and a
			// message ("%s changed on %s"), not a message whose first
			// value holds the place: Line takes the place off first.
			continue
		}
		args := m[1:]
		for i, a := range args {
			if numberList.MatchString(a) {
				// Numbers listed in Chinese are set apart by 、: 第 2、6 页.
				args[i] = strings.ReplaceAll(a, ", ", "、")
				continue
			}
			if i < len(e.verbs) && (e.verbs[i] == 'v' || e.verbs[i] == 's') {
				if t, ok := message(a, depth+1); ok {
					args[i] = t
				} else if t := translateLine(a, depth+1); t != a && depth < 2 {
					args[i] = t
				}
			}
		}
		return fill(e.zh, args), true
	}
	return "", false
}

// numberList is a value that lists whole numbers: "2, 6, 9".
var numberList = regexp.MustCompile(`^[0-9]+(, [0-9]+)+$`)

// fill writes the Chinese format with the printed values: each verb takes
// the next value, or the one its [n] names.
func fill(format string, args []string) string {
	var b strings.Builder
	next := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		n := -1
		if j < len(format) && format[j] == '[' {
			k := strings.IndexByte(format[j:], ']')
			if k > 0 {
				if v, err := strconv.Atoi(format[j+1 : j+k]); err == nil {
					n = v - 1
				}
				j += k + 1
			}
		}
		for j < len(format) && strings.IndexByte("+-# 0123456789.*", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			b.WriteString(format[i:])
			break
		}
		if format[j] == '%' {
			b.WriteByte('%')
			i = j
			continue
		}
		if n < 0 {
			n = next
		}
		if n >= 0 && n < len(args) {
			b.WriteString(args[n])
		}
		next = n + 1
		i = j
	}
	return b.String()
}
