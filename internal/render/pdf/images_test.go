package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"gongwen/internal/source"
)

// Each kind of image file is embedded as its pixels say: a JPEG in grey or
// colour as it is; anything else as 8-bit grey or RGB samples equal to the
// image's, with a one-bit mask only where it has transparency.
func TestImagesKeepTheirPixels(t *testing.T) {
	const w, h = 19, 7
	fill := func(img interface{ Set(x, y int, c color.Color) }, at func(x, y int) color.Color) {
		for y := range h {
			for x := range w {
				img.Set(x, y, at(x, y))
			}
		}
	}
	rgba := image.NewNRGBA(image.Rect(0, 0, w, h))
	fill(rgba, func(x, y int) color.Color { return color.NRGBA{uint8(10 * x), uint8(30 * y), 77, uint8(40 * x)} })
	opaque := image.NewNRGBA(image.Rect(0, 0, w, h))
	fill(opaque, func(x, y int) color.Color { return color.NRGBA{uint8(10 * x), uint8(30 * y), 77, 255} })
	grey := image.NewGray(image.Rect(0, 0, w, h))
	fill(grey, func(x, y int) color.Color { return color.Gray{uint8(13 * (x + y))} })
	deep := image.NewNRGBA64(image.Rect(0, 0, w, h))
	fill(deep, func(x, y int) color.Color { return color.NRGBA64{uint16(3000 * x), 0, 65535, 65535} })
	pal := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.NRGBA{255, 0, 0, 255}, color.NRGBA{0, 0, 0, 0}})
	fill(pal, func(x, y int) color.Color { return pal.Palette[(x+y)%2] })

	pngOf := func(img image.Image) []byte {
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	jpegOf := func(img image.Image) []byte {
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, nil); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, c := range []struct {
		name   string
		file   []byte
		img    image.Image // what the samples must be; nil: the file as it is
		space  string
		masked bool
	}{
		{"PNG with alpha", pngOf(rgba), rgba, "/DeviceRGB", true},
		{"opaque PNG", pngOf(opaque), opaque, "/DeviceRGB", false},
		{"grey PNG", pngOf(grey), grey, "/DeviceGray", false},
		{"16-bit PNG", pngOf(deep), deep, "/DeviceRGB", false},
		{"palette PNG with a transparent entry", pngOf(pal), pal, "/DeviceRGB", true},
		{"colour JPEG", jpegOf(opaque), nil, "/DeviceRGB", false},
		{"grey JPEG", jpegOf(grey), nil, "/DeviceGray", false},
	} {
		im, err := newPDFImage(&source.Image{Data: c.file})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !strings.Contains(im.entries, "/ColorSpace "+c.space+" ") {
			t.Errorf("%s: %s, want %s", c.name, im.entries, c.space)
		}
		if (im.mask != nil) != c.masked {
			t.Errorf("%s: mask %v, want %v", c.name, im.mask != nil, c.masked)
		}
		if c.img == nil {
			if !bytes.Equal(im.data, c.file) || !strings.Contains(im.entries, "/DCTDecode") {
				t.Errorf("%s: not the JPEG as it is", c.name)
			}
			continue
		}
		got, err := inflate(im.data)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var want []byte
		for y := range h {
			for x := range w {
				p := color.NRGBAModel.Convert(c.img.At(x, y)).(color.NRGBA)
				if c.space == "/DeviceGray" {
					want = append(want, p.R)
				} else {
					want = append(want, p.R, p.G, p.B)
				}
			}
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes of samples differ from the image's %d", c.name, len(got), len(want))
		}
	}
}
