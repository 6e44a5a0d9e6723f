package fonts

import (
	"encoding/binary"

	"gongwen/internal/say"
)

// A font's licence may limit what a document does with it, and the font
// says so in the fsType field of its OS/2 table (OpenType specification
// 1.9, "OS/2 — OS/2 and Windows Metrics Table", fsType): bits 0 to 3 are
// the embedding level, bit 8 forbids subsetting, bit 9 allows only bitmaps.
// gongwen always embeds a subset of the outlines, so it refuses a font whose
// licence forbids embedding, subsetting or outlines, and records the level
// of one that allows embedding only with conditions (preview and print,
// editable) in the document's archive record.
const (
	fsRestricted   = 1 << 1 // restricted licence embedding: must not be embedded
	fsPreviewPrint = 1 << 2 // may be embedded; the document opened read-only
	fsEditable     = 1 << 3 // may be embedded; the document may be edited
	fsNoSubsetting = 1 << 8 // must be embedded whole
	fsBitmapOnly   = 1 << 9 // only its bitmaps may be embedded
)

// Embedding is a font's fsType: what its licence lets a document embed.
type Embedding uint16

// Level is the embedding level the font grants, as it is recorded:
// "installable" (no limit, fsType 0), "editable", "preview-and-print" or
// "restricted". A font that sets several of the level bits grants the
// least restrictive of them, as the specification asks of a reader.
func (e Embedding) Level() string {
	switch {
	case e&(fsRestricted|fsPreviewPrint|fsEditable) == 0:
		return "installable"
	case e&fsEditable != 0:
		return "editable"
	case e&fsPreviewPrint != 0:
		return "preview-and-print"
	}
	return "restricted"
}

// Limited reports whether the font may be embedded only with a condition
// that a document's archive record keeps (preview and print, editable).
func (e Embedding) Limited() bool {
	l := e.Level()
	return l == "editable" || l == "preview-and-print"
}

// Describe is the rights of a font that can be embedded, in words, as
// `gongwen fonts FILE` shows them (one that cannot says why instead).
func (e Embedding) Describe() say.Text {
	switch e.Level() {
	case "editable":
		return say.Word("embedding allowed: editable (fsType bit 3)")
	case "preview-and-print":
		return say.Word("embedding allowed: preview and print only (fsType bit 2)")
	case "restricted":
		return say.Word("embedding forbidden: restricted licence (fsType bit 1)")
	}
	return say.Word("embedding allowed (installable, fsType 0)")
}

// check refuses what the licence forbids gongwen to do: embed the font at
// all, embed a part of it, or embed its outlines.
func (e Embedding) check() error {
	switch {
	case e.Level() == "restricted":
		return say.Errorf("its licence forbids embedding it in a document (OS/2 fsType bit 1, restricted licence embedding): choose another font, or ask its vendor for one whose licence allows embedding")
	case e&fsNoSubsetting != 0:
		return say.Errorf("its licence allows embedding it only whole (OS/2 fsType bit 8, no subsetting), and gongwen embeds only the glyphs a document uses: choose another font")
	case e&fsBitmapOnly != 0:
		return say.Errorf("its licence allows embedding only its bitmaps (OS/2 fsType bit 9, bitmap embedding only), and gongwen embeds outlines: choose another font")
	}
	return nil
}

// embedding reads fsType from a font's OS/2 table; a font without one
// states no limit.
func embedding(tables map[string][]byte) Embedding {
	os2 := tables["OS/2"]
	if len(os2) < 10 {
		return 0
	}
	return Embedding(binary.BigEndian.Uint16(os2[8:]))
}
