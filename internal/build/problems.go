package build

import (
	"errors"
	"fmt"
	"strings"

	"gongwen/internal/doc"
	"gongwen/internal/say"
)

// problemList gathers the problems of every stage of one document.
type problemList struct{ es doc.Errors }

func (p *problemList) add(err error) {
	if err == nil {
		return
	}
	var es doc.Errors
	if errors.As(err, &es) {
		p.es = append(p.es, es...)
		return
	}
	p.es = append(p.es, err)
}

// err is the problems with each character a font lacks on one line (see
// groupMissing), or nil.
func (p *problemList) err() error {
	return groupMissing(p.es).Err()
}

// groupMissing turns the reports of a character a font lacks, one per
// paragraph or value, into one line per character and font, where the
// first was, with the number of places it occurs in:
//
//	character '2' (U+0032) is not in the 仿宋 font X.ttf: 31 places, first at templates/x.txt:18:11 (use another character or …)
//
// A character that occurs once keeps the usual FILE:LINE:COL: message.
func groupMissing(es doc.Errors) doc.Errors {
	type group struct {
		at    int // index in out
		first *doc.Error
		n     int
	}
	groups := map[string]*group{}
	var out doc.Errors
	for _, e := range es {
		var de *doc.Error
		if !errors.As(e, &de) || de.Char == 0 {
			out = append(out, e)
			continue
		}
		n := max(de.Count, 1)
		if g, ok := groups[de.Msg]; ok {
			g.n += n
			continue
		}
		groups[de.Msg] = &group{at: len(out), first: de, n: n}
		out = append(out, e)
	}
	for _, g := range groups {
		if g.n < 2 {
			continue
		}
		// The message's two halves, what is wrong and what to do, are
		// each a message of the catalogue (i18n) and are passed whole.
		m := say.Sprintf("%s: %d places, first at %s", doc.Said(g.first.Msg, g.first.Text), g.n, g.first.Pos)
		if what, do, ok := g.first.Text.Cut(": "); ok && what.String()+": "+do.String() == g.first.Msg {
			m = say.Sprintf("%s: %d places, first at %s (%s)", what, g.n, g.first.Pos, do)
		}
		out[g.at] = &doc.Error{Msg: m.String(), Text: m, Char: g.first.Char}
	}
	return out
}

// Lines is an error as the lines a user reads: one per problem, each
// FILE:LINE:COL: message where there is a position, then any warnings
// that came with it (Problems).
func Lines(err error) []string {
	var out []string
	for _, m := range Messages(err) {
		out = append(out, strings.Split(fmt.Sprint(m), "\n")...)
	}
	return out
}

// Messages is Lines kept as messages (each an error or a lint.Warning,
// of one line or more), for a printer to put into the user's language.
func Messages(err error) []any {
	var out []any
	var es doc.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			out = append(out, e)
		}
	} else {
		out = append(out, err)
	}
	var p *Problems
	if errors.As(err, &p) {
		for _, w := range p.Warnings {
			out = append(out, w)
		}
	}
	return out
}
