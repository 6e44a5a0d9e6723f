package doc

// figure.go is what a figure is: a whole number, an exact decimal with a
// fixed number of places, or one line of text. The [figures] of a document
// and the cells of a table's figures columns are read into these kinds and
// nothing else, so that the body can only ever print a figure the way the
// document prints numbers (never a Go value, a float's rounding error or a
// line break that would start a new section).

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"gongwen/internal/say"

	"github.com/shopspring/decimal"
)

// Figure is a number as the document prints it: an exact decimal value and
// the number of decimal places it is printed with (0 for a whole number).
// Arithmetic on figures is exact (github.com/shopspring/decimal): 0.1 + 0.2
// is 0.3, and a total never drifts by a rounding cent.
type Figure struct {
	Value  decimal.Decimal
	Places int32
}

// WholeFigure is the figure of a whole number.
func WholeFigure(n int64) Figure { return Figure{Value: decimal.NewFromInt(n)} }

// String prints the figure with its places: 1234.50, 74, -3.2.
func (f Figure) String() string { return f.Value.StringFixed(f.Places) }

// IsWhole says whether the figure is a whole number printed without places.
func (f Figure) IsWhole() bool { return f.Places == 0 && f.Value.IsInteger() }

// ParseFigure reads a number as written in a data file (TOML syntax: an
// optional sign, digits with optional _ between them, a point and places,
// an exponent): "12.50" is 12.5 printed with two places.
func ParseFigure(s string) (Figure, error) {
	t := strings.ReplaceAll(strings.TrimSpace(s), "_", "")
	if t == "" || strings.ContainsAny(t, "xobXOB") || strings.Contains(t, "inf") || strings.Contains(t, "nan") {
		return Figure{}, say.Errorf("%q is not a decimal number", s)
	}
	v, err := decimal.NewFromString(t)
	if err != nil {
		return Figure{}, say.Errorf("%q is not a decimal number", s)
	}
	places := int32(0)
	if i := strings.IndexByte(t, '.'); i >= 0 {
		mant := t[i+1:]
		if e := strings.IndexAny(mant, "eE"); e >= 0 {
			mant = mant[:e]
		}
		places = int32(len(mant))
	}
	if e := strings.IndexAny(t, "eE"); e >= 0 {
		places = max(0, -v.Exponent())
	}
	return Figure{Value: v, Places: places}, nil
}

// controlChar finds the first control character in s (C0 but the tab, DEL,
// C1): a character that draws nothing, or something wrong, and would end up
// in the PDF's text layer. It returns the character and its index in runes.
func controlChar(s string, allowTab bool) (rune, int, bool) {
	i := 0
	for _, r := range s {
		if IsControl(r) && !(allowTab && r == '\t') {
			return r, i, true
		}
		i++
	}
	return 0, 0, false
}

// IsControl reports a control character: U+0000–U+001F, U+007F and
// U+0080–U+009F (the C0 and C1 controls and DEL).
func IsControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) }

// ControlName is a control character as a message names it: U+0007 (BEL).
func ControlName(r rune) string {
	names := []string{"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF", "CR", "SO", "SI",
		"DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"}
	switch {
	case r >= 0 && int(r) < len(names):
		return fmt.Sprintf("%U (%s)", r, names[r])
	case r == 0x7f:
		return "U+007F (DEL)"
	}
	return fmt.Sprintf("%U", r)
}

// figures checks the document's [figures]: each is a whole number, a
// decimal (kept exactly as written, 12.50 prints 12.50) or one line of text.
// It returns them in those kinds: int64, Figure or string.
func (r *reader) figures(m map[string]any) map[string]any {
	out := map[string]any{}
	for _, k := range sortedKeys(m) {
		p := "figures." + k
		r.used[p] = true
		switch v := m[k].(type) {
		case int64:
			out[k] = v
		case float64:
			f, err := ParseFigure(r.valueText(p))
			if err != nil {
				r.errf(p, "%s is %s, which is not a number a document can print; write a whole number or a decimal like 12.50", p, r.shownNumber(p, v))
				continue
			}
			out[k] = f
		case string:
			if c, _, bad := controlChar(v, false); bad {
				if c == '\n' || c == '\r' {
					r.errf(p, "%s holds a line break: a figure is one line of text", p)
				} else {
					r.errf(p, "%s holds a control character %s: a figure is one line of text", p, ControlName(c))
				}
				continue
			}
			out[k] = strings.TrimSpace(v)
		default:
			if sub, ok := v.(map[string]any); ok {
				r.markAll(p, sub)
			}
			switch x := v.(type) {
			case bool:
				r.errf(p, "%s is %v (true/false): a figure is a whole number, a decimal or one line of text", p, x)
			case time.Time:
				r.errf(p, "%s is a date or time; write it as text, like \"2025年1月15日\": a figure is a whole number, a decimal or one line of text", p)
			default:
				// typeName's words are messages of their own (i18n).
				r.errf(p, "%s is %s: a figure is a whole number, a decimal or one line of text", p, typeName(v))
			}
		}
	}
	return out
}

// shownNumber is a decimal as the clerk wrote it (1e-999999999, not the
// 0 it decodes to), or as Go prints it when its text cannot be found.
func (r *reader) shownNumber(path string, v float64) string {
	if t := r.valueText(path); t != "" {
		return t
	}
	return fmt.Sprint(v)
}

// line is line n of the source (from 1), found through the offsets of
// the lines, counted once: a value's text is looked up for every decimal
// figure, and splitting the source each time made 100,000 of them take
// time in proportion to their square.
func (r *reader) line(n int) (string, bool) {
	if r.lineStarts == nil {
		r.lineStarts = []int{0}
		for i := 0; i < len(r.src); i++ {
			if r.src[i] == '\n' {
				r.lineStarts = append(r.lineStarts, i+1)
			}
		}
	}
	if n < 1 || n > len(r.lineStarts) {
		return "", false
	}
	end := len(r.src)
	if n < len(r.lineStarts) {
		end = r.lineStarts[n] - 1
	}
	return r.src[r.lineStarts[n-1]:end], true
}

// valueText is the source text of the value at a key path: the number as
// the clerk typed it (the decoder keeps only a float).
func (r *reader) valueText(path string) string {
	p, ok := r.pos[path]
	if !ok || p.Line < 1 {
		return ""
	}
	text, ok := r.line(p.Line)
	if !ok {
		return ""
	}
	line := []rune(text)
	if p.Col < 1 || p.Col > len(line) {
		return ""
	}
	rest := string(line[p.Col-1:])
	if _, err := strconv.Atoi(last(path)); err != nil {
		// A key's position (an array element's is its value's): the
		// value follows its '='.
		if eq := keyEnd(rest); eq >= 0 {
			rest = rest[eq+1:]
		}
	}
	rest = strings.TrimLeft(rest, " \t")
	end := strings.IndexFunc(rest, func(c rune) bool {
		return !(c >= '0' && c <= '9' || strings.ContainsRune("+-._eE", c))
	})
	if end >= 0 {
		rest = rest[:end]
	}
	return rest
}
