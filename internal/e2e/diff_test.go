package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/build"
	"gongwen/internal/diff"
)

// The correction of issue 11: 甘孜's accounts with 突出问题 go from 4 to 9.
// The diff of the two PDFs, read from the PDFs alone, names the cell, the
// 合计 below it and the body line that quotes the count and the pass rate
// derived from it, and nothing else; two builds of the same sources differ
// in nothing.
func TestDiffOfACorrectionNamesOnlyWhatChanged(t *testing.T) {
	dir := t.TempDir()
	archProject(t, dir)
	data := filepath.Join(dir, "data", "chuan-ban-han-2024-114.toml")
	annex := filepath.Join(dir, "data", "chuan-ban-han-2024-114", "annex1.toml")
	record := func(name string) *diff.Record {
		t.Helper()
		out := filepath.Join(dir, name)
		if err := build.Build(data, out, build.Options{}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		rec, err := diff.Read(b)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return rec
	}
	before := record("before.pdf")
	again := record("again.pdf")
	if rep := diff.Compare(before, again); !rep.Same() || rep.Summary().String() != "unchanged" {
		var b bytes.Buffer
		rep.Write(&b)
		t.Errorf("two builds of the same sources differ:\n%s", b.String())
	}

	src, err := os.ReadFile(annex)
	if err != nil {
		t.Fatal(err)
	}
	const row, corrected = `["甘孜",   38, 1, 19, 18, 0, 128, 4],`, `["甘孜",   38, 1, 19, 18, 0, 128, 9],`
	if strings.Count(string(src), row) != 1 {
		t.Fatalf("annex1.toml no longer holds the row %s", row)
	}
	if err := os.WriteFile(annex, []byte(strings.Replace(string(src), row, corrected, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	after := record("after.pdf")
	rep := diff.Compare(before, after)
	var b bytes.Buffer
	rep.Write(&b)
	want := "page 2, line 1: 个，发现存在突出问题的账号⟦4⟧个，合格率99.⟦9⟧%。 → 个，发现存在突出问题的账号⟦9⟧个，合格率99.⟦8⟧%。\n" +
		"附件1 甘孜 / 政务新媒体检查情况 / 存在突出问题数: 4 → 9\n" +
		"附件1 合计 / 政务新媒体检查情况 / 存在突出问题数: 4 → 9\n"
	if b.String() != want {
		t.Errorf("diff:\n%s\nwant:\n%s", b.String(), want)
	}
	if s, w := rep.Summary().String(), "1 line and 2 table cells changed on pages 2, 6"; s != w {
		t.Errorf("summary %q, want %q", s, w)
	}
}
