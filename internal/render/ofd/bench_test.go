package ofd_test

import (
	"path/filepath"
	"testing"

	"gongwen/internal/build"
)

// BenchmarkRender renders the notice as OFD and, for comparison, as PDF,
// from the same composed pages (record, font subsets and all).
func BenchmarkRender(b *testing.B) {
	j, err := build.Prepare(filepath.Join(data, notice), build.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range []struct {
		name   string
		render func(build.Options) ([]byte, error)
	}{{"OFD", j.RenderOFD}, {"PDF", j.Render}} {
		b.Run(r.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.render(build.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
