package pdf

import (
	"bytes"
	"fmt"
	"io"

	"github.com/klauspost/compress/zlib"
)

// The tests read back what the post-pass wrote.

// decoded returns the stream's data, inflated if it is FlateDecode'd.
func (o *object) decoded() ([]byte, error) {
	data, err := o.streamData()
	if err != nil {
		return nil, err
	}
	switch filter, _ := o.get("Filter"); filter {
	case "":
		return data, nil
	case "/FlateDecode":
		return inflate(data)
	default:
		return nil, fmt.Errorf("unexpected filter %s", filter)
	}
}

// inflate is zlib-compressed data inflated.
func inflate(data []byte) ([]byte, error) {
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}
