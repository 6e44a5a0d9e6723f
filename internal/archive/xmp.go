package archive

// xmp.go: the one reader of XMP packets, for the archive record here and
// the layout record (package diff).

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"gongwen/internal/say"
)

// Element is one element of an XMP packet as Elements reads it: its name,
// the names of the elements it stands in (the outermost first), and its
// own character data, that of its children left out.
type Element struct {
	Name    xml.Name
	Parents []xml.Name
	Text    string
}

// Parent is the element n levels up: 1 its parent, 2 its parent's parent;
// the zero name when there is none.
func (e Element) Parent(n int) xml.Name {
	if n < 1 || n > len(e.Parents) {
		return xml.Name{}
	}
	return e.Parents[len(e.Parents)-n]
}

// Elements reads an XMP packet and calls f with each element as it ends,
// its text whole. An error of f stops the reading and is returned; XML
// that is not well formed is an error naming the XMP metadata.
func Elements(packet []byte, f func(Element) error) error {
	d := xml.NewDecoder(bytes.NewReader(packet))
	var names []xml.Name
	var texts []*strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return say.Errorf("reading the XMP metadata: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			names = append(names, t.Name)
			texts = append(texts, &strings.Builder{})
		case xml.CharData:
			if n := len(texts); n > 0 {
				texts[n-1].Write(t)
			}
		case xml.EndElement:
			n := len(names) // the decoder matches end to start: n > 0
			e := Element{Name: names[n-1], Parents: names[:n-1], Text: texts[n-1].String()}
			names, texts = names[:n-1], texts[:n-1]
			if err := f(e); err != nil {
				return err
			}
		}
	}
}
