package png

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	stdpng "image/png"
	"math"
	"sync"

	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/say"
)

// A Drawer draws the pages of one layout as PNG when they are asked for,
// one at a time, keeping the parsed fonts, faces and scaled images between
// pages: `gongwen serve` shows the first page of a document of thousands
// without drawing the rest, and holds no page it is not asked for. It may
// be used from several goroutines; they draw in turn.
type Drawer struct {
	mu  sync.Mutex
	res *layout.Result
	r   *renderer
}

// NewDrawer makes a Drawer of res's pages at dpi (see Render).
func NewDrawer(res *layout.Result, fontOf func(format.Role) []byte, dpi float64) (*Drawer, error) {
	if !(dpi > 0) || math.IsInf(dpi, 0) {
		return nil, say.Errorf("resolution %v dpi: want a positive number", dpi)
	}
	return &Drawer{res: res, r: newRenderer(fontOf, dpi)}, nil
}

// Len is the number of pages.
func (d *Drawer) Len() int { return len(d.res.Pages) }

// Size is the size of page i (from 0) in pixels, without drawing it.
func (d *Drawer) Size(i int) (w, h int) {
	fw, fh := d.r.size(&d.res.Pages[i])
	return int(fw), int(fh)
}

// Page draws page i (from 0) and encodes it: the bytes Stream gives for it.
func (d *Drawer) Page(i int) ([]byte, error) { return d.Draw(i, Encode) }

// Draw draws page i (from 0) and encodes it with encode (Encode, or
// EncodeFast for the screen).
func (d *Drawer) Draw(i int, encode func(image.Image) ([]byte, error)) (b []byte, err error) {
	if i < 0 || i >= len(d.res.Pages) {
		return nil, say.Errorf("no page %d of %d", i+1, len(d.res.Pages))
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	defer func() {
		// As in Each: a panic of the rasteriser is a defect, reported.
		if r := recover(); r != nil {
			err = say.Errorf("rasterising failed: %v", r)
		}
	}()
	img, err := d.r.page(&d.res.Pages[i])
	if err != nil {
		return nil, say.Errorf("page %d: %v", d.res.Pages[i].Number, err)
	}
	if b, err = encode(img); err != nil {
		return nil, say.Errorf("page %d: %v", i+1, err)
	}
	return b, nil
}

// Key names what page i's image depends on: everything laid out on it,
// the fonts' bytes (by identity) and each picture file's hash as read,
// so that two pages of the same key draw the same pixels. serve keeps the
// image of a page laid out as before instead of drawing it again.
func (d *Drawer) Key(i int) string {
	p := &d.res.Pages[i]
	h := sha256.New()
	fmt.Fprintf(h, "%v|%v", d.r.dpi, *p)
	for _, r := range format.Roles {
		if b := d.r.font(r); len(b) > 0 {
			fmt.Fprintf(h, "|%s %p %d", r, &b[0], len(b))
		}
	}
	for _, im := range p.Images {
		if im.Source != nil {
			fmt.Fprintf(h, "|%s %s", im.Path, im.Source.SHA256)
		}
	}
	return string(h.Sum(nil))
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
