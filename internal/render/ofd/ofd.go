// Package ofd writes composed pages as an OFD package (GB/T 33190-2016,
// 电子文件存储与交换格式 版式文档): the same []layout.Page the PDF renderer
// draws, glyph by glyph at the same places, in the same colours, with the
// same rules and images, the fonts embedded as the subsets it is handed.
// Its output depends only on the pages, the fonts, the date and the custom
// data it is given: the zip entries are written in a fixed order with a
// fixed timestamp, and every ID is a counter in drawing order.
//
// The package (the standard's 文档结构: a zip container of XML parts) is
// laid out as
//
//	OFD.xml                        主入口: DocInfo and the DocRoot
//	Doc_0/Document.xml             文档根节点: CommonData, Pages, Outlines
//	Doc_0/PublicRes.xml            公共资源: the fonts
//	Doc_0/DocumentRes.xml          文档资源: the images (MultiMedia)
//	Doc_0/Res/font_N.ttf|otf, image_N.png|jpg
//	Doc_0/Pages/Page_K/Content.xml one per page
//
// Units are millimetres throughout, the page's origin at its top-left
// corner with y growing downwards (the standard's page coordinate space),
// which is also the layout's: no coordinate is converted, only
// rounded to a micrometre. It knows nothing of TOML, templates or PDF.
package ofd

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/golang/freetype/truetype"

	"gongwen/internal/deflate"
	gwfonts "gongwen/internal/fonts"
	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/say"
)

// Namespace is the namespace of every OFD element (GB/T 33190-2016, its
// XML schemas' target namespace).
const Namespace = "http://www.ofdspec.org/2016"

// CustomData is one entry of the document's CustomDatas (用户自定义元数据):
// a name and a value.
type CustomData struct {
	Name, Value string
}

// Options are what the renderer needs besides the pages.
type Options struct {
	// Font gives a role's font: a name for it (fonts with the same name are
	// embedded once) and its TrueType bytes (a subset is expected).
	Font func(format.Role) (name string, data []byte)
	// Date is the document's CreationDate (a date: the time is dropped) and
	// the timestamp of every zip entry.
	Date time.Time
	// Creator and CreatorVersion name the tool.
	Creator, CreatorVersion string
	// Custom is written, in order, as the DocInfo's CustomDatas; after
	// it, one SealPlace for each seal's place the pages do not draw.
	Custom []CustomData
}

// SealPlace names the CustomData of a seal's place a page does not draw
// (layout.Page.Places: a seal stamped on paper, or a document built
// without seals), where a signature's stamp annotation goes (package
// sign): its value is the page's number from 1 and the place's Boundary,
// "5 126.932 123.277 42 42". A document whose pages have no such place gets
// none, so its OFD.xml is as before.
const SealPlace = "gongwen:sealPlace"

// Paths inside the package.
const (
	rootFile    = "OFD.xml"
	docDir      = "Doc_0"
	docFile     = "Document.xml"
	publicRes   = "PublicRes.xml"
	documentRes = "DocumentRes.xml"
	resDir      = "Res"
)

// Render writes res as an OFD package to w.
func Render(w io.Writer, res *layout.Result, opt Options) error {
	b := &builder{opt: opt, fontID: map[format.Role]int{}, fontByName: map[string]int{}, imageID: map[string]int{}}
	if err := b.resources(res); err != nil {
		return err
	}
	var files []file
	pageIDs := make([]int, len(res.Pages))
	for i, p := range res.Pages {
		pageIDs[i] = b.next()
		content, err := b.page(p)
		if err != nil {
			return say.Errorf("page %d: %v", i+1, err)
		}
		files = append(files, file{pagePath(i), content})
	}
	docXML, err := b.document(res, pageIDs)
	if err != nil {
		return err
	}
	pub := resXML{NS: Namespace, BaseLoc: resDir}
	if len(b.fonts) > 0 {
		pub.Fonts = &fonts{b.fonts}
	}
	pubXML, err := marshal(pub)
	if err != nil {
		return err
	}
	dres := resXML{NS: Namespace, BaseLoc: resDir}
	if len(b.media) > 0 {
		dres.Media = &multiMedias{b.media}
	}
	docRes, err := marshal(dres)
	if err != nil {
		return err
	}
	files = append([]file{
		{docDir + "/" + docFile, docXML},
		{docDir + "/" + publicRes, pubXML},
		{docDir + "/" + documentRes, docRes},
	}, append(b.resFiles, files...)...)
	root, err := b.root(res, files)
	if err != nil {
		return err
	}
	return writeZip(w, append([]file{{rootFile, root}}, files...), opt.Date)
}

// file is one entry of the package.
type file struct {
	name string
	data []byte
}

func pagePath(i int) string { return fmt.Sprintf("%s/Pages/Page_%d/Content.xml", docDir, i) }

// builder hands out IDs and collects the resources.
type builder struct {
	opt        Options
	id         int
	fontID     map[format.Role]int
	fontByName map[string]int
	imageID    map[string]int
	fonts      []fontXML
	media      []mediaXML
	resFiles   []file
}

// next is the next object ID. IDs (ST_ID, the standard's basic types) are
// unique in the document and greater than 0; MaxUnitID is the last one.
func (b *builder) next() int {
	b.id++
	return b.id
}

// resources gives each distinct font, then each distinct image, an ID and
// a file, in the order the pages first use them.
func (b *builder) resources(res *layout.Result) error {
	for _, p := range res.Pages {
		for _, t := range p.Texts {
			if _, ok := b.fontID[t.Style.Role]; ok {
				continue
			}
			name, data := b.opt.Font(t.Style.Role)
			id, ok := b.fontByName[name]
			if !ok {
				id = b.next()
				b.fontByName[name] = id
				loc := fmt.Sprintf("font_%d.ttf", id)
				if gwfonts.Kind(data) == "otf-cff" { // an OpenType font with CFF outlines
					loc = fmt.Sprintf("font_%d.otf", id)
				}
				ps, family := fontNames(name, data)
				fx := fontXML{ID: id, FontName: ps, FamilyName: family, FontFile: loc}
				fx.Italic, fx.Bold, fx.Serif, fx.FixedWidth = fontTraits(data)
				b.fonts = append(b.fonts, fx)
				b.resFiles = append(b.resFiles, file{docDir + "/" + resDir + "/" + loc, data})
			}
			b.fontID[t.Style.Role] = id
		}
	}
	for _, p := range res.Pages {
		for _, im := range p.Images {
			if _, ok := b.imageID[im.Path]; ok {
				continue
			}
			if im.Source == nil {
				return say.Errorf("%s: the image was not read", im.Path)
			}
			data := im.Source.Data
			kind, ext, err := imageFormat(data)
			if err != nil {
				return say.Errorf("%s: %v", im.Path, err)
			}
			id := b.next()
			b.imageID[im.Path] = id
			loc := fmt.Sprintf("image_%d.%s", id, ext)
			b.media = append(b.media, mediaXML{ID: id, Type: "Image", Format: kind, MediaFile: loc})
			b.resFiles = append(b.resFiles, file{docDir + "/" + resDir + "/" + loc, data})
		}
	}
	return nil
}

// imageFormat tells a PNG or JPEG by its signature: the formats the
// layout accepts for a seal, and the standard's MultiMedia formats.
func imageFormat(data []byte) (kind, ext string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG", "png", nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return "JPEG", "jpg", nil
	}
	return "", "", say.Errorf("not a PNG or JPEG image")
}

// fontNames are the font's PostScript name (name ID 6), for FontName, and
// its family name (name ID 1), for FamilyName; the name the renderer was
// given stands in for a missing one.
func fontNames(name string, data []byte) (ps, family string) {
	if f, err := gwfonts.ParseMetrics(data); err == nil {
		ps = strings.TrimSpace(f.Name(truetype.NameIDPostscriptName))
		family = strings.TrimSpace(f.Name(truetype.NameIDFontFamily))
	}
	if strings.ContainsAny(family, "?\uFFFD") {
		// The parser's first record is in an encoding it does not read.
		if fam := gwfonts.FamilyName(data); fam != "" {
			family = fam
		}
	}
	if ps == "" {
		ps = name
	}
	if family == "" {
		family = ps
	}
	return ps, family
}

// fontTraits reads what the font says of itself (OpenType specification
// 1.9: OS/2, head, post): italic (fsSelection bit 0); bold (fsSelection
// bit 5, macStyle bit 0 or a weight class of 600 or more); serif (a PANOSE
// Latin Text face with serifs, serif styles 2–10, or failing PANOSE a
// sFamilyClass of a serif class, 1–5 and 7); fixed width (post's
// isFixedPitch, or PANOSE proportion 9, monospaced). A font that says
// nothing (the Fandol fonts' PANOSE and class are 0, "any") is none.
func fontTraits(data []byte) (italic, bold, serif, fixed bool) {
	tables, err := gwfonts.Tables(data)
	if err != nil {
		return
	}
	u16 := func(b []byte, off int) int { return int(binary.BigEndian.Uint16(b[off:])) }
	if head := tables["head"]; len(head) >= 46 {
		bold = u16(head, 44)&1 != 0
	}
	if post := tables["post"]; len(post) >= 16 {
		fixed = binary.BigEndian.Uint32(post[12:]) != 0
	}
	os2 := tables["OS/2"]
	if len(os2) < 64 {
		return
	}
	sel := u16(os2, 62)
	italic = sel&1 != 0
	bold = bold || sel&(1<<5) != 0 || u16(os2, 4) >= 600
	panose := os2[32:42]
	if panose[0] == 2 { // Latin Text
		serif = panose[1] >= 2 && panose[1] <= 10
		fixed = fixed || panose[3] == 9
	} else {
		class := os2[30] // sFamilyClass's class, its high byte
		serif = class >= 1 && class <= 5 || class == 7
	}
	return
}

// ---- The XML of each file. Element order follows the standard's schemas;
// every element is in the ofd: namespace. ----

type rootXML struct {
	XMLName xml.Name `xml:"ofd:OFD"`
	NS      string   `xml:"xmlns:ofd,attr"`
	Version string   `xml:"Version,attr"`
	DocType string   `xml:"DocType,attr"`
	DocInfo docInfo  `xml:"ofd:DocBody>ofd:DocInfo"`
	DocRoot string   `xml:"ofd:DocBody>ofd:DocRoot"`
}

// docInfo is CT_DocInfo (文档元数据, in OFD.xml, 图 3), in its schema's order.
type docInfo struct {
	DocID          string       `xml:"ofd:DocID"`
	Title          string       `xml:"ofd:Title,omitempty"`
	Author         string       `xml:"ofd:Author,omitempty"`
	Subject        string       `xml:"ofd:Subject,omitempty"`
	CreationDate   string       `xml:"ofd:CreationDate"`
	Keywords       *keywords    `xml:"ofd:Keywords"`
	Creator        string       `xml:"ofd:Creator,omitempty"`
	CreatorVersion string       `xml:"ofd:CreatorVersion,omitempty"`
	Custom         *customDatas `xml:"ofd:CustomDatas"`
}

// Lists are written through a pointer to their wrapper, left out when
// empty: the schema wants no empty wrapper.
type keywords struct {
	Items []string `xml:"ofd:Keyword"`
}

type customDatas struct {
	Items []customData `xml:"ofd:CustomData"`
}

type outlines struct {
	Items []outlineElem `xml:"ofd:OutlineElem"`
}

type fonts struct {
	Items []fontXML `xml:"ofd:Font"`
}

type multiMedias struct {
	Items []mediaXML `xml:"ofd:MultiMedia"`
}

type customData struct {
	Name  string `xml:"Name,attr"`
	Value string `xml:",chardata"`
}

// documentXML is the document root (文档根节点, 图 5).
type documentXML struct {
	XMLName  xml.Name   `xml:"ofd:Document"`
	NS       string     `xml:"xmlns:ofd,attr"`
	Common   commonData `xml:"ofd:CommonData"`
	Pages    []pageRef  `xml:"ofd:Pages>ofd:Page"`
	Outlines *outlines  `xml:"ofd:Outlines"`
}

// commonData is CT_CommonData (图 6).
type commonData struct {
	MaxUnitID   int    `xml:"ofd:MaxUnitID"`
	PhysicalBox string `xml:"ofd:PageArea>ofd:PhysicalBox"`
	PublicRes   string `xml:"ofd:PublicRes"`
	DocumentRes string `xml:"ofd:DocumentRes"`
}

type pageRef struct {
	ID      int    `xml:"ID,attr"`
	BaseLoc string `xml:"BaseLoc,attr"`
}

// outlineElem is CT_OutlineElem: a title, the action that goes to its
// place (CT_Action with a Goto to a CT_Dest of type XYZ) and its children.
type outlineElem struct {
	Title    string        `xml:"Title,attr"`
	Action   action        `xml:"ofd:Actions>ofd:Action"`
	Children []outlineElem `xml:"ofd:OutlineElem"`
}

type action struct {
	Event string `xml:"Event,attr"`
	Dest  dest   `xml:"ofd:Goto>ofd:Dest"`
}

type dest struct {
	Type   string `xml:"Type,attr"`
	PageID int    `xml:"PageID,attr"`
	Left   string `xml:"Left,attr"`
	Top    string `xml:"Top,attr"`
}

// resXML is CT_Res (资源): BaseLoc is the folder, relative to
// the resource file, that its files are named in.
type resXML struct {
	XMLName xml.Name     `xml:"ofd:Res"`
	NS      string       `xml:"xmlns:ofd,attr"`
	BaseLoc string       `xml:"BaseLoc,attr"`
	Fonts   *fonts       `xml:"ofd:Fonts"`
	Media   *multiMedias `xml:"ofd:MultiMedias"`
}

// fontXML is CT_Font (字形): the embedded file is FontFile.
type fontXML struct {
	ID         int    `xml:"ID,attr"`
	FontName   string `xml:"FontName,attr"`
	FamilyName string `xml:"FamilyName,attr"`
	// The traits a reader that draws with another font asks for; each is
	// left out when false, the schema's default.
	Italic     bool   `xml:"Italic,attr,omitempty"`
	Bold       bool   `xml:"Bold,attr,omitempty"`
	Serif      bool   `xml:"Serif,attr,omitempty"`
	FixedWidth bool   `xml:"FixedWidth,attr,omitempty"`
	FontFile   string `xml:"ofd:FontFile"`
}

// mediaXML is CT_MultiMedia (多媒体): an image file.
type mediaXML struct {
	ID        int    `xml:"ID,attr"`
	Type      string `xml:"Type,attr"`
	Format    string `xml:"Format,attr"`
	MediaFile string `xml:"ofd:MediaFile"`
}

// pageXML is a page object (页对象): its Area and one body layer.
type pageXML struct {
	XMLName     xml.Name `xml:"ofd:Page"`
	NS          string   `xml:"xmlns:ofd,attr"`
	PhysicalBox string   `xml:"ofd:Area>ofd:PhysicalBox"`
	Layer       layerXML `xml:"ofd:Content>ofd:Layer"`
}

type layerXML struct {
	ID      int    `xml:"ID,attr"`
	Type    string `xml:"Type,attr"`
	Objects []any
}

// pathObject is CT_Path (clause 9.1, 图 46 表 35) with the attributes of
// CT_GraphicUnit (clause 8.5, 图 45 表 34): Boundary is the object's box in
// page space, its own coordinates start at the box's top-left corner.
type pathObject struct {
	XMLName     xml.Name `xml:"ofd:PathObject"`
	ID          int      `xml:"ID,attr"`
	Boundary    string   `xml:"Boundary,attr"`
	LineWidth   string   `xml:"LineWidth,attr"`
	StrokeColor color    `xml:"ofd:StrokeColor"`
	Data        string   `xml:"ofd:AbbreviatedData"`
}

// imageObject is CT_Image (图像对象): the image fills the unit
// square, which CTM maps onto the Boundary.
type imageObject struct {
	XMLName    xml.Name `xml:"ofd:ImageObject"`
	ID         int      `xml:"ID,attr"`
	Boundary   string   `xml:"Boundary,attr"`
	CTM        string   `xml:"CTM,attr"`
	ResourceID int      `xml:"ResourceID,attr"`
}

// textObject is CT_Text (clause 11.2, 图 59 表 45); Size is in mm.
type textObject struct {
	XMLName   xml.Name   `xml:"ofd:TextObject"`
	ID        int        `xml:"ID,attr"`
	Boundary  string     `xml:"Boundary,attr"`
	CTM       string     `xml:"CTM,attr,omitempty"`
	Font      int        `xml:"Font,attr"`
	Size      string     `xml:"Size,attr"`
	FillColor color      `xml:"ofd:FillColor"`
	Codes     []textCode `xml:"ofd:TextCode"`
}

// textCode is a TextCode (clause 11.3, 文字定位, 表 46): the first
// glyph's origin (X, Y: the baseline) in the object's space, then DeltaX,
// the distance from each glyph's origin to the next one's.
type textCode struct {
	X      string `xml:"X,attr"`
	Y      string `xml:"Y,attr"`
	DeltaX string `xml:"DeltaX,attr,omitempty"`
	Text   string `xml:",chardata"`
}

// color is CT_Color: components in the default RGB space, 0–255.
type color struct {
	Value string `xml:"Value,attr"`
}

func rgb(c format.RGB) color { return color{Value: fmt.Sprintf("%d %d %d", c.R, c.G, c.B)} }

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// ---- Numbers: every length is written in whole micrometres, as a decimal
// number of millimetres (ST_Double), so that a glyph's origin, summed from
// X and its DeltaX values, is exact in decimal. ----

// um is a length in micrometres.
func um(mm float64) int64 { return int64(math.Round(mm * 1000)) }

// dec writes n micrometres as millimetres, without trailing zeros.
func dec(n int64) string {
	sign := ""
	if n < 0 {
		sign, n = "-", -n
	}
	s := strconv.FormatInt(n/1000, 10)
	if f := n % 1000; f != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%03d", f), "0")
	}
	return sign + s
}

func mm(v float64) string { return dec(um(v)) }

// box is an ST_Box: x, y, width, height.
func box(x, y, w, h int64) string {
	return dec(x) + " " + dec(y) + " " + dec(w) + " " + dec(h)
}

// deltas writes an ST_Array of distances, a run of three or more equal
// ones as "g N d" (clause 11.3: g repeats the value that follows N times).
func deltas(ds []int64) string {
	var parts []string
	for i := 0; i < len(ds); {
		j := i
		for j < len(ds) && ds[j] == ds[i] {
			j++
		}
		if n := j - i; n >= 3 {
			parts = append(parts, "g", strconv.Itoa(n), dec(ds[i]))
		} else {
			for k := i; k < j; k++ {
				parts = append(parts, dec(ds[k]))
			}
		}
		i = j
	}
	return strings.Join(parts, " ")
}

// ---- Pages ----

// page draws one page's content in the PDF renderer's order: rules, then
// images, then text, each object in the order of the layout.
func (b *builder) page(p layout.Page) ([]byte, error) {
	layer := layerXML{ID: b.next(), Type: "Body"}
	for _, r := range p.Rules {
		layer.Objects = append(layer.Objects, b.rule(r))
	}
	for _, im := range p.Images {
		layer.Objects = append(layer.Objects, imageObject{
			ID:         b.next(),
			Boundary:   box(um(im.X), um(im.Y), um(im.W), um(im.H)),
			CTM:        mm(im.W) + " 0 0 " + mm(im.H) + " 0 0",
			ResourceID: b.imageID[im.Path],
		})
	}
	for _, t := range p.Texts {
		if o, ok := b.text(t, p); ok {
			layer.Objects = append(layer.Objects, o)
		}
	}
	return marshal(pageXML{
		NS:          Namespace,
		PhysicalBox: box(0, 0, um(p.Width), um(p.Height)),
		Layer:       layer,
	})
}

// rule is a stroked segment. Its Boundary is the segment's box grown by
// half the line width, so the whole stroke lies inside it.
func (b *builder) rule(r layout.Rule) pathObject {
	half := um(r.Width/2) + 1
	x1, y1, x2, y2 := um(r.X1), um(r.Y1), um(r.X2), um(r.Y2)
	bx, by := min(x1, x2)-half, min(y1, y2)-half
	bw, bh := max(x1, x2)+half-bx, max(y1, y2)+half-by
	return pathObject{
		ID:          b.next(),
		Boundary:    box(bx, by, bw, bh),
		LineWidth:   mm(r.Width),
		StrokeColor: rgb(r.Color),
		Data:        "M " + dec(x1-bx) + " " + dec(y1-by) + " L " + dec(x2-bx) + " " + dec(y2-by),
	}
}

// text is one run as a TextObject: one TextCode for each stretch of
// glyphs between spaces (a space draws nothing, and a reader may trim a
// TextCode's spaces; the next glyph's X says where it goes). A character
// above U+FFFF has a TextCode of its own: DeltaX steps from character to
// character, but a reader that walks the text as UTF-16 (ofd.js 0.2.6
// steps through a JavaScript string) counts it twice and would move every
// glyph after it in the TextCode one step on. A run of spaces only gives
// no object.
//
// An upright run's Boundary is its glyphs' box: from the first origin to
// the last advance, from a size above the baseline to a quarter size below.
// A turned run (layout.Text.Rotate) is placed as if upright in a Boundary
// that is the whole page, and its CTM turns it about the pivot.
func (b *builder) text(t layout.Text, p layout.Page) (textObject, bool) {
	size := format.MM(t.Style.Size)
	var codes [][]layout.Glyph
	var cur []layout.Glyph
	for _, g := range t.Glyphs {
		if unicode.IsSpace(g.R) || g.R > 0xFFFF {
			if len(cur) > 0 {
				codes = append(codes, cur)
				cur = nil
			}
			if g.R > 0xFFFF {
				codes = append(codes, []layout.Glyph{g})
			}
			continue
		}
		cur = append(cur, g)
	}
	if len(cur) > 0 {
		codes = append(codes, cur)
	}
	if len(codes) == 0 {
		return textObject{}, false
	}
	var bx, by, bw, bh int64
	ctm := ""
	if t.Rotate != 0 {
		bw, bh = um(p.Width), um(p.Height)
		ctm = rotation(t.Rotate, t.PivotX, t.PivotY)
	} else {
		x0, x1 := um(codes[0][0].X), int64(math.MinInt64)
		for _, c := range codes {
			for _, g := range c {
				x0 = min(x0, um(g.X))
				x1 = max(x1, um(g.X+g.Adv))
			}
		}
		bx, by = x0, um(t.Y-size)
		bw, bh = max(x1-x0, 1), um(size*1.25)
	}
	o := textObject{
		ID:        b.next(),
		Boundary:  box(bx, by, bw, bh),
		CTM:       ctm,
		Font:      b.fontID[t.Style.Role],
		Size:      strconv.FormatFloat(math.Round(size*1e4)/1e4, 'f', -1, 64),
		FillColor: rgb(t.Style.Color),
	}
	y := um(t.Y) - by
	for _, c := range codes {
		rs := make([]rune, len(c))
		ds := make([]int64, 0, len(c)-1)
		for i, g := range c {
			rs[i] = g.R
			if i > 0 {
				ds = append(ds, um(g.X)-um(c[i-1].X))
			}
		}
		o.Codes = append(o.Codes, textCode{X: dec(um(c[0].X) - bx), Y: dec(y), DeltaX: deltas(ds), Text: string(rs)})
	}
	return o, true
}

// rotation is the CTM (a b c d e f: x' = a·x + c·y + e, y' = b·x + d·y + f,
// the standard's 变换矩阵) that turns the page deg degrees counter-clockwise
// as seen about (px, py). With y growing downwards, a turn by θ as seen is
// x' = cos θ·x + sin θ·y, y' = −sin θ·x + cos θ·y about the pivot.
func rotation(deg, px, py float64) string {
	rad := deg * math.Pi / 180
	c, s := math.Cos(rad), math.Sin(rad)
	// Exact for the quarter turns the layout uses.
	c, s = math.Round(c*1e9)/1e9, math.Round(s*1e9)/1e9
	a, bb, cc, d := c, -s, s, c
	e := px - a*px - cc*py
	f := py - bb*px - d*py
	num := func(v float64) string {
		if v == 0 {
			return "0"
		}
		return strconv.FormatFloat(math.Round(v*1e6)/1e6, 'f', -1, 64)
	}
	return strings.Join([]string{num(a), num(bb), num(cc), num(d), num(e), num(f)}, " ")
}

// ---- The document ----

// document is Document.xml: the common data, the page list and the
// outline built from the pages' marks (each mark nests under the last
// mark of a lower level).
func (b *builder) document(res *layout.Result, pageIDs []int) ([]byte, error) {
	var first layout.Page
	if len(res.Pages) > 0 {
		first = res.Pages[0]
	}
	doc := documentXML{NS: Namespace}
	for i := range res.Pages {
		doc.Pages = append(doc.Pages, pageRef{ID: pageIDs[i], BaseLoc: strings.TrimPrefix(pagePath(i), docDir+"/")})
	}
	var marks []mark
	for i, p := range res.Pages {
		for _, m := range p.Marks {
			marks = append(marks, mark{m.Level, outlineElem{Title: m.Title, Action: action{
				Event: "CLICK",
				Dest:  dest{Type: "XYZ", PageID: pageIDs[i], Left: "0", Top: mm(m.Y)},
			}}})
		}
	}
	if len(marks) > 0 {
		doc.Outlines = &outlines{nest(marks)}
	}
	doc.Common = commonData{
		MaxUnitID:   b.id,
		PhysicalBox: box(0, 0, um(first.Width), um(first.Height)),
		PublicRes:   publicRes,
		DocumentRes: documentRes,
	}
	return marshal(doc)
}

// mark is an outline entry with its level, before nesting.
type mark struct {
	level int
	elem  outlineElem
}

// nest makes a tree of a flat list: each entry holds the entries after it
// of a deeper level.
func nest(ms []mark) []outlineElem {
	var out []outlineElem
	for i := 0; i < len(ms); {
		j := i + 1
		for j < len(ms) && ms[j].level > ms[i].level {
			j++
		}
		e := ms[i].elem
		e.Children = nest(ms[i+1 : j])
		out = append(out, e)
		i = j
	}
	return out
}

// root is OFD.xml. The DocID is 32 hex digits of a hash of every other
// file of the package: the same document always gets the same ID, a
// different one almost surely another.
func (b *builder) root(res *layout.Result, files []file) ([]byte, error) {
	h := sha256.New()
	for _, f := range files {
		fmt.Fprintf(h, "%s\x00%d\x00", f.name, len(f.data))
		h.Write(f.data)
	}
	info := docInfo{
		DocID:          hex.EncodeToString(h.Sum(nil))[:32],
		Title:          res.Meta.Title,
		Author:         res.Meta.Author,
		Subject:        res.Meta.Subject,
		CreationDate:   b.opt.Date.Format("2006-01-02"),
		Creator:        b.opt.Creator,
		CreatorVersion: b.opt.CreatorVersion,
	}
	if len(res.Meta.Keywords) > 0 {
		info.Keywords = &keywords{res.Meta.Keywords}
	}
	custom := slices.Clone(b.opt.Custom)
	for i, p := range res.Pages {
		for _, pl := range p.Places {
			custom = append(custom, CustomData{SealPlace, fmt.Sprintf("%d %s", i+1, box(um(pl.X), um(pl.Y), um(pl.W), um(pl.H)))})
		}
	}
	if len(custom) > 0 {
		info.Custom = &customDatas{}
		for _, c := range custom {
			info.Custom.Items = append(info.Custom.Items, customData(c))
		}
	}
	return marshal(rootXML{NS: Namespace, Version: "1.0", DocType: "OFD", DocInfo: info, DocRoot: docDir + "/" + docFile})
}

// writeZip writes the package: the entries in the order given, each
// deflated, all with the same timestamp (the date given, at midnight UTC,
// within the years a zip entry can hold), so that the bytes depend on
// nothing else (not the time zone, not the clock). The deflate is package
// deflate's, as for the PDF.
func writeZip(w io.Writer, files []file, date time.Time) error {
	entries := make([]deflate.Entry, len(files))
	for i, f := range files {
		entries[i] = deflate.Entry{Name: f.name, Data: f.data}
	}
	return deflate.WriteZip(w, entries, date)
}
