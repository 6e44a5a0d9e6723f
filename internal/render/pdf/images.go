package pdf

// Images (seals, the 令's stamp, image annexes) are embedded by this
// package too, as image XObjects (PDF Reference 1.7, §4.8), drawn with
// fpdf's raw writer. fpdf's own PNG path inflated the file, split colour
// from alpha, compressed both again with a new zlib writer and gave the
// alpha as a soft mask, which PDF/A-1 forbids (ISO 19005-1 clause 6.4) and
// a later pass had to turn into a stencil mask: a 4096 × 4096 seal took
// 1.0 s and 262 MB, now 0.2 s and 148 MB. Here an image is read once:
//
//   - a JPEG in grey or YCbCr is embedded as it is (DCTDecode);
//   - any other image (PNG of any depth, palette or interlacing, a CMYK
//     JPEG) is decoded and written as 8-bit DeviceGray or DeviceRGB
//     samples, and where it has transparency, an explicit one-bit mask
//     (§4.8.6, "Explicit Masking"; PDF/A-1 allows it): painted where the
//     alpha is at least half, masked out elsewhere.
//
// The colour spaces are the device ones the sRGB output intent gives their
// meaning (ISO 19005-1 clause 6.2.3.3); a CMYK JPEG is turned to RGB, as
// DeviceCMYK would need a CMYK output intent.

import (
	"bytes"
	"image"
	"image/color"
	"strconv"

	"gongwen/internal/deflate"
	"gongwen/internal/layout"
	"gongwen/internal/say"
	"gongwen/internal/source"
)

// imageSet is the images a PDF embeds, each once, in the order the pages
// first draw them, by the file the build read.
type imageSet struct {
	byFile map[*source.Image]*pdfImage
	list   []*pdfImage
}

// add is the embedding of the image im draws, made on its first use.
func (s *imageSet) add(im layout.Image) (*pdfImage, error) {
	if im.Source == nil {
		return nil, say.Errorf("%s: the image was not read", im.Path)
	}
	if pi, ok := s.byFile[im.Source]; ok {
		return pi, nil
	}
	// Made once a build, for every PDF that draws the file (each copy's).
	made, err := im.Source.Derived("pdf", func(src *source.Image) (any, error) { return newPDFImage(src) })
	if err != nil {
		return nil, say.Errorf("%s: %v", im.Path, err)
	}
	pi := *made.(*pdfImage)
	pi.res = "Im" + strconv.Itoa(len(s.list)+1)
	if s.byFile == nil {
		s.byFile = map[*source.Image]*pdfImage{}
	}
	s.byFile[im.Source] = &pi
	s.list = append(s.list, &pi)
	return &pi, nil
}

// pdfImage is one image as the PDF embeds it.
type pdfImage struct {
	res     string // the resource name, Im1, Im2, …
	entries string // the image dictionary's entries besides /Length and /Mask
	data    []byte // the samples as stored
	mask    []byte // the explicit mask's rows, deflated; nil for an opaque image
	w, h    int
}

// newPDFImage makes an image file, as read, into what the PDF embeds
// (without its resource name).
func newPDFImage(src *source.Image) (*pdfImage, error) {
	b := src.Data
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return nil, say.Errorf("not an image this renderer reads: %v", err)
	}
	im := &pdfImage{w: cfg.Width, h: cfg.Height}
	head := "/Type /XObject /Subtype /Image /Width " + strconv.Itoa(cfg.Width) + " /Height " + strconv.Itoa(cfg.Height)
	if format == "jpeg" && (cfg.ColorModel == color.GrayModel || cfg.ColorModel == color.YCbCrModel) {
		space := "/DeviceRGB"
		if cfg.ColorModel == color.GrayModel {
			space = "/DeviceGray"
		}
		im.entries = head + " /ColorSpace " + space + " /BitsPerComponent 8 /Filter /DCTDecode"
		im.data = b
		return im, nil
	}
	img, err := src.Decode()
	if err != nil {
		return nil, say.Errorf("damaged image: %v", err)
	}
	samples, grey, mask := flatten(img)
	if im.data, err = deflate.Zlib(samples, deflate.Default); err != nil {
		return nil, err
	}
	space := "/DeviceRGB"
	if grey {
		space = "/DeviceGray"
	}
	im.entries = head + " /ColorSpace " + space + " /BitsPerComponent 8 /Filter /FlateDecode"
	if mask != nil {
		if im.mask, err = deflate.Zlib(mask, deflate.Default); err != nil {
			return nil, err
		}
	}
	return im, nil
}

// flatten is an image's 8-bit samples, row by row: one a pixel when every
// pixel is grey, else three (RGB), not premultiplied; and its explicit
// mask's rows (one bit a pixel, from the first byte's high-order bit,
// rows starting on a byte): 0 where the image is painted (alpha at least
// 128), 1 where it is masked out; nil when every pixel is painted.
func flatten(img image.Image) (samples []byte, grey bool, mask []byte) {
	r := img.Bounds()
	w, n := r.Dx(), r.Dx()*r.Dy()
	stride := (w + 7) / 8
	rgb := make([]byte, 0, 3*n)
	mask = make([]byte, stride*r.Dy())
	grey, painted := true, true
	i := 0 // the pixel's index
	add := func(c color.NRGBA) {
		rgb = append(rgb, c.R, c.G, c.B)
		grey = grey && c.R == c.G && c.G == c.B
		if c.A < 128 {
			y, x := i/w, i%w
			mask[y*stride+x/8] |= 0x80 >> (x % 8)
			painted = false
		}
		i++
	}
	switch src := img.(type) {
	case *image.NRGBA: // a PNG with alpha, the usual seal
		for y := r.Min.Y; y < r.Max.Y; y++ {
			row := src.Pix[src.PixOffset(r.Min.X, y):]
			for x := 0; x < w; x++ {
				p := row[4*x : 4*x+4 : 4*x+4]
				add(color.NRGBA{p[0], p[1], p[2], p[3]})
			}
		}
	case *image.Gray:
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for _, v := range src.Pix[src.PixOffset(r.Min.X, y):][:w] {
				add(color.NRGBA{v, v, v, 0xFF})
			}
		}
	default:
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				add(color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA))
			}
		}
	}
	if painted {
		mask = nil
	}
	if grey {
		for i := 0; i < n; i++ {
			rgb[i] = rgb[3*i]
		}
		return rgb[:n], true, mask
	}
	return rgb, false, mask
}

// appendDraw appends the operators that draw the image in the box x, y
// (top left), w × h millimetres of a page h millimetres high.
func (im *pdfImage) appendDraw(b []byte, x, y, w, h, pageH float64) []byte {
	b = append(b, "q "...)
	for _, v := range []float64{w * pt, 0, 0, h * pt, x * pt, (pageH - y - h) * pt} {
		b = strconv.AppendFloat(b, v, 'f', 5, 64)
		b = append(b, ' ')
	}
	b = append(b, "cm /"...)
	b = append(b, im.res...)
	return append(b, " Do Q"...)
}

// objects adds the image (and its mask) to the file and returns the
// image's number.
func (im *pdfImage) objects(f *file) int {
	entries := im.entries
	if im.mask != nil {
		m := f.addStream(im.maskEntries(), im.mask)
		entries += " /Mask " + strconv.Itoa(m) + " 0 R"
	}
	return f.addStream(entries, im.data)
}

// maskEntries are the explicit mask's dictionary entries besides /Length.
func (im *pdfImage) maskEntries() string {
	return "/Type /XObject /Subtype /Image /Width " + strconv.Itoa(im.w) + " /Height " + strconv.Itoa(im.h) +
		" /ImageMask true /BitsPerComponent 1 /Filter /FlateDecode"
}
