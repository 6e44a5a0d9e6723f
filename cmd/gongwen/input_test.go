package main

import (
	"bytes"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestEveryInputIsReadOnlyAsARegularFileOfBoundedSize points each kind of
// input (the data file, the template, a table, the seal, fonts.toml) at a
// named pipe, /dev/zero, a folder and a 5 GiB file: each build ends at once
// with exit 1 and one line naming the file and what is wrong, never a hang,
// an exhausted memory or a Go trace.
func TestEveryInputIsReadOnlyAsARegularFileOfBoundedSize(t *testing.T) {
	bads := []struct {
		name, want string
		make       func(p string) error
	}{
		{"a named pipe", "is not a regular file (a named pipe)", func(p string) error { return syscall.Mkfifo(p, 0o644) }},
		{"/dev/zero", "is not a regular file (a device)", func(p string) error { return os.Symlink("/dev/zero", p) }},
		{"a folder", "is a folder", func(p string) error { return os.Mkdir(p, 0o755) }},
		{"a 5 GiB file", "is 5 GiB; ", func(p string) error {
			f, err := os.Create(p)
			if err != nil {
				return err
			}
			defer f.Close()
			return f.Truncate(5 << 30) // sparse: takes no room on disk
		}},
	}
	kinds := []struct {
		kind, path string
		point      func(t *testing.T, path string)
	}{
		{"data file", "data/bad.toml", func(t *testing.T, p string) {}},
		{"template", "templates/bad.txt", func(t *testing.T, p string) {
			replaceIn(t, "data/doc.toml", `"../templates/body.txt"`, `"../templates/bad.txt"`)
		}},
		{"table", "data/bad-table.toml", func(t *testing.T, p string) {
			replaceIn(t, "data/doc.toml", `title = "检查情况"`, "title = \"检查情况\"\ntable = \"bad-table.toml\"")
		}},
		{"seal", "data/bad.png", func(t *testing.T, p string) {
			replaceIn(t, "data/doc.toml", "issuer =", "seal = \"bad.png\"\nissuer =")
		}},
		{"font configuration", "conf/fonts.toml", func(t *testing.T, p string) {}},
	}
	for _, k := range kinds {
		for _, b := range bads {
			if k.kind == "data file" && b.name == "a folder" {
				continue // a folder given stands for the documents in it
			}
			t.Run(k.kind+" is "+b.name, func(t *testing.T) {
				fontsDir := newProject(t)
				os.Mkdir("conf", 0o755)
				if err := b.make(k.path); err != nil {
					t.Fatal(err)
				}
				k.point(t, k.path)
				doc, fonts := "data/doc.toml", fontsDir
				switch k.kind {
				case "data file":
					doc = k.path
				case "font configuration":
					fonts = "conf"
				}
				done := make(chan struct{})
				var stdout, stderr bytes.Buffer
				var code int
				go func() {
					code = run([]string{"build", "--fonts", fonts, doc}, &stdout, &stderr)
					close(done)
				}()
				select {
				case <-done:
				case <-time.After(60 * time.Second):
					t.Fatal("still running after 60 s")
				}
				out := strings.TrimSpace(stderr.String())
				if code != exitInput || strings.Count(out, "\n") != 0 || !strings.Contains(out, k.path) || !strings.Contains(out, b.want) {
					t.Errorf("exit %d, printed\n%s\nwant exit 1 and one line naming %s and saying %q", code, out, k.path, b.want)
				}
			})
		}
	}
}

func replaceIn(t *testing.T, file, old, new string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s lacks %q", file, old)
	}
	if err := os.WriteFile(file, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}
