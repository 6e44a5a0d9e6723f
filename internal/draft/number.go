package draft

// number.go writes a list number as Word shows it (formatNumber) and
// reads a heading number typed at the start of a paragraph (headingNumber).

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

var chineseDigits = []rune("〇一二三四五六七八九")

// chineseNumber is n in Chinese numerals as a heading counts: 一 … 十,
// 十一, 二十, 一百零一.
func chineseNumber(n int) string {
	if n <= 0 || n >= 10000 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	units := []string{"千", "百", "十", ""}
	div := 1000
	zero := false
	for _, u := range units {
		d := n / div % 10
		switch {
		case d == 0:
			zero = b.Len() > 0
		default:
			if zero {
				b.WriteRune('零')
				zero = false
			}
			if !(d == 1 && u == "十" && b.Len() == 0) {
				b.WriteRune(chineseDigits[d])
			}
			b.WriteString(u)
		}
		div /= 10
	}
	return b.String()
}

// formatNumber is n in the list number format fmt of WordprocessingML
// (ECMA-376 ST_NumberFormat), for the formats offices use; others as
// decimal.
func formatNumber(n int, fmt string) string {
	switch fmt {
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting":
		return chineseNumber(n)
	case "chineseLegalSimplified":
		c := chineseNumber(n)
		if strings.HasPrefix(c, "十") { // 壹拾贰: the legal form writes the 一
			c = "一" + c
		}
		r := []rune(c)
		for i, c := range r {
			if k := strings.IndexRune("一二三四五六七八九十百千", c); k >= 0 {
				r[i] = []rune("壹贰叁肆伍陆柒捌玖拾佰仟")[utf8.RuneCountInString("一二三四五六七八九十百千"[:k])]
			}
		}
		return string(r)
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		var b strings.Builder
		for _, c := range strconv.Itoa(n) {
			b.WriteRune(chineseDigits[c-'0'])
		}
		return b.String()
	case "ideographTraditional":
		if n >= 1 && n <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[n-1])
		}
	case "ideographZodiac":
		if n >= 1 && n <= 12 {
			return string([]rune("子丑寅卯辰巳午未申酉戌亥")[n-1])
		}
	case "decimalZero":
		if n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "decimalFullWidth", "decimalFullWidth2":
		var b strings.Builder
		for _, c := range strconv.Itoa(n) {
			b.WriteRune('０' + c - '0')
		}
		return b.String()
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "decimalEnclosedFullstop", "decimalEnclosedParen":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "lowerLetter", "upperLetter":
		if n >= 1 && n <= 26*30 {
			s := strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
			if fmt == "upperLetter" {
				s = strings.ToUpper(s)
			}
			return s
		}
	case "lowerRoman", "upperRoman":
		if n >= 1 && n < 4000 {
			s := roman(n)
			if fmt == "lowerRoman" {
				s = strings.ToLower(s)
			}
			return s
		}
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// The typed heading numbers of the four levels of GB/T 9704 (7.3.3): 一、
// （一） 1． （1）, with the forms clerks type for them (a half-width
// bracket or point, 1、).
var headingNumbers = []*regexp.Regexp{
	regexp.MustCompile(`^([一二三四五六七八九十百零〇]+)[、.．]`),
	regexp.MustCompile(`^[（(]([一二三四五六七八九十百零〇]+)[）)]`),
	regexp.MustCompile(`^([0-9０-９]+)[.．、]`),
	regexp.MustCompile(`^[（(]([0-9０-９]+)[）)]`),
}

// headingNumber finds a typed heading number at the start of text: its
// level (1–4, 0 for none), its value, and the text after it. 1.5亿元 is
// not a heading, nor is a number alone.
func headingNumber(text string) (level, value int, rest string) {
	for i, re := range headingNumbers {
		m := re.FindStringSubmatchIndex(text)
		if m == nil {
			continue
		}
		rest = strings.TrimLeft(text[m[1]:], " \t\u3000")
		if rest == "" || i == 2 && rest[0] >= '0' && rest[0] <= '9' {
			return 0, 0, text
		}
		return i + 1, numberValue(text[m[2]:m[3]]), rest
	}
	return 0, 0, text
}

// numberValue reads a number in Arabic (half- or full-width) or Chinese
// numerals; 0 when it is neither.
func numberValue(s string) int {
	s = strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	n, cur := 0, 0
	for _, r := range s {
		switch r {
		case '十':
			if cur == 0 {
				cur = 1
			}
			n += cur * 10
			cur = 0
		case '百':
			n += cur * 100
			cur = 0
		case '千':
			n += cur * 1000
			cur = 0
		case '零', '〇':
		default:
			k := strings.IndexRune("一二三四五六七八九", r)
			if k < 0 {
				return 0
			}
			cur = utf8.RuneCountInString("一二三四五六七八九"[:k]) + 1
		}
	}
	return n + cur
}
