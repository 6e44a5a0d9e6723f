// Package sign owns electronic signatures on the PDFs gongwen builds:
// reading the signer's key and certificates, the CMS signature (RFC 5652,
// written with encoding/asn1), the PAdES baseline-B signature appended to
// a PDF as an incremental update, so that the built bytes stay a prefix of
// the signed file, and reading the signatures of a PDF back to say whether
// the bytes they cover are intact; and the electronic seal of an OFD
// (GB/T 38540 SES_Signature with SM2 and SM3, placed in the package as
// GB/T 33190 clause 18 says; ofd.go, ses.go) and its check (ofdverify.go).
// It reads the layout record (package diff) only to find the seal's place,
// and uses package build only to check and write its output as builds do;
// it does not build documents.
package sign

import (
	"bytes"
	"cmp"
	"crypto"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"gongwen/internal/diff"
	"gongwen/internal/say"
)

// Options are what a signature is made with.
type Options struct {
	Key   crypto.Signer
	Chain []*x509.Certificate // the signer's certificate first, then the ones that issued it
	Time  time.Time           // the claimed signing time, written as the signature's /M
	// At is the seal the signature's field sits on, counted from 1 in
	// the order the pages draw them (in a joint document, the issuers');
	// 0 for the next not yet signed.
	At int
	// Seal is a picture of the seal (a PNG or JPEG file's bytes, checked
	// by package picture), drawn as the signature's appearance where the
	// document stamps no seal (seal = "paper", or none); nil for none.
	Seal []byte
}

// MaxString is the longest string PDF/A-1 allows (ISO 19005-1 clause
// 6.1.12, by PDF Reference 1.4 appendix C): 65,535 bytes. The signature's
// /Contents is a hexadecimal string; it is kept within the limit counted
// in hexadecimal digits as written, so that it holds however a validator
// counts, which leaves 32,767 bytes for the CMS and its certificates.
const MaxString = 65535

// byteRangeWidth is the room kept for "[0 A B C]" with numbers of up to
// ten digits (a PDF under 10 GB).
const byteRangeWidth = 36

// A Place is where a signature's widget sits: a page (0-based) and a
// rectangle in the page's points, x1 y1 x2 y2 from its lower left corner.
type Place struct {
	Page int
	Rect [4]float64
	// Drawn says the page draws a seal there; else it is a seal's place
	// with nothing drawn (layout.Page.Places). Seal counts the seals
	// from 1; 0 when the document records none.
	Drawn bool
	Seal  int
}

// sealPlace is where the PDF draws the picture of the next seal to sign,
// or where its seal stands with nothing drawn (a paper seal, or a
// document without seals), as its layout record says: the first (the
// lead issuer's in a joint document), then for each signature already
// made the next one; page 1 with an empty rectangle when it records none
// (a 命令 with its signature stamp, or a record that cannot be read).
func sealPlace(pdf []byte, d *document, at int) (Place, error) {
	rec, err := diff.Read(pdf)
	if err != nil {
		return Place{}, nil
	}
	var seals []diff.Line
	for _, l := range rec.Lines {
		if l.Kind == diff.ImageKind && l.Page >= 1 && l.Page <= len(d.pages) {
			seals = append(seals, l)
		}
	}
	// The issuers' order: page by page, row by row (the seals of a row
	// share their centre's height), left to right.
	slices.SortStableFunc(seals, func(a, b diff.Line) int {
		if a.Page != b.Page {
			return a.Page - b.Page
		}
		if ca, cb := a.Y+a.Size/2, b.Y+b.Size/2; math.Abs(ca-cb) > 0.5 {
			return cmp.Compare(ca, cb)
		}
		return cmp.Compare(a.X1, b.X1)
	})
	n := len(d.fields) // signatures made before: the next seal is this one's
	switch {
	case at > len(seals):
		return Place{}, say.Errorf("it has %d seals, so no seal %d to sign at", len(seals), at)
	case at > 0:
		n = at - 1
	case len(seals) == 0:
		return Place{}, nil
	case n >= len(seals) && len(seals) == 1:
		return Place{}, say.New("its seal is signed already")
	case n >= len(seals):
		return Place{}, say.Errorf("each of its %d seals is signed already", len(seals))
	}
	l := seals[n]
	h, err := d.pageHeight(l.Page - 1)
	if err != nil {
		return Place{}, err
	}
	const k = 72 / 25.4 // points a millimetre
	return Place{l.Page - 1, [4]float64{l.X1 * k, h - (l.Y+l.Size)*k, l.X2 * k, h - l.Y*k}, l.Name != "", n + 1}, nil
}

// PDF returns pdf signed: its bytes unchanged, followed by an incremental
// update (ISO 32000-1 clause 7.5.6) holding the signature dictionary
// (SubFilter ETSI.CAdES.detached), a signature field whose widget sits
// on the seal, the catalog with a form (AcroForm, SigFlags 3) and the
// page with the widget among its annotations. The widget's appearance is
// empty where the page draws the seal, and opt.Seal, when given, where
// the page draws none (a paper seal's place, or a document without
// seals); opt.Seal over a seal the page draws is refused. The signature
// covers the whole file but its own /Contents.
func PDF(pdf []byte, opt Options) ([]byte, error) {
	if len(opt.Chain) == 0 || opt.Key == nil {
		return nil, say.New("no key or certificate to sign with")
	}
	d, err := readDocument(pdf)
	if err != nil {
		return nil, err
	}
	at, err := sealPlace(pdf, d, opt.At)
	if err != nil {
		return nil, err
	}
	switch {
	case opt.Seal != nil && at.Seal == 0:
		return nil, say.New("it records no place for a seal (a 命令 has its signature stamp instead), so the seal picture (--seal) has nowhere to go: sign without --seal")
	case opt.Seal != nil && at.Drawn:
		return nil, say.Errorf("page %d draws seal %d already, and the signature goes on it without a picture: the seal picture (--seal) is for a document built with seal = \"paper\" or without a seal; sign without --seal", at.Page+1, at.Seal)
	}
	pageDict, err := d.object(d.pages[at.Page])
	if err != nil {
		return nil, err
	}
	annots := annotsRe.FindSubmatch(pageDict)
	if annots == nil && bytes.Contains(pageDict, []byte("/Annots")) {
		return nil, say.Errorf("page %d has annotations gongwen did not add: only PDFs gongwen built can be signed", at.Page+1)
	}
	catalog, err := d.object(d.root)
	if err != nil {
		return nil, err
	}
	size, err := cmsSize(opt.Chain)
	if err != nil {
		return nil, err
	}
	room := size + 16 // bytes; the CMS is padded with zeros
	if 2*room+2 > MaxString {
		return nil, say.Errorf("the signature with its %d certificates takes %d bytes, more than the %d a PDF/A-1 string can hold in hexadecimal: give a shorter certificate chain (--chain)", len(opt.Chain), room, (MaxString-2)/2)
	}

	var b bytes.Buffer
	b.Grow(len(pdf) + 2*room + 2048)
	b.Write(pdf)
	if !bytes.HasSuffix(pdf, []byte("\n")) {
		b.WriteByte('\n')
	}
	sigN, widgetN, apN := d.size, d.size+1, d.size+2
	r := at.Rect
	ap, err := appearance(opt.Seal, r[2]-r[0], r[3]-r[1], apN)
	if err != nil {
		return nil, err
	}
	offsets := map[int]int{}
	obj := func(n int, body []byte) {
		offsets[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	offsets[sigN] = b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (%s)\n/ByteRange ",
		sigN, opt.Time.UTC().Format("D:20060102150405+00'00'"))
	rangeAt := b.Len()
	b.WriteString(strings.Repeat(" ", byteRangeWidth))
	b.WriteString("\n/Contents ")
	contentsAt := b.Len()
	b.WriteByte('<')
	b.Write(bytes.Repeat([]byte{'0'}, 2*room))
	b.WriteByte('>')
	contentsEnd := b.Len()
	b.WriteString(">>\nendobj\n")

	rect := fmt.Sprintf("[%.2f %.2f %.2f %.2f]", r[0], r[1], r[2], r[3])
	obj(widgetN, fmt.Appendf(nil, "<</Type /Annot /Subtype /Widget /FT /Sig /T (Signature%d) /V %d 0 R /F 132 /Rect %s /P %d 0 R /AP <</N %d 0 R>>>>",
		len(d.fields)+1, sigN, rect, d.pages[at.Page], apN))
	for _, o := range ap {
		obj(o.n, o.body)
	}
	fields := append(bytes.Join(d.fields, []byte(" ")), " "+strconv.Itoa(widgetN)+" 0 R"...)
	obj(d.root, withEntry(acroFormRe.ReplaceAll(catalog, nil), "/AcroForm <</Fields ["+string(bytes.TrimSpace(fields))+"] /SigFlags 3>>"))
	widgets := []byte(strconv.Itoa(widgetN) + " 0 R")
	if annots != nil {
		widgets = []byte(string(bytes.TrimSpace(annots[1])) + " " + string(widgets)) // a copy: annots is pageDict's
		pageDict = annotsRe.ReplaceAll(pageDict, nil)
	}
	obj(d.pages[at.Page], withEntry(pageDict, "/Annots ["+string(widgets)+"]"))

	xref := b.Len()
	b.WriteString("xref\n")
	last := ap[len(ap)-1].n
	for _, n := range []int{d.pages[at.Page], d.root, sigN, widgetN} {
		fmt.Fprintf(&b, "%d 1\n%010d 00000 n \n", n, offsets[n])
	}
	for n := apN; n <= last; n++ {
		fmt.Fprintf(&b, "%d 1\n%010d 00000 n \n", n, offsets[n])
	}
	b.WriteString("trailer\n<<\n")
	fmt.Fprintf(&b, "/Size %d\n/Root %d 0 R\n", last+1, d.root)
	if d.info != "" {
		b.WriteString(d.info + "\n")
	}
	fmt.Fprintf(&b, "%s\n/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n", d.id, d.startxref, xref)

	out := b.Bytes()
	br := fmt.Sprintf("[0 %d %d %d]", contentsAt, contentsEnd, len(out)-contentsEnd)
	copy(out[rangeAt:], br)
	newHash, _ := digestFor(opt.Chain[0].PublicKey)
	h := newHash()
	h.Write(out[:contentsAt])
	h.Write(out[contentsEnd:])
	cms, err := signCMS(h.Sum(nil), opt.Key, opt.Chain)
	if err != nil {
		return nil, err
	}
	if len(cms) > room {
		return nil, say.Errorf("the signature took %d bytes, more than the %d kept for it", len(cms), room)
	}
	hex.Encode(out[contentsAt+1:], cms)
	return out, nil
}
