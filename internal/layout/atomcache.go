package layout

import (
	"reflect"
	"sync"

	"gongwen/internal/format"
)

// The table setter breaks each cell's text at many widths while it looks
// for the column widths; measuring the characters and finding the break
// opportunities does not depend on the width, so short one-span
// paragraphs keep theirs here, shared by every document of the process.
// What is kept is never written to: Break only reads atoms and groups.

// Limits of the cache: only paragraphs up to cacheMaxGlyphs characters
// (cells, titles, not body paragraphs that are broken once), and at most
// cacheGlyphs characters in all (a few megabytes); when full it starts
// afresh.
const (
	cacheMaxGlyphs = 256
	cacheGlyphs    = 1 << 15
)

type atomKey struct {
	text    string
	style   format.Style
	font    Metrics
	squeeze float64
	shrink  float64
}

type atomEntry struct {
	as      []atom
	gs      []group
	missing []MissingGlyph
}

var atomCache struct {
	mu     sync.Mutex
	m      map[atomKey]*atomEntry
	glyphs int
}

// measured returns a paragraph's atoms, its unbreakable groups and the
// characters its fonts lack, from the cache when it can.
func measured(spans []Span, squeeze, shrink float64) ([]atom, []group, []MissingGlyph) {
	if len(spans) != 1 || len(spans[0].Text) > 4*cacheMaxGlyphs || spans[0].Font == nil || !reflect.TypeOf(spans[0].Font).Comparable() {
		as, missing := atoms(spans, squeeze, shrink)
		return as, groups(as), missing
	}
	sp := spans[0]
	key := atomKey{sp.Text, sp.Style, sp.Font, squeeze, shrink}
	atomCache.mu.Lock()
	e, ok := atomCache.m[key]
	atomCache.mu.Unlock()
	if !ok {
		as, missing := atoms(spans, squeeze, shrink)
		e = &atomEntry{as: as, gs: groups(as), missing: missing}
		n := len(sp.Text)
		atomCache.mu.Lock()
		if atomCache.m == nil {
			atomCache.m = map[atomKey]*atomEntry{}
		}
		if atomCache.glyphs+n > cacheGlyphs {
			clear(atomCache.m) // keeping its room: it fills again as much
			atomCache.glyphs = 0
		}
		atomCache.m[key] = e
		atomCache.glyphs += n
		atomCache.mu.Unlock()
	}
	// The caller may append to the list of missing characters.
	return e.as, e.gs, append([]MissingGlyph(nil), e.missing...)
}
