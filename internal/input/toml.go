package input

import "fmt"

// MaxNesting bounds how deep arrays and inline tables of a TOML file may
// nest. The TOML parser descends one Go call per level: four million "["
// overflow the stack, a fatal error no program can recover from. A 公文's
// data nests three deep at most (rows of cells written as inline tables).
const MaxNesting = 32

// NestingError says where a TOML file nests too deep (line and column
// count from 1, the column in characters).
type NestingError struct {
	Line, Col int
}

func (e *NestingError) Error() string {
	return fmt.Sprintf("arrays and inline tables nested more than %d deep", MaxNesting)
}

// CheckNesting scans TOML source for brackets and braces outside strings
// and comments and refuses nesting deeper than MaxNesting, before the
// parser sees it.
func CheckNesting(src []byte) error {
	depth, line, col := 0, 1, 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c&0xC0 != 0x80 { // count characters, not bytes
			col++
		}
		switch c {
		case '\n':
			line, col = line+1, 0
		case '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			quote := string(src[i : i+1])
			if i+2 < len(src) && src[i+1] == c && src[i+2] == c {
				quote = string(src[i : i+3])
			}
			for i += len(quote); i < len(src); i++ {
				if src[i] == '\n' {
					line, col = line+1, 0
				}
				if c == '"' && src[i] == '\\' {
					i++
					continue
				}
				if src[i] == c && i+len(quote) <= len(src) && string(src[i:i+len(quote)]) == quote {
					i += len(quote) - 1
					break
				}
				if len(quote) == 1 && src[i] == '\n' {
					break // an unclosed string; the parser will say so
				}
			}
		case '[', '{':
			if depth++; depth > MaxNesting {
				return &NestingError{Line: line, Col: col}
			}
		case ']', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return nil
}
