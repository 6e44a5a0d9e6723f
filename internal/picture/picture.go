// Package picture owns the images a document draws (seals, the 令's
// stamp): whether one can be drawn, said in words a clerk understands
// before anything is laid out, and decoding it for the preview. Only PNG
// and JPEG are drawn (what both the PDF and the OFD renderers embed); an
// image has at most MaxPixels pixels, checked from its header before it is
// decoded, so a 20000 × 20000 seal is refused at once instead of taking
// gigabytes of memory.
package picture

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	_ "image/jpeg" // the decoders Check and Decode use
	_ "image/png"
	"io"
	"io/fs"
	"path/filepath"
	"strings"

	"gongwen/internal/say"
	"gongwen/internal/source"
)

// MaxPixels bounds an image's width × height: 4096 × 4096, 64 MiB once
// decoded. A seal is drawn 42 mm wide: 1000 pixels across are 600 dpi.
const MaxPixels = 4096 * 4096

// Info is what an image's header says.
type Info struct {
	Format        string // "png" or "jpeg"
	Width, Height int
}

// Check reads the image at path whole, through the build's Sources, and
// tells what stops it from being drawn: it is missing or not a file, not
// PNG or JPEG (naming what it is when it can tell), named with the other
// format's extension, too large, or damaged or cut short. The error is a
// predicate about the file: "does not exist", "is a BMP image; …". A
// PNG's pixels (of any bit depth) are checked as they are inflated, a row
// at a time, without making its image.
func Check(s *source.Sources, path string) (Info, error) {
	im, err := s.Image(path)
	if err != nil {
		return Info{}, readErr(err)
	}
	info, b, err := header(path, im.Data)
	if err != nil {
		return info, err
	}
	// IHDR, the first chunk (ISO/IEC 15948 clause 11.2.2): the interlace
	// method at byte 28. An interlaced PNG's rows come in seven passes;
	// it is decoded whole instead (at most MaxPixels).
	if info.Format == "png" && len(b) > 28 && b[28] == 0 {
		return info, pngIntact(b, info)
	}
	if _, _, err := image.Decode(bytes.NewReader(b)); err != nil {
		return info, errDamaged
	}
	return info, nil
}

// Read is Check of a file outside any build (a signature's seal) that
// returns the bytes it checked too: what is checked is what is drawn.
func Read(path string) (Info, []byte, error) {
	s := source.New()
	info, err := Check(s, path)
	if err != nil {
		return info, nil, err
	}
	im, err := s.Image(path)
	if err != nil {
		return info, nil, readErr(err)
	}
	return info, im.Data, nil
}

// Decode checks an image file the build read as Check does and decodes
// it, a copy of its own (the caller may change it). The header is checked
// first: a picture over MaxPixels is never decoded.
func Decode(im *source.Image) (Info, image.Image, error) {
	info, b, err := header(im.Path, im.Data)
	if err != nil {
		return info, nil, err
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return info, nil, errDamaged
	}
	return info, img, nil
}

// header checks what the header of the image file at path, b, says.
func header(path string, b []byte) (Info, []byte, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		if what := sniff(b); what != "" {
			return Info{}, nil, say.Errorf("is %s, not a PNG or JPEG image: save it as PNG", what)
		}
		if bytes.HasPrefix(b, []byte("\x89PNG")) || bytes.HasPrefix(b, []byte{0xFF, 0xD8}) {
			return Info{}, nil, errDamaged
		}
		return Info{}, nil, say.New("is not a PNG or JPEG image")
	}
	info := Info{Format: format, Width: cfg.Width, Height: cfg.Height}
	if err := info.check(path, b); err != nil {
		return info, nil, err
	}
	return info, b, nil
}

// pngIntact walks a non-interlaced PNG's chunks (ISO/IEC 15948 clause 5.3),
// checking each one's CRC, and inflates its image data a row at a time:
// every row has a known filter type (clause 9.2) and there are exactly as
// many rows as the header says, up to an image end chunk, as a decoder
// would want. It keeps one row, not the image.
func pngIntact(b []byte, in Info) error {
	if len(b) < 33 {
		return errDamaged
	}
	depth, colour := int(b[24]), b[25]
	channels := map[byte]int{0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
	if channels == 0 {
		return errDamaged
	}
	var idat []io.Reader
	end, after := false, false // after: a chunk followed the image data
	for p := 8; !end; {
		if p+12 > len(b) {
			return errDamaged
		}
		n := int64(binary.BigEndian.Uint32(b[p:]))
		if n > int64(len(b)-p-12) {
			return errDamaged
		}
		body := b[p+4 : p+8+int(n)] // type and data, which the CRC covers
		if crc32.ChecksumIEEE(body) != binary.BigEndian.Uint32(b[p+8+int(n):]) {
			return errDamaged
		}
		switch string(body[:4]) {
		case "IDAT":
			if after {
				return errSplit
			}
			idat = append(idat, bytes.NewReader(body[4:]))
		case "IEND":
			end = true
		default:
			after = len(idat) > 0
		}
		p += 12 + int(n)
	}
	z, err := zlib.NewReader(io.MultiReader(idat...))
	if err != nil {
		return errDamaged
	}
	row := make([]byte, 1+(in.Width*channels*depth+7)/8)
	for range in.Height {
		if _, err := io.ReadFull(z, row); err != nil || row[0] > 4 {
			return errDamaged
		}
	}
	// The stream ends here; reaching its end checks its Adler-32.
	if n, err := z.Read(row[:1]); n != 0 || err != io.EOF {
		return errDamaged
	}
	return nil
}

var errDamaged = say.New("is damaged or cut short: save or copy it again")

// errSplit: the image data chunks of a PNG follow one another (ISO/IEC
// 15948 clause 5.6); a decoder stops at the first other chunk.
var errSplit = say.New("is damaged: its image data (IDAT) is split by another chunk, which PNG does not allow; save it again")

func (in Info) check(path string, b []byte) error {
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case in.Format != "png" && in.Format != "jpeg":
		return say.Errorf("is a %s image, not a PNG or JPEG image: save it as PNG", strings.ToUpper(in.Format))
	case in.Format == "png" && ext != ".png":
		return say.Errorf("is a PNG image but its name ends in %q: rename it to end in .png", ext)
	case in.Format == "jpeg" && ext != ".jpg" && ext != ".jpeg":
		return say.Errorf("is a JPEG image but its name ends in %q: rename it to end in .jpg", ext)
	case in.Width <= 0 || in.Height <= 0:
		return say.New("has no pixels")
	case int64(in.Width)*int64(in.Height) > MaxPixels:
		return say.Errorf("is %d × %d pixels; an image may have at most %d (4096 × 4096): save it smaller (a seal 42 mm wide needs about 1000 pixels across)", in.Width, in.Height, MaxPixels)
	}
	return nil
}

// sniff names formats people save seals in that are not drawn, from their
// first bytes.
func sniff(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("BM")) && len(b) >= 18 && binary.LittleEndian.Uint32(b[14:]) <= 124:
		return "a BMP image"
	case bytes.HasPrefix(b, []byte("GIF8")):
		return "a GIF image"
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		return "a TIFF image"
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return "a WebP image"
	case bytes.HasPrefix(b, []byte("%PDF")):
		return "a PDF document"
	case bytes.Contains(b[:min(len(b), 512)], []byte("<svg")):
		return "an SVG drawing"
	}
	return ""
}

// readErr turns the input package's reasons into predicates.
func readErr(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return say.New("does not exist")
	}
	if r, ok := strings.CutPrefix(err.Error(), "cannot read: "); ok {
		return say.Errorf("cannot be read: %s", r)
	}
	return err
}
