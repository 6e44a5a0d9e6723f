package pdf

// An ImageXObject is an image file as this package embeds it (images.go:
// samples in a device colour space, transparency as an explicit one-bit
// mask, never a soft mask, which PDF/A-1 forbids), for a PDF part written
// elsewhere: a signature's seal (package sign).
type ImageXObject struct {
	Entries     string // the image dictionary's entries besides /Length and /Mask
	Data        []byte // its stream, as stored
	MaskEntries string // the mask's entries besides /Length; "" for an opaque image
	Mask        []byte // the mask's stream; nil for an opaque image
	// Width and Height are in pixels.
	Width, Height int
}

// NewImageXObject reads an image file's bytes (PNG or JPEG, checked by
// package picture) into its image XObject.
func NewImageXObject(b []byte) (*ImageXObject, error) {
	im, err := newPDFImage("", b)
	if err != nil {
		return nil, err
	}
	x := &ImageXObject{Entries: im.entries, Data: im.data, Width: im.w, Height: im.h}
	if im.mask != nil {
		x.MaskEntries, x.Mask = im.maskEntries(), im.mask
	}
	return x, nil
}
