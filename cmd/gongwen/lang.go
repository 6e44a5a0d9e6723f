package main

import (
	"io"
	"strings"

	"gongwen/internal/i18n"
	"gongwen/internal/say"
)

// lang is the language of this run's messages (set by run).
var lang = i18n.English

// language takes --lang LANG (or --lang=LANG) from anywhere among args
// before a "--", else the locale's language.
func language(args []string) (i18n.Lang, []string, error) {
	l := i18n.FromEnv()
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "lang" {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return l, nil, say.Errorf("--lang needs a language: en or zh")
			}
			i++
			value = args[i]
		}
		parsed, ok := i18n.Parse(value)
		if !ok {
			return l, nil, say.Errorf("--lang %s: give en (English) or zh (中文)", value)
		}
		l = parsed
	}
	return l, rest, nil
}

// flusher is a writer holding the start of a line.
type flusher interface{ Flush() error }

// translated wraps the command's output in the run's language; done
// writes out what is left.
func translated(stdout, stderr io.Writer) (io.Writer, io.Writer, func()) {
	o, e := i18n.Writer(lang, stdout), i18n.Writer(lang, stderr)
	return o, e, func() {
		for _, w := range []io.Writer{o, e} {
			if f, ok := w.(flusher); ok {
				f.Flush()
			}
		}
	}
}
