package doc

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// keyPositions finds where each key of a TOML file is written, by dotted
// path (array-of-table elements by index: "attachments.1.title"). The
// BurntSushi decoder does not export key positions, and messages must name
// line and column, so this scanner reads the source's structure itself. It
// only needs to be right for files the decoder has already accepted; keys
// inside inline tables and multi-line values fall back to the enclosing key.
func keyPositions(file, src string) map[string]Pos {
	pos := map[string]Pos{}
	arrayCount := map[string]int{}
	var table []string
	lines := strings.Split(src, "\n")
	inMulti := "" // the closing delimiter of a multi-line string in progress
	depth := 0    // open [ or { of a multi-line value
	for i, line := range lines {
		ln := i + 1
		if inMulti != "" {
			if strings.Contains(line, inMulti) {
				inMulti = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketDelta(line)
			continue
		}
		trimmed := strings.TrimLeft(line, " \t")
		col := utf8.RuneCountInString(line[:len(line)-len(trimmed)]) + 1
		switch {
		case trimmed == "" || trimmed[0] == '#':
			continue
		case strings.HasPrefix(trimmed, "[["):
			end := strings.Index(trimmed, "]]")
			if end < 0 {
				continue
			}
			base := splitKey(trimmed[2:end])
			name := strings.Join(base, ".")
			n := arrayCount[name]
			arrayCount[name] = n + 1
			table = append(base, strconv.Itoa(n))
			pos[strings.Join(table, ".")] = Pos{File: file, Line: ln, Col: col}
			if n == 0 {
				pos[name] = Pos{File: file, Line: ln, Col: col}
			}
		case trimmed[0] == '[':
			end := strings.IndexByte(trimmed, ']')
			if end < 0 {
				continue
			}
			table = resolveArrays(splitKey(trimmed[1:end]), arrayCount)
			pos[strings.Join(table, ".")] = Pos{File: file, Line: ln, Col: col}
		default:
			eq := keyEnd(trimmed)
			if eq < 0 {
				continue
			}
			key := append(append([]string{}, table...), splitKey(trimmed[:eq])...)
			pos[strings.Join(key, ".")] = Pos{File: file, Line: ln, Col: col}
			value := strings.TrimSpace(trimmed[eq+1:])
			switch {
			case strings.HasPrefix(value, `"""`) && strings.Count(value, `"""`) == 1:
				inMulti = `"""`
			case strings.HasPrefix(value, `'''`) && strings.Count(value, `'''`) == 1:
				inMulti = `'''`
			default:
				depth = bracketDelta(value)
				if depth < 0 {
					depth = 0
				}
			}
		}
	}
	return pos
}

// resolveArrays maps a table header under an array of tables ([a.b] after
// [[a]]) to the current element: a.N.b.
func resolveArrays(key []string, arrayCount map[string]int) []string {
	var out []string
	for i, k := range key {
		out = append(out, k)
		name := strings.Join(key[:i+1], ".")
		if n, ok := arrayCount[name]; ok && i < len(key)-1 {
			out = append(out, strconv.Itoa(n-1))
		}
	}
	return out
}

// keyEnd is the index of the '=' that ends a key, outside quotes.
func keyEnd(s string) int {
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '=':
			return i
		}
	}
	return -1
}

// splitKey splits a dotted key, removing quotes and white space.
func splitKey(s string) []string {
	var parts []string
	var cur strings.Builder
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			parts = append(parts, strings.TrimSpace(cur.String()))
			cur.Reset()
		case c == ' ' || c == '\t':
		default:
			cur.WriteByte(c)
		}
	}
	return append(parts, strings.TrimSpace(cur.String()))
}

// bracketDelta counts the [ and { a line opens minus those it closes,
// outside strings and comments.
func bracketDelta(s string) int {
	d := 0
	quote := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return d
		case c == '[' || c == '{':
			d++
		case c == ']' || c == '}':
			d--
		}
	}
	return d
}
