// Package deflate owns compression: the zlib streams of a PDF, the raw
// deflate of the layout record and of an OFD package's entries. It uses
// github.com/klauspost/compress, not Go's compress/flate: on the reference
// notice's font programs it is twice as fast at best speed and its output
// 1 % smaller (2.6 ms and 281.7 KB against 4.9 ms and 285.5 KB), and its
// bytes are those of the version go.mod pins, where Go's may change with a
// new Go release and so change a rebuilt file.
//
// A new writer allocates over half a megabyte of tables, and a document
// needs several, so writers are kept for reuse: a few of each kind, in a
// free list that, unlike a sync.Pool, the garbage collector does not
// empty (a build collects often, and would make them afresh each time).
// A writer reset onto a new buffer compresses exactly as a new one would.
package deflate

import (
	"bytes"
	"io"
	"runtime"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/klauspost/compress/zlib"
)

// The levels, as zlib numbers them.
const (
	BestSpeed = flate.BestSpeed
	Default   = flate.DefaultCompression
)

// writer is a zlib or raw deflate writer.
type writer interface {
	io.WriteCloser
	Reset(io.Writer)
}

type kind struct {
	zlib  bool
	level int
}

var (
	mu    sync.Mutex
	lists = map[kind]chan writer{}
)

// get takes a writer of kind k from its free list, or makes one.
func get(k kind, w io.Writer) (writer, error) {
	mu.Lock()
	free := lists[k]
	if free == nil {
		free = make(chan writer, runtime.GOMAXPROCS(0)+1)
		lists[k] = free
	}
	mu.Unlock()
	select {
	case z := <-free:
		z.Reset(w)
		return z, nil
	default:
	}
	if k.zlib {
		return zlib.NewWriterLevel(w, k.level)
	}
	return flate.NewWriter(w, k.level)
}

// put gives a writer back to its free list, or drops it when the list is
// full.
func put(k kind, z writer) {
	mu.Lock()
	free := lists[k]
	mu.Unlock()
	select {
	case free <- z:
	default:
	}
}

func compress(k kind, b []byte) ([]byte, error) {
	out := bytes.NewBuffer(make([]byte, 0, len(b)/2+64))
	z, err := get(k, out)
	if err != nil {
		return nil, err
	}
	defer put(k, z)
	if _, err := z.Write(b); err != nil {
		return nil, err
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Zlib is b as a zlib stream (RFC 1950), the FlateDecode of a PDF.
func Zlib(b []byte, level int) ([]byte, error) { return compress(kind{true, level}, b) }

// Raw is b as a raw deflate stream (RFC 1951).
func Raw(b []byte, level int) ([]byte, error) { return compress(kind{false, level}, b) }

// RawWriter is a raw deflate writer onto w at the default level, for an
// archive/zip compressor; Close finishes the stream and keeps the writer
// for reuse.
func RawWriter(w io.Writer) (io.WriteCloser, error) {
	k := kind{false, Default}
	z, err := get(k, w)
	if err != nil {
		return nil, err
	}
	return &closer{k, z}, nil
}

type closer struct {
	k kind
	writer
}

func (c *closer) Close() error {
	if c.writer == nil {
		return nil
	}
	err := c.writer.Close()
	put(c.k, c.writer)
	c.writer = nil
	return err
}
