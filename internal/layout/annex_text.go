package layout

// annex_text.go composes the annexes that are not tables: a text annex (a
// body template, such as the 方案 a 通知 issues) set by the body flow with
// the body's rules (the grid, punctuation, justification, keep-with-next)
// from the first grid line clear of its title; and an image annex (a
// scanned form, a map) fitted to the 版心 under its title, on its own page.

import "gongwen/internal/doc"

// textAnnex sets a text annex's blocks after its label and title, on as
// many pages as they take.
func (c *composer) textAnnex(label string, a *doc.Attachment) {
	fr := c.portrait()
	c.annexHead(label, a, fr)
	c.flow = nil
	c.markDepth = 1
	c.blocks(a.Body)
	c.markDepth = 0
	c.y = c.annexContentTop(fr, len(c.annexTitle(a.Title, fr, doc.Pos{}, false)))
	c.fresh = false
	c.paginate()
}

// imageAnnex places an image annex under its label and title, as large as
// the rest of the 版心 allows at its own proportions, centred.
func (c *composer) imageAnnex(label string, a *doc.Attachment) {
	fr := c.portrait()
	pi := c.annexHead(label, a, fr)
	top := c.annexContentTop(fr, len(c.annexTitle(a.Title, fr, doc.Pos{}, false)))
	w, h := fr.width, fr.bottom()-top
	if a.ImageAspect > 0 && w*a.ImageAspect > h {
		w = h / a.ImageAspect
	} else if a.ImageAspect > 0 {
		h = w * a.ImageAspect
	}
	c.pages[pi].Images = append(c.pages[pi].Images, c.image(a.Image, fr.left+(fr.width-w)/2, top, w, h))
}
