package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/fonts"
	"gongwen/internal/fonts/fontstest"
)

// fandolOTF is texlive-lang-chinese's FandolFang, with CFF outlines (the
// Makefile's TOOLS install it).
const fandolOTF = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf"

// gongwen fonts FILE lists a file's fonts: a collection's by #N, so that a
// clerk can tell which index is which face.
func TestFontsListsTheFontsOfAFile(t *testing.T) {
	dir := t.TempDir()
	var members [][]byte
	for _, name := range []string{"FandolFang-Regular.ttf", "FandolKai-Regular.ttf"} {
		f, err := fonts.Open(filepath.Join("../../fonts", name))
		if err != nil {
			t.Fatal(err)
		}
		sub, err := f.Subset([]rune("通报"))
		if err != nil {
			t.Fatal(err)
		}
		members = append(members, sub)
	}
	ttc := fontstest.Collection(t, members...)
	cff := append([]byte(nil), ttc...)
	copy(cff[binary.BigEndian.Uint32(cff[16:]):], "OTTO")
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good, bad, cut := write("good.ttc", ttc), write("cff.ttc", cff), write("cut.ttc", ttc[:14])
	// The licence's marks (OS/2 fsType): preview and print, restricted.
	preview, restricted := write("preview.ttf", fontstest.WithFsType(t, members[0], 4)), write("restricted.ttf", fontstest.WithFsType(t, members[0], 2))
	for _, c := range []struct {
		args     []string
		code     int
		out, err string
	}{
		{[]string{good}, 0, good + ": a TrueType collection of 2 fonts:\n  #0  FandolFang-Regular (FandolFang R), embedding allowed: editable (fsType bit 3)\n  #1  FandolKai-Regular (FandolKai), embedding allowed: editable (fsType bit 3)\n", ""},
		{[]string{good + "#1"}, 0, good + ": a TrueType collection of 2 fonts:\n  #0  FandolFang-Regular (FandolFang R), embedding allowed: editable (fsType bit 3)\n  #1  FandolKai-Regular (FandolKai), embedding allowed: editable (fsType bit 3)\n", ""},
		{[]string{"--lang", "zh", good}, 0, good + "：TrueType 字体集（.ttc），共 2 个字体：\n  #0  FandolFang-Regular (FandolFang R)，允许嵌入：可编辑（fsType 第 3 位）\n  #1  FandolKai-Regular (FandolKai)，允许嵌入：可编辑（fsType 第 3 位）\n", ""},
		{[]string{bad}, 0, bad + ": a TrueType collection of 2 fonts:\n  #0  FandolFang-Regular (FandolFang R), embedding allowed: editable (fsType bit 3)\n  #1  cannot be embedded: it has no \"CFF \" table, which an OpenType font with CFF outlines needs: the file is damaged\n", ""},
		{[]string{"--lang", "zh", bad}, 0, bad + "：TrueType 字体集（.ttc），共 2 个字体：\n  #0  FandolFang-Regular (FandolFang R)，允许嵌入：可编辑（fsType 第 3 位）\n  #1  不能嵌入：缺少 CFF 轮廓的 OpenType 字体必需的 \"CFF \" 表：文件已损坏\n", ""},
		{[]string{"../../fonts/FandolSong-Regular.ttf", cut}, 1, "../../fonts/FandolSong-Regular.ttf: a TrueType font: FandolSong-Regular (FandolSong), embedding allowed: editable (fsType bit 3)\n",
			cut + ": a TrueType collection whose list of its 2 fonts reaches past the end of the file: the file is damaged or cut short\n"},
		{[]string{preview}, 0, preview + ": a TrueType font: FandolFang-Regular (FandolFang R), embedding allowed: preview and print only (fsType bit 2)\n", ""},
		{[]string{"--lang", "zh", preview}, 0, preview + "：TrueType 字体：FandolFang-Regular（FandolFang R），允许嵌入：仅限预览和打印（fsType 第 2 位）\n", ""},
		{[]string{restricted}, 1, "", restricted + ": its licence forbids embedding it in a document (OS/2 fsType bit 1, restricted licence embedding): choose another font, or ask its vendor for one whose licence allows embedding\n"},
		{[]string{filepath.Join(dir, "none.ttc")}, 1, "", filepath.Join(dir, "none.ttc") + ": cannot read font: no such file or directory\n"},
		{[]string{fandolOTF}, 0, fandolOTF + ": an OpenType font with CFF outlines: FandolFang-Regular (FandolFang R), embedding allowed: editable (fsType bit 3)\n", ""},
		{[]string{"--lang", "zh", fandolOTF}, 0, fandolOTF + "：CFF 轮廓的 OpenType 字体：FandolFang-Regular（FandolFang R），允许嵌入：可编辑（fsType 第 3 位）\n", ""},
		{[]string{"--licences", good}, 2, "", "gongwen fonts: --licences lists the built-in fonts' licences, not those of \"" + good + "\"\n"},
	} {
		var stdout, stderr bytes.Buffer
		args := append([]string{}, c.args...)
		if args[0] == "--lang" {
			args = append(args[:2], append([]string{"fonts"}, args[2:]...)...)
		} else {
			args = append([]string{"fonts"}, args...)
		}
		code := run(args, &stdout, &stderr)
		if code != c.code || stdout.String() != c.out || stderr.String() != c.err {
			t.Errorf("gongwen %s: exit %d\n%s%s\nwant exit %d\n%s%s", strings.Join(args, " "), code, stdout.String(), stderr.String(), c.code, c.out, c.err)
		}
	}
}
