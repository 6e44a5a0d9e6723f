package build

import (
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
