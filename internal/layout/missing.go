package layout

import (
	"strings"

	"gongwen/internal/doc"
)

// occurrences is how many times a missing character occurs in the spans set
// in the font that lacks it.
func occurrences(spans []Span, m MissingGlyph) int {
	n := 0
	for _, sp := range spans {
		if sp.Style.Role == m.Role {
			n += strings.Count(sp.Text, string(m.R))
		}
	}
	return n
}

// cellOccurrences is how many times r occurs in a table cell's text.
func cellOccurrences(c *doc.Cell, r rune) int {
	n := strings.Count(c.Text, string(r)) + strings.Count(c.Corner, string(r))
	for _, it := range c.Items {
		n += strings.Count(it, string(r))
	}
	return n
}
