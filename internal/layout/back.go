package layout

// back.go composes the end of a document (GB/T 9704-2012 clauses 7.3.4–7.3.7,
// 7.4, 10.2, 10.3), the elements of the format's Back list in order: the
// 附件说明, the 署名 and 成文日期 with their seals (several for a 联合行文),
// a 命令's signer, a 纪要's attendance lists, the 附注 — lines of the body
// flow — then the annex pages and the 版记, which need pages of their own.

import (
	"math"
	"strconv"
	"strings"

	"gongwen/internal/doc"
	"gongwen/internal/format"
)

// back composes one element of the closing.
func (c *composer) back(e format.Element) {
	switch e.Kind {
	case format.Attachments:
		c.attachments(e)
	case format.Signature:
		c.signature(e)
	case format.Signer:
		c.signer(e)
	case format.Attendance:
		c.attendance(e)
	case format.Note:
		c.note()
	case format.Annexes:
		c.flush()
		c.annexes(c.d)
	case format.Imprint:
		c.flush()
		c.imprint()
	default:
		c.errs = append(c.errs, doc.Errorf(doc.Pos{File: c.d.Source}, "the %s format lists %q in its closing, which has no place there", c.f.Name, e.Kind))
	}
}

// line adds one flow line of texts.
func (c *composer) addLine(keep bool, texts ...Text) *flowLine {
	c.flow = append(c.flow, flowLine{texts: texts, keepNext: keep})
	return &c.flow[len(c.flow)-1]
}

// keepClosing makes the last ClosingKeepLines lines of the flow go with
// what follows, so that the 署名 (or a 命令's signer, a 纪要's lists) never
// starts a page alone, then adds the blank lines above it, kept too.
func (c *composer) keepClosing(blank float64) {
	n := c.f.ClosingKeepLines
	for i := len(c.flow) - 1; i >= 0 && n > 0; i-- {
		c.flow[i].keepNext = true
		if !c.flow[i].blank {
			n--
		}
	}
	for i := 0; i < int(blank+0.5); i++ {
		c.flow = append(c.flow, flowLine{blank: true, keepNext: true})
	}
}

// attachments adds the 附件说明 (clause 7.3.4): the format's
// AttachmentsLabel (附件：) 2 字 in, items numbered 1．2． when there are
// several, each under the first's number.
func (c *composer) attachments(e format.Element) {
	f, d := c.f, c.d
	zi, sq := c.zi(), c.squeeze()
	if len(d.Attachments) == 0 {
		return
	}
	c.keepClosing(e.GapLines) // the 附件说明 goes with the 署名, and lines of the 正文 with it
	label := f.AttachmentsLabel
	lw := c.width(label, f.Body, sq)
	for i, a := range d.Attachments {
		num := ""
		if len(d.Attachments) > 1 {
			num = strconv.Itoa(i+1) + "．"
		}
		first := f.ParagraphIndent*zi + lw
		text := num + a.Title
		if i == 0 {
			text = label + text
			first = f.ParagraphIndent * zi
		}
		hang := f.ParagraphIndent*zi + lw + c.width(num, f.Body, sq)
		lines := c.breakPara(c.bodyPara([]Span{c.span(text, f.Body)}, first, hang), a.Pos)
		for _, l := range lines {
			c.addLine(true, c.toTexts(l, f.Left)...)
		}
	}
}

// signature adds the 署名 and 成文日期 (clauses 7.3.5.1, 7.3.5.2). Without
// seals: 署名 右空二字, the date's first character DateShift 字 right of the
// 署名's (a longer date is 右空二字 and pushes the 署名 left); several
// issuers' 署名 one under another, starting where the widest would (choice).
// With seals (a paper seal is laid out as an image would be, with nothing
// drawn): the date 右空四字, the last 署名 centred on it, the seal centred on
// both, its centre SealLift lines above their middle (居印章中心偏下), its top
// within one line under the 正文; a 联合行文's seals stand in rows (sealRows),
// each seal centred on its issuer's 署名.
func (c *composer) signature(e format.Element) {
	f, d := c.f, c.d
	zi := c.zi()
	sigs := d.Signatures
	if len(sigs) == 0 {
		sigs = []string{d.Signature}
	}
	seals := d.Seals
	if len(seals) == 0 && d.Seal != "" {
		seals = []string{d.Seal}
	}
	date := d.Date.String()
	dw := c.bodyWidth(date)
	where := d.At("signature")
	size := f.SealSize
	lp, em := f.LinePitch(), format.MM(f.Body.Size)
	// The seal's top, from its 署名's em top: its centre SealLift lines
	// above the middle of the 署名 and the date on the line under it.
	sealY := (lp+em)/2 - f.SealLift*lp - size/2
	if len(seals) == 0 {
		c.keepClosing(e.GapLines)
		// Several 署名 start where the widest one would.
		sw := 0.0
		for _, sig := range sigs {
			sw = math.Max(sw, c.bodyWidth(sig))
		}
		sigX := f.Right() - f.SignatureRight*zi - sw
		dateX := sigX + f.DateShift*zi
		if dateX+dw > f.Right()-f.SignatureRight*zi {
			dateX = f.Right() - f.SignatureRight*zi - dw
			sigX = dateX - f.DateShift*zi
		}
		for _, sig := range sigs { // the widest, left of the others' ends
			if c.bodyWidth(sig) == sw && c.tooWide(where, "署名", sig, sw, sigX+sw-f.Left) {
				return
			}
		}
		for _, sig := range sigs {
			c.addLine(true, c.bodyText(sig, sigX, 0, where))
		}
		// Where a seal would stand over the last 署名 and the date, centred
		// on the date as a sealed document has it: for a signature's seal
		// (Page.Places).
		c.flow[len(c.flow)-1].places = []Image{{X: dateX + dw/2 - size/2, Y: sealY, W: size, H: size}}
		c.addLine(false, c.bodyText(date, dateX, 0, d.At("date")))
		return
	}
	dateX := f.Right() - f.SealDateRight*zi - dw
	centre := dateX + dw/2
	pitch := size + f.JointSealGap
	for _, sig := range sigs {
		pitch = math.Max(pitch, c.bodyWidth(sig)+zi)
	}
	rows, ok := sealRows(len(sigs), centre-size/2-f.Left, pitch)
	if !ok || centre+size/2 > f.Right()+1e-6 {
		c.errs = append(c.errs, doc.Errorf(d.At("seal"), "%d seals of %.0f mm with their 署名 under them need %.0f mm from the 版心's left edge to the date, and there are %.0f mm: give fewer sealed issuers or shorter 署名",
			1, size, size, centre+size/2-f.Left))
		return
	}
	// Blank lines enough that the first row's top clears the em box of
	// the line above it.
	blank := e.GapLines
	for sealY < em-(blank+1)*lp-1e-6 {
		blank++
	}
	c.keepClosing(blank)
	// A row's 署名 is as many lines under the one above as keep their seals
	// JointSealGap apart.
	rowLines := int(math.Ceil((size+f.JointSealGap)/lp - 1e-9))
	next := 0
	for r, n := range rows {
		var texts []Text
		var images, places []Image
		for k := 0; k < n; k++ {
			i := next + k
			cx := centre - float64(n-1-k)*pitch
			sw := c.bodyWidth(sigs[i])
			if c.tooWide(where, "署名", sigs[i], sw, 2*math.Min(cx-f.Left, f.Right()-cx)) { // centred on cx
				return
			}
			texts = append(texts, c.bodyText(sigs[i], cx-sw/2, 0, where))
			if seals[i] != doc.PaperSeal {
				w, h := fitBox(size, size, sealAspect(d, i))
				images = append(images, Image{Path: seals[i], X: cx - w/2, Y: sealY + (size-h)/2, W: w, H: h})
			} else {
				places = append(places, Image{X: cx - size/2, Y: sealY, W: size, H: size})
			}
		}
		next += n
		l := c.addLine(true, texts...)
		l.images, l.places, l.squeeze = images, places, true
		if r < len(rows)-1 {
			for i := 1; i < rowLines; i++ {
				c.addLine(true).blank = true
			}
		}
	}
	c.addLine(false, c.bodyText(date, dateX, 0, d.At("date")))
}

// sealRows splits n seals into rows of at most as many as fit in width
// (mm from the 版心's left edge to the left edge of the rightmost seal,
// which stands on the date) at pitch mm from centre to centre, as even as
// can be, the fuller rows first (clause 7.3.5.1: 每排印章两端不得超出版心);
// false when not even one seal fits.
func sealRows(n int, width, pitch float64) ([]int, bool) {
	if width < -1e-6 {
		return nil, false
	}
	per := 1 + int(math.Floor(width/pitch+1e-9))
	count := (n + per - 1) / per
	rows := make([]int, count)
	for i := range rows {
		rows[i] = n / count
		if i < n%count {
			rows[i]++
		}
	}
	return rows, true
}

// signer adds a 命令's signature (clause 7.3.5.3): the signature-stamp
// image StampRight 字 from the right edge, the signer's 职务 SignerTitleGap
// 字 to its left, centred on it vertically; without an image, the signer's
// name where the stamp would stand; the 成文日期 StampDateGapLines blank
// lines below the stamp (下空一行), StampRight 字 from the right.
func (c *composer) signer(e format.Element) {
	f, d := c.f, c.d
	zi := c.zi()
	em := format.MM(f.Body.Size)
	pitch := f.LinePitch()
	c.keepClosing(e.GapLines)
	right := f.Right() - f.StampRight*zi
	var stamp *Image
	var texts []Text
	height := em
	left := right
	if d.Stamp != "" {
		w, h := fitBox(f.StampWidth, f.StampWidth, d.StampAspect) // at most a square
		stamp = &Image{Path: d.Stamp, X: right - w, Y: 0, W: w, H: h}
		height, left = h, right-w
	} else {
		nw := c.bodyWidth(d.SignerName)
		if c.tooWide(d.At("signer"), "签发人", d.SignerName, nw, right-f.Left) {
			return
		}
		left = right - nw
		texts = append(texts, c.bodyText(d.SignerName, left, 0, d.At("signer")))
	}
	tw := c.bodyWidth(d.SignerTitle)
	if d.SignerTitle != "" && c.tooWide(d.At("signer_title"), "职务", d.SignerTitle, tw, left-f.SignerTitleGap*zi-f.Left) {
		return
	}
	texts = append(texts, c.bodyText(d.SignerTitle, left-f.SignerTitleGap*zi-tw, (height-em)/2, d.At("signer_title")))
	l := c.addLine(true, texts...)
	l.squeeze = true
	if stamp != nil {
		l.images = []Image{*stamp}
	}
	// The grid lines the stamp reaches into after its first, then
	// StampDateGapLines blank lines (下空一行), then the date.
	covered := int(math.Ceil(height/pitch - 1e-9))
	for i := 1; i < covered+int(f.StampDateGapLines+0.5); i++ {
		c.flow = append(c.flow, flowLine{blank: true, keepNext: true})
	}
	date := d.Date.String()
	c.addLine(false, c.bodyText(date, right-c.bodyWidth(date), 0, d.At("date")))
}

// attendance adds a 纪要's 出席, 请假 and 列席 lists (clause 10.3): each
// label in 黑体 AttendanceIndent 字 in, the names after it in the body
// face, wrapped lines aligned under the first name.
func (c *composer) attendance(e format.Element) {
	f, d := c.f, c.d
	zi, sq := c.zi(), c.squeeze()
	c.keepClosing(e.GapLines)
	keys := []string{"present", "absent", "attending"}
	n := 0
	for i, names := range d.Attendance {
		if len(names) == 0 {
			continue
		}
		label := f.AttendanceLabels[i]
		lw := c.width(label, f.AttendanceLabel, sq)
		in := f.AttendanceIndent * zi
		spans := []Span{c.span(label, f.AttendanceLabel), c.span(strings.Join(names, f.NameSeparator), f.Body)}
		for _, l := range c.breakPara(c.bodyPara(spans, in, in+lw), d.At(keys[i])) {
			c.addLine(n == 0, c.toTexts(l, f.Left)...)
		}
		n++
	}
}

// note adds the 附注 (clause 7.3.6) on the line after what precedes it,
// kept with it: 2 字 in, in （）.
func (c *composer) note() {
	f, d := c.f, c.d
	if d.Note == "" {
		return
	}
	if n := len(c.flow); n > 0 {
		c.flow[n-1].keepNext = true
	}
	lines := c.breakPara(c.bodyPara([]Span{c.span("（"+strings.Trim(d.Note, "（）()")+"）", f.Body)}, f.ParagraphIndent*c.zi(), 0), d.At("note"))
	for _, l := range lines {
		c.flow = append(c.flow, flowLine{texts: c.toTexts(l, f.Left)})
	}
}

// imprint adds the 版记 (clause 7.4) at the foot of the document's last
// page: the 抄送 (or 分送) line(s), then the 印发机关 and 印发日期, between
// rules as wide as the 版心, the last on its bottom edge. With
// ImprintEvenPage the 版记 is on the last side, an even page: a page is added
// when the document would end on an odd one, and when the last page has no
// room for it (then a blank page and the 版记 page, neither numbered).
func (c *composer) imprint() {
	f, d := c.f, c.d
	if len(d.CC) == 0 && d.Printer == "" && d.ImprintRecipients == "" {
		return
	}
	if d.Printer != "" && !f.ImprintRules {
		c.errs = append(c.errs, doc.Errorf(d.At("imprint.printer"), "the %s format has no 印发机关 and 印发日期 (only a 抄送 at the foot of the last page)", f.Name))
		return
	}
	st := f.Imprint
	em := format.MM(st.Size)
	in := f.ImprintIndent * em
	width := f.BodyWidth - 2*in
	var rows [][]Text // each row's lines, em tops relative to the row's top
	var rowLines []int
	// 主送 moved to the 版记, then 抄送, one row without a rule between:
	// each "label：names。", wrapped lines after the colon.
	var texts []Text
	n := 0
	for _, item := range []struct {
		label, names, key string
	}{
		{f.ImprintRecipientsLabel, d.ImprintRecipients, "imprint.recipients"},
		{f.CCLabel, strings.Join(d.CC, f.CCSeparator), "imprint.cc"},
	} {
		if item.names == "" {
			continue
		}
		lw := c.width(item.label, st, 1)
		spans := append([]Span{c.span(item.label, st)}, c.organs(strings.TrimRight(item.names, "。"), "。", st)...)
		p := Para{Spans: spans, Width: width, Indent: lw, Shrink: f.PunctShrink}
		for _, l := range c.breakPara(p, d.At(item.key)) {
			for _, t := range c.toTexts(l, f.Left+in) {
				t.Y += float64(n) * f.ImprintLinePitch
				texts = append(texts, t)
			}
			n++
		}
	}
	if n > 0 {
		rows = append(rows, texts)
		rowLines = append(rowLines, n)
	}
	if d.Printer != "" {
		date := d.Printed.String() + f.PrintedSuffix
		dw := c.width(date, st, 1)
		c.tooWide(d.At("imprint.printer"), "印发机关", d.Printer, c.width(d.Printer, st, 1), width-dw-em)
		rows = append(rows, []Text{
			c.textAt(d.Printer, st, f.Left+in, 0, 1, d.At("imprint.printer")),
			c.textAt(date, st, f.Right()-in-dw, 0, 1, d.At("imprint.date")),
		})
		rowLines = append(rowLines, 1)
	}
	if c.errs.Err() != nil {
		return
	}
	height := 0.0
	for _, n := range rowLines {
		height += float64(n) * f.ImprintLinePitch
	}
	if height > f.BodyHeight {
		c.errs = append(c.errs, doc.Errorf(d.At("imprint.cc"), "the 版记 is %d lines (抄送 %d names), and it must stand on one page, which holds %d: shorten the 抄送 (or send it with a list as an annex)",
			int(height/f.ImprintLinePitch+0.5), len(d.CC), int(f.BodyHeight/f.ImprintLinePitch)))
		return
	}
	top := f.Bottom() - height // the first rule's centre
	if !f.ImprintRules {
		top += (f.ImprintLinePitch - em) / 2 // no rule under it: the last line's em box ends on the 版心's bottom
	}

	last := len(c.pages) - 1
	fits := contentBottom(c.pages[last], f.EmAscent)+f.ImprintClearance <= top-f.ImprintOuterRule/2
	even := (last+1)%2 == 0
	switch {
	case fits && (even || !f.ImprintEvenPage):
	case !fits && even && f.ImprintEvenPage:
		c.newPage()
		c.newPage()
		c.unnumbered[len(c.pages)-2] = true
		c.unnumbered[len(c.pages)-1] = true
	default:
		c.newPage()
	}
	p := &c.pages[len(c.pages)-1]
	y := top
	for i, texts := range rows {
		w := f.ImprintInnerRule
		if i == 0 {
			w = f.ImprintOuterRule
		}
		if f.ImprintRules {
			p.Rules = append(p.Rules, Rule{X1: f.Left, Y1: y, X2: f.Right(), Y2: y, Width: w, Color: format.Black})
		}
		for _, t := range texts {
			t.Y += y + (f.ImprintLinePitch-em)/2
			p.Texts = append(p.Texts, t)
		}
		y += float64(rowLines[i]) * f.ImprintLinePitch
	}
	if f.ImprintRules {
		p.Rules = append(p.Rules, Rule{X1: f.Left, Y1: f.Bottom(), X2: f.Right(), Y2: f.Bottom(), Width: f.ImprintOuterRule, Color: format.Black})
	}
}

// contentBottom is the lowest edge of anything on a page (mm), 0 for an
// empty page.
func contentBottom(p Page, ascent float64) float64 {
	b := 0.0
	for _, t := range p.Texts {
		em := format.MM(t.Style.Size)
		b = math.Max(b, t.Y-ascent*em+em)
	}
	for _, r := range p.Rules {
		b = math.Max(b, math.Max(r.Y1, r.Y2)+r.Width/2)
	}
	for _, im := range p.Images {
		b = math.Max(b, im.Y+im.H)
	}
	return b
}
