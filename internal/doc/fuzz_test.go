package doc

import (
	"os"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the TOML loader: it may reject them,
// never panic, and every problem it reports must name a file (the data
// file, or a table file it names).
func FuzzParse(f *testing.F) {
	for _, p := range []string{"testdata/good.toml", "testdata/errors/unknown-nested.toml", "testdata/errors/wrong-types.toml"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("a = [\n1,\n]\n[[b]]\n[b.c]\nd = '''\nx\n'''\n")
	f.Fuzz(func(t *testing.T, src string) {
		_, err := Parse("f.toml", src)
		if err != nil {
			es, ok := err.(Errors)
			if !ok {
				es = Errors{err}
			}
			for _, e := range es {
				de, ok := e.(*Error)
				if !ok || de.Pos.File == "" {
					t.Fatalf("problem without the file's name: %v", e)
				}
			}
		}
	})
}
