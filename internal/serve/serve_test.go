package serve

import (
	"context"
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
	s.Text = func(m string) string { return i18n.Line(i18n.Chinese, m) }
	st := s.Rebuild()
	want := `data/doc.toml:1:1: 未知的键 "titel"，是否想写 "title"？`
	if !slices.Contains(st.Problems, want) {
		t.Errorf("problems %q, want among them %q", st.Problems, want)
	}
}

// A rebuild keeps the image of a page laid out as before and draws a
// changed page again.
func TestUnchangedPagesKeepTheirImages(t *testing.T) {
	dir := project(t)
	s := New("data/doc.toml", build.Options{}, 30)
	if st := s.Rebuild(); len(st.Problems) > 0 {
		t.Fatal(st.Problems)
	}
	first := s.shown
	if _, err := first.image(0); err != nil {
		t.Fatal(err)
	}
	s.Rebuild()
	for i := range first.pages {
		if s.shown.pages[i] != first.pages[i] {
			t.Errorf("page %d was drawn again though nothing changed", i+1)
		}
	}
	data := filepath.Join(dir, "data/doc.toml")
	b, _ := os.ReadFile(data)
	if err := os.WriteFile(data, []byte(strings.Replace(string(b), "date = ", "date = 2025-01-02\n#", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if st := s.Rebuild(); len(st.Problems) > 0 {
		t.Fatal(st.Problems)
	}
	changed := 0
	for i := range first.pages {
		if i < len(s.shown.pages) && s.shown.pages[i] != first.pages[i] {
			changed++
		}
	}
	if changed == 0 {
		t.Error("a new date drew no page again")
	}
	after, err := s.shown.image(len(s.shown.pages) - 1)
	if err != nil || len(after) == 0 {
		t.Fatalf("the last page: %v", err)
	}
}
