package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestABatchNeverWritesOverAnInputOfAnotherDocument: document b's output
// is an input of document a (its template, its seal, a font; by name, hard
// link or symbolic link), whichever is named first. b is refused before
// anything of it is written, the file is kept, a is built, and the exit
// status is 1.
func TestABatchNeverWritesOverAnInputOfAnotherDocument(t *testing.T) {
	fontFile, _ := filepath.Abs("../../fonts/FandolFang-Regular.ttf")
	seal, _ := filepath.Abs("../../data/seals/seal-1.png")
	cases := []struct {
		name  string
		setup func(t *testing.T, a []byte) []byte // makes out/b.pdf; returns a's data file
		what  string
	}{
		{"a's template, by name", func(t *testing.T, a []byte) []byte {
			copyFile(t, "templates/body.txt", "out/b.pdf")
			return bytes.Replace(a, []byte(`"../templates/body.txt"`), []byte(`"../out/b.pdf"`), 1)
		}, "the template"},
		{"a's template, by a symbolic link", func(t *testing.T, a []byte) []byte {
			copyFile(t, "templates/body.txt", "templates/a.txt")
			os.Symlink("../templates/a.txt", "out/b.pdf")
			return bytes.Replace(a, []byte(`"../templates/body.txt"`), []byte(`"../templates/a.txt"`), 1)
		}, "the template"},
		{"a's template, by a hard link", func(t *testing.T, a []byte) []byte {
			copyFile(t, "templates/body.txt", "templates/a.txt")
			os.Link("templates/a.txt", "out/b.pdf")
			return bytes.Replace(a, []byte(`"../templates/body.txt"`), []byte(`"../templates/a.txt"`), 1)
		}, "the template"},
		{"a's seal, by a hard link", func(t *testing.T, a []byte) []byte {
			copyFile(t, seal, "data/seal.png")
			os.Link("data/seal.png", "out/b.pdf")
			return withSeal(a)
		}, "an image"},
		{"a's seal, by a symbolic link", func(t *testing.T, a []byte) []byte {
			copyFile(t, seal, "data/seal.png")
			os.Symlink("../data/seal.png", "out/b.pdf")
			return withSeal(a)
		}, "an image"},
		{"a's font, by name", func(t *testing.T, a []byte) []byte {
			copyFile(t, fontFile, "out/b.pdf")
			return append(a, []byte("\n[fonts]\nfangsong = \"../out/b.pdf\"\n")...)
		}, "the font of 仿宋"},
	}
	for _, c := range cases {
		for _, order := range [][]string{{"data/a.toml", "data/b.toml"}, {"data/b.toml", "data/a.toml"}} {
			t.Run(c.name+"/"+order[0]+" first", func(t *testing.T) {
				fontsDir := newProject(t)
				src, _ := os.ReadFile("data/doc.toml")
				os.MkdirAll("out", 0o755)
				a := c.setup(t, src)
				os.WriteFile("data/a.toml", a, 0o644)
				os.Rename("data/doc.toml", "data/b.toml")
				before, _ := os.Lstat("out/b.pdf")
				content, _ := os.ReadFile("out/b.pdf")
				var stdout, stderr bytes.Buffer
				code := run(append([]string{"build", "--fonts", fontsDir, "-o", "out/"}, order...), &stdout, &stderr)
				want := "out/b.pdf: is " + c.what + " of data/a.toml, another document of this batch; no output may replace an input of the batch: choose another output name"
				if code != exitInput || strings.TrimSpace(stderr.String()) != want {
					t.Errorf("exit %d, errors\n%s\nwant exit 1 and\n%s", code, stderr.String(), want)
				}
				after, err := os.Lstat("out/b.pdf")
				now, _ := os.ReadFile("out/b.pdf")
				if err != nil || !os.SameFile(before, after) || !bytes.Equal(now, content) {
					t.Error("out/b.pdf was replaced")
				}
				if _, err := os.Stat("out/a.pdf"); err != nil || !strings.Contains(stdout.String(), "data/a.toml → out/a.pdf") {
					t.Errorf("a was not built: %v\n%s", err, stdout.String())
				}
			})
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// withSeal adds seal = "seal.png" to a data file, before its format key.
func withSeal(a []byte) []byte {
	i := bytes.Index(a, []byte("\nformat"))
	return append(append(append([]byte{}, a[:i]...), "\nseal = \"seal.png\""...), a[i:]...)
}
