package serve

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"gongwen/internal/build"
)

// BenchmarkEditToFirstPage measures what a clerk waits for in serve: the
// reference notice is served at 96 dpi, its template is saved with one
// character changed, and the time runs until the browser's long poll has
// answered with the new generation and page 1 has arrived. Each
// iteration is seven edits; the median of all is reported (ms/edit).
func BenchmarkEditToFirstPage(b *testing.B) {
	dir := b.TempDir()
	for _, p := range []string{
		"data/chuan-ban-han-2024-114.toml",
		"templates/chuan-ban-han-2024-114.txt",
		"data/chuan-ban-han-2024-114/annex1.toml",
		"data/chuan-ban-han-2024-114/annex2.toml",
		"data/chuan-ban-han-2024-114/annex3.toml",
	} {
		src, err := os.ReadFile(filepath.Join("../..", p))
		if err != nil {
			b.Fatal(err)
		}
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), src, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	b.Chdir(dir)
	body := filepath.Join(dir, "templates/chuan-ban-han-2024-114.txt")
	orig, _ := os.ReadFile(body)

	s := New("data/chuan-ban-han-2024-114.toml", build.Options{}, 96)
	if st := s.Rebuild(); len(st.Problems) > 0 {
		b.Fatal(st.Problems)
	}
	l, err := Listen("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Serve(ctx, l)
	base := "http://" + l.Addr().String()
	get := func(path string) []byte {
		resp, err := http.Get(base + path)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("%s: %s", path, resp.Status)
		}
		return out
	}
	var st State
	json.Unmarshal(get("/state"), &st)
	last := get("/page/1.png")
	time.Sleep(300 * time.Millisecond) // the watcher is set up

	var waits []time.Duration
	edit := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := 0; k < 7; k++ {
			edit++
			// The first sentence of the body (after the template's
			// comment) gets a few characters more: page 1 changes.
			end := strings.Index(string(orig), "*/")
			text := string(orig[:end]) + strings.Replace(string(orig[end:]), "。", fmt.Sprintf("（第%d次修改）。", edit), 1)
			start := time.Now()
			if err := os.WriteFile(body, []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
			for {
				var next State
				json.Unmarshal(get(fmt.Sprintf("/state?after=%d", st.Generation)), &next)
				if next.Generation > st.Generation {
					st = next
					break
				}
			}
			if len(st.Problems) > 0 {
				b.Fatal(st.Problems)
			}
			page := get("/page/1.png")
			waits = append(waits, time.Since(start))
			if string(page) == string(last) {
				b.Fatal("page 1 did not change")
			}
			last = page
			time.Sleep(50 * time.Millisecond) // a clerk types between saves
		}
	}
	b.StopTimer()
	sort.Slice(waits, func(i, j int) bool { return waits[i] < waits[j] })
	b.ReportMetric(float64(waits[len(waits)/2].Microseconds())/1000, "ms/edit")
}
