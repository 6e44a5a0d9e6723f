package fonts

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/golang/freetype/truetype"

	"gongwen/internal/fonts/fontstest"
)

// testCollection writes a TrueType collection of two shipped fonts, each
// cut down to a few characters (FandolFang as #0, FandolKai as #1), into
// dir, and returns its path and bytes.
func testCollection(t *testing.T, dir string) (string, []byte) {
	t.Helper()
	var members [][]byte
	for _, name := range []string{"FandolFang-Regular.ttf", "FandolKai-Regular.ttf"} {
		f, err := Open(filepath.Join("../../fonts", name))
		if err != nil {
			t.Fatal(err)
		}
		sub, err := f.Subset([]rune("关于测试的通报 0123456789"))
		if err != nil {
			t.Fatal(err)
		}
		members = append(members, sub)
	}
	b := fontstest.Collection(t, members...)
	path := filepath.Join(dir, "c.ttc")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, b
}

func psName(t *testing.T, data []byte) string {
	t.Helper()
	f, err := truetype.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return f.Name(truetype.NameIDPostscriptName)
}

func TestCollectionMembers(t *testing.T) {
	dir := t.TempDir()
	path, b := testCollection(t, dir)
	sum := sha256.Sum256(b)
	// A file whose name ends in #1 and that exists is that file: a single
	// font, not a member.
	single := filepath.Join(dir, "fang.ttf#1")
	fang, _ := os.ReadFile("../../fonts/FandolFang-Regular.ttf")
	if err := os.WriteFile(single, fang, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		named, name, ps string
		member          int
	}{
		{path, "c.ttc#0", "FandolFang-Regular", 0},
		{path + "#0", "c.ttc#0", "FandolFang-Regular", 0},
		{path + "#1", "c.ttc#1", "FandolKai-Regular", 1},
		{path + "#01", "c.ttc#1", "FandolKai-Regular", 1},
		{single, "fang.ttf#1", "FandolFang-Regular", 0},
	} {
		f, err := Open(c.named)
		if err != nil {
			t.Errorf("%s: %v", c.named, err)
			continue
		}
		if got := psName(t, f.Data); got != c.ps {
			t.Errorf("%s: the font's PostScript name is %q, want %q", c.named, got, c.ps)
		}
		if f.Name() != c.name || f.Member != c.member {
			t.Errorf("%s: named %q, member %d; want %q, %d", c.named, f.Name(), f.Member, c.name, c.member)
		}
		if c.named == single {
			if f.Path != single {
				t.Errorf("%s: path %q", c.named, f.Path)
			}
			continue
		}
		if f.Path != path {
			t.Errorf("%s: path %q, want the file %q", c.named, f.Path, path)
		}
		// The archive record names the file on disk by its hash.
		if got := f.SHA256(); got != hex.EncodeToString(sum[:]) {
			t.Errorf("%s: SHA-256 %s, want the file's", c.named, got)
		}
		if !f.Has('通') || f.Has('国') {
			t.Errorf("%s: coverage is not the member's", c.named)
		}
		if len(f.Data) >= len(b) {
			t.Errorf("%s: the member is %d bytes, the whole collection %d: more than the member was copied", c.named, len(f.Data), len(b))
		}
		sub, err := f.Subset([]rune("通报"))
		if err != nil {
			t.Errorf("%s: subset: %v", c.named, err)
		} else if got := psName(t, sub); got != c.ps {
			t.Errorf("%s: the subset's PostScript name is %q, want %q", c.named, got, c.ps)
		}
	}
	if s0, s1 := mustOpen(t, path).Stem(), mustOpen(t, path+"#1").Stem(); s0 != "c#0" || s1 != "c#1" {
		t.Errorf("stems %q and %q, want c#0 and c#1", s0, s1)
	}
}

func mustOpen(t *testing.T, p string) *Font {
	t.Helper()
	f, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// A collection's member that cannot be embedded, or a damaged collection,
// is refused with one line naming the file (and the member asked for).
func TestCollectionRefusals(t *testing.T) {
	dir := t.TempDir()
	path, b := testCollection(t, dir)
	be := binary.BigEndian
	second := int(be.Uint32(b[16:]))
	firstTable := int(be.Uint32(b[12+4*2+12+8:])) // the first table of #0
	edit := func(f func(c []byte) []byte) []byte {
		return f(append([]byte(nil), b...))
	}
	for _, c := range []struct {
		what, suffix string
		data         []byte // nil: the good collection
		want         string
	}{
		{"past the members", "#2", nil, "c.ttc#2: the collection holds 2 fonts, #0 to #1: there is no #2"},
		{"far past", "#99999", nil, "c.ttc#99999: the collection holds 2 fonts, #0 to #1: there is no #99999"},
		{"past any int", "#99999999999999999999", nil, "c.ttc#9223372036854775807: the collection holds 2 fonts, #0 to #1: there is no #9223372036854775807"},
		{"CFF member", "#1", edit(func(c []byte) []byte { copy(c[second:], "OTTO"); return c }),
			"c.ttc#1: it has no \"CFF \" table, which an OpenType font with CFF outlines needs: the file is damaged"},
		{"CFF member's sibling", "#0", edit(func(c []byte) []byte { copy(c[second:], "OTTO"); return c }), ""},
		{"bad version", "", edit(func(c []byte) []byte { be.PutUint16(c[4:], 3); return c }),
			"c.ttc: a TrueType collection with a damaged header (version 3.0, not 1.0 or 2.0): the file is damaged"},
		{"no fonts", "", edit(func(c []byte) []byte { be.PutUint32(c[8:], 0); return c }),
			"c.ttc: a TrueType collection that holds no fonts: the file is damaged"},
		{"header cut short", "", b[:10], "c.ttc: a TrueType collection whose header is cut short: the file is damaged"},
		{"offsets cut short", "#1", b[:18], "c.ttc#1: a TrueType collection whose list of its 2 fonts reaches past the end of the file: the file is damaged or cut short"},
		{"member offset past the end", "#1", edit(func(c []byte) []byte { be.PutUint32(c[16:], uint32(len(c))); return c }),
			"c.ttc#1: font #1 of the collection lies past the end of the file: the file is damaged or cut short"},
		{"directory cut short", "#1", b[:second+20], "c.ttc#1: the table directory of font #1 reaches past the end of the file: the file is damaged or cut short"},
		{"tables cut short", "", b[:firstTable+10], `c.ttc: the "OS/2" table of font #0 reaches past the end of the file (` + itoa(firstTable+10) + ` bytes): the file is damaged or cut short`},
		{"tables overlap", "", edit(func(c []byte) []byte {
			for i := range 5 {
				rec := 12 + 4*2 + 12 + 16*i
				be.PutUint32(c[rec+8:], 0)
				be.PutUint32(c[rec+12:], uint32(len(c)))
			}
			return c
		}), "c.ttc: the tables of font #0 add up to more than the file (" + itoa(len(b)) + " bytes): the file is damaged"},
	} {
		p := path
		if c.data != nil {
			p = filepath.Join(dir, strings.ReplaceAll(c.what, " ", "-"), "c.ttc")
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		_, err := Open(p + c.suffix)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.what, err)
		case c.want == "":
		case err == nil:
			t.Errorf("%s: opened, want %q", c.what, c.want)
		case err.Error() != filepath.Join(filepath.Dir(p), c.want):
			t.Errorf("%s:\n got %s\nwant %s", c.what, err, filepath.Join(filepath.Dir(p), c.want))
		}
	}
	// A single font has no member past #0.
	fang := "../../fonts/FandolFang-Regular.ttf"
	if _, err := Open(fang + "#0"); err != nil {
		t.Errorf("%s#0: %v", fang, err)
	}
	if _, err := Open(fang + "#1"); err == nil || err.Error() != fang+"#1: a single font, not a TrueType collection: it has no font #1" {
		t.Errorf("%s#1: %v", fang, err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// A collection cut short anywhere, or with any byte of its header and
// directories changed, gives an error, never a panic.
func TestCollectionDamageNeverPanics(t *testing.T) {
	dir := t.TempDir()
	_, b := testCollection(t, dir)
	p := filepath.Join(dir, "d.ttc")
	second := int(binary.BigEndian.Uint32(b[16:]))
	dirEnd := second + 12 + 16*int(binary.BigEndian.Uint16(b[second+4:]))
	try := func(data []byte, what string) {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, suffix := range []string{"#0", "#1"} {
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("%s, %s: panic %v", what, suffix, r)
					}
				}()
				Open(p + suffix)
			}()
		}
	}
	for n := 1; n < len(b); n += 1 + n/8 {
		try(b[:n], "cut at "+itoa(n))
	}
	for i := 0; i < dirEnd; i++ {
		for _, v := range []byte{0, 0x7f, 0xff} {
			c := append([]byte(nil), b...)
			c[i] = v
			try(c, "byte "+itoa(i))
		}
	}
}

// A batch opens each member once, whether named with #0 or without.
func TestCollectionOpenedOnce(t *testing.T) {
	path, _ := testCollection(t, t.TempDir())
	a, err := openShared(path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := openShared(path + "#0")
	c, _ := openShared(path + "#1")
	d, _ := openShared(path + "#1")
	if a != b || c != d || a == c {
		t.Errorf("shared: #0 %p and %p, #1 %p and %p", a, b, c, d)
	}
}

// The family a listing shows is the Windows Unicode name in Simplified
// Chinese, else in US English, else the first; other platforms and damaged
// records are passed over.
func TestFamilyName(t *testing.T) {
	type rec struct {
		platform, enc, lang, id uint16
		s                       string
		bad                     bool // its string past the table
	}
	table := func(rs ...rec) []byte {
		be := binary.BigEndian
		var strs []byte
		b := be.AppendUint16(nil, 0)
		b = be.AppendUint16(b, uint16(len(rs)))
		b = be.AppendUint16(b, uint16(6+12*len(rs)))
		for _, r := range rs {
			var u []byte
			for _, c := range utf16.Encode([]rune(r.s)) {
				u = be.AppendUint16(u, c)
			}
			off := len(strs)
			if r.bad {
				off = 1000
			}
			for _, v := range []uint16{r.platform, r.enc, r.lang, r.id, uint16(len(u)), uint16(off)} {
				b = be.AppendUint16(b, v)
			}
			strs = append(strs, u...)
		}
		return append(b, strs...)
	}
	for _, c := range []struct {
		name []byte
		want string
	}{
		{table(rec{3, 1, 0x0409, 1, "SimSun", false}, rec{3, 1, 0x0804, 1, "宋体", false}), "宋体"},
		{table(rec{3, 1, 0x0404, 1, "細明體", false}, rec{3, 1, 0x0409, 1, "MingLiU", false}), "MingLiU"},
		{table(rec{3, 1, 0x0404, 1, "細明體", false}, rec{3, 1, 0x0409, 4, "MingLiU Regular", false}), "細明體"},
		{table(rec{1, 0, 0, 1, "Mac", false}, rec{3, 1, 0x0804, 1, "宋体", true}, rec{3, 1, 0x0409, 1, "SimSun", false}), "SimSun"},
		{table(), ""},
		{[]byte{0, 0, 0, 9}, ""},
	} {
		if got := nameTableFamily(c.name); got != c.want {
			t.Errorf("family %q, want %q", got, c.want)
		}
	}
}
