package diff

import (
	"strings"
	"testing"

	"gongwen/internal/archive"
	"gongwen/internal/fonts"
	"gongwen/internal/format"
	"gongwen/internal/layout"
)

// A role's font is read from the archive record: named where it is not the
// default, else the default found among the sources by its file name; a
// role the record cannot tell of (a non-default font recorded before fonts
// were named) is not compared, rather than reported as changed.
func TestFontChangesFromArchiveRecords(t *testing.T) {
	src := func(paths ...string) []archive.Source {
		var s []archive.Source
		for _, p := range paths {
			sha := strings.Repeat("a", 64)
			if strings.HasSuffix(p, "!") {
				p, sha = strings.TrimSuffix(p, "!"), strings.Repeat("b", 64)
			}
			s = append(s, archive.Source{Path: p, SHA256: sha})
		}
		return s
	}
	defaults := src("data/x.toml", "builtin:NotoSerifSC-Bold.ttf", "builtin:FandolFang-Regular.ttf", "builtin:NotoSansSC-Regular.ttf", "builtin:FandolKai-Regular.ttf", "builtin:FandolSong-Regular.ttf")
	for _, c := range []struct {
		name     string
		old, new archive.Record
		want     string // the changes, one a line
	}{
		{"the same", archive.Record{Sources: defaults}, archive.Record{Sources: defaults}, ""},
		{"仿宋 swapped",
			archive.Record{Sources: defaults},
			archive.Record{Sources: append(src("outside:仿宋_GB2312.ttf"), defaults...), Fonts: []archive.Font{{Role: "fangsong", Path: "outside:仿宋_GB2312.ttf"}}},
			"仿宋 FandolFang-Regular → 仿宋_GB2312"},
		{"a collection's member, then another",
			archive.Record{Sources: append(src("fonts/simsun.ttc"), defaults...), Fonts: []archive.Font{{Role: "songti", Path: "fonts/simsun.ttc#0"}}},
			archive.Record{Sources: append(src("fonts/simsun.ttc"), defaults...), Fonts: []archive.Font{{Role: "songti", Path: "fonts/simsun.ttc#1", Embedding: "editable"}}},
			"宋体 simsun#0 → simsun#1"},
		{"the same name, other bytes",
			archive.Record{Sources: src("data/x.toml", "fonts/FandolFang-Regular.ttf")},
			archive.Record{Sources: src("data/x.toml", "fonts/FandolFang-Regular.ttf!")},
			"仿宋 FandolFang-Regular (SHA-256 aaaaaaaaaaaa… → bbbbbbbbbbbb…)"},
		{"a Latin font set",
			archive.Record{Sources: defaults},
			archive.Record{Sources: append(src("outside:LiberationSerif-Regular.ttf"), defaults...), Fonts: []archive.Font{{Role: "latin.fangsong", Path: "outside:LiberationSerif-Regular.ttf"}}},
			"仿宋 latin (none) → LiberationSerif-Regular"},
		{"an older record that does not tell",
			archive.Record{Sources: src("data/x.toml", "outside:仿宋_GB2312.ttf")},
			archive.Record{Sources: src("data/x.toml", "outside:仿宋_GB2312.ttf"), Fonts: []archive.Font{{Role: "fangsong", Path: "outside:仿宋_GB2312.ttf"}}},
			""},
	} {
		var got []string
		for _, ch := range compareFonts(roleFonts(&c.old), roleFonts(&c.new)) {
			got = append(got, ch.String())
		}
		if strings.Join(got, "\n") != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

// A table cell's line that a later font of its role's list draws part of
// is cut into runs of two roles; the record keeps it one cell line.
func TestACellCutByAFallbackFontIsOneLine(t *testing.T) {
	style := format.Style{Role: format.FangSong, Size: 14}
	fb := style
	fb.Role = fonts.FallbackRole(format.FangSong, 1)
	glyphs := func(s string, x float64) []layout.Glyph {
		var gs []layout.Glyph
		for _, r := range s {
			gs = append(gs, layout.Glyph{R: r, X: x, Adv: 5})
			x += 5
		}
		return gs
	}
	res := &layout.Result{Pages: []layout.Page{{Width: 210, Height: 297, Texts: []layout.Text{
		{Style: style, Y: 100, Glyphs: glyphs("张", 30), Cell: "甘孜 / 姓名"},
		{Style: fb, Y: 100, Glyphs: glyphs("堃", 35), Cell: "甘孜 / 姓名"},
		{Style: style, Y: 100, Glyphs: glyphs("12", 80), Cell: "甘孜 / 人数"},
	}}}}
	var cells []string
	for _, l := range FromLayout(res).Lines {
		if l.Kind == CellKind {
			cells = append(cells, l.Name+"="+l.Text)
		}
	}
	if want := []string{"甘孜 / 姓名=张堃", "甘孜 / 人数=12"}; strings.Join(cells, "|") != strings.Join(want, "|") {
		t.Errorf("cells %q, want %q", cells, want)
	}
}
