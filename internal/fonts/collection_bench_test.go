//go:build unix

package fonts

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"

	"gongwen/internal/fonts/fontstest"
)

// BenchmarkOpenMember opens FandolKai as a file of its own and as the
// second font of a collection of the whole FandolFang and FandolKai: the
// difference is the copy of the member out of the mapped collection.
func BenchmarkOpenMember(b *testing.B) {
	fang, _ := os.ReadFile("../../fonts/FandolFang-Regular.ttf")
	kai, _ := os.ReadFile("../../fonts/FandolKai-Regular.ttf")
	p := filepath.Join(b.TempDir(), "fk.ttc")
	if err := os.WriteFile(p, fontstest.Collection(b, fang, kai), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, path string }{
		{"ttf", "../../fonts/FandolKai-Regular.ttf"},
		{"ttc#1", p + "#1"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				f, err := Open(c.path)
				if err != nil {
					b.Fatal(err)
				}
				unix.Munmap(f.file)
			}
		})
	}
}
