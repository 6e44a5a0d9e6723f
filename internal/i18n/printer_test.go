package i18n

import (
	"bytes"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"gongwen/internal/doc"
	"gongwen/internal/say"
)

// A message is printed in Chinese from its format and values: a value
// that is a message is translated in turn, a library's error by the
// patterns, and document text stays as it is, even where it reads like
// one of our messages (the pattern approach rewrote it).
func TestPrinter(t *testing.T) {
	notFound := &fs.PathError{Op: "open", Path: "out.pdf", Err: syscall.ENOENT}
	lookalike := `missing required key "title"` // a key's name in a document
	for _, c := range []struct {
		name string
		v    any
		zh   string
	}{
		{"a message", say.Errorf("missing required key %q", "title"), `缺少必填项 "title"`},
		{"a message at a place", doc.Errorf(doc.Pos{File: "data/x.toml", Line: 3, Col: 1}, "missing required key %q", "title"), `data/x.toml:3:1: 缺少必填项 "title"`},
		{"document text quoted", say.Errorf("unknown key %q", lookalike), `未知的键 "missing required key \"title\""`},
		{"document text as %s", say.Errorf("%s: cannot write: %v", "x: "+lookalike, "disk full"), `x: missing required key "title"：无法写入：disk full`},
		{"a wrapped library error", say.Errorf("%s: cannot write: %v", "out.pdf", notFound), `out.pdf：无法写入：open out.pdf: 没有该文件或文件夹`},
		{"a message in a message", say.Errorf("%s: cannot write: %v", "out.pdf", say.Errorf("missing required key %q", "a")), `out.pdf：无法写入：缺少必填项 "a"`},
		{"a list of problems", doc.Errors{doc.Errorf(doc.Pos{File: "a.toml"}, "unknown key %q", "x"), syscall.ENOENT}, "a.toml: 未知的键 \"x\"\n没有该文件或文件夹"},
		{"a help by its key", say.Keyed("help check", "anything at all"), zhHelp["help check"]},
		{"a part", say.Sprintf("%d pages", 3), "3 页"},
		{"numbers listed", say.Sprintf("pages %s", "2, 6"), "第 2、6 页"},
		{"no Chinese", say.Errorf("a message of another branch: %d", 1), "a message of another branch: 1"},
	} {
		if got := Sprint(Chinese, c.v); got != c.zh {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.zh)
		}
		if got, want := Sprint(English, c.v), fmtSprint(c.v); got != want {
			t.Errorf("%s: English %q, fmt prints %q", c.name, got, want)
		}
	}
	// The bug the typed messages mend, a line matched against the
	// patterns of our messages taking document text for a message, can
	// no longer happen: our messages are no patterns.
	if line := "x: " + lookalike + ": cannot write: disk full"; Line(Chinese, line) != line {
		t.Errorf("a line of ours was matched by a pattern: %q is %q", line, Line(Chinese, line))
	}
}

func fmtSprint(v any) string {
	var b bytes.Buffer
	say.Fprint(&b, v)
	return b.String()
}

// A writer in Chinese prints a message (say.Fprintf) from the catalogue,
// and a line written as text by the libraries' patterns (a line of ours
// written as text is not translated), in the order they were written.
func TestWriterPrintsMessages(t *testing.T) {
	var b bytes.Buffer
	w := Writer(Chinese, &b)
	io := w.(interface{ Flush() error })
	say.Fprintf(w, "%s: identical to a rebuild from %s\n", "x.pdf", "missing required key \"a\"")
	w.Write([]byte(`data/x.toml:3:1: missing required key "title"` + "\n"))
	w.Write([]byte("flag provided but not defined: -x\n"))
	say.Fprintln(w, "gongwen:", say.Errorf("unknown key %q", "a"))
	io.Flush()
	want := "x.pdf：与依据 missing required key \"a\" 重新生成的结果完全相同\n" +
		"data/x.toml:3:1: missing required key \"title\"\n" +
		"未定义的选项：-x\n" +
		"gongwen: 未知的键 \"a\"\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	var en strings.Builder
	say.Fprintf(Writer(English, &en), "%s: identical to a rebuild from %s\n", "x.pdf", "y.toml")
	if en.String() != "x.pdf: identical to a rebuild from y.toml\n" {
		t.Errorf("English: %q", en.String())
	}
}
