// Package pdf draws composed pages with the fpdf library: glyphs at the
// positions the layout gave them, rules, images, bookmarks and the document
// information, in bytes that depend only on the pages, the fonts and the
// date it is given. The file is PDF/A-1b: fpdf's output goes through a
// post-pass (pdfa.go) for what fpdf does not do itself. It knows nothing of
// TOML, templates or line breaking.
package pdf

import (
	"bytes"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/golang/freetype/truetype"

	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/say"
)

// Options are what the renderer needs besides the pages.
type Options struct {
	// Font gives a role's font: a name for it (fonts with the same name are
	// embedded once) and its TrueType bytes, embedded as they are: a
	// subset of the characters the pages show (package fonts cuts one), or
	// the whole font.
	Font func(format.Role) (name string, data []byte)
	// Date is written as the creation and modification date.
	Date time.Time
	// Creator names the tool and its version.
	Creator string
	// XMP is added to the document's XMP metadata.
	XMP []XMPPart
}

// OutputCondition names the output intent's colour space: the sRGB profile
// made by package icc.
const OutputCondition = "sRGB IEC61966-2.1"

// Render writes res as a PDF to w: the document and its information,
// each page's rules, images, text and bookmarks, then the post-pass that
// makes it PDF/A (pdfa.go).
func Render(w io.Writer, res *layout.Result, opt Options) (err error) {
	defer func() {
		// fpdf panics on some inputs it cannot encode; the layout checks
		// for them first, so a panic here is a defect, reported as an error.
		if r := recover(); r != nil {
			err = say.Errorf("PDF library failed: %v", r)
		}
	}()
	pdf, info := newDocument(res, opt)
	// Each distinct font is embedded once (fonts.go), with the characters
	// every role set in it shows.
	fonts, byRole, err := pageFonts(res, opt.Font)
	if err != nil {
		return err
	}
	var images imageSet
	for _, p := range res.Pages {
		if err := drawPage(pdf, p, byRole, &images); err != nil {
			return err
		}
	}
	var raw bytes.Buffer
	if err := pdf.Output(&raw); err != nil {
		return err
	}
	out, err := toPDFA(raw.Bytes(), info, fonts, images.list)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// newDocument is fpdf's document with res's information and opt's XMP
// parts, and the information the post-pass writes again.
func newDocument(res *layout.Result, opt Options) (*fpdf.Fpdf, docInfo) {
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: 210, Ht: 297}, OrientationStr: "P"})
	pdf.SetCatalogSort(true)
	pdf.SetCompression(false) // the post-pass compresses the pages (compressPages)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCreationDate(opt.Date)
	pdf.SetModificationDate(opt.Date)
	pdf.SetTitle(res.Meta.Title, true)
	pdf.SetAuthor(res.Meta.Author, true)
	pdf.SetSubject(res.Meta.Subject, true)
	pdf.SetKeywords(strings.Join(res.Meta.Keywords, ", "), true)
	pdf.SetCreator(opt.Creator, true)
	pdf.SetProducer(opt.Creator, true)
	pdf.SetLineCapStyle("butt")
	info := docInfo{
		Title:    res.Meta.Title,
		Author:   res.Meta.Author,
		Subject:  res.Meta.Subject,
		Keywords: strings.Join(res.Meta.Keywords, ", "),
		Creator:  opt.Creator,
		Producer: opt.Creator,
		Date:     opt.Date,
	}
	// The XMP packet goes in through fpdf. The output intent does not:
	// fpdf's AddOutputIntent points the trailer's /Info at the profile
	// stream and marks every page as a transparency group, so the
	// post-pass adds it.
	pdf.SetXmpMetadata(info.xmp(opt.XMP))
	return pdf, info
}

// drawPage adds page p: its rules, images, text and bookmarks.
func drawPage(pdf *fpdf.Fpdf, p layout.Page, byRole map[format.Role]*pdfFont, images *imageSet) error {
	orient := "P"
	if p.Width > p.Height {
		orient = "L"
	}
	pdf.AddPageFormat(orient, fpdf.SizeType{Wd: min(p.Width, p.Height), Ht: max(p.Width, p.Height)})
	for _, r := range p.Rules {
		pdf.SetDrawColor(int(r.Color.R), int(r.Color.G), int(r.Color.B))
		pdf.SetLineWidth(r.Width)
		pdf.Line(r.X1, r.Y1, r.X2, r.Y2)
	}
	for _, im := range p.Images {
		pi, err := images.add(im)
		if err != nil {
			return err
		}
		pdf.RawWriteStr(string(pi.appendDraw(nil, im.X, im.Y, im.W, im.H, p.Height)))
	}
	drawTexts(pdf, p, byRole)
	for _, m := range p.Marks {
		pdf.Bookmark(m.Title, m.Level, m.Y)
	}
	return pdf.Error()
}

// drawTexts shows the page's texts, each run in its font.
func drawTexts(pdf *fpdf.Fpdf, p layout.Page, byRole map[format.Role]*pdfFont) {
	var st textState // a page starts with no font, black, Tc 0
	var line []byte
	for _, t := range p.Texts {
		f := byRole[t.Style.Role]
		outer := st
		if t.Rotate != 0 {
			pdf.TransformBegin()
			pdf.TransformRotate(t.Rotate, t.PivotX, t.PivotY)
		}
		if t.Spread {
			// Read as the word it is: extractors that go by the
			// glyphs' places would put a space in each wide gap.
			pdf.RawWriteStr("/Span <</ActualText " + pdfString(t.String()) + ">> BDC")
		}
		for _, r := range textRuns(t.Glyphs, t.Style.Size, f) {
			line = st.show(line[:0], f, t, r, p.Height)
			pdf.RawWriteStr(string(line))
		}
		if t.Spread {
			pdf.RawWriteStr("EMC")
		}
		if t.Rotate != 0 {
			pdf.TransformEnd() // Q: back to the state before q
			st = outer
		}
	}
}

// postScriptName is the font's PostScript name (name table, name ID 6),
// reduced to the characters a PDF name may hold without escapes; the name
// it was given, so reduced, if it has none.
func postScriptName(name string, f *truetype.Font) string {
	ps := cleanName(f.Name(truetype.NameIDPostscriptName))
	if ps == "" {
		ps = cleanName(name)
	}
	if ps == "" {
		ps = "Font"
	}
	return ps
}

func cleanName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7f && r != '#' && r != '?' && !strings.ContainsRune("()<>[]{}/%", r) {
			b.WriteRune(r)
		}
	}
	out := b.String()
	return out[:min(len(out), 100)]
}
