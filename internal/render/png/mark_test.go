package png

import (
	"bytes"
	"image"
	stdpng "image/png"
	"testing"
)

func TestMarkNamesTheDocumentAndKeepsTheImage(t *testing.T) {
	b, err := Encode(image.NewRGBA(image.Rect(0, 0, 3, 2)))
	if err != nil {
		t.Fatal(err)
	}
	marked := Mark(b, "通知.toml")
	idat := bytes.Index(marked, []byte("IDAT"))
	cases := []struct {
		name string
		png  []byte
		doc  string
		want bool
	}{
		{"marked", marked, "通知.toml", true},
		{"another document", marked, "通知2.toml", false},
		{"not marked", b, "通知.toml", false},
		{"a damaged mark", bytes.Replace(marked, []byte("gongwen preview"), []byte("gongwen Preview"), 1), "通知.toml", false},
		{"cut inside the mark", marked[:50], "通知.toml", false},
		{"not a PNG", append([]byte("GIF89a"), marked[6:]...), "通知.toml", false},
		{"the mark after the image data", append(append(append([]byte{}, b[:ihdrEnd]...), b[ihdrEnd:]...), marked[ihdrEnd:idat-4]...), "通知.toml", false},
	}
	for _, c := range cases {
		if got := Marked(bytes.NewReader(c.png), c.doc); got != c.want {
			t.Errorf("%s: Marked = %v, want %v", c.name, got, c.want)
		}
	}
	img, err := stdpng.Decode(bytes.NewReader(marked))
	if err != nil || img.Bounds() != image.Rect(0, 0, 3, 2) {
		t.Errorf("the marked PNG decodes as %v, %v", img, err)
	}
}
