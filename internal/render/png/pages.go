package png

import (
	"fmt"
	"image"

	"gongwen/internal/format"
	"gongwen/internal/layout"
)

// Pages draws every page of res at dpi and encodes each as PNG, for
// `gongwen preview` and `gongwen serve`.
func Pages(res *layout.Result, fontOf func(format.Role) []byte, dpi float64) ([][]byte, error) {
	imgs, err := Render(res, fontOf, dpi)
	if err != nil {
		return nil, err
	}
	encoded := make([][]byte, len(imgs))
	for i, img := range imgs {
		if encoded[i], err = Encode(img); err != nil {
			return nil, fmt.Errorf("page %d: %v", i+1, err)
		}
	}
	return encoded, nil
}

// Stream draws the pages of res at dpi and encodes each as PNG, handing
// each page's bytes to fn as soon as they are made: one page image is in
// memory at a time, however many pages there are.
func Stream(res *layout.Result, fontOf func(format.Role) []byte, dpi float64, fn func(i int, png []byte) error) error {
	return Each(res, fontOf, dpi, func(i int, img *image.RGBA) error {
		b, err := Encode(img)
		if err != nil {
			return fmt.Errorf("page %d: %v", i+1, err)
		}
		return fn(i, b)
	})
}
