package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// pageNumberRE is a page-number line of pdftotext's output.
var pageNumberRE = regexp.MustCompile(`^\s*—\s*[0-9]+\s*—\s*$`)

// TestMainTextRoundTrips checks the text layer: pdftotext's text of the
// main-text pages, page-number lines and all whitespace removed, is exactly
// testdata/notice-clean.txt from its first line down to the 成文日期,
// whitespace removed.
func TestMainTextRoundTrips(t *testing.T) {
	n := theNotice(t)
	var b strings.Builder
	for _, page := range n.texts[:n.main] {
		for _, l := range strings.Split(page, "\n") {
			if !pageNumberRE.MatchString(l) {
				b.WriteString(stripSpace(l))
			}
		}
	}
	got, want := []rune(b.String()), []rune(strings.Join(n.paras, ""))
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	if i == len(got) && i == len(want) {
		return
	}
	context := func(r []rune) string {
		from, to := max(0, i-20), min(len(r), i+20)
		return fmt.Sprintf("%s[%s]", string(r[from:i]), string(r[i:to]))
	}
	t.Errorf("the text differs at rune %d of %d (want %d runes):\n got: %s\nwant: %s",
		i, len(got), len(want), context(got), context(want))
}

// damaged tells the characters of the seed's damaged text layer: the
// mis-mapped ꎬ ꎮ ꎻ, private-use code points, « », and U+FFFD, what a glyph
// with no Unicode mapping extracts as.
func damaged(r rune) bool {
	switch r {
	case 0xA3AC, 0xA3AE, 0xA3BB, '«', '»', unicode.ReplacementChar:
		return true
	}
	return r >= 0xE000 && r <= 0xF8FF || r >= 0xF0000
}

// TestTextHasNoDamagedCharacters checks the whole document's text, annexes
// included, for the damage of the seed's text layer.
func TestTextHasNoDamagedCharacters(t *testing.T) {
	n := theNotice(t)
	lim := &limit{t: t, max: 10}
	for p, page := range n.texts {
		for _, l := range strings.Split(page, "\n") {
			for _, r := range l {
				if damaged(r) {
					lim.errorf("page %d: %U in %q", p+1, r, strings.TrimSpace(l))
				}
			}
		}
	}
	lim.done()
}
