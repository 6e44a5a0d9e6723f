// Package say keeps a message as it is made: its format and its values,
// not only the English line they print. An error made with Errorf, a part
// made with Sprintf and a line printed with Fprintf each say in English
// exactly what package fmt would say, and each can still be put into
// another language when it is printed (internal/i18n): the printer looks
// the format up in the catalogue, puts each value that is a message in
// turn into the same language, and formats the translation with the
// values. Document text given as a value stays as it is.
//
// The package knows no language: a writer that prints messages in one
// (i18n.Writer) says so by having a PrintMessage method, and Fprintf and
// friends hand it the message; any other writer gets fmt's bytes.
package say

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
)

// Text is a message: a format (the catalogue's key, unless ID names
// another) and its values.
type Text struct {
	// ID, when set, is the catalogue's key instead of Format: a help
	// text is keyed by its command, so that changing its English does
	// not make it a new message.
	ID     string
	Format string
	Args   []any
	// Literal: Format is the message itself, not a format (errors.New).
	Literal bool
}

// String is the message in English, as fmt.Sprintf prints it.
func (t Text) String() string {
	if t.Literal {
		return t.Format
	}
	return fmt.Sprintf(t.Format, t.Args...)
}

// Message is t itself: what a printer translates.
func (t Text) Message() Text { return t }

// Message is a value that can say what it prints as a Text.
type Message interface{ Message() Text }

// Sprintf is a message made to be a value of another, or printed.
func Sprintf(format string, args ...any) Text {
	return Text{Format: format, Args: args}
}

// Word is a message of a word or a phrase alone, without verbs ("a
// number", "seal"): a value other messages are completed with, looked up
// in the catalogue as it is.
func Word(s string) Text { return Text{Format: s, Literal: true} }

// Keyed is a message whose catalogue key is id, not its English: a help
// text, which changes with the program. Without args, format is the
// message itself (a help may hold a %).
func Keyed(id, format string, args ...any) Text {
	return Text{ID: id, Format: format, Args: args, Literal: len(args) == 0}
}

// Error is an error kept as its message. Its text is fmt.Errorf's, and
// the errors it wraps with %w are unwrapped as fmt.Errorf's are.
type Error struct {
	Text
	err error
}

// Errorf is fmt.Errorf, keeping the format and its values.
func Errorf(format string, args ...any) error {
	return &Error{Text{Format: format, Args: args}, fmt.Errorf(format, args...)}
}

// New is errors.New, keeping the text as a message.
func New(text string) error {
	return &Error{Text{Format: text, Literal: true}, errors.New(text)}
}

func (e *Error) Error() string { return e.err.Error() }

// Unwrap gives what the format's %w verbs wrapped, so that errors.Is and
// errors.As see through the message as through fmt.Errorf's.
func (e *Error) Unwrap() []error {
	switch u := e.err.(type) {
	case interface{ Unwrap() error }:
		if w := u.Unwrap(); w != nil {
			return []error{w}
		}
	case interface{ Unwrap() []error }:
		return u.Unwrap()
	}
	return nil
}

// Printer is a writer that prints a message in a language of its own.
type Printer interface {
	PrintMessage(t Text) (int, error)
}

// Fprintf is fmt.Fprintf, but a Printer gets the message to translate.
func Fprintf(w io.Writer, format string, args ...any) (int, error) {
	if p, ok := w.(Printer); ok {
		return p.PrintMessage(Text{Format: format, Args: args})
	}
	return fmt.Fprintf(w, format, args...)
}

// Fprintln is fmt.Fprintln, but a Printer gets the message to translate.
func Fprintln(w io.Writer, args ...any) (int, error) {
	if p, ok := w.(Printer); ok {
		return p.PrintMessage(Text{Format: strings.TrimSuffix(strings.Repeat("%v ", len(args)), " ") + "\n", Args: args})
	}
	return fmt.Fprintln(w, args...)
}

// Fprint is fmt.Fprint, but a Printer gets the message to translate.
func Fprint(w io.Writer, args ...any) (int, error) {
	if p, ok := w.(Printer); ok {
		var f strings.Builder
		for i, a := range args {
			// fmt.Fprint puts a space between two values neither of
			// which is a string.
			if i > 0 && !isString(a) && !isString(args[i-1]) {
				f.WriteByte(' ')
			}
			f.WriteString("%v")
		}
		return p.PrintMessage(Text{Format: f.String(), Args: args})
	}
	return fmt.Fprint(w, args...)
}

func isString(a any) bool {
	return a != nil && reflect.TypeOf(a).Kind() == reflect.String
}

// Cut cuts the message around the first sep of its format, each half
// with its values: a message whose halves are regrouped around another's
// words. It fails on a format that picks its values by index (%[2]s).
func (t Text) Cut(sep string) (before, after Text, ok bool) {
	i := strings.Index(t.Format, sep)
	if i < 0 || t.Literal || strings.Contains(t.Format, "%[") {
		return t, Text{}, false
	}
	n := len(Verbs(t.Format[:i]))
	if n > len(t.Args) {
		return t, Text{}, false
	}
	return Text{Format: t.Format[:i], Args: t.Args[:n]}, Text{Format: t.Format[i+len(sep):], Args: t.Args[n:]}, true
}

// Verbs is the verb of each value a format takes, in order; a width
// or precision given as a value (*) is one too, as '*'.
func Verbs(format string) []byte {
	var vs []byte
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.*", format[j]) >= 0 {
			if format[j] == '*' {
				vs = append(vs, '*')
			}
			j++
		}
		if j < len(format) && format[j] != '%' {
			vs = append(vs, format[j])
		}
		i = j
	}
	return vs
}

// Plain is text that is no message of ours (a library's words kept as a
// string, or text made before messages were typed): a printer translates
// it, if at all, by matching it against the catalogue as a line.
func Plain(s string) error { return plain(s) }

type plain string

func (p plain) Error() string { return string(p) }
