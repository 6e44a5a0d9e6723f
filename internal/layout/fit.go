package layout

// fit.go refuses what cannot stand where the standard puts it: a line of
// the 版头 or the closing wider than its room (a 署名 pushed into the left
// margin, a 密级 past the right edge, 签发人 over the 发文字号), a title
// taller than page 1, and keeps an image's proportions inside its box (a
// seal, a signature stamp). Each refusal names the element and its length
// in characters: nothing runs off the page silently.

import (
	"unicode/utf8"

	"gongwen/internal/doc"
)

// tooWide reports the element (its name as the standard has it, 署名)
// whose text is w mm wide where there is room for room mm, and says
// whether it did.
func (c *composer) tooWide(where doc.Pos, element, text string, w, room float64) bool {
	if w <= room+1e-6 {
		return false
	}
	c.errs = append(c.errs, doc.Errorf(where, "the %s %s is %d characters, %.0f mm wide, and there is room for %.0f mm where it stands: shorten it",
		element, quoteShort(text), utf8.RuneCountInString(text), w, max(room, 0)))
	return true
}

// quoteShort quotes text, its first 20 characters when it is longer.
func quoteShort(s string) string {
	if r := []rune(s); len(r) > 20 {
		return `"` + string(r[:20]) + `…"`
	}
	return `"` + s + `"`
}

// fitBox is the size of an image of the given aspect (height / width)
// within a box w × h: as large as fits, its proportions kept.
func fitBox(w, h, aspect float64) (float64, float64) {
	if aspect <= 0 {
		return w, h
	}
	if w*aspect <= h {
		return w, w * aspect
	}
	return h / aspect, h
}

// sealAspect is the height / width of the i-th seal's image, 1 (a round
// seal) when the data does not say.
func sealAspect(d *doc.Document, i int) float64 {
	if i < len(d.SealAspects) && d.SealAspects[i] > 0 {
		return d.SealAspects[i]
	}
	return 1
}
