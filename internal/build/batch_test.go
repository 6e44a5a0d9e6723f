package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// batchProject copies the reference notice's sources into a new folder as
// n documents data/nNNN.toml (the same content under different names),
// and returns the folder and their paths.
func batchProject(t testing.TB, n int) (string, []string) {
	t.Helper()
	dir := t.TempDir()
	copyDir(t, "../../templates", filepath.Join(dir, "templates"))
	copyDir(t, "../../data/chuan-ban-han-2024-114", filepath.Join(dir, "data", "chuan-ban-han-2024-114"))
	copyDir(t, "../../fonts", filepath.Join(dir, "fonts"))
	src, err := os.ReadFile(notice)
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	for i := 1; i <= n; i++ {
		p := filepath.Join(dir, "data", fmt.Sprintf("n%03d.toml", i))
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, p)
	}
	return dir, docs
}

// copyDir copies a folder's files (fonts are linked, not copied).
func copyDir(t testing.TB, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		src, _ := filepath.Abs(filepath.Join(from, e.Name()))
		if strings.HasSuffix(e.Name(), ".ttf") {
			if err := os.Symlink(src, filepath.Join(to, e.Name())); err != nil {
				t.Fatal(err)
			}
			continue
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestABatchWritesTheBytesOfSingleBuildsAndSurvivesABrokenDocument(t *testing.T) {
	dir, docs := batchProject(t, 5)
	// The third document is broken: an unknown key.
	src, _ := os.ReadFile(docs[2])
	os.WriteFile(docs[2], bytes.Replace(src, []byte("issuer ="), []byte("isuer ="), 1), 0o644)

	batch, single := filepath.Join(dir, "batch"), filepath.Join(dir, "single")
	os.MkdirAll(batch, 0o755)
	os.MkdirAll(single, 0o755)
	var outs []string
	for _, d := range docs {
		outs = append(outs, filepath.Join(batch, OutputName(d)))
	}
	var order []int
	BuildAll(docs, outs, Options{}, 2, nil, func(i int, o Outcome) {
		order = append(order, i)
		if (o.Err != nil) != (i == 2) {
			t.Errorf("document %d: error %v", i, o.Err)
		}
		if o.Err == nil && o.Pages < 2 {
			t.Errorf("document %d: %d pages", i, o.Pages)
		}
		if o.Doc != docs[i] || o.Out != outs[i] {
			t.Errorf("outcome %d names %s → %s", i, o.Doc, o.Out)
		}
	})
	if want := []int{0, 1, 2, 3, 4}; !reflect.DeepEqual(order, want) {
		t.Errorf("reported in the order %v, want %v", order, want)
	}
	for i, d := range docs {
		got, err := os.ReadFile(outs[i])
		if i == 2 {
			if err == nil {
				t.Errorf("the broken document wrote %s", outs[i])
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		want := filepath.Join(single, OutputName(d))
		if err := Build(d, want, Options{}); err != nil {
			t.Fatal(err)
		}
		wantB, _ := os.ReadFile(want)
		if !bytes.Equal(got, wantB) {
			t.Errorf("%s: the batch's PDF (%d bytes) differs from a single build's (%d bytes)", d, len(got), len(wantB))
		}
	}
}

func TestAFolderStandsForItsDataFiles(t *testing.T) {
	dir, docs := batchProject(t, 3)
	os.WriteFile(filepath.Join(dir, "data", ".hidden.toml"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "data", "notes.txt"), []byte("x"), 0o644)
	got, err := Documents([]string{filepath.Join(dir, "data"), "other.toml"})
	if err != nil {
		t.Fatal(err)
	}
	if want := append(docs, "other.toml"); !reflect.DeepEqual(got, want) {
		t.Errorf("documents %v, want %v", got, want)
	}
	empty := t.TempDir()
	if _, err := Documents([]string{empty}); err == nil || !strings.Contains(err.Error(), "no data files") {
		t.Errorf("an empty folder: %v", err)
	}
}

// BenchmarkBuildBatch100 builds 100 copies of the reference notice in one
// batch, on every processor, as `gongwen build DIR` does.
func BenchmarkBuildBatch100(b *testing.B) {
	dir, docs := batchProject(b, 100)
	out := filepath.Join(dir, "output")
	os.MkdirAll(out, 0o755)
	var outs []string
	for _, d := range docs {
		outs = append(outs, filepath.Join(out, OutputName(d)))
	}
	b.ReportAllocs()
	for b.Loop() {
		BuildAll(docs, outs, Options{}, 0, nil, func(i int, o Outcome) {
			if o.Err != nil {
				b.Fatal(o.Err)
			}
		})
	}
}

// BenchmarkBatchInputs100 is what a rebuild of 100 documents over their
// earlier outputs spends, before building, listing each document's inputs
// so that no output replaces another document's input.
func BenchmarkBatchInputs100(b *testing.B) {
	dir, docs := batchProject(b, 100)
	var outs []string
	for _, d := range docs {
		outs = append(outs, filepath.Join(dir, "data", OutputName(d)))
	}
	os.WriteFile(outs[0], nil, 0o644)
	b.ReportAllocs()
	for b.Loop() {
		if in := batchInputs(docs, outs, Options{}, 0); len(in) != 100 || len(in[99]) < 3 {
			b.Fatalf("inputs %v", in)
		}
	}
}

// TestABatchWritesEachCopyAsItIsMade: the numbered copies a batch writes,
// one at a time through temporary files, are the bytes Outputs makes of
// them all at once, in a folder made for them.
func TestABatchWritesEachCopyAsItIsMade(t *testing.T) {
	dir, docs := batchProject(t, 1)
	c := Copies{First: 7, Last: 9}
	opt := Options{Copies: &c, MakeOutputDir: true}
	out := filepath.Join(dir, "new", "sub", OutputName(docs[0]))
	BuildAll(docs, []string{out}, opt, 1, nil, func(i int, o Outcome) {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
	})
	j, err := Prepare(docs[0], opt)
	if err != nil {
		t.Fatal(err)
	}
	want, err := j.Outputs(out, opt)
	if err != nil || len(want) != 3 {
		t.Fatalf("%d outputs, %v", len(want), err)
	}
	for _, w := range want {
		got, err := os.ReadFile(w.Path)
		if err != nil || !bytes.Equal(got, w.Data) {
			t.Errorf("%s: %d bytes (%v), want the %d bytes of Outputs", w.Path, len(got), err, len(w.Data))
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "new", "sub", ".*.tmp")); len(left) > 0 {
		t.Errorf("left behind %v", left)
	}
}
