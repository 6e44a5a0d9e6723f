package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"
)

// withTable gives the base document's annex a table, which puts it on a
// page of its own: two pages in all.
func withTable(t *testing.T) {
	t.Helper()
	table := "rows = [[\"成都\", 65], [\"自贡\", 10]]\n[[columns]]\nkey = \"unit\"\ntitle = \"单位\"\n[[columns]]\nkey = \"n\"\ntitle = \"网站总数\"\nfigures = true\n"
	if err := os.WriteFile("data/t.toml", []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	d, _ := os.ReadFile("data/doc.toml")
	d = bytes.Replace(d, []byte(`title = "检查情况"`), []byte("title = \"检查情况\"\ntable = \"t.toml\""), 1)
	if err := os.WriteFile("data/doc.toml", d, 0o644); err != nil {
		t.Fatal(err)
	}
}

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

func TestPreviewWritesOnePNGPerPage(t *testing.T) {
	fontsDir := newProject(t)
	withTable(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "--fonts", fontsDir, "data/doc.toml"}, &stdout, &stderr); code != exitOK || stdout.String() != "data/doc.toml: ok (2 pages)\n" {
		t.Fatalf("check: exit %d, %s%s; the test needs a document of 2 pages", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	code := run([]string{"preview", "--fonts", fontsDir, "data/doc.toml"}, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if want := "data/doc.toml → output/doc-1.png … output/doc-2.png (2 pages)\n"; stdout.String() != want {
		t.Errorf("printed %q, want %q", stdout.String(), want)
	}
	entries, _ := os.ReadDir("output")
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "doc-1.png doc-2.png" {
		t.Errorf("output/ holds %v, want doc-1.png doc-2.png and nothing else", names)
	}
	// An A4 page at the default 96 dpi: 210 × 297 mm is 793.7 × 1122.5 px.
	for _, p := range []string{"output/doc-1.png", "output/doc-2.png"} {
		if b := decodePNG(t, p).Bounds(); b != image.Rect(0, 0, 794, 1123) {
			t.Errorf("%s is %v, want 794 × 1123 (A4 at 96 dpi)", p, b)
		}
	}
	first, _ := os.ReadFile("output/doc-1.png")

	// Again at 50 dpi into another folder, and once more at 96: the same
	// bytes as the first time.
	stdout.Reset()
	if code := run([]string{"preview", "--fonts", fontsDir, "-o", "small", "--dpi", "50", "data/doc.toml"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("--dpi 50: exit %d: %s", code, stderr.String())
	}
	if b := decodePNG(t, "small/doc-1.png").Bounds(); b != image.Rect(0, 0, 414, 585) {
		t.Errorf("at 50 dpi page 1 is %v, want 414 × 585", b)
	}
	if code := run([]string{"preview", "--fonts", fontsDir, "data/doc.toml"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if again, _ := os.ReadFile("output/doc-1.png"); !bytes.Equal(first, again) {
		t.Error("a second preview gave different bytes")
	}

	// The document shrinks to one page: the old page 2 goes.
	if err := os.Remove("data/t.toml"); err != nil {
		t.Fatal(err)
	}
	d, _ := os.ReadFile("data/doc.toml")
	if err := os.WriteFile("data/doc.toml", bytes.Replace(d, []byte("table = \"t.toml\"\n"), nil, 1), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	if code := run([]string{"preview", "--fonts", fontsDir, "data/doc.toml"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("one page: exit %d: %s", code, stderr.String())
	}
	if want := "data/doc.toml → output/doc-1.png\n"; stdout.String() != want {
		t.Errorf("printed %q, want %q", stdout.String(), want)
	}
	if _, err := os.Stat("output/doc-2.png"); !os.IsNotExist(err) {
		t.Errorf("the page 2 of the earlier preview is still there (%v)", err)
	}
}

func TestPreviewProblems(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T)
		args  []string // after "preview --fonts FONTS"
		exit  int
		want  string // stderr
	}{
		{"no document", nil, nil, exitUsage, "gongwen preview: no document given\nUsage: gongwen preview"},
		{"a resolution of 0", nil, []string{"--dpi", "0", "data/doc.toml"}, exitUsage,
			"gongwen preview: --dpi 0: give a resolution from 10 to 600 dots per inch\n"},
		{"a resolution too high", nil, []string{"--dpi", "601", "data/doc.toml"}, exitUsage,
			"gongwen preview: --dpi 601: give a resolution from 10 to 600 dots per inch\n"},
		{"a resolution that is no number", nil, []string{"--dpi", "high", "data/doc.toml"}, exitUsage,
			`invalid value "high" for flag -dpi`},
		{"two documents of one name", func(t *testing.T) {
			if err := os.MkdirAll("other", 0o755); err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile("data/doc.toml")
			if err := os.WriteFile("other/doc.toml", b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"data/doc.toml", "other/doc.toml"}, exitUsage,
			"gongwen preview: data/doc.toml and other/doc.toml would both be written to output/doc-1.png\n"},
		{"an output folder that is a file", func(t *testing.T) {
			if err := os.WriteFile("taken", nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"-o", "taken", "data/doc.toml"}, exitInput, "gongwen preview: -o taken: a file, not a folder for the images\n"},
		{"an output folder that cannot be made", func(t *testing.T) {
			if err := os.WriteFile("taken", nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"-o", "taken/pngs", "data/doc.toml"}, exitInput, "taken/pngs: cannot make the output folder: taken: not a directory\n"},
		{"a missing document", nil, []string{"data/none.toml"}, exitInput, "data/none.toml: WANT"},
		{"a template error", func(t *testing.T) {
			if err := os.WriteFile("templates/body.txt", []byte("开头{{.Figures.citys}}。\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, []string{"data/doc.toml"}, exitInput, "templates/body.txt:1:13: .Figures.citys: the data has no figure \"citys\"\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fontsDir := newProject(t)
			if c.setup != nil {
				c.setup(t)
			}
			var stdout, stderr bytes.Buffer
			code := run(append([]string{"preview", "--fonts", fontsDir}, c.args...), &stdout, &stderr)
			if code != c.exit {
				t.Errorf("exit %d, want %d", code, c.exit)
			}
			got := stderr.String()
			prefix, wild := strings.CutSuffix(c.want, "WANT")
			ok := strings.HasPrefix(got, c.want) || (wild && strings.HasPrefix(got, prefix) && strings.Count(got, "\n") == 1)
			if !ok {
				t.Errorf("printed\n%s\nwant\n%s", got, c.want)
			}
			if entries, err := os.ReadDir("output"); err == nil && len(entries) > 0 {
				t.Errorf("a failed run left %d files in output/", len(entries))
			}
		})
	}
}

func TestPreviewHelp(t *testing.T) {
	for _, args := range [][]string{{"preview", "--help"}, {"help", "preview"}, {"preview", "-h", "data/doc.toml"}} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != exitOK {
			t.Errorf("%v: exit %d", args, code)
		}
		for _, want := range []string{"Usage: gongwen preview [-o DIR] [--dpi N] [--fonts DIR] DOC.toml...", "DIR/NAME-1.png", "-dpi N"} {
			if !strings.Contains(stdout.String(), want) {
				t.Errorf("%v: help lacks %q:\n%s", args, want, stdout.String())
			}
		}
	}
	var stdout, stderr bytes.Buffer
	run([]string{"help"}, &stdout, &stderr)
	if !strings.Contains(stdout.String(), "gongwen preview [-o DIR] [--dpi N] [--fonts DIR] DOC.toml...") {
		t.Errorf("the usage text does not mention preview:\n%s", stdout.String())
	}
}
