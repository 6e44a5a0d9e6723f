package e2e

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// The samples' seals and signature stamp are made here, not drawn by the
// tool (GB/T 9704 seals are the issuer's own images): fictional marks, a red
// ring with a star, or a line of "handwriting". `go test ./internal/e2e -run
// SampleImages -update` writes them; otherwise the committed files must be
// what this code makes.
var update = flag.Bool("update", false, "rewrite the samples' generated images")

const sampleImages = "../../data/seals"

// seal is a 240 px round seal: a ring, an inner ring for the second style,
// and a five-pointed star whose size tells the seals apart.
func seal(star float64, inner bool) image.Image {
	const n = 240
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	red := color.NRGBA{R: 220, G: 20, B: 30, A: 255}
	c := float64(n) / 2
	// The star's ten vertices, alternating outer and inner radius.
	var pts [10][2]float64
	for i := range pts {
		r := star
		if i%2 == 1 {
			r = star * 0.38
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		pts[i] = [2]float64{c + r*math.Cos(a), c + r*math.Sin(a)}
	}
	for y := range n {
		for x := range n {
			px, py := float64(x)+0.5, float64(y)+0.5
			d := math.Hypot(px-c, py-c)
			if (d < 115 && d > 104) || (inner && d < 96 && d > 93) || inPolygon(pts[:], px, py) {
				img.Set(x, y, red)
			}
		}
	}
	return img
}

// stamp is a 360 × 120 px signature stamp: a stroke of "handwriting".
func stamp() image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, 360, 120))
	ink := color.NRGBA{R: 200, G: 10, B: 20, A: 255}
	for i := 0; i <= 4000; i++ {
		t := float64(i) / 4000
		x := 20 + 320*t
		y := 60 + 30*math.Sin(t*5*2*math.Pi)*math.Cos(t*math.Pi) + 10*math.Sin(t*23)
		for dy := -3; dy <= 3; dy++ {
			for dx := -3; dx <= 3; dx++ {
				if dx*dx+dy*dy <= 9 {
					img.Set(int(x)+dx, int(y)+dy, ink)
				}
			}
		}
	}
	return img
}

// inPolygon is the even-odd rule.
func inPolygon(pts [][2]float64, x, y float64) bool {
	in := false
	for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
		a, b := pts[i], pts[j]
		if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

func TestSampleImagesAreTheGeneratedOnes(t *testing.T) {
	want := map[string]image.Image{
		"seal-1.png": seal(70, false),
		"seal-2.png": seal(55, true),
		"seal-3.png": seal(40, false),
		"stamp.png":  stamp(),
	}
	for name, img := range want {
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(sampleImages, name)
		if *update {
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, b.Bytes()) {
			t.Errorf("%s is not the image this test makes (run with -update to rewrite it): %v", path, err)
		}
	}
}
