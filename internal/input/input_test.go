package input

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadRefusesWhatIsNotARegularFileWithoutWaiting(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		fifo:                             "is not a regular file (a named pipe); only regular files are read",
		"/dev/zero":                      "is not a regular file (a device); only regular files are read",
		dir:                              "is a folder, not a template",
		filepath.Join(dir, "absent.txt"): "cannot read: no such file or directory",
	}
	for p, want := range cases {
		done := make(chan error, 1)
		go func() { _, err := Read(p, Template); done <- err }()
		select {
		case err := <-done:
			if err == nil || err.Error() != want {
				t.Errorf("%s: %v, want %q", p, err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still reading after 10 s", p)
		}
	}
}

func TestReadRefusesAFileLargerThanItsKindBeforeReadingIt(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.toml")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file of 5 GiB: reading it whole would exhaust memory.
	if err := f.Truncate(5 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for k, want := range map[Kind]string{
		Data:       "is 5 GiB; a data file may have at most 4 MiB",
		Table:      "is 5 GiB; a table file may have at most 4 MiB",
		FontConfig: "is 5 GiB; a font configuration may have at most 1 MiB",
		Image:      "is 5 GiB; an image may have at most 32 MiB",
		PDF:        "is 5 GiB; a PDF may have at most 256 MiB",
	} {
		if _, err := Read(p, k); err == nil || err.Error() != want {
			t.Errorf("%v: %v, want %q", k, err, want)
		}
	}
}

func TestReadTextDropsAByteOrderMarkOnlyAtTheStart(t *testing.T) {
	p := filepath.Join(t.TempDir(), "t.txt")
	os.WriteFile(p, []byte("\uFEFF开头\uFEFF。"), 0o644)
	b, err := ReadText(p, Template)
	if err != nil || string(b) != "开头\uFEFF。" {
		t.Errorf("ReadText = %q, %v", b, err)
	}
	if b, _ := Read(p, Template); !strings.HasPrefix(string(b), "\uFEFF") {
		t.Error("Read dropped the mark: hashes must be of the file's bytes")
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{812: "812 bytes", 1536: "1.5 KiB", 4 << 20: "4 MiB", 10485759: "10 MiB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCheckNestingRefusesDeepNestingOutsideStrings(t *testing.T) {
	deep := "a = 1\nb = " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n"
	err := CheckNesting([]byte(deep))
	ne, ok := err.(*NestingError)
	if !ok || ne.Line != 2 || ne.Col != 4+MaxNesting+1 {
		t.Errorf("deep: %#v, want line 2 column %d", err, 4+MaxNesting+1)
	}
	for _, ok := range []string{
		`rows = [["成都", {text = "甲", rowspan = 2}], ["[[[["]]` + "\n",
		"s = \"" + strings.Repeat("[", 100) + "\"\n",
		"s = '''\n" + strings.Repeat("{", 100) + "\n'''\n",
		"# " + strings.Repeat("[", 100) + "\n[[attachments]]\n",
		`s = "a\"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["` + "\n",
	} {
		if err := CheckNesting([]byte(ok)); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
}

// TestCheckNestingCountsDottedKeys refuses keys whose parts nest deeper
// than MaxNesting (issue #25: deep.a.a.…z = 1 with 10,000 parts cost the
// TOML library 1.3 GB), with the [table] header and the inline tables
// around a key counted too, and passes the dots of values and strings.
func TestCheckNestingCountsDottedKeys(t *testing.T) {
	deep := "a = 1\ndeep" + strings.Repeat(".a", 10_000) + ".z = 1\n"
	for _, c := range []struct {
		src       string
		line, col int
	}{
		{deep, 2, 5 + 2*MaxNesting - 2},
		{"[t" + strings.Repeat(".t", 40) + "]\n", 1, 1 + 2*MaxNesting},
		{"[[t" + strings.Repeat(".t", 20) + "]]\nx" + strings.Repeat(".x", 20) + " = 1\n", 2, 2 + 2*(MaxNesting-22)},
		{"x = {y = {" + strings.Repeat("z.", 40) + "z = 1}}\n", 1, 10 + 2*(MaxNesting-2)},
		{"s = \"[[\"\n\"q.q\"" + strings.Repeat(".k", 40) + " = 1\n", 2, 4 + 2*MaxNesting},
	} {
		err := CheckNesting([]byte(c.src))
		ne, ok := err.(*NestingError)
		if !ok || !ne.Keys || ne.Line != c.line || ne.Col != c.col {
			t.Errorf("%.60q: %#v, want keys too deep at %d:%d", c.src, err, c.line, c.col)
		}
	}
	for _, ok := range []string{
		"a" + strings.Repeat(".a", MaxNesting-1) + " = 1.5\n",
		"[annex.columns]\nx.y = 2024-01-01T10:00:00.5\nz = [1.5, 2.5, \"" + strings.Repeat(".", 100) + "\"]\n",
		"rows = [\n  [{text = \"甲\", rowspan = 2}, 1.5],\n]\n" + strings.Repeat("a.b.c.d = 1.0\n", 100),
		"s = \"\"\"\n" + strings.Repeat("a.", 100) + "\\\n\"\"\"\nt.u = 'x.y'\n",
	} {
		if err := CheckNesting([]byte(ok)); err != nil {
			t.Errorf("%.60q: %v", ok, err)
		}
	}
}

// TestTooLargeTellsTheSizeFromTheLimit: a size just over a limit is not
// printed as the limit (issue #25: "is 1 MiB; … at most 1 MiB").
func TestTooLargeTellsTheSizeFromTheLimit(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want string
	}{
		{Limits[FontConfig] + 1, "is 1048577 bytes; a font configuration may have at most 1048576 bytes"},
		{Limits[FontConfig] + 1<<19, "is 1.5 MiB; a font configuration may have at most 1 MiB"},
	} {
		if got := tooLarge(c.n, FontConfig).Error(); !strings.Contains(got, c.want) {
			t.Errorf("%d: %q, want %q", c.n, got, c.want)
		}
	}
}
