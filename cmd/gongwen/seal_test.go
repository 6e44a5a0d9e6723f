package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"os"
	"strings"
	"testing"
)

// TestSealProblemsAreReportedAtTheSealKey: check and build say the same
// line about a seal that cannot be drawn, at the line of its key, in words
// a clerk understands; check no longer says ok for a missing seal.
func TestSealProblemsAreReportedAtTheSealKey(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 16, 16))
	img.Set(3, 3, color.NRGBA{200, 0, 0, 255})
	var buf bytes.Buffer
	png.Encode(&buf, img)
	good := buf.Bytes()
	huge := append([]byte{}, good...)
	binary.BigEndian.PutUint32(huge[16:], 20000)
	binary.BigEndian.PutUint32(huge[20:], 20000)
	binary.BigEndian.PutUint32(huge[29:], crc32.ChecksumIEEE(huge[12:29]))
	bmp := append([]byte("BM"), make([]byte, 60)...)
	binary.LittleEndian.PutUint32(bmp[14:], 40)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"seal.png", nil, "data/doc.toml:1:1: the seal data/seal.png does not exist"},
		{"seal.png", good[:len(good)-20], "data/doc.toml:1:1: the seal data/seal.png is damaged or cut short: save or copy it again"},
		{"seal.bmp", bmp, "data/doc.toml:1:1: the seal data/seal.bmp is a BMP image, not a PNG or JPEG image: save it as PNG"},
		{"seal.png", huge, "data/doc.toml:1:1: the seal data/seal.png is 20000 × 20000 pixels; an image may have at most 16777216 (4096 × 4096): save it smaller (a seal 42 mm wide needs about 1000 pixels across)"},
	}
	for _, c := range cases {
		for _, cmd := range []string{"check", "build"} {
			t.Run(cmd+" "+c.want[len("data/doc.toml:1:1: the seal data/"):], func(t *testing.T) {
				fontsDir := newProject(t)
				d, _ := os.ReadFile("data/doc.toml")
				os.WriteFile("data/doc.toml", append([]byte("seal = \""+c.name+"\"\n"), d...), 0o644)
				if c.data != nil {
					os.WriteFile("data/"+c.name, c.data, 0o644)
				}
				var stdout, stderr bytes.Buffer
				code := run([]string{cmd, "--fonts", fontsDir, "data/doc.toml"}, &stdout, &stderr)
				if got := strings.TrimSpace(stderr.String()); code != exitInput || got != c.want {
					t.Errorf("exit %d, printed\n%s\nwant exit 1 and\n%s", code, got, c.want)
				}
			})
		}
	}
	// A good seal builds.
	fontsDir := newProject(t)
	d, _ := os.ReadFile("data/doc.toml")
	os.WriteFile("data/doc.toml", append([]byte("seal = \"seal.png\"\n"), d...), 0o644)
	os.WriteFile("data/seal.png", good, 0o644)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--fonts", fontsDir, "data/doc.toml"}, &stdout, &stderr); code != exitOK {
		t.Errorf("a good seal: exit %d: %s", code, stderr.String())
	}
}
