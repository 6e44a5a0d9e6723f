package sign

import (
	"bytes"
	"fmt"
	"strconv"

	"gongwen/internal/render/pdf"
	"gongwen/internal/say"
)

// An object is one indirect object of the signature's update: its number
// and what stands between "N 0 obj" and "endobj".
type object struct {
	n    int
	body []byte
}

// streamObject is a stream object's body: its dictionary's entries, its
// /Length, and the data.
func streamObject(entries string, data []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<<%s /Length %d>>\nstream\n", entries, len(data))
	b.Write(data)
	b.WriteString("\nendstream")
	return b.Bytes()
}

// appearance is the signature widget's normal appearance (/AP /N; PDF/A-1
// allows no other), a form XObject as large as the widget, w × h points,
// numbered n, and the objects it uses, numbered from n+1. Without a seal
// picture it draws nothing (the page draws the seal under it). With one,
// it draws the picture in the widget's box as the build draws a seal in
// its box: as large as fits, its proportions kept, centred; its
// transparency, as the build's, an explicit one-bit mask (ISO 19005-1
// clause 6.4 forbids soft masks).
func appearance(seal []byte, w, h float64, n int) ([]object, error) {
	form := "/Type /XObject /Subtype /Form /BBox [0 0 " + strconv.FormatFloat(w, 'f', 2, 64) + " " + strconv.FormatFloat(h, 'f', 2, 64) + "]"
	if seal == nil {
		return []object{{n, streamObject(form+" /Resources <<>>", nil)}}, nil
	}
	im, err := pdf.NewImageXObject(seal)
	if err != nil {
		return nil, say.Errorf("the seal picture: %v", err)
	}
	iw, ih := w, w*float64(im.Height)/float64(im.Width)
	if ih > h {
		iw, ih = h*float64(im.Width)/float64(im.Height), h
	}
	var draw []byte
	draw = append(draw, "q "...)
	for _, v := range []float64{iw, 0, 0, ih, (w - iw) / 2, (h - ih) / 2} {
		draw = strconv.AppendFloat(draw, v, 'f', 3, 64)
		draw = append(draw, ' ')
	}
	draw = append(draw, "cm /Seal Do Q"...)
	imN := n + 1
	objs := []object{{n, streamObject(form+" /Resources <</XObject <</Seal "+strconv.Itoa(imN)+" 0 R>>>>", draw)}}
	entries := im.Entries
	if im.Mask != nil {
		entries += " /Mask " + strconv.Itoa(imN+1) + " 0 R"
	}
	objs = append(objs, object{imN, streamObject(entries, im.Data)})
	if im.Mask != nil {
		objs = append(objs, object{imN + 1, streamObject(im.MaskEntries, im.Mask)})
	}
	return objs, nil
}
