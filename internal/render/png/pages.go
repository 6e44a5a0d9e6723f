package png

import (
	"fmt"

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
