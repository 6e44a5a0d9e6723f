package fonts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/format"
)

// A fonts.toml role is a file or a list; latin = "FILE" sets the body's
// roles' Latin font, [latin] one role's; anything else is refused.
func TestReadConfigListsAndLatin(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name, toml string
		want       map[format.Role][]string // relative to dir
		err        string
	}{
		{"one file", `fangsong = "a.ttf"`, map[format.Role][]string{format.FangSong: {"a.ttf"}}, ""},
		{"a list", `fangsong = ["a.ttf", "b.ttc#1"]`, map[format.Role][]string{format.FangSong: {"a.ttf", "b.ttc#1"}}, ""},
		{"latin for the body", `latin = "l.ttf"`, map[format.Role][]string{
			LatinRole(format.XiaoBiaoSong): {"l.ttf"}, LatinRole(format.FangSong): {"l.ttf"}, LatinRole(format.HeiTi): {"l.ttf"}, LatinRole(format.KaiTi): {"l.ttf"}}, ""},
		{"latin for one role", "[latin]\n\"黑体\" = \"l.ttf\"", map[format.Role][]string{LatinRole(format.HeiTi): {"l.ttf"}}, ""},
		{"an empty list", `fangsong = []`, nil, `the role "fangsong" must name a font file or a list of them, tried in order`},
		{"a number in a list", `fangsong = ["a.ttf", 3]`, nil, `the role "fangsong" must name a font file or a list of them`},
		{"latin of no role", "[latin]\nbody = \"l.ttf\"", nil, "[latin] body must be a role"},
		{"latin a number", `latin = 3`, nil, "latin must name a font file"},
	} {
		p := filepath.Join(dir, c.name+".toml")
		if err := os.WriteFile(p, []byte(c.toml), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadConfig(p)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		for r, files := range c.want {
			for i, f := range files {
				if i >= len(got[r]) || got[r][i] != filepath.Join(dir, f) {
					t.Errorf("%s: %s is %v, want %v", c.name, r, got[r], files)
				}
			}
		}
	}
}

// A chain draws each character from its first font that has it, digits
// and letters from its Latin font; a wide character a later font draws is
// one em, a Latin letter its font's own width.
func TestChainFaceAndAdvance(t *testing.T) {
	open := func(p string) *Font {
		f, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	fang, hana := open("../../fonts/FandolFang-Regular.ttf"), open("../../fonts/HanaMinA-Fallback.ttf")
	lib := open("/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")
	c := chainOf([]*Font{fang, hana}, []*Font{lib})
	for _, x := range []struct {
		r    rune
		face int
		adv  float64
	}{
		{'国', 0, fang.Advance('国')},
		{'堃', 1, 1},
		{'\U0002003E', 1, 1},
		{'A', 2, lib.Advance('A')},
		{'7', 2, lib.Advance('7')},
		{'%', 2, lib.Advance('%')},
		{'％', 0, fang.Advance('％')},
		{'\uE000', -1, fang.Advance('\uE000')},
	} {
		if f := c.Face(x.r); f != x.face {
			t.Errorf("%U: font %d, want %d", x.r, f, x.face)
		}
		if a := c.Advance(x.r); a != x.adv {
			t.Errorf("%U: advance %v em, want %v", x.r, a, x.adv)
		}
	}
	if lib.Advance('A') == fang.Advance('A') {
		t.Error("Liberation's A is as wide as FandolFang's: the test cannot tell them")
	}
	if c != chainOf([]*Font{fang, hana}, []*Font{lib}) {
		t.Error("the same list is another Chain")
	}
	for _, r := range []format.Role{format.FangSong, FallbackRole(format.HeiTi, 2)} {
		base, i := SplitRole(r)
		if FallbackRole(base, i) != r {
			t.Errorf("%s: split into %s, %d", r, base, i)
		}
	}
}
