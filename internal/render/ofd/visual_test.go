package ofd_test

// The visual check: the OFD drawn by an independent reader, ofd.js (the npm
// package, version 0.2.6: pure JavaScript, SVG per glyph, path and image),
// in headless Chromium from Debian, against the PDF drawn by pdftoppm, page
// by page, at 96 dpi.
//
// ofd.js does not load embedded fonts: it names a CSS font family after
// each font's FamilyName, or after Windows faces when the name contains
// one it knows (楷体 for anything with "kai", …). The page here installs
// each font the package embeds under those names with @font-face, as a
// system that has the fonts installed would; the font files come out of the
// package itself.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gongwen/internal/ofdcheck"
)

// ofdJS is the reader's bundle as the Makefile installs it (npm pack of
// ofd.js@0.2.6 unpacked under .cache/, a folder git ignores).
const ofdJS = "../../../.cache/ofd.js-0.2.6/package/lib/ofd.umd.min.js"

// dpi is the resolution both renderings are compared at.
const dpi = 96

// Thresholds. Both images are blurred over 3×3 pixels (the two
// rasterisers anti-alias edges and thin rules differently: pdftoppm snaps a
// 0.75 mm rule to 2 pixels, Chromium paints 2.8); a pixel differs when no
// pixel within one pixel of it in the other image is within channelTol (of
// 255) of it in every channel (glyph origins are rounded to whole pixels
// differently). A page passes when under maxDiff of its pixels differ, and
// under maxTile of the pixels of every 32×32 tile. Measured on the sample:
// at most 0.003 % of a page and 1.2 % of a tile; a page against the next
// one, against itself moved two pixels (0.5 mm) and against itself without
// one glyph differ in 28 %, 10 % and 13 % of a tile. The test checks that
// these controls fail.
const (
	channelTol = 64
	maxDiff    = 0.001 // 0.1 % of the page
	tile       = 32
	maxTile    = 0.04 // 4 % of a tile
)

func TestOFDJSDrawsWhatPdftoppmDraws(t *testing.T) {
	bundle, chromium := ofdJSAndChromium(t)
	for _, s := range getSamples(t) {
		t.Run(s.name, func(t *testing.T) {
			shots, pdfs := drawBoth(t, s, chromium, bundle)
			for i := range shots {
				d := compare(shots[i], pdfs[i])
				t.Logf("page %d: %.4f %% of the pixels differ, %.2f %% in the worst tile", i+1, 100*d.page, 100*d.tile)
				if keep := os.Getenv("OFD_KEEP_PAGES"); keep != "" {
					writePNG(filepath.Join(keep, fmt.Sprintf("%s-ofdjs-%d.png", s.name, i+1)), shots[i])
					writePNG(filepath.Join(keep, fmt.Sprintf("%s-pdf-%d.png", s.name, i+1)), pdfs[i])
					writePNG(filepath.Join(keep, fmt.Sprintf("%s-diff-%d.png", s.name, i+1)), d.mask)
				}
				if !d.ok() {
					t.Errorf("page %d differs: %.3f %% of the page (limit %.1f %%), %.1f %% of a tile (limit %.0f %%); set OFD_KEEP_PAGES=DIR to keep the images",
						i+1, 100*d.page, 100*maxDiff, 100*d.tile, 100*maxTile)
				}
			}
			if s == getSample(t) {
				controls(t, s, shots, pdfs)
			}
		})
	}
}

// ofdJSAndChromium are the ofd.js bundle and Chromium's path, which the
// Makefile installs; the test fails without them.
func ofdJSAndChromium(t *testing.T) (bundle []byte, chromium string) {
	t.Helper()
	bundle, err := os.ReadFile(ofdJS)
	if err != nil {
		t.Fatalf("the ofd.js bundle is missing (%v): run `make test`, which installs it", err)
	}
	chromium, err = exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium not found on PATH: run `make test`, which installs Debian's chromium")
	}
	return bundle, chromium
}

// drawBoth draws every page of a sample with ofd.js and with pdftoppm.
func drawBoth(t *testing.T, s *sample, chromium string, bundle []byte) (shots, pdfs []image.Image) {
	t.Helper()
	pkg, err := ofdcheck.Read(s.ofd)
	if err != nil {
		t.Fatal(err)
	}
	shots = drawWithOFDJS(t, s.name+".ofd", chromium, bundle, s.ofd, pkg)
	if len(shots) != len(pkg.Pages) {
		t.Fatalf("ofd.js drew %d pages, the package has %d", len(shots), len(pkg.Pages))
	}
	dir := t.TempDir()
	for i := range pkg.Pages {
		n := strconv.Itoa(i + 1)
		prefix := filepath.Join(dir, "pdf-"+n)
		if out, err := exec.Command("pdftoppm", "-r", strconv.Itoa(dpi), "-png", "-singlefile", "-f", n, "-l", n, s.pdfPath, prefix).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		pdfImg := readPNG(t, prefix+".png")
		if shots[i].Bounds().Size() != pdfImg.Bounds().Size() {
			t.Errorf("page %d: ofd.js drew %v pixels, pdftoppm %v", i+1, shots[i].Bounds().Size(), pdfImg.Bounds().Size())
		}
		pdfs = append(pdfs, pdfImg)
	}
	return shots, pdfs
}

// controls checks that the comparison can fail: a page against the next
// one; a page against itself moved two pixels; a page against itself
// without one glyph.
func controls(t *testing.T, s *sample, shots, pdfs []image.Image) {
	t.Helper()
	if len(shots) < 3 {
		t.Fatal("too few pages for the controls")
	}
	pkg, err := ofdcheck.Read(s.ofd)
	if err != nil {
		t.Fatal(err)
	}
	g := pkg.Pages[1].Glyphs[len(pkg.Pages[1].Glyphs)/2]
	px := func(mm float64) int { return int(math.Round(mm / 25.4 * dpi)) }
	cases := []struct {
		name string
		a, b image.Image
	}{
		{"page 2 against page 3", shots[1], pdfs[2]},
		{"page 2 against itself moved 2 pixels right", shift(shots[1], 2), pdfs[1]},
		{fmt.Sprintf("page 2 without its glyph %q", g.Rune), erase(shots[1], image.Rect(px(g.X), px(g.Y-g.Size), px(g.X+g.Size), px(g.Y+g.Size/4))), pdfs[1]},
	}
	for _, c := range cases {
		d := compare(c.a, c.b)
		t.Logf("control, %s: %.4f %% of the page, %.2f %% of the worst tile", c.name, 100*d.page, 100*d.tile)
		if d.ok() {
			t.Errorf("control, %s: passes the comparison", c.name)
		}
	}
}

// viewer is the page that loads ofd.js and the package and draws each page
// at 96 dpi (ofd.js's scale is in pixels per millimetre).
//
// Nothing in it waits for time: under load (CI runs the suite on two
// cores) any delay can be too short. window.ready settles when every font
// face has loaded and every image ofd.js drew has loaded and decoded;
// showPage settles when the page is shown at the viewport's size, its boxes
// laid out and two animation frames painted. Each wait is tracked in
// window.pending under a name (the font face, the page and image), so that
// a wait that never ends is reported by what it waits for.
const viewer = `<!doctype html>
<meta charset="utf-8">
<style>html, body { margin: 0; padding: 0; background: #fff; } %s</style>
<script src="/ofd.js"></script>
<body>
<script>
window.pending = {};
// track names a wait in window.pending while it lasts; its failure names it.
function track(name, p) {
  window.pending[name] = true;
  return p.then(function (v) { delete window.pending[name]; return v; },
    function (e) { delete window.pending[name]; throw name + ": " + (e && e.message || e); });
}
// frames resolves after n animation frames: the frame of a change painted.
function frames(n) {
  return new Promise(function (done) {
    (function next() { if (n-- <= 0) { done(); } else { requestAnimationFrame(next); } })();
  });
}
// imageReady settles when an image ofd.js drew has loaded (its listeners
// are added in the task that created it, so no event passes unheard) and
// its data decodes.
function imageReady(im) {
  var loaded = new Promise(function (ok, bad) {
    im.addEventListener("load", function () { ok(); });
    im.addEventListener("error", function () { bad("did not load"); });
    if (im.tagName === "IMG" && im.complete && im.naturalWidth > 0) { ok(); }
  });
  var src = im.getAttribute("xlink:href") || im.getAttribute("href") || im.getAttribute("src");
  var probe = new Image();
  probe.src = src;
  return Promise.all([loaded, probe.decode()]);
}
window.ready = new Promise(function (ok, bad) {
  var reading = "ofd.js reading the package";
  window.pending[reading] = true;
  ofd.parseOfdDocument({
    ofd: "/doc.ofd",
    success: function (res) {
      delete window.pending[reading];
      try {
        var doc = Array.isArray(res) ? res[0] : res;
        ofd.setPageScale(%g);
        var divs = ofd.renderOfdByScale(doc);
        var waits = [];
        divs.forEach(function (d, i) {
          d.style.marginBottom = "0";
          d.style.display = i === 0 ? "block" : "none";
          d.className = "ofdpage";
          document.body.appendChild(d);
          d.querySelectorAll("image, img").forEach(function (im, k) {
            waits.push(track("page " + (i + 1) + ", image " + (k + 1), imageReady(im)));
          });
        });
        // Every installed face, whether a shown page uses it or not.
        document.fonts.forEach(function (f) {
          waits.push(track("font face " + f.family, f.load()));
        });
        waits.push(track("document.fonts.ready", document.fonts.ready));
        Promise.all(waits).then(function () {
          var bad = [];
          document.fonts.forEach(function (f) { if (f.status !== "loaded") { bad.push(f.family + " is " + f.status); } });
          if (bad.length) { throw "font faces not loaded: " + bad.join(", "); }
          return divs.length;
        }).then(ok, function (e) { bad(String(e)); });
      } catch (e) { bad("drawing: " + e); }
    },
    fail: function (e) { delete window.pending[reading]; bad(reading + ": " + e); }
  });
});
// showPage shows page n alone in a viewport of w×h pixels and resolves
// once it is laid out at that size and painted.
window.showPage = function (n, w, h) {
  var ps = document.querySelectorAll(".ofdpage");
  ps.forEach(function (d, i) { d.style.display = i === n ? "block" : "none"; });
  var page = ps[n];
  var name = "page " + (n + 1);
  return track(name + ": the viewport at " + w + "x" + h, new Promise(function (done) {
    (function check() {
      if (window.innerWidth === w && window.innerHeight === h) { done(); } else { requestAnimationFrame(check); }
    })();
  })).then(function () {
    return track(name + ": document.fonts.ready", document.fonts.ready);
  }).then(function () {
    var r = page.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) { throw name + " has no box"; }
    if (page.querySelectorAll("svg, canvas").length === 0) { throw name + " has nothing drawn"; }
    if (document.fonts.status !== "loaded") { throw name + ": fonts are " + document.fonts.status; }
    return track(name + ": two animation frames", frames(2));
  }).then(function () { return n; });
};
</script>
`

// aliases are the Windows face names ofd.js puts first for a family name
// containing a key; each embedded font is installed under them too.
var aliases = map[string][]string{
	"kai":    {"楷体", "KaiTi", "Kai", "simkai"},
	"楷体":     {"楷体", "KaiTi", "Kai", "simkai"},
	"simsun": {"SimSun", "simsun", "Songti SC"},
	"宋体":     {"SimSun", "simsun", "Songti SC"},
	"黑体":     {"SimHei", "STHeiti", "simhei"},
	"仿宋":     {"FangSong", "STFangsong", "simfang"},
	"小标宋":    {"sSun"},
}

// fontFaces is the @font-face rules installing the package's fonts.
func fontFaces(pkg *ofdcheck.Package) string {
	var b strings.Builder
	for _, f := range pkg.Fonts {
		names := []string{f.Family, f.FontName}
		low := strings.ToLower(f.Family)
		for k, a := range aliases {
			if strings.Contains(low, strings.ToLower(k)) {
				names = append(names, a...)
			}
		}
		for _, n := range names {
			q, _ := json.Marshal(n)
			fmt.Fprintf(&b, "@font-face { font-family: %s; src: url(/font/%d.ttf); }\n", q, f.ID)
		}
	}
	return b.String()
}

// drawWithOFDJS serves the viewer, the bundle, the package and its fonts on
// the loopback interface and screenshots each page in headless Chromium.
func drawWithOFDJS(t *testing.T, name, chromium string, bundle, ofdBytes []byte, pkg *ofdcheck.Package) []image.Image {
	t.Helper()
	mux := http.NewServeMux()
	html := fmt.Sprintf(viewer, fontFaces(pkg), dpi/25.4)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(html))
	})
	mux.HandleFunc("/ofd.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write(bundle)
	})
	mux.HandleFunc("/doc.ofd", func(w http.ResponseWriter, r *http.Request) { w.Write(ofdBytes) })
	mux.HandleFunc("/font/", func(w http.ResponseWriter, r *http.Request) {
		id, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/font/"), ".ttf"))
		f, ok := pkg.Fonts[id]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "font/ttf")
		w.Write(pkg.Files[f.File])
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.Flag("disable-dev-shm-usage", true), // a container's /dev/shm is small
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// The first action starts the browser, on a context without a
	// deadline (a deadline would stop the browser); the rest are bounded,
	// generously: they wait for events, not for time, and only a reader
	// that never finishes meets a bound.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(800, 1200)); err != nil {
		t.Fatalf("%s: starting Chromium: %v", name, err)
	}
	if _, err := bounded(ctx, loadTimeout, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatalf("%s: Chromium loading the viewer: %v", name, err)
	}
	n, err := evaluate[int](ctx, loadTimeout, `window.ready`)
	if err != nil {
		t.Fatalf("%s: ofd.js did not draw the package: %v", name, err)
	}
	if n != len(pkg.Pages) {
		t.Fatalf("%s: ofd.js drew %d pages, the package has %d", name, n, len(pkg.Pages))
	}
	var shots []image.Image
	for i, p := range pkg.Pages {
		w := int64(math.Round(p.Width / 25.4 * dpi))
		h := int64(math.Round(p.Height / 25.4 * dpi))
		if _, err := bounded(ctx, pageTimeout, chromedp.EmulateViewport(w, h)); err != nil {
			t.Fatalf("%s page %d: setting the viewport: %v", name, i+1, err)
		}
		if _, err := evaluate[int](ctx, pageTimeout, fmt.Sprintf("showPage(%d, %d, %d)", i, w, h)); err != nil {
			t.Fatalf("%s page %d: ofd.js did not paint the page: %v", name, i+1, err)
		}
		buf, err := bounded(ctx, pageTimeout, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("%s page %d: screenshot: %v", name, i+1, err)
		}
		img, err := png.Decode(bytes.NewReader(buf))
		if err != nil {
			t.Fatalf("%s page %d: screenshot: %v", name, i+1, err)
		}
		shots = append(shots, img)
	}
	return shots
}

// The bounds of the waits in Chromium: far above what any takes on a
// loaded machine (loading a package: seconds; a page: under a second), so
// that only a wait that never ends meets them.
const (
	loadTimeout = 5 * time.Minute
	pageTimeout = 2 * time.Minute
)

// bounded runs a on ctx bounded by d.
func bounded[T any](ctx context.Context, d time.Duration, a chromedp.Action[T]) (T, error) {
	tctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return chromedp.Run(tctx, a)
}

// evaluate is the value of a JavaScript expression, a promise awaited,
// bounded by d. When the bound is met, the error names the waits of the
// viewer still pending (see viewer).
func evaluate[T any](ctx context.Context, d time.Duration, expr string) (T, error) {
	tctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	v, err := chromedp.Run(tctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil && tctx.Err() != nil {
		pctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		pending, perr := chromedp.Run(pctx, chromedp.Evaluate[string](`Object.keys(window.pending || {}).join("; ")`))
		if perr != nil {
			pending = "unknown (" + perr.Error() + ")"
		}
		return v, fmt.Errorf("not done after %v, still waiting for: %s", d, pending)
	}
	return v, err
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

func writePNG(path string, img image.Image) {
	var b bytes.Buffer
	if png.Encode(&b, img) == nil {
		os.WriteFile(path, b.Bytes(), 0o644)
	}
}

// blurred is img as 8-bit RGB over white, each pixel the mean of the 3×3
// pixels around it (w×h of them, from the image's top-left).
func blurred(img image.Image, w, h int) [][3]int {
	// Flattened over white once, then read from its pixels.
	flat := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(flat, flat.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(flat, flat.Bounds(), img, img.Bounds().Min, draw.Over)
	px := make([][3]int, w*h)
	for i := range px {
		px[i] = [3]int{int(flat.Pix[4*i]), int(flat.Pix[4*i+1]), int(flat.Pix[4*i+2])}
	}
	out := make([][3]int, w*h)
	for y := range h {
		for x := range w {
			var sum [3]int
			n := 0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					qx, qy := x+dx, y+dy
					if qx < 0 || qy < 0 || qx >= w || qy >= h {
						continue
					}
					for c := range 3 {
						sum[c] += px[qy*w+qx][c]
					}
					n++
				}
			}
			for c := range 3 {
				out[y*w+x][c] = sum[c] / n
			}
		}
	}
	return out
}

// difference is how two renderings of a page differ.
type difference struct {
	page, tile float64     // the fraction of differing pixels: on the page, in the worst tile
	mask       *image.Gray // black where they differ
}

func (d difference) ok() bool { return d.page < maxDiff && d.tile < maxTile }

// compare finds the pixels of the common area at which a and b differ (see
// the thresholds).
func compare(a, b image.Image) difference {
	w := min(a.Bounds().Dx(), b.Bounds().Dx())
	h := min(a.Bounds().Dy(), b.Bounds().Dy())
	pa, pb := blurred(a, w, h), blurred(b, w, h)
	near := func(p, q [3]int) bool {
		for c := range 3 {
			if d := p[c] - q[c]; d > channelTol || -d > channelTol {
				return false
			}
		}
		return true
	}
	// matched: p's pixel (x, y) has a near one within a pixel in q.
	matched := func(p, q [][3]int, x, y int) bool {
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				qx, qy := x+dx, y+dy
				if qx >= 0 && qy >= 0 && qx < w && qy < h && near(p[y*w+x], q[qy*w+qx]) {
					return true
				}
			}
		}
		return false
	}
	bad := 0
	mask := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			mask.Pix[y*w+x] = 255
			if !matched(pa, pb, x, y) || !matched(pb, pa, x, y) {
				bad++
				mask.Pix[y*w+x] = 0
			}
		}
	}
	worst := 0.0
	for ty := 0; ty < h; ty += tile {
		for tx := 0; tx < w; tx += tile {
			n, all := 0, 0
			for y := ty; y < min(ty+tile, h); y++ {
				for x := tx; x < min(tx+tile, w); x++ {
					all++
					if mask.Pix[y*w+x] == 0 {
						n++
					}
				}
			}
			worst = max(worst, float64(n)/float64(all))
		}
	}
	return difference{page: float64(bad) / float64(w*h), tile: worst, mask: mask}
}

// shift is img moved n pixels to the right, white coming in on the left.
func shift(img image.Image, n int) image.Image {
	bd := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, bd.Dx(), bd.Dy()))
	for y := range bd.Dy() {
		for x := range bd.Dx() {
			if x < n {
				out.Set(x, y, image.White.C)
				continue
			}
			out.Set(x, y, img.At(bd.Min.X+x-n, bd.Min.Y+y))
		}
	}
	return out
}

// erase is img with r painted white.
func erase(img image.Image, r image.Rectangle) image.Image {
	bd := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, bd.Dx(), bd.Dy()))
	for y := range bd.Dy() {
		for x := range bd.Dx() {
			if (image.Point{x, y}).In(r) {
				out.Set(x, y, image.White.C)
				continue
			}
			out.Set(x, y, img.At(bd.Min.X+x, bd.Min.Y+y))
		}
	}
	return out
}
