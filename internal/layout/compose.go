package layout

// compose.go: the composer and Compose, which walks the format's lists of
// elements. What each element draws is in front.go (版头) and back.go
// (closing, 版记); the body flow (breaking into lines, pagination, page
// numbers) in flow.go; annex pages in annex.go.

import (
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
	images   []Image // Y relative to the line's em box top
	places   []Image // seals' places (Page.Places), as images
	// squeeze: the line is a seal's 署名 or a signature stamp, whose chain
	// may tighten its page's pitch to fit (paginate).
	squeeze bool
}

// composer builds one document's pages.
type composer struct {
	f     *format.Format
	fonts Fonts
	d     *doc.Document
	errs  doc.Errors
	flow  []flowLine
	pages []Page

	// The 版头's cursor: the bottom edge of the last element placed (mm from
	// the page's top), and the blank lines an absent optional element would
	// have asked for, which the next element keeps.
	bottom float64
	carry  float64
	// lastTop is the top of the element placed last (for one Beside it);
	// besideOf the bottom the next element's must not rise above.
	lastTop, besideOf float64
	// y is the em box top where the flow's next line goes on the last page;
	// started says the flow has its first line's place.
	y       float64
	fresh   bool
	started bool
	// unnumbered holds the indexes of a blank page added before the 版记
	// and of that 版记 page: neither carries a page number (clause 7.5).
	unnumbered map[int]bool
	// markDepth is the outline level of the blocks' first-level headings:
	// 0 in the 正文, 1 in a text annex (under the annex's bookmark).
	markDepth int
}

// Compose lays out a document whose body has been expanded, composing the
// elements its format lists, in order: the 版头 (Front) on page 1, the 正文,
// then the closing and 版记 (Back). Every character is checked against its
// role's font on the way: each character a font lacks is reported once per
// paragraph, at the paragraph's position (the build narrows it to the
// character's own line and column), with the number of times it occurs
// there; the annexes are checked too, and no pages are returned while there
// is a problem.
func Compose(d *doc.Document, f *format.Format, fonts Fonts) (*Result, error) {
	c := &composer{f: f, fonts: fonts, d: d, unnumbered: map[int]bool{}}
	c.newPage()
	for _, e := range f.Front {
		c.front(e)
	}
	if !c.started {
		c.startFlow(f.BodyGapLines)
	}
	c.body(d)
	for _, e := range f.Back {
		c.back(e)
	}
	c.flush()
	if err := c.errs.Err(); err != nil {
		return nil, err
	}
	c.pageNumbers()
	nestMarks(c.pages)
	for _, p := range c.pages {
		inReadingOrder(p.Texts)
	}
	return &Result{
		Pages: c.pages,
		Meta: Metadata{
			Title:    c.title(),
			Author:   d.Meta.Author,
			Subject:  d.Meta.Subject,
			Keywords: d.Meta.Keywords,
		},
	}, nil
}

// title is the document's title for its metadata: the 标题, or for a
// document without one (a 命令, a 纪要) the 标志 and its number line.
func (c *composer) title() string {
	if t := c.joinTitle(); t != "" {
		return t
	}
	names, suffix := c.markText()
	s := names[0]
	if len(names) > 1 {
		s = ""
		for _, n := range names {
			s += n
		}
	}
	s += suffix
	if n := c.numberLine(); n != "" {
		s += n
	}
	return s
}

// joinTitle is the 标题's lines as one line: joined as they are, but with
// an ideographic space, as between two names on one printed line, where a
// line ending with one issuer's name is followed by one starting with
// another's (a 联合行文's title names the issuers line by line).
func (c *composer) joinTitle() string {
	isName := func(match func(string, string) bool, s string) bool {
		for _, n := range c.d.Issuers {
			if n != "" && match(s, n) {
				return true
			}
		}
		return false
	}
	var b strings.Builder
	for i, l := range c.d.Title {
		if i > 0 && isName(strings.HasSuffix, strings.TrimSpace(c.d.Title[i-1])) && isName(strings.HasPrefix, strings.TrimSpace(l)) {
			b.WriteString("\u3000")
		}
		b.WriteString(l)
	}
	return b.String()
}

// numberLine is the 版头's number line of a 命令 or a 纪要 (令号, 期号).
func (c *composer) numberLine() string {
	switch {
	case c.f.Has(format.OrderNumber) && c.d.OrderNumber > 0:
		return c.orderNumber()
	case c.f.Has(format.MinutesNumber):
		return c.d.MinutesNumber
	}
	return ""
}

// flush paginates the flow's pending lines.
func (c *composer) flush() { c.paginate() }

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

// organs are the spans of a list of organs as the data writes it (a 主送,
// a 抄送: names between ， 、 and ；), each name kept on one line where the
// measure allows, then end.
func (c *composer) organs(list, end string, st format.Style) []Span {
	var out []Span
	name := func(s string) {
		if s != "" {
			out = append(out, Span{Text: s, Style: st, Font: c.fonts(st.Role), Keep: true})
		}
	}
	start := 0
	for i, r := range list {
		if r == '，' || r == '、' || r == '；' {
			name(list[start:i])
			out = append(out, c.span(string(r), st))
			start = i + len(string(r))
		}
	}
	name(list[start:])
	return append(out, c.span(end, st))
}

// bodyPara is a paragraph across the 版心 on the body grid, its first line
// and the others indented by first and rest (mm).
func (c *composer) bodyPara(spans []Span, first, rest float64) Para {
	return Para{Spans: spans, Width: c.f.BodyWidth, FirstIndent: first, Indent: rest, Squeeze: c.squeeze(), Shrink: c.f.PunctShrink}
}

// breakPara breaks a paragraph, recording characters its fonts lack.
func (c *composer) breakPara(p Para, where doc.Pos) []Line {
	return c.breakParaAt(p, where, nil)
}

// breakParaAt is breakPara with each missing character reported where
// source says it comes from (nil: at where).
func (c *composer) breakParaAt(p Para, where doc.Pos, source func(MissingGlyph) doc.Pos) []Line {
	lines, missing := Break(p)
	for _, m := range missing {
		at := where
		if source != nil {
			at = source(m)
		}
		e := doc.Errorf(at, "%v", m)
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

// textAt places one line of text in a style at an em box top, starting at x.
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

// bodyText is text in the body style on the grid's squeeze.
func (c *composer) bodyText(text string, x, top float64, where doc.Pos) Text {
	return c.textAt(text, c.f.Body, x, top, c.squeeze(), where)
}

// bodyWidth is the width of text in the body style on the grid's squeeze.
func (c *composer) bodyWidth(text string) float64 { return c.width(text, c.f.Body, c.squeeze()) }

// nestMarks keeps the bookmarks a tree: the first is at the top level and
// none is more than one level below the one before it (a second-level
// heading with no first-level one before it moves up), as an outline
// nests each entry under the last one of the level above.
func nestMarks(pages []Page) {
	last := -1
	for i := range pages {
		for j := range pages[i].Marks {
			m := &pages[i].Marks[j]
			m.Level = max(0, min(m.Level, last+1))
			last = m.Level
		}
	}
}
