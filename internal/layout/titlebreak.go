package layout

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"gongwen/internal/format"
	seg "gongwen/internal/segment"
)

// titleWords are a title's unbreakable pieces: its words (package
// segment), a punctuation mark kept with the word it belongs to (an
// opening mark with the next, any other with the one before), a number
// with the unit after it (2025年, 30%), and a postposition with the word
// before it.
func titleWords(text string) []string {
	var out []string
	glueNext := false
	for _, w := range seg.Words(text) {
		first, _ := utf8.DecodeRuneInString(w)
		n := len(out)
		switch {
		case n > 0 && glueNext:
			out[n-1] += w
		case n > 0 && allPunct(w) && !in(opening, lastRune(w)):
			out[n-1] += w
		case n > 0 && in(closing, first):
			out[n-1] += w
		case n > 0 && isDigits(out[n-1]) && utf8.RuneCountInString(w) == 1 && strings.ContainsRune("年月日号个%‰", first):
			out[n-1] += w
		case n > 0 && utf8.RuneCountInString(w) == 1 && strings.ContainsRune(postpositions, first):
			out[n-1] += w
		default:
			out = append(out, w)
		}
		glueNext = in(opening, lastRune(w))
	}
	return out
}

// postpositions are the one-character words that close the phrase before
// them (方位词 and 等): 防火期前 is not broken 防火期／前.
const postpositions = "前后中内外间时等"

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func allPunct(s string) bool {
	for _, r := range s {
		if !unicode.IsPunct(r) && !unicode.IsSymbol(r) {
			return false
		}
	}
	return s != ""
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// letters counts the characters of a line that are not punctuation.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsPunct(r) && !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// maxTitleArrangements bounds the ways of breaking a title between words
// that wordLines weighs: a title of two or three lines has a few hundred.
const maxTitleArrangements = 100_000

// wordLines breaks a title line that does not fit the measure (the 版心,
// or an annex page's frame) at word boundaries into least lines (or one more, if least cannot be had at
// words) of lengths as even as the words allow, in one of the shapes GB/T
// 9704-2012 7.3.1 names (梯形 or 菱形: lengths that only fall, only rise,
// or rise then fall; of two lines, the longer on top when the choice is
// even), never with a line of one character. It returns nil when no
// arrangement fits, or when there are more arrangements than
// maxTitleArrangements to weigh (the count grows exponentially with the
// lines: a title of ten lines would take hours), and the caller keeps the
// breaker's lines.
func (c *composer) wordLines(text string, least int, measure float64) []Line {
	words := titleWords(text)
	n := len(words)
	if n < 2 || n > 80 {
		return nil
	}
	em := format.MM(c.f.Title.Size)
	// depth[i] is how many 《 or “ are open before word i.
	depth := make([]int, n+1)
	for i, w := range words {
		depth[i+1] = depth[i]
		for _, r := range w {
			switch r {
			case '《', '“':
				depth[i+1]++
			case '》', '”':
				depth[i+1] = max(depth[i+1]-1, 0)
			}
		}
	}
	type span struct{ i, j int }
	widths := map[span]float64{}
	width := func(i, j int) float64 {
		if w, ok := widths[span{i, j}]; ok {
			return w
		}
		w := c.width(strings.Join(words[i:j], ""), c.f.Title, 1)
		widths[span{i, j}] = w
		return w
	}
	var best []int
	bestScore := math.Inf(1)
	score := func(bs []int) float64 {
		ws := make([]float64, len(bs)-1)
		mean := 0.0
		for k := range ws {
			ws[k] = width(bs[k], bs[k+1])
			mean += ws[k]
		}
		mean /= float64(len(ws))
		s := 0.0
		for _, w := range ws {
			s += (w - mean) * (w - mean)
		}
		if !goodShape(ws, em/2) {
			s += 1e6 * em * em
		}
		if len(ws) == 2 && ws[0] < ws[1]-em/4 {
			s += em * em / 4
		}
		// A name in 《》 or “” is kept on one line unless the lines
		// would then differ by some eight characters.
		for _, b := range bs[1 : len(bs)-1] {
			if depth[b] > 0 {
				s += 32 * em * em
			}
		}
		return s
	}
	tried := 0
	var walk func(bs []int, left int)
	walk = func(bs []int, left int) {
		if tried++; tried > maxTitleArrangements {
			return
		}
		from := bs[len(bs)-1]
		if left == 1 {
			if width(from, n) > measure || letters(strings.Join(words[from:], "")) < 2 {
				return
			}
			all := append(append([]int{}, bs...), n)
			if s := score(all); s < bestScore {
				best, bestScore = all, s
			}
			return
		}
		for to := from + 1; to <= n-left+1; to++ {
			if width(from, to) > measure {
				break
			}
			if letters(strings.Join(words[from:to], "")) < 2 {
				continue
			}
			walk(append(bs, to), left-1)
		}
	}
	for k := least; k <= least+1 && best == nil; k++ {
		walk([]int{0}, k)
	}
	if best == nil || tried > maxTitleArrangements {
		return nil
	}
	var out []Line
	for k := 0; k+1 < len(best); k++ {
		ls, _ := Break(Para{Spans: []Span{c.span(strings.Join(words[best[k]:best[k+1]], ""), c.f.Title)}, Width: 1e6, Ragged: true})
		if len(ls) != 1 {
			return nil
		}
		out = append(out, ls[0])
	}
	return out
}

// goodShape tells lengths that make a 梯形 or a 菱形: they never fall and
// then rise again (lengths within tol of each other count as equal).
func goodShape(ws []float64, tol float64) bool {
	falling := false
	for k := 1; k < len(ws); k++ {
		switch d := ws[k] - ws[k-1]; {
		case d < -tol:
			falling = true
		case d > tol && falling:
			return false
		}
	}
	return true
}
