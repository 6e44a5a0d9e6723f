// Package diff owns what a correction changed between two PDFs that gongwen
// made: the layout record written into each PDF (every printed line and
// table cell with its page, place and text, in the XMP metadata, so that an
// archived PDF can be compared without its sources), reading it back, the
// comparison (changed lines with the changed characters marked, changed
// table cells by their row and column names, lines that only moved), and
// the side-by-side images of changed pages. It knows the layout's result,
// not how documents are built.
package diff

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/klauspost/compress/flate"

	"gongwen/internal/archive"
	"gongwen/internal/deflate"
	"gongwen/internal/fonts"
	"gongwen/internal/layout"
	"gongwen/internal/say"
)

// Namespace and Prefix of the record's XMP property. The .invalid
// top-level domain (RFC 2606) can belong to no one else. The 2 is the
// record's form: compressed (see Description); oldNamespace is the first
// form's, one rdf:li an item, which Read recognises only to say so.
const (
	Namespace    = "http://gongwen.invalid/ns/layout/2/"
	Prefix       = "gwl"
	oldNamespace = "http://gongwen.invalid/ns/layout/1/"
)

// Kind tells printed lines from table cells.
type Kind byte

const (
	LineKind  Kind = 'L' // a line of text outside tables
	CellKind  Kind = 'C' // one line of a table cell's text
	ImageKind Kind = 'I' // a picture (a seal): Name is its file's name, Size its height in mm; a seal's place with nothing drawn has no name
)

// Line is one printed line, or one line of a table cell, as recorded.
type Line struct {
	Kind   Kind
	Page   int     // 1-based
	Y      float64 // baseline, mm from the page's top
	X1, X2 float64 // left and right edges of its glyphs' advances (mm)
	Size   float64 // the largest type size on the line (pt)
	Name   string  // a cell's name: "附件1 甘孜 / 存在突出问题数"; empty for a line
	Text   string
}

// PageSize is one page's size (mm).
type PageSize struct{ W, H float64 }

// Record is a document's layout as the PDF records it.
type Record struct {
	Pages []PageSize
	Lines []Line // page by page, top to bottom, left to right
	// Fonts is each role's font, read from the PDF's archive record (not
	// part of the layout record); nil where it has none.
	Fonts []RoleFont
}

// annexLabel is how the first line of an annex page reads (附件1).
var annexLabel = regexp.MustCompile(`^附件[0-9]*$`)

// FromLayout makes the record of a composed document. Runs on one page and
// one baseline (within 0.05 mm) make one line, gaps wider than an em
// written as a space; the lines of a table cell are kept apart, named by
// the annex (the last 附件 or 附件N label on this page or one before it), the row
// and the column.
func FromLayout(res *layout.Result) *Record {
	rec := &Record{}
	annex := ""
	for pi, p := range res.Pages {
		rec.Pages = append(rec.Pages, PageSize{p.Width, p.Height})
		type run struct {
			t      layout.Text
			x1, x2 float64
		}
		var runs []run
		for _, t := range p.Texts {
			if len(t.Glyphs) == 0 {
				continue
			}
			x1, x2 := t.Glyphs[0].X, t.Glyphs[0].X
			for _, g := range t.Glyphs {
				x1 = math.Min(x1, g.X)
				x2 = math.Max(x2, g.X+g.Adv)
			}
			runs = append(runs, run{t, x1, x2})
		}
		sort.SliceStable(runs, func(a, b int) bool {
			if d := runs[a].t.Y - runs[b].t.Y; math.Abs(d) > 0.05 {
				return d < 0
			}
			return runs[a].x1 < runs[b].x1
		})
		var lines []Line
		prevFallback := false // the run before was drawn by a later font of its role's list
		for _, r := range runs {
			text := strings.Map(func(c rune) rune {
				if c == '\t' || c == '\n' || c == '\r' {
					return ' '
				}
				return c
			}, r.t.String())
			_, later := fonts.SplitRole(r.t.Style.Role)
			fallback := later > 0 || prevFallback
			prevFallback = later > 0
			if r.t.Cell != "" {
				// A cell's line cut where a later font of its role's list
				// draws some of it (fonts.FallbackRole) is one line.
				if n := len(lines); fallback && n > 0 && lines[n-1].Kind == CellKind && lines[n-1].Name == r.t.Cell &&
					math.Abs(lines[n-1].Y-r.t.Y) <= 0.05 && math.Abs(r.x1-lines[n-1].X2) < 0.01 {
					lines[n-1].Text += text
					lines[n-1].X2 = math.Max(lines[n-1].X2, r.x2)
					continue
				}
				lines = append(lines, Line{Kind: CellKind, Page: pi + 1, Y: r.t.Y, X1: r.x1, X2: r.x2, Size: r.t.Style.Size, Name: r.t.Cell, Text: text})
				continue
			}
			// Join the line on the same baseline, if any (cells on it are
			// lines of their own).
			joined := false
			for k := len(lines) - 1; k >= 0; k-- {
				l := &lines[k]
				if math.Abs(l.Y-r.t.Y) > 0.05 {
					break
				}
				if l.Kind != LineKind {
					continue
				}
				if r.x1-l.X2 > r.t.Style.Size*25.4/72 {
					l.Text += " "
				}
				l.Text += text
				l.X2 = math.Max(l.X2, r.x2)
				l.Size = math.Max(l.Size, r.t.Style.Size)
				joined = true
				break
			}
			if !joined {
				lines = append(lines, Line{Kind: LineKind, Page: pi + 1, Y: r.t.Y, X1: r.x1, X2: r.x2, Size: r.t.Style.Size, Text: text})
			}
		}
		for i := range lines {
			if lines[i].Kind == LineKind && annexLabel.MatchString(lines[i].Text) {
				annex = lines[i].Text
			}
		}
		for i := range lines {
			if lines[i].Kind == CellKind && annex != "" {
				lines[i].Name = annex + " " + lines[i].Name
			}
		}
		rec.Lines = append(rec.Lines, lines...)
		for _, im := range p.Images {
			rec.Lines = append(rec.Lines, Line{Kind: ImageKind, Page: pi + 1, Y: im.Y, X1: im.X, X2: im.X + im.W, Size: im.H, Name: filepath.Base(im.Path)})
		}
		// A seal's place the page does not draw (layout.Page.Places): a
		// picture without a name, for a signature's seal (package sign).
		for _, im := range p.Places {
			rec.Lines = append(rec.Lines, Line{Kind: ImageKind, Page: pi + 1, Y: im.Y, X1: im.X, X2: im.X + im.W, Size: im.H})
		}
	}
	return rec
}

// Schema is the PDF/A extension schema describing the record's property
// (ISO 19005-1 clause 6.7.8), one rdf:li of pdfaExtension:schemas; see
// package archive for the same for the archive record.
const Schema = `<rdf:li rdf:parseType="Resource">
 <pdfaSchema:schema>gongwen layout record: the printed lines and table cells, for comparing two builds</pdfaSchema:schema>
 <pdfaSchema:namespaceURI>` + Namespace + `</pdfaSchema:namespaceURI>
 <pdfaSchema:prefix>` + Prefix + `</pdfaSchema:prefix>
 <pdfaSchema:property><rdf:Seq>
  <rdf:li rdf:parseType="Resource">
   <pdfaProperty:name>layout</pdfaProperty:name>
   <pdfaProperty:valueType>Text</pdfaProperty:valueType>
   <pdfaProperty:category>internal</pdfaProperty:category>
   <pdfaProperty:description>lines of UTF-8 text, compressed with deflate (RFC 1951) and written in base64 (RFC 4648): one line a page (P, width and height in mm), a printed line (L, or C for a table cell's line: page, baseline, left and right edge in mm, type size in pt, the cell's name, the text) or a picture (I: page, top, left and right edge, height in mm, its file's name, nothing), fields separated by tabs</pdfaProperty:description>
  </rdf:li>
 </rdf:Seq></pdfaSchema:property>
</rdf:li>`

func num(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

// field is s with the record's separators (tabs and line ends) made spaces.
var field = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

// items is the record as the schema's lines of text, uncompressed.
func (r *Record) items() []byte {
	var b bytes.Buffer
	item := func(fields ...string) {
		for i, f := range fields {
			if i > 0 {
				b.WriteByte('\t')
			}
			field.WriteString(&b, f)
		}
		b.WriteByte('\n')
	}
	li := 0
	for pi, p := range r.Pages {
		item("P", num(p.W), num(p.H))
		for ; li < len(r.Lines) && r.Lines[li].Page == pi+1; li++ {
			l := r.Lines[li]
			item(string(l.Kind), strconv.Itoa(l.Page), num(l.Y), num(l.X1), num(l.X2), num(l.Size), l.Name, l.Text)
		}
	}
	return b.Bytes()
}

// Description is the record as an XMP rdf:Description element. PDF/A-1
// forbids compressing the metadata stream (ISO 19005-1 clause 6.7.2) and
// embedded files, and the record written as XML, one rdf:li an item, was
// a ninth of the reference notice's PDF; so the items are deflated and the
// property's value is their base64, a quarter of the size. The default
// level: (with Go's own deflate) the best compression made the notice's
// record 32 bytes smaller for twice the time, the fastest 1.4 KB larger.
func (r *Record) Description() string {
	z, _ := deflate.Raw(r.items(), deflate.Default) // into memory: it does not fail
	return fmt.Sprintf("<rdf:Description rdf:about=\"\" xmlns:%s=\"%s\">\n <%[1]s:layout>%[3]s</%[1]s:layout>\n</rdf:Description>",
		Prefix, Namespace, base64.StdEncoding.EncodeToString(z))
}

// ErrNoRecord is returned by Read for a PDF without a layout record.
var ErrNoRecord = say.New("no gongwen layout record in its XMP metadata (not a PDF gongwen made, or made before version 0.2)")

// errOldRecord is returned by Read for a record of the first form.
var errOldRecord = say.New("its layout record is of an older gongwen's form; build the PDF again with this gongwen to compare it")

// maxItems bounds the inflated record (a damaged or hostile PDF could
// inflate without end): a thousand pages of dense text are some 30 MB.
// It is read item by item, so what a record costs is its items: a 700 KB
// PDF whose record inflated to 250 MB took 2.2 GB when it was read whole.
const maxItems = 96 << 20

// Read finds the layout record in a PDF's XMP packet, which PDF/A-1 keeps
// uncompressed, so that it is found in the raw bytes.
func Read(pdf []byte) (*Record, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return nil, say.New("not a PDF")
	}
	packet := archive.Packet(pdf, Namespace)
	if packet == nil {
		if archive.Packet(pdf, oldNamespace) != nil {
			return nil, errOldRecord
		}
		return nil, ErrNoRecord
	}
	rec, err := parse(packet)
	if err != nil {
		return nil, err
	}
	if ar, err := archive.Read(pdf); err == nil {
		rec.Fonts = roleFonts(ar)
	}
	return rec, nil
}

// parse reads the layout property's value out of an XMP packet and the
// items out of it.
func parse(packet []byte) (*Record, error) {
	var value strings.Builder
	found := false
	err := archive.Elements(packet, func(e archive.Element) error {
		if e.Name.Space != Namespace || e.Name.Local != "layout" {
			return nil
		}
		for _, p := range e.Parents { // one inside another is none of its value
			if p == e.Name {
				return nil
			}
		}
		value.WriteString(e.Text)
		found = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, ErrNoRecord
	}
	bad := func(err error) error { return say.Errorf("the layout record is damaged: %v", err) }
	z, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(value.String()), ""))
	if err != nil {
		return nil, bad(err)
	}
	// Read item by item, as the record inflates: what is held is the
	// record, never the inflated text beside it.
	in := bufio.NewReader(io.LimitReader(flate.NewReader(bytes.NewReader(z)), maxItems+1))
	r := &Record{}
	read := 0
	for {
		item, err := in.ReadString('\n')
		if read += len(item); read > maxItems {
			return nil, bad(say.Errorf("it inflates to more than %d MiB; a record of a thousand pages is some 30", maxItems>>20))
		}
		if err == io.EOF {
			if item != "" {
				return nil, bad(say.New("its last item is cut short"))
			}
			break
		}
		if err != nil {
			return nil, bad(err)
		}
		if err := r.add(strings.TrimSuffix(item, "\n")); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// add reads one item of the record.
func (r *Record) add(item string) error {
	f := strings.Split(item, "\t")
	bad := say.Errorf("layout record item %q is not of the form the record's schema says", item)
	nums := func(fs []string) ([]float64, bool) {
		out := make([]float64, len(fs))
		for i, s := range fs {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, false
			}
			out[i] = v
		}
		return out, true
	}
	switch {
	case f[0] == "P" && len(f) == 3:
		v, ok := nums(f[1:])
		if !ok {
			return bad
		}
		r.Pages = append(r.Pages, PageSize{v[0], v[1]})
	case (f[0] == "L" || f[0] == "C" || f[0] == "I") && len(f) == 8:
		v, ok := nums(f[1:6])
		if !ok || int(v[0]) != len(r.Pages) {
			return bad
		}
		r.Lines = append(r.Lines, Line{Kind: Kind(f[0][0]), Page: int(v[0]), Y: v[1], X1: v[2], X2: v[3], Size: v[4], Name: f[6], Text: f[7]})
	default:
		return bad
	}
	return nil
}
