package say

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"testing"
)

var errBase = errors.New("base")

// A message's English is fmt's, to the byte, and the errors it wraps
// are found as through fmt.Errorf's.
func TestEnglishIsFmts(t *testing.T) {
	pathErr := &fs.PathError{Op: "open", Path: "x.toml", Err: fs.ErrNotExist}
	for _, c := range []struct {
		format string
		args   []any
	}{
		{"missing required key %q", []any{"title"}},
		{"%s: cannot write: %w", []any{"out.pdf", pathErr}},
		{"%w and %w", []any{errBase, pathErr}},
		{"100%% of %d", []any{3}},
		{"%s: %v", []any{"a", nil}},
		{"no verbs", nil},
		{"%d", []any{"not a number"}},
	} {
		got, want := Errorf(c.format, c.args...), fmt.Errorf(c.format, c.args...)
		if got.Error() != want.Error() {
			t.Errorf("%q: %q, fmt says %q", c.format, got, want)
		}
		for _, target := range []error{errBase, fs.ErrNotExist} {
			if errors.Is(got, target) != errors.Is(want, target) {
				t.Errorf("%q: errors.Is(%v) is %v, with fmt %v", c.format, target, errors.Is(got, target), errors.Is(want, target))
			}
		}
		var pe *fs.PathError
		if errors.As(got, &pe) != errors.As(want, &pe) {
			t.Errorf("%q: errors.As a *fs.PathError differs from fmt's", c.format)
		}
		var m Message
		if !errors.As(got, &m) || m.Message().Format != c.format {
			t.Errorf("%q: the message does not keep its format", c.format)
		}
		if s := Sprintf(c.format, c.args...).String(); s != fmt.Sprintf(c.format, c.args...) {
			t.Errorf("Sprintf(%q) = %q", c.format, s)
		}
	}
	if e := New("50% done"); e.Error() != "50% done" || e.(Message).Message().String() != "50% done" {
		t.Errorf("New keeps no %% as a verb: %q", e)
	}
	if !errors.Is(Errorf("x: %w", os.ErrPermission), os.ErrPermission) {
		t.Error("errors.Is does not see through %w")
	}
}

// echo is a Printer that prints the message in English.
type echo struct{ bytes.Buffer }

func (e *echo) PrintMessage(t Text) (int, error) { return e.WriteString(t.String()) }

// Fprint, Fprintln and Fprintf give a Printer a message that prints what
// fmt prints, spaces between values included; any other writer gets fmt's
// bytes.
func TestPrintersGetWhatFmtPrints(t *testing.T) {
	for _, args := range [][]any{
		{"gongwen:", errBase},
		{1, 2, "x", 3, 4.5},
		{"a", "b"},
		{errBase, errBase},
		{},
		{nil, 1},
	} {
		var p echo
		var b bytes.Buffer
		Fprint(&p, args...)
		fmt.Fprint(&b, args...)
		Fprintln(&p, args...)
		fmt.Fprintln(&b, args...)
		Fprintf(&p, "%v|%d\n", args...)
		fmt.Fprintf(&b, "%v|%d\n", args...)
		if p.String() != b.String() {
			t.Errorf("%v: a printer got %q, fmt prints %q", args, p.String(), b.String())
		}
		var plain bytes.Buffer
		Fprint(&plain, args...)
		Fprintln(&plain, args...)
		Fprintf(&plain, "%v|%d\n", args...)
		if plain.String() != b.String() {
			t.Errorf("%v: a plain writer got %q, fmt prints %q", args, plain.String(), b.String())
		}
	}
}

// A message cut in two keeps each half's values, and each half says what
// that part of the whole said.
func TestCut(t *testing.T) {
	m := Sprintf("character %q (%U) is not in the %s font %s: use another character or point the role %q at a font that has it", '堃', '堃', "仿宋", "F.ttf", "fangsong")
	a, b, ok := m.Cut(": ")
	if !ok || a.String()+": "+b.String() != m.String() || len(b.Args) != 1 {
		t.Errorf("cut %q into %q and %q (%v)", m, a, b, ok)
	}
	if _, _, ok := Sprintf("%[2]s: %[1]s", "a", "b").Cut(": "); ok {
		t.Error("a format with indexed values was cut")
	}
	if a, b, ok := Sprintf("100%% %*d: %s", 3, 4, "x").Cut(": "); !ok || a.String() != "100%   4" || b.String() != "x" {
		t.Errorf("%%%% and * widths: %q, %q", a, b)
	}
}
