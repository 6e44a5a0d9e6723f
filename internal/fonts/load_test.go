//go:build unix

package fonts

import (
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/sys/unix"

	"gongwen/internal/format"
)

// BenchmarkLoad opens the five bundled fonts as a process's first
// document does: mapped, checked and parsed, none opened before.
func BenchmarkLoad(b *testing.B) {
	c, err := ReadConfig(filepath.Join("../../fonts", ConfigName))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		opened = sync.Map{}
		s, errs := Load(c)
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		for _, r := range format.Roles {
			unix.Munmap(s.Font(r).Data)
		}
	}
}
