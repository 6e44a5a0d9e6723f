package serve

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"weak"

	"gongwen/internal/build"
	pngr "gongwen/internal/render/png"
)

// longProject writes a document of about pages pages (22 one-line
// paragraphs a page) into a new folder, made the current one, and
// returns its data file.
func longProject(t testing.TB, pages int) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	os.MkdirAll(filepath.Join(dir, "templates"), 0o755)
	toml := `format = "file"
template = "../templates/long.txt"
issuer = "示例县人民政府"
number = "示府〔2025〕5号"
title = "示例县人民政府关于长文档的通知"
recipients = "各乡镇人民政府"
signature = "示例县人民政府"
date = 2025-04-18
`
	body := fmt.Sprintf("{{range %d}}一段。\n\n{{end}}\n", 22*pages)
	if err := os.WriteFile(filepath.Join(dir, "data", "long.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "templates", "long.txt"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Chdir(dir)
	return "data/long.toml"
}

// heldHeap is the heap in use after a collection.
func heldHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestMemoryHeldByServe: what serve holds is the layout, the fonts and
// at most cachedPages drawn pages, however many pages are fetched; and a
// drawer does not keep the build's job (its document, with every
// character's source, was half of what serve held for 5,229 pages).
func TestMemoryHeldByServe(t *testing.T) {
	path := longProject(t, 120)
	s := New(path, build.Options{}, 96)
	if st := s.Rebuild(); len(st.Problems) > 0 || st.Pages < 100 {
		t.Fatalf("the long document: %d pages, %v", st.Pages, st.Problems)
	}
	h := s.Handler(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 80})
	fetch := func(n int) int {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", fmt.Sprintf("/page/%d.png", n), nil)
		req.Host = "127.0.0.1"
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("page %d: %d %s", n, rec.Code, rec.Body)
		}
		return rec.Body.Len()
	}
	largest := fetch(1)
	before := heldHeap()
	for n := 2; n <= 100; n++ {
		largest = max(largest, fetch(n))
	}
	after := heldHeap()
	s.mu.Lock()
	cached := len(s.cache.pages)
	s.mu.Unlock()
	if cached > cachedPages {
		t.Errorf("the cache holds %d pages, more than %d", cached, cachedPages)
	}
	// 100 pages fetched: what may be added is the cache's pages, and 1 MB
	// for the rest (the fonts' glyph caches, the runtime).
	if grown := int64(after) - int64(before); grown > int64(cachedPages*largest)+1<<20 {
		t.Errorf("after 100 pages fetched the heap held grew by %d KB; %d cached pages of at most %d KB may hold %d KB",
			grown>>10, cachedPages, largest>>10, cachedPages*largest>>10)
	}
	t.Logf("held: %d KB after page 1, %d KB after 100 pages (the largest %d KB)", before>>10, after>>10, largest>>10)

	// The drawer keeps the layout and the fonts, not the job.
	j, err := build.Prepare(path, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := weak.Make(j.Doc)
	d, err := newDrawer(j, 96)
	if err != nil {
		t.Fatal(err)
	}
	j = nil
	runtime.GC()
	if doc.Value() != nil {
		t.Error("the drawer keeps the build's document alive")
	}
	if _, err := d.Draw(d.Len()-1, pngr.EncodeFast); err != nil {
		t.Errorf("the drawer without its job: %v", err)
	}
}

// BenchmarkLongDocument serves a document of 1,000 pages: the time from
// the build's start to page 1 drawn (ms/op), and the heap held then and
// after pages 2 and 1,000 are fetched (held-MB, held-after-MB).
func BenchmarkLongDocument(b *testing.B) {
	path := longProject(b, 1000)
	var held, after uint64
	for b.Loop() {
		s := New(path, build.Options{}, 96)
		if st := s.Rebuild(); len(st.Problems) > 0 {
			b.Fatal(st.Problems)
		}
		b.StopTimer()
		held = heldHeap()
		for _, i := range []int{1, 999} {
			if _, _, err := s.page(i); err != nil {
				b.Fatal(err)
			}
		}
		after = heldHeap()
		runtime.KeepAlive(s)
		b.StartTimer()
	}
	b.ReportMetric(float64(held)/(1<<20), "held-MB")
	b.ReportMetric(float64(after)/(1<<20), "held-after-MB")
}
