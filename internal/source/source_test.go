package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gongwen/internal/input"
)

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func hexSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestAFileIsReadOnceAndKeepsItsBytes asks for the same file by several
// spellings of its path and kinds, changes it on disk in between, and
// reads it from many goroutines: one opening, the first bytes every time,
// their hash the SHA-256 of those bytes.
func TestAFileIsReadOnceAndKeepsItsBytes(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.toml")
	first := append(append([]byte{}, input.BOM...), "title = \"一\"\n"...)
	write(t, path, first)
	s := New()
	b, err := s.ReadText(path, input.Data)
	if err != nil || string(b) != "title = \"一\"\n" {
		t.Fatalf("ReadText: %q, %v; want the text without its byte order mark", b, err)
	}
	write(t, path, []byte("title = \"二\"\n"))
	var wg sync.WaitGroup
	for _, p := range []string{path, filepath.Join(dir, ".", "a.toml"), filepath.Join(dir, "x", "..", "a.toml")} {
		for _, k := range []input.Kind{input.Data, input.Template, input.Table, input.Any} {
			wg.Go(func() {
				if b, err := s.Read(p, k); err != nil || !bytes.Equal(b, first) {
					t.Errorf("Read(%s, %v): %q, %v; want the bytes first read", p, k, b, err)
				}
			})
		}
	}
	wg.Wait()
	if sum, err := s.SHA256(path); err != nil || sum != hexSum(first) {
		t.Errorf("SHA256: %s, %v; want %s, the hash of the bytes read", sum, err, hexSum(first))
	}
	if n := s.Opens(path); n != 1 {
		t.Errorf("opened %d times, want once", n)
	}
	if got := s.Paths(); len(got) != 1 || got[0] != path {
		t.Errorf("Paths: %v, want [%s]", got, path)
	}
}

// TestReadKeepsTheLimitsOfInput: what package input refuses, Sources
// refuses with input's words, and a file read within a larger limit is
// still too large for a kind with a smaller one.
func TestReadKeepsTheLimitsOfInput(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.toml")
	write(t, big, bytes.Repeat([]byte("a"), int(input.Limits[input.Data])+1))
	gbk := filepath.Join(dir, "gbk.txt")
	write(t, gbk, []byte("a\n\xc4\xe3\xba\xc3\n")) // 你好 in GBK
	cases := []struct {
		name, path string
		kind       input.Kind
		want       string
	}{
		{"missing", filepath.Join(dir, "none.toml"), input.Data, "cannot read: no such file or directory"},
		{"a folder", dir, input.Data, "is a folder, not a data file"},
		{"the folder asked for as a template", dir, input.Template, "is a folder, not a template"},
		{"over its kind's limit", big, input.Data, "may have at most 4194304 bytes"},
		{"within a larger limit", big, input.Any, ""},
		{"asked again as the smaller kind", big, input.Template, "may have at most 4194304 bytes"},
		{"not UTF-8", gbk, input.Template, "GBK"},
	}
	s := New()
	for _, c := range cases {
		var err error
		if c.path == gbk {
			_, err = s.ReadText(c.path, c.kind)
		} else {
			_, err = s.Read(c.path, c.kind)
		}
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		_, direct := input.Read(c.path, c.kind)
		if c.path != gbk && (err == nil) != (direct == nil) {
			t.Errorf("%s: Sources says %v, input says %v", c.name, err, direct)
		}
	}
	// The big file: refused as data, then read as Any (once more, within
	// the larger limit), then refused as a template without opening it again.
	if n := s.Opens(big); n != 2 {
		t.Errorf("the big file was opened %d times, want 2", n)
	}
}

// TestAnImageIsReadOnceAndMadeOnce: the image handed out is the same for
// every request, carries its bytes and hash, and what a renderer makes of
// it is made once.
func TestAnImageIsReadOnceAndMadeOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "seal.png")
	img := image.NewNRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.NRGBA{200, 0, 0, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	write(t, path, buf.Bytes())
	s := New()
	a, err := s.Image(path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.Image(path)
	if a != b || !bytes.Equal(a.Data, buf.Bytes()) || a.SHA256 != hexSum(buf.Bytes()) {
		t.Errorf("two requests gave %p and %p, or not the file's bytes and hash", a, b)
	}
	dec, err := a.Decode()
	if err != nil || dec.Bounds().Dx() != 3 || color.NRGBAModel.Convert(dec.At(1, 1)) != (color.NRGBA{200, 0, 0, 255}) {
		t.Errorf("Decode: %v, %v", dec, err)
	}
	made := 0
	for range 3 {
		v, err := a.Derived("test", func(im *Image) (any, error) { made++; return len(im.Data), nil })
		if err != nil || v.(int) != buf.Len() {
			t.Errorf("Derived: %v, %v", v, err)
		}
	}
	if made != 1 || s.Opens(path) != 1 {
		t.Errorf("made %d times, opened %d times; want once each", made, s.Opens(path))
	}
	if got := a.String(); got != path+"@"+a.SHA256 {
		t.Errorf("String: %q", got)
	}
	if _, err := s.Image(filepath.Join(filepath.Dir(path), "none.png")); err == nil {
		t.Error("a missing image gave no error")
	}
}

// TestANilSourcesReadsAnew: a document made by hand has no Sources; its
// reads go to the file each time.
func TestANilSourcesReadsAnew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.txt")
	write(t, path, []byte("one"))
	var s *Sources
	if b, err := s.ReadText(path, input.Template); err != nil || string(b) != "one" {
		t.Fatalf("%q, %v", b, err)
	}
	write(t, path, []byte("two"))
	if b, err := s.Read(path, input.Template); err != nil || string(b) != "two" {
		t.Errorf("%q, %v; want the file as it is now", b, err)
	}
}
