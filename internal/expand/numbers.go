package expand

// numbers.go reads the heading numbers clerks type, as text pasted from
// Word or WPS holds them (一、 （一） 1. （1） at the start of a
// paragraph), and checks every heading's number against its place: the
// next of its level, under a heading of the level above. A number out of
// place is a warning naming both lines, never a silent renumbering: the
// document prints what the clerk typed.

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gongwen/internal/doc"
)

// typedHeadingNumber is a heading number typed at the start of a
// paragraph, each level's form in its own group: 一、 （一） 1. （1）. The
// brackets may be half-width, the digits full-width, the full stop of 1.
// the full-width ．; 一、 takes no other mark (一. is no GB/T 9704 form).
var typedHeadingNumber = regexp.MustCompile(`^(?:` +
	`([一二三四五六七八九十百千零]+)、|` +
	`[（(]([一二三四五六七八九十百千零]+)[）)]|` +
	`([0-9０-９]{1,3})[.．]|` +
	`[（(]([0-9０-９]{1,3})[）)])`)

// typedHeading reads the heading number s starts with: its level (1–4),
// its value, the number as typed with its mark, and the text after it. A
// number is one only when text follows it, and 1. only when that text
// does not go on with a digit: 1.5亿元 starts with a decimal.
func typedHeading(s string) (level, n int, number, rest string, ok bool) {
	m := typedHeadingNumber.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, "", "", false
	}
	number = m[0]
	rest = strings.TrimLeft(s[len(number):], " \t\u3000")
	if rest == "" {
		return 0, 0, "", "", false
	}
	for l := 1; l <= MaxLevels; l++ {
		if m[l] != "" {
			level = l
		}
	}
	switch level {
	case 1, 2:
		n, ok = chineseValue(m[level])
	default:
		n, ok = arabicValue(m[level])
		next, _ := utf8.DecodeRuneInString(rest)
		if level == 3 && (next >= '0' && next <= '9' || next >= '０' && next <= '９') {
			ok = false
		}
	}
	if !ok {
		return 0, 0, "", "", false
	}
	return level, n, number, rest, true
}

// chineseValue is the value of a Chinese numeral written as headings
// count (Chinese): 一 … 十 十一 … 二十 … 一百零五. Any other spelling is no
// heading number.
func chineseValue(s string) (int, bool) {
	digits := "零一二三四五六七八九"
	units := map[rune]int{'十': 10, '百': 100, '千': 1000}
	total, cur := 0, 0
	for _, r := range s {
		if u, ok := units[r]; ok {
			if cur == 0 {
				cur = 1
			}
			total += cur * u
			cur = 0
			continue
		}
		cur = strings.IndexRune(digits, r) / len("一")
	}
	total += cur
	if total < 1 || Chinese(total) != s {
		return 0, false
	}
	return total, true
}

// arabicValue is the value of 1 to 3 digits, full-width ones too, without
// a leading zero.
func arabicValue(s string) (int, bool) {
	var b strings.Builder
	for _, r := range s {
		if r >= '０' && r <= '９' {
			r = '0' + r - '０'
		}
		b.WriteRune(r)
	}
	n, err := strconv.Atoi(b.String())
	if err != nil || n < 1 || strconv.Itoa(n) != b.String() {
		return 0, false
	}
	return n, true
}

// numbering follows the headings of one template, level by level.
type numbering struct {
	count [MaxLevels + 1]int     // the number of the last heading of each level under its parent
	last  [MaxLevels + 1]heading // that heading; none after a heading of a level above
	depth int                    // the level of the last heading, 0 before the first
}

// heading is a heading's number as printed and its line.
type heading struct {
	number string
	line   int
}

// next numbers a heading of level at pos: typed is its number as typed
// (n its value), or "" for a number derived from the structure. It
// returns the number to print and what is wrong with a typed one's place
// (nil when nothing is). After a number out of place the count goes on
// from it, so that one slip is one warning.
func (nb *numbering) next(pos doc.Pos, level int, typed string, n int) (string, *doc.Error) {
	want := nb.count[level] + 1
	number := Number(level, want)
	var warn *doc.Error
	if typed != "" {
		number = typed
		if n != want {
			right := Number(level, want)
			switch parent := nb.parent(level); {
			case nb.last[level].number != "":
				prev := nb.last[level]
				warn = doc.Errorf(pos, "%s follows %s (line %d): the next is %s", typed, prev.number, prev.line, right)
			case parent.number != "":
				warn = doc.Errorf(pos, "%s is the first under %s (line %d): it is %s", typed, parent.number, parent.line, right)
			default:
				warn = doc.Errorf(pos, "%s is the first heading of its level: it is %s", typed, right)
			}
		}
		want = n
	}
	if d := nb.depth; warn == nil && d > 0 && level > d+1 {
		prev := nb.last[d]
		var skipped []string
		for l := d + 1; l < level; l++ {
			skipped = append(skipped, Number(l, 1))
		}
		if len(skipped) == 1 {
			warn = doc.Errorf(pos, "%s follows %s (line %d): the level between them (%s) is skipped", number, prev.number, prev.line, skipped[0])
		} else {
			warn = doc.Errorf(pos, "%s follows %s (line %d): the levels between them (%s) are skipped", number, prev.number, prev.line, strings.Join(skipped, " "))
		}
	}
	nb.count[level] = want
	nb.last[level] = heading{number, pos.Line}
	for l := level + 1; l <= MaxLevels; l++ {
		nb.count[l] = 0
		nb.last[l] = heading{}
	}
	nb.depth = level
	return number, warn
}

// parent is the nearest heading above level, or none.
func (nb *numbering) parent(level int) heading {
	for l := level - 1; l >= 1; l-- {
		if nb.last[l].number != "" {
			return nb.last[l]
		}
	}
	return heading{}
}

// endsParagraph tells whether a line ends where a paragraph may end: in
// 。！？：； (or their half-width forms), an ellipsis, or a closing mark
// (”’）》」』】〕〉］). A line that does not, with another line right
// after it, was probably one paragraph broken over lines, which joined
// before lines were paragraphs.
func endsParagraph(line string) bool {
	r, _ := utf8.DecodeLastRuneInString(line)
	return strings.ContainsRune("。！？：；.!?:;…”’）》」』】〕〉］)]\"'", r)
}

// goesOn tells whether a heading's text ends where a sentence goes on: in
// ，、 or an opening mark. A heading that stands alone is a title, one
// line by nature, ending in no mark; one ending so was probably a
// paragraph broken over lines.
func goesOn(head string) bool {
	r, _ := utf8.DecodeLastRuneInString(head)
	return strings.ContainsRune("，、,—（《“‘【〔(", r)
}

// brokenLine is the warning for a line that does not end a paragraph
// followed by another line: both are paragraphs now.
func brokenLine(pos doc.Pos, next int) *doc.Error {
	return doc.Errorf(pos, "this line does not end in 。！？：； or a closing mark, yet line %d starts a new paragraph (each line is a paragraph): if the two are one paragraph, join them into one line", next)
}
