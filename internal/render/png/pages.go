package png

import (
	"image"

	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/say"
)

// Pages draws every page of res at dpi and encodes each as PNG, for
// `gongwen serve`: each page image is dropped once encoded, so only the
// encoded pages are kept.
func Pages(res *layout.Result, fontOf func(format.Role) []byte, dpi float64) ([][]byte, error) {
	var encoded [][]byte
	err := Stream(res, fontOf, dpi, func(_ int, b []byte) error {
		encoded = append(encoded, b)
		return nil
	})
	if err != nil {
		return nil, err
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
			return say.Errorf("page %d: %v", i+1, err)
		}
		return fn(i, b)
	})
}
