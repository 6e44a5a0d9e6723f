package layout

// front.go composes the 版头 (GB/T 9704-2012 clause 7.2, and 10.1–10.3 for
// the letter, order and minutes formats): each element of the format's Front
// list stands where its entry says, below the element before it or at a
// fixed height, and moves the cursor to its bottom edge.

import (
	"fmt"
	"math"
	"strings"

	"gongwen/internal/doc"
	"gongwen/internal/format"
)

// front composes one element of the 版头.
func (c *composer) front(e format.Element) {
	switch e.Kind {
	case format.Flags:
		c.flags(e)
	case format.Mark:
		c.mark(e)
	case format.RuleLine:
		top := c.place(e, 0)
		c.pages[0].Rules = append(c.pages[0].Rules, c.doubleLine(e.Rule, top)...)
		if !e.Aside {
			c.moveTo(top + e.Rule.Height())
		}
	case format.Number:
		c.number(e)
	case format.OrderNumber:
		c.centredLine(e, c.orderNumber(), c.d.At("order_number"))
	case format.MinutesNumber:
		c.centredLine(e, c.d.MinutesNumber, c.d.At("minutes_number"))
	case format.MinutesLine:
		c.minutesLine(e)
	case format.Title:
		c.titleBlock(e)
	case format.Recipients:
		c.recipients(e)
	default:
		c.errs = append(c.errs, doc.Errorf(doc.Pos{File: c.d.Source}, "the %s format lists %q in its 版头, which has no place there", c.f.Name, e.Kind))
	}
}

// place is the top edge of an element of the given em height: at the
// entry's fixed height, or Gap mm plus GapLines blank body lines below the
// element before (下空N行: the first line's em box top one line pitch below
// per blank line, after the usual white between two lines).
func (c *composer) place(e format.Element, em float64) float64 {
	if e.Top != 0 {
		return e.Top
	}
	if e.Beside {
		return c.lastTop
	}
	top := c.bottom + e.Gap
	if lines := math.Max(e.GapLines, c.carry); lines > 0 {
		top += c.f.LinePitch() - format.MM(c.f.Body.Size) + lines*c.f.LinePitch()
	}
	return top
}

// moveTo records an element's bottom edge as the cursor; an element
// beside the one before it moves the cursor only below both.
func (c *composer) moveTo(bottom float64) {
	c.bottom = math.Max(bottom, c.besideOf)
	c.besideOf = 0
	c.carry = 0
}

// placed records the top of the element just placed, for one beside it,
// and the bottom that one must leave the cursor below.
func (c *composer) placed(top, bottom float64) {
	c.lastTop = top
	c.besideOf = bottom
}

// absent records an optional element the data leaves out: the next element
// keeps the blank lines it asked for.
func (c *composer) absent(e format.Element) {
	c.carry = math.Max(c.carry, e.GapLines)
}

// flags sets 份号, 密级和保密期限 and 紧急程度 flush left, one a line, those
// the data has (clauses 7.2.1, 7.2.2). The 份号's run is marked so that a
// build of numbered copies can put each copy's number in its place.
func (c *composer) flags(e format.Element) {
	f, d := c.f, c.d
	top := c.place(e, format.MM(f.Body.Size))
	n := 0
	add := func(text string, st format.Style, key, field string) {
		t := c.textAt(text, st, f.Left, top+float64(n)*f.LinePitch(), c.squeeze(), d.At(key))
		t.Field = field
		c.pages[0].Texts = append(c.pages[0].Texts, t)
		n++
	}
	if d.CopyNumber > 0 {
		add(fmt.Sprintf("%0*d", f.CopyNumberDigits, d.CopyNumber), f.CopyNumber, "copy", FieldCopyNumber)
	}
	if d.Secrecy != "" {
		add(d.Secrecy, f.Flag, "secrecy", "")
	}
	if d.Urgency != "" {
		add(d.Urgency, f.Flag, "urgency", "")
	}
	if n == 0 {
		c.absent(e)
		c.placed(top, c.bottom)
		return
	}
	bottom := top + float64(n-1)*f.LinePitch() + format.MM(f.Body.Size)
	c.moveTo(bottom)
	c.placed(top, bottom)
}

// markText is the 标志's issuer names (several for a 联合行文) and the
// suffix beside them: 文件, 令, 纪要, or what the data sets.
func (c *composer) markText() ([]string, string) {
	d := c.d
	suffix := c.f.MarkSuffix
	if d.MarkSuffix != nil {
		suffix = *d.MarkSuffix
	}
	if d.Mark != "" {
		return []string{d.Mark}, ""
	}
	names := d.Issuers
	if len(names) == 0 {
		names = []string{d.Issuer}
	}
	return names, suffix
}

// mark draws the 发文机关标志: red 小标宋 centred on the 版心, scaled down
// from its size until it fits MarkMaxWidth, and refused below MarkMinSize.
// One issuer is one line, its suffix after it; several issuers are stacked,
// each spread to the widest name's width, the suffix to their right centred
// on the stack (clause 7.2.3).
func (c *composer) mark(e format.Element) {
	f := c.f
	where := c.d.At("issuer")
	if c.d.Mark != "" {
		where = c.d.At("mark")
	}
	names, suffix := c.markText()
	st := f.Mark
	widest := 0.0
	for _, n := range names {
		widest = math.Max(widest, c.width(n, st, 1))
	}
	total := widest
	if len(names) == 1 {
		names, suffix = []string{names[0] + suffix}, ""
		total = c.width(names[0], st, 1)
	} else if suffix != "" {
		total += f.MarkSuffixGap*format.MM(st.Size) + c.width(suffix, st, 1)
	}
	if total > f.MarkMaxWidth {
		scale := f.MarkMaxWidth / total
		st.Size *= scale
		if st.Size < f.MarkMinSize-1e-9 {
			c.errs = append(c.errs, doc.Errorf(where, "the 发文机关标志 %q is too long: at the smallest legible size, %s (%g pt, the format's MarkMinSize), it is %.0f mm wide, and the %s format allows %.0f mm; use the issuer's standard short name (规范化简称)",
				strings.Join(names, "、")+suffix, sizeName(f.MarkMinSize), f.MarkMinSize, total*f.MarkMinSize/f.Mark.Size, f.Name, f.MarkMaxWidth))
			return
		}
		widest *= scale
		total = f.MarkMaxWidth
		if len(names) == 1 {
			total = c.width(names[0], st, 1)
		}
	}
	top := c.place(e, format.MM(st.Size))
	em := format.MM(st.Size)
	pitch := em * f.MarkLineSpacing
	left := f.CentreX() - total/2
	for i, n := range names {
		t := c.textAt(n, st, left, top+float64(i)*pitch, 1, where)
		if len(names) > 1 {
			spread(&t, widest)
		}
		c.pages[0].Texts = append(c.pages[0].Texts, t)
	}
	height := float64(len(names)-1)*pitch + em
	if len(names) > 1 && suffix != "" {
		x := left + widest + f.MarkSuffixGap*em
		c.pages[0].Texts = append(c.pages[0].Texts, c.textAt(suffix, st, x, top+(height-em)/2, 1, where))
	}
	c.moveTo(top + height)
}

// spread widens a run to width w by even space between its glyphs.
func spread(t *Text, w float64) {
	n := len(t.Glyphs)
	if n < 2 {
		return
	}
	last := t.Glyphs[n-1]
	extra := (w - (last.X + last.Adv - t.Glyphs[0].X)) / float64(n-1)
	for i := range t.Glyphs {
		t.Glyphs[i].X += float64(i) * extra
	}
	t.Spread = extra > 0
}

// number draws the 发文字号 (clause 7.2.4) where the entry aligns it; with
// 签发人 (a 上行文, clause 7.2.5) the 发文字号 goes UpwardIndent 字 in from
// the left and the signers UpwardIndent 字 in from the right, SignersPerLine
// names a line, the 发文字号 on the last line.
func (c *composer) number(e format.Element) {
	f, d := c.f, c.d
	num := d.Number.String()
	nw := c.bodyWidth(num)
	top := c.place(e, format.MM(f.Body.Size))
	if len(d.Signers) > 0 {
		top = c.signers(top)
		c.pages[0].Texts = append(c.pages[0].Texts, c.bodyText(num, f.Left+f.UpwardIndent*c.zi(), top, d.At("number")))
		c.moveTo(top + format.MM(f.Body.Size))
		return
	}
	c.pages[0].Texts = append(c.pages[0].Texts, c.bodyText(num, c.align(e.Align, nw), top, d.At("number")))
	c.moveTo(top + format.MM(f.Body.Size))
}

// align is the left edge of something w wide placed across the 版心.
func (c *composer) align(a format.Align, w float64) float64 {
	switch a {
	case format.AlignCentre:
		return c.f.CentreX() - w/2
	case format.AlignRight:
		return c.f.Right() - w
	}
	return c.f.Left
}

// signers sets "签发人：" and the names from em top y down, and returns
// the em top of the last line, which the 发文字号 shares.
func (c *composer) signers(y float64) float64 {
	f, d := c.f, c.d
	where := d.At("signers")
	per := max(f.SignersPerLine, 1)
	lines := (len(d.Signers) + per - 1) / per
	cols := min(per, len(d.Signers))
	colW := 0.0
	for _, s := range d.Signers {
		colW = math.Max(colW, c.width(s, f.SignerName, c.squeeze()))
	}
	gap := f.SignerGap * c.zi()
	label := c.bodyWidth(f.SignerLabel)
	blockW := label + float64(cols)*colW + float64(cols-1)*gap
	x := f.Right() - f.UpwardIndent*c.zi() - blockW
	c.pages[0].Texts = append(c.pages[0].Texts, c.bodyText(f.SignerLabel, x, y, where))
	for i, s := range d.Signers {
		line, col := i/per, i%per
		sx := x + label + float64(col)*(colW+gap)
		c.pages[0].Texts = append(c.pages[0].Texts, c.textAt(s, f.SignerName, sx, y+float64(line)*f.LinePitch(), c.squeeze(), where))
	}
	return y + float64(lines-1)*f.LinePitch()
}

// orderNumber is the 令号 as printed: 第15号.
func (c *composer) orderNumber() string { return fmt.Sprintf(c.f.OrderNumber, c.d.OrderNumber) }

// centredLine sets one line of body text where the entry places and aligns
// it (the 令号, the 纪要's number); an empty one is an absent element.
func (c *composer) centredLine(e format.Element, text string, where doc.Pos) {
	if text == "" {
		c.absent(e)
		return
	}
	top := c.place(e, format.MM(c.f.Body.Size))
	c.pages[0].Texts = append(c.pages[0].Texts, c.bodyText(text, c.align(e.Align, c.bodyWidth(text)), top, where))
	c.moveTo(top + format.MM(c.f.Body.Size))
}

// minutesLine sets a 纪要's 印发机关 flush left and its date flush right on
// one line of body text, the line under the element before unless the
// entry says otherwise (clause 10.3 leaves what goes under the number to
// the issuer); without [minutes_line] it is an absent element.
func (c *composer) minutesLine(e format.Element) {
	f, m := c.f, c.d.MinutesLine
	if m == nil {
		c.absent(e)
		return
	}
	em := format.MM(f.Body.Size)
	top := c.place(e, em)
	if e.Top == 0 && e.Gap == 0 && math.Max(e.GapLines, c.carry) == 0 {
		top += f.LinePitch() - em // the next line: the usual white between two
	}
	date := m.Date.String()
	c.pages[0].Texts = append(c.pages[0].Texts,
		c.bodyText(m.Printer, f.Left, top, c.d.At("minutes_line.printer")),
		c.bodyText(date, f.Right()-c.bodyWidth(date), top, c.d.At("minutes_line")))
	c.moveTo(top + format.MM(f.Body.Size))
}

// titleBlock draws the 标题 (clause 7.3.1): centred, line by line as the data
// breaks it (a line too long for the 版心 is broken again).
func (c *composer) titleBlock(e format.Element) {
	f, d := c.f, c.d
	if len(d.Title) == 0 {
		c.absent(e)
		return
	}
	top := c.place(e, format.MM(f.Title.Size))
	var titleLines []Line
	for _, tl := range d.Title {
		titleLines = append(titleLines, c.titleLines(tl, d.At("title"))...)
	}
	for i, l := range titleLines {
		for _, t := range c.toTexts(l, f.CentreX()-l.Width/2) {
			t.Y += top + float64(i)*f.TitleLinePitch
			c.pages[0].Texts = append(c.pages[0].Texts, t)
		}
	}
	lastTop := top + float64(len(titleLines)-1)*f.TitleLinePitch
	c.moveTo(lastTop + format.MM(f.Title.Size))
}

// startFlow gives the flow its first line on the page grid, so that page
// 1's lines stand where every other page's do and its last line ends at
// the 版心's bottom: the first grid line with lines blank grid lines
// between it and the 版头's last element, each wholly below that element
// (下空一行 after a title of any number of lines: a title line's pitch is
// not the body's, so where the grid falls below the title varies); with
// no blank line, the first grid line the usual white below it.
func (c *composer) startFlow(lines float64) {
	f := c.f
	pitch := f.LinePitch()
	next := c.bottom + (pitch - format.MM(f.Body.Size))
	if blank := math.Max(lines, c.carry); blank > 0 {
		next = c.bottom + blank*pitch
	}
	c.y = f.Top + math.Ceil((next-f.Top)/pitch-1e-9)*pitch
	c.started = true
	c.carry = 0
}

// recipients starts the flow with the 主送机关 (clause 7.3.2): flush left,
// wrapped lines flush left, ending with "：".
func (c *composer) recipients(e format.Element) {
	f, d := c.f, c.d
	if d.Recipients == "" {
		c.absent(e)
		return
	}
	c.startFlow(e.GapLines)
	lines := c.breakPara(c.bodyPara([]Span{c.span(d.Recipients+"：", f.Body)}, 0, 0), d.At("recipients"))
	for _, l := range lines {
		c.flow = append(c.flow, flowLine{texts: c.toTexts(l, f.Left)})
	}
}

// doubleLine is a red rule (double, or single when its Thin is 0) with its
// top edge at top.
func (c *composer) doubleLine(d format.DoubleLine, top float64) []Rule {
	x1 := c.f.CentreX() - d.Length/2
	x2 := c.f.CentreX() + d.Length/2
	first, second := d.Thick, d.Thin
	if !d.ThickFirst {
		first, second = d.Thin, d.Thick
	}
	y1 := top + first/2
	y2 := top + first + d.Gap + second/2
	out := []Rule{{X1: x1, Y1: y1, X2: x2, Y2: y1, Width: first, Color: c.f.RuleColor}}
	if second > 0 {
		out = append(out, Rule{X1: x1, Y1: y2, X2: x2, Y2: y2, Width: second, Color: c.f.RuleColor})
	}
	return out
}

// titleLines breaks one line of the title as the data gives it. A line too
// long for the 版心 is broken between words into balanced lines
// (wordLines); failing that, into as few lines as it needs, of lengths as
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
	if ws := c.wordLines(text, len(lines), c.f.BodyWidth); ws != nil {
		return ws
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
