package e2e

import (
	"strings"
	"testing"
)

// TestParagraphLinesAreJustified checks that every line of the 主送机关 and
// the 正文 (headings included) that does not end its paragraph ends on the
// 版心's right edge: its last glyph's grid cell ends at 184 ± 0.15 mm. Which
// lines end a paragraph comes from matching the printed lines to
// testdata/notice-clean.txt, one paragraph a line there.
func TestParagraphLinesAreJustified(t *testing.T) {
	n := theNotice(t)
	checked := 0
	for _, l := range n.placedLines(t) {
		switch n.kinds[l.para] {
		case kindRecipients, kindBody, kindHeading1, kindHeading2:
		default:
			continue // 标志, 发文字号, 标题, 附件说明, 署名, 成文日期
		}
		if l.final {
			continue
		}
		checked++
		if end := l.cellEnd(); !near(end, typeRight, 0.15) {
			t.Errorf("page %d: line %q ends at x = %.3f mm, want %.0f ± 0.15 (it is not its paragraph's last line)",
				l.page, clip(l.text, 16), end, typeRight)
		}
	}
	if checked == 0 {
		t.Fatal("no line to check: every paragraph fits on one line?")
	}
}

// TestParagraphsAreIndentedTwoCharacters checks the left edge of the 正文:
// the first line of every paragraph (level-1 and level-2 headings included)
// starts 2 字 in, at 28 + 2 × 5.5714 mm, its other lines at 28 mm; the
// 主送机关 is flush left on all its lines. 0.15 mm slack.
func TestParagraphsAreIndentedTwoCharacters(t *testing.T) {
	n := theNotice(t)
	for _, l := range n.placedLines(t) {
		want := typeLeft
		switch n.kinds[l.para] {
		case kindRecipients:
		case kindBody, kindHeading1, kindHeading2:
			if l.off == 0 {
				want = typeLeft + paragraphIndentChars*bodyCell
			}
		default:
			continue
		}
		if s := l.cellStart(); !near(s, want, 0.15) {
			t.Errorf("page %d: line %q starts at x = %.3f mm, want %.3f ± 0.15",
				l.page, clip(l.text, 16), s, want)
		}
	}
}

// The GB/T 15834 line-breaking rules of the spec: marks that never start a
// line, marks that never end one, and the characters of a number or Latin
// word, which are never split.
const (
	noLineStart = "，。、；：？！）》」』】〕”’…—·"
	noLineEnd   = "（《「『【〔“‘"
)

func inNumber(r rune) bool {
	return r >= '0' && r <= '9' || r == '.' || r == '%' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z'
}

// TestLineBreaksFollowPunctuationRules checks every printed line of the main
// text: none starts with a closing or pause mark, none ends with an opening
// mark, and no number (a run of ASCII digits, '.' and '%') or Latin word
// runs on from one line of a paragraph to the next, page breaks included.
func TestLineBreaksFollowPunctuationRules(t *testing.T) {
	n := theNotice(t)
	lines := n.placedLines(t)
	for i, l := range lines {
		r := []rune(l.text)
		first, last := r[0], r[len(r)-1]
		if strings.ContainsRune(noLineStart, first) {
			t.Errorf("page %d: line %q starts with %q", l.page, clip(l.text, 16), first)
		}
		if strings.ContainsRune(noLineEnd, last) {
			t.Errorf("page %d: line %q ends with %q", l.page, clip(l.text, 16), last)
		}
		if i == 0 || lines[i-1].final {
			continue
		}
		prev := []rune(lines[i-1].text)
		if end := prev[len(prev)-1]; inNumber(end) && inNumber(first) {
			t.Errorf("page %d: a number or word is split: line %q ends with %q and line %q (page %d) goes on with %q",
				lines[i-1].page, clip(lines[i-1].text, 12), end, clip(l.text, 12), l.page, first)
		}
	}
}
