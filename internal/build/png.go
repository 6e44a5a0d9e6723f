package build

import (
	"fmt"

	"gongwen/internal/format"
	pngr "gongwen/internal/render/png"
)

// PNGs draws the job's pages at dpi and encodes each as PNG: the preview,
// from the same layout and fonts as the PDF.
func (j *Job) PNGs(dpi float64) ([][]byte, error) {
	imgs, err := pngr.Render(j.Result, func(r format.Role) []byte { return j.Fonts.Font(r).Data }, dpi)
	if err != nil {
		return nil, fmt.Errorf("%s: preview: %v", j.Doc.Source, err)
	}
	encoded := make([][]byte, len(imgs))
	for i, img := range imgs {
		if encoded[i], err = pngr.Encode(img); err != nil {
			return nil, fmt.Errorf("%s: preview: page %d: %v", j.Doc.Source, i+1, err)
		}
	}
	return encoded, nil
}
