package build

import (
	"sort"
	"sync"

	"gongwen/internal/doc"
	"gongwen/internal/fonts"
)

// subsetAll cuts each font down to its characters, the fonts at once: a
// font's subset is a millisecond or two of work (reading the glyphs'
// pages of its file), and nothing else runs while they are made. A
// problem names the font; of several, the first by path.
func subsetAll(cuts map[*fonts.Font][]rune) (map[*fonts.Font][]byte, error) {
	type result struct {
		f   *fonts.Font
		b   []byte
		err error
	}
	results := make([]result, 0, len(cuts))
	for f := range cuts {
		results = append(results, result{f: f})
	}
	sort.Slice(results, func(a, b int) bool { return results[a].f.Path < results[b].f.Path })
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() { results[i].b, results[i].err = results[i].f.Subset(cuts[results[i].f]) })
	}
	wg.Wait()
	out := make(map[*fonts.Font][]byte, len(results))
	for _, r := range results {
		if r.err != nil {
			return nil, doc.Errorf(doc.Pos{File: r.f.Path}, "%v", r.err)
		}
		out[r.f] = r.b
	}
	return out, nil
}
