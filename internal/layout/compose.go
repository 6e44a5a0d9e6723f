package layout

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"gongwen/internal/doc"
	"gongwen/internal/format"
)

// Fonts gives the metrics of each role's font.
type Fonts func(format.Role) Metrics

// flowLine is a line of the body flow, waiting for its place on a page.
type flowLine struct {
	texts    []Text // X absolute; Y relative to the line's em box top
	blank    bool   // an empty line (the 空一行 of the standard)
	keepNext bool   // must stand on the same page as the next line
	mark     *Mark
	image    *Image // Y relative to the line's em box top
}

// composer builds one document's pages.
type composer struct {
	f     *format.Format
	fonts Fonts
	errs  doc.Errors
	flow  []flowLine
	pages []Page
}

// Compose lays out a document whose body has been expanded. Every character
// is checked against its role's font on the way: each character a font
// lacks is reported once per paragraph, at the paragraph's position (the
// build narrows it to the character's own line and column), with the
// number of times it occurs there; the annexes are checked too, and no
// pages are returned while there is a problem.
func Compose(d *doc.Document, f *format.Format, fonts Fonts) (*Result, error) {
	c := &composer{f: f, fonts: fonts}
	first := c.newPage()
	y := c.letterHeader(d, first)
	c.body(d)
	c.closing(d)
	c.paginate(y)
	if err := c.annexes(d); err != nil {
		return nil, err
	}
	c.pageNumbers()
	return &Result{
		Pages: c.pages,
		Meta: Metadata{
			Title:    d.TitleText(),
			Author:   d.Meta.Author,
			Subject:  d.Meta.Subject,
			Keywords: d.Meta.Keywords,
		},
	}, nil
}

func (c *composer) newPage() *Page {
	c.pages = append(c.pages, Page{Number: len(c.pages) + 1, Width: c.f.PageWidth, Height: c.f.PageHeight})
	return &c.pages[len(c.pages)-1]
}

// zi is one 字 of the body grid (mm).
func (c *composer) zi() float64 { return c.f.CharPitch() }

func (c *composer) squeeze() float64 { return c.f.CharPitch() / format.MM(c.f.Body.Size) }

func (c *composer) span(text string, st format.Style) Span {
	return Span{Text: text, Style: st, Font: c.fonts(st.Role)}
}

// bodyPara is a paragraph across the 版心 on the body grid, its first line
// and the others indented by first and rest (mm).
func (c *composer) bodyPara(spans []Span, first, rest float64) Para {
	return Para{Spans: spans, Width: c.f.BodyWidth, FirstIndent: first, Indent: rest, Squeeze: c.squeeze(), Shrink: c.f.PunctShrink}
}

// breakPara breaks a paragraph, recording characters its fonts lack.
func (c *composer) breakPara(p Para, where doc.Pos) []Line {
	lines, missing := Break(p)
	for _, m := range missing {
		e := doc.Errorf(where, "%v", m)
		e.Char, e.Count = m.R, occurrences(p.Spans, m)
		c.errs = append(c.errs, e)
	}
	return lines
}

// toTexts turns a broken line into runs at absolute x, baseline relative to
// the em box top of the line's body size.
func (c *composer) toTexts(l Line, left float64) []Text {
	var out []Text
	for _, g := range l.Glyphs {
		base := c.f.EmAscent * format.MM(g.Style.Size)
		if n := len(out); n == 0 || out[n-1].Style != g.Style {
			out = append(out, Text{Style: g.Style, Y: base})
		}
		t := &out[len(out)-1]
		t.Glyphs = append(t.Glyphs, Glyph{R: g.R, X: left + g.X + g.Off, Adv: g.Adv})
	}
	return out
}

// line places one line of text in a style at an em box top y, starting at x.
func (c *composer) textAt(text string, st format.Style, x, top float64, squeeze float64, where doc.Pos) Text {
	lines := c.breakPara(Para{Spans: []Span{c.span(text, st)}, Width: 1e6, Squeeze: squeeze, Ragged: true}, where)
	if len(lines) == 0 {
		return Text{Style: st}
	}
	ts := c.toTexts(lines[0], x)
	t := ts[0]
	for _, more := range ts[1:] {
		t.Glyphs = append(t.Glyphs, more.Glyphs...)
	}
	t.Y += top
	return t
}

// width is the advance of a text set alone on one line.
func (c *composer) width(text string, st format.Style, squeeze float64) float64 {
	lines, _ := Break(Para{Spans: []Span{c.span(text, st)}, Width: 1e6, Squeeze: squeeze, Ragged: true})
	if len(lines) == 0 {
		return 0
	}
	return lines[0].Width
}

// letterHeader draws page 1 of the 信函格式 (GB/T 9704-2012 clause 10.1) and
// returns the em box top of the first flow line (the 主送机关).
func (c *composer) letterHeader(d *doc.Document, p *Page) float64 {
	f := c.f
	where := d.At("issuer")

	// 发文机关标志: red 小标宋, centred, top edge MarkTop from the page's top.
	mark := f.Mark
	if w := c.width(d.Issuer, mark, 1); w > f.MarkMaxWidth {
		mark.Size *= f.MarkMaxWidth / w
	}
	w := c.width(d.Issuer, mark, 1)
	p.Texts = append(p.Texts, c.textAt(d.Issuer, mark, f.CentreX()-w/2, f.MarkTop, 1, where))

	// First double line, MarkRuleGap under the 标志's bottom edge.
	ruleTop := f.MarkTop + format.MM(mark.Size) + f.MarkRuleGap
	p.Rules = append(p.Rules, c.doubleLine(f.FirstRule, ruleTop)...)
	// Second double line, 20 mm above the page's bottom edge.
	p.Rules = append(p.Rules, c.doubleLine(f.SecondRule, f.SecondRuleTop)...)

	// 发文字号, flush right under the first double line.
	numTop := ruleTop + f.FirstRule.Height() + f.NumberGap
	num := d.Number.String()
	nw := c.width(num, f.Body, c.squeeze())
	p.Texts = append(p.Texts, c.textAt(num, f.Body, f.Right()-nw, numTop, c.squeeze(), d.At("number")))

	// 标题, TitleGapLines lines below, centred, line by line as the data
	// breaks it (a line too long for the 版心 is broken again).
	pitch := f.LinePitch()
	top := numTop + (1+f.TitleGapLines)*pitch
	var titleLines []Line
	for _, tl := range d.Title {
		titleLines = append(titleLines, c.titleLines(tl, d.At("title"))...)
	}
	for i, l := range titleLines {
		for _, t := range c.toTexts(l, f.CentreX()-l.Width/2) {
			t.Y += top + float64(i)*f.TitleLinePitch
			p.Texts = append(p.Texts, t)
		}
	}
	lastTop := top + float64(len(titleLines)-1)*f.TitleLinePitch
	// The body grid resumes under the title's last line, after the blank
	// line(s) the standard asks for.
	next := lastTop + format.MM(f.Title.Size) + (pitch - format.MM(f.Body.Size))
	next += f.RecipientGapLines * pitch
	// Snap down onto the page grid, so that page 1's lines stand where every
	// other page's do and its last line ends at the 版心's bottom.
	next = f.Top + math.Ceil((next-f.Top)/pitch-1e-9)*pitch

	// 主送机关: flush left, wrapped lines flush left, ending with "：".
	lines := c.breakPara(c.bodyPara([]Span{c.span(d.Recipients+"：", f.Body)}, 0, 0), d.At("recipients"))
	for _, l := range lines {
		c.flow = append(c.flow, flowLine{texts: c.toTexts(l, f.Left)})
	}
	return next
}

// titleLines breaks one line of the title as the data gives it. A line too
// long for the 版心 is broken into as few lines as it needs, of lengths as
// even as the line breaker allows (GB/T 9704-2012 7.3.1: title lines
// 排列对称, 长短适宜, never a lone character): the measure is narrowed to
// the length of an even share, widened one character at a time until the
// line count is the least possible.
func (c *composer) titleLines(text string, where doc.Pos) []Line {
	p := Para{Spans: []Span{c.span(text, c.f.Title)}, Width: c.f.BodyWidth, Ragged: true}
	lines := c.breakPara(p, where)
	if len(lines) < 2 {
		return lines
	}
	natural := c.width(text, c.f.Title, 1)
	em := format.MM(c.f.Title.Size)
	for w := natural / float64(len(lines)); w < c.f.BodyWidth; w += em {
		p.Width = w
		if even, _ := Break(p); len(even) == len(lines) {
			return even
		}
	}
	return lines
}

// doubleLine is a red double rule with its top edge at top.
func (c *composer) doubleLine(d format.DoubleLine, top float64) []Rule {
	x1 := c.f.CentreX() - d.Length/2
	x2 := c.f.CentreX() + d.Length/2
	first, second := d.Thick, d.Thin
	if !d.ThickFirst {
		first, second = d.Thin, d.Thick
	}
	y1 := top + first/2
	y2 := top + first + d.Gap + second/2
	return []Rule{
		{X1: x1, Y1: y1, X2: x2, Y2: y1, Width: first, Color: c.f.RuleColor},
		{X1: x1, Y1: y2, X2: x2, Y2: y2, Width: second, Color: c.f.RuleColor},
	}
}

// body adds the 正文's blocks to the flow.
func (c *composer) body(d *doc.Document) {
	f := c.f
	for _, b := range d.Body {
		var spans []Span
		keep := false
		var mark *Mark
		switch {
		case b.Kind == doc.Paragraph:
			spans = []Span{c.span(b.Text, f.Body)}
		default:
			st := c.headingStyle(b.Level)
			spans = []Span{c.span(b.Number+b.Head, st)}
			if b.RunIn {
				spans = append(spans, c.span(b.Text, f.Body))
			} else {
				keep = true
			}
			if b.Level == 1 {
				mark = &Mark{Title: b.Number + b.Head, Level: 0}
			}
		}
		lines := c.breakPara(c.bodyPara(spans, f.ParagraphIndent*c.zi(), 0), b.Pos)
		for i, l := range lines {
			fl := flowLine{texts: c.toTexts(l, f.Left), keepNext: keep}
			if i == 0 {
				fl.mark = mark
			}
			c.flow = append(c.flow, fl)
		}
	}
}

func (c *composer) headingStyle(level int) format.Style {
	switch level {
	case 1:
		return c.f.Level1
	case 2:
		return c.f.Level2
	case 3:
		return c.f.Level3
	}
	return c.f.Level4
}

func (c *composer) blank(n float64) {
	for i := 0; i < int(n+0.5); i++ {
		c.flow = append(c.flow, flowLine{blank: true})
	}
}

// closing adds the 附件说明, 署名, 成文日期 and 附注 (GB/T 9704-2012 clauses
// 7.3.4, 7.3.5).
func (c *composer) closing(d *doc.Document) {
	f := c.f
	zi := c.zi()
	sq := c.squeeze()
	if len(d.Attachments) > 0 {
		c.blank(f.AttachGapLines)
		label := "附件："
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
				c.flow = append(c.flow, flowLine{texts: c.toTexts(l, f.Left)})
			}
		}
	}

	sig, date := d.Signature, d.Date.String()
	sw := c.width(sig, f.Body, sq)
	dw := c.width(date, f.Body, sq)
	var sigX, dateX float64
	if d.Seal == "" {
		// 署名 右空二字; the date's first character DateShift 字 right of
		// the 署名's; a longer date is 右空二字 and pushes the 署名 left.
		sigX = f.Right() - f.SignatureRight*zi - sw
		dateX = sigX + f.DateShift*zi
		if dateX+dw > f.Right()-f.SignatureRight*zi {
			dateX = f.Right() - f.SignatureRight*zi - dw
			sigX = dateX - f.DateShift*zi
		}
		c.blank(f.SignatureGapLines)
	} else {
		// With a seal: the date 右空四字, the 署名 centred on it, the seal
		// centred over both, its top within one line under the 正文.
		dateX = f.Right() - f.SealDateRight*zi - dw
		sigX = dateX + dw/2 - sw/2
		c.blank(f.SignatureGapLines)
	}
	sigLine := flowLine{texts: []Text{c.textAt(sig, f.Body, sigX, 0, sq, d.At("signature"))}, keepNext: true}
	if d.Seal != "" {
		size := f.SealSize
		sigLine.image = &Image{Path: d.Seal, X: dateX + dw/2 - size/2, Y: format.MM(f.Body.Size)/2 + f.LinePitch()/2 - size/2, W: size, H: size}
	}
	c.flow = append(c.flow, sigLine)
	c.flow = append(c.flow, flowLine{texts: []Text{c.textAt(date, f.Body, dateX, 0, sq, d.At("date"))}, keepNext: d.Note != ""})
	if d.Note != "" {
		lines := c.breakPara(c.bodyPara([]Span{c.span("（"+strings.Trim(d.Note, "（）()")+"）", f.Body)}, f.ParagraphIndent*zi, 0), d.At("note"))
		for _, l := range lines {
			c.flow = append(c.flow, flowLine{texts: c.toTexts(l, f.Left)})
		}
	}
}

// paginate places the flow's lines on the grid, page after page, starting
// on page 1 at em box top y. A blank line at the top of a page is dropped;
// a chain of lines that must stay together (a heading and the line after
// it, the 署名 and the date) moves to the next page whole.
func (c *composer) paginate(y float64) {
	f := c.f
	pitch := f.LinePitch()
	size := format.MM(f.Body.Size)
	page := &c.pages[0]
	fresh := false // nothing placed on this page's grid yet
	fitsN := func(y float64, n int) bool {
		return y+float64(n-1)*pitch+size <= f.Bottom()+0.01
	}
	newPage := func() {
		page = c.newPage()
		y = f.Top
		fresh = true
	}
	for i := 0; i < len(c.flow); i++ {
		l := c.flow[i]
		if l.blank {
			if !fresh {
				y += pitch
			}
			continue
		}
		chain := 1
		for j := i; j < len(c.flow) && c.flow[j].keepNext && j+1 < len(c.flow); j++ {
			if !c.flow[j+1].blank {
				chain++
			}
		}
		if !fitsN(y, chain) && !fresh && fitsN(f.Top, chain) {
			newPage()
		} else if !fitsN(y, 1) {
			newPage()
		}
		for _, t := range l.texts {
			t.Y += y
			page.Texts = append(page.Texts, t)
		}
		if l.mark != nil {
			m := *l.mark
			m.Y = y
			page.Marks = append(page.Marks, m)
		}
		if l.image != nil {
			im := *l.image
			im.Y += y
			page.Images = append(page.Images, im)
		}
		fresh = false
		y += pitch
	}
}

// pageNumbers adds "— N —" in 四号宋体 from PageNumberFromPage on: the
// dashes' em box top PageNumberDrop under the 版心, odd pages flush right and
// even pages flush left, PageNumberIndent 字 in (GB/T 9704-2012 clause 7.5).
func (c *composer) pageNumbers() {
	f := c.f
	st := f.PageNumber
	in := f.PageNumberIndent * format.MM(st.Size)
	top := f.Bottom() + f.PageNumberDrop
	for i := range c.pages {
		p := &c.pages[i]
		if p.Number < f.PageNumberFromPage {
			continue
		}
		if p.Width > p.Height {
			c.landscapePageNumber(p) // where a portrait page has it, on the turned sheet
			continue
		}
		s := fmt.Sprintf("— %d —", p.Number)
		w := c.width(s, st, 1)
		x := f.Left + in
		if p.Number%2 == 1 {
			x = f.Right() - in - w
		}
		p.Texts = append(p.Texts, c.textAt(s, st, x, top, 1, doc.Pos{}))
	}
}
