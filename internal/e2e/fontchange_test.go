package e2e

// A font swapped for another is a change of the document, though no
// character changed: a rebuild over the old PDF and `gongwen diff` name the
// role and both fonts. A font's licence (OS/2 fsType) is respected: one
// that forbids embedding stops the build at the key that chose it, one
// that allows it with a condition is embedded and the condition recorded.

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gongwen/internal/archive"
	"gongwen/internal/fonts/fontstest"
)

func TestFontSwapIsNamedAndLicencesAreKept(t *testing.T) {
	bin := archBinary(t)
	dir := filepath.Join(t.TempDir(), "proj")
	archProject(t, dir)
	run := func(env []string, args ...string) (string, string, int) {
		t.Helper()
		return archRun(t, dir, bin, "022", env, args...)
	}
	write := func(name string, b []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := func(name string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if _, e, code := run(nil, "build", "-o", "old.pdf", archNotice); code != 0 {
		t.Fatalf("build: exit %d: %s", code, e)
	}
	write("new.pdf", read("old.pdf"))

	// 仿宋 becomes an office's 仿宋_GB2312.ttf (here FandolFang's bytes
	// under that name); 黑体 a copy of Noto Sans whose licence allows
	// editable embedding (fsType 8; the shipped file says 0).
	noto := read("fonts/NotoSansSC-Regular.ttf")
	write("fonts/仿宋_GB2312.ttf", read("fonts/FandolFang-Regular.ttf"))
	write("fonts/hei.ttf", fontstest.WithFsType(t, noto, 8))
	cfg := strings.NewReplacer(`"FandolFang-Regular.ttf"`, `"仿宋_GB2312.ttf"`, `"NotoSansSC-Regular.ttf"`, `"hei.ttf"`).Replace(string(read("fonts/fonts.toml")))
	write("fonts/fonts.toml", []byte(cfg))

	out, e, code := run(nil, "build", "-o", "new.pdf", archNotice)
	if want := archNotice + " → new.pdf\nnew.pdf: fonts changed: 仿宋 FandolFang-Regular → 仿宋_GB2312, 黑体 NotoSansSC-Regular → hei\n"; code != 0 || out != want {
		t.Errorf("build over the old PDF: exit %d\n%s%s\nwant\n%s", code, out, e, want)
	}
	for _, c := range []struct {
		env  []string
		want string
	}{
		{nil, "fonts: 仿宋 FandolFang-Regular → 仿宋_GB2312\nfonts: 黑体 NotoSansSC-Regular → hei\n"},
		{[]string{"LANG=zh_CN.UTF-8"}, "字体：仿宋 FandolFang-Regular → 仿宋_GB2312\n字体：黑体 NotoSansSC-Regular → hei\n"},
	} {
		if out, e, code := run(c.env, "diff", "old.pdf", "new.pdf"); code != 1 || out != c.want {
			t.Errorf("diff %v: exit %d\n%s%s\nwant exit 1\n%s", c.env, code, out, e, c.want)
		}
	}
	if out, e, code := run(nil, "diff", "new.pdf", "new.pdf"); code != 0 || out != "" {
		t.Errorf("diff of a PDF with itself: exit %d\n%s%s", code, out, e)
	}
	rec, err := archive.Read(read("new.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	want := []archive.Font{{Role: "fangsong", Path: "fonts/仿宋_GB2312.ttf", Embedding: "editable"}, {Role: "heiti", Path: "fonts/hei.ttf", Embedding: "editable"}}
	if !reflect.DeepEqual(rec.Fonts, want) {
		t.Errorf("recorded fonts %+v, want %+v", rec.Fonts, want)
	}
	if old, _ := archive.Read(read("old.pdf")); old == nil || old.Fonts != nil {
		t.Errorf("the default fonts are recorded: %+v", old)
	}
	if valid, report := preflight(t, filepath.Join(dir, "new.pdf")); !valid {
		t.Errorf("with its fonts recorded, Preflight finds it is not PDF/A-1b:\n%s", summarise(report))
	}
	if out, e, code := run(nil, "verify", "new.pdf"); code != 0 {
		t.Errorf("verify: exit %d\n%s%s", code, out, e)
	}

	// A licence that forbids embedding stops the build at the key, and
	// the PDF keeps its bytes.
	before := read("new.pdf")
	write("fonts/hei.ttf", fontstest.WithFsType(t, noto, 2))
	out, e, code = run(nil, "build", "-o", "new.pdf", archNotice)
	if code != 1 || !strings.Contains(e, "fonts/fonts.toml:") || !strings.Contains(e, "hei.ttf: its licence forbids embedding it in a document (OS/2 fsType bit 1, restricted licence embedding)") {
		t.Errorf("build with a restricted font: exit %d\n%s%s", code, out, e)
	}
	if !bytes.Equal(read("new.pdf"), before) {
		t.Error("a refused build changed the PDF")
	}

	// The same file name with other bytes (preview and print, fsType 4).
	write("fonts/hei.ttf", fontstest.WithFsType(t, noto, 4))
	out, e, code = run(nil, "build", "-o", "new.pdf", archNotice)
	if code != 0 || !strings.HasPrefix(out, archNotice+" → new.pdf\nnew.pdf: fonts changed: 黑体 hei (SHA-256 ") {
		t.Errorf("build with the same font name, other bytes: exit %d\n%s%s", code, out, e)
	}
	rec, err = archive.Read(read("new.pdf"))
	if err != nil || len(rec.Fonts) != 2 || rec.Fonts[1].Embedding != "preview-and-print" {
		t.Errorf("recorded fonts %+v (%v), want heiti's preview-and-print", rec, err)
	}
}
