package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// The user guide's examples, and the README's, are built here. Each
// fenced block of a page says what it is in an HTML comment on the line
// before it:
//
//	<!-- file: EXAMPLE/PATH -->    the block is the file PATH of the example project EXAMPLE
//	<!-- image: EXAMPLE/PATH -->   (no block) a seal image the test draws at PATH
//	<!-- run: EXAMPLE -->          each line of the block is a gongwen command run in EXAMPLE
//	<!-- check: fonts.toml -->     the block is a fonts.toml: every key a role
//	<!-- output -->                the block is what gongwen prints, not an example
//
// A block with none of these fails the test, so no example goes unbuilt.
// Every example project's data files (data/*.toml) are built when no run
// block builds them, and every command must succeed.
func TestDocsExamplesBuild(t *testing.T) {
	pages, _ := filepath.Glob("../../docs/guide/*.md")
	pages = append(pages, "../../README.md")
	if len(pages) < 10 {
		t.Fatalf("%d pages of docs found", len(pages))
	}
	for _, page := range pages {
		b, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		examples, err := docExamples(string(b))
		if err != nil {
			t.Errorf("%s: %v", page, err)
			continue
		}
		names := make([]string, 0, len(examples))
		for name := range examples {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			ex := examples[name]
			t.Run(filepath.Base(page)+"/"+name, func(t *testing.T) {
				dir := t.TempDir()
				for p, content := range ex.files {
					writeDocFile(t, filepath.Join(dir, p), []byte(content))
				}
				for _, p := range ex.images {
					writeDocFile(t, filepath.Join(dir, p), sealPNG(t))
				}
				t.Chdir(dir)
				cmds := ex.runs
				if len(cmds) == 0 {
					data, _ := filepath.Glob("data/*.toml")
					if len(data) == 0 {
						t.Fatalf("the example has neither a data file nor a command")
					}
					for _, d := range data {
						cmds = append(cmds, []string{"build", d})
					}
				}
				for _, args := range cmds {
					var out bytes.Buffer
					if code := run(args, &out, &out); code != exitOK {
						t.Errorf("gongwen %s: exit %d\n%s", strings.Join(args, " "), code, out.String())
					}
				}
			})
		}
	}
}

// docExample is one example project of a page.
type docExample struct {
	files  map[string]string // path in the project → content
	images []string          // seal images to draw
	runs   [][]string        // gongwen commands, without "gongwen"
}

var (
	docNote  = regexp.MustCompile(`^<!-- (file|image|run|check|output)(?::\s*(\S+))? -->$`)
	docFence = regexp.MustCompile("^```")
)

// docExamples reads a page's annotated blocks into its example projects.
func docExamples(page string) (map[string]*docExample, error) {
	examples := map[string]*docExample{}
	get := func(name string) *docExample {
		if examples[name] == nil {
			examples[name] = &docExample{files: map[string]string{}}
		}
		return examples[name]
	}
	lines := strings.Split(page, "\n")
	var note []string // the annotation before the next block
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if m := docNote.FindStringSubmatch(l); m != nil {
			if m[1] == "image" {
				ex, p, _ := strings.Cut(m[2], "/")
				get(ex).images = append(get(ex).images, p)
				continue
			}
			note = m[1:]
			continue
		}
		if !docFence.MatchString(l) {
			if l != "" {
				note = nil
			}
			continue
		}
		start := i + 1
		for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), "```"); i++ {
		}
		body := strings.Join(lines[start:i], "\n") + "\n"
		if note == nil {
			return nil, fmt.Errorf("line %d: a block with no <!-- file: | run: | check: | output --> before it", start)
		}
		switch note[0] {
		case "file":
			ex, p, ok := strings.Cut(note[1], "/")
			if !ok {
				return nil, fmt.Errorf("line %d: file: wants EXAMPLE/PATH", start)
			}
			get(ex).files[p] = body
		case "run":
			for _, c := range strings.Split(body, "\n") {
				f := strings.Fields(c)
				if len(f) == 0 || f[0] == "#" {
					continue
				}
				if f[0] != "gongwen" {
					return nil, fmt.Errorf("line %d: %q is not a gongwen command", start, c)
				}
				get(note[1]).runs = append(get(note[1]).runs, f[1:])
			}
		case "check":
			var roles map[string]any
			if _, err := toml.Decode(body, &roles); err != nil {
				return nil, fmt.Errorf("line %d: %v", start, err)
			}
			for k := range roles {
				if !strings.Contains(" xiaobiaosong fangsong heiti kaiti songti ", " "+k+" ") {
					return nil, fmt.Errorf("line %d: %q is not a font role", start, k)
				}
			}
		}
		note = nil
	}
	return examples, nil
}

func writeDocFile(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// sealPNG is a red ring on a transparent ground, as a scanned seal is.
func sealPNG(t *testing.T) []byte {
	t.Helper()
	const n = 240
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			dx, dy := float64(x-n/2), float64(y-n/2)
			if r := dx*dx + dy*dy; r < 115*115 && r > 100*100 {
				img.SetNRGBA(x, y, color.NRGBA{R: 230, A: 255})
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
