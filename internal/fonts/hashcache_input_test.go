//go:build unix

package fonts

import (
	"os"
	"strings"
	"syscall"
	"testing"
)

// TestAHashCacheThatIsNotAFileIsIgnored: the cache file is read like
// every input. A FIFO there (which a plain read waits on for ever), a link
// to /dev/zero, a 3 GB file, a folder, or a file past the limit holding a
// planted hash: the font's hash is computed from the font, with no hang
// and no memory blown.
func TestAHashCacheThatIsNotAFileIsIgnored(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T, cache, planted string)
	}{
		{"a FIFO", func(t *testing.T, cache, _ string) {
			if err := syscall.Mkfifo(cache, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"a link to /dev/zero", func(t *testing.T, cache, _ string) {
			os.Symlink("/dev/zero", cache)
		}},
		{"a 3 GB file", func(t *testing.T, cache, _ string) {
			f, _ := os.Create(cache)
			f.Truncate(3 << 30) // sparse: no disk used
			f.Close()
		}},
		{"a folder", func(t *testing.T, cache, _ string) {
			os.Mkdir(cache, 0o755)
		}},
		{"past the limit", func(t *testing.T, cache, planted string) {
			os.WriteFile(cache, []byte(planted+strings.Repeat("\n", maxCacheFile)), 0o644)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cache := resetHashCache(t)
			p := copyFont(t, "FandolFang-Regular.ttf")
			want := trueHash(t, p)
			// What the cache would say of this font, were it read.
			f, err := Open(p)
			if err != nil || f.SHA256() != want {
				t.Fatalf("hash %v, %v", f, err)
			}
			line, err := os.ReadFile(cache)
			if err != nil {
				t.Fatal(err)
			}
			planted := strings.Replace(string(line), want, strings.Repeat("ab", 32), 1)
			os.Remove(cache)
			c.make(t, cache, planted)
			hashes = hashCache{}
			f, err = Open(p)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.SHA256(); got != want {
				t.Errorf("hash %s, want the font's %s", got, want)
			}
		})
	}
}
