package fonts_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/fonts"
	"gongwen/internal/fonts/fontstest"
)

// A font states what its licence lets a document do with it in its OS/2
// fsType: a copy of a shipped font (fsType 0) marked otherwise is opened
// or refused as its mark says, and the refusal names the file and what the
// bit means.
func TestEmbeddingRightsFromFsType(t *testing.T) {
	font, err := os.ReadFile("../../fonts/NotoSansSC-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, c := range []struct {
		fsType  uint16
		level   string // when it opens
		refused string // in the message when it does not
	}{
		{0x0000, "installable", ""},
		{0x0002, "", "licence forbids embedding it in a document (OS/2 fsType bit 1, restricted licence embedding)"},
		{0x0004, "preview-and-print", ""},
		{0x0008, "editable", ""},
		// Several level bits: the least restrictive holds.
		{0x0006, "preview-and-print", ""},
		{0x000C, "editable", ""},
		{0x0104, "", "only whole (OS/2 fsType bit 8, no subsetting)"},
		{0x0208, "", "only its bitmaps (OS/2 fsType bit 9, bitmap embedding only)"},
	} {
		p := filepath.Join(dir, fmt.Sprintf("fs%04x.ttf", c.fsType))
		if err := os.WriteFile(p, fontstest.WithFsType(t, font, c.fsType), 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := fonts.Open(p)
		switch {
		case c.refused != "" && err == nil:
			t.Errorf("fsType %#04x: opened (%s), want it refused", c.fsType, f.Embedding.Level())
		case c.refused != "" && (!strings.HasPrefix(err.Error(), p+": ") || !strings.Contains(err.Error(), c.refused)):
			t.Errorf("fsType %#04x: %v\nwant the file and %q", c.fsType, err, c.refused)
		case c.refused == "" && err != nil:
			t.Errorf("fsType %#04x: %v", c.fsType, err)
		case c.refused == "" && f.Embedding.Level() != c.level:
			t.Errorf("fsType %#04x: level %s, want %s", c.fsType, f.Embedding.Level(), c.level)
		case c.refused == "" && f.Embedding.Limited() != (c.level != "installable"):
			t.Errorf("fsType %#04x: Limited() is %v", c.fsType, f.Embedding.Limited())
		}
	}
}
