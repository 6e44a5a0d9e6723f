package layout

// annex.go composes the annex (附件) pages that follow the main text (GB/T
// 9704-2012 clause 8, ../shared/spec/gbt9704.md "Annex pages"): each annex
// starts a page with its label 附件N in 三号黑体 flush left on the first
// line of the grid and its title in 二号小标宋 centred on the third line, the
// same title as the 附件说明 item; its table starts one line below the title.
// A table too wide for the 版心 goes on landscape pages. Page numbers
// continue: pageNumbers runs over these pages too.

import (
	"fmt"
	"math"
	"strconv"

	"gongwen/internal/doc"
	"gongwen/internal/format"
)

// frame is the 版心 of a page, in that page's coordinates (mm).
type frame struct {
	left, top, width, height float64
	landscape                bool
}

func (fr frame) bottom() float64 { return fr.top + fr.height }

// portrait is the 版心 of an upright page.
func (c *composer) portrait() frame {
	f := c.f
	return frame{left: f.Left, top: f.Top, width: f.BodyWidth, height: f.BodyHeight}
}

// landscape is the 版心 of a landscape page: the portrait sheet turned a
// quarter turn clockwise for reading, so that the table's top lies along the
// sheet's left edge — the binding side of an odd page and the outer side of
// an even page, as clause 7.5 asks (单页码表头在订口一边，双页码表头在切口一边).
// A point (x, y) of the upright sheet is (PageHeight − y, x) on the turned
// page, so the portrait 版心 becomes this one.
func (c *composer) landscape() frame {
	f := c.f
	return frame{left: f.PageHeight - f.Bottom(), top: f.Left, width: f.BodyHeight, height: f.BodyWidth, landscape: true}
}

// framePage appends a page of the frame's orientation and returns its index.
func (c *composer) framePage(fr frame) int {
	p := Page{Number: len(c.pages) + 1, Width: c.f.PageWidth, Height: c.f.PageHeight}
	if fr.landscape {
		p.Width, p.Height = c.f.PageHeight, c.f.PageWidth
	}
	c.pages = append(c.pages, p)
	return len(c.pages) - 1
}

// annexes adds the pages of every attachment that has content, in order.
// The label is the format's AnnexWord (附件) numbered 附件N, or alone when
// the document has one attachment.
func (c *composer) annexes(d *doc.Document) error {
	for i := range d.Attachments {
		a := &d.Attachments[i]
		if !a.HasContent() {
			continue
		}
		label := c.f.AnnexWord
		if len(d.Attachments) > 1 {
			label += strconv.Itoa(i + 1)
		}
		switch {
		case a.Table != nil:
			c.annex(label, a)
		case a.Template != "":
			c.textAnnex(label, a) // annex_text.go
		case a.Image != "":
			c.imageAnnex(label, a)
		}
	}
	return c.errs.Err()
}

// tablePlan is one way to set a table: a frame, a type size, the widths and
// heights that follow, and the page parts.
type tablePlan struct {
	ts      *tableSetter
	fr      frame
	top     float64 // em box top of the table on the annex's first page
	w, h    []float64
	parts   []tablePart
	tooTall []int
}

// plan chooses how to set an annex's table. Portrait comes first; landscape
// only when no size fits the portrait 版心's width (or the data asks for
// it). Within an orientation, the type size is the largest of
// format.TableSizes that needs no more pages than the smallest.
func (c *composer) plan(t *doc.Table, title string) (*tablePlan, error) {
	frames := []frame{c.portrait(), c.landscape()}
	switch t.Orientation {
	case doc.OrientPortrait:
		frames = frames[:1]
	case doc.OrientLandscape:
		frames = frames[1:]
	}
	need := 0.0
	for _, fr := range frames {
		top := c.annexContentTop(fr, len(c.annexTitle(title, fr, doc.Pos{}, false)))
		var best *tablePlan
		for _, size := range c.f.TableSizes {
			ts := c.newTableSetter(t, size)
			w, ok := ts.widths(fr.width)
			if !ok {
				need = sum(w)
				continue
			}
			h := ts.rowHeights(w)
			ts.heights.release() // the search is over
			parts, tall := ts.split(h, fr.bottom()-top, fr.height)
			if best == nil || len(parts) < len(best.parts) {
				best = &tablePlan{ts: ts, fr: fr, top: top, w: w, h: h, parts: parts, tooTall: tall}
			}
		}
		if best != nil {
			return best, nil
		}
	}
	last := frames[len(frames)-1]
	where := doc.Pos{File: t.Source}
	if len(t.Head) > 0 {
		where = t.Head[0].Pos // the columns
	}
	return nil, doc.Errorf(where, "the table is too wide: even in %s its columns need %.0f mm, and the 版心 is %.0f mm wide; give fewer or narrower columns",
		sizeName(c.f.TableSizes[len(c.f.TableSizes)-1]), need, last.width)
}

// annexTitle breaks an annex title for a frame, centred line by line.
func (c *composer) annexTitle(title string, fr frame, where doc.Pos, report bool) []Line {
	p := Para{Spans: []Span{c.span(title, c.f.Title)}, Width: fr.width, Ragged: true}
	var lines []Line
	if report {
		lines = c.breakPara(p, where)
	} else {
		lines, _ = Break(p)
	}
	if len(lines) > 1 {
		if ws := c.wordLines(title, len(lines), fr.width); ws != nil {
			return ws // broken between words, as the 标题 is
		}
	}
	return lines
}

// line is the em box top of grid line n (from 1) of a frame.
func (c *composer) line(fr frame, n int) float64 {
	return fr.top + float64(n-1)*c.f.LinePitch()
}

// annexContentTop is where an annex's content starts: on the first grid
// line clear of the title's last line, after AnnexContentGapLines blank
// lines.
func (c *composer) annexContentTop(fr frame, titleLines int) float64 {
	f := c.f
	pitch := f.LinePitch()
	bottom := c.line(fr, f.AnnexTitleLine) + float64(max(titleLines, 1)-1)*f.TitleLinePitch + format.MM(f.Title.Size)
	clear := int(math.Ceil((bottom-fr.top)/pitch - 1e-9))
	return fr.top + float64(clear+f.AnnexContentGapLines)*pitch
}

// annexHead starts an annex's first page in a frame: 附件N in 三号黑体 flush
// left on the first line, the title in 二号小标宋 centred from the
// AnnexTitleLine-th line, and a bookmark "附件N　title" at the label. It
// returns the page's index; the content starts at annexContentTop.
func (c *composer) annexHead(label string, a *doc.Attachment, fr frame) int {
	f := c.f
	pi := c.framePage(fr)
	c.pages[pi].Texts = append(c.pages[pi].Texts, c.textAt(label, f.AnnexLabel, fr.left, c.line(fr, 1), 1, a.Pos))
	// The annex's bookmark, beside the 正文's first-level headings; a text
	// annex's headings go under it (markDepth).
	c.pages[pi].Marks = append(c.pages[pi].Marks, Mark{Title: label + "\u3000" + a.Title, Y: c.line(fr, 1)})
	for i, l := range c.annexTitle(a.Title, fr, a.Pos, true) {
		for _, t := range c.toTexts(l, fr.left+(fr.width-l.Width)/2) {
			t.Y += c.line(fr, f.AnnexTitleLine) + float64(i)*f.TitleLinePitch
			c.pages[pi].Texts = append(c.pages[pi].Texts, t)
		}
	}
	return pi
}

// annex composes one annex: label, title, and the table over as many pages
// as it takes, each continuation page repeating the header rows.
func (c *composer) annex(label string, a *doc.Attachment) {
	pl, err := c.plan(a.Table, a.Title)
	if err != nil {
		c.errs = append(c.errs, err)
		return
	}
	fr := pl.fr
	pi := c.annexHead(label, a, fr)
	ts := pl.ts
	ts.reportMissing(pl.w)
	for _, r := range pl.tooTall {
		c.errs = append(c.errs, doc.Errorf(ts.rowPos(r), "this row of the table is %.0f mm tall, more than a page holds, and a cell spanning rows holds it together; split it into several rows", pl.h[r]))
	}
	x := fr.left + (fr.width-sum(pl.w))/2
	y := pl.top
	for k, part := range pl.parts {
		if k > 0 {
			pi, y = c.framePage(fr), fr.top
		}
		ts.draw(&c.pages[pi], part, x, y, pl.w, pl.h)
		y += sum(pl.h[:ts.headRows]) + ts.partHeight(part, pl.h)
	}
	c.tableNote(a.Table, ts, fr, pi, x, y, sum(pl.w))
}

// tableNote sets a table's 表注 under it: in the table's body type, flush
// left across the table's width, after half a line; lines that do not fit
// go on to a page of their own.
func (c *composer) tableNote(t *doc.Table, ts *tableSetter, fr frame, pi int, x, y, width float64) {
	if len(t.Note) == 0 {
		return
	}
	em := format.MM(ts.body.Size)
	y += ts.pitch / 2
	for _, para := range t.Note {
		p := Para{Spans: []Span{c.span(para, ts.body)}, Width: width, Shrink: c.f.PunctShrink}
		for _, l := range c.breakPara(p, t.NotePos) {
			if y+ts.pitch > fr.bottom()+eps {
				pi, y = c.framePage(fr), fr.top
			}
			for _, tx := range c.toTexts(l, x) {
				tx.Y += y + (ts.pitch-em)/2
				c.pages[pi].Texts = append(c.pages[pi].Texts, tx)
			}
			y += ts.pitch
		}
	}
}

// rowPos is the data position of a grid row.
func (ts *tableSetter) rowPos(r int) doc.Pos {
	if r < ts.headRows {
		return ts.t.Head[r].Pos
	}
	return ts.t.Rows[r-ts.headRows].Pos
}

// landscapePageNumber sets the page number of a landscape page where GB/T
// 9704-2012 clause 7.5 wants it: where the portrait pages have it on the
// sheet. The table's top faces the sheet's left edge (the binding side of
// an odd page, the outer side of an even one), so a point (sx, sy) of the
// upright sheet is (PageHeight − sy, sx) on the turned page, and the number,
// which reads left to right on the sheet, reads downwards on the page with
// its glyphs' tops towards the right: the upright run turned 90° clockwise.
func (c *composer) landscapePageNumber(p *Page) {
	f := c.f
	st := f.PageNumber
	in := f.PageNumberIndent * format.MM(st.Size)
	s := fmt.Sprintf("— %d —", p.Number)
	w := c.width(s, st, 1)
	sx := f.Left + in // the number's start on the upright sheet
	if p.Number%2 == 1 {
		sx = f.Right() - in - w
	}
	t := c.textAt(s, st, 0, f.Bottom()+f.PageNumberDrop, 1, doc.Pos{})
	// The pivot is where the run starts on its baseline, on the turned page;
	// the run is set upright from there and turned about it.
	t.PivotX, t.PivotY = f.PageHeight-t.Y, sx
	for i := range t.Glyphs {
		t.Glyphs[i].X += t.PivotX
	}
	t.Y, t.Rotate = t.PivotY, -90
	p.Texts = append(p.Texts, t)
}

// sizeName is a type size as a clerk knows it: 小四, or 10pt.
func sizeName(pt float64) string {
	names := map[float64]string{
		format.SizeChuhao: "初号", format.SizeXiaochu: "小初", format.SizeYihao: "一号", format.SizeErhao: "二号",
		format.SizeXiaoer: "小二", format.SizeSanhao: "三号", format.SizeXiaosan: "小三", format.SizeSihao: "四号",
		format.SizeXiaosi: "小四", format.SizeWuhao: "五号",
	}
	if n, ok := names[pt]; ok {
		return n
	}
	return strconv.FormatFloat(pt, 'f', -1, 64) + "pt"
}
