package expand

// markup.go catches the heading markup a Chinese input method, or a clerk
// used to typing numbers, produces by mistake, and says what was probably
// meant: "#总体情况" (no space, so a paragraph starting with #), "＃ 标题"
// (the full-width ＃), "# 一、总体情况" (a typed number before the derived
// one, printing 一、一、). The full-width braces ｛｛ ｝｝ are caught in the
// template source (guard.go).

import (
	"regexp"
	"strings"

	"gongwen/internal/doc"
)

// typedNumber is a heading number written by hand: 一、 （一） (一) 1. 1、 （1）.
var typedNumber = regexp.MustCompile(`^(?:[一二三四五六七八九十百零〇]+[、.．]|[（(][一二三四五六七八九十百零〇]+[）)]|[0-9０-９]+[、．.]|[（(][0-9０-９]+[）)])`)

// inputMethodMarkup returns the problem with a block's markup, if any.
// level and rest are the block's heading level and text as parsed.
func inputMethodMarkup(pos doc.Pos, para string, level int, rest string) error {
	first := strings.SplitN(para, "\n", 2)[0]
	switch {
	case strings.HasPrefix(para, "＃"):
		marks := len([]rune(first)) - len([]rune(strings.TrimLeft(first, "＃")))
		text := strings.TrimLeft(strings.TrimLeft(first, "＃"), " \t\u3000")
		return doc.Errorf(pos, "full-width ＃ (typed with a Chinese input method): write %q with the half-width #", strings.Repeat("#", marks)+" "+short(text))
	case level == 0 && strings.HasPrefix(para, "#"):
		text := strings.TrimLeft(first, "#")
		if text == "" || strings.Contains(text, "#") { // a topic #话题# is text
			return nil
		}
		return doc.Errorf(pos, "%q is a paragraph starting with #: a heading needs a space after its #, write %q", short(first), first[:len(first)-len(text)]+" "+short(text))
	case level > 0:
		n := typedNumber.FindString(rest)
		if after := rest[len(n):]; n == "" || strings.HasSuffix(n, ".") && after != "" && after[0] >= '0' && after[0] <= '9' {
			return nil // no number, or a decimal: "1.5亿元"
		}
		return doc.Errorf(pos, "heading %q: its number is derived from the structure and printed before it, so the typed %s would make two numbers: write %q", short(rest), n, strings.Repeat("#", level)+" "+short(strings.TrimSpace(rest[len(n):])))
	}
	return nil
}

// short cuts a text quoted in a message to its first 20 characters.
func short(s string) string {
	if r := []rune(s); len(r) > 20 {
		return string(r[:20]) + "…"
	}
	return s
}
