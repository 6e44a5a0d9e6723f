package png

import (
	"image"
	"testing"

	"gongwen/internal/format"
)

// BenchmarkEncode compares the two encoders on page 1 of the notice at
// 96 dpi: Encode (preview's files) and EncodeFast (serve's pages).
func BenchmarkEncode(b *testing.B) {
	j, err := noticeOnce()
	if err != nil {
		b.Fatal(err)
	}
	pages, err := Render(j.Result, func(r format.Role) []byte { return j.FontData(r) }, 96)
	if err != nil {
		b.Fatal(err)
	}
	img := pages[0]
	for _, c := range []struct {
		name string
		enc  func(img *image.RGBA) ([]byte, error)
	}{{"default", func(i *image.RGBA) ([]byte, error) { return Encode(i) }}, {"fast", func(i *image.RGBA) ([]byte, error) { return EncodeFast(i) }}} {
		b.Run(c.name, func(b *testing.B) {
			var n int
			for i := 0; i < b.N; i++ {
				out, err := c.enc(img)
				if err != nil {
					b.Fatal(err)
				}
				n = len(out)
			}
			b.ReportMetric(float64(n), "bytes")
		})
	}
}
