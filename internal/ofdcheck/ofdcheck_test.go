package ofdcheck

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"gongwen/internal/fonts"
	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/render/ofd"
)

// small renders a one-page package: a rule and two glyphs, one at x 30.
func small(t *testing.T) []byte {
	t.Helper()
	f, err := fonts.Open("../../fonts/FandolFang-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	font, err := f.Subset([]rune("公文 "))
	if err != nil {
		t.Fatal(err)
	}
	res := &layout.Result{Pages: []layout.Page{{
		Number: 1, Width: 210, Height: 297,
		Texts: []layout.Text{{Style: format.Style{Role: format.FangSong, Size: 16, Color: format.Black}, Y: 50,
			Glyphs: []layout.Glyph{{R: '公', X: 30, Adv: 5.6}, {R: ' ', X: 35.6, Adv: 2}, {R: '文', X: 37.6, Adv: 5.6}}}},
		Rules: []layout.Rule{{X1: 28, Y1: 60, X2: 184, Y2: 60, Width: 0.5, Color: format.Red}},
		Marks: []layout.Mark{{Title: "一", Level: 0, Y: 50}},
	}}, Meta: layout.Metadata{Title: "t"}}
	var b bytes.Buffer
	err = ofd.Render(&b, res, ofd.Options{
		Font: func(format.Role) (string, []byte) { return "FandolFang", font },
		Date: time.Date(2024, 12, 26, 0, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// rezip rewrites a package with edit applied to each file (returning nil
// drops the file) and extra files added.
func rezip(t *testing.T, pkg []byte, edit func(name string, b []byte) []byte, extra map[string]string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if b = edit(f.Name, b); b == nil {
			continue
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	for n, s := range extra {
		w, _ := zw.Create(n)
		w.Write([]byte(s))
	}
	zw.Close()
	return out.Bytes()
}

func TestReadGivesGlyphsRulesAndOutline(t *testing.T) {
	pkg, err := Read(small(t))
	if err != nil {
		t.Fatal(err)
	}
	p := pkg.Pages[0]
	if p.Text() != "公文" || p.Glyphs[0].X != 30 || p.Glyphs[1].X != 37.6 || p.Glyphs[0].Y != 50 {
		t.Errorf("glyphs %+v", p.Glyphs)
	}
	if len(p.Paths) != 1 || p.Paths[0].Points[0] != (Point{28, 60}) || p.Paths[0].Points[1] != (Point{184, 60}) || p.Paths[0].Width != 0.5 {
		t.Errorf("paths %+v", p.Paths)
	}
	if len(pkg.Outline) != 1 || pkg.Outline[0].PageID != p.ID || pkg.Outline[0].Top != 50 {
		t.Errorf("outline %+v", pkg.Outline)
	}
}

func TestDeltasRepeat(t *testing.T) {
	got, err := deltas("1 g 3 2.5 4")
	if err != nil || len(got) != 5 || got[1] != 2.5 || got[3] != 2.5 || got[4] != 4 {
		t.Errorf("deltas = %v, %v", got, err)
	}
	if _, err := deltas("g 3"); err == nil {
		t.Error("a g without a value was read")
	}
}

// TestReadRefusesBrokenPackages breaks a good package in each way Read
// must notice.
func TestReadRefusesBrokenPackages(t *testing.T) {
	good := small(t)
	page := "Doc_0/Pages/Page_0/Content.xml"
	replace := func(file, old, new string) func(string, []byte) []byte {
		return func(name string, b []byte) []byte {
			if name == file {
				if !bytes.Contains(b, []byte(old)) {
					t.Fatalf("%s has no %q", file, old)
				}
				return bytes.Replace(b, []byte(old), []byte(new), 1)
			}
			return b
		}
	}
	keep := func(_ string, b []byte) []byte { return b }
	cases := []struct {
		name  string
		edit  func(string, []byte) []byte
		extra map[string]string
		want  string
	}{
		{"duplicate ID", replace(page, `<ofd:Layer ID="3"`, `<ofd:Layer ID="1"`), nil, "used again"},
		{"dangling font", replace(page, `Font="1"`, `Font="2"`), nil, "font 2"},
		{"dangling page", replace("Doc_0/Document.xml", `PageID="2"`, `PageID="4"`), nil, "page 4"},
		{"missing font file", func(n string, b []byte) []byte {
			if strings.HasSuffix(n, ".ttf") {
				return nil
			}
			return b
		}, nil, "missing"},
		{"missing page", func(n string, b []byte) []byte {
			if n == page {
				return nil
			}
			return b
		}, nil, "missing"},
		{"stray file", keep, map[string]string{"Doc_0/x.xml": "<a/>"}, "nothing refers to"},
		{"foreign element", replace(page, `<ofd:Content>`, `<ofd:Content><x:y xmlns:x="urn:x"/>`), nil, "namespace"},
		{"ID above MaxUnitID", replace("Doc_0/Document.xml", `<ofd:MaxUnitID>5<`, `<ofd:MaxUnitID>4<`), nil, "above MaxUnitID"},
		{"not a number", replace(page, `Size="5.6444"`, `Size="big"`), nil, "Size"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(rezip(t, good, c.edit, c.extra))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Read = %v, want an error with %q", err, c.want)
			}
		})
	}
}
