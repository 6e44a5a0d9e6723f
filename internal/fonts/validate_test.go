package fonts

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	builtin "gongwen/fonts"
)

// tableOf returns the offset and length of a table of a font file.
func tableOf(data []byte, tag string) (int, int) {
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		if string(rec[:4]) == tag {
			return int(binary.BigEndian.Uint32(rec[8:])), int(binary.BigEndian.Uint32(rec[12:]))
		}
	}
	return -1, 0
}

// withChecksums is data with each table's checksum in its directory
// entry made right: a font changed on purpose, not damaged.
func withChecksums(data []byte) []byte {
	n := int(binary.BigEndian.Uint16(data[4:]))
	for i := 0; i < n; i++ {
		rec := data[12+16*i:]
		off, length := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		sum := checksum(data[off : off+length])
		if string(rec[:4]) == "head" {
			sum -= binary.BigEndian.Uint32(data[off+8:])
		}
		binary.BigEndian.PutUint32(rec[4:], sum)
	}
	return data
}

// cmapPastGlyphs damages the first delta-mapped segment of a font's
// format 4 character map so that its characters map to glyph 60000 and
// on, past the font's last glyph.
func cmapPastGlyphs(t *testing.T, data []byte) []byte {
	t.Helper()
	data = append([]byte{}, data...)
	cmap, _ := tableOf(data, "cmap")
	be := binary.BigEndian
	for i := 0; i < int(be.Uint16(data[cmap+2:])); i++ {
		sub := cmap + int(be.Uint32(data[cmap+4+8*i+4:]))
		if be.Uint16(data[sub:]) != 4 {
			continue
		}
		segs := int(be.Uint16(data[sub+6:])) / 2
		ends := sub + 14
		starts := ends + 2*segs + 2
		deltas := starts + 2*segs
		ranges := deltas + 2*segs
		for s := 0; s < segs; s++ {
			start := be.Uint16(data[starts+2*s:])
			if be.Uint16(data[ranges+2*s:]) == 0 && start >= 0x4E00 && start != 0xFFFF {
				be.PutUint16(data[deltas+2*s:], uint16(60000-int(start)))
				return withChecksums(data)
			}
		}
	}
	t.Fatal("no delta-mapped CJK segment to damage")
	return nil
}

func TestOpenRefusesAFontWhoseTablesDisagree(t *testing.T) {
	good, err := os.ReadFile("../../fonts/FandolFang-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	maxp, _ := tableOf(good, "maxp")
	_, glyfLen := tableOf(good, "glyf")
	fewer := append([]byte{}, good...)
	binary.BigEndian.PutUint16(fewer[maxp+4:], 5) // 5 glyphs; hmtx and loca say more
	cut := good[:len(good)-glyfLen/2]
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"cmap.ttf", cmapPastGlyphs(t, good), "but it has only 10365 glyphs: the file is damaged"},
		{"maxp.ttf", fewer, "the file is damaged"},
		{"cut.ttf", cut, "the file is damaged or cut short"},
	}
	for _, c := range cases {
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Open(p)
		if err == nil || !strings.HasPrefix(err.Error(), p+": ") || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error naming it and saying %q", c.name, err, c.want)
		}
	}
	for _, name := range []string{"FandolFang-Regular.ttf", "FandolKai-Regular.ttf", "FandolSong-Regular.ttf", "NotoSansSC-Regular.ttf", "NotoSerifSC-Bold.ttf"} {
		if _, err := Open(filepath.Join("../../fonts", name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// BenchmarkValidate measures the table checks on the largest bundled font.
func BenchmarkValidate(b *testing.B) {
	data, _ := os.ReadFile("../../fonts/NotoSerifSC-Bold.ttf")
	ttf, err := parse(data)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		glyphs, cmap, err := validate(data, true)
		if err == nil {
			err = checkCmap(ttf, cmap, glyphs)
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}

// The fonts built into gongwen are not walked glyph by glyph when a build
// opens them (validate's outlines): they are walked here, every one.
func TestBuiltinFontsOutlinesAreSound(t *testing.T) {
	n := 0
	for _, f := range builtin.Files() {
		if Kind(f.Data()) != "truetype" {
			continue
		}
		if _, _, err := validate(f.Data(), true); err != nil {
			t.Errorf("built-in %s: %v", f.Name, err)
		}
		if err := checkDirectory(f.Data(), true); err != nil {
			t.Errorf("built-in %s: %v", f.Name, err)
		}
		n++
	}
	if n == 0 {
		t.Skip("built without the built-in fonts")
	}
}

// A font file walked once is not walked again while it is unchanged; a
// changed one is.
func TestOutlinesWalkedOncePerFile(t *testing.T) {
	t.Setenv("GONGWEN_CACHE", filepath.Join(t.TempDir(), "cache"))
	racy := racyWindow
	hashes, racyWindow = hashCache{}, -time.Minute // this file was written a moment ago
	defer func() { hashes, racyWindow = hashCache{}, racy }()
	src, err := os.ReadFile("../../fonts/FandolKai-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "f.ttf")
	os.WriteFile(p, src, 0o644)
	old := time.Now().Add(-time.Hour)
	os.Chtimes(p, old, old)
	_, id, err := readFont(p)
	if err != nil {
		t.Fatal(err)
	}
	if outlinesChecked(p, id) {
		t.Fatal("a new file counts as walked")
	}
	if _, err := Open(p); err != nil {
		t.Fatal(err)
	}
	if !outlinesChecked(p, id) {
		t.Error("a file walked is not remembered")
	}
	os.WriteFile(p, src, 0o644) // rewritten: new times
	if _, id2, _ := readFont(p); outlinesChecked(p, id2) {
		t.Error("a rewritten file counts as walked")
	}
	// A collection's member is remembered as itself, not its siblings.
	ttc := cffFonts[0] // a member #2
	file, _, _ := splitMember(ttc)
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("%v: run `make test`, which installs fonts-noto-cjk", err)
	}
	_, id, err = readFont(file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ttc); err != nil {
		t.Fatal(err)
	}
	if !outlinesChecked(ttc, id) || outlinesChecked(file+"#1", id) || outlinesChecked(file, id) {
		t.Errorf("walked %s: remembered %v, its #1 %v, its #0 %v", ttc, outlinesChecked(ttc, id), outlinesChecked(file+"#1", id), outlinesChecked(file, id))
	}
}
