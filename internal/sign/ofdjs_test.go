package sign

// The OFD seal read by an independent reader: ofd.js (the npm package,
// version 0.2.6, the one `make test` installs for the OFD renderer's
// visual test) in headless Chromium. ofd.js decodes the SES_Signature
// (version 4 when version 1's reading fails), checks its SM2 value over
// TBS_Sign with the signer certificate's key and the default user ID
// 1234567812345678 (its VerifyRet, in the data-signed-info of the seal it
// draws), and offers digestCheck, which compares the SM3 of each part a
// Signature.xml references with its CheckValue.

import (
	"bytes"
	gocontext "context"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gongwen/internal/build"
)

// ofdJS is the reader's bundle as the Makefile installs it.
const ofdJS = "../../.cache/ofd.js-0.2.6/package/lib/ofd.umd.min.js"

// ofdJSPage reads the package at a URL with ofd.js, draws it and reports
// what ofd.js says of its signatures. The digests are checked once
// ofd.js has read every referenced part (it reads them without waiting
// for them): the wait is for that, not for time.
const ofdJSPage = `<!doctype html>
<meta charset="utf-8">
<script src="/ofd.js"></script>
<script>
// draw reads the package at url, draws its pages and hands them to then,
// with the promise's ok and bad.
window.draw = function (url, then) {
  return new Promise(function (ok, bad) {
    ofd.parseOfdDocument({
      ofd: url,
      success: function (res) {
        try {
          var doc = Array.isArray(res) ? res[0] : res;
          ofd.setPageScale(1);
          then(ofd.renderOfdByScale(doc), ok, bad);
        } catch (e) { bad("drawing: " + e); }
      },
      fail: function (e) { bad("reading: " + e); }
    });
  });
};
window.check = function (url, refs) {
  return draw(url, function (divs, ok, bad) {
    var infos = [];
    divs.forEach(function (d) {
      d.querySelectorAll("[data-signed-info]").forEach(function (e) {
        infos.push(JSON.parse(e.getAttribute("data-signed-info")));
      });
    });
    if (infos.length === 0) { bad("ofd.js drew no seal with signature information"); return; }
    (function wait() {
      // ofd.js keeps the digests of the last signature it read.
      var arr = null;
      if (window.toBeChecked) { window.toBeChecked.forEach(function (a) { arr = a; }); }
      if (!arr || arr.length < refs) { requestAnimationFrame(wait); return; }
      ok(JSON.stringify({
        seals: infos.length,
        verifyRet: infos.every(function (i) { return i.VerifyRet === true; }),
        method: infos[0].SignatureMethod,
        time: String(infos[0].SignatureDateTime),
        provider: infos[0].Provider && infos[0].Provider["@_ProviderName"],
        digests: arr.length,
        digestCheck: ofd.digestCheck(arr)
      }));
    })();
  });
};
// place draws the package at url and reports where ofd.js draws each
// seal on its page (px, and the page's width in px) and how many of the
// picture's pixels are red.
window.place = function (url) {
  return draw(url, function (divs, ok) {
    var seals = [], waits = [];
    divs.forEach(function (d, n) {
      document.body.appendChild(d);
      var pr = d.getBoundingClientRect();
      d.querySelectorAll("[data-signed-info]").forEach(function (e) {
        var r = e.getBoundingClientRect(), im = e.querySelector("image, img");
        var s = {page: n + 1, x: r.left - pr.left, y: r.top - pr.top, w: r.width, h: r.height, pageW: pr.width, red: 0, pixels: 0};
        seals.push(s);
        if (!im) { return; }
        waits.push(new Promise(function (done) {
          var img = new Image();
          img.onload = function () {
            var c = document.createElement("canvas");
            c.width = img.naturalWidth; c.height = img.naturalHeight;
            var g = c.getContext("2d");
            g.drawImage(img, 0, 0);
            var px = g.getImageData(0, 0, c.width, c.height).data;
            for (var i = 0; i < px.length; i += 4) {
              s.pixels++;
              if (px[i + 3] > 128 && px[i] > 150 && px[i + 1] < 100 && px[i + 2] < 100) { s.red++; }
            }
            done();
          };
          img.onerror = function () { done(); };
          img.src = im.getAttribute("src") || im.href.baseVal;
        }));
      });
    });
    Promise.all(waits).then(function () { ok(JSON.stringify(seals)); });
  });
};
</script>
`

// ofdJSSays is what ofd.js reports of a signed package.
type ofdJSSays struct {
	Seals       int
	VerifyRet   bool
	Method      string
	Time        string
	Provider    string
	Digests     int
	DigestCheck bool
}

func TestOFDJSVerifiesTheSeal(t *testing.T) {
	bundle, err := os.ReadFile(ofdJS)
	if err != nil {
		t.Fatalf("the ofd.js bundle is missing (%v): run `make test`, which installs it", err)
	}
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium not found on PATH: run `make test`, which installs Debian's chromium")
	}
	key, cert, _ := sm2Cert(t, "示例县人民政府")
	signed := signOFD(t, smallOFD(t, "示例县人民政府办公室"), key, cert, 0, nil)
	// A joint letter signed by each of its three issuers in turn.
	joint := smallOFD(t, "示例县教育局", "示例县财政局", "示例县林业局")
	for _, n := range []string{"示例县教育局", "示例县财政局", "示例县林业局"} {
		k, c, _ := sm2Cert(t, n)
		joint = signOFD(t, joint, k, c, 0, nil)
	}
	// A letter whose seal is stamped on paper, signed with the picture.
	picture, err := os.ReadFile("../../data/seals/seal-1.png")
	if err != nil {
		t.Fatal(err)
	}
	_, paper := smallDoc(t, []string{"paper"}, "示例县人民政府办公室")
	paper, err = OFD(paper, OFDOptions{Options: Options{Key: key, Chain: []*x509.Certificate{cert}, Time: signedAt, Seal: picture}, Provider: "gongwen"})
	if err != nil {
		t.Fatal(err)
	}
	refs := len(read(t, signed).Signatures[0].References)
	packages := map[string][]byte{
		"/signed.ofd": signed,
		"/joint.ofd":  joint,
		"/paper.ofd":  paper,
		"/page.ofd":   edit(t, signed, changeByte("Doc_0/Pages/Page_0/Content.xml")),
		"/value.ofd": edit(t, signed, func(p *ofdPackage) {
			i := len(p.parts) - 1
			b := append([]byte(nil), p.parts[i].data...)
			b[len(b)-10] ^= 1
			p.parts[i].data = b
		}),
	}
	for name, b := range packages {
		if name != "/signed.ofd" && name != "/joint.ofd" && name != "/paper.ofd" && bytes.Equal(b, signed) {
			t.Fatalf("%s is the signed package unchanged", name)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if b, ok := packages[r.URL.Path]; ok {
			w.Write(b)
			return
		}
		if r.URL.Path == "/ofd.js" {
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(bundle)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(ofdJSPage))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.UserDataDir(t.TempDir()))
	actx, cancel := chromedp.NewExecAllocator(gocontext.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatalf("Chromium loading the page: %v", err)
	}
	// ofd.js keeps the digests of the last signature it reads only.
	jointSigs := read(t, joint).Signatures
	for _, c := range []struct {
		url               string
		seals, refs       int
		verify, digestsOK bool
	}{
		{"/signed.ofd", 1, refs, true, true},
		{"/page.ofd", 1, refs, true, false},  // a page changed: its digest fails
		{"/value.ofd", 1, refs, false, true}, // the SM2 value changed
		{"/joint.ofd", 3, len(jointSigs[len(jointSigs)-1].References), true, true},
		{"/paper.ofd", 1, len(read(t, paper).Signatures[0].References), true, true},
	} {
		t.Run(strings.TrimPrefix(c.url, "/"), func(t *testing.T) {
			// A bound only against a reader that never finishes: it
			// waits for ofd.js, not for time.
			tctx, cancel := gocontext.WithTimeout(ctx, 5*time.Minute)
			defer cancel()
			out, err := chromedp.Run(tctx, chromedp.Evaluate[string](fmt.Sprintf("check(%q, %d)", c.url, c.refs), chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("ofd.js: %v", err)
			}
			t.Logf("ofd.js says: %s", out)
			var says ofdJSSays
			if err := json.Unmarshal([]byte(out), &says); err != nil {
				t.Fatal(err)
			}
			if says.Seals != c.seals || says.VerifyRet != c.verify || says.DigestCheck != c.digestsOK || says.Digests != c.refs || says.Method != "1.2.156.10197.1.501" {
				t.Errorf("ofd.js: %+v; want %d seals, VerifyRet %v, digestCheck %v over %d parts", says, c.seals, c.verify, c.digestsOK, c.refs)
			}
		})
	}
	// ofd.js draws the --seal picture at the stamp annotation, the seal's
	// place: its box on the page, in mm, within 0.2 mm (ofd.js rounds to
	// pixels), and red.
	t.Run("paper seal drawn", func(t *testing.T) {
		tctx, cancel := gocontext.WithTimeout(ctx, 5*time.Minute)
		defer cancel()
		out, err := chromedp.Run(tctx, chromedp.Evaluate[string](`place("/paper.ofd")`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("ofd.js: %v", err)
		}
		t.Logf("ofd.js draws: %s", out)
		var seals []struct {
			Page, Red, Pixels int
			X, Y, W, H, PageW float64
		}
		if err := json.Unmarshal([]byte(out), &seals); err != nil {
			t.Fatal(err)
		}
		p := read(t, paper)
		s := p.Signatures[0]
		if len(seals) != 1 || p.Pages[seals[0].Page-1].ID != s.StampPage {
			t.Fatalf("ofd.js draws %d seals (%+v); want 1 on the StampAnnot's page", len(seals), seals)
		}
		d := seals[0]
		mm := p.Pages[d.Page-1].Width / d.PageW
		got := [4]float64{d.X * mm, d.Y * mm, d.W * mm, d.H * mm}
		for i := range got {
			if math.Abs(got[i]-s.StampBoundary[i]) > 0.2 {
				t.Errorf("ofd.js draws the seal at %.2f mm, the StampAnnot's Boundary is %v", got, s.StampBoundary)
				break
			}
		}
		if d.Pixels == 0 || d.Red < d.Pixels/20 {
			t.Errorf("the picture ofd.js draws has %d red pixels of %d", d.Red, d.Pixels)
		}
	})
}

// smallOFD is a one-page letter with a seal for each of the issuers
// named, built from a project made here: ofd.js computes SM3 in
// JavaScript over hexadecimal strings, and a package of few glyphs keeps
// its reading short.
func smallOFD(t *testing.T, issuers ...string) []byte {
	t.Helper()
	seals := make([]string, len(issuers))
	for i := range seals {
		seals[i] = "drawn"
	}
	_, pkg := smallDoc(t, seals, issuers...)
	return pkg
}

// smallDoc is that letter as PDF and OFD, each issuer's seal "drawn" (its
// picture data/seals/seal-N.png) or "paper"; no seal at all for nil seals.
func smallDoc(t *testing.T, seals []string, issuers ...string) (pdf, pkg []byte) {
	t.Helper()
	fonts, _ := filepath.Abs("../../fonts")
	dir := t.TempDir()
	files := map[string][]byte{"templates/body.txt": []byte("请核验本函的电子签章。\n")}
	var names []string
	for i, kind := range seals {
		if kind == "paper" {
			names = append(names, "paper")
			continue
		}
		seal, err := os.ReadFile(fmt.Sprintf("../../data/seals/seal-%d.png", i+1))
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("seal-%d.png", i+1)
		files["data/"+name] = seal
		names = append(names, name)
	}
	list := func(ss []string) string { return `["` + strings.Join(ss, `", "`) + `"]` }
	sealLine := ""
	if seals != nil {
		sealLine = "seal = " + list(names) + "\n"
	}
	files["data/doc.toml"] = []byte(fmt.Sprintf(`template = "../templates/body.txt"
format = "letter"
issuer = %s
title = ["关于电子签章的函"]
recipients = "各乡（镇）"
signature = %s
%sdate = 2026-12-06
number = "示办函〔2026〕1号"
`, list(issuers), list(issuers), sealLine))
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opt := build.Options{FontsDir: fonts}
	j, err := build.Prepare(filepath.Join(dir, "data/doc.toml"), opt)
	if err != nil {
		t.Fatal(err)
	}
	if pdf, err = j.Render(opt); err != nil {
		t.Fatal(err)
	}
	if pkg, err = j.RenderOFD(opt); err != nil {
		t.Fatal(err)
	}
	return pdf, pkg
}
