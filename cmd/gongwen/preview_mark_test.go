package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	pngr "gongwen/internal/render/png"
)

// TestPreviewRemovesOnlyPagesItDrew: after a two-page preview, the
// document shrinks to one page. The old page 2, which carries gongwen
// preview's mark for this document (pngcheck, which nobody here wrote,
// reads it and finds the file sound), is removed; a file of the user's
// named like a later page (a PNG of their own, a page marked for another
// document, a link to a marked page) is kept; and an unmarked file where a
// page goes stops the preview, exit 1, nothing written.
func TestPreviewRemovesOnlyPagesItDrew(t *testing.T) {
	fontsDir := newProject(t)
	withTable(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"preview", "--dpi", "20", "--fonts", fontsDir, "data/doc.toml"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	out, err := exec.Command("pngcheck", "-tv", "output/doc-2.png").CombinedOutput()
	for _, want := range []string{"keyword: Software\n    gongwen preview\n", "keyword: Title\n    uncompressed, no language tag\n    no translated keyword", "No errors detected in output/doc-2.png"} {
		if err != nil || !strings.Contains(string(out), want) {
			t.Errorf("pngcheck -tv output/doc-2.png: %v\n%s\nwant %q", err, out, want)
		}
	}
	page2, _ := os.ReadFile("output/doc-2.png")
	if !pngr.Marked(bytes.NewReader(page2), "doc.toml") || pngr.Marked(bytes.NewReader(page2), "doc2.toml") {
		t.Error("the page's mark does not name doc.toml alone")
	}
	own := page2[:len(page2):len(page2)]
	own = bytes.Replace(own, []byte("gongwen preview"), []byte("gongwen-preview"), 1) // a PNG of the user's: no mark (its CRC no longer holds either)
	kept := map[string][]byte{
		"output/doc-3.png": own,
		"output/doc-4.png": pngr.Mark(unmark(t, page2), "other.toml"),
	}
	for p, b := range kept {
		os.WriteFile(p, b, 0o644)
	}
	os.WriteFile("marked.png", page2, 0o644)
	os.Symlink("../marked.png", "output/doc-5.png")

	// One page now.
	os.Remove("data/t.toml")
	d, _ := os.ReadFile("data/doc.toml")
	os.WriteFile("data/doc.toml", bytes.Replace(d, []byte("table = \"t.toml\"\n"), nil, 1), 0o644)
	if code := run([]string{"preview", "--dpi", "20", "--fonts", fontsDir, "data/doc.toml"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if _, err := os.Lstat("output/doc-2.png"); !os.IsNotExist(err) {
		t.Errorf("the marked page 2 of the earlier preview is still there (%v)", err)
	}
	for p, b := range kept {
		if now, err := os.ReadFile(p); err != nil || !bytes.Equal(now, b) {
			t.Errorf("%s was removed or changed (%v)", p, err)
		}
	}
	if st, err := os.Lstat("output/doc-5.png"); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link output/doc-5.png was removed (%v)", err)
	}

	// A file of the user's where page 1 goes.
	os.WriteFile("output/doc-1.png", own, 0o644)
	stdout.Reset()
	stderr.Reset()
	code := run([]string{"preview", "--dpi", "20", "--fonts", fontsDir, "data/doc.toml"}, &stdout, &stderr)
	want := "output/doc-1.png: is not a page gongwen preview drew of doc.toml (it lacks the mark gongwen preview writes into its images); it is kept: move it away, or give another folder with -o DIR\n"
	if code != exitInput || stderr.String() != want {
		t.Errorf("exit %d, %q; want 1 and %q", code, stderr.String(), want)
	}
	if now, _ := os.ReadFile("output/doc-1.png"); !bytes.Equal(now, own) {
		t.Error("the user's output/doc-1.png was replaced")
	}
	if entries, _ := filepath.Glob("output/.*tmp"); len(entries) > 0 {
		t.Errorf("left behind %v", entries)
	}
}

// unmark is a marked PNG without its mark: the chunks Mark added removed.
func unmark(t *testing.T, b []byte) []byte {
	t.Helper()
	const ihdrEnd = 33
	i := bytes.Index(b, []byte("IDAT"))
	if i < ihdrEnd {
		t.Fatal("no IDAT")
	}
	var out []byte
	out = append(out, b[:ihdrEnd]...)
	return append(out, b[i-4:]...)
}
