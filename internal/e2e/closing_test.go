package e2e

import (
	"slices"
	"strings"
	"testing"
)

// TestClosingElementsFollowTheSpec measures the end of the main text
// (clause 7.3.5, no seal): the 附件说明 one blank line under the 正文,
// indented 2 字, its further items aligned under the first item's number;
// the 署名 one blank line under it, 右空二字; the 成文日期 on the next line,
// its first character 2 字 right of the 署名's first (or, if the date is the
// longer, the date 右空二字 and the 署名 2 字 left of it). 0.15 mm slack
// across, 0.05 mm down.
func TestClosingElementsFollowTheSpec(t *testing.T) {
	n := theNotice(t)
	var body, attachments []placed
	var signature, date *placed
	for _, l := range n.placedLines(t) {
		switch n.kinds[l.para] {
		case kindBody, kindHeading1, kindHeading2:
			body = append(body, l)
		case kindAttachments:
			attachments = append(attachments, l)
		case kindSignature:
			signature = &l
		case kindDate:
			date = &l
		}
	}
	if len(body) == 0 || len(attachments) == 0 || signature == nil || date == nil {
		t.Fatalf("found %d 正文 lines, %d 附件说明 lines, 署名 %v, 成文日期 %v; want all of them",
			len(body), len(attachments), signature != nil, date != nil)
	}
	// linesBelow checks that b is k grid lines under a when both are on one page.
	linesBelow := func(what string, a, b line, k int) {
		t.Helper()
		if a.page != b.page {
			return
		}
		if d := b.emTop() - a.emTop(); !near(d, float64(k)*linePitch, 0.05) {
			t.Errorf("%s: %.3f mm under %q, want %d × %.3f (±0.05)", what, d, clip(a.text, 10), k, linePitch)
		}
	}

	first := attachments[0]
	if !strings.HasPrefix(first.text, "附件：") {
		t.Fatalf("the 附件说明 starts %q, want 附件：", first.text)
	}
	if s, want := first.cellStart(), typeLeft+paragraphIndentChars*bodyCell; !near(s, want, 0.15) {
		t.Errorf("附件说明 starts at x = %.3f mm, want %.3f (2 字 in)", s, want)
	}
	linesBelow("附件说明", body[len(body)-1].line, first.line, 2)
	number := cellStart(first.glyphs[len([]rune("附件："))])
	for _, l := range attachments[1:] {
		if l.off == 0 {
			if s := l.cellStart(); !near(s, number, 0.15) {
				t.Errorf("附件说明 item %q starts at x = %.3f mm, want %.3f (under the first item's number)",
					clip(l.text, 10), s, number)
			}
		}
	}
	for k := 1; k < len(attachments); k++ {
		linesBelow("附件说明 line", attachments[k-1].line, attachments[k].line, 1)
	}

	linesBelow("署名", attachments[len(attachments)-1].line, signature.line, 2)
	linesBelow("成文日期", signature.line, date.line, 1)
	rightEnd := typeRight - signatureRightChars*bodyCell
	shift := dateShiftChars * bodyCell
	if date.cellEnd()-date.cellStart() <= signature.cellEnd()-signature.cellStart()+shift {
		if e := signature.cellEnd(); !near(e, rightEnd, 0.15) {
			t.Errorf("署名 ends at x = %.3f mm, want %.3f (右空二字)", e, rightEnd)
		}
		if s, want := date.cellStart(), signature.cellStart()+shift; !near(s, want, 0.15) {
			t.Errorf("成文日期 starts at x = %.3f mm, want %.3f (2 字 right of the 署名's %.3f)", s, want, signature.cellStart())
		}
	} else {
		if e := date.cellEnd(); !near(e, rightEnd, 0.15) {
			t.Errorf("the longer 成文日期 ends at x = %.3f mm, want %.3f (右空二字)", e, rightEnd)
		}
		if s, want := signature.cellStart(), date.cellStart()-shift; !near(s, want, 0.15) {
			t.Errorf("署名 starts at x = %.3f mm, want %.3f (2 字 left of the date's %.3f)", s, want, date.cellStart())
		}
	}
}

// TestElementsUseTheirTypefaces checks each glyph's font and size against
// its element: 标志 and 标题 小标宋 (36 and 22 pt), level-1 headings 黑体,
// a level-2 heading's sentence (up to its 。) 楷体 and the rest of its
// paragraph 仿宋, everything else of the main text 三号仿宋, page numbers
// 四号宋体, the fonts being those fonts.toml gives the roles.
func TestElementsUseTheirTypefaces(t *testing.T) {
	n := theNotice(t)
	files := fontFiles(t)
	lim := &limit{t: t, max: 20}
	check := func(l line, k int, role string, size float64) {
		g := l.glyphs[k]
		if !fontIs(g.Font, files[role]) {
			lim.errorf("page %d, %q: glyph %q is in %s, want %s (%s)", l.page, clip(l.text, 12), g.Rune, g.Font, role, files[role])
		}
		if !near(g.Size, size, 0.01) {
			lim.errorf("page %d, %q: glyph %q is %.2f pt, want %.1f", l.page, clip(l.text, 12), g.Rune, g.Size, size)
		}
	}
	for _, l := range n.placedLines(t) {
		para := []rune(n.paras[l.para])
		headEnd := 0 // runes of a level-2 heading's sentence, its 。 included
		if n.kinds[l.para] == kindHeading2 {
			headEnd = slices.Index(para, '。') + 1
		}
		off := l.off
		for k, g := range l.glyphs {
			if strings.TrimSpace(string(g.Rune)) == "" {
				continue
			}
			switch kd := n.kinds[l.para]; {
			case kd == kindMark:
				check(l.line, k, "xiaobiaosong", markSize)
			case kd == kindTitle:
				check(l.line, k, "xiaobiaosong", titleSize)
			case kd == kindHeading1:
				check(l.line, k, "heiti", bodySize)
			case kd == kindHeading2 && off < headEnd:
				check(l.line, k, "kaiti", bodySize)
			default:
				check(l.line, k, "fangsong", bodySize)
			}
			off++
		}
	}
	for i := 0; i < n.main; i++ {
		for _, l := range n.footer[i] {
			for k := range l.glyphs {
				check(l, k, "songti", pageNumberSize)
			}
		}
	}
	lim.done()
}
