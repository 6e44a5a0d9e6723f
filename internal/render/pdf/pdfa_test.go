package pdf

import (
	"bytes"
	"compress/zlib"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/source"
)

const testFont = "../../../fonts/FandolFang-Regular.ttf"

// renderSample renders one A4 page of text in FandolFang, with a rule and a
// bookmark, as the notice's pages are drawn.
func renderSample(t *testing.T, text string, date time.Time) []byte {
	return renderWith(t, text, date, nil)
}

func renderWith(t *testing.T, text string, date time.Time, images []layout.Image) []byte {
	t.Helper()
	font, err := os.ReadFile(testFont)
	if err != nil {
		t.Fatal(err)
	}
	var glyphs []layout.Glyph
	for i, r := range text {
		glyphs = append(glyphs, layout.Glyph{R: r, X: 28 + float64(i)*5.6, Adv: 5.6})
	}
	res := &layout.Result{
		Pages: []layout.Page{{
			Number: 1, Width: 210, Height: 297,
			Texts:  []layout.Text{{Style: format.Style{Role: format.FangSong, Size: 16, Color: format.Black}, Y: 50, Glyphs: glyphs}},
			Rules:  []layout.Rule{{X1: 20, Y1: 40, X2: 190, Y2: 40, Width: 0.5, Color: format.Red}},
			Images: images,
			Marks:  []layout.Mark{{Title: "一、总体情况", Y: 45}, {Title: "（一）情况", Level: 1, Y: 60}, {Title: "二、成效", Y: 80}},
		}},
		Meta: layout.Metadata{Title: "标题（测试）", Author: "四川省人民政府办公厅", Subject: "主题", Keywords: []string{"甲", "乙"}},
	}
	var buf bytes.Buffer
	err = Render(&buf, res, Options{
		Font:    func(format.Role) (string, []byte) { return "FandolFang-Regular", font },
		Date:    date,
		Creator: "gongwen test",
		XMP:     []XMPPart{{Description: `<rdf:Description rdf:about="" xmlns:t="http://example.invalid/t/"><t:x>1</t:x></rdf:Description>`}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var day = time.Date(2024, 12, 26, 0, 0, 0, 0, time.UTC)

func TestRenderWritesWhatPDFA1bAsksOfTheFileStructure(t *testing.T) {
	b := renderSample(t, "关于全省政府网站检查情况的通报。", day)
	if !bytes.HasPrefix(b, []byte("%PDF-1.4\n%")) {
		t.Errorf("header %q, want %%PDF-1.4 and a binary comment", b[:12])
	}
	if bin := bytes.SplitN(b, []byte("\n"), 3)[1]; len(bin) < 5 || bin[1] < 128 || bin[2] < 128 || bin[3] < 128 || bin[4] < 128 {
		t.Errorf("second line %q: want %% and four bytes above 127", bin)
	}
	for _, want := range []string{
		"/ID [<", "/OutputIntents [<</Type /OutputIntent /S /GTS_PDFA1",
		"/Type /Metadata /Subtype /XML", "/CIDSet ", "/CreationDate (D:20241226000000+00'00')",
		"<pdfaid:part>1</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
		"<xmp:CreateDate>2024-12-26T00:00:00Z</xmp:CreateDate>",
		"<t:x>1</t:x>",
	} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("no %q in the PDF", want)
		}
	}
	for _, banned := range []string{"/EmbeddedFiles", "/Transparency", "/SMask", "utf8", "/Names"} {
		if bytes.Contains(b, []byte(banned)) {
			t.Errorf("the PDF holds %q", banned)
		}
	}
	if m := regexp.MustCompile(`/BaseFont /([A-Z]{6})\+FandolFang-Regular\b`).FindAllSubmatch(b, -1); len(m) != 2 {
		t.Errorf("want the Type0 font and its CIDFont named TAG+FandolFang-Regular, found %d", len(m))
	}
	// Two top-level bookmarks shown, the first closed over its one child.
	if !regexp.MustCompile(`/Type /Outlines[^>]*/Count 2>>`).Match(b) {
		t.Error("the outline root has no /Count 2")
	}
	if !regexp.MustCompile(`/First \d+ 0 R\n/Last \d+ 0 R\n/Dest [^\n]*\n/Count -1>>`).Match(b) {
		t.Error("the bookmark with a child has no /Count -1")
	}
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Fatal("qpdf not found on PATH; run `make test`, which installs it")
	}
	p := filepath.Join(t.TempDir(), "a.pdf")
	os.WriteFile(p, b, 0o644)
	if out, err := exec.Command("qpdf", "--check", p).CombinedOutput(); err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}

func TestRenderIsDeterministicAndTheIDFollowsTheContent(t *testing.T) {
	a := renderSample(t, "一二三", day)
	b := renderSample(t, "一二三", day)
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of the same pages differ")
	}
	c := renderSample(t, "一二四", day)
	id := regexp.MustCompile(`/ID \[<([0-9A-F]{32})> <([0-9A-F]{32})>\]`)
	ma, mc := id.FindSubmatch(a), id.FindSubmatch(c)
	if ma == nil || mc == nil {
		t.Fatal("no /ID of two 16-byte hex strings")
	}
	if !bytes.Equal(ma[1], ma[2]) {
		t.Error("the two parts of a new file's /ID differ")
	}
	if bytes.Equal(ma[1], mc[1]) {
		t.Error("different content, same /ID")
	}
	tag := regexp.MustCompile(`/FontName /([A-Z]{6})\+`)
	if bytes.Equal(tag.FindSubmatch(a)[1], tag.FindSubmatch(c)[1]) {
		t.Error("different subsets, same subset tag")
	}
}

func TestTheWrittenFileReadsBackToTheSameBytes(t *testing.T) {
	b := renderSample(t, "成文日期", day)
	f, err := parseFile(b)
	if err != nil {
		t.Fatal(err)
	}
	if again := f.bytes(); !bytes.Equal(again, b) {
		t.Error("parsing and writing the post-pass's output changes it: offsets or objects are off")
	}
}

func TestCIDSetListsTheSubsetsGlyphs(t *testing.T) {
	b := renderSample(t, "乙甲乙", day)
	f, err := parseFile(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range f.order {
		cid := f.objs[n]
		if st, _ := cid.get("Subtype"); st != "/CIDFontType2" {
			continue
		}
		fd, _ := cid.ref("FontDescriptor")
		gm, _ := cid.ref("CIDToGIDMap")
		ref, ok := f.objs[fd].ref("CIDSet")
		if !ok {
			t.Fatal("the font descriptor has no CIDSet")
		}
		set, err := f.objs[ref].decoded()
		if err != nil {
			t.Fatal(err)
		}
		gids, err := f.objs[gm].decoded()
		if err != nil {
			t.Fatal(err)
		}
		// Two characters: CIDs 0 (.notdef), 1 (甲) and 2 (乙), each a
		// glyph of its own.
		if !bytes.Equal(set, []byte{0xE0}) {
			t.Errorf("CIDSet %08b, want CIDs 0, 1 and 2: 11100000", set)
		}
		if len(gids) != 6 || gids[0] != 0 || gids[1] != 0 || gids[3] == 0 || gids[5] == 0 || gids[3] == gids[5] {
			t.Errorf("CIDToGIDMap % x: want .notdef and two different glyphs", gids)
		}
		return
	}
	t.Fatal("no CIDFontType2 font")
}

func TestDatesCarryTheirOffset(t *testing.T) {
	utc := time.Date(2024, 12, 26, 0, 0, 0, 0, time.UTC)
	cst := time.Date(2024, 12, 26, 8, 30, 0, 0, time.FixedZone("CST", 8*3600))
	west := time.Date(2024, 12, 26, 8, 30, 0, 0, time.FixedZone("", -(3*3600+30*60)))
	for _, c := range []struct {
		t         time.Time
		pdf, xmpd string
	}{
		{utc, "D:20241226000000+00'00'", "2024-12-26T00:00:00Z"},
		{cst, "D:20241226083000+08'00'", "2024-12-26T08:30:00+08:00"},
		{west, "D:20241226083000-03'30'", "2024-12-26T08:30:00-03:30"},
	} {
		if got := pdfDate(c.t); got != c.pdf {
			t.Errorf("pdfDate = %s, want %s", got, c.pdf)
		}
		if got := xmpDate(c.t); got != c.xmpd {
			t.Errorf("xmpDate = %s, want %s", got, c.xmpd)
		}
	}
}

func TestTextStrings(t *testing.T) {
	for in, want := range map[string]string{
		"gongwen 0.1.0": "(gongwen 0.1.0)",
		`a(b)\c`:        `(a\(b\)\\c)`,
		"公文":            "<FEFF516C6587>",
		"😀":             "<FEFFD83DDE00>",
	} {
		if got := pdfString(in); got != want {
			t.Errorf("pdfString(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestDictionaryEditsKeepEverythingElse(t *testing.T) {
	o := &object{body: []byte("<</Type /Font /Title (a >> b \\) c) /Kids [1 0 R 2 0 R] /D <</X 1>> /R 12 0 R /H <0A1B>>>\nstream\nxyz\nendstream\n")}
	if v, _ := o.get("Title"); v != `(a >> b \) c)` {
		t.Errorf("Title = %q", v)
	}
	if n, ok := o.ref("R"); !ok || n != 12 {
		t.Errorf("ref R = %d, %v", n, ok)
	}
	if _, ok := o.ref("Kids"); ok {
		t.Error("an array read as a reference")
	}
	o.set("R", "13 0 R")
	o.set("New", "/Name")
	o.del("D")
	want := "<</Type /Font /Title (a >> b \\) c) /Kids [1 0 R 2 0 R]  /R 13 0 R /H <0A1B>/New /Name>>\nstream\nxyz\nendstream\n"
	if string(o.body) != want {
		t.Errorf("after the edits:\n%q\nwant\n%q", o.body, want)
	}
}

func TestStreamData(t *testing.T) {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	io.WriteString(w, "hello")
	w.Close()
	body := "<</Length " + strconv.Itoa(z.Len()) + " /Filter /FlateDecode>>\nstream\n" + z.String() + "\nendstream\n"
	got, err := (&object{body: []byte(body)}).decoded()
	if err != nil || string(got) != "hello" {
		t.Errorf("decoded = %q, %v", got, err)
	}
}

func TestParseFileRefusesWhatIsNotFpdfOutput(t *testing.T) {
	for _, raw := range []string{
		"",
		"%PDF-1.4\nnothing\n",
		"%PDF-1.4\n1 0 obj\n<<>>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000099 00000 n \ntrailer\n<< /Root 1 0 R /Info 1 0 R >>\nstartxref\n27\n%%EOF\n",
	} {
		if _, err := parseFile([]byte(raw)); err == nil {
			t.Errorf("parseFile(%q) gave no error", raw)
		}
	}
}

// TestSealAlphaBecomesAStencilMask draws a PNG with an alpha channel, as a
// seal is: the PDF has no soft mask and no transparency group, but the
// image's /Mask is a one-bit stencil opaque exactly where the alpha is at
// least half.
func TestSealAlphaBecomesAStencilMask(t *testing.T) {
	const w, h = 37, 23 // odd sizes: rows do not end on a byte
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(200 + x), uint8(3 * y), uint8(x * y), uint8((x*7 + y*13) % 256)})
		}
	}
	path := filepath.Join(t.TempDir(), "seal.png")
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, buf.Bytes(), 0o644)

	src, err := source.New().Image(path)
	if err != nil {
		t.Fatal(err)
	}
	b := renderWith(t, "印", day, []layout.Image{{Path: path, Source: src, X: 100, Y: 100, W: 42, H: 26}})
	for _, banned := range []string{"/SMask", "/Transparency"} {
		if bytes.Contains(b, []byte(banned)) {
			t.Errorf("the PDF holds %s", banned)
		}
	}
	f, err := parseFile(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range f.order {
		m, ok := f.objs[n].ref("Mask")
		if !ok {
			continue
		}
		mask := f.objs[m]
		if v, _ := mask.get("ImageMask"); v != "true" {
			t.Fatalf("the /Mask is not an image mask: %s", mask.body[:80])
		}
		bits, err := mask.decoded()
		if err != nil {
			t.Fatal(err)
		}
		stride := (w + 7) / 8
		if len(bits) != stride*h {
			t.Fatalf("mask of %d bytes, want %d", len(bits), stride*h)
		}
		bad := 0
		for y := range h {
			for x := range w {
				masked := bits[y*stride+x/8]&(0x80>>(x%8)) != 0
				if masked != (img.NRGBAAt(x, y).A < 128) {
					bad++
				}
			}
		}
		if bad > 0 {
			t.Errorf("%d of %d mask bits disagree with the alpha channel", bad, w*h)
		}
		return
	}
	t.Fatal("no image has a /Mask")
}
