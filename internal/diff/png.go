package diff

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"gongwen/internal/say"
)

// PageImage is one changed page drawn old (left) and new (right) side by
// side, the changes highlighted, as PNG.
type PageImage struct {
	Page int
	PNG  []byte
}

// Highlight colours, drawn over the page at partial opacity: a changed line
// or cell in red, a line that only moved in blue.
var (
	changedColor = color.NRGBA{R: 230, G: 40, B: 40, A: 80}
	movedColor   = color.NRGBA{R: 40, G: 110, B: 230, A: 50}
)

// gap between the two pages of an image, in pixels.
const gap = 16

// Rasterizer draws page n (from 1) of a PDF file at dpi.
type Rasterizer func(pdfPath string, page int, dpi float64) (image.Image, error)

// PdftoppmTimeout bounds the time pdftoppm may take to draw one page: a
// page of a 公文 takes well under a second; a PDF whose drawing never
// ends (an XObject drawing itself) would hang diff --png.
var PdftoppmTimeout = time.Minute

// Pdftoppm draws a page with poppler's pdftoppm (Debian package
// poppler-utils): gongwen does not read PDF page content itself, and the
// record holds the text, not the drawing.
func Pdftoppm(pdfPath string, page int, dpi float64) (image.Image, error) {
	dir, err := os.MkdirTemp("", "gongwen-diff-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	prefix := filepath.Join(dir, "p")
	n := strconv.Itoa(page)
	ctx, cancel := context.WithTimeout(context.Background(), PdftoppmTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "pdftoppm", "-r", strconv.FormatFloat(dpi, 'f', -1, 64), "-f", n, "-l", n, "-png", "-singlefile", pdfPath, prefix)
	cmd.WaitDelay = time.Second // a child it left holding stderr
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return nil, say.Errorf("pdftoppm %s page %d: stopped after %v: the page takes too long to draw (a damaged or hostile PDF?)", pdfPath, page, PdftoppmTimeout)
		}
		if _, lerr := exec.LookPath("pdftoppm"); lerr != nil {
			return nil, say.Errorf("--png needs pdftoppm (Debian package poppler-utils) to draw the pages: %v", lerr)
		}
		return nil, say.Errorf("pdftoppm %s page %d: %v %s", pdfPath, page, err, bytes.TrimSpace(stderr.Bytes()))
	}
	f, err := os.Open(prefix + ".png")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

// Images draws each page that holds a change, old and new side by side.
// A page one side lacks is left blank on that side.
func Images(oldPath, newPath string, old, new *Record, rep *Report, dpi float64, raster Rasterizer) ([]PageImage, error) {
	type marks struct{ old, new map[int]color.NRGBA } // record line index → colour
	byPage := map[int]*marks{}
	get := func(p int) *marks {
		if byPage[p] == nil {
			byPage[p] = &marks{map[int]color.NRGBA{}, map[int]color.NRGBA{}}
		}
		return byPage[p]
	}
	for _, c := range rep.Lines {
		p := c.New.Page
		if p == 0 {
			p = c.Old.Page
		}
		m := get(p)
		if c.oldIx >= 0 {
			get(old.Lines[c.oldIx].Page).old[c.oldIx] = changedColor
		}
		if c.newIx >= 0 {
			m.new[c.newIx] = changedColor
		}
	}
	for _, c := range rep.Cells {
		for _, i := range c.oldIx {
			get(old.Lines[i].Page).old[i] = changedColor
		}
		for _, i := range c.newIx {
			get(new.Lines[i].Page).new[i] = changedColor
		}
	}
	for _, c := range rep.Images {
		if c.oldIx >= 0 {
			get(old.Lines[c.oldIx].Page).old[c.oldIx] = changedColor
		}
		if c.newIx >= 0 {
			get(new.Lines[c.newIx].Page).new[c.newIx] = changedColor
		}
	}
	for k, i := range rep.newMoved {
		p := new.Lines[i].Page
		if byPage[p] != nil { // moved lines are shown on pages that changed anyway
			byPage[p].new[i] = movedColor
			if o := rep.oldMoved[k]; old.Lines[o].Page == p {
				byPage[p].old[o] = movedColor
			}
		}
	}
	pages := make([]int, 0, len(byPage))
	for p := range byPage {
		pages = append(pages, p)
	}
	sort.Ints(pages)
	var out []PageImage
	for _, p := range pages {
		m := byPage[p]
		left, err := side(oldPath, old, p, m.old, dpi, raster)
		if err != nil {
			return nil, err
		}
		right, err := side(newPath, new, p, m.new, dpi, raster)
		if err != nil {
			return nil, err
		}
		lb, rb := left.Bounds(), right.Bounds()
		img := image.NewNRGBA(image.Rect(0, 0, lb.Dx()+gap+rb.Dx(), max(lb.Dy(), rb.Dy())))
		draw.Draw(img, img.Bounds(), image.NewUniform(color.NRGBA{R: 128, G: 128, B: 128, A: 255}), image.Point{}, draw.Src)
		draw.Draw(img, image.Rect(0, 0, lb.Dx(), lb.Dy()), left, lb.Min, draw.Src)
		draw.Draw(img, image.Rect(lb.Dx()+gap, 0, lb.Dx()+gap+rb.Dx(), rb.Dy()), right, rb.Min, draw.Src)
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			return nil, err
		}
		out = append(out, PageImage{Page: p, PNG: buf.Bytes()})
	}
	return out, nil
}

// side is page p of one PDF with its lines highlighted; a blank page the
// size of the record's first page when the PDF has no page p.
func side(path string, rec *Record, p int, hi map[int]color.NRGBA, dpi float64, raster Rasterizer) (*image.NRGBA, error) {
	px := func(mm float64) int { return int(mm / 25.4 * dpi) }
	if p > len(rec.Pages) {
		size := PageSize{210, 297}
		if len(rec.Pages) > 0 {
			size = rec.Pages[0]
		}
		img := image.NewNRGBA(image.Rect(0, 0, px(size.W), px(size.H)))
		draw.Draw(img, img.Bounds(), image.NewUniform(color.NRGBA{R: 235, G: 235, B: 235, A: 255}), image.Point{}, draw.Src)
		return img, nil
	}
	src, err := raster(path, p, dpi)
	if err != nil {
		return nil, err
	}
	b := src.Bounds()
	img := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(img, img.Bounds(), src, b.Min, draw.Src)
	// The record is in mm of the page; the image may be a little larger
	// or smaller by rounding.
	sx := float64(b.Dx()) / rec.Pages[p-1].W
	sy := float64(b.Dy()) / rec.Pages[p-1].H
	for i, c := range hi {
		l := rec.Lines[i]
		top, bottom := l.Y-0.9*l.Size*25.4/72, l.Y+0.25*l.Size*25.4/72
		if l.Kind == ImageKind {
			top, bottom = l.Y, l.Y+l.Size
		}
		r := image.Rect(int((l.X1-0.5)*sx), int(top*sy), int((l.X2+0.5)*sx)+1, int(bottom*sy)+1)
		draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Over)
	}
	return img, nil
}
