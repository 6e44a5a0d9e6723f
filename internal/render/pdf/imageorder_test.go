package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"gongwen/internal/layout"
)

// TestImagesOfOneWidthGiveTheSameBytesEachTime draws three seals of the
// same size and different colours, as a joint document has them: fpdf
// orders such images as a Go map gives them, the post-pass by content, so
// every rendering has the same bytes.
func TestImagesOfOneWidthGiveTheSameBytesEachTime(t *testing.T) {
	dir := t.TempDir()
	var images []layout.Image
	for i, c := range []color.NRGBA{{255, 0, 0, 255}, {0, 128, 0, 200}, {0, 0, 255, 255}} {
		img := image.NewNRGBA(image.Rect(0, 0, 40, 40))
		for y := range 40 {
			for x := range 40 {
				if (x-20)*(x-20)+(y-20)*(y-20) < 300 {
					img.Set(x, y, c)
				}
			}
		}
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, string(rune('a'+i))+".png")
		os.WriteFile(p, buf.Bytes(), 0o644)
		images = append(images, layout.Image{Path: p, X: 30 + 50*float64(i), Y: 200, W: 42, H: 42})
	}
	first := renderWith(t, "联合行文", day, images)
	for range 12 {
		if b := renderWith(t, "联合行文", day, images); !bytes.Equal(b, first) {
			i := 0
			for i < len(b) && i < len(first) && b[i] == first[i] {
				i++
			}
			t.Fatalf("two renderings of the same pages differ at byte %d: %q vs %q", i, first[max(0, i-80):min(len(first), i+40)], b[max(0, i-80):min(len(b), i+40)])
		}
	}
	f, err := parseFile(first)
	if err != nil {
		t.Fatal(err)
	}
	imgs := 0
	for _, n := range f.order {
		if st, _ := f.objs[n].get("Subtype"); st == "/Image" {
			imgs++
		}
	}
	if imgs != 6 { // three images and their masks
		t.Errorf("%d image objects, want 6", imgs)
	}
}
