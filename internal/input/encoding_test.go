package input

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Text that is not UTF-8 is refused at its first such byte, naming the
// encoding it looks like and how to make it UTF-8.
func TestReadTextNamesTheEncoding(t *testing.T) {
	gbk := func(s string) []byte {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16 := func(s string, e xunicode.Endianness, bom xunicode.BOMPolicy) []byte {
		b, err := xunicode.UTF16(e, bom).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := []struct {
		name      string
		content   []byte
		line, col int
		want      string // "" for no error
	}{
		{"UTF-8", []byte("title = \"关于\"\n"), 0, 0, ""},
		{"UTF-8 with a byte order mark", append(append([]byte{}, BOM...), "a = 1\n"...), 0, 0, ""},
		// 注 in GBK, D7 A2, happens to be UTF-8 too (U+05E2): the first byte
		// that is not is 释's.
		{"GBK", gbk("# 注释\ntitle = \"关于印发通知\"\n"), 1, 4,
			"the file is not UTF-8 but looks like GBK/GB18030, the Windows Chinese encoding (it reads “注释关于印发通知…” in that encoding): save it as UTF-8"},
		{"GBK after ASCII lines", gbk("a = 1\nb = 2\ntitle = \"关于印发通知\"\n"), 3, 10,
			"looks like GBK/GB18030, the Windows Chinese encoding (it reads “关于印发通知…” in that encoding)"},
		{"UTF-16 with a byte order mark", utf16("title = \"通知\"\n", xunicode.LittleEndian, xunicode.UseBOM), 1, 1,
			"looks like UTF-16 (little-endian) (it reads “通知…” in that encoding): save it as UTF-8 (Notepad: File → Save As, Encoding: UTF-8; WPS and Word: Save As, Plain Text, UTF-8); or convert it: iconv -f UTF-16LE -t UTF-8"},
		{"UTF-16 big-endian without one", utf16("title = \"x\"\n", xunicode.BigEndian, xunicode.IgnoreBOM), 1, 1,
			"looks like UTF-16 (big-endian): save it as UTF-8"},
		{"neither", []byte("a = \"\xff\xfe\xfd\"\n"), 1, 6,
			"the file is not UTF-8 text (byte 0xff is not UTF-8, and it is not GBK/GB18030 or UTF-16 either): save it as UTF-8"},
	}
	dir := t.TempDir()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, "x.toml")
			if err := os.WriteFile(p, c.content, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadText(p, Data)
			if c.want == "" {
				if err != nil {
					t.Errorf("refused: %v", err)
				}
				return
			}
			e, ok := err.(*Error)
			if !ok {
				t.Fatalf("got %v, want an *Error", err)
			}
			if !strings.Contains(e.Error(), c.want) || e.Line != c.line || e.Col != c.col {
				t.Errorf("got %v (at %d:%d)\nwant %q at %d:%d", err, e.Line, e.Col, c.want, c.line, c.col)
			}
		})
	}
}
