package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestOutputNeverReplacesAnInput points -o at each kind of file a build
// reads, by its name and by a hard link named like a PDF, and at a file
// that is not regular or is read-only: each is refused, the file keeps its
// bytes and mode, and no temporary file is left.
func TestOutputNeverReplacesAnInput(t *testing.T) {
	fontsDir := newProject(t)
	font := filepath.Join(fontsDir, "FandolFang-Regular.ttf")
	for link, target := range map[string]string{"data.pdf": "data/doc.toml", "body.pdf": "templates/body.txt", "font.pdf": font, "config.pdf": filepath.Join(fontsDir, "fonts.toml")} {
		if err := os.Link(target, link); err != nil {
			t.Fatal(err)
		}
	}
	if err := syscall.Mkfifo("fifo.pdf", 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("old.pdf", []byte("kept"), 0o444); err != nil {
		t.Fatal(err)
	}
	const anInput = "; the output may never replace an input: choose another output name"
	cases := []struct {
		out  string
		exit int
		want string
	}{
		{"data/doc.toml", exitUsage, "gongwen build: -o data/doc.toml: WANT"},
		{"templates/body.txt", exitUsage, "gongwen build: -o templates/body.txt: WANT"},
		{"data.pdf", exitInput, "data.pdf: is the data file of this build" + anInput},
		{"body.pdf", exitInput, "body.pdf: is the template of this build" + anInput},
		{"font.pdf", exitInput, "font.pdf: is the font of 仿宋 of this build" + anInput},
		{"config.pdf", exitInput, "config.pdf: is the font configuration of this build" + anInput},
		{"fifo.pdf", exitInput, "fifo.pdf: cannot write output: is not a regular file (a named pipe); output only replaces regular files"},
		{"old.pdf", exitInput, "old.pdf: cannot write output: the file is read-only; it is kept as it is (make it writable to replace it)"},
	}
	for _, c := range cases {
		var before []byte
		var stat0 os.FileInfo
		if c.out != "fifo.pdf" { // reading it would wait for a writer
			before, _ = os.ReadFile(c.out)
			stat0, _ = os.Stat(c.out)
		}
		var stdout, stderr bytes.Buffer
		code := run([]string{"build", "--fonts", fontsDir, "-o", c.out, "data/doc.toml"}, &stdout, &stderr)
		got := strings.TrimSpace(stderr.String())
		prefix, wild := strings.CutSuffix(c.want, "WANT")
		if code != c.exit || !(got == c.want || wild && strings.HasPrefix(got, prefix)) {
			t.Errorf("-o %s: exit %d, printed %q, want %d and %q", c.out, code, got, c.exit, c.want)
		}
		if c.out == "fifo.pdf" {
			if st, err := os.Lstat(c.out); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
				t.Errorf("the named pipe was replaced")
			}
			continue
		}
		after, _ := os.ReadFile(c.out)
		st, _ := os.Stat(c.out)
		if !bytes.Equal(before, after) || st.Mode() != stat0.Mode() {
			t.Errorf("-o %s: the file changed", c.out)
		}
	}
	entries, _ := os.ReadDir(".")
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("a temporary file was left: %s", e.Name())
		}
	}
}

// TestPreviewNeverReplacesAnInput: an input named like a stale preview page,
// in the preview's folder, is not removed with the stale pages.
func TestPreviewNeverReplacesAnInput(t *testing.T) {
	fontsDir := newProject(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"preview", "--fonts", fontsDir, "-o", "data", "data/doc.toml"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	// data/doc-1.png now exists; make it the document's template and preview again.
	d, _ := os.ReadFile("data/doc.toml")
	d = bytes.Replace(d, []byte(`"../templates/body.txt"`), []byte(`"doc-2.png"`), 1)
	os.WriteFile("data/doc.toml", d, 0o644)
	tmpl, _ := os.ReadFile("templates/body.txt")
	os.WriteFile("data/doc-2.png", tmpl, 0o644)
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"preview", "--fonts", fontsDir, "-o", "data", "data/doc.toml"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if b, _ := os.ReadFile("data/doc-2.png"); !bytes.Equal(b, tmpl) {
		t.Error("the preview removed or replaced its template, named like a stale page")
	}
}

// TestOutputFileInANewFolder: -o new/sub/x.pdf makes its folders as -o
// new/ does, only once the document is ready: a broken one makes none.
func TestOutputFileInANewFolder(t *testing.T) {
	fontsDir := newProject(t)
	for _, out := range []string{"new/sub/x.pdf", "other/sub/x.ofd"} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build", "--fonts", fontsDir, "-o", out, "data/doc.toml"}, &stdout, &stderr); code != exitOK {
			t.Errorf("-o %s: exit %d: %s", out, code, stderr.String())
		}
		if st, err := os.Stat(out); err != nil || st.Size() == 0 {
			t.Errorf("-o %s: %v", out, err)
		}
	}
	os.WriteFile("data/broken.toml", []byte("titel = 1\n"), 0o644)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--fonts", fontsDir, "-o", "none/sub/x.pdf", "data/broken.toml"}, &stdout, &stderr); code != exitInput {
		t.Errorf("a broken document: exit %d", code)
	}
	if _, err := os.Stat("none"); !os.IsNotExist(err) {
		t.Errorf("a broken document made its output folder (%v)", err)
	}
}
