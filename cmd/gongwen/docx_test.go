package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gongwen/internal/build"
)

// TestBuildDOCX: -o NAME.docx writes a DOCX alone, --docx one beside the
// PDF, and a --docx-fonts that is neither embed nor names is refused
// before anything is written.
func TestBuildDOCX(t *testing.T) {
	fontsDir := newProject(t)
	if err := os.Mkdir("out", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args  []string
		exit  int
		files []string
		said  string
	}{
		{[]string{"-o", "out/x.docx"}, exitOK, []string{"out/x.docx"}, "→ out/x.docx"},
		{[]string{"--docx", "-o", "out/y.pdf"}, exitOK, []string{"out/y.pdf", "out/y.docx"}, "→ out/y.pdf, out/y.docx"},
		{[]string{"--docx", "--docx-fonts", "names", "-o", "out/z.pdf"}, exitOK, []string{"out/z.pdf", "out/z.docx"}, ""},
		{[]string{"--docx", "--docx-fonts", "all", "-o", "out/w.pdf"}, exitUsage, nil, `gongwen build: --docx-fonts is "all": give embed or names`},
	} {
		var stdout, stderr bytes.Buffer
		args := append(append([]string{"build", "--fonts", fontsDir}, c.args...), "data/doc.toml")
		code := run(args, &stdout, &stderr)
		if code != c.exit || !strings.Contains(stdout.String()+stderr.String(), c.said) {
			t.Errorf("%v: exit %d, printed %q %q; want %d and %q", c.args, code, stdout.String(), stderr.String(), c.exit, c.said)
		}
		for _, f := range c.files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Errorf("%v: %v", c.args, err)
				continue
			}
			if !strings.HasSuffix(f, ".docx") {
				continue
			}
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			fonts := 0
			for _, e := range zr.File {
				if strings.HasPrefix(e.Name, "word/fonts/") {
					fonts++
				}
			}
			if names := strings.Contains(strings.Join(c.args, " "), "names"); names != (fonts == 0) {
				t.Errorf("%v: %d fonts embedded", c.args, fonts)
			}
		}
		if c.exit != exitOK {
			if _, err := os.Stat("out/w.pdf"); err == nil {
				t.Errorf("%v wrote out/w.pdf", c.args)
			}
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"verify", "--fonts", fontsDir, "out/x.docx"}, &stdout, &stderr); code != exitOK {
		t.Errorf("verify out/x.docx: exit %d: %s%s", code, stdout.String(), stderr.String())
	}
}

// TestDOCXRoundTrip: a DOCX gongwen wrote, imported into a new project
// (gongwen import) and built again, gives back the same printed text,
// headings and tables, compared by gongwen diff. What cannot come back is
// named, each difference with the lines of the diff that are it; a line
// no name accounts for fails, and so does a name that accounts for none.
func TestDOCXRoundTrip(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	fontsDir := filepath.Join(root, "fonts")
	type named struct {
		name  string
		lines *regexp.Regexp
	}
	for _, c := range []struct {
		doc, format string
		templates   [][2]string // the original template, the imported one
		allowed     []named
	}{
		{"sample-file", "file", [][2]string{{"sample-file.txt", "new.txt"}, {"sample-file-annex3.txt", "new-附件3.txt"}}, []named{
			// The seal comes back, where it was, as data/new/印章.png: the
			// diff names pictures by their files.
			{"the seal is another file", regexp.MustCompile(`^page 3: picture (seal-1\.png removed|印章\.png added)$`)},
		}},
		{"chuan-ban-han-2024-114", "letter", [][2]string{{"chuan-ban-han-2024-114.txt", "new.txt"}}, nil},
	} {
		t.Run(c.doc, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			exported, own := filepath.Join(dir, c.doc+".docx"), filepath.Join(dir, c.doc+".pdf")
			src := filepath.Join(root, "data", c.doc+".toml")
			var stdout, stderr bytes.Buffer
			for _, args := range [][]string{
				{"build", "--fonts", fontsDir, "--docx", "-o", own, src},
				{"import", "--format", c.format, exported, "new"},
				{"build", "--fonts", fontsDir, "-o", "new.pdf", "data/new.toml"},
			} {
				stdout.Reset()
				stderr.Reset()
				if code := run(args, &stdout, &stderr); code != exitOK {
					t.Fatalf("gongwen %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String())
				}
			}
			stdout.Reset()
			run([]string{"diff", own, "new.pdf"}, &stdout, &stderr)
			used := make([]int, len(c.allowed))
			// A column's unit (unit = "万元") comes back in its title: the
			// header prints the same, but the diff names its cells by the
			// title, so each cell is "removed" under one name and "added"
			// under the other with the same value.
			unitAdded := regexp.MustCompile(`^(附件\d+ [^/]+ / )(.+?)（[^（）]+）: \(none\) → (.+)$`)
			lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
			gone := map[string]bool{}
			units := 0
			for _, l := range lines {
				if m := unitAdded.FindStringSubmatch(l); m != nil {
					removed := m[1] + m[2] + ": " + m[3] + " → (none)"
					if slices.Contains(lines, removed) {
						gone[l], gone[removed] = true, true
						units++
					}
				}
			}
			for _, l := range lines {
				if l == "" || gone[l] {
					continue
				}
				known := false
				for i, a := range c.allowed {
					if a.lines.MatchString(l) {
						used[i]++
						known = true
						break
					}
				}
				if !known {
					t.Errorf("the round trip changed: %s", l)
				}
			}
			for i, a := range c.allowed {
				if used[i] == 0 {
					t.Errorf("the named difference %q no longer happens: take it off the list", a.name)
				}
				t.Logf("%s: %d lines of the diff", a.name, used[i])
			}
			t.Logf("a unit read into its column's title: %d cells", units)
			// The pictures (a seal) where they were, as large.
			old, err := build.Prepare(src, build.Options{FontsDir: fontsDir})
			if err != nil {
				t.Fatal(err)
			}
			back, err := build.Prepare("data/new.toml", build.Options{FontsDir: fontsDir})
			if err != nil {
				t.Fatal(err)
			}
			type place struct{ page, x, y, w, h float64 }
			places := func(j *build.Job) []place {
				var out []place
				for p, pg := range j.Result.Pages {
					for _, im := range pg.Images {
						out = append(out, place{float64(p + 1), im.X, im.Y, im.W, im.H})
					}
				}
				return out
			}
			if a, b := places(old), places(back); !slices.Equal(a, b) {
				t.Errorf("pictures at %v, the original's at %v", b, a)
			}
			// The headings: each of the original templates' comes back at
			// its level, its text as far as the template computes nothing.
			for _, pair := range c.templates {
				orig, err := os.ReadFile(filepath.Join(root, "templates", pair[0]))
				if err != nil {
					t.Fatal(err)
				}
				back, err := os.ReadFile(filepath.Join("templates", pair[1]))
				if err != nil {
					t.Fatal(err)
				}
				want, got := headings(string(orig)), headings(string(back))
				if len(want) == 0 || len(want) != len(got) {
					t.Errorf("%s: %d headings, %s has %d", pair[1], len(got), pair[0], len(want))
					continue
				}
				for i := range want {
					if !strings.HasPrefix(got[i], want[i]) {
						t.Errorf("%s: heading %d is %q, want %q…", pair[1], i+1, got[i], want[i])
					}
				}
			}
		})
	}
}

// headings are a template's heading lines: their #s and their text up to
// the first template action.
func headings(tmpl string) []string {
	var out []string
	for _, l := range strings.Split(tmpl, "\n") {
		if strings.HasPrefix(l, "#") {
			l, _, _ = strings.Cut(l, "{{")
			out = append(out, l)
		}
	}
	return out
}
