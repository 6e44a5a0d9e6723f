package build

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFileSetWritesAllOrNone: a set whose second file cannot be written
// leaves the first target as it was and no temporary file behind; a set
// that completes replaces every target.
func TestFileSetWritesAllOrNone(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "p-1.png"), filepath.Join(dir, "p-2.png")
	os.WriteFile(a, []byte("old 1"), 0o644)
	os.WriteFile(b, []byte("old 2"), 0o644)

	var s FileSet
	if err := s.Add(a, []byte("new 1")); err != nil {
		t.Fatal(err)
	}
	err := s.Add(filepath.Join(dir, "missing", "p-2.png"), []byte("new 2"))
	if err == nil || !strings.Contains(err.Error(), "cannot write output") {
		t.Fatalf("writing into a missing folder: %v", err)
	}
	if got, _ := os.ReadFile(a); string(got) != "old 1" {
		t.Errorf("after a failed set the first file holds %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("a failed set left %d entries, want the 2 old files", len(entries))
	}

	s = FileSet{}
	for _, p := range []string{a, b} {
		if err := s.Add(p, []byte("new "+p)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(p); !strings.HasPrefix(string(got), "old") {
			t.Errorf("%s replaced before Commit", p)
		}
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{a, b} {
		if got, _ := os.ReadFile(p); string(got) != "new "+p {
			t.Errorf("%s holds %q after Commit", p, got)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("folder holds %d entries after Commit, want 2", len(entries))
	}
}

// TestNumberedCopiesNeverReplaceAnInput: every file a build writes is
// checked, the numbered copies of --copies too.
func TestNumberedCopiesNeverReplaceAnInput(t *testing.T) {
	c, err := ParseCopies("1-2")
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Copies: &c}
	j, err := Prepare("../../data/sample-file.toml", opt)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "x.pdf")
	outs, err := j.Outputs(out, opt)
	if err != nil || len(outs) != 2 {
		t.Fatalf("%d outputs, %v", len(outs), err)
	}
	// The second copy's name is now a hard link to the data file.
	if err := os.Link("../../data/sample-file.toml", outs[1].Path); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Outputs(out, opt); err == nil || !strings.Contains(err.Error(), "is the data file of this build") {
		t.Errorf("a copy named like an input: %v", err)
	}
}

// TestNumberedCopiesAreMadeOneAtATime: each copy is handed on as it is
// made (issue #25: --copies 1-100 held every copy in memory, 1.27 GB with
// a 12 MB seal), so that the build writes it out and drops it before the
// next; a copy that cannot be written stops the build there, and nothing
// is left behind.
func TestNumberedCopiesAreMadeOneAtATime(t *testing.T) {
	c, _ := ParseCopies("1-3")
	opt := Options{Copies: &c}
	j, err := Prepare("../../data/sample-file.toml", opt)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var seen []string
	stop := errors.New("stop")
	err = j.eachOutput(filepath.Join(dir, "x.pdf"), opt, func(o Output) error {
		seen = append(seen, filepath.Base(o.Path))
		if len(seen) == 2 {
			return stop
		}
		return nil
	})
	if err != stop || strings.Join(seen, " ") != "x-000001.pdf x-000002.pdf" {
		t.Errorf("handed %v, then %v; want the first two copies, then the error", seen, err)
	}
	// A build whose third copy's place is a folder writes none.
	os.Mkdir(filepath.Join(dir, "x-000003.pdf"), 0o755)
	if err := Build("../../data/sample-file.toml", filepath.Join(dir, "x.pdf"), opt); err == nil {
		t.Fatal("a copy over a folder built")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a failed build left %d entries", len(entries))
	}
	os.Remove(filepath.Join(dir, "x-000003.pdf"))
	if err := Build("../../data/sample-file.toml", filepath.Join(dir, "x.pdf"), opt); err != nil {
		t.Fatal(err)
	}
	for n := 1; n <= 3; n++ {
		b, err := os.ReadFile(filepath.Join(dir, CopyName("x.pdf", n, 6)))
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Errorf("copy %d: %v", n, err)
		}
	}
}

// TestABatchWritesNumberedCopiesAsTheyAreMade: the command's path
// (BuildAll) writes each copy to a temporary file as it is made and
// renames them all when the document is reported, making the folder.
func TestABatchWritesNumberedCopiesAsTheyAreMade(t *testing.T) {
	c, _ := ParseCopies("1-2")
	dir := filepath.Join(t.TempDir(), "new", "sub")
	out := filepath.Join(dir, "x.pdf")
	var got Outcome
	BuildAll([]string{"../../data/sample-file.toml"}, []string{out}, Options{Copies: &c, MakeOutputDir: true}, 1, nil, func(i int, o Outcome) { got = o })
	if got.Err != nil {
		t.Fatal(got.Err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "x-000001.pdf x-000002.pdf" {
		t.Errorf("the folder holds %v", names)
	}
}
