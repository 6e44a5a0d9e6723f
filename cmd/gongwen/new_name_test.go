package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestNewRefusesNamesThatAreNotOneFileEverywhere: gongwen new with names a
// clerk might type that make no file, another file than meant, or one
// Windows cannot open; each is refused as wrong usage, writing nothing.
func TestNewRefusesNamesThatAreNotOneFileEverywhere(t *testing.T) {
	long := strings.Repeat("关", 65)
	for _, c := range []struct {
		name string
		exit int
		want string // the start of what it prints on stderr
	}{
		{"../escape", exitUsage, `gongwen new: "../escape": a document's name cannot hold`},
		{"a\u0085b", exitUsage, `gongwen new: "a\u0085b": a document's name cannot hold`},
		{"a\x7fb", exitUsage, `gongwen new: "a\x7fb": a document's name cannot hold`},
		{long, exitUsage, "gongwen new: a document's name may have at most 64 characters; this one has 65"},
		{strings.Repeat("x", 300), exitUsage, "gongwen new: a document's name may have at most 64 characters; this one has 300"},
		{"CON", exitUsage, `gongwen new: "CON": Windows keeps this name for a device; choose another`},
		{"com1.通知", exitUsage, `gongwen new: "com1.通知": Windows keeps this name for a device`},
		{"nul ", exitUsage, `gongwen new: "nul ": a document's name cannot start or end with a space`},
		{"通知.", exitUsage, `gongwen new: "通知.": a document's name cannot start or end with a space, nor end with a dot`},
		{" 通知", exitUsage, `gongwen new: " 通知": a document's name cannot start or end`},
		{"通知\u202Efdp", exitUsage, `gongwen new: "通知\u202efdp": a document's name cannot hold U+202E, a control that shows the characters after it in another order`},
		{"a\u200Fb", exitUsage, `gongwen new: "a\u200fb": a document's name cannot hold U+200F`},
		{"CONSOLE", exitOK, ""},
		{strings.Repeat("关", 64), exitOK, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			var stdout, stderr bytes.Buffer
			code := run([]string{"new", c.name}, &stdout, &stderr)
			if code != c.exit || !strings.HasPrefix(stderr.String(), c.want) {
				t.Errorf("gongwen new %q: exit %d, printed %q; want exit %d, %q…", c.name, code, stderr.String(), c.exit, c.want)
			}
			if entries, _ := os.ReadDir("."); c.exit != exitOK && len(entries) > 0 {
				t.Errorf("gongwen new %q wrote %d files", c.name, len(entries))
			}
		})
	}
}
