package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A case file under testdata/cases holds sections "-- NAME --": args (the
// command line), files to write over the base document (testdata/base), want
// (the lines the command prints; "WANT" in a line matches any rest) and exit
// (the status). $FONTS in a file stands for the repository's fonts folder.
type caseFile struct {
	args  []string
	files map[string]string
	want  []string
	exit  int
}

func readCase(t *testing.T, path string) caseFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := caseFile{files: map[string]string{}}
	var name string
	var body []string
	flush := func() {
		text := strings.Join(body, "\n")
		switch name {
		case "":
		case "args":
			c.args = strings.Fields(text)
		case "want":
			c.want = strings.Split(strings.TrimRight(text, "\n"), "\n")
		case "exit":
			c.exit, err = strconv.Atoi(strings.TrimSpace(text))
			if err != nil {
				t.Fatalf("%s: exit: %v", path, err)
			}
		default:
			c.files[name] = text + "\n"
		}
		body = nil
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "-- ") && strings.HasSuffix(l, " --") {
			flush()
			name = strings.TrimSuffix(strings.TrimPrefix(l, "-- "), " --")
			continue
		}
		body = append(body, l)
	}
	flush()
	return c
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// newProject copies testdata/base into a new folder, makes it the current
// folder and returns the repository's fonts folder.
func newProject(t *testing.T) string {
	t.Helper()
	fontsDir, _ := filepath.Abs("../../fonts")
	base, _ := filepath.Abs("testdata/base")
	dir := t.TempDir()
	copyTree(t, base, dir)
	t.Chdir(dir)
	return fontsDir
}

func TestCommandReportsEachInputProblemOnOneLine(t *testing.T) {
	eachCase(t, func(t *testing.T, c caseFile, out []string, code int) {
		if code != c.exit {
			t.Errorf("exit status %d, want %d", code, c.exit)
		}
		if c.exit == exitInput && len(out) != len(c.want) {
			t.Errorf("printed %d lines, want one per problem (%d)", len(out), len(c.want))
		}
		for i, w := range c.want {
			if i >= len(out) {
				t.Errorf("missing line %q", w)
				continue
			}
			prefix, wild := strings.CutSuffix(w, "WANT")
			if out[i] != w && !(wild && strings.HasPrefix(out[i], prefix)) {
				t.Errorf("line %d:\n got %s\nwant %s", i+1, out[i], w)
			}
		}
		if c.exit != exitOK {
			if entries, err := os.ReadDir("output"); err == nil && len(entries) > 0 {
				t.Errorf("a failed run left %d files in output/", len(entries))
			}
		}
	})
}

// eachCase runs every case of testdata/cases (runCase), each a subtest,
// and hands check what it printed.
func eachCase(t *testing.T, check func(t *testing.T, c caseFile, out []string, code int)) {
	cases, _ := filepath.Glob("testdata/cases/*.txt")
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, path := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txt"), func(t *testing.T) {
			c, out, code := runCase(t, path)
			check(t, c, out, code)
		})
	}
}

// runCase runs the case file at path in a new project (testdata/base with
// the case's files written over it, the current folder afterwards), with
// extra arguments before the case's own, and returns the case, the lines
// printed (stdout, then stderr) and the exit status.
func runCase(t *testing.T, path string, extra ...string) (caseFile, []string, int) {
	t.Helper()
	fontsDir, err := filepath.Abs("../../fonts")
	if err != nil {
		t.Fatal(err)
	}
	base, _ := filepath.Abs("testdata/base")
	c := readCase(t, path)
	dir := t.TempDir()
	copyTree(t, base, dir)
	cfg := ""
	for _, role := range [][2]string{{"xiaobiaosong", "NotoSerifSC-Bold.ttf"}, {"fangsong", "FandolFang-Regular.ttf"}, {"heiti", "NotoSansSC-Regular.ttf"}, {"kaiti", "FandolKai-Regular.ttf"}, {"songti", "FandolSong-Regular.ttf"}} {
		cfg += role[0] + ` = "` + filepath.Join(fontsDir, role[1]) + "\"\n"
	}
	c.files["fonts/fonts.toml"] = strings.TrimSpace(c.files["fonts/fonts.toml"]+"\n") + "\n"
	if strings.TrimSpace(c.files["fonts/fonts.toml"]) == "" {
		c.files["fonts/fonts.toml"] = cfg
	}
	for name, content := range c.files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(strings.ReplaceAll(content, "$FONTS", fontsDir)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run(append(extra, c.args...), &stdout, &stderr)
	out := strings.Split(strings.TrimRight(stdout.String()+stderr.String(), "\n"), "\n")
	return c, out, code
}

func TestHelpTellsEachCommandsUsage(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--help"}, "gongwen build [-o PATH]"},
		{[]string{"help", "check"}, "Usage: gongwen check"},
		{[]string{"build", "--help"}, "SOURCE_DATE_EPOCH"},
		{[]string{"check", "-h"}, "Writes nothing."},
	}
	for _, c := range cases {
		var stdout, stderr bytes.Buffer
		if code := run(c.args, &stdout, &stderr); code != exitOK {
			t.Errorf("%v: exit %d", c.args, code)
		}
		if !strings.Contains(stdout.String(), c.want) {
			t.Errorf("%v: help lacks %q:\n%s", c.args, c.want, stdout.String())
		}
	}
}

func TestBuildWritesOnePDFPerDocumentIntoTheFolder(t *testing.T) {
	fontsDir := newProject(t)
	b, _ := os.ReadFile("data/doc.toml")
	if err := os.WriteFile("data/second.toml", b, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "--fonts", fontsDir, "-o", "out", "data/doc.toml", "data/second.toml"}, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, name := range []string{"out/doc.pdf", "out/second.pdf"} {
		b, err := os.ReadFile(name)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Errorf("%s: not a PDF (%v)", name, err)
		}
	}
	code = run([]string{"build", "--fonts", fontsDir, "-o", "one.pdf", "data/doc.toml", "data/second.toml"}, &stdout, &stderr)
	if code != exitUsage {
		t.Errorf("two documents into one file: exit %d, want %d", code, exitUsage)
	}
}

func TestAbsurdInputsEndWithAClearMessage(t *testing.T) {
	fontsDir, _ := filepath.Abs("../../fonts")
	base, _ := filepath.Abs("testdata/base")
	cases := []struct {
		name, template, want string
	}{
		{"a 10 MB paragraph", strings.Repeat("字", 10<<20/3), "data/doc.toml:1:1: template templates/body.txt: is 10 MiB; a template may have at most 4 MiB"},
		{"a 200 000-character paragraph", strings.Repeat("字", 200_000), "templates/body.txt:1:1: paragraph of 200000 characters; at most 100000: break it into paragraphs"},
		{"a 100-level structure", "开头。\n\n" + strings.Repeat("#", 100) + " 标题", "templates/body.txt:3:1: heading level 100: at most 4 levels (一、 （一） 1. （1）)"},
		{"a template that loops printing", "{{range 900}}{{range 1000}}字字字字字字字字字字{{end}}{{end}}", "templates/body.txt: the template produces more than 8388608 bytes of text; a 公文 is far shorter"},
		{"a template that loops without end", "{{range 100000}}{{range 100000}}{{end}}{{end}}", "templates/body.txt:1:25: {{range 100000}}: the template repeats more than 1000000 times in all ({{range}} items and {{template}} calls); a 公文 needs far fewer"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			copyTree(t, base, dir)
			t.Chdir(dir)
			if err := os.WriteFile("templates/body.txt", []byte(c.template), 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			code := run([]string{"build", "--fonts", fontsDir, "data/doc.toml"}, &stdout, &stderr)
			if code != exitInput || strings.TrimSpace(stderr.String()) != c.want {
				t.Errorf("exit %d, printed\n%s\nwant\n%s", code, stderr.String(), c.want)
			}
		})
	}
}

func TestAHundredThousandRowTableEndsWithAClearMessage(t *testing.T) {
	fontsDir := newProject(t)
	var rows strings.Builder
	rows.WriteString("rows = [\n")
	for i := 0; i < 100_000; i++ {
		fmt.Fprintf(&rows, "  [\"单位%d\", %d],\n", i, i%100)
	}
	rows.WriteString("]\n[[columns]]\nkey = \"unit\"\ntitle = \"单位\"\n[[columns]]\nkey = \"n\"\ntitle = \"数\"\nfigures = true\n")
	if err := os.WriteFile("data/big.toml", []byte(rows.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	d, _ := os.ReadFile("data/doc.toml")
	d = bytes.Replace(d, []byte(`title = "检查情况"`), []byte("title = \"检查情况\"\ntable = \"big.toml\""), 1)
	if err := os.WriteFile("data/doc.toml", d, 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "--fonts", fontsDir, "data/doc.toml"}, &stdout, &stderr)
	want := "data/big.toml:1:1: a table of 100000 rows; at most 2000: split it into several annexes"
	if code != exitInput || strings.TrimSpace(stderr.String()) != want {
		t.Errorf("exit %d, printed\n%s\nwant\n%s", code, stderr.String(), want)
	}
}
