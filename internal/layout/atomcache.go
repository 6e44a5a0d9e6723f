package layout

import (
	"reflect"
	"slices"
	"sync"
	"sync/atomic"

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
	// rooms are the numbers of lines the text breaks into in the rooms
	// the table setters of the process have counted it in (see count), in
	// order; a new list replaces the old when one is added, under mu.
	mu    sync.Mutex
	rooms atomic.Pointer[[]roomCount]
}

var atomCache struct {
	mu     sync.Mutex
	m      map[atomKey]*atomEntry
	glyphs int
}

// measured returns a paragraph's atoms, its unbreakable groups and the
// characters its fonts lack, from the cache when it can.
func measured(spans []Span, squeeze, shrink float64) ([]atom, []group, []MissingGlyph) {
	as, gs, missing, _ := measuredEntry(spans, squeeze, shrink)
	return as, gs, missing
}

// measuredEntry is measured, with the cache's entry for the paragraph (nil
// when it is not kept).
func measuredEntry(spans []Span, squeeze, shrink float64) ([]atom, []group, []MissingGlyph, *atomEntry) {
	if len(spans) != 1 || len(spans[0].Text) > 4*cacheMaxGlyphs || spans[0].Font == nil || !reflect.TypeOf(spans[0].Font).Comparable() {
		as, missing := atoms(spans, squeeze, shrink)
		return as, groups(as), missing, nil
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
	return e.as, e.gs, append([]MissingGlyph(nil), e.missing...), e
}

// roomsOf is the text's rooms counted so far, in order.
func (e *atomEntry) roomsOf() []roomCount {
	if p := e.rooms.Load(); p != nil {
		return *p
	}
	return nil
}

// addRoom adds the count of lines in a room, counted at width w, unless
// another setter has added it meanwhile or the text has maxRooms.
func (e *atomEntry) addRoom(rc roomCount, w float64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	rooms := e.roomsOf()
	k := roomAt(rooms, w)
	if (k > 0 && rooms[k-1].room.holds(w)) || len(rooms) >= maxRooms {
		return
	}
	rooms = slices.Insert(slices.Clip(rooms), k, rc) // a new list: readers keep the old
	e.rooms.Store(&rooms)
}
