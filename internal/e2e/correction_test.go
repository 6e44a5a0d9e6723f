package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/build"
	"gongwen/internal/pdfcheck"
)

// A clerk corrects one figure of 附件1 and rebuilds: the PDF's extracted
// text must change in the table cell, its 合计 and the body sentence that
// quotes the total, and nowhere else.
func TestCorrectingOneFigureChangesOnlyWhatDependsOnIt(t *testing.T) {
	pdfcheck.RequireTools(t, "pdftotext")
	dir := t.TempDir()
	archProject(t, dir)
	data := filepath.Join(dir, "data", "chuan-ban-han-2024-114.toml")
	annex := filepath.Join(dir, "data", "chuan-ban-han-2024-114", "annex1.toml")

	text := func(name string) []string {
		t.Helper()
		out := filepath.Join(dir, name)
		if err := build.Build(data, out, build.Options{}); err != nil {
			t.Fatal(err)
		}
		s, err := pdfcheck.Text(out)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(s, "\n")
	}
	before := text("before.pdf")

	src, err := os.ReadFile(annex)
	if err != nil {
		t.Fatal(err)
	}
	const row, corrected = `["成都",   65, 1, 43, 21, 0, 915, 0],`, `["成都",   65, 1, 43, 21, 0, 916, 0],`
	if strings.Count(string(src), row) != 1 {
		t.Fatalf("annex1.toml no longer holds the row %s", row)
	}
	if err := os.WriteFile(annex, []byte(strings.Replace(string(src), row, corrected, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	after := text("after.pdf")

	if len(before) != len(after) {
		t.Fatalf("the text has %d lines before the correction and %d after", len(before), len(after))
	}
	// Each line that changed must be the old line with the figure and the
	// totals that follow from it corrected.
	changed := map[string]bool{}
	for i := range before {
		if before[i] == after[i] {
			continue
		}
		switch {
		case strings.Contains(before[i], "成都") && strings.Replace(before[i], "915", "916", 1) == after[i]:
			changed["the cell"] = true
		case strings.Contains(before[i], "合计") && strings.Replace(before[i], "4206", "4207", 1) == after[i]:
			changed["the 合计"] = true
		case strings.Contains(before[i], "账号4206") && strings.Replace(before[i], "4206", "4207", 1) == after[i]:
			changed["the sentence"] = true
		default:
			t.Errorf("line %d changed where nothing depends on the figure:\n-%s\n+%s", i+1, before[i], after[i])
		}
	}
	for _, want := range []string{"the cell", "the 合计", "the sentence"} {
		if !changed[want] {
			t.Errorf("%s did not follow the correction", want)
		}
	}
}
