package i18n

import (
	"bytes"
	"io"
	"os"

	"gongwen/internal/say"
)

// Writer translates what is written to w, line by line (a line ends at a
// newline, or at a carriage return, which a progress line redraws with).
// English passes through untouched.
func Writer(lang Lang, w io.Writer) io.Writer {
	if lang != Chinese {
		return w
	}
	if f, ok := w.(*os.File); ok {
		return &fileWriter{lineWriter{w: w}, f}
	}
	return &lineWriter{w: w}
}

type lineWriter struct {
	w   io.Writer
	buf []byte
}

func (t *lineWriter) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	for {
		i := bytes.IndexAny(t.buf, "\n\r")
		if i < 0 {
			return len(p), nil
		}
		line := Line(Chinese, string(t.buf[:i]))
		if _, err := io.WriteString(t.w, line+string(t.buf[i])); err != nil {
			return 0, err
		}
		t.buf = t.buf[i+1:]
	}
}

// PrintMessage prints a message (say.Fprintf and friends) in Chinese:
// made from the catalogue by its key, not matched against its patterns,
// so that document text inside it is never taken for a message. What is
// left of a line written before it is written first.
func (t *lineWriter) PrintMessage(m say.Text) (int, error) {
	if err := t.Flush(); err != nil {
		return 0, err
	}
	once.Do(load)
	return io.WriteString(t.w, text(m, 0))
}

// Flush writes what is left of a line without its end.
func (t *lineWriter) Flush() error {
	if len(t.buf) == 0 {
		return nil
	}
	_, err := io.WriteString(t.w, Line(Chinese, string(t.buf)))
	t.buf = nil
	return err
}

// fileWriter keeps the file's descriptor visible, so that a terminal is
// still recognised as one (the progress line).
type fileWriter struct {
	lineWriter
	f *os.File
}

func (t *fileWriter) Fd() uintptr { return t.f.Fd() }
