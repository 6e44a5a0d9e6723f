package build

import (
	"sort"
	"sync"

	"gongwen/internal/doc"
	"gongwen/internal/fonts"
)

// subsetCache holds the subsets a job made, by font and characters: its
// outputs and copies ask for the same ones again.
type subsetCache map[subsetKey][]byte

type subsetKey struct {
	f     *fonts.Font
	runes string
}

// subsetAll cuts each font down to its characters, the fonts at once: a
// font's subset is a millisecond or two of work (reading the glyphs'
// pages of its file), and nothing else runs while they are made. A
// problem names the font; of several, the first by path. A cut made
// before is taken from c.
func (c subsetCache) subsetAll(cuts map[*fonts.Font][]rune) (map[*fonts.Font][]byte, error) {
	type result struct {
		f   *fonts.Font
		b   []byte
		err error
	}
	out := make(map[*fonts.Font][]byte, len(cuts))
	results := make([]result, 0, len(cuts))
	for f, runes := range cuts {
		if b, ok := c[subsetKey{f, string(runes)}]; ok {
			out[f] = b
			continue
		}
		results = append(results, result{f: f})
	}
	sort.Slice(results, func(a, b int) bool { return results[a].f.Path < results[b].f.Path })
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() { results[i].b, results[i].err = results[i].f.Subset(cuts[results[i].f]) })
	}
	wg.Wait()
	for _, r := range results {
		if r.err != nil {
			return nil, doc.Errorf(doc.Pos{File: r.f.Path}, "%v", r.err)
		}
		out[r.f] = r.b
		if c != nil {
			c[subsetKey{r.f, string(cuts[r.f])}] = r.b
		}
	}
	return out, nil
}
