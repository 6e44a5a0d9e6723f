package sign

import (
	"bytes"
	"crypto/elliptic"
	"crypto/x509"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"gongwen/internal/build"
)

// sealPNG is a w × h red PNG, transparent outside the ellipse it holds
// when round, else opaque.
func sealPNG(t *testing.T, w, h int, round bool) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := (float64(x)+0.5)/float64(w)*2-1, (float64(y)+0.5)/float64(h)*2-1
			if !round || dx*dx+dy*dy <= 1 {
				img.SetNRGBA(x, y, color.NRGBA{220, 20, 30, 255})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestAppearance(t *testing.T) {
	for _, c := range []struct {
		what    string
		seal    []byte
		objects int
		draw    string // the form's content stream
	}{
		{"no picture", nil, 1, ""},
		{"a round seal with transparency", sealPNG(t, 40, 40, true), 3, "q 100.000 0.000 0.000 100.000 0.000 0.000 cm /Seal Do Q"},
		{"an opaque oval, twice as wide", sealPNG(t, 80, 40, false), 2, "q 100.000 0.000 0.000 50.000 0.000 25.000 cm /Seal Do Q"},
		{"an upright one", sealPNG(t, 20, 40, false), 2, "q 50.000 0.000 0.000 100.000 25.000 0.000 cm /Seal Do Q"},
	} {
		objs, err := appearance(c.seal, 100, 100, 7)
		if err != nil {
			t.Fatalf("%s: %v", c.what, err)
		}
		if len(objs) != c.objects {
			t.Fatalf("%s: %d objects, want %d", c.what, len(objs), c.objects)
		}
		for i, o := range objs {
			if o.n != 7+i {
				t.Errorf("%s: object %d numbered %d", c.what, i, o.n)
			}
			if bytes.Contains(o.body, []byte("/SMask")) {
				t.Errorf("%s: a soft mask, which PDF/A-1 forbids", c.what)
			}
		}
		form := objs[0].body
		if !bytes.HasPrefix(form, []byte("<</Type /XObject /Subtype /Form /BBox [0 0 100.00 100.00]")) || !bytes.Contains(form, []byte("stream\n"+c.draw+"\nendstream")) {
			t.Errorf("%s: the form is\n%s", c.what, form)
		}
		if c.objects == 3 && (!bytes.Contains(objs[1].body, []byte("/Mask 9 0 R")) || !bytes.Contains(objs[2].body, []byte("/ImageMask true"))) {
			t.Errorf("%s: the picture's transparency is not an explicit mask:\n%.200s\n%.200s", c.what, objs[1].body, objs[2].body)
		}
	}
	if _, err := appearance([]byte("not a picture"), 100, 100, 7); err == nil || !strings.Contains(err.Error(), "the seal picture") {
		t.Errorf("not a picture: %v", err)
	}
}

// TestSealPictureOnlyWhereNoSealIsDrawn: the sample's seal is drawn, so
// --seal is refused and nothing is made; the sample without its seal has
// a seal's place, where the picture is the widget's appearance.
func TestSealPictureOnlyWhereNoSealIsDrawn(t *testing.T) {
	pdf := built(t)
	key := ecKey(t, elliptic.P256())
	cert := certFor(t, key, "signer", 1)
	opt := Options{Key: key, Chain: []*x509.Certificate{cert}, Time: time.Now(), Seal: sealPNG(t, 40, 40, true)}
	if out, err := PDF(pdf, opt); err == nil || out != nil || !strings.Contains(err.Error(), "draws seal 1 already") {
		t.Errorf("--seal over a drawn seal: %v", err)
	}

	noSeal := builtWithout(t)
	signed, err := PDF(noSeal, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(signed, noSeal) {
		t.Error("the built PDF is not a prefix of the signed one")
	}
	sigs, unsigned := Signatures(signed)
	if len(sigs) != 1 || !sigs[0].Intact || unsigned != 0 {
		t.Errorf("Signatures: %+v, %d bytes unsigned", sigs, unsigned)
	}
	m := regexp.MustCompile(`/Rect \[([0-9.]+) ([0-9.]+) ([0-9.]+) ([0-9.]+)\] /P \d+ 0 R /AP <</N (\d+) 0 R>>`).FindSubmatch(signed[len(noSeal):])
	if m == nil {
		t.Fatalf("no widget with a rectangle and an appearance in the update:\n%s", signed[len(noSeal):len(noSeal)+600])
	}
	if string(m[1]) == "0.00" && string(m[3]) == "0.00" {
		t.Error("the widget has an empty rectangle: the seal's place was not found")
	}
	if !bytes.Contains(signed[len(noSeal):], []byte("/XObject <</Seal ")) {
		t.Error("the appearance draws no picture")
	}
	// Signed once, the place is taken.
	if _, err := PDF(signed, opt); err == nil || !strings.Contains(err.Error(), "its seal is signed already") {
		t.Errorf("a second signature: %v", err)
	}
}

// builtWithout is the sample file built without its seal, from a copy
// of what it reads.
func builtWithout(t *testing.T) []byte {
	t.Helper()
	dir := t.TempDir()
	for _, p := range []string{"data/sample-file.toml", "data/sample-file/annex1.toml", "data/sample-file/annex2.toml",
		"templates/sample-file.txt", "templates/sample-file-annex3.txt"} {
		b, err := os.ReadFile(filepath.Join("../..", p))
		if err != nil {
			t.Fatal(err)
		}
		if p == "data/sample-file.toml" {
			b = regexp.MustCompile(`(?m)^seal = .*$`).ReplaceAll(b, nil)
		}
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	j, err := build.Prepare(filepath.Join(dir, "data/sample-file.toml"), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := j.Render(build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}
