package build

import (
	"path/filepath"
	"testing"
)

// BenchmarkBuildFileOFDCopies measures `build --ofd --copies 1-2` of the
// 文件格式 sample (seal, tables, annexes): from the TOML file to the four
// files' bytes (two PDFs, two OFDs), nothing written.
func BenchmarkBuildFileOFDCopies(b *testing.B) {
	b.ReportAllocs()
	out := filepath.Join(b.TempDir(), "sample-file.pdf")
	opt := Options{OFD: true, Copies: &Copies{1, 2}}
	for b.Loop() {
		j, err := Prepare("../../data/sample-file.toml", opt)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		if err := j.eachOutput(out, opt, func(Output) error { n++; return nil }); err != nil || n != 4 {
			b.Fatal(n, err)
		}
	}
}
