package picture

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"testing"

	"gongwen/internal/source"
)

func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withIHDR rewrites a PNG's header chunk (the first, at byte 8) with its
// checksum: a picture's claimed size or layout without its pixels.
func withIHDR(b []byte, change func(ihdr []byte)) []byte {
	b = append([]byte{}, b...)
	change(b[16:29])
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// withIDAT rewrites the data of a PNG's one IDAT chunk (the encoder's for
// a small image), with its length and checksum.
func withIDAT(t *testing.T, b []byte, change func(z []byte) []byte) []byte {
	t.Helper()
	i := bytes.Index(b, []byte("IDAT")) - 4
	if i < 0 {
		t.Fatal("no IDAT")
	}
	n := int(binary.BigEndian.Uint32(b[i:]))
	z := change(append([]byte{}, b[i+8:i+8+n]...))
	out := append([]byte{}, b[:i]...)
	out = binary.BigEndian.AppendUint32(out, uint32(len(z)))
	chunk := append([]byte("IDAT"), z...)
	out = append(out, chunk...)
	out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
	return append(out, b[i+12+n:]...)
}

func TestCheckSaysWhatStopsAnImageFromBeingDrawn(t *testing.T) {
	dir := t.TempDir()
	small := image.NewNRGBA(image.Rect(0, 0, 8, 8))
	small.Set(1, 1, color.NRGBA{200, 0, 0, 255})
	good := encodePNG(t, small)
	var jp, gf bytes.Buffer
	jpeg.Encode(&jp, small, nil)
	gif.Encode(&gf, small, nil)
	huge := withIHDR(good, func(h []byte) {
		binary.BigEndian.PutUint32(h[0:], 20000)
		binary.BigEndian.PutUint32(h[4:], 20000)
	})
	// An interlaced PNG's first pass of a 1 × 1 image is its one row, so
	// marking a 1 × 1 PNG interlaced makes a true interlaced PNG; marking
	// the 8 × 8 one so makes its rows wrong for the seven passes.
	dot := image.NewNRGBA(image.Rect(0, 0, 1, 1))
	dot.Set(0, 0, color.NRGBA{200, 0, 0, 255})
	interlaced := withIHDR(encodePNG(t, dot), func(h []byte) { h[12] = 1 })
	misinterlaced := withIHDR(good, func(h []byte) { h[12] = 1 })
	deep := encodePNG(t, image.NewNRGBA64(image.Rect(0, 0, 4, 4)))
	// Damage a decoder finds only in the pixels, each chunk's CRC right:
	// a header taller than the rows, a byte of the deflated data changed,
	// a row with no such filter type.
	taller := withIHDR(good, func(h []byte) { binary.BigEndian.PutUint32(h[4:], 9) })
	flipped := withIDAT(t, good, func(z []byte) []byte { z[len(z)/2] ^= 0x55; return z })
	filter := withIDAT(t, good, func(z []byte) []byte {
		r, _ := zlib.NewReader(bytes.NewReader(z))
		raw, _ := io.ReadAll(r)
		raw[0] = 9
		var out bytes.Buffer
		w := zlib.NewWriter(&out)
		w.Write(raw)
		w.Close()
		return out.Bytes()
	})
	// The image data in two IDAT chunks with a text chunk between: a
	// decoder stops at the text (issue #25: check passed it, build failed).
	split := withIDAT(t, good, func(z []byte) []byte { return z })
	{
		i := bytes.Index(split, []byte("IDAT")) - 4
		n := int(binary.BigEndian.Uint32(split[i:]))
		z := split[i+8 : i+8+n]
		chunk := func(kind string, data []byte) []byte {
			c := append([]byte(kind), data...)
			out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
			out = append(out, c...)
			return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(c))
		}
		var b []byte
		b = append(b, split[:i]...)
		b = append(b, chunk("IDAT", z[:n/2])...)
		b = append(b, chunk("tEXt", []byte("a\x00b"))...)
		b = append(b, chunk("IDAT", z[n/2:])...)
		split = append(b, split[i+12+n:]...)
	}
	bmp := append([]byte("BM"), make([]byte, 60)...)
	binary.LittleEndian.PutUint32(bmp[14:], 40)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"seal.png", good, ""},
		{"seal.jpg", jp.Bytes(), ""},
		{"huge.png", huge, "is 20000 × 20000 pixels; an image may have at most 16777216 (4096 × 4096): save it smaller (a seal 42 mm wide needs about 1000 pixels across)"},
		{"cut.png", good[:len(good)/2], "is damaged or cut short: save or copy it again"},
		{"cut.jpg", jp.Bytes()[:jp.Len()/2], "is damaged or cut short: save or copy it again"},
		{"seal.bmp", bmp, "is a BMP image, not a PNG or JPEG image: save it as PNG"},
		{"seal.gif", gf.Bytes(), "is a GIF image, not a PNG or JPEG image: save it as PNG"},
		{"named.jpg", good, `is a PNG image but its name ends in ".jpg": rename it to end in .png`},
		{"interlaced.png", interlaced, ""},
		{"misinterlaced.png", misinterlaced, "is damaged or cut short: save or copy it again"},
		{"deep.png", deep, ""},
		{"text.png", []byte("not a picture"), "is not a PNG or JPEG image"},
		{"taller.png", taller, "is damaged or cut short: save or copy it again"},
		{"flipped.png", flipped, "is damaged or cut short: save or copy it again"},
		{"filter.png", filter, "is damaged or cut short: save or copy it again"},
		{"split.png", split, "is damaged: its image data (IDAT) is split by another chunk, which PNG does not allow; save it again"},
	}
	for _, c := range cases {
		p := filepath.Join(dir, c.name)
		if err := os.WriteFile(p, c.data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Check(nil, p)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
		// What check passes, build draws; what it refuses, build cannot.
		if _, _, err := decodeFile(p); (err == nil) != (c.want == "") && c.name != "huge.png" {
			t.Errorf("%s: check says %q, decoding it %v", c.name, got, err)
		}
	}
	if _, err := Check(nil, filepath.Join(dir, "absent.png")); err == nil || err.Error() != "does not exist" {
		t.Errorf("absent: %v", err)
	}
	if _, err := Check(nil, dir); err == nil || err.Error() != "is a folder, not an image" {
		t.Errorf("folder: %v", err)
	}
}

// BenchmarkCheckAHugeSeal measures refusing a 20000 × 20000 PNG seal (issue
// #14 item 4: it took 23.8 s and 6.2 GB): only its header is decoded.
func BenchmarkCheckAHugeSeal(b *testing.B) {
	img := image.NewGray(image.Rect(0, 0, 20000, 20000))
	var buf bytes.Buffer
	png.Encode(&buf, img)
	p := filepath.Join(b.TempDir(), "seal.png")
	os.WriteFile(p, buf.Bytes(), 0o644)
	img = nil
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Check(nil, p); err == nil {
			b.Fatal("accepted")
		}
	}
}

// decodeFile is Decode of the file at path, read as a build reads it.
func decodeFile(path string) (Info, image.Image, error) {
	im, err := source.New().Image(path)
	if err != nil {
		return Info{}, nil, readErr(err)
	}
	return Decode(im)
}
