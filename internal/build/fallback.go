package build

import (
	"errors"
	"fmt"
	"strings"

	"gongwen/internal/doc"
	"gongwen/internal/fonts"
	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/lint"
	"gongwen/internal/say"
)

// A role that names a list of fonts is measured through the list
// (fonts.Chain), and after the layout the characters a later font of the
// list draws are runs of their own, in the fallback role that names that
// font (fonts.FallbackRole): the renderers draw a fallback role like any
// other. Each such character is a warning of `check` and `build` (one
// line per character, with its count and its first place), a problem with
// --strict: the character is not in the font the office chose for the
// role.

// metrics is the layout's measure of each role: its list of fonts where it
// has one, else its font.
func metrics(set *fonts.Set) layout.Fonts {
	return func(r format.Role) layout.Metrics {
		if c := set.Chain(r); c != nil {
			return c
		}
		return set.Font(r)
	}
}

// splitFallbacks cuts each run of text of a role with a list where the
// font that draws its characters changes, and gives the pieces a later
// font draws their fallback role. It returns the name of the font that
// draws each character a later font draws, none when there is none.
func splitFallbacks(res *layout.Result, set *fonts.Set) map[rune]string {
	drawn := map[rune]string{}
	for pi := range res.Pages {
		p := &res.Pages[pi]
		var out []layout.Text
		split := false
		for _, t := range p.Texts {
			c := set.Chain(t.Style.Role)
			if c == nil {
				out = append(out, t)
				continue
			}
			face := func(r rune) int { return max(c.Face(r), 0) }
			from := 0
			for i := 1; i <= len(t.Glyphs); i++ {
				if i < len(t.Glyphs) && face(t.Glyphs[i].R) == face(t.Glyphs[from].R) {
					continue
				}
				piece := t
				piece.Glyphs = t.Glyphs[from:i]
				if f := face(t.Glyphs[from].R); f > 0 {
					piece.Style.Role = fonts.FallbackRole(t.Style.Role, f)
					for _, g := range piece.Glyphs {
						if _, ok := drawn[g.R]; !ok {
							drawn[g.R] = c.Fonts()[f].Name()
						}
					}
					split = true
				}
				out = append(out, piece)
				from = i
			}
		}
		if split {
			p.Texts = out
		}
	}
	return drawn
}

// fallbackWarnings lays the document out again with each role's first
// font alone, to find where each character a later font drew is (the
// layout names a character its font lacks at its place): one warning per
// character, at its first place, with the number of places.
func fallbackWarnings(d *doc.Document, f *format.Format, set *fonts.Set, drawn map[rune]string) []lint.Warning {
	_, err := layout.Compose(d, f, func(r format.Role) layout.Metrics { return set.Font(r) })
	if err == nil {
		return nil
	}
	var es doc.Errors
	if !errors.As(doc.Locate(d.Sources, err), &es) {
		return nil
	}
	type group struct {
		first *doc.Error
		n     int
	}
	var order []string
	groups := map[string]*group{}
	for _, e := range es {
		var de *doc.Error
		if !errors.As(e, &de) || de.Char == 0 || drawn[de.Char] == "" {
			continue
		}
		g, ok := groups[de.Msg]
		if !ok {
			g = &group{first: de}
			groups[de.Msg] = g
			order = append(order, de.Msg)
		}
		g.n += max(de.Count, 1)
	}
	var ws []lint.Warning
	for _, m := range order {
		g := groups[m]
		var what any = g.first.Text // "character '堃' (U+5803) is not in the 仿宋 font F.ttf"
		if t, _, ok := g.first.Text.Cut(": "); ok {
			what = t
		}
		if w, _, _ := strings.Cut(g.first.Msg, ": "); fmt.Sprint(what) != w {
			what = say.Plain(w)
		}
		m := say.Sprintf("%s: drawn in %s, the next font of the role's list", what, drawn[g.first.Char])
		if g.n > 1 {
			m = say.Sprintf("%s: drawn in %s, the next font of the role's list (%d places, this the first)", what, drawn[g.first.Char], g.n)
		}
		ws = append(ws, lint.Warning{Pos: g.first.Pos, Msg: m.String(), Text: m})
	}
	return ws
}
