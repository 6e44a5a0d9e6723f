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
	keep    bool
}

type atomEntry struct {
	as      []atom
	gs      []group
	missing []MissingGlyph
	// rooms are the numbers of lines the text breaks into in the rooms
	// the table setters of the process have counted it in (see count), in
	// order, read without a lock: a list never changed, replaced under mu
	// by one that takes in the rooms pending. A room found is pending
	// (under mu) until they are half as many as the list's, so that the
	// copying stays in proportion to the rooms.
	mu      sync.Mutex
	rooms   atomic.Pointer[[]roomCount]
	pending []roomCount
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
	key := atomKey{sp.Text, sp.Style, sp.Font, squeeze, shrink, sp.Keep}
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

// roomsOf is the text's rooms in the list, in order.
func (e *atomEntry) roomsOf() []roomCount {
	if p := e.rooms.Load(); p != nil {
		return *p
	}
	return nil
}

// lines is the number of lines of the text in a room counted that holds
// width w, if there is one.
func (e *atomEntry) lines(w float64) (int, bool) {
	if n, ok := roomLines(e.roomsOf(), w); ok {
		return n, true
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return roomLines(e.pending, w)
}

// addRoom adds the count of lines in a room, counted at width w, unless
// another setter has added it meanwhile or the text has maxRooms.
func (e *atomEntry) addRoom(rc roomCount, w float64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	rooms := e.roomsOf()
	if _, ok := roomLines(rooms, w); ok || len(rooms)+len(e.pending) >= maxRooms {
		return
	}
	k := roomAt(e.pending, w)
	if k > 0 && e.pending[k-1].room.holds(w) {
		return
	}
	e.pending = slices.Insert(e.pending, k, rc)
	if len(e.pending) <= max(len(rooms)/2, 4) {
		return
	}
	// A new list of both, merged in order (the rooms never overlap).
	merged := make([]roomCount, 0, len(rooms)+len(e.pending))
	i, j := 0, 0
	for i < len(rooms) || j < len(e.pending) {
		if j == len(e.pending) || (i < len(rooms) && rooms[i].room.fit < e.pending[j].room.fit) {
			merged, i = append(merged, rooms[i]), i+1
		} else {
			merged, j = append(merged, e.pending[j]), j+1
		}
	}
	e.rooms.Store(&merged)
	e.pending = e.pending[:0]
}
