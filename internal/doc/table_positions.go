package doc

// table_positions.go finds where each element of an array or inline table
// is written, so that a message about one cell of a table names its line and
// column. keyPositions (positions.go) knows where keys are; a table's rows
// are arrays, often spanning many lines, whose elements it does not see.

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// KeyPositions is keyPositions with the elements of every array and inline
// table added: "rows.3.2" is the third value of the fourth row,
// "rows.1.sites.0" the first item of a list. Like keyPositions, it only needs
// to be right for files the decoder has accepted.
func KeyPositions(file, src string) map[string]Pos {
	pos := keyPositions(file, src)
	s := &valueScanner{file: file, src: src, pos: pos}
	s.lineStarts = append(s.lineStarts, 0)
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			s.lineStarts = append(s.lineStarts, i+1)
		}
	}
	keys := make([]string, 0, len(pos))
	for k := range pos {
		keys = append(keys, k)
	}
	for _, k := range keys {
		p := pos[k]
		off, ok := s.offset(p)
		if !ok {
			continue
		}
		rest := src[off:]
		if strings.HasPrefix(rest, "[") { // a table header, not a key
			continue
		}
		eq := keyEnd(strings.SplitN(rest, "\n", 2)[0])
		if eq < 0 {
			continue
		}
		s.value(off+eq+1, k)
	}
	return pos
}

type valueScanner struct {
	file       string
	src        string
	lineStarts []int
	pos        map[string]Pos
}

// offset is the byte offset of a line:col position (col counts runes).
func (s *valueScanner) offset(p Pos) (int, bool) {
	if p.Line < 1 || p.Line > len(s.lineStarts) || p.Col < 1 {
		return 0, false
	}
	off := s.lineStarts[p.Line-1]
	for c := 1; c < p.Col && off < len(s.src); c++ {
		_, n := utf8.DecodeRuneInString(s.src[off:])
		off += n
	}
	return off, true
}

// at is the line:col of a byte offset.
func (s *valueScanner) at(off int) Pos {
	lo, hi := 0, len(s.lineStarts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if s.lineStarts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	col := utf8.RuneCountInString(s.src[s.lineStarts[lo]:off]) + 1
	return Pos{File: s.file, Line: lo + 1, Col: col}
}

// skip passes white space, and with newlines also line breaks and comments.
func (s *valueScanner) skip(i int, newlines bool) int {
	for i < len(s.src) {
		switch c := s.src[i]; {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case newlines && c == '\n':
			i++
		case newlines && c == '#':
			for i < len(s.src) && s.src[i] != '\n' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// value scans the value starting at or after offset i, recording the
// positions of its elements under path, and returns the offset after it.
func (s *valueScanner) value(i int, path string) int {
	i = s.skip(i, false)
	if i >= len(s.src) {
		return i
	}
	switch c := s.src[i]; c {
	case '[':
		i++
		for n := 0; ; n++ {
			i = s.skip(i, true)
			if i >= len(s.src) || s.src[i] == ']' {
				return i + 1
			}
			p := path + "." + strconv.Itoa(n)
			s.pos[p] = s.at(i)
			i = s.value(i, p)
			i = s.skip(i, true)
			if i < len(s.src) && s.src[i] == ',' {
				i++
			}
		}
	case '{':
		i++
		for {
			i = s.skip(i, true)
			if i >= len(s.src) || s.src[i] == '}' {
				return i + 1
			}
			start := i
			eq := keyEnd(s.src[i:])
			if eq < 0 {
				return len(s.src)
			}
			key := path + "." + strings.Join(splitKey(s.src[i:i+eq]), ".")
			s.pos[key] = s.at(start)
			i = s.value(i+eq+1, key)
			i = s.skip(i, true)
			if i < len(s.src) && s.src[i] == ',' {
				i++
			}
		}
	case '"', '\'':
		q := string(c)
		if strings.HasPrefix(s.src[i:], q+q+q) {
			end := strings.Index(s.src[i+3:], q+q+q)
			if end < 0 {
				return len(s.src)
			}
			i += 3 + end + 3
			for i < len(s.src) && s.src[i] == c { // """a"""" ends with a quote
				i++
			}
			return i
		}
		for i++; i < len(s.src) && s.src[i] != c && s.src[i] != '\n'; i++ {
			if c == '"' && s.src[i] == '\\' {
				i++
			}
		}
		return i + 1
	default:
		for i < len(s.src) && !strings.ContainsRune(",]}\n#", rune(s.src[i])) {
			i++
		}
		return i
	}
}
