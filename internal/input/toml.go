package input

import "gongwen/internal/say"

// MaxNesting bounds how deep a TOML file nests: its arrays and inline
// tables, and the parts of its keys (a dotted key a.b.c under a [table.x]
// header is five tables deep). The TOML parser descends one Go call per
// bracket, four million "[" overflow the stack, a fatal error no program
// can recover from; and it builds each dotted key's tables anew for every
// part, ten thousand parts cost a gigabyte. A 公文's data nests three deep
// at most (rows of cells written as inline tables).
const MaxNesting = 32

// NestingError says where a TOML file nests too deep (line and column
// count from 1, the column in characters); Keys when it is a key's parts
// that go too deep.
type NestingError struct {
	Line, Col int
	Keys      bool
}

func (e *NestingError) Error() string { return e.Message().String() }

// Message is the error as a message.
func (e *NestingError) Message() say.Text {
	if e.Keys {
		return say.Sprintf("a key nested more than %d deep: the parts of a dotted key a.b.c, of its [table] header and the arrays and inline tables around it", MaxNesting)
	}
	return say.Sprintf("arrays and inline tables nested more than %d deep", MaxNesting)
}

// CheckNesting scans TOML source for brackets, braces and the dots of
// keys outside strings and comments, and refuses nesting deeper than
// MaxNesting, before the parser sees it.
func CheckNesting(src []byte) error {
	var open []byte // the [ and { the scan is inside
	line, col := 1, 0
	table := 0      // the parts of the last [table] header's key
	parts := 1      // the parts of the key being read; 0 in a value
	header := false // in a [table] header
	lineStart := true
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c&0xC0 != 0x80 { // count characters, not bytes
			col++
		}
		first := lineStart
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			lineStart = false
		}
		switch c {
		case '\n':
			line, col = line+1, 0
			lineStart = true
			if len(open) == 0 {
				parts = 1 // a key starts the next line
			}
		case '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			i = skipString(src, i, &line, &col)
		case '.':
			if parts == 0 {
				break // a decimal, a date
			}
			parts++
			if table+len(open)+parts > MaxNesting {
				return &NestingError{Line: line, Col: col, Keys: true}
			}
		case '=':
			parts = 0
		case ',':
			if len(open) > 0 && open[len(open)-1] == '{' {
				parts = 1 // the next key of an inline table
			}
		case '[':
			if len(open) == 0 && first && !header {
				header, parts, table = true, 1, 0 // [table] or [[array of tables]]
				if i+1 < len(src) && src[i+1] == '[' {
					i, col = i+1, col+1
				}
				break
			}
			if open = append(open, c); len(open) > MaxNesting {
				return &NestingError{Line: line, Col: col}
			}
		case '{':
			if open = append(open, c); len(open) > MaxNesting {
				return &NestingError{Line: line, Col: col}
			}
			parts = 1
		case ']', '}':
			if header && c == ']' {
				header, table, parts = false, parts, 0
				if i+1 < len(src) && src[i+1] == ']' {
					i, col = i+1, col+1
				}
				break
			}
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
			parts = 0
		}
	}
	return nil
}

// skipString passes over the string that starts at src[i] (a basic or
// literal string, one line or three quotes), counting its lines and
// characters, and returns the index of its last byte.
func skipString(src []byte, i int, line, col *int) int {
	c := src[i]
	quote := string(src[i : i+1])
	if i+2 < len(src) && src[i+1] == c && src[i+2] == c {
		quote = string(src[i : i+3])
	}
	*col += len(quote) - 1
	for i += len(quote); i < len(src); i++ {
		if src[i] == '\n' {
			if len(quote) == 1 {
				return i - 1 // an unclosed string; the parser will say so
			}
			*line, *col = *line+1, 0
			continue
		}
		if src[i]&0xC0 != 0x80 {
			*col++
		}
		if c == '"' && src[i] == '\\' && i+1 < len(src) {
			if i++; src[i] == '\n' { // a line ending backslash
				*line, *col = *line+1, 0
			} else if src[i]&0xC0 != 0x80 {
				*col++
			}
			continue
		}
		if src[i] == c && string(src[i:min(i+len(quote), len(src))]) == quote {
			*col += len(quote) - 1
			return i + len(quote) - 1
		}
	}
	return i
}
