package i18n

import (
	"fmt"
	"slices"
	"strings"

	"gongwen/internal/say"
)

// Sprint is v as printed in lang: a message (say.Text, say.Error,
// doc.Error …) is looked up in the catalogue by its key, its values that
// are messages are put into lang in turn, and the catalogue's format is
// filled with them; document text among the values stays as it is. An
// error that is not a message (a library's, the system's) is translated
// by the patterns of the libraries' catalogue (zh_libs.go), as a line
// is, and so is a string given alone. Anything else prints as fmt prints it.
func Sprint(lang Lang, v any) string {
	if lang != Chinese {
		return fmt.Sprint(v)
	}
	once.Do(load)
	return sprint(v, 0)
}

func sprint(v any, depth int) string {
	switch x := v.(type) {
	case say.Message:
		return text(x.Message(), depth)
	case error:
		return untyped(x.Error(), depth)
	case string:
		// text printed alone (a page's words), made before messages
		// were typed: translated as a printed line is
		return untyped(x, depth)
	}
	return fmt.Sprint(v)
}

// text is t in Chinese, at a depth: 0 for what is printed, more for a
// value inside a message.
func text(t say.Text, depth int) string {
	key := t.ID
	if key == "" {
		key = t.Format
	}
	zh, ok := lookup(key)
	if !ok {
		// A format of verbs and punctuation ("%s: %v") has nothing to
		// translate; its values may.
		zh = t.Format
	} else {
		depth++
	}
	if t.Literal {
		return zh
	}
	if !ok && !slices.ContainsFunc(t.Args, isMessage) {
		// Text printed with a format of nothing to translate ("%s: %v\n"),
		// none of its values a message: a library's words given as
		// text (an error's text), matched against the libraries'
		// catalogue as a printed line is.
		return untyped(t.String(), depth)
	}
	args := make([]any, len(t.Args))
	for i, a := range t.Args {
		switch x := a.(type) {
		case say.Message, error:
			args[i] = sprint(x, depth)
		case string:
			// Text, never translated: a word of ours is given as a
			// message (say.Word).
			if ok && numberList.MatchString(x) {
				// Numbers listed in Chinese are set apart by 、: 第 2、6 页.
				x = strings.ReplaceAll(x, ", ", "、")
			}
			args[i] = x
		default:
			args[i] = a
		}
	}
	return fmt.Sprintf(noWrap(zh), args...)
}

func isMessage(a any) bool {
	_, ok := a.(say.Message)
	return ok
}

// lookup is the Chinese of a catalogue key, exactly as the key is
// written.
func lookup(key string) (string, bool) {
	for _, m := range []map[string]string{zhHelp, zhCatalogue, zhParts, zhJoiners} {
		if zh, ok := m[key]; ok && zh != "" {
			return zh, true
		}
	}
	return "", false
}

// untyped translates the text of an error that is not a message: a
// library's or the system's. It is matched line by line against the
// libraries' patterns.
func untyped(s string, depth int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if depth > 0 {
			if t, ok := message(l, depth); ok {
				lines[i] = t
				continue
			}
		}
		lines[i] = translateLine(l, depth)
	}
	return strings.Join(lines, "\n")
}

// noWrap makes a format of fmt.Errorf one of fmt.Sprintf: %w prints as %v.
func noWrap(format string) string {
	if !strings.Contains(format, "w") {
		return format
	}
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		b.WriteByte(format[i])
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.[]*", format[j]) >= 0 {
			j++
		}
		switch {
		case j < len(format) && format[j] == 'w':
			b.WriteString(format[i+1:j] + "v")
			i = j
		case j == i+1 && j < len(format) && format[j] == '%':
			b.WriteByte('%')
			i = j
		}
	}
	return b.String()
}
