package draft

// docx.go reads a .docx (Office Open XML, as Word, WPS and LibreOffice
// save it) with archive/zip and encoding/xml: the body's paragraphs and
// tables in order, each paragraph's alignment, font size and page break,
// Word's automatic numbering resolved into the text it shows
// (numbering.xml), tracked changes taken as accepted. Comments, footnotes
// and endnotes are dropped and reported where they are referenced.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	pathpkg "path"
	"strconv"
	"strings"

	"gongwen/internal/input"
	"gongwen/internal/say"
)

// The bounds of reading a .docx: the file, each part of it unpacked, and
// the number of its parts. A 公文 of a hundred pages is a few hundred
// kilobytes of XML; its pictures are not read.
const (
	MaxDocx  = 64 << 20
	MaxPart  = 64 << 20
	MaxParts = 10000
)

// wordNS are the namespaces of WordprocessingML: transitional (what every
// word processor writes) and strict.
var wordNS = map[string]bool{
	"http://schemas.openxmlformats.org/wordprocessingml/2006/main": true,
	"http://purl.oclc.org/ooxml/wordprocessingml/main":             true,
}

type valAttr struct {
	Val string `xml:"val,attr"`
}

func (v *valAttr) on() bool {
	return v != nil && v.Val != "0" && v.Val != "false" && v.Val != "off"
}

type rPrXML struct {
	Sz     *valAttr `xml:"sz"`
	Vanish *valAttr `xml:"vanish"`
}

type numPrXML struct {
	Ilvl  *valAttr `xml:"ilvl"`
	NumID *valAttr `xml:"numId"`
}

type pPrXML struct {
	Style           *valAttr  `xml:"pStyle"`
	Jc              *valAttr  `xml:"jc"`
	NumPr           *numPrXML `xml:"numPr"`
	PageBreakBefore *valAttr  `xml:"pageBreakBefore"`
	SectPr          *struct {
		Type *valAttr `xml:"type"`
	} `xml:"sectPr"`
	RPr *rPrXML `xml:"rPr"`
}

type stylesXML struct {
	Default struct {
		RPr rPrXML `xml:"rPrDefault>rPr"`
	} `xml:"docDefaults"`
	Styles []struct {
		Type    string   `xml:"type,attr"`
		ID      string   `xml:"styleId,attr"`
		Default string   `xml:"default,attr"`
		BasedOn *valAttr `xml:"basedOn"`
		PPr     pPrXML   `xml:"pPr"`
		RPr     rPrXML   `xml:"rPr"`
	} `xml:"style"`
}

type numberingXML struct {
	Abstract []struct {
		ID     string `xml:"abstractNumId,attr"`
		Levels []struct {
			Ilvl  string   `xml:"ilvl,attr"`
			Start *valAttr `xml:"start"`
			Fmt   *valAttr `xml:"numFmt"`
			Text  *valAttr `xml:"lvlText"`
		} `xml:"lvl"`
	} `xml:"abstractNum"`
	Nums []struct {
		ID       string  `xml:"numId,attr"`
		Abstract valAttr `xml:"abstractNumId"`
		Override []struct {
			Ilvl  string   `xml:"ilvl,attr"`
			Start *valAttr `xml:"startOverride"`
		} `xml:"lvlOverride"`
	} `xml:"num"`
}

type notesXML struct {
	Notes []struct {
		ID   string   `xml:"id,attr"`
		Text []string `xml:"p>r>t"`
	} `xml:",any"`
}

// level is one level of a list: its first number, number format and the
// text shown (%1 … %9 standing for the numbers of the levels).
type level struct {
	start int
	fmt   string
	text  string
}

// maxDepth is how deep the elements the reader descends into may nest: a
// draft nests a few tens deep (a table in a text box in a table); far more
// is a damaged or hostile file, refused before it exhausts the stack.
const maxDepth = 500

var errTooDeep = say.Errorf("elements nested more than %d deep", maxDepth)

// enter counts a level of elements descended into; leave is deferred.
func (r *docxReader) enter() error {
	r.depth++
	if r.depth > maxDepth {
		return errTooDeep
	}
	return nil
}

func (r *docxReader) leave() { r.depth-- }

type docxReader struct {
	d      *Draft
	dec    *xml.Decoder
	styles map[string]pPrXML
	based  map[string]string
	sizes  map[string]float64
	normal string
	defSz  float64
	// lists by numId: the abstract list it counts in, and overrides of
	// its starts not yet applied.
	abstractOf map[string]string
	levels     map[string][]level
	overrides  map[string]map[int]int
	counters   map[string]*[9]int
	comments   map[string]string
	footnotes  map[string]string
	endnotes   map[string]string

	behind       bool        // within a drawing set behind the text
	sealRefs     [][2]string // the relationship IDs of its pictures, and their paragraphs' numbers
	depth        int         // elements the reader is within, bounded by maxDepth
	n            int         // paragraphs and tables of the body so far
	pendingBreak bool        // the next paragraph starts a page
	ins, del     int
}

// readDocx reads the .docx at path within the bounds above.
func readDocx(path string) (*Draft, error) {
	f, err := input.Open(path, input.Any)
	if err != nil {
		return nil, say.Errorf("%s: %v", path, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, say.Errorf("%s: %v", path, err)
	}
	if st.Size() > MaxDocx {
		return nil, say.Errorf("%s: a .docx of %d bytes is larger than the %d MB a draft may have", path, st.Size(), MaxDocx>>20)
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return nil, say.Errorf("%s: not a .docx (a .docx is a zip archive: %v); a .doc from an old Word must be saved as .docx first", path, err)
	}
	if len(zr.File) > MaxParts {
		return nil, say.Errorf("%s: the .docx holds %d parts, more than the %d a draft may have", path, len(zr.File), MaxParts)
	}
	parts := map[string]*zip.File{}
	for _, zf := range zr.File {
		parts[zf.Name] = zf
	}
	read := func(name string, required bool) ([]byte, error) {
		zf := parts[name]
		if zf == nil {
			if required {
				return nil, say.Errorf("%s: not a Word document: it has no %s", path, name)
			}
			return nil, nil
		}
		if zf.UncompressedSize64 > MaxPart {
			return nil, say.Errorf("%s: its part %s unpacks to %d bytes, more than the %d MB a part may have", path, name, zf.UncompressedSize64, MaxPart>>20)
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, say.Errorf("%s: %s: %v", path, name, err)
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, MaxPart+1))
		if err != nil {
			return nil, say.Errorf("%s: %s: %v", path, name, err)
		}
		if len(b) > MaxPart {
			return nil, say.Errorf("%s: its part %s unpacks to more than the %d MB a part may have", path, name, MaxPart>>20)
		}
		return b, nil
	}
	r := &docxReader{d: &Draft{Path: path, Unit: "paragraph"}}
	// The parts by their relationships (what every word processor names
	// word/document.xml, word/styles.xml … when they are absent).
	main := "word/document.xml"
	if b, err := read("_rels/.rels", false); err == nil && b != nil {
		if t := relTarget(b, "", "officeDocument"); t != "" {
			main = t
		}
	}
	named := map[string]string{}
	if b, err := read(relsOf(main), false); err == nil && b != nil {
		for _, kind := range []string{"styles", "numbering", "comments", "footnotes", "endnotes"} {
			named[kind] = relTarget(b, main, kind)
		}
	}
	part := func(kind string) string {
		if n := named[kind]; n != "" {
			return n
		}
		return "word/" + kind + ".xml"
	}
	for _, p := range []struct {
		name string
		into func([]byte) error
	}{
		{part("styles"), r.readStyles},
		{part("numbering"), r.readNumbering},
		{part("comments"), func(b []byte) error { return readNotes(b, &r.comments) }},
		{part("footnotes"), func(b []byte) error { return readNotes(b, &r.footnotes) }},
		{part("endnotes"), func(b []byte) error { return readNotes(b, &r.endnotes) }},
	} {
		b, err := read(p.name, false)
		if err != nil {
			return nil, err
		}
		if b != nil {
			if err := p.into(b); err != nil {
				return nil, say.Errorf("%s: %s: %v", path, p.name, err)
			}
		}
	}
	b, err := read(main, true)
	if err != nil {
		return nil, err
	}
	if err := r.body(b); err != nil {
		return nil, say.Errorf("%s: %s: %v", path, main, err)
	}
	// The pictures behind the text: seals, PNG or JPEG.
	rels, err := read(relsOf(main), false)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, ref := range r.sealRefs {
		n, _ := strconv.Atoi(ref[1])
		target := relByID(rels, main, ref[0])
		// Each picture read once, and no more than a document has
		// 署名: the bytes held stay within the draft's bounds.
		if seen[target] {
			continue
		}
		if len(r.d.Seals) == maxSeals {
			r.d.warn(n, "a picture behind the text beyond the first %d read as seals: not imported", maxSeals)
			continue
		}
		seen[target] = true
		if zf := parts[target]; zf != nil && zf.UncompressedSize64 > maxSealBytes {
			r.d.warn(n, "a picture behind the text of %d bytes is larger than the %d MB a seal may have: not imported", zf.UncompressedSize64, maxSealBytes>>20)
			continue
		}
		var data []byte
		if target != "" {
			if data, err = read(target, false); err != nil {
				return nil, err
			}
		}
		ext := ""
		switch {
		case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
			ext = "png"
		case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
			ext = "jpeg"
		default:
			r.d.warn(n, "a picture behind the text is not a PNG or JPEG image: not imported")
			continue
		}
		r.d.Seals = append(r.d.Seals, Picture{N: n, Data: data, Ext: ext})
	}
	// Headers and footers are not the document's text (a 公文's page
	// numbers are its own): what text they hold is reported, not read.
	for _, zf := range zr.File {
		base := strings.TrimSuffix(strings.TrimPrefix(zf.Name, "word/"), ".xml")
		if !strings.HasPrefix(zf.Name, "word/") || !(strings.HasPrefix(base, "header") || strings.HasPrefix(base, "footer")) || strings.Contains(base, "/") {
			continue
		}
		b, err := read(zf.Name, false)
		if err != nil {
			return nil, err
		}
		var hf struct {
			Text []string `xml:"p>r>t"`
		}
		if xml.Unmarshal(b, &hf) == nil {
			if text := strings.TrimSpace(strings.Join(hf.Text, "")); strings.Trim(text, "0123456789-—－ ") != "" {
				r.d.warn(0, "the text of a header or footer is not read: %q", text)
			}
		}
	}
	if r.ins+r.del > 0 {
		r.d.warn(0, "tracked changes accepted: %d insertions kept, %d deletions dropped", r.ins, r.del)
	}
	return r.d, nil
}

// relsOf is the name of the relationships part of the part name.
func relsOf(name string) string {
	dir, file := pathpkg.Split(name)
	return dir + "_rels/" + file + ".rels"
}

// relTarget is the part a relationships part points to with a
// relationship of the kind (the last word of its type), relative to the
// part from, in the archive's names; "" when there is none.
func relTarget(rels []byte, from, kind string) string {
	return findRel(rels, from, func(typ, _ string) bool { return strings.HasSuffix(typ, "/"+kind) })
}

// findRel is the part the first internal relationship that match takes
// (by its type and ID) points to, relative to the part from, in the
// archive's names; "" when there is none.
func findRel(rels []byte, from string, match func(typ, id string) bool) string {
	var r struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
			Mode   string `xml:"TargetMode,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(rels, &r) != nil {
		return ""
	}
	for _, rel := range r.Rel {
		if !match(rel.Type, rel.ID) || rel.Mode == "External" {
			continue
		}
		if strings.HasPrefix(rel.Target, "/") {
			return strings.TrimPrefix(rel.Target, "/")
		}
		return pathpkg.Clean(pathpkg.Join(pathpkg.Dir(from), rel.Target))
	}
	return ""
}

// maxSeals is the most pictures behind the text a draft's seals are read
// from (a 联合行文 of as many issuers is rare).
const maxSeals = 16

// maxSealBytes is the largest picture read as a seal (a seal's PNG is tens
// of kilobytes): with maxSeals, what a draft's seals hold stays bounded.
const maxSealBytes = 8 << 20

// relByID is the part a relationship of the part from names by its ID.
func relByID(rels []byte, from, id string) string {
	return findRel(rels, from, func(_, i string) bool { return i == id })
}

func halfPoints(v *valAttr) float64 {
	if v == nil {
		return 0
	}
	n, err := strconv.ParseFloat(v.Val, 64)
	if err != nil {
		return 0
	}
	return n / 2
}

func (r *docxReader) readStyles(b []byte) error {
	var s stylesXML
	if err := xml.Unmarshal(b, &s); err != nil {
		return err
	}
	r.styles, r.based, r.sizes = map[string]pPrXML{}, map[string]string{}, map[string]float64{}
	r.defSz = halfPoints(s.Default.RPr.Sz)
	for _, st := range s.Styles {
		if st.Type != "paragraph" {
			continue
		}
		r.styles[st.ID] = st.PPr
		if st.BasedOn != nil {
			r.based[st.ID] = st.BasedOn.Val
		}
		r.sizes[st.ID] = halfPoints(st.RPr.Sz)
		if st.Default == "1" || st.Default == "true" {
			r.normal = st.ID
		}
	}
	return nil
}

// styleChain is the style and those it is based on, nearest first.
func (r *docxReader) styleChain(id string) []pPrXML {
	var out []pPrXML
	seen := map[string]bool{}
	for id != "" && !seen[id] {
		seen[id] = true
		if p, ok := r.styles[id]; ok {
			out = append(out, p)
		}
		id = r.based[id]
	}
	return out
}

func (r *docxReader) styleSize(id string) float64 {
	seen := map[string]bool{}
	for id != "" && !seen[id] {
		seen[id] = true
		if s := r.sizes[id]; s > 0 {
			return s
		}
		id = r.based[id]
	}
	return r.defSz
}

func (r *docxReader) readNumbering(b []byte) error {
	var n numberingXML
	if err := xml.Unmarshal(b, &n); err != nil {
		return err
	}
	abstract := map[string][]level{}
	for _, a := range n.Abstract {
		lv := make([]level, 9)
		for i := range lv {
			lv[i].start = 1
		}
		for _, l := range a.Levels {
			i, err := strconv.Atoi(l.Ilvl)
			if err != nil || i < 0 || i > 8 {
				continue
			}
			if l.Start != nil {
				if s, err := strconv.Atoi(l.Start.Val); err == nil {
					lv[i].start = s
				}
			}
			if l.Fmt != nil {
				lv[i].fmt = l.Fmt.Val
			}
			if l.Text != nil {
				lv[i].text = l.Text.Val
			}
		}
		abstract[a.ID] = lv
	}
	r.abstractOf, r.levels, r.overrides, r.counters = map[string]string{}, map[string][]level{}, map[string]map[int]int{}, map[string]*[9]int{}
	for _, num := range n.Nums {
		lv, ok := abstract[num.Abstract.Val]
		if !ok {
			continue
		}
		r.abstractOf[num.ID] = num.Abstract.Val
		r.levels[num.ID] = lv
		for _, o := range num.Override {
			i, err := strconv.Atoi(o.Ilvl)
			if err != nil || i < 0 || i > 8 || o.Start == nil {
				continue
			}
			if s, err := strconv.Atoi(o.Start.Val); err == nil {
				if r.overrides[num.ID] == nil {
					r.overrides[num.ID] = map[int]int{}
				}
				r.overrides[num.ID][i] = s
			}
		}
	}
	return nil
}

// number is the text Word shows before a paragraph of list numID at level
// ilvl, counting it.
func (r *docxReader) number(numID string, ilvl int) string {
	lv, ok := r.levels[numID]
	if !ok || ilvl < 0 || ilvl > 8 {
		return ""
	}
	abs := r.abstractOf[numID]
	c := r.counters[abs]
	if c == nil {
		c = &[9]int{}
		r.counters[abs] = c
	}
	if o, ok := r.overrides[numID]; ok { // a list restarted: its overrides apply at its first paragraph
		for i, s := range o {
			c[i] = s - 1
			for k := i + 1; k < 9; k++ {
				c[k] = 0
			}
		}
		delete(r.overrides, numID)
	}
	if c[ilvl] == 0 {
		c[ilvl] = lv[ilvl].start
	} else {
		c[ilvl]++
	}
	for k := ilvl + 1; k < 9; k++ {
		c[k] = 0
	}
	if lv[ilvl].fmt == "bullet" || lv[ilvl].fmt == "none" {
		return ""
	}
	text := lv[ilvl].text
	for k := 0; k < 9; k++ {
		mark := "%" + strconv.Itoa(k+1)
		if !strings.Contains(text, mark) {
			continue
		}
		v := c[k]
		if v == 0 {
			v = lv[k].start
		}
		text = strings.ReplaceAll(text, mark, formatNumber(v, lv[k].fmt))
	}
	return text
}

func readNotes(b []byte, into *map[string]string) error {
	var n notesXML
	if err := xml.Unmarshal(b, &n); err != nil {
		return err
	}
	*into = map[string]string{}
	for _, c := range n.Notes {
		(*into)[c.ID] = strings.TrimSpace(strings.Join(c.Text, ""))
	}
	return nil
}

// body reads the document's body: its paragraphs and tables in order.
func (r *docxReader) body(b []byte) error {
	r.dec = xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := r.dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if s, ok := tok.(xml.StartElement); ok && wordNS[s.Name.Space] && s.Name.Local == "body" {
			return r.blocks()
		}
	}
}

// blocks reads paragraphs and tables up to the end of the element they are in.
func (r *docxReader) blocks() error {
	if err := r.enter(); err != nil {
		return err
	}
	defer r.leave()
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			switch {
			case !wordNS[t.Name.Space] || t.Name.Local == "sectPr" || strings.HasSuffix(t.Name.Local, "Pr"):
				if err := r.dec.Skip(); err != nil {
					return err
				}
			case t.Name.Local == "p":
				ps, err := r.paragraph()
				if err != nil {
					return err
				}
				r.emit(ps)
			case t.Name.Local == "tbl":
				tb, err := r.table()
				if err != nil {
					return err
				}
				r.n++
				r.d.Paras = append(r.d.Paras, Para{N: r.n, Table: tb, PageBreak: r.pendingBreak})
				r.pendingBreak = false
			case t.Name.Local == "del" || t.Name.Local == "moveFrom":
				r.del++
				if err := r.dec.Skip(); err != nil {
					return err
				}
			default: // sdt, sdtContent, customXml, ins: their paragraphs are the body's
				if t.Name.Local == "ins" {
					r.ins++
				}
				if err := r.blocks(); err != nil {
					return err
				}
			}
		}
	}
}

// paraState is a paragraph being read.
type paraState struct {
	b         strings.Builder
	pPr       pPrXML
	runSize   float64
	hidden    bool            // in a run of hidden text (w:vanish)
	hiddenOut strings.Builder // the hidden text, not read
	size      float64         // of its first run with text
	pageBreak bool
	notes     []string
	nested    []*paraState // paragraphs of its text boxes
	tables    []*Table
	boxed     bool // a paragraph of a text box
}

// emit adds a paragraph (one per line break in it) and those nested in it.
func (r *docxReader) emit(ps *paraState) {
	text := ps.b.String()
	if strings.TrimSpace(text) == "" && len(ps.nested) == 0 && len(ps.tables) == 0 {
		if ps.pageBreak {
			r.pendingBreak = true
		}
		return
	}
	r.n++
	if strings.TrimSpace(text) != "" {
		p := Para{N: r.n, Size: ps.size, PageBreak: ps.pageBreak, Boxed: ps.boxed}
		chain := r.styleChain(ps.styleID())
		chain = append([]pPrXML{ps.pPr}, chain...)
		for _, c := range chain {
			if c.Jc != nil {
				p.Center = c.Jc.Val == "center"
				break
			}
		}
		if p.Size == 0 && ps.pPr.RPr != nil {
			p.Size = halfPoints(ps.pPr.RPr.Sz)
		}
		if p.Size == 0 {
			p.Size = r.styleSize(ps.styleID())
		}
		for i, line := range strings.Split(text, "\n") {
			if strings.TrimSpace(line) == "" {
				continue
			}
			q := p
			q.Text = line
			q.PageBreak = p.PageBreak && i == 0
			r.d.Paras = append(r.d.Paras, q)
		}
	}
	for _, m := range ps.notes {
		r.d.warn(r.n, "%s", m)
	}
	if h := strings.TrimSpace(ps.hiddenOut.String()); h != "" {
		r.d.warn(r.n, "hidden text dropped: %q", h)
	}
	for _, t := range ps.tables {
		r.d.Paras = append(r.d.Paras, Para{N: r.n, Table: t})
	}
	for _, q := range ps.nested {
		r.emit(q)
	}
}

// note records what the paragraph loses in the import, told the user with
// its place.
func (ps *paraState) note(format string, args ...any) {
	ps.notes = append(ps.notes, fmt.Sprintf(format, args...))
}

func (ps *paraState) styleID() string {
	if ps.pPr.Style != nil {
		return ps.pPr.Style.Val
	}
	return ""
}

// paragraph reads a w:p whose start was just read.
func (r *docxReader) paragraph() (*paraState, error) {
	ps := &paraState{pageBreak: r.pendingBreak}
	r.pendingBreak = false
	if err := r.inline(ps, false); err != nil {
		return nil, err
	}
	// The paragraph's numbering: its own, or its style's.
	numID, ilvl := "", 0
	np := ps.pPr.NumPr
	if np == nil || np.NumID == nil {
		for _, c := range r.styleChain(ps.styleID()) {
			if c.NumPr != nil && c.NumPr.NumID != nil {
				np = c.NumPr
				break
			}
		}
	}
	if np != nil && np.NumID != nil {
		numID = np.NumID.Val
		if np.Ilvl != nil {
			ilvl, _ = strconv.Atoi(np.Ilvl.Val)
		}
	}
	if numID != "" && numID != "0" && strings.TrimSpace(ps.b.String()) != "" {
		text := ps.b.String()
		ps.b.Reset()
		ps.b.WriteString(r.number(numID, ilvl))
		ps.b.WriteString(text)
	}
	if sp := ps.pPr.SectPr; sp != nil && (sp.Type == nil || sp.Type.Val != "continuous") {
		r.pendingBreak = true // a section break: the next section starts a page
	}
	if ps.pPr.PageBreakBefore.on() {
		ps.pageBreak = true
	}
	return ps, nil
}

func attr(s xml.StartElement, local string) string {
	for _, a := range s.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// inline reads a paragraph's content up to the end of the element it is
// in; del is true inside a tracked deletion.
func (r *docxReader) inline(ps *paraState, del bool) error {
	if err := r.enter(); err != nil {
		return err
	}
	defer r.leave()
	inText := false
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if inText {
				inText = false
				continue
			}
			return nil
		case xml.CharData:
			if inText && !del && ps.hidden {
				ps.hiddenOut.Write(t)
			} else if inText && !del {
				if ps.size == 0 && strings.TrimSpace(string(t)) != "" {
					ps.size = ps.runSize
				}
				ps.b.Write(t)
			}
		case xml.StartElement:
			if !wordNS[t.Name.Space] {
				if t.Name.Local == "Fallback" { // mc:AlternateContent's copy of the Choice
					if err := r.dec.Skip(); err != nil {
						return err
					}
					continue
				}
				if t.Name.Local == "anchor" {
					was := r.behind
					r.behind = attr(t, "behindDoc") == "1" || attr(t, "behindDoc") == "true"
					err := r.inline(ps, del)
					r.behind = was
					if err != nil {
						return err
					}
					continue
				}
				if t.Name.Local == "blip" && r.behind && !del && attr(t, "embed") != "" {
					r.sealRefs = append(r.sealRefs, [2]string{attr(t, "embed"), strconv.Itoa(r.n + 1)})
				}
				if err := r.inline(ps, del); err != nil {
					return err
				}
				continue
			}
			var err error
			switch name := t.Name.Local; name {
			case "pPr":
				err = r.dec.DecodeElement(&ps.pPr, &t)
			case "rPr":
				var rp rPrXML
				err = r.dec.DecodeElement(&rp, &t)
				ps.runSize = halfPoints(rp.Sz)
				ps.hidden = rp.Vanish.on()
			case "r":
				ps.runSize, ps.hidden = 0, false
				err = r.inline(ps, del)
			case "t":
				inText = true
			case "tab", "ptab":
				if !del {
					ps.b.WriteByte('\t')
				}
				err = r.dec.Skip()
			case "br", "cr":
				switch {
				case del:
				case attr(t, "type") == "page" && strings.TrimSpace(ps.b.String()) == "":
					ps.pageBreak = true
				case attr(t, "type") == "page":
					ps.b.WriteByte('\n')
					r.pendingBreak = true
				default:
					ps.b.WriteByte('\n')
				}
				err = r.dec.Skip()
			case "noBreakHyphen":
				if !del {
					ps.b.WriteByte('-')
				}
				err = r.dec.Skip()
			case "sym":
				if c, e := strconv.ParseUint(attr(t, "char"), 16, 32); e == nil && !del {
					if c >= 0xF000 && c <= 0xF0FF { // a symbol font's private use code
						c -= 0xF000
					}
					if c >= 0x20 {
						ps.b.WriteRune(rune(c))
					}
				}
				err = r.dec.Skip()
			case "ins", "moveTo":
				r.ins++
				err = r.inline(ps, del)
			case "del", "moveFrom":
				r.del++
				err = r.inline(ps, true)
			case "commentReference":
				id := attr(t, "id")
				ps.note("comment dropped: %q", r.comments[id])
				err = r.dec.Skip()
			case "footnoteReference", "endnoteReference":
				id := attr(t, "id")
				text := r.footnotes[id]
				if name == "endnoteReference" {
					text = r.endnotes[id]
				}
				ps.note("footnote dropped: %q", text)
				err = r.dec.Skip()
			case "drawing", "pict", "object":
				seals := len(r.sealRefs)
				err = r.inline(ps, del)
				if !del && len(r.sealRefs) == seals { // a seal is imported (readDocx)
					ps.note("a picture or shape is not imported (any text in it is kept)")
				}
			case "p": // a text box's paragraph
				var q *paraState
				q, err = r.paragraph()
				if err == nil {
					q.boxed = true
					ps.nested = append(ps.nested, q)
				}
			case "tbl":
				var tb *Table
				tb, err = r.table()
				if err == nil {
					ps.tables = append(ps.tables, tb)
				}
			case "delText", "instrText", "delInstrText", "fldData", "sdtPr", "sdtEndPr", "rPrChange", "pPrChange",
				"commentRangeStart", "commentRangeEnd", "bookmarkStart", "bookmarkEnd", "proofErr", "lastRenderedPageBreak":
				err = r.dec.Skip()
			default: // hyperlink, fldSimple, smartTag, sdt, drawing, txbxContent …: their text is the paragraph's
				err = r.inline(ps, del)
			}
			if err != nil {
				return err
			}
		}
	}
}

// table reads a w:tbl whose start was just read.
func (r *docxReader) table() (*Table, error) {
	if err := r.enter(); err != nil {
		return nil, err
	}
	defer r.leave()
	tb := &Table{}
	var above []string // each grid column's text in the row above, for vertical merges
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return tb, nil
		case xml.StartElement:
			if !wordNS[t.Name.Space] || t.Name.Local != "tr" {
				if t.Name.Local == "tblPr" || t.Name.Local == "tblGrid" || !wordNS[t.Name.Space] {
					if err := r.dec.Skip(); err != nil {
						return nil, err
					}
					continue
				}
				// sdt, customXml around rows: read the rows inside as rows
				sub, err := r.table()
				if err != nil {
					return nil, err
				}
				tb.Rows = append(tb.Rows, sub.Rows...)
				continue
			}
			row, err := r.row(above, tb)
			if err != nil {
				return nil, err
			}
			if row != nil {
				tb.Rows = append(tb.Rows, row)
				above = row
			}
		}
	}
}

type tcPrXML struct {
	GridSpan      *valAttr `xml:"gridSpan"`
	VMerge        *valAttr `xml:"vMerge"`
	TextDirection *valAttr `xml:"textDirection"`
	Borders       *struct {
		TL2BR *valAttr `xml:"tl2br"`
	} `xml:"tcBorders"`
}

// vertical says whether the cell's text runs down, one character under
// another.
func (pr *tcPrXML) vertical() bool {
	if pr.TextDirection == nil {
		return false
	}
	switch pr.TextDirection.Val {
	case "tbRl", "tbRlV", "tbLrV", "tb", "tbV":
		return true
	}
	return false
}

// diagonal says whether the cell is split by a rule from its top left
// corner.
func (pr *tcPrXML) diagonal() bool {
	return pr.Borders != nil && pr.Borders.TL2BR != nil && pr.Borders.TL2BR.Val != "nil" && pr.Borders.TL2BR.Val != "none"
}

// note records what a cell of the table's next row says of its grid
// columns (Table's maps).
func (tb *Table) note(col, span int, pr *tcPrXML, parts []string) {
	if tb.Merged == nil {
		tb.Merged, tb.Vertical, tb.Corner = map[[2]int]bool{}, map[[2]int]bool{}, map[[2]int]string{}
	}
	row := len(tb.Rows)
	for c := col; c < col+span; c++ {
		if pr.VMerge != nil && pr.VMerge.Val != "restart" {
			tb.Merged[[2]int{row, c}] = true
		}
		if pr.vertical() {
			tb.Vertical[[2]int{row, c}] = true
		}
	}
	if pr.diagonal() && len(parts) > 1 && span == 1 {
		tb.Corner[[2]int{row, col}] = parts[0]
	}
}

// row reads a w:tr: each cell's paragraphs joined, a cell spanning
// columns repeated into each, one merged with the cell above taking its text.
func (r *docxReader) row(above []string, tb *Table) ([]string, error) {
	var row []string
	deleted := false
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			if deleted {
				r.del++
				return nil, nil
			}
			return row, nil
		case xml.StartElement:
			switch {
			case wordNS[t.Name.Space] && t.Name.Local == "trPr":
				var p struct {
					Del *struct{} `xml:"del"`
				}
				if err := r.dec.DecodeElement(&p, &t); err != nil {
					return nil, err
				}
				deleted = p.Del != nil
			case wordNS[t.Name.Space] && t.Name.Local == "tc":
				parts, pr, err := r.cell()
				if err != nil {
					return nil, err
				}
				text := strings.Join(parts, "")
				span := 1
				if pr.GridSpan != nil {
					if n, err := strconv.Atoi(pr.GridSpan.Val); err == nil && n > 1 && n < 64 {
						span = n
					}
				}
				if pr.VMerge != nil && pr.VMerge.Val != "restart" && len(row) < len(above) {
					text = above[len(row)]
				}
				tb.note(len(row), span, &pr, parts)
				if lines := nonEmpty(parts); len(lines) > 1 && !pr.diagonal() && (pr.VMerge == nil || pr.VMerge.Val == "restart") {
					if tb.Lines == nil {
						tb.Lines = map[[2]int][]string{}
					}
					tb.Lines[[2]int{len(tb.Rows), len(row)}] = lines
				}
				if tb.Corner[[2]int{len(tb.Rows), len(row)}] != "" {
					text = strings.Join(parts[1:], "")
				}
				for i := 0; i < span; i++ {
					row = append(row, text)
				}
			default:
				if err := r.dec.Skip(); err != nil {
					return nil, err
				}
			}
		}
	}
}

// nonEmpty are the strings that hold more than white space.
func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}

// cell reads a w:tc: its paragraphs' text, joined without a break by row.
func (r *docxReader) cell() ([]string, tcPrXML, error) {
	var pr tcPrXML
	var parts []string
	err := r.cellContent(&pr, &parts)
	return parts, pr, err
}

// cellContent reads a cell's paragraphs and tables, and those in the
// content controls (w:sdt) and custom XML around them, up to the end of
// the element they are in.
func (r *docxReader) cellContent(pr *tcPrXML, parts *[]string) error {
	if err := r.enter(); err != nil {
		return err
	}
	defer r.leave()
	for {
		tok, err := r.dec.Token()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			switch {
			case !wordNS[t.Name.Space] || t.Name.Local == "sdtPr" || t.Name.Local == "sdtEndPr":
				err = r.dec.Skip()
			case t.Name.Local == "tcPr":
				err = r.dec.DecodeElement(pr, &t)
			case t.Name.Local == "p":
				var ps *paraState
				if ps, err = r.paragraph(); err == nil {
					*parts = append(*parts, strings.TrimSpace(strings.ReplaceAll(ps.b.String(), "\n", "")))
					for _, m := range ps.notes {
						r.d.warn(r.n+1, "%s", m)
					}
				}
			case t.Name.Local == "tbl":
				var sub *Table
				if sub, err = r.table(); err == nil {
					for _, row := range sub.Rows {
						*parts = append(*parts, strings.Join(dedupe(row), " "))
					}
				}
			default:
				err = r.cellContent(pr, parts)
			}
			if err != nil {
				return err
			}
		}
	}
}
