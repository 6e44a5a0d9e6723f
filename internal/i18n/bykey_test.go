package i18n

import (
	"fmt"
	"strings"
	"testing"

	"gongwen/internal/say"
)

// TestNoMessageOfOursByPattern: every message of ours (the catalogue
// outside zh_libs.go), printed as a line of text with sample values, is
// left as it is by the patterns, which are the libraries' only; printed as
// a message, it is its Chinese, found by its key.
func TestNoMessageOfOursByPattern(t *testing.T) {
	n := 0
	for _, m := range []map[string]string{zhCatalogue, zhParts, zhJoiners, zhHelp} {
		for en, zh := range m {
			if _, lib := zhLibraries[en]; lib || libraryChinese[strings.TrimSpace(zh)] || strings.Contains(en, "%[") || strings.TrimSpace(zh) == "" {
				continue
			}
			args := samples(en)
			line := strings.TrimSuffix(fmt.Sprintf(en, args...), "\n")
			if strings.Contains(line, "%!") {
				continue // a help text holding a %: printed only as a whole, by its key
			}
			want := fmt.Sprintf(noWrap(zh), args...)
			zhLines := strings.Split(strings.TrimSuffix(want, "\n"), "\n")
			for i, l := range strings.Split(line, "\n") {
				// A library's pattern may take part of it ("unexpected
				// %s"), or all of it when a library says the same words
				// ("unexpected %s", ours "unexpected %q"); ours never.
				_, same := zhLibraries[strings.ReplaceAll(en, "%q", "%s")]
				if got := Line(Chinese, l); got != l && !same && i < len(zhLines) && got == zhLines[i] {
					t.Errorf("%q, a message of ours, was translated by a pattern: %q", l, got)
				}
			}
			if got := Sprint(Chinese, say.Sprintf(en, args...)); got != want && m[en] != "" && !strings.Contains(want, "%!") {
				t.Errorf("%q by its key: %q, want %q", en, got, want)
			}
			n++
		}
	}
	once.Do(load)
	for _, e := range entries {
		if !libraryChinese[e.zh] {
			t.Errorf("the pattern %s is no library's message", e.re)
		}
	}
	if n < 500 {
		t.Errorf("only %d messages tried: the catalogue's maps are not read", n)
	}
}

// libraryChinese are the Chinese formats of the libraries' messages.
var libraryChinese = func() map[string]bool {
	m := map[string]bool{}
	for _, zh := range zhLibraries {
		m[strings.TrimSpace(zh)] = true
	}
	return m
}()

// samples are values for a format's verbs: a name for text, 7 for a number.
func samples(format string) []any {
	var args []any
	for _, v := range say.Verbs(format) {
		switch v {
		case 'd', 'x', 'X', 'o', 'b', 'c', 'U', '*':
			args = append(args, 7)
		case 'f', 'g', 'e', 'G', 'E':
			args = append(args, 1.5)
		case 't':
			args = append(args, true)
		default:
			args = append(args, "Zz")
		}
	}
	return args
}
