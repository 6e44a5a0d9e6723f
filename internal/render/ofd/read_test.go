package ofd

import (
	"archive/zip"
	"bytes"
	"testing"
	"time"

	"gongwen/internal/layout"
)

// pkgWith is a package holding one OFD.xml.
func pkgWith(t testing.TB, root string) []byte { return zipOf(t, "OFD.xml", root) }

// zipOf is a zip holding one file.
func zipOf(t testing.TB, name, content string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(content))
	zw.Close()
	return b.Bytes()
}

func TestReadInfoReadsWhatRenderWrote(t *testing.T) {
	var b bytes.Buffer
	custom := []CustomData{{"a", "1 < 2 & 3"}, {"b", "  two spaces  "}, {"a", "again"}}
	err := Render(&b, &layout.Result{Meta: layout.Metadata{Title: "标题"}}, Options{Date: time.Date(2024, 12, 26, 15, 4, 5, 0, time.UTC), Custom: custom})
	if err != nil {
		t.Fatal(err)
	}
	info, err := ReadInfo(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if info.Title != "标题" || !info.CreationDate.Equal(time.Date(2024, 12, 26, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("title %q, date %v", info.Title, info.CreationDate)
	}
	if len(info.Custom) != len(custom) {
		t.Fatalf("custom data %q, want %q", info.Custom, custom)
	}
	for i := range custom {
		if info.Custom[i] != custom[i] {
			t.Errorf("custom data %d: %q, want %q", i, info.Custom[i], custom[i])
		}
	}
}

func TestReadInfoRefusesWhatIsNoOFD(t *testing.T) {
	for name, b := range map[string][]byte{
		"not a zip":          []byte("%PDF-1.4"),
		"no OFD.xml":         zipOf(t, "Doc_0/Document.xml", "<Document/>"),
		"bad XML":            pkgWith(t, "<ofd:OFD"),
		"no DocBody":         pkgWith(t, `<OFD/>`),
		"a date that is not": pkgWith(t, `<OFD><DocBody><DocInfo><CreationDate>26/12/2024</CreationDate></DocInfo></DocBody></OFD>`),
	} {
		if _, err := ReadInfo(b); err == nil {
			t.Errorf("%s: read without an error", name)
		}
	}
}

// FuzzReadInfo: whatever the OFD.xml, ReadInfo returns, without a panic.
func FuzzReadInfo(f *testing.F) {
	f.Add(`<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocInfo><ofd:CreationDate>2024-12-26</ofd:CreationDate><ofd:CustomDatas><ofd:CustomData Name="x">y</ofd:CustomData></ofd:CustomDatas></ofd:DocInfo></ofd:DocBody></ofd:OFD>`)
	f.Add(`<OFD><DocBody/></OFD>`)
	f.Fuzz(func(t *testing.T, root string) {
		ReadInfo(pkgWith(t, root))
	})
}

// TestReadInfoSaysAPackageIsCutShort: a package cut anywhere before its
// end has lost its zip directory, and is said to be cut short, not to be
// something other than an OFD.
func TestReadInfoSaysAPackageIsCutShort(t *testing.T) {
	pkg := pkgWith(t, `<OFD><DocBody/></OFD>`)
	for _, n := range []int{10, len(pkg) / 2, len(pkg) - 1} {
		_, err := ReadInfo(pkg[:n])
		want := "the OFD is cut short or damaged ("
		if err == nil || !bytes.HasPrefix([]byte(err.Error()), []byte(want)) {
			t.Errorf("cut at %d of %d: %v, want %q…", n, len(pkg), err, want)
		}
	}
	if _, err := ReadInfo([]byte("%PDF-1.4")); err == nil || err.Error() != "not an OFD package (a zip file): zip: not a valid zip file" {
		t.Errorf("a PDF: %v", err)
	}
}

// TestSealPlacesRecorded: each seal's place a page does not draw is a
// SealPlace after the given CustomDatas (page from 1, Boundary in mm);
// pages without places add none.
func TestSealPlacesRecorded(t *testing.T) {
	given := []CustomData{{"gongwen:tool", "gongwen"}}
	place := func(x, y float64) layout.Image { return layout.Image{X: x, Y: y, W: 42, H: 42} }
	for _, c := range []struct {
		what  string
		pages []layout.Page
		want  []CustomData
	}{
		{"no places", []layout.Page{{Width: 210, Height: 297}}, given},
		{"two pages, three places", []layout.Page{
			{Width: 210, Height: 297},
			{Width: 210, Height: 297, Places: []layout.Image{place(26.5, 200.25), place(126.932, 123.2774)}},
			{Width: 210, Height: 297, Places: []layout.Image{place(100, 30)}},
		}, append(append([]CustomData(nil), given...),
			CustomData{SealPlace, "2 26.5 200.25 42 42"},
			CustomData{SealPlace, "2 126.932 123.277 42 42"},
			CustomData{SealPlace, "3 100 30 42 42"})},
	} {
		var b bytes.Buffer
		if err := Render(&b, &layout.Result{Pages: c.pages}, Options{Custom: given}); err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		info, err := ReadInfo(b.Bytes())
		if err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		if len(info.Custom) != len(c.want) {
			t.Fatalf("%s: custom data %q, want %q", c.what, info.Custom, c.want)
		}
		for i := range c.want {
			if info.Custom[i] != c.want[i] {
				t.Errorf("%s: custom data %d: %q, want %q", c.what, i, info.Custom[i], c.want[i])
			}
		}
	}
}
