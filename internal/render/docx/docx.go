// Package docx owns the DOCX rendering of composed pages: an Office Open
// XML (ECMA-376) word-processing package that Word, WPS and LibreOffice
// open as the PDF prints, and that a clerk edits by style. The layout's
// lines are joined back into paragraphs (model.go), the 正文 flows on a
// document grid of the format's lines and characters, and the parts are
// written with archive/zip and encoding/xml's escaping, in a fixed order
// with fixed times, so that the same pages give the same bytes.
package docx

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"gongwen/internal/deflate"
	"gongwen/internal/doc"
	"gongwen/internal/fonts"
	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/say"
)

// Font is a role's font as the DOCX names it, and the subset to embed.
type Font struct {
	// Name is the font's family name (name ID 1, the clerk's language
	// first), written in the rFonts attributes: Word takes an embedded
	// font for a run only where the w:font's name is the family its name
	// table gives, and Writer finds it through fontconfig by that family.
	Name string
	// Bold and Italic are the face's style (OS/2 fsSelection, FaceStyle).
	// The faces of one family are one w:font, each embedded as its style
	// (ECMA-376 Part 1, 17.8.3: embedRegular, embedBold, embedItalic,
	// embedBoldItalic), and a run a bold face draws is marked bold (w:b):
	// the family's name and the run's weight choose the face, in Word as
	// in Writer, as they would choose an installed one.
	Bold, Italic bool
	// Latin says that the face draws its role's digits and Latin letters
	// (fonts.toml: latin = "FILE"): the role's w:ascii names it.
	Latin bool
	// Data is the TrueType subset of the characters the document uses;
	// nil names the font without embedding it.
	Data []byte
}

// Property is one custom document property (docProps/custom.xml).
type Property struct{ Name, Value string }

// Options are what the renderer needs besides the pages.
type Options struct {
	Format *format.Format
	// Font gives a role's font, and for a fallback role ("fangsong+1",
	// fonts.FallbackRole) the font of the role's list it names.
	Font func(format.Role) Font
	// Embed puts each font's subset in the package where its licence
	// (OS/2 fsType) allows an editable document to carry it.
	Embed bool
	// Known tells the paragraphs' kinds (see Known), Tables the annex
	// tables in order, Inline the image annexes' paths (a paragraph of
	// their own; other pictures float behind the text).
	Known  []Known
	Tables []*doc.Table
	Inline map[string]bool
	Date   time.Time
	// Creator names the tool in docProps/app.xml; Custom goes, in order,
	// into docProps/custom.xml.
	Creator string
	Custom  []Property
}

// Units.
func twips(mm float64) int { return int(math.Round(mm * format.PtPerMM * 20)) }
func emu(mm float64) int64 { return int64(math.Round(mm * 36000)) }

// gridTwips is the document grid's line pitch: the 版心's height shared by
// the lines a page holds, rounded down so that they all fit (Word's own
// figure for 22 lines in 225 mm).
func gridTwips(f *format.Format) int {
	return int(f.BodyHeight * format.PtPerMM * 20 / float64(f.LinesPerPage))
}

// gridPitch is that pitch in points.
func gridPitch(f *format.Format) float64 { return float64(gridTwips(f)) / 20 }

// tracking is the white, in twentieths of a point, added to each
// full-width character of a run of the body's size so that CharsPerLine
// of them fill a line, as the PDF's character pitch does (156 mm / 28 =
// 15.79 pt for a 16 pt character): the nearest a DOCX can say, -4 (15.8
// pt). The text area is widened to CharsPerLine such characters (by 0.07
// mm on the right): the PDF's lines then fit exactly, and a character
// more never does. Half-width digits and Latin letters keep their own
// advance, as in the PDF.
func tracking(f *format.Format) int {
	return int(math.Round((f.CharPitch()*format.PtPerMM - f.Body.Size) * 20))
}

// textWidth is the text area's width in twips: CharsPerLine tracked
// characters and half a point (LibreOffice keeps the tracking in
// hundredths of a millimetre, 0.002 pt a character more), never less than
// the 版心.
func textWidth(f *format.Format) int {
	w := f.CharsPerLine*(int(math.Round(f.Body.Size*20))+tracking(f)) + 10
	return max(w, twips(f.BodyWidth))
}

// Render writes the DOCX package of the composed document.
func Render(w io.Writer, res *layout.Result, opt Options) error {
	f := opt.Format
	r := &renderer{f: f, opt: &opt, res: res, media: map[string]string{}}
	r.fonts()
	r.res = r.fold()
	r.m = build(r.res, f, &opt)
	docXML, err := r.document()
	if err != nil {
		return err
	}
	files := []zfile{
		{"[Content_Types].xml", r.contentTypes()},
		{"_rels/.rels", rels([]rel{
			{"rId1", relOffice + "officeDocument", "word/document.xml"},
			{"rId2", relPackage + "metadata/core-properties", "docProps/core.xml"},
			{"rId3", relOffice + "extended-properties", "docProps/app.xml"},
			{"rId4", relOffice + "custom-properties", "docProps/custom.xml"},
		})},
		{"docProps/core.xml", r.core()},
		{"docProps/app.xml", r.app()},
		{"docProps/custom.xml", r.custom()},
		{"word/document.xml", docXML},
		{"word/_rels/document.xml.rels", rels(r.docRels())},
		{"word/styles.xml", r.styles()},
		{"word/settings.xml", r.settings()},
		{"word/fontTable.xml", r.fontTable()},
	}
	if len(r.embedded) > 0 {
		var rs []rel
		for i, e := range r.embedded {
			rs = append(rs, rel{"rId" + strconv.Itoa(i+1), relOffice + "font", "fonts/" + e.file})
		}
		files = append(files, zfile{"word/_rels/fontTable.xml.rels", rels(rs)})
	}
	files = append(files,
		zfile{"word/footer1.xml", r.footer(true)},
		zfile{"word/footer2.xml", r.footer(false)},
		zfile{"word/footer3.xml", []byte(xmlHead + `<w:ftr ` + nsW + `><w:p/></w:ftr>`)})
	for _, e := range r.embedded {
		files = append(files, zfile{"word/fonts/" + e.file, e.data})
	}
	for _, im := range r.images {
		files = append(files, zfile{"word/media/" + im.file, im.data})
	}
	return writeZip(w, files, opt.Date)
}

type zfile struct {
	name string
	data []byte
}

// writeZip writes the entries in the order given, deflated by package
// deflate, all stamped with the document's date at midnight UTC (within
// the years a zip entry holds): the bytes depend on nothing else.
func writeZip(w io.Writer, files []zfile, date time.Time) error {
	entries := make([]deflate.Entry, len(files))
	for i, f := range files {
		entries[i] = deflate.Entry{Name: f.name, Data: f.data}
	}
	return deflate.WriteZip(w, entries, date)
}

// ---- relationships and content types ----

const (
	xmlHead    = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	relOffice  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	relPackage = "http://schemas.openxmlformats.org/package/2006/relationships/"
	nsW        = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	nsDrawing  = ` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"`
)

type rel struct{ id, typ, target string }

func rels(rs []rel) []byte {
	var b bytes.Buffer
	b.WriteString(xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for _, r := range rs {
		fmt.Fprintf(&b, `<Relationship Id="%s" Type="%s" Target="%s"/>`, r.id, r.typ, esc(r.target))
	}
	b.WriteString(`</Relationships>`)
	return b.Bytes()
}

func (r *renderer) docRels() []rel {
	rs := []rel{
		{"rIdStyles", relOffice + "styles", "styles.xml"},
		{"rIdSettings", relOffice + "settings", "settings.xml"},
		{"rIdFonts", relOffice + "fontTable", "fontTable.xml"},
		{"rIdFooterOdd", relOffice + "footer", "footer1.xml"},
		{"rIdFooterEven", relOffice + "footer", "footer2.xml"},
		{"rIdFooterNone", relOffice + "footer", "footer3.xml"},
	}
	for _, im := range r.images {
		rs = append(rs, rel{im.id, relOffice + "image", "media/" + im.file})
	}
	return rs
}

func (r *renderer) contentTypes() []byte {
	var b bytes.Buffer
	b.WriteString(xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	b.WriteString(`<Default Extension="xml" ContentType="application/xml"/>`)
	exts := map[string]bool{}
	for _, im := range r.images {
		exts[im.ext] = true
	}
	for _, e := range []string{"jpeg", "png"} {
		if exts[e] {
			fmt.Fprintf(&b, `<Default Extension="%s" ContentType="image/%s"/>`, e, e)
		}
	}
	if len(r.embedded) > 0 {
		b.WriteString(`<Default Extension="odttf" ContentType="application/vnd.openxmlformats-officedocument.obfuscatedFont"/>`)
	}
	for _, o := range []struct{ part, typ string }{
		{"/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"},
		{"/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"},
		{"/word/settings.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"},
		{"/word/fontTable.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"},
		{"/word/footer1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"},
		{"/word/footer2.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"},
		{"/word/footer3.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"},
		{"/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"},
		{"/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"},
		{"/docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml"},
	} {
		fmt.Fprintf(&b, `<Override PartName="%s" ContentType="%s"/>`, o.part, o.typ)
	}
	b.WriteString(`</Types>`)
	return b.Bytes()
}

// ---- document properties ----

func (r *renderer) core() []byte {
	meta := r.res.Meta
	var b bytes.Buffer
	b.WriteString(xmlHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	fmt.Fprintf(&b, `<dc:title>%s</dc:title>`, esc(meta.Title))
	if meta.Subject != "" {
		fmt.Fprintf(&b, `<dc:subject>%s</dc:subject>`, esc(meta.Subject))
	}
	if meta.Author != "" {
		fmt.Fprintf(&b, `<dc:creator>%s</dc:creator>`, esc(meta.Author))
	}
	if len(meta.Keywords) > 0 {
		fmt.Fprintf(&b, `<cp:keywords>%s</cp:keywords>`, esc(strings.Join(meta.Keywords, ", ")))
	}
	stamp := r.opt.Date.UTC().Format("2006-01-02T15:04:05Z")
	fmt.Fprintf(&b, `<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>`, stamp, stamp)
	b.WriteString(`</cp:coreProperties>`)
	return b.Bytes()
}

func (r *renderer) app() []byte {
	return []byte(xmlHead + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>` +
		esc(r.opt.Creator) + `</Application><Pages>` + fmt.Sprint(len(r.res.Pages)) + `</Pages></Properties>`)
}

// custom writes the custom properties; a name given twice (the archive
// record's sources) is numbered, as the names must differ: "NAME 2".
func (r *renderer) custom() []byte {
	var b bytes.Buffer
	b.WriteString(xmlHead + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`)
	seen := map[string]int{}
	for i, p := range r.opt.Custom {
		name := p.Name
		seen[p.Name]++
		if n := seen[p.Name]; n > 1 {
			name = fmt.Sprintf("%s %d", p.Name, n)
		}
		fmt.Fprintf(&b, `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="%d" name="%s"><vt:lpwstr>%s</vt:lpwstr></property>`, i+2, esc(name), esc(p.Value))
	}
	b.WriteString(`</Properties>`)
	return b.Bytes()
}

// ---- the renderer ----

type renderer struct {
	f   *format.Format
	opt *Options
	m   *model
	res *layout.Result
	// faces are the font of each role, of each fallback role the pages
	// draw, and of each role's digits and Latin letters; latin names the
	// last by the role.
	faces map[format.Role]Font
	latin map[format.Role]Font
	// families are the w:font names in their order, embedded the font
	// parts, one per face (a family and a style).
	families []string
	embedded []embeddedFont
	images   []media
	media    map[string]string // image path → relationship ID
	shapeID  int
	boxes    []*para // lines above the 版心, for the next paragraph's text boxes
}

type embeddedFont struct {
	face
	file, key string
	data      []byte // obfuscated
}

// face is a font as Word and Writer choose it: a family and a style.
type face struct {
	name         string
	bold, italic bool
}

func faceOf(f Font) face { return face{f.Name, f.Bold, f.Italic} }

type media struct {
	id, file, ext string
	data          []byte
}

// fonts names the font of each role and of each fallback role the pages
// draw, and obfuscates the subsets it may embed: one per face, the first
// font of that family and style (two files of one family and style are
// one font to Word and Writer).
func (r *renderer) fonts() {
	roles := append([]format.Role{}, format.Roles...)
	seen := map[format.Role]bool{}
	for _, role := range roles {
		seen[role] = true
	}
	var more []format.Role
	for _, p := range r.res.Pages {
		for _, t := range p.Texts {
			if !seen[t.Style.Role] {
				seen[t.Style.Role] = true
				more = append(more, t.Style.Role)
			}
		}
	}
	sort.Slice(more, func(a, b int) bool { return more[a] < more[b] })
	r.faces, r.latin = map[format.Role]Font{}, map[format.Role]Font{}
	for _, role := range format.Roles {
		// The role's Latin font names its w:ascii even where the pages
		// draw no digit in the role: a clerk's own figures take it.
		for i := 1; ; i++ {
			ft := r.opt.Font(fonts.FallbackRole(role, i))
			if ft.Name == "" {
				break
			}
			if ft.Latin {
				r.latin[role] = ft
			}
		}
	}
	done := map[face]bool{}
	family := map[string]bool{}
	name := func(n string) {
		if !family[n] {
			family[n] = true
			r.families = append(r.families, n)
		}
	}
	for _, role := range append(roles, more...) {
		ft := r.opt.Font(role)
		r.faces[role] = ft
		name(ft.Name)
		fc := faceOf(ft)
		if done[fc] || !r.opt.Embed || ft.Data == nil || !Embeddable(ft.Data) {
			continue
		}
		done[fc] = true
		key := fontKey(ft.Data)
		r.embedded = append(r.embedded, embeddedFont{
			face: fc,
			file: "font" + strconv.Itoa(len(r.embedded)+1) + ".odttf",
			key:  key,
			data: obfuscate(ft.Data, key),
		})
	}
	for _, role := range format.Roles {
		if l, ok := r.latin[role]; ok {
			name(l.Name)
		}
	}
}

// fold gives the runs a role's Latin font draws their role back where
// the two faces are of one style: the role's w:ascii names that font, so
// that its digits and letters are one run with its Chinese, and what a
// clerk types there takes the right font. The pages are copied, not
// changed.
func (r *renderer) fold() *layout.Result {
	res := *r.res
	res.Pages = append([]layout.Page(nil), r.res.Pages...)
	for pi := range res.Pages {
		p := &res.Pages[pi]
		texts := append([]layout.Text(nil), p.Texts...)
		for i, t := range texts {
			base, n := fonts.SplitRole(t.Style.Role)
			if ft := r.faces[t.Style.Role]; n > 0 && ft.Latin && ft.Bold == r.faces[base].Bold && ft.Italic == r.faces[base].Italic {
				texts[i].Style.Role = base
			}
		}
		p.Texts = texts
	}
	return &res
}

// image gives the relationship of a picture file, as the build read it,
// adding it on its first use.
func (r *renderer) image(im layout.Image) (string, error) {
	path := im.Path
	if id, ok := r.media[path]; ok {
		return id, nil
	}
	if im.Source == nil {
		return "", say.Errorf("%s: the image was not read", path)
	}
	data := im.Source.Data
	ext := "png"
	if bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}) {
		ext = "jpeg"
	}
	id := "rIdImage" + strconv.Itoa(len(r.images)+1)
	r.images = append(r.images, media{id: id, file: "image" + strconv.Itoa(len(r.images)+1) + "." + ext, ext: ext, data: data})
	r.media[path] = id
	return id, nil
}

// fontKey is the GUID an embedded font is obfuscated with: made from the
// font's bytes, so that the same font gives the same package.
func fontKey(data []byte) string {
	h := sha256.Sum256(data)
	x := fmt.Sprintf("%X", h[:16])
	return "{" + x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32] + "}"
}

// obfuscate is ECMA-376 Part 1, 17.8.1 (font embedding): the first 32
// bytes of the font XORed with the key's 16 bytes, taken from the GUID's
// hexadecimal digits read from the last pair to the first, twice over.
func obfuscate(data []byte, key string) []byte {
	hex := strings.NewReplacer("{", "", "}", "", "-", "").Replace(key)
	var k [16]byte
	for i := 0; i < 16; i++ {
		j := 30 - 2*i
		fmt.Sscanf(hex[j:j+2], "%02X", &k[i])
	}
	out := append([]byte(nil), data...)
	for i := 0; i < 32 && i < len(out); i++ {
		out[i] ^= k[i%16]
	}
	return out
}

// Embeddable says whether a font's licence (OS/2 fsType, OpenType 1.9)
// lets an editable document carry it: installable (0) or editable (bit 3)
// embedding, and subsetting allowed (bit 8 clear). A font that allows
// only preview & print (bit 2) or nothing (bit 1) is named, not embedded.
func Embeddable(font []byte) bool {
	fs, ok := FSType(font)
	if !ok {
		return false
	}
	if fs&0x0100 != 0 || fs&0x0200 != 0 {
		return false
	}
	usage := fs & 0x000F
	return usage == 0 || usage&0x0008 != 0
}

// FaceStyle reads a font's style from its OS/2 fsSelection (OpenType
// 1.9: bit 0 italic, bit 5 bold), what Word and fontconfig read; a font
// without an OS/2 table is regular.
func FaceStyle(font []byte) (bold, italic bool) {
	os2 := sfntTable(font, "OS/2")
	if len(os2) < 64 {
		return false, false
	}
	sel := uint16(os2[62])<<8 | uint16(os2[63])
	return sel&0x20 != 0, sel&0x01 != 0
}

// sfntTable is a font's table by its tag, nil when it has none or the font is
// cut short.
func sfntTable(font []byte, tag string) []byte {
	if len(font) < 12 {
		return nil
	}
	n := int(font[4])<<8 | int(font[5])
	for i := 0; i < n && 12+16*i+16 <= len(font); i++ {
		rec := font[12+16*i:]
		if string(rec[:4]) != tag {
			continue
		}
		off := int(rec[8])<<24 | int(rec[9])<<16 | int(rec[10])<<8 | int(rec[11])
		size := int(rec[12])<<24 | int(rec[13])<<16 | int(rec[14])<<8 | int(rec[15])
		if off < 0 || size < 0 || off+size > len(font) {
			return nil
		}
		return font[off : off+size]
	}
	return nil
}

// FSType reads a TrueType font's OS/2 fsType.
func FSType(font []byte) (uint16, bool) {
	os2 := sfntTable(font, "OS/2")
	if len(os2) < 10 {
		return 0, false
	}
	return uint16(os2[8])<<8 | uint16(os2[9]), true
}

// ---- settings, fonts ----

func (r *renderer) settings() []byte {
	var b bytes.Buffer
	b.WriteString(xmlHead + `<w:settings ` + nsW + `>`)
	if len(r.embedded) > 0 {
		b.WriteString(`<w:embedTrueTypeFonts/><w:saveSubsetFonts/>`)
	}
	fmt.Fprintf(&b, `<w:defaultTabStop w:val="%d"/>`, twips(r.f.CharPitch()))
	b.WriteString(`<w:evenAndOddHeaders/>`)
	b.WriteString(`<w:characterSpacingControl w:val="doNotCompress"/>`)
	b.WriteString(`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>`)
	b.WriteString(`</w:settings>`)
	return b.Bytes()
}

// fontTable names each family once, with its embedded faces in the
// schema's order of styles.
func (r *renderer) fontTable() []byte {
	var b bytes.Buffer
	b.WriteString(xmlHead + `<w:fonts ` + nsW + `>`)
	styles := []struct {
		elem         string
		bold, italic bool
	}{{"embedRegular", false, false}, {"embedBold", true, false}, {"embedItalic", false, true}, {"embedBoldItalic", true, true}}
	for _, name := range r.families {
		fmt.Fprintf(&b, `<w:font w:name="%s"><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/>`, esc(name))
		for _, st := range styles {
			for i, e := range r.embedded {
				if e.face == (face{name, st.bold, st.italic}) {
					fmt.Fprintf(&b, `<w:%s r:id="rId%d" w:fontKey="%s"/>`, st.elem, i+1, e.key)
				}
			}
		}
		b.WriteString(`</w:font>`)
	}
	b.WriteString(`</w:fonts>`)
	return b.Bytes()
}

// rFonts names a run's fonts; never a theme font. A role's text is its
// font but for printable ASCII (w:ascii), which its Latin font draws
// where it has one, as in the PDF; a fallback font's run is that font's
// alone.
func (r *renderer) rFonts(role format.Role) string {
	ft := r.faces[role]
	n := esc(ft.Name)
	a := n
	if _, i := fonts.SplitRole(role); i == 0 {
		if l, ok := r.latin[role]; ok {
			a = esc(l.Name)
		}
	} else if ft.Latin {
		base, _ := fonts.SplitRole(role)
		a, n = n, esc(r.faces[base].Name)
	}
	return fmt.Sprintf(`<w:rFonts w:ascii="%s" w:hAnsi="%s" w:eastAsia="%s" w:cs="%s"/>`, a, n, n, n)
}

// rPr is a run's properties for a style (font, colour, size); spacing,
// when not nil, is the white after each character (twentieths of a
// point), in its place between the colour and the size (the schema's
// order). A run of the body's size is tracked unless told otherwise. A
// bold or italic face says so, and a face that is neither, within a
// style (in) whose face is, says it is not.
func (r *renderer) rPr(st format.Style, spacing *int, in format.Style) string {
	var b strings.Builder
	b.WriteString(r.rFonts(st.Role))
	ft, under := r.faces[st.Role], r.faces[in.Role]
	switch {
	case ft.Bold:
		b.WriteString(`<w:b/>`)
	case under.Bold:
		b.WriteString(`<w:b w:val="0"/>`)
	}
	switch {
	case ft.Italic:
		b.WriteString(`<w:i/>`)
	case under.Italic:
		b.WriteString(`<w:i w:val="0"/>`)
	}
	if st.Color != format.Black {
		fmt.Fprintf(&b, `<w:color w:val="%02X%02X%02X"/>`, st.Color.R, st.Color.G, st.Color.B)
	}
	switch {
	case spacing != nil:
		fmt.Fprintf(&b, `<w:spacing w:val="%d"/>`, *spacing)
	case st.Size == r.f.Body.Size:
		fmt.Fprintf(&b, `<w:spacing w:val="%d"/>`, tracking(r.f))
	}
	hp := int(math.Round(st.Size * 2))
	fmt.Fprintf(&b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, hp, hp)
	return b.String()
}

func esc(s string) string {
	var b bytes.Buffer
	xmlEscape(&b, s)
	return b.String()
}
