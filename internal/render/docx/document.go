package docx

// document.go writes word/document.xml: the paragraphs, tables, pictures
// and rules of the model, its sections and the footers with page numbers.

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"

	"gongwen/internal/doc"
	"gongwen/internal/format"
	"gongwen/internal/layout"
)

func xmlEscape(w io.Writer, s string) { _ = xml.EscapeText(w, []byte(s)) }

func (r *renderer) document() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xmlHead + `<w:document ` + nsW + nsDrawing + `><w:body>`)
	m := r.m
	// A section a run of pages of one orientation: the landscape pages of
	// a wide table's annex are a section of their own, and so are the
	// upright pages after them.
	wide := func(i int) bool { return landscape(&r.res.Pages[m.blocks[i].page]) }
	sec := section{first: true}
	fresh := false // the block starts a section after the first
	for i, bl := range m.blocks {
		last := i == len(m.blocks)-1
		if i == 0 {
			sec.wide = wide(0)
		}
		ends := !last && wide(i+1) != sec.wide
		if bl.t != nil {
			for range bl.t.blanks {
				fmt.Fprintf(&b, `<w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr></w:p>`, StyleBody)
			}
			r.table(&b, bl.t)
			if ends {
				// A table cannot hold the section's end: the smallest
				// paragraph after it does.
				b.WriteString(`<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="20" w:lineRule="exact"/>` + r.sectPr(false, "", sec) + `<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>`)
				sec, fresh = section{wide: wide(i + 1)}, true
			}
			continue
		}
		if fresh {
			// The section starts the page: a break of its own would
			// leave a page blank.
			bl.p.breakBefore = false
			fresh = false
		}
		sect := ""
		if ends || last && m.imprint != nil && m.imprint.alone {
			sect = r.sectPr(false, "", sec)
		}
		if err := r.para(&b, bl.p, sect); err != nil {
			return nil, err
		}
		if ends {
			sec, fresh = section{wide: wide(i + 1)}, true
		}
	}
	final := r.sectPr(false, "", sec)
	if imp := m.imprint; imp != nil {
		kind := "nextPage"
		if imp.even {
			kind = "evenPage"
		}
		if imp.alone {
			final = r.sectPr(!r.m.numbered[imp.page], kind, section{})
		}
		r.imprintTable(&b, imp)
		// The paragraph a section must end with, as small as can be, so
		// that it does not push the 版记 onto a page of its own.
		b.WriteString(`<w:p><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>`)
	}
	b.WriteString(final)
	b.WriteString(`</w:body></w:document>`)
	return b.Bytes(), nil
}

// section is what sets a section's page apart.
type section struct {
	wide  bool // on its side: a landscape annex's pages
	first bool // it holds the document's first page
}

// sectPr is a section's page: A4 with the 版心's margins, the document
// grid, odd and even footers with the page number (an empty footer on an
// unnumbered first page, and all empty for the 版记's own section). A
// landscape section's page is the sheet turned as the PDF turns it, its
// margins turned with it (pageFrame).
func (r *renderer) sectPr(bare bool, kind string, sec section) string {
	f := r.f
	var b strings.Builder
	b.WriteString(`<w:sectPr>`)
	titlePg := false
	if bare {
		b.WriteString(`<w:footerReference w:type="default" r:id="rIdFooterNone"/><w:footerReference w:type="even" r:id="rIdFooterNone"/>`)
	} else {
		b.WriteString(`<w:footerReference w:type="default" r:id="rIdFooterOdd"/><w:footerReference w:type="even" r:id="rIdFooterEven"/>`)
		if !r.m.numbered[0] && sec.first {
			titlePg = true
			b.WriteString(`<w:footerReference w:type="first" r:id="rIdFooterNone"/>`)
		}
	}
	if kind != "" {
		fmt.Fprintf(&b, `<w:type w:val="%s"/>`, kind)
	}
	if sec.wide {
		// The portrait sheet's bottom margin is on the left, its left
		// margin on top; the text area as wide as the 版心 is high.
		left, top := f.PageHeight-f.Bottom(), f.Left
		bottom := f.PageWidth - f.Left - f.BodyWidth
		fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d" w:orient="landscape"/>`, twips(f.PageHeight), twips(f.PageWidth))
		fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`,
			twips(top), twips(f.PageHeight)-twips(left)-twips(f.BodyHeight), twips(bottom), twips(left), twips(top/2), twips(bottom/2))
	} else {
		fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d"/>`, twips(f.PageWidth), twips(f.PageHeight))
		fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`,
			twips(f.Top), twips(f.PageWidth)-twips(f.Left)-textWidth(f), twips(f.PageHeight-f.Bottom()), twips(f.Left), twips(f.Top/2), twips(r.footerDistance()))
	}
	if titlePg {
		b.WriteString(`<w:titlePg/>`)
	}
	fmt.Fprintf(&b, `<w:docGrid w:type="lines" w:linePitch="%d"/>`, gridTwips(f))
	b.WriteString(`</w:sectPr>`)
	return b.String()
}

// footerDistance puts the page number's baseline where the PDF's is: the
// footer's line is the number's size high, its descent below the baseline.
func (r *renderer) footerDistance() float64 {
	f := r.f
	size := format.MM(f.PageNumber.Size)
	base := f.Bottom() + f.PageNumberDrop + f.EmAscent*size
	return f.PageHeight - base - (1-f.EmAscent)*size
}

// footer is the page number "— N —", outer side, PageNumberIndent 字 in.
func (r *renderer) footer(odd bool) []byte {
	f := r.f
	in := twips(f.PageNumberIndent * format.MM(f.PageNumber.Size))
	jc, left, right := "left", in, 0
	if odd {
		jc, left, right = "right", 0, in
	}
	size := int(math.Round(f.PageNumber.Size * 20))
	var b bytes.Buffer
	b.WriteString(xmlHead + `<w:ftr ` + nsW + `><w:p><w:pPr><w:pStyle w:val="` + StylePageNumber + `"/>`)
	fmt.Fprintf(&b, `<w:snapToGrid w:val="0"/><w:spacing w:line="%d" w:lineRule="exact"/><w:ind w:left="%d" w:right="%d" w:firstLine="0"/><w:jc w:val="%s"/></w:pPr>`, size, left, right, jc)
	b.WriteString(`<w:r><w:t xml:space="preserve">— </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>`)
	return b.Bytes()
}

// para writes one paragraph (and the empty grid lines before it).
func (r *renderer) para(b *bytes.Buffer, p *para, sect string) error {
	for i := 0; i < p.blanks; i++ {
		keep := ""
		if p.keepNext {
			keep = `<w:keepNext/>`
		}
		fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="%s"/>%s</w:pPr></w:p>`, StyleBody, keep)
	}
	if p.image != nil {
		id, err := r.image(*p.image)
		if err != nil {
			return err
		}
		fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="%s"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r>`, StyleBody)
		r.inline(b, id, p.image)
		b.WriteString(`</w:r></w:p>`)
		return nil
	}
	if p.framed {
		// Written as a text box on the next paragraph: a frame
		// (w:framePr) above the 版心 pushes the text down in Writer.
		r.boxes = append(r.boxes, p)
		return nil
	}
	st := r.styleByID(p.style)
	b.WriteString(`<w:p><w:pPr>`)
	fmt.Fprintf(b, `<w:pStyle w:val="%s"/>`, p.style)
	switch {
	case p.keepNext && !st.keepNext:
		b.WriteString(`<w:keepNext/>`)
	case !p.keepNext && st.keepNext && p.runIn:
		b.WriteString(`<w:keepNext w:val="0"/>`)
	}
	if p.breakBefore {
		b.WriteString(`<w:pageBreakBefore/>`)
	}
	first := p.first()
	// Tabs for the runs of a line set apart (份号 and 发文字号, several 署名).
	tabs := r.tabStops(first)
	if len(tabs) > 0 {
		b.WriteString(`<w:tabs>`)
		for _, t := range tabs {
			fmt.Fprintf(b, `<w:tab w:val="left" w:pos="%d"/>`, t)
		}
		b.WriteString(`</w:tabs>`)
	}
	switch {
	case p.foot:
		r.footFrame(b, p)
	case p.exact > 0:
		fmt.Fprintf(b, `<w:snapToGrid w:val="0"/><w:spacing w:after="%d" w:line="%d" w:lineRule="exact"/>`, int(math.Round(p.after*20)), int(math.Round(p.exact*20)))
	}
	if !p.foot {
		r.placement(b, p, st)
	}
	if p.outline > 0 && p.outline != st.outline {
		fmt.Fprintf(b, `<w:outlineLvl w:val="%d"/>`, p.outline-1)
	}
	if sect != "" {
		b.WriteString(sect)
	}
	b.WriteString(`</w:pPr>`)
	// The boxes, and what was anchored to them (the rules: a text box
	// holds no floating shapes in Word).
	for _, q := range r.boxes {
		if err := r.textBox(b, q); err != nil {
			return err
		}
		for _, a := range q.anchors {
			if err := r.anchor(b, a, p); err != nil {
				return err
			}
		}
	}
	r.boxes = nil
	for _, a := range p.anchors {
		if err := r.anchor(b, a, p); err != nil {
			return err
		}
	}
	r.runs(b, p, st)
	b.WriteString(`</w:p>`)
	return nil
}

// footFrame places a paragraph at the foot of its page in a frame
// anchored to the page (the letter's 抄送), wherever the text above it
// ends: its lines of the 抄送's pitch, the first line's em box bottom where
// the PDF has it (a word processor sets a line of exact height on the line
// box's bottom), wrapped lines after the label as the PDF wraps them.
func (r *renderer) footFrame(b *bytes.Buffer, p *para) {
	f := r.f
	first := p.first()
	pitch := pitchOf(p, f)
	bottom := first.top + format.MM(first.texts[0].Style.Size)
	in := first.x0 - f.Left
	fmt.Fprintf(b, `<w:framePr w:w="%d" w:wrap="notBeside" w:hAnchor="page" w:vAnchor="page" w:x="%d" w:y="%d"/>`, twips(first.width), twips(f.Left), twips(bottom-pitch))
	fmt.Fprintf(b, `<w:snapToGrid w:val="0"/><w:spacing w:line="%d" w:lineRule="exact"/>`, twips(pitch))
	if len(p.lines) > 1 {
		hang := p.lines[1].x0 - first.x0
		fmt.Fprintf(b, `<w:ind w:left="%d" w:right="%d" w:hanging="%d"/>`, twips(in+hang), twips(in), twips(hang))
	} else {
		fmt.Fprintf(b, `<w:ind w:left="%d" w:right="%d" w:firstLine="0"/>`, twips(in), twips(in))
	}
}

// tabStops are the places of a line's runs after the first, when they
// stand apart from the one before (more than half a character's white).
func (r *renderer) tabStops(l *line) []int {
	var out []int
	for i := 1; i < len(l.texts); i++ {
		if r.apart(l, i) {
			out = append(out, twips(l.texts[i].Glyphs[0].X-r.f.Left))
		}
	}
	return out
}

// apart says whether the line's run i stands apart from the one before.
func (r *renderer) apart(l *line, i int) bool {
	prev := l.texts[i-1].Glyphs[len(l.texts[i-1].Glyphs)-1]
	return l.texts[i].Glyphs[0].X-(prev.X+prev.Adv) > r.f.CharPitch()/2
}

// placement writes the paragraph's alignment and indents where they differ
// from its style's: from where its lines stand on the page.
func (r *renderer) placement(b *bytes.Buffer, p *para, st style) {
	f := r.f
	first := p.first()
	left, firstLine, right := 0.0, first.x0-f.Left, 0.0
	jc := st.jc
	zi := f.CharPitch()
	centre := f.Left + first.width/2 // of the line's 版心 (a landscape page's is wider)
	switch {
	case len(p.lines) > 1:
		left = p.lines[1].x0 - f.Left
		firstLine = first.x0 - p.lines[1].x0
		jc = "both"
	case len(r.tabStops(first)) > 0 || p.style == StyleMark && spreadOf(first.texts[0]) != 0:
		jc = "left"
	case math.Abs((first.x0+first.x1)/2-centre) < 0.5 && first.x0 > f.Left+zi:
		jc, firstLine = "center", 0
	case first.x0 > f.Left+f.ParagraphIndent*zi+0.5 && first.x1 > centre || st.jc == "right":
		// Flush right, or a right indent (署名 右空二字): set from the
		// right, so that a line a word processor finds a little wider
		// does not wrap.
		jc, firstLine, right = "right", 0, first.right(f)-first.x1
	case st.jc == "center":
		jc = "left" // a 联合行文's stacked names, not centred on their own
	}
	if math.Abs(left) < 0.05 {
		left = 0
	}
	if jc == st.jc && math.Abs(firstLine-st.first) < 0.05 && left == 0 && right == 0 {
		return
	}
	fmt.Fprintf(b, `<w:ind w:left="%d" w:right="%d"`, twips(left), twips(right))
	if firstLine >= 0 {
		fmt.Fprintf(b, ` w:firstLine="%d"/>`, twips(firstLine))
	} else {
		fmt.Fprintf(b, ` w:hanging="%d"/>`, twips(-firstLine))
	}
	fmt.Fprintf(b, `<w:jc w:val="%s"/>`, jc)
}

// runs writes the paragraph's text: one run per change of style, a tab
// where a line's runs stand apart. A run in its paragraph style's face,
// size and colour has no properties of its own.
func (r *renderer) runs(b *bytes.Buffer, p *para, st style) {
	type run struct {
		st    format.Style
		text  strings.Builder
		tab   bool
		extra int // twentieths of a point between its characters
	}
	var rs []*run
	for _, l := range p.lines {
		for i, t := range l.texts {
			tab := i > 0 && r.apart(l, i)
			if n := len(rs); n > 0 && !tab && rs[n-1].st == t.Style {
				rs[n-1].text.WriteString(t.String())
				continue
			}
			nr := &run{st: t.Style, tab: tab}
			nr.text.WriteString(t.String())
			if p.style == StyleMark {
				nr.extra = spreadOf(t)
			}
			rs = append(rs, nr)
		}
	}
	// A spread name's last character has no white after it.
	for i := 0; i < len(rs); i++ {
		if ru := rs[i]; ru.extra != 0 {
			rs2 := []rune(ru.text.String())
			last := &run{st: ru.st}
			last.text.WriteString(string(rs2[len(rs2)-1]))
			ru.text.Reset()
			ru.text.WriteString(string(rs2[:len(rs2)-1]))
			rs = append(rs[:i+1], append([]*run{last}, rs[i+1:]...)...)
			i++
		}
	}
	for _, ru := range rs {
		for i, seg := range scripts(ru.text.String()) {
			b.WriteString(`<w:r>`)
			var spacing *int
			switch {
			case ru.extra != 0:
				spacing = &ru.extra
			case seg.half && ru.st.Size == r.f.Body.Size:
				spacing = new(int)
			}
			props := ""
			if ru.st != st.st || spacing != nil {
				props = r.rPr(ru.st, spacing, st.st)
			}
			if props != "" {
				b.WriteString(`<w:rPr>` + props + `</w:rPr>`)
			}
			if ru.tab && i == 0 {
				b.WriteString(`<w:tab/>`)
			}
			b.WriteString(`<w:t xml:space="preserve">`)
			xmlEscape(b, seg.text)
			b.WriteString(`</w:t></w:r>`)
		}
	}
}

// spreadOf is the white a 联合行文's 标志 puts between the characters of
// an issuer's name to spread it to the widest one's width (twentieths of
// a point): the same after each character, the last included, which
// moves nothing after it on its line but the suffix, placed by a tab.
func spreadOf(t layout.Text) int {
	n := len(t.Glyphs)
	if n < 2 {
		return 0
	}
	first, last := t.Glyphs[0], t.Glyphs[n-1]
	natural := 0.0
	for _, g := range t.Glyphs[:n-1] {
		natural += g.Adv
	}
	extra := (last.X - first.X - natural) / float64(n-1)
	if extra < 0.05 {
		return 0
	}
	return int(math.Round(extra * format.PtPerMM * 20))
}

// segment is a stretch of text of full-width characters or of half-width
// ones (digits, Latin letters, ASCII punctuation).
type segment struct {
	text string
	half bool
}

// scripts cuts text into full-width and half-width stretches.
func scripts(s string) []segment {
	var out []segment
	for _, c := range s {
		half := c < 0x2E80
		if n := len(out); n > 0 && out[n-1].half == half {
			out[n-1].text += string(c)
			continue
		}
		out = append(out, segment{string(c), half})
	}
	return out
}

// anchor writes a floating picture (a seal behind the 署名) or a red rule.
func (r *renderer) anchor(b *bytes.Buffer, a anchor, p *para) error {
	r.shapeID++
	id := r.shapeID
	if a.rule != nil {
		ru := a.rule
		x, y := math.Min(ru.X1, ru.X2), ru.Y1-ru.Width/2
		w, h := math.Abs(ru.X2-ru.X1), ru.Width
		fmt.Fprintf(b, `<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="%d" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">`, id)
		fmt.Fprintf(b, `<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>%d</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>%d</wp:posOffset></wp:positionV>`, emu(x), emu(y))
		fmt.Fprintf(b, `<wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="%d" name="分隔线 %d"/><wp:cNvGraphicFramePr/>`, emu(w), emu(h), id, id)
		fmt.Fprintf(b, `<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>`, emu(w), emu(h))
		fmt.Fprintf(b, `<a:solidFill><a:srgbClr val="%02X%02X%02X"/></a:solidFill><a:ln><a:noFill/></a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>`, ru.Color.R, ru.Color.G, ru.Color.B)
		return nil
	}
	im := a.image
	rid, err := r.image(*im)
	if err != nil {
		return err
	}
	// From the top of the paragraph's grid line, whose foot its text
	// stands on: the em box's top is the pitch less the em below it.
	l := p.first()
	dy := im.Y - l.top
	if p.exact == 0 {
		dy += gridPitch(r.f)/format.PtPerMM - format.MM(l.texts[0].Style.Size)
	}
	fmt.Fprintf(b, `<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="%d" behindDoc="1" locked="0" layoutInCell="1" allowOverlap="1">`, id)
	fmt.Fprintf(b, `<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>%d</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>%d</wp:posOffset></wp:positionV>`, emu(im.X), emu(dy))
	fmt.Fprintf(b, `<wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="%d" name="印章 %d"/><wp:cNvGraphicFramePr/>`, emu(im.W), emu(im.H), id, id)
	r.picture(b, rid, id, im)
	b.WriteString(`</wp:anchor></w:drawing></w:r>`)
	return nil
}

// textBox writes a line above the 版心 (the letter's 标志, 30 mm from the
// page's top) as a text box where the PDF has it, its line's em box top
// at the box's top.
func (r *renderer) textBox(b *bytes.Buffer, p *para) error {
	f := r.f
	r.shapeID++
	id := r.shapeID
	first := p.first()
	size := first.texts[0].Style.Size
	h := format.MM(size) / f.EmAscent
	top := first.y - f.EmAscent*h
	fmt.Fprintf(b, `<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="%d" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">`, id)
	fmt.Fprintf(b, `<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>%d</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>%d</wp:posOffset></wp:positionV>`, emu(f.Left), emu(top))
	fmt.Fprintf(b, `<wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="%d" name="文本框 %d"/><wp:cNvGraphicFramePr/>`, emu(f.BodyWidth), emu(h), id, id)
	fmt.Fprintf(b, `<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr><wps:txbx><w:txbxContent>`, emu(f.BodyWidth), emu(h))
	st := r.styleByID(p.style)
	fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="%s"/><w:snapToGrid w:val="0"/><w:spacing w:line="%d" w:lineRule="exact"/>`, p.style, twips(h))
	r.placement(b, p, st)
	b.WriteString(`</w:pPr>`)
	r.runs(b, p, st)
	b.WriteString(`</w:p></w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>`)
	return nil
}

// inline writes a picture in the line (an image annex).
func (r *renderer) inline(b *bytes.Buffer, rid string, im *layout.Image) {
	r.shapeID++
	id := r.shapeID
	fmt.Fprintf(b, `<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="%d" name="图片 %d"/><wp:cNvGraphicFramePr/>`, emu(im.W), emu(im.H), id, id)
	r.picture(b, rid, id, im)
	b.WriteString(`</wp:inline></w:drawing>`)
}

func (r *renderer) picture(b *bytes.Buffer, rid string, id int, im *layout.Image) {
	fmt.Fprintf(b, `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="%d" name="image%d"/><pic:cNvPicPr/></pic:nvPicPr>`, id, id)
	fmt.Fprintf(b, `<pic:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>`, rid, emu(im.W), emu(im.H))
}

// ---- tables ----

// eighths of a point, the unit of a border's width.
func eighths(mm float64) int { return int(math.Round(mm * format.PtPerMM * 8)) }

// table writes an annex table: the columns the PDF has (w:gridCol, which
// WPS reads), the header rows repeated on each page, spans as gridSpan and
// vMerge, the frame heavier than the rules inside.
func (r *renderer) table(b *bytes.Buffer, tb *table) {
	f := r.f
	t := tb.t
	total := 0.0
	for _, w := range tb.widths {
		total += w
	}
	frame, rule := eighths(f.TableFrameWidth), eighths(f.TableRuleWidth)
	b.WriteString(`<w:tbl><w:tblPr>`)
	fmt.Fprintf(b, `<w:tblW w:w="%d" w:type="dxa"/><w:tblInd w:w="%d" w:type="dxa"/>`, twips(total), twips(tb.left))
	fmt.Fprintf(b, `<w:tblBorders><w:top w:val="single" w:sz="%d" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="%d" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="%d" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="%d" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="%d" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="%d" w:space="0" w:color="000000"/></w:tblBorders>`, frame, frame, frame, frame, rule, rule)
	// The PDF's rules are drawn over the cells' edges; a word processor
	// adds a rule's width to its row: the white above and below is less
	// by half a rule each.
	padY := math.Max(f.TableCellPadY-f.TableRuleWidth/2, 0)
	fmt.Fprintf(b, `<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="%d" w:type="dxa"/><w:left w:w="%d" w:type="dxa"/><w:bottom w:w="%d" w:type="dxa"/><w:right w:w="%d" w:type="dxa"/></w:tblCellMar>`,
		twips(padY), twips(f.TableCellPadX), twips(padY), twips(f.TableCellPadX))
	b.WriteString(`</w:tblPr><w:tblGrid>`)
	for _, w := range tb.widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, twips(w))
	}
	b.WriteString(`</w:tblGrid>`)
	rows := append(append([]doc.Row{}, t.Head...), t.Rows...)
	// covered[c] is the cell spanning down over column c, and the rows it
	// still covers.
	type cover struct {
		cell *doc.Cell
		left int
	}
	covered := map[int]*cover{}
	for ri := range rows {
		row := &rows[ri]
		b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
		if ri < len(t.Head) {
			b.WriteString(`<w:tblHeader/>`)
		}
		b.WriteString(`</w:trPr>`)
		starts := map[int]*doc.Cell{}
		for ci := range row.Cells {
			starts[row.Cells[ci].Col] = &row.Cells[ci]
		}
		for c := 0; c < len(tb.widths); {
			if cv := covered[c]; cv != nil {
				span := max(cv.cell.ColSpan, 1)
				r.cellStart(b, tb, c, span, "continue", cv.cell)
				b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + StyleTable + `"/></w:pPr></w:p></w:tc>`)
				cv.left--
				if cv.left == 0 {
					delete(covered, c)
				}
				c += span
				continue
			}
			cell := starts[c]
			if cell == nil {
				r.cellStart(b, tb, c, 1, "", nil)
				b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + StyleTable + `"/></w:pPr></w:p></w:tc>`)
				c++
				continue
			}
			span := max(cell.ColSpan, 1)
			merge := ""
			if cell.RowSpan > 1 {
				merge = "restart"
				covered[c] = &cover{cell: cell, left: cell.RowSpan - 1}
			}
			r.cellStart(b, tb, c, span, merge, cell)
			styleID := StyleTable
			if ri < len(t.Head) {
				styleID = StyleTableHeader
			}
			r.cellText(b, tb, cell, styleID)
			b.WriteString(`</w:tc>`)
			c += span
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

func (r *renderer) cellStart(b *bytes.Buffer, tb *table, c, span int, merge string, cell *doc.Cell) {
	w := 0.0
	for i := c; i < c+span && i < len(tb.widths); i++ {
		w += tb.widths[i]
	}
	fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, twips(w))
	if span > 1 {
		fmt.Fprintf(b, `<w:gridSpan w:val="%d"/>`, span)
	}
	switch merge {
	case "restart":
		b.WriteString(`<w:vMerge w:val="restart"/>`)
	case "continue":
		b.WriteString(`<w:vMerge/>`)
	}
	if cell != nil && cell.Corner != "" && merge != "continue" {
		fmt.Fprintf(b, `<w:tcBorders><w:tl2br w:val="single" w:sz="%d" w:space="0" w:color="000000"/></w:tcBorders>`, eighths(r.f.TableRuleWidth))
	}
	if cell != nil && cell.Vertical && merge != "continue" {
		b.WriteString(`<w:textDirection w:val="tbRlV"/>`)
	}
	b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
}

// cellText writes a cell's paragraphs: its text, or its list's items,
// PerLine a paragraph or run on with Join; a 斜线表头's corner first.
func (r *renderer) cellText(b *bytes.Buffer, tb *table, cell *doc.Cell, styleID string) {
	jc := map[doc.Align]string{doc.AlignCenter: "center", doc.AlignLeft: "left", doc.AlignJustify: "both", doc.AlignRight: "right"}[cell.Align]
	size := int(math.Round(tb.size * 2))
	line := int(math.Round(tb.size * r.f.TableLineSpacing * 20))
	write := func(text, align string) {
		fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="%s"/><w:spacing w:line="%d" w:lineRule="exact"/><w:jc w:val="%s"/></w:pPr><w:r><w:rPr><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr><w:t xml:space="preserve">`, styleID, line, align, size, size)
		xmlEscape(b, text)
		b.WriteString(`</w:t></w:r></w:p>`)
	}
	if cell.Corner != "" {
		write(cell.Corner, "right")
		write(cell.Text, "left")
		return
	}
	switch {
	case len(cell.Items) > 0 && cell.Join != "":
		write(strings.Join(cell.Items, cell.Join), jc)
	case len(cell.Items) > 0:
		per := max(cell.PerLine, 1)
		for i := 0; i < len(cell.Items); i += per {
			write(strings.Join(cell.Items[i:min(i+per, len(cell.Items))], "\u3000"), jc)
		}
	default:
		write(cell.Text, jc)
	}
}

// imprintTable writes the 版记: a table of its rows, each row between two
// of its rules (the first and last heavier), at the foot of its page.
func (r *renderer) imprintTable(b *bytes.Buffer, imp *imprint) {
	f := r.f
	if len(imp.rules) < 2 {
		return
	}
	top := imp.rules[0].Y1 - imp.rules[0].Width/2
	if imp.alone {
		// White down to the first rule, short of a few points so that the
		// last rule, centred on the 版心's bottom edge, stays on the page.
		h := (top-f.Top)*format.PtPerMM - 4
		fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="%s"/><w:snapToGrid w:val="0"/><w:spacing w:line="%d" w:lineRule="exact"/></w:pPr></w:p>`, StyleImprint, int(math.Round(h*20)))
	}
	b.WriteString(`<w:tbl><w:tblPr>`)
	if !imp.alone {
		// On the last page of the text: a table floating at the foot,
		// where the PDF has it, whatever the text above it.
		fmt.Fprintf(b, `<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:vertAnchor="page" w:horzAnchor="margin" w:tblpY="%d"/>`, twips(top))
	}
	fmt.Fprintf(b, `<w:tblW w:w="%d" w:type="dxa"/><w:tblInd w:w="0" w:type="dxa"/><w:tblLayout w:type="fixed"/>`, twips(f.BodyWidth))
	in := twips(f.ImprintIndent * format.MM(f.Imprint.Size))
	fmt.Fprintf(b, `<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="%d" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="%d" w:type="dxa"/></w:tblCellMar>`, in, in)
	fmt.Fprintf(b, `</w:tblPr><w:tblGrid><w:gridCol w:w="%d"/></w:tblGrid>`, twips(f.BodyWidth))
	for i, row := range imp.rows {
		upper, lower := imp.rules[i], imp.rules[i+1]
		h := lower.Y1 - upper.Y1
		fmt.Fprintf(b, `<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="%d" w:hRule="exact"/></w:trPr>`, twips(h))
		fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/><w:tcBorders><w:top w:val="single" w:sz="%d" w:space="0" w:color="000000"/><w:left w:val="nil"/><w:bottom w:val="single" w:sz="%d" w:space="0" w:color="000000"/><w:right w:val="nil"/></w:tcBorders><w:vAlign w:val="center"/></w:tcPr>`,
			twips(f.BodyWidth), eighths(upper.Width), eighths(lower.Width))
		if len(row) == 0 {
			b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + StyleImprint + `"/></w:pPr></w:p>`)
		}
		for _, p := range row {
			r.imprintPara(b, p)
		}
		b.WriteString(`</w:tc></w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}

// imprintPara is a paragraph of the 版记: 抄送 with its wrapped lines after
// the colon, or the 印发机关 with the 印发日期 flush right (a right tab).
func (r *renderer) imprintPara(b *bytes.Buffer, p *para) {
	f := r.f
	in := f.ImprintIndent * format.MM(f.Imprint.Size)
	width := f.BodyWidth - 2*in
	first := p.first()
	fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="%s"/>`, StyleImprint)
	if len(first.texts) > 1 {
		fmt.Fprintf(b, `<w:tabs><w:tab w:val="right" w:pos="%d"/></w:tabs>`, twips(width))
	}
	fmt.Fprintf(b, `<w:spacing w:line="%d" w:lineRule="exact"/>`, twips(f.ImprintLinePitch))
	switch {
	case len(first.texts) > 1:
		b.WriteString(`<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:jc w:val="left"/>`)
	case len(p.lines) > 1:
		hang := p.lines[1].x0 - first.x0
		fmt.Fprintf(b, `<w:ind w:left="%d" w:right="0" w:hanging="%d"/>`, twips(hang), twips(hang))
	default:
		b.WriteString(`<w:ind w:left="0" w:right="0" w:firstLine="0"/>`)
	}
	b.WriteString(`</w:pPr>`)
	for _, l := range p.lines {
		for i, t := range l.texts {
			b.WriteString(`<w:r>`)
			if i > 0 {
				b.WriteString(`<w:tab/>`)
			}
			b.WriteString(`<w:t xml:space="preserve">`)
			xmlEscape(b, t.String())
			b.WriteString(`</w:t></w:r>`)
		}
	}
	b.WriteString(`</w:p>`)
}
