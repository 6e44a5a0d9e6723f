package fonts

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gongwen/internal/format"
)

// The built-in fonts are the files of the repository's fonts/ folder, byte
// for byte, in the roles its fonts.toml gives them, with their licences.
func TestBuiltinFontsAreTheRepositorysDefaults(t *testing.T) {
	want, err := ReadConfig("../../fonts/fonts.toml")
	if err != nil {
		t.Fatal(err)
	}
	got := BuiltinConfig()
	for _, r := range format.Roles {
		var names []string
		for _, p := range want[r] {
			names = append(names, Builtin+filepath.Base(p))
		}
		if !slices.Equal(got[r], names) {
			t.Errorf("role %s: built in as %q, fonts.toml says %q", r, got[r], want[r])
		}
	}
	files := BuiltinFiles()
	if len(files) != 6 {
		t.Errorf("%d fonts built in, want 6 (five roles' and the fallback)", len(files))
	}
	for _, f := range files {
		disk, err := os.ReadFile(filepath.Join("../../fonts", f.Name))
		if err != nil {
			t.Errorf("%s: %v", f.Name, err)
			continue
		}
		if !bytes.Equal(disk, f.Data()) {
			t.Errorf("%s: the built-in bytes are not the file's", f.Name)
		}
		lic := BuiltinText(f.LicenceFile)
		disk, _ = os.ReadFile(filepath.Join("../../fonts", f.LicenceFile))
		if lic == "" || lic != string(disk) {
			t.Errorf("%s: licence %s not built in as the file has it", f.Name, f.LicenceFile)
		}
		if !strings.Contains(BuiltinText("PROVENANCE.md"), f.Name) {
			t.Errorf("%s: not in the built-in PROVENANCE.md", f.Name)
		}
	}
}

// A built-in font opens through the same checks and parser as a file, and
// hashes to its file's SHA-256; an unknown one is an error, not a panic.
func TestOpenBuiltin(t *testing.T) {
	for _, r := range format.Roles {
		p := BuiltinConfig()[r][0]
		f, err := Open(p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		disk, err := Open(filepath.Join("../../fonts", f.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if f.SHA256() != disk.SHA256() || f.Advance('国') != disk.Advance('国') || !f.Has('国') {
			t.Errorf("%s: differs from its file", p)
		}
		if strings.Contains(f.Name(), Builtin) {
			t.Errorf("%s: name %q keeps the prefix", p, f.Name())
		}
	}
	if _, err := Open(Builtin + "nosuch.ttf"); err == nil || !strings.Contains(err.Error(), "no such font is built into") {
		t.Errorf("unknown built-in font: %v", err)
	}
}
