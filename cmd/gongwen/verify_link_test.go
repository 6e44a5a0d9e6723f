package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestVerifyDoesNotFollowALinkOutOfTheProject builds a document, then puts
// a symbolic link where a recorded input was: to a copy of it outside the
// project (a file or its whole folder), verify refuses without reading it
// or rebuilding, though the bytes it would find are the same; to a copy
// inside the project, it is followed and the PDF is identical.
func TestVerifyDoesNotFollowALinkOutOfTheProject(t *testing.T) {
	fontsDir, _ := filepath.Abs("../../fonts")
	outside, _ := filepath.EvalSymlinks(t.TempDir()) // as verify names it
	cases := []struct {
		name string
		link func(t *testing.T) // in the project, after the build
		exit int
		want string // a line printed; WANT at its end matches any rest
	}{
		{"a template linked to a file outside", func(t *testing.T) {
			moveAndLink(t, "templates/body.txt", filepath.Join(outside, "body.txt"))
		}, exitInput, "doc.pdf: its record names templates/body.txt, which is a link to " + filepath.Join(outside, "body.txt") + ", outside the project: WANT"},
		{"the templates folder linked outside", func(t *testing.T) {
			moveAndLink(t, "templates", filepath.Join(outside, "templates"))
		}, exitInput, "doc.pdf: its record names templates/body.txt, which is a link to " + filepath.Join(outside, "templates", "body.txt") + ", outside the project: WANT"},
		{"the data file linked outside", func(t *testing.T) {
			moveAndLink(t, "data/doc.toml", filepath.Join(outside, "doc.toml"))
		}, exitInput, "doc.pdf: its record names data/doc.toml, which is a link to WANT"},
		{"a template linked to a file inside", func(t *testing.T) {
			moveAndLink(t, "templates/body.txt", "data/body.txt")
		}, exitOK, "doc.pdf: identical to a rebuild from data/doc.toml"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, n := range []string{"body.txt", "doc.toml", "templates"} {
				os.RemoveAll(filepath.Join(outside, n))
			}
			t.Chdir(verifyProject(t))
			var stdout, stderr bytes.Buffer
			if code := run([]string{"build", "--fonts", fontsDir, "-o", "doc.pdf", "data/doc.toml"}, &stdout, &stderr); code != exitOK {
				t.Fatalf("build: exit %d: %s", code, stderr.String())
			}
			c.link(t)
			stdout.Reset()
			stderr.Reset()
			code := run([]string{"verify", "--fonts", fontsDir, "doc.pdf"}, &stdout, &stderr)
			out := stdout.String() + stderr.String()
			if code != c.exit || !hasLine(out, c.want) {
				t.Errorf("exit %d, printed\n%s\nwant exit %d and a line %q", code, out, c.exit, c.want)
			}
		})
	}
}

// moveAndLink moves the file or folder at p to to and leaves at p a
// symbolic link to it (absolute when to is).
func moveAndLink(t *testing.T, p, to string) {
	t.Helper()
	if err := os.Rename(p, to); err != nil {
		t.Fatal(err)
	}
	target := to
	if !filepath.IsAbs(to) {
		target, _ = filepath.Rel(filepath.Dir(p), to)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

// hasLine reports whether out has the line want; "WANT" at its end
// matches any rest of a line.
func hasLine(out, want string) bool {
	prefix, wild := strings.CutSuffix(want, "WANT")
	for _, l := range strings.Split(out, "\n") {
		if l == want || wild && strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}
