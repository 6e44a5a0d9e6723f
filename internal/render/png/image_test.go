package png

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	stdpng "image/png"
	"os"
	"path/filepath"
	"testing"

	"gongwen/internal/layout"
)

// TestAPictureIsKeptAtTheSizeItIsDrawn draws a 2000 × 2000 seal (a ring,
// red, on transparency) into 42 mm boxes at 96 dpi, twice at one size and
// once at another: the renderer keeps one copy a box size, of the box's
// pixels, never the decoded original, and the copy is the stencilled ring.
func TestAPictureIsKeptAtTheSizeItIsDrawn(t *testing.T) {
	const n = 2000
	src := image.NewNRGBA(image.Rect(0, 0, n, n))
	for y := range n {
		for x := range n {
			dx, dy := float64(x-n/2), float64(y-n/2)
			if d := dx*dx + dy*dy; d > 0.4*0.4*n*n && d < 0.48*0.48*n*n {
				src.SetNRGBA(x, y, color.NRGBA{230, 0, 0, 255})
			} else if x < n/10 && y < n/10 {
				src.SetNRGBA(x, y, color.NRGBA{0, 0, 230, 100}) // under half: not drawn
			}
		}
	}
	var b bytes.Buffer
	if err := stdpng.Encode(&b, src); err != nil {
		t.Fatal(err)
	}
	seal := filepath.Join(t.TempDir(), "seal.png")
	if err := os.WriteFile(seal, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	const dpi = 96
	r := &renderer{scale: dpi / mmPerInch, dpi: dpi, images: map[imageKey]*image.NRGBA{}}
	page := image.NewRGBA(image.Rect(0, 0, 800, 1100))
	draw.Draw(page, page.Rect, image.White, image.Point{}, draw.Src)
	sealFile := readImage(t, seal)
	for _, box := range []layout.Image{
		// At 96 dpi 25.4 mm is 96 pixels: these boxes start on whole pixels.
		{Path: seal, Source: sealFile, X: 25.4, Y: 25.4, W: 42, H: 42},
		{Path: seal, Source: sealFile, X: 101.6, Y: 101.6, W: 42, H: 42},
		{Path: seal, Source: sealFile, X: 25.4, Y: 203.2, W: 21, H: 21},
	} {
		if err := r.image(page, box); err != nil {
			t.Fatal(err)
		}
	}
	if len(r.images) != 2 {
		t.Fatalf("%d pictures kept, want 2 (one a box size)", len(r.images))
	}
	for k, img := range r.images {
		if k.path != seal || img.Rect.Dx() != k.w || img.Rect.Dy() != k.h || (k.w != 159 && k.w != 79) {
			t.Errorf("kept %v as %v, want the box's pixels (159 or 79 across)", k, img.Rect)
		}
	}
	// Page pixels of the first box: red on the ring at its left, white in
	// its middle and where the half-transparent corner was.
	at := func(mmX, mmY float64) color.RGBA {
		return page.RGBAAt(int(mmX*dpi/mmPerInch), int(mmY*dpi/mmPerInch))
	}
	if c := at(25.4+42*0.06, 25.4+21); c != (color.RGBA{230, 0, 0, 255}) {
		t.Errorf("ring: %v, want the seal's red", c)
	}
	for _, p := range [][2]float64{{25.4 + 21, 25.4 + 21}, {25.4 + 1, 25.4 + 1}} {
		if c := at(p[0], p[1]); c != (color.RGBA{255, 255, 255, 255}) {
			t.Errorf("at %v mm: %v, want white", p, c)
		}
	}
}
