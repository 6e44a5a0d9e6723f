package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	stdpng "image/png"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gongwen/internal/build"
	"gongwen/internal/i18n"
	pngr "gongwen/internal/render/png"
)

// project copies the command tests' base document into a new folder, made
// the current one; its fonts are the built-in ones.
func project(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range []string{"data/doc.toml", "templates/body.txt"} {
		b, err := os.ReadFile(filepath.Join("../../cmd/gongwen/testdata/base", p))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Chdir(dir)
	return dir
}

// Scripts run in the page. shown is true when every page image has
// loaded; fingerprint sums the pixels of every image.
const (
	shownJS = `(() => { const imgs = [...document.querySelectorAll("#pages img")];
		return imgs.length === %N% && imgs.every(i => i.complete && i.naturalWidth > 0) &&
			document.body.dataset.generation >= %G%; })()`
	fingerprintJS = `(() => { let h = 0;
		for (const i of document.querySelectorAll("#pages img")) {
			const c = document.createElement("canvas"); c.width = i.naturalWidth; c.height = i.naturalHeight;
			const x = c.getContext("2d"); x.drawImage(i, 0, 0);
			const d = x.getImageData(0, 0, c.width, c.height).data;
			for (let k = 0; k < d.length; k += 4) h = (h * 31 + d[k]) | 0;
		}
		return h; })()`
	problemsJS = `document.getElementById("problems").className === "shown" ? document.getElementById("lines").textContent : ""`
)

// TestBrowserShowsThePagesAndFollowsEdits drives the page in a headless
// Chromium: it shows one image per page, an edit to the data changes
// them, and a broken edit shows the problem line with the pages kept.
func TestBrowserShowsThePagesAndFollowsEdits(t *testing.T) {
	project(t)
	j, err := build.Prepare("data/doc.toml", build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := len(j.Result.Pages)

	s := New("data/doc.toml", build.Options{}, 40)
	s.Rebuild()
	l, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, l) }()

	actx, acancel := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:], chromedp.NoSandbox)...)
	defer acancel()
	bctx, bcancel := chromedp.NewContext(actx)
	defer bcancel()
	if err := chromedp.Do(bctx, chromedp.Navigate("http://"+l.Addr().String()+"/")); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	waitShown := func(what string, generation int) int {
		t.Helper()
		js := strings.NewReplacer("%N%", strconv.Itoa(n), "%G%", strconv.Itoa(generation)).Replace(shownJS)
		if _, err := chromedp.Run(bctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
			t.Fatalf("%s: the page does not show %d loaded images: %v", what, n, err)
		}
		h, err := chromedp.Run(bctx, chromedp.Evaluate[int](fingerprintJS))
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	first := waitShown("first load", 1)

	// An edit to the data: the figure printed on page 1 changes.
	doc, _ := os.ReadFile("data/doc.toml")
	edited := strings.Replace(string(doc), "cities = 21", "cities = 98", 1)
	if edited == string(doc) {
		t.Fatal("the base document has no cities = 21")
	}
	if err := os.WriteFile("data/doc.toml", []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	var second int
	deadline := time.Now().Add(30 * time.Second)
	for second = waitShown("after the edit", 2); second == first && time.Now().Before(deadline); second = waitShown("after the edit", 2) {
		time.Sleep(100 * time.Millisecond)
	}
	if second == first {
		t.Fatal("the images did not change after the data was edited")
	}

	// A broken edit: the problem line, and the last good pages kept.
	if err := os.WriteFile("data/doc.toml", []byte("titel = \"x\"\n"+edited), 0o644); err != nil {
		t.Fatal(err)
	}
	lines, err := chromedp.Run(bctx, chromedp.Poll[string](problemsJS, chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		t.Fatalf("no problem shown after a broken edit: %v", err)
	}
	if want := `data/doc.toml:1:1: unknown key "titel", did you mean "title"?`; !strings.Contains(lines, want) {
		t.Errorf("the page shows\n%s\nwant a line\n%s", lines, want)
	}
	if kept := waitShown("after the broken edit", 3); kept != second {
		t.Error("the last good pages were not kept")
	}

	// Mended: the problem goes away.
	if err := os.WriteFile("data/doc.toml", []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(bctx, chromedp.Poll[bool](`document.getElementById("problems").className === ""`, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Errorf("the problem stays after the document was mended: %v", err)
	}
	cancel()
	if err := <-served; err != nil {
		t.Error(err)
	}
}

// Only loopback addresses are served.
func TestListenOnlyOnLoopback(t *testing.T) {
	for addr, ok := range map[string]bool{
		"127.0.0.1:0": true, "[::1]:0": true, "localhost:0": true,
		"0.0.0.0:0": false, ":0": false, "192.0.2.1:0": false, "example.com:80": false, "8080": false,
		"127.0.0.1:99999": false, "127.0.0.1:-1": false, "127.0.0.1:http": false,
	} {
		l, err := Listen(addr)
		if l != nil {
			l.Close()
		}
		if (err == nil) != ok {
			t.Errorf("%s: %v, want allowed %v", addr, err, ok)
		}
	}
}

// The page's problems come in the user's language.
func TestProblemsInChinese(t *testing.T) {
	project(t)
	if err := os.WriteFile("data/doc.toml", []byte("titel = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := New("data/doc.toml", build.Options{}, 40)
	s.Text = func(m any) string { return i18n.Sprint(i18n.Chinese, m) }
	st := s.Rebuild()
	want := `data/doc.toml:1:1: 未知的键 "titel"，是否想写 "title"？`
	if !slices.Contains(st.Problems, want) {
		t.Errorf("problems %q, want among them %q", st.Problems, want)
	}
}

// TestOnlyLoopbackNamesAreAnswered: a request naming another host (a web
// page that points its own name at 127.0.0.1: DNS rebinding), or this
// host at another port, gets 421 and nothing of the document on every
// route; the loopback names with the server's port get the page, the
// state and the images.
func TestOnlyLoopbackNamesAreAnswered(t *testing.T) {
	project(t)
	s := New("data/doc.toml", build.Options{}, 20)
	if st := s.Rebuild(); len(st.Problems) > 0 {
		t.Fatal(st.Problems)
	}
	l, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, l) }()
	defer func() {
		cancel()
		<-served
	}()
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	other := strconv.Itoa(l.Addr().(*net.TCPAddr).Port%60000 + 1)
	for _, c := range []struct {
		host string
		ok   bool
	}{
		{"127.0.0.1:" + port, true},
		{"localhost:" + port, true},
		{"LocalHost:" + port, true},
		{"[::1]:" + port, true},
		{"evil.example:" + port, false},
		{"evil.example", false},
		{"127.0.0.1.nip.io:" + port, false},
		{"localhost.evil.example:" + port, false},
		{"127.0.0.1:" + other, false},
		{"127.0.0.1", false},
		{"[::ffff:127.0.0.1]:" + port, false},
	} {
		for _, route := range []string{"/", "/state?after=0", "/page/1.png"} {
			req, _ := http.NewRequest("GET", "http://"+l.Addr().String()+route, nil)
			req.Host = c.host
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if c.ok && resp.StatusCode != http.StatusOK {
				t.Errorf("Host %s, %s: %s, want 200", c.host, route, resp.Status)
			}
			if !c.ok && (resp.StatusCode != http.StatusMisdirectedRequest || bytes.Contains(body, []byte("doc.toml")) || bytes.Contains(body, []byte("\x89PNG")) || bytes.Contains(body, []byte("generation"))) {
				t.Errorf("Host %s, %s: %s, %q; want 421 and nothing of the document", c.host, route, resp.Status, body)
			}
		}
	}
}

// TestListenChecksTheAddressBound: when the system binds a loopback name
// to every interface (localhost mapped to 0.0.0.0), nothing is served.
func TestListenChecksTheAddressBound(t *testing.T) {
	var bound net.Listener
	listen = func(network, addr string) (net.Listener, error) {
		l, err := net.Listen(network, "0.0.0.0:0")
		bound = l
		return l, err
	}
	defer func() { listen = net.Listen }()
	l, err := Listen("localhost:0")
	if l != nil {
		l.Close()
	}
	if err == nil || !strings.Contains(err.Error(), "which is not a loopback address") || errors.Is(err, ErrAddr) {
		t.Errorf("Listen: %v, want refused as bound to a non-loopback address", err)
	}
	if bound == nil {
		t.Fatal("nothing was bound")
	}
	if _, err := bound.Accept(); err == nil {
		t.Error("the listener bound to every interface is still open")
	}
}

// TestAnEditThroughASymbolicLinkRebuilds: the template is a symbolic link
// to a file in another folder; an edit of that file rebuilds.
func TestAnEditThroughASymbolicLinkRebuilds(t *testing.T) {
	dir := project(t)
	shared := filepath.Join(t.TempDir(), "shared")
	os.MkdirAll(shared, 0o755)
	target := filepath.Join(shared, "body.txt")
	if err := os.Rename("templates/body.txt", target); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "templates", "body.txt")); err != nil {
		t.Fatal(err)
	}
	s := New("data/doc.toml", build.Options{}, 20)
	if st := s.Rebuild(); len(st.Problems) > 0 {
		t.Fatal(st.Problems)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	watching := make(chan error, 1)
	go func() { watching <- s.Watch(ctx) }()
	// The watch is set up once Watch has added the folders; a write before
	// that would go unseen, so write until a build follows (each write is
	// an edit that must rebuild).
	body, _ := os.ReadFile(target)
	wctx, wcancel := context.WithTimeout(ctx, 30*time.Second)
	defer wcancel()
	for i := 0; ; i++ {
		if err := os.WriteFile(target, append(body, []byte("\n# 编辑"+strconv.Itoa(i)+"\n")...), 0o644); err != nil {
			t.Fatal(err)
		}
		short, scancel := context.WithTimeout(wctx, time.Second)
		st := s.wait(short, 1)
		scancel()
		if st.Generation > 1 {
			break
		}
		if wctx.Err() != nil {
			t.Fatal("no rebuild after the linked template was edited")
		}
	}
	cancel()
	if err := <-watching; err != nil {
		t.Error(err)
	}
}

// TestPagesAreDrawnWhenAskedFor: a build draws its first page only; each
// other page is drawn when asked for, with the bytes preview writes for
// it and the size /state announces, and no more than cachedPages are
// kept.
func TestPagesAreDrawnWhenAskedFor(t *testing.T) {
	project(t)
	var rows strings.Builder
	for i := 0; i < 1500; i++ {
		fmt.Fprintf(&rows, "[\"单位%d\", %d],\n", i, i)
	}
	os.WriteFile("data/t.toml", []byte("rows = [\n"+rows.String()+"]\n[[columns]]\nkey = \"unit\"\ntitle = \"单位\"\n[[columns]]\nkey = \"n\"\ntitle = \"数\"\nfigures = true\n"), 0o644)
	d, _ := os.ReadFile("data/doc.toml")
	os.WriteFile("data/doc.toml", bytes.Replace(d, []byte(`title = "检查情况"`), []byte("title = \"检查情况\"\ntable = \"t.toml\""), 1), 0o644)
	s := New("data/doc.toml", build.Options{}, 20)
	st := s.Rebuild()
	if len(st.Problems) > 0 || st.Pages < cachedPages+5 || len(st.Sizes) != st.Pages {
		t.Fatalf("problems %q, %d pages, %d sizes; the test needs more than %d pages", st.Problems, st.Pages, len(st.Sizes), cachedPages+5)
	}
	if n := len(s.cache.pages); n != 1 {
		t.Errorf("the build drew %d pages, want the first only", n)
	}
	j, err := build.Prepare("data/doc.toml", build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var want [][]byte
	pngr.Stream(j.Result, j.FontData, 20, func(_ int, b []byte) error {
		want = append(want, b)
		return nil
	})
	for i := st.Pages - 1; i >= 0; i-- {
		b, found, err := s.page(i)
		if !found || err != nil || !samePixels(t, b, want[i]) {
			t.Fatalf("page %d: found %v, %v, %d bytes; want the pixels of the %d bytes preview draws", i+1, found, err, len(b), len(want[i]))
		}
		img, err := stdpng.DecodeConfig(bytes.NewReader(b))
		if err != nil || img.Width != st.Sizes[i][0] || img.Height != st.Sizes[i][1] {
			t.Errorf("page %d is %d × %d (%v), /state says %v", i+1, img.Width, img.Height, err, st.Sizes[i])
		}
	}
	if n := len(s.cache.pages); n != cachedPages {
		t.Errorf("%d pages kept, want %d", n, cachedPages)
	}
	if _, found, _ := s.page(st.Pages); found {
		t.Error("a page past the last was found")
	}
}

// A rebuild keeps the image of a page laid out as before, and draws a
// changed page again.
func TestUnchangedPagesKeepTheirImages(t *testing.T) {
	dir := project(t)
	s := New("data/doc.toml", build.Options{}, 30)
	if st := s.Rebuild(); len(st.Problems) > 0 {
		t.Fatal(st.Problems)
	}
	first := s.cache.pages[0]
	s.Rebuild()
	if again := s.cache.pages[0]; &again[0] != &first[0] {
		t.Error("page 1 was drawn again though nothing changed")
	}
	data := filepath.Join(dir, "data/doc.toml")
	b, _ := os.ReadFile(data)
	if err := os.WriteFile(data, []byte(strings.Replace(string(b), "date = ", "date = 2025-01-02\n#", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if st := s.Rebuild(); len(st.Problems) > 0 {
		t.Fatal(st.Problems)
	}
	if changed := s.cache.pages[0]; &changed[0] == &first[0] {
		t.Error("a new date kept page 1's old image")
	}
}

// samePixels says whether two PNGs hold the same image: serve encodes its
// pages faster than preview, in other bytes.
func samePixels(t *testing.T, a, b []byte) bool {
	t.Helper()
	ia, err := stdpng.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	ib, err := stdpng.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if ia.Bounds() != ib.Bounds() {
		return false
	}
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if ia.At(x, y) != ib.At(x, y) {
				return false
			}
		}
	}
	return true
}
