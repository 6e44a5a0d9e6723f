package layout

import (
	"math"
	"strings"
	"testing"

	"gongwen/internal/doc"
	"gongwen/internal/format"
)

// TestComposeRefusesElementsThatCannotFit: each element of the 版头 and
// the closing that is too long for where the standard puts it is an error
// naming the element and its length (issue #25: a 29-character 署名 ran
// into the left margin, a 480-character title through the bottom rule),
// while the longest that fits still composes.
func TestComposeRefusesElementsThatCannotFit(t *testing.T) {
	long := func(n int) string { return strings.Repeat("某", n) }
	cases := []struct {
		name string
		f    *format.Format
		edit func(d *doc.Document, n int)
		fits int // the longest that fits, in characters; one more is refused
		want string
	}{
		{"署名", format.Letter(), func(d *doc.Document, n int) { d.Signature = long(n) }, 26, "the 署名 \"某某某某某某某某某某某某某某某某某某某某…\" is 27 characters"},
		{"署名 with a seal", format.Letter(), func(d *doc.Document, n int) { d.Signature, d.Seal, d.Seals = long(n), "s.png", []string{"s.png"} }, 15, "the 署名 \"某某某某某某某某某某某某某某某某\" is 16 characters, 89 mm wide, and there is room for 84 mm"},
		{"标题", format.Letter(), func(d *doc.Document, n int) { d.Title = []string{long(n)} }, 260, "the 标题 \"某某某某某某某某某某某某某某某某某某某某…\" is 261 characters, 14 lines, and page 1 has room for 13 lines of it below the 版头"},
		{"发文字号", format.Letter(), func(d *doc.Document, n int) { d.Number.Agency = long(n) }, 22, "the 发文字号 \"某某某某某某某某某某某某某某某某某某某某…\" is 31 characters, 159 mm wide"},
		{"密级", format.File(), func(d *doc.Document, n int) { d.Secrecy = long(n) }, 28, "the 密级和保密期限 \"某某某某某某某某某某某某某某某某某某某某…\" is 29 characters"},
		{"纪要编号", format.Minutes(), func(d *doc.Document, n int) { d.MinutesNumber = long(n) }, 28, "the 纪要编号 \"某某某某某某某某某某某某某某某某某某某某…\" is 29 characters"},
		{"职务", format.Order(), func(d *doc.Document, n int) { d.SignerTitle, d.SignerName = long(n), "张三" }, 20, "the 职务 \"某某某某某某某某某某某某某某某某某某某某…\" is 21 characters"},
		{"签发人 of a 令", format.Order(), func(d *doc.Document, n int) { d.SignerTitle, d.SignerName = "", long(n) }, 24, "the 签发人 \"某某某某某某某某某某某某某某某某某某某某…\" is 25 characters"},
		{"签发人 over the 发文字号", format.File(), func(d *doc.Document, n int) { d.Signers = []string{long(n)} }, 12, "the 签发人 \"某某某某某某某某某某某某某\" is 13 characters, 95 mm wide, and there is room for 92 mm"},
		{"印发机关", format.File(), func(d *doc.Document, n int) { d.Printer, d.Printed = long(n), d.Date }, 19, "the 印发机关 \"某某某某某某某某某某某某某某某某某某某某\" is 20 characters"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, n := range []int{c.fits, c.fits + 1} {
				d := fileDoc([]doc.Block{{Kind: doc.Paragraph, Text: "正文。"}})
				d.OrderNumber, d.SignerTitle, d.SignerName = 3, "市长", "张三"
				c.edit(d, n)
				_, err := Compose(d, c.f, gridFonts)
				switch {
				case n == c.fits && err != nil:
					t.Errorf("%d characters: %v", n, err)
				case n > c.fits && (err == nil || !strings.Contains(err.Error(), c.want)):
					t.Errorf("%d characters: %v\nwant an error with %q", n, err, c.want)
				}
			}
		})
	}
}

// TestSealsAndStampsKeepTheirProportions: an image is as large as fits
// its box and keeps its height / width (issue #25: a 1×4096 stamp was
// drawn 30 mm × 122 m, a 600×300 oval seal as a circle).
func TestSealsAndStampsKeepTheirProportions(t *testing.T) {
	for _, c := range []struct {
		name   string
		f      *format.Format
		edit   func(d *doc.Document)
		w, h   float64
		centre bool // centred in the seal's square box
	}{
		{"an oval seal", format.Letter(), func(d *doc.Document) { d.Seal, d.Seals, d.SealAspects = "s.png", []string{"s.png"}, []float64{0.5} }, 42, 21, true},
		{"a round seal", format.Letter(), func(d *doc.Document) { d.Seal, d.Seals = "s.png", []string{"s.png"} }, 42, 42, true},
		{"a tall stamp", format.Order(), func(d *doc.Document) { d.Stamp, d.StampAspect = "s.png", 4096 }, 30.0 / 4096, 30, false},
		{"a wide stamp", format.Order(), func(d *doc.Document) { d.Stamp, d.StampAspect = "s.png", 1.0/3 }, 30, 10, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := fileDoc([]doc.Block{{Kind: doc.Paragraph, Text: "正文。"}})
			d.OrderNumber, d.SignerTitle, d.SignerName = 3, "市长", "张三"
			c.edit(d)
			var im []Image
			for _, p := range composeWith(t, d, c.f) {
				im = append(im, p.Images...)
			}
			if len(im) != 1 || math.Abs(im[0].W-c.w) > 1e-9 || math.Abs(im[0].H-c.h) > 1e-9 {
				t.Fatalf("images %+v, want one %g × %g mm", im, c.w, c.h)
			}
			if c.centre { // the box's centre is the round seal's
				round := fileDoc([]doc.Block{{Kind: doc.Paragraph, Text: "正文。"}})
				round.Seal, round.Seals = "s.png", []string{"s.png"}
				r := composeWith(t, round, c.f)[0].Images[0]
				if math.Abs(im[0].X+im[0].W/2-r.X-r.W/2) > 1e-9 || math.Abs(im[0].Y+im[0].H/2-r.Y-r.H/2) > 1e-9 {
					t.Errorf("image %+v not centred where the round seal %+v is", im[0], r)
				}
			}
		})
	}
}

// TestComposeRefusesAnImprintTallerThanAPage: the 版记 stands on one page
// (issue #25: 20,000 抄送 built, drawn above the page's top).
func TestComposeRefusesAnImprintTallerThanAPage(t *testing.T) {
	d := fileDoc([]doc.Block{{Kind: doc.Paragraph, Text: "正文。"}})
	for i := 0; i < 2000; i++ {
		d.CC = append(d.CC, "某某县人民政府办公室")
	}
	_, err := Compose(d, format.File(), gridFonts)
	if err == nil || !strings.Contains(err.Error(), "抄送 2000 names), and it must stand on one page") {
		t.Errorf("error %v", err)
	}
	d.CC = d.CC[:20]
	if _, err := Compose(d, format.File(), gridFonts); err != nil {
		t.Error(err)
	}
}
