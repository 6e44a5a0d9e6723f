package png

import (
	"bytes"
	"fmt"
	"image"
	stdpng "image/png"
	"math"
	"sync"

	"gongwen/internal/format"
	"gongwen/internal/layout"
)

// A Drawer draws the pages of one layout one at a time, in any order and
// from any goroutine, keeping what it parsed and scaled (fonts, faces,
// seals) for the next page: `gongwen serve` draws the page the browser
// asks for first, and the others after it.
type Drawer struct {
	mu  sync.Mutex
	r   *renderer
	res *layout.Result
}

// NewDrawer prepares to draw the pages of res at dpi.
func NewDrawer(res *layout.Result, fontOf func(format.Role) []byte, dpi float64) (*Drawer, error) {
	if !(dpi > 0) || math.IsInf(dpi, 0) {
		return nil, fmt.Errorf("resolution %v dpi: want a positive number", dpi)
	}
	return &Drawer{r: newRenderer(fontOf, dpi), res: res}, nil
}

// Page draws page i (from 0).
func (d *Drawer) Page(i int) (img *image.RGBA, err error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	defer func() {
		// As in Each: a panic of the rasteriser is a defect, reported.
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("rasterising failed: %v", r)
		}
	}()
	if i < 0 || i >= len(d.res.Pages) {
		return nil, fmt.Errorf("no page %d", i+1)
	}
	img, err = d.r.page(&d.res.Pages[i])
	if err != nil {
		return nil, fmt.Errorf("page %d: %v", d.res.Pages[i].Number, err)
	}
	return img, nil
}

// EncodeFast encodes img as PNG for the screen: compressed at the best
// speed, about twice as fast as Encode for 3 % more bytes (page 1 of the
// notice at 96 dpi: BenchmarkEncode), which a page sent over the loopback
// does not mind.
func EncodeFast(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := stdpng.Encoder{CompressionLevel: stdpng.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
