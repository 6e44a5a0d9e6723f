package deflate

import (
	"bytes"
	"io"
	"testing"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
)

// A writer taken from the free list compresses exactly as a new one does,
// whatever it compressed before, and what it writes reads back.
func TestReusedWritersGiveTheBytesOfNewOnes(t *testing.T) {
	inputs := [][]byte{
		bytes.Repeat([]byte("政务新媒体 "), 5000),
		{},
		[]byte("一"),
		bytes.Repeat([]byte{0, 1, 2, 3, 250}, 40000),
	}
	fresh := func(zl bool, level int, b []byte) []byte {
		var out bytes.Buffer
		var w io.WriteCloser
		if zl {
			w, _ = zlib.NewWriterLevel(&out, level)
		} else {
			w, _ = flate.NewWriter(&out, level)
		}
		w.Write(b)
		w.Close()
		return out.Bytes()
	}
	for _, c := range []struct {
		name  string
		zlib  bool
		level int
		do    func([]byte, int) ([]byte, error)
		read  func(io.Reader) (io.Reader, error)
	}{
		{"zlib best speed", true, BestSpeed, Zlib, func(r io.Reader) (io.Reader, error) { return zlib.NewReader(r) }},
		{"zlib default", true, Default, Zlib, func(r io.Reader) (io.Reader, error) { return zlib.NewReader(r) }},
		{"raw default", false, Default, Raw, func(r io.Reader) (io.Reader, error) { return flate.NewReader(r), nil }},
	} {
		// Twice round, so that the second round's writers are reused ones.
		for round := 0; round < 2; round++ {
			for i, in := range inputs {
				got, err := c.do(in, c.level)
				if err != nil {
					t.Fatal(err)
				}
				if want := fresh(c.zlib, c.level, in); !bytes.Equal(got, want) {
					t.Errorf("%s, round %d, input %d: %d bytes, a new writer gives %d", c.name, round, i, len(got), len(want))
				}
				r, err := c.read(bytes.NewReader(got))
				if err != nil {
					t.Fatal(err)
				}
				back, err := io.ReadAll(r)
				if err != nil || !bytes.Equal(back, in) {
					t.Errorf("%s, input %d: read back %d bytes (%v), want %d", c.name, i, len(back), err, len(in))
				}
			}
		}
	}
}

// RawWriter's Close finishes the stream once: a second Close neither fails
// nor puts the writer on the free list twice (where two users would share
// it).
func TestRawWriterClosesOnce(t *testing.T) {
	var out bytes.Buffer
	w, err := RawWriter(&out)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("成文日期"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	free := lists[kind{false, Default}]
	n := len(free)
	a, _ := get(kind{false, Default}, io.Discard)
	b, _ := get(kind{false, Default}, io.Discard)
	if n > 0 && a == b {
		t.Error("one writer handed out twice")
	}
	back, _ := io.ReadAll(flate.NewReader(&out))
	if string(back) != "成文日期" {
		t.Errorf("read back %q", back)
	}
}
