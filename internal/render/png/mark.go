package png

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"io"
)

// The marker of a page gongwen preview wrote: a tEXt chunk Software =
// "gongwen preview" and an iTXt chunk Title = the data file's name (UTF-8:
// a name may be Chinese), right after the image header (PNG, ISO/IEC
// 15948:2004 clause 11.3.4; both keywords are among those the standard
// lists). preview removes a page left from an earlier, longer preview only
// when it carries the marker of the same document: a file it cannot show
// it wrote is never deleted.
const markSoftware = "gongwen preview"

// signature is the 8 bytes every PNG starts with.
var signature = []byte("\x89PNG\r\n\x1a\n")

// ihdrEnd is where the image header chunk ends: the signature, then the
// chunk's length, type, 13 bytes of data and CRC.
const ihdrEnd = 8 + 4 + 4 + 13 + 4

// Mark returns the PNG b with the marker naming the data file doc (its
// file name, as previewName took it).
func Mark(b []byte, doc string) []byte {
	if len(b) < ihdrEnd || !bytes.HasPrefix(b, signature) {
		return b
	}
	out := make([]byte, 0, len(b)+64+len(doc))
	out = append(out, b[:ihdrEnd]...)
	out = appendChunk(out, "tEXt", []byte("Software\x00"+markSoftware))
	// iTXt: keyword, NUL, not compressed (0), method 0, no language tag,
	// NUL, no translated keyword, NUL, the text.
	out = appendChunk(out, "iTXt", []byte("Title\x00\x00\x00\x00\x00"+doc))
	return append(out, b[ihdrEnd:]...)
}

func appendChunk(out []byte, typ string, data []byte) []byte {
	out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
	start := len(out)
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
}

// maxMarkHead is how much of a file Marked reads: the marker follows the
// image header, well within it.
const maxMarkHead = 4096

// Marked reports whether the PNG read from r carries the marker naming the
// data file doc. It reads at most maxMarkHead bytes, and only chunks whose
// CRC is right count.
func Marked(r io.Reader, doc string) bool {
	head, err := io.ReadAll(io.LimitReader(r, maxMarkHead))
	if err != nil || !bytes.HasPrefix(head, signature) {
		return false
	}
	software, title := false, false
	for p := head[len(signature):]; len(p) >= 12; {
		n := binary.BigEndian.Uint32(p)
		if uint64(n) > uint64(len(p)-12) {
			break
		}
		typ, data := string(p[4:8]), p[8:8+n]
		if crc32.ChecksumIEEE(p[4:8+n]) != binary.BigEndian.Uint32(p[8+n:]) || typ == "IDAT" {
			break
		}
		switch typ {
		case "tEXt":
			software = software || string(data) == "Software\x00"+markSoftware
		case "iTXt":
			title = title || string(data) == "Title\x00\x00\x00\x00\x00"+doc
		}
		p = p[12+n:]
	}
	return software && title
}
