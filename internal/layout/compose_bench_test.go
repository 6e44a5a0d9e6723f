package layout_test

import (
	"testing"

	"gongwen/internal/format"
	"gongwen/internal/layout"
)

// BenchmarkComposeNotice lays out the reference notice (its three annex
// tables most of the work), from the expanded document to the pages: the
// layout stage alone, fonts and atoms cached as in a batch.
func BenchmarkComposeNotice(b *testing.B) {
	j, err := built()
	if err != nil {
		b.Fatal(err)
	}
	fonts := func(r format.Role) layout.Metrics { return j.Fonts.Font(r) }
	b.ReportAllocs()
	for b.Loop() {
		if _, err := layout.Compose(j.Doc, j.Format, fonts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkComposeNoticeCold is BenchmarkComposeNotice from an empty atom
// cache each time, so that nothing measured or counted for an earlier
// document is used: the layout of the first document of a process.
func BenchmarkComposeNoticeCold(b *testing.B) {
	j, err := built()
	if err != nil {
		b.Fatal(err)
	}
	fonts := func(r format.Role) layout.Metrics { return j.Fonts.Font(r) }
	b.ReportAllocs()
	for b.Loop() {
		layout.ForgetMeasures()
		if _, err := layout.Compose(j.Doc, j.Format, fonts); err != nil {
			b.Fatal(err)
		}
	}
}
