package e2e

// A signature with the seal's picture (issue 22, gongwen sign --seal): on
// a document built with seal = "paper" or without a seal, the signature's
// widget draws the picture where the seal stands, as large as the build
// draws a seal and keeping its proportions, and the file stays PDF/A-1b
// with a valid signature; over a seal the page draws, --seal is refused.

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gongwen/internal/pdfcheck"
)

// sealRed reports a seal's red: strong red, little green and blue.
func sealRed(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r>>8 > 160 && g>>8 < 110 && b>>8 < 110
}

// pixelBox is a rectangle in points from the page's lower left (a
// widget's /Rect) as pixels of a page image pageH points high at dpi.
func pixelBox(rect [4]float64, pageH float64, dpi int) image.Rectangle {
	k := float64(dpi) / 72
	return image.Rect(int(math.Floor(rect[0]*k)), int(math.Floor((pageH-rect[3])*k)),
		int(math.Ceil(rect[2]*k)), int(math.Ceil((pageH-rect[1])*k)))
}

// readPNG decodes a page image pdftoppm wrote.
func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	b, err := os.ReadFile(path)
	img, err2 := png.Decode(bytes.NewReader(b))
	if err != nil || err2 != nil {
		t.Fatalf("%s: %v %v", path, err, err2)
	}
	return img
}

// redIn counts the red pixels of img inside r, and returns their bounding
// box.
func redIn(img image.Image, r image.Rectangle) (n int, box image.Rectangle) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if sealRed(img.At(x, y)) {
				n++
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return n, box
}

// ovalSeal writes a red oval seal twice as wide as high, transparent
// around it.
func ovalSeal(t *testing.T, path string) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 300, 150))
	for y := 0; y < 150; y++ {
		for x := 0; x < 300; x++ {
			dx, dy := (float64(x)-149.5)/150, (float64(y)-74.5)/75
			if dx*dx+dy*dy <= 1 {
				img.SetNRGBA(x, y, color.NRGBA{220, 20, 30, 255})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSignWithSealPicture(t *testing.T) {
	pdfcheck.RequireTools(t, "pdfsig", "qpdf", "mutool", "pdftoppm")
	bin := archBinary(t)
	dir := t.TempDir()
	archProject(t, dir)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signKeys(t, dir, "ec", key)
	ovalSeal(t, filepath.Join(dir, "oval.png"))
	sample, err := os.ReadFile(filepath.Join(dir, "data", "sample-file.toml"))
	if err != nil {
		t.Fatal(err)
	}
	sealLine := regexp.MustCompile(`(?m)^seal = .*$`)
	if !sealLine.Match(sample) {
		t.Fatal("data/sample-file.toml has no seal line")
	}
	joint, err := os.ReadFile(filepath.Join(dir, "data", "sample-joint.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"paper":  sealLine.ReplaceAll(sample, []byte(`seal = "paper"`)),
		"noseal": sealLine.ReplaceAll(sample, nil),
		"mixed":  sealLine.ReplaceAll(joint, []byte(`seal = ["seals/seal-1.png", "paper", "seals/seal-3.png"]`)),
	} {
		if err := os.WriteFile(filepath.Join(dir, "data", name+".toml"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Mkdir(filepath.Join(dir, "out"), 0o755)
	for _, doc := range []string{"sample-file", "paper", "noseal", "mixed"} {
		if _, e, code := archRun(t, dir, bin, "022", nil, "build", "-o", "out/"+doc+".pdf", "data/"+doc+".toml"); code != 0 {
			t.Fatalf("build %s: %s", doc, e)
		}
	}
	// The seal the build draws: its page and box (mm from the top left).
	traced, err := pdfcheck.Trace(filepath.Join(dir, "out", "sample-file.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	var drawn pdfcheck.Image
	drawnPage, pageH := 0, 0.0
	for _, p := range traced {
		if len(p.Images) > 0 {
			drawn, drawnPage, pageH = p.Images[0], p.Number, p.Height*72/25.4
			break
		}
	}
	if drawnPage == 0 {
		t.Fatal("sample-file draws no seal")
	}
	const dpi = 50
	render := func(pdf string, page int) image.Image {
		t.Helper()
		files, err := pdfcheck.PNG(filepath.Join(dir, pdf), filepath.Join(t.TempDir(), "p"), dpi)
		if err != nil {
			t.Fatal(err)
		}
		return readPNG(t, files[page-1])
	}
	drawnImg := render("out/sample-file.pdf", drawnPage)
	const k = 72 / 25.4
	drawnBox := pixelBox([4]float64{drawn.X * k, pageH - (drawn.Y+drawn.H)*k, (drawn.X + drawn.W) * k, pageH - drawn.Y*k}, pageH, dpi)
	drawnRed, _ := redIn(drawnImg, drawnBox)

	for _, c := range []struct {
		doc, seal string
		aspect    float64 // the picture's height / width
	}{
		{"paper", "data/seals/seal-1.png", 1},
		{"noseal", "data/seals/seal-1.png", 1},
		{"paper", "oval.png", 0.5},
	} {
		t.Run(c.doc+" "+filepath.Base(c.seal), func(t *testing.T) {
			in := "out/" + c.doc + ".pdf"
			out := "out/" + c.doc + "-" + strings.TrimSuffix(filepath.Base(c.seal), ".png") + "-signed.pdf"
			if o, e, code := archRun(t, dir, bin, "022", nil, "sign", "--key", "ec.key", "--cert", "ec.crt", "--seal", c.seal, "-o", out, in); code != 0 {
				t.Fatalf("sign --seal: exit %d\n%s%s", code, o, e)
			}
			built, _ := os.ReadFile(filepath.Join(dir, in))
			signed, _ := os.ReadFile(filepath.Join(dir, out))
			if !bytes.HasPrefix(signed, built) {
				t.Error("the built PDF is not a prefix of the signed one")
			}
			abs := filepath.Join(dir, out)
			if s := pdfsig(t, abs); !strings.Contains(s, pdfsigValid) {
				t.Errorf("pdfsig:\n%s", s)
			}
			if q, err := exec.Command("qpdf", "--check", abs).CombinedOutput(); err != nil || !strings.Contains(string(q), "No syntax or stream encoding errors") {
				t.Errorf("qpdf --check: %v\n%s", err, q)
			}
			if valid, report := preflight(t, abs); !valid {
				t.Errorf("Preflight: the PDF signed with a seal picture is not PDF/A-1b:\n%s", summarise(report))
			}
			if o, e, code := archRun(t, dir, bin, "022", nil, "verify", out); code != 0 || !strings.Contains(o, ": intact") || !strings.Contains(o, "identical to a rebuild") {
				t.Errorf("verify: exit %d\n%s%s", code, o, e)
			}

			page, rect := widget(t, abs)
			size := (rect[2] - rect[0]) / k
			if math.Abs(size-drawn.W) > 0.1 || math.Abs((rect[3]-rect[1])/k-drawn.H) > 0.1 {
				t.Errorf("the widget is %.2f × %.2f mm, the seal the build draws %.2f × %.2f", size, (rect[3]-rect[1])/k, drawn.W, drawn.H)
			}
			if c.doc == "paper" && (page != drawnPage || math.Abs(rect[0]/k-drawn.X) > 0.1 || math.Abs(pageH-rect[3]-drawn.Y*k) > 0.3) {
				t.Errorf("the widget is at %v pt on page %d; the build with the seal drawn has it at x %.2f, y %.2f mm on page %d", rect, page, drawn.X, drawn.Y, drawnPage)
			}
			before, after := render(in, page), render(out, page)
			box := pixelBox(rect, pageH, dpi)
			n, redBox := redIn(after, box)
			if n0, _ := redIn(before, box); n0 != 0 || n < box.Dx()*box.Dy()/20 {
				t.Errorf("the seal's place has %d red pixels before signing and %d after, of %d", n0, n, box.Dx()*box.Dy())
			}
			// Nothing changes outside the widget.
			changed := 0
			b := after.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					if !image.Pt(x, y).In(box.Inset(-1)) && after.At(x, y) != before.At(x, y) {
						changed++
					}
				}
			}
			if changed > 0 {
				t.Errorf("%d pixels outside the widget changed", changed)
			}
			switch {
			case c.aspect == 1 && c.doc == "paper" && math.Abs(float64(n-drawnRed)) > 0.1*float64(drawnRed):
				t.Errorf("the signature draws %d red pixels where the build draws the same seal with %d", n, drawnRed)
			case c.aspect != 1:
				// As wide as the box, half as high, centred on it.
				w, h := float64(redBox.Dx()), float64(redBox.Dy())
				cy := float64(redBox.Min.Y+redBox.Max.Y) / 2
				if math.Abs(w-float64(box.Dx())) > 3 || math.Abs(h/w-c.aspect) > 0.05 || math.Abs(cy-float64(box.Min.Y+box.Max.Y)/2) > 2 {
					t.Errorf("the oval seal is drawn %v in the box %v: not its proportions, centred", redBox, box)
				}
			}
		})
	}

	t.Run("over a drawn seal", func(t *testing.T) {
		_, e, code := archRun(t, dir, bin, "022", nil, "sign", "--key", "ec.key", "--cert", "ec.crt", "--seal", "data/seals/seal-1.png", "-o", "out/refused.pdf", "out/sample-file.pdf")
		if code != 1 || !strings.Contains(e, "draws seal 1 already") {
			t.Errorf("--seal over a drawn seal: exit %d\n%s", code, e)
		}
		if _, err := os.Stat(filepath.Join(dir, "out", "refused.pdf")); err == nil {
			t.Error("an output was written")
		}
	})
	// A joint document whose second issuer stamps on paper: its place is
	// the second seal, between the two drawn.
	t.Run("joint, the second on paper", func(t *testing.T) {
		if o, e, code := archRun(t, dir, bin, "022", nil, "sign", "--at", "2", "--key", "ec.key", "--cert", "ec.crt", "--seal", "data/seals/seal-2.png", "-o", "out/mixed-signed.pdf", "out/mixed.pdf"); code != 0 {
			t.Fatalf("sign --at 2 --seal: exit %d\n%s%s", code, o, e)
		}
		traced, err := pdfcheck.Trace(filepath.Join(dir, "out", "mixed.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		var seals []pdfcheck.Image
		for _, p := range traced {
			if len(p.Images) > 0 {
				seals = p.Images
				break
			}
		}
		_, rect := widget(t, filepath.Join(dir, "out", "mixed-signed.pdf"))
		if len(seals) != 2 || rect[0]/k <= seals[0].X+seals[0].W-0.1 || rect[2]/k >= seals[1].X+0.1 {
			t.Errorf("the paper seal's widget is at x %.1f–%.1f mm; the drawn seals: %+v", rect[0]/k, rect[2]/k, seals)
		}
		if s := pdfsig(t, filepath.Join(dir, "out", "mixed-signed.pdf")); !strings.Contains(s, pdfsigValid) {
			t.Errorf("pdfsig:\n%s", s)
		}
		if _, e, code := archRun(t, dir, bin, "022", nil, "sign", "--at", "3", "--key", "ec.key", "--cert", "ec.crt", "--seal", "data/seals/seal-3.png", "-o", "out/mixed-3.pdf", "out/mixed.pdf"); code != 1 || !strings.Contains(e, "draws seal 3 already") {
			t.Errorf("--at 3 --seal over the third issuer's drawn seal: exit %d\n%s", code, e)
		}
	})
}
