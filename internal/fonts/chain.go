package fonts

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/width"

	"gongwen/internal/format"
)

// A role may name a list of fonts (fonts.toml: fangsong =
// ["仿宋_GB2312.ttf", "HanaMinA-Fallback.ttf"]), tried character by
// character: a character is drawn from the first font of the list that has
// it. The layout measures the role's text through its Chain, so that a
// character only a later font has is set like the others: at the role's
// size, on the same baseline, an ideograph one em wide on the grid
// whatever its own font's advance.
//
// After the layout, the runs of characters a later font draws are given a
// fallback role of their own (FallbackRole: "fangsong+1" for the second
// font of 仿宋's list), which Set.Font resolves to that font: every
// renderer then embeds and draws it as it does a role's font, knowing
// nothing of lists.

// Chain is a role's fonts in the order they are tried, and the font of
// its digits and Latin letters, if it has one (fonts.toml: latin = "FILE"),
// which draws those before any other.
type Chain struct {
	fonts []*Font // the list, then the Latin font
	latin int     // the Latin font's index in fonts; 0 for none
}

// chains holds one Chain per list of opened fonts, for the process: the
// layout caches measured text by its font, so the same list is the same
// Chain in every document of a batch.
var chains sync.Map // string of the fonts' addresses → *Chain

func chainOf(list, latin []*Font) *Chain {
	var key strings.Builder
	for _, f := range list {
		fmt.Fprintf(&key, "%p ", f)
	}
	c := &Chain{fonts: list}
	if len(latin) > 0 {
		fmt.Fprintf(&key, "latin %p", latin[0])
		c.fonts = append(append([]*Font{}, list...), latin[0])
		c.latin = len(list)
	}
	v, _ := chains.LoadOrStore(key.String(), c)
	return v.(*Chain)
}

// isLatin tells the characters a role's Latin font draws: printable ASCII,
// the digits and letters and the punctuation and spaces between them (5.2%,
// Project Alpha). A Chinese text's own marks are full-width (，。％), not
// ASCII, and stay in the role's font.
func isLatin(r rune) bool { return r >= ' ' && r <= '~' }

// Latin is the index in Fonts of the role's font of digits and Latin
// letters, 0 when it has none.
func (c *Chain) Latin() int { return c.latin }

// Fonts are the chain's fonts, first to last.
func (c *Chain) Fonts() []*Font { return c.fonts }

// Face is the index of the first font of the chain that has r; -1 when
// none has it.
func (c *Chain) Face(r rune) int {
	list := c.fonts
	if c.latin > 0 {
		if isLatin(r) && c.fonts[c.latin].Has(r) {
			return c.latin
		}
		list = c.fonts[:c.latin]
	}
	for i, f := range list {
		if f.Has(r) {
			return i
		}
	}
	return -1
}

// Has reports whether a font of the chain has r.
func (c *Chain) Has(r rune) bool { return c.Face(r) >= 0 }

// Advance is r's advance as a fraction of the type size: the first font's
// for a character it has (or none has); for one a later font draws, one em
// for a wide character (an ideograph, a full-width mark: the grid's cell),
// else that font's own advance.
func (c *Chain) Advance(r rune) float64 {
	i := c.Face(r)
	if i <= 0 {
		return c.fonts[0].Advance(r)
	}
	if k := width.LookupRune(r).Kind(); k == width.EastAsianWide || k == width.EastAsianFullwidth {
		return 1
	}
	return c.fonts[i].Advance(r)
}

// Name is the first font's name: messages name the role's font by it.
func (c *Chain) Name() string { return c.fonts[0].Name() }

// FallbackSep joins a role and the index of a later font of its list in a
// fallback role ("fangsong+1").
const FallbackSep = "+"

// FallbackRole is the role of the characters that the i-th font of r's
// list (from 0) draws; r itself for i = 0.
func FallbackRole(r format.Role, i int) format.Role {
	if i == 0 {
		return r
	}
	return format.Role(string(r) + FallbackSep + strconv.Itoa(i))
}

// SplitRole reads a role made by FallbackRole: the role whose list it is
// and the index of its font; a plain role is (r, 0).
func SplitRole(r format.Role) (format.Role, int) {
	base, n, ok := strings.Cut(string(r), FallbackSep)
	if !ok {
		return r, 0
	}
	i, err := strconv.Atoi(n)
	if err != nil || i <= 0 {
		return r, 0
	}
	return format.Role(base), i
}
