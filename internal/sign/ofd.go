package sign

import (
	"archive/zip"
	"bytes"
	"cmp"
	"crypto"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tjfoc/gmsm/sm2"
	"github.com/tjfoc/gmsm/sm3"

	"gongwen/internal/deflate"
	ofdr "gongwen/internal/render/ofd"
	"gongwen/internal/say"
)

// The OFD signature (GB/T 33190-2016 clause 18, 数字签名): OFD.xml's
// DocBody names Signatures.xml (签名列表), which lists each signature's
// Signature.xml; that holds the SignedInfo — the provider, the method,
// the time, a Reference with the SM3 digest of each part it protects and
// the StampAnnot where the seal shows — and names SignedValue.dat, the
// GB/T 38540 SES_Signature whose dataHash is the SM3 of Signature.xml.
//
// A signature here protects every part of the package but Signatures.xml
// and the files of the signatures (the Signs folder): a later signature
// changes only Signatures.xml and adds its own files, so the earlier ones
// stay intact. OFD.xml is protected too, with its reference to
// Signatures.xml in it.

// Paths in the package of what signing adds.
const (
	ofdRoot       = "OFD.xml"
	signsDir      = "Doc_0/Signs"
	signaturesXML = signsDir + "/Signatures.xml"
	// signaturesRef is the element signing adds to OFD.xml's DocBody, as
	// the last one (after DocInfo, DocRoot and any Versions, the schema's
	// order); verify takes it out again to compare with a rebuild.
	signaturesRef = "<ofd:Signatures>" + signaturesXML + "</ofd:Signatures>"
	docBodyEnd    = "</ofd:DocBody>"
	ofdNS         = "http://www.ofdspec.org/2016"
	// checkMethod is SM3's object identifier, the References' CheckMethod.
	checkMethod = "1.2.156.10197.1.401"
	sm2Method   = "1.2.156.10197.1.501"
)

// OFDOptions are what an OFD signature is made with besides Options,
// whose Seal is the seal's picture (PNG or JPEG) where the page draws
// none, nil where it draws one: the seal takes the page's picture.
type OFDOptions struct {
	Options
	// SealKey and SealCert are the seal maker's (制章人) key and
	// certificate, which sign the seal; nil for a self-issued seal, signed
	// with Key and the signer's certificate.
	SealKey  crypto.Signer
	SealCert *x509.Certificate
	// Provider and Version name the tool in the SignedInfo.
	Provider, Version string
}

// part is one file of a package.
type part struct {
	name string
	data []byte
}

// ofdPackage is a package read for signing or checking: its parts in
// their order, and the timestamp its entries carry.
type ofdPackage struct {
	parts []part
	date  time.Time
}

func (p *ofdPackage) file(name string) ([]byte, bool) {
	for _, f := range p.parts {
		if f.name == name {
			return f.data, true
		}
	}
	return nil, false
}

// readPackage reads every file of an OFD package.
func readPackage(b []byte) (*ofdPackage, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, say.Errorf("not an OFD package (a zip file): %v", err)
	}
	p := &ofdPackage{}
	seen := map[string]bool{}
	for i, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		if seen[f.Name] {
			return nil, say.Errorf("%s is in the package twice", f.Name)
		}
		seen[f.Name] = true
		rc, err := f.Open()
		if err != nil {
			return nil, say.Errorf("%s: %v", f.Name, err)
		}
		data, err := io.ReadAll(io.LimitReader(rc, int64(len(b))*1032+1))
		rc.Close()
		if err != nil {
			return nil, say.Errorf("%s: %v", f.Name, err)
		}
		if i == 0 {
			p.date = f.Modified
		}
		p.parts = append(p.parts, part{f.Name, data})
	}
	if _, ok := p.file(ofdRoot); !ok {
		return nil, say.New("not an OFD package: no OFD.xml")
	}
	return p, nil
}

// write is the package as a zip, its entries in order, as gongwen's OFD
// renderer writes them (package deflate, one timestamp).
func (p *ofdPackage) write() ([]byte, error) {
	entries := make([]deflate.Entry, len(p.parts))
	for i, f := range p.parts {
		entries[i] = deflate.Entry{Name: f.name, Data: f.data}
	}
	var b bytes.Buffer
	if err := deflate.WriteZip(&b, entries, p.date); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// xmlNode is an element of an OFD part, read loosely.
type xmlNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []xmlNode  `xml:",any"`
}

func (n *xmlNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n *xmlNode) child(name string) *xmlNode {
	for i := range n.Children {
		if n.Children[i].XMLName.Local == name {
			return &n.Children[i]
		}
	}
	return nil
}

func (n *xmlNode) all(name string) []*xmlNode {
	var out []*xmlNode
	for i := range n.Children {
		if n.Children[i].XMLName.Local == name {
			out = append(out, &n.Children[i])
		}
	}
	return out
}

func parseXML(name string, b []byte) (*xmlNode, error) {
	var n xmlNode
	if err := xml.Unmarshal(b, &n); err != nil {
		return nil, say.Errorf("%s: %v", name, err)
	}
	return &n, nil
}

// locate is an ST_Loc: from the package root when it starts with "/",
// else relative to the folder dir.
func locate(dir, loc string) string {
	loc = strings.TrimSpace(loc)
	if strings.HasPrefix(loc, "/") {
		return path.Clean(strings.TrimPrefix(loc, "/"))
	}
	return path.Clean(path.Join(dir, loc))
}

// ofdSeal is a seal's place in an OFD: an image a page draws, or a
// place it records with nothing drawn (ofdr.SealPlace).
type ofdSeal struct {
	pageID   int
	page     int // 0-based
	boundary string
	picture  string // its file in the package; "" for a place
	drawn    bool
}

// box is the seal's Boundary: x, y (mm from the page's top left), width
// and height; zeros for one that cannot be read.
func (s ofdSeal) box() (x, y, w, h float64) {
	f := strings.Fields(s.boundary)
	if len(f) != 4 {
		return 0, 0, 0, 0
	}
	var v [4]float64
	for i := range v {
		v[i], _ = strconv.ParseFloat(f[i], 64)
	}
	return v[0], v[1], v[2], v[3]
}

// ofdSeals lists the seals' places of an OFD in the issuers' order, as
// the PDF signer orders them (sealPlace): the images the pages draw
// (gongwen's OFDs draw only seals as images) and the places OFD.xml's
// CustomDatas record where a page draws none.
func ofdSeals(p *ofdPackage) ([]ofdSeal, error) {
	root, _ := p.file(ofdRoot)
	r, err := parseXML(ofdRoot, root)
	if err != nil {
		return nil, err
	}
	body := r.child("DocBody")
	if body == nil || body.child("DocRoot") == nil {
		return nil, say.New("OFD.xml has no DocBody with a DocRoot")
	}
	docPath := locate("", body.child("DocRoot").Text)
	docXML, ok := p.file(docPath)
	if !ok {
		return nil, say.Errorf("its document %s is missing", docPath)
	}
	doc, err := parseXML(docPath, docXML)
	if err != nil {
		return nil, err
	}
	dir := path.Dir(docPath)
	media := map[string]string{} // resource ID → file
	if common := doc.child("CommonData"); common != nil {
		for _, c := range common.Children {
			if c.XMLName.Local != "DocumentRes" && c.XMLName.Local != "PublicRes" {
				continue
			}
			resPath := locate(dir, c.Text)
			b, ok := p.file(resPath)
			if !ok {
				return nil, say.Errorf("its resource file %s is missing", resPath)
			}
			res, err := parseXML(resPath, b)
			if err != nil {
				return nil, err
			}
			base := locate(path.Dir(resPath), res.attr("BaseLoc"))
			if mm := res.child("MultiMedias"); mm != nil {
				for _, m := range mm.all("MultiMedia") {
					if f := m.child("MediaFile"); f != nil {
						media[m.attr("ID")] = locate(base, f.Text)
					}
				}
			}
		}
	}
	pages := doc.child("Pages")
	if pages == nil {
		return nil, say.Errorf("%s has no Pages", docPath)
	}
	var seals []ofdSeal
	var ids []int
	for i, pg := range pages.all("Page") {
		id, err := strconv.Atoi(pg.attr("ID"))
		if err != nil {
			return nil, say.Errorf("%s: page %d has no ID", docPath, i+1)
		}
		ids = append(ids, id)
		loc := locate(dir, pg.attr("BaseLoc"))
		b, ok := p.file(loc)
		if !ok {
			return nil, say.Errorf("its page %s is missing", loc)
		}
		content, err := parseXML(loc, b)
		if err != nil {
			return nil, err
		}
		var walk func(n *xmlNode)
		walk = func(n *xmlNode) {
			for k := range n.Children {
				c := &n.Children[k]
				if c.XMLName.Local == "ImageObject" {
					seals = append(seals, ofdSeal{pageID: id, page: i, boundary: c.attr("Boundary"), picture: media[c.attr("ResourceID")], drawn: true})
					continue
				}
				walk(c)
			}
		}
		walk(content)
	}
	if info := body.child("DocInfo"); info != nil && info.child("CustomDatas") != nil {
		for _, c := range info.child("CustomDatas").all("CustomData") {
			if c.attr("Name") != ofdr.SealPlace {
				continue
			}
			f := strings.Fields(c.Text)
			n := 0
			if len(f) == 5 {
				n, _ = strconv.Atoi(f[0])
			}
			if n < 1 || n > len(ids) {
				return nil, say.Errorf("OFD.xml: the seal's place %q is not one of its %d pages and a Boundary", c.Text, len(ids))
			}
			seals = append(seals, ofdSeal{pageID: ids[n-1], page: n - 1, boundary: strings.Join(f[1:], " ")})
		}
	}
	// The issuers' order: page by page, row by row (the seals of a row
	// share their centre's height), left to right.
	slices.SortStableFunc(seals, func(a, b ofdSeal) int {
		if a.page != b.page {
			return a.page - b.page
		}
		ax, ay, _, ah := a.box()
		bx, by, _, bh := b.box()
		if ca, cb := ay+ah/2, by+bh/2; math.Abs(ca-cb) > 0.5 {
			return cmp.Compare(ca, cb)
		}
		return cmp.Compare(ax, bx)
	})
	return seals, nil
}

// pictureFormat is the SES picture type of an image's bytes.
func pictureFormat(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG", nil
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return "JPG", nil
	}
	return "", say.New("the seal picture is neither PNG nor JPEG")
}

// OFD returns the OFD package pkg signed with an electronic seal (GB/T
// 38540 SES_Signature, SM2 with SM3): a new package whose parts are
// pkg's, unchanged and in their order, but OFD.xml, which gains the
// reference to Signatures.xml; then Signatures.xml, Signature.xml and
// SignedValue.dat. The stamp annotation sits on the seal (the next one
// not yet signed, or seal opt.At): where the page draws it, with its
// picture; or where OFD.xml records its place with nothing drawn
// (ofdr.SealPlace), with opt.Seal, which is needed there and refused over
// a drawn seal, as PDF refuses it.
func OFD(pkg []byte, opt OFDOptions) ([]byte, error) {
	if len(opt.Chain) == 0 || opt.Key == nil {
		return nil, say.New("no key or certificate to sign with")
	}
	key, ok := opt.Key.(*sm2.PrivateKey)
	if !ok {
		return nil, say.New("an OFD's electronic seal (GB/T 38540) is signed with an SM2 key; RSA and ECDSA keys sign PDFs only")
	}
	maker, makerCert := key, opt.Chain[0]
	if opt.SealKey != nil {
		k, ok := opt.SealKey.(*sm2.PrivateKey)
		if !ok || opt.SealCert == nil {
			return nil, say.New("the seal maker's key must be an SM2 key, with its certificate")
		}
		if err := Matches(k, opt.SealCert); err != nil {
			return nil, err
		}
		maker, makerCert = k, opt.SealCert
	}
	p, err := readPackage(pkg)
	if err != nil {
		return nil, err
	}
	done, err := OFDSignatures(pkg)
	if err != nil {
		return nil, err
	}
	for i, s := range done {
		if !s.Intact {
			return nil, say.Errorf("its signature %d is broken (%s): it cannot be signed again", i+1, s.Reason)
		}
	}
	seals, err := ofdSeals(p)
	if err != nil {
		return nil, err
	}
	n := len(done)
	switch {
	case len(seals) == 0 && opt.Seal != nil:
		return nil, say.New("it records no place for a seal (a 命令 has its signature stamp instead), so the seal picture (--seal) has nowhere to go: sign without --seal")
	case len(seals) == 0:
		return nil, say.New("it draws no seal, so there is no place for the electronic seal: build it with a seal picture")
	case opt.At > len(seals):
		return nil, say.Errorf("it has %d seals, so no seal %d to sign at", len(seals), opt.At)
	case opt.At > 0:
		n = opt.At - 1
	case n >= len(seals):
		return nil, say.Errorf("each of its %d seals is signed already", len(seals))
	}
	at := seals[n]
	picture := opt.Seal
	switch {
	case picture != nil && at.drawn:
		return nil, say.Errorf("page %d draws seal %d already, and the signature goes on it without a picture: the seal picture (--seal) is for a document built with seal = \"paper\" or without a seal; sign without --seal", at.page+1, n+1)
	case picture == nil && !at.drawn:
		return nil, say.Errorf("page %d draws no seal %d (seal = \"paper\", or none): give the electronic seal's picture (--seal SEAL.png), which the stamp annotation shows there", at.page+1, n+1)
	}
	if picture == nil {
		b, ok := p.file(at.picture)
		if !ok {
			return nil, say.Errorf("the picture of seal %d is missing from the package", n+1)
		}
		picture = b
	}
	format, err := pictureFormat(picture)
	if err != nil {
		return nil, err
	}
	box := strings.Fields(at.boundary)
	if len(box) != 4 {
		return nil, say.Errorf("seal %d has no Boundary", n+1)
	}
	w, _ := strconv.ParseFloat(box[2], 64)
	h, _ := strconv.ParseFloat(box[3], 64)

	// OFD.xml with the reference to Signatures.xml, once.
	k := len(done)
	dir := signsDir + "/Sign_" + strconv.Itoa(k)
	if _, taken := p.file(dir + "/Signature.xml"); taken {
		return nil, say.Errorf("%s is in the package already", dir+"/Signature.xml")
	}
	root, _ := p.file(ofdRoot)
	for _, f := range p.parts {
		if k == 0 && !protected(f.name) {
			return nil, say.Errorf("it holds %s, which no signature list names: only OFDs gongwen built can be signed", f.name)
		}
	}
	if k > 0 && !bytes.Contains(root, []byte(signaturesRef)) {
		return nil, say.New("its OFD.xml names signatures that cannot be read: only OFDs gongwen built can be signed")
	}
	if k == 0 {
		if bytes.Contains(root, []byte("Signatures>")) {
			return nil, say.New("its OFD.xml names signatures that cannot be read: only OFDs gongwen built can be signed")
		}
		end := bytes.LastIndex(root, []byte(docBodyEnd))
		if end < 0 || bytes.Count(root, []byte(docBodyEnd)) != 1 {
			return nil, say.New("its OFD.xml has not one DocBody: only OFDs gongwen built can be signed")
		}
		root = append(append(append([]byte(nil), root[:end]...), signaturesRef...), root[end:]...)
	}

	// Signatures.xml, listing the earlier signatures and this one.
	var list strings.Builder
	fmt.Fprintf(&list, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Signatures xmlns:ofd=%q><ofd:MaxSignId>%d</ofd:MaxSignId>", ofdNS, k+1)
	for i := 0; i <= k; i++ {
		fmt.Fprintf(&list, "<ofd:Signature ID=\"%d\" Type=\"Seal\" BaseLoc=\"/%s/Sign_%d/Signature.xml\"></ofd:Signature>", i+1, signsDir, i)
	}
	list.WriteString("</ofd:Signatures>")

	var parts []part
	for _, f := range p.parts {
		switch {
		case f.name == ofdRoot:
			parts = append(parts, part{f.name, root})
		case f.name == signaturesXML:
			parts = append(parts, part{f.name, []byte(list.String())})
		default:
			parts = append(parts, f)
		}
	}
	if k == 0 {
		parts = append(parts, part{signaturesXML, []byte(list.String())})
	}

	// Signature.xml: the digest of every part but the signatures'.
	var si strings.Builder
	fmt.Fprintf(&si, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Signature xmlns:ofd=%q><ofd:SignedInfo>", ofdNS)
	fmt.Fprintf(&si, "<ofd:Provider ProviderName=\"%s\"", xmlAttr(opt.Provider))
	if opt.Version != "" {
		fmt.Fprintf(&si, " Version=\"%s\"", xmlAttr(opt.Version))
	}
	fmt.Fprintf(&si, "></ofd:Provider><ofd:SignatureMethod>%s</ofd:SignatureMethod><ofd:SignatureDateTime>%s</ofd:SignatureDateTime>",
		sm2Method, opt.Time.UTC().Format("20060102150405Z"))
	fmt.Fprintf(&si, "<ofd:References CheckMethod=%q>", checkMethod)
	for _, f := range parts {
		if protected(f.name) {
			sum := sm3.Sm3Sum(f.data)
			fmt.Fprintf(&si, "<ofd:Reference FileRef=\"/%s\"><ofd:CheckValue>%s</ofd:CheckValue></ofd:Reference>", xmlAttr(f.name), base64.StdEncoding.EncodeToString(sum))
		}
	}
	fmt.Fprintf(&si, "</ofd:References><ofd:StampAnnot ID=\"%d\" PageRef=\"%d\" Boundary=\"%s\"></ofd:StampAnnot></ofd:SignedInfo>", k+1, at.pageID, xmlAttr(at.boundary))
	fmt.Fprintf(&si, "<ofd:SignedValue>/%s/SignedValue.dat</ofd:SignedValue></ofd:Signature>", dir)
	signature := []byte(si.String())

	cert := opt.Chain[0]
	seal, err := sesSeal(sealInfo{
		ID:      "gongwen-" + hex.EncodeToString(sm3.Sm3Sum(append(append([]byte(nil), cert.Raw...), picture...))[:8]),
		Name:    signerName(cert),
		Picture: picture, Format: format,
		W: int(w + 0.5), H: int(h + 0.5),
		Created: opt.Time, From: cert.NotBefore, To: cert.NotAfter,
	}, maker, makerCert, cert)
	if err != nil {
		return nil, err
	}
	value, err := sesSignature(seal, sm3.Sm3Sum(signature), "/"+dir+"/Signature.xml", opt.Time, key, cert)
	if err != nil {
		return nil, err
	}
	parts = append(parts, part{dir + "/Signature.xml", signature}, part{dir + "/SignedValue.dat", value})
	out := &ofdPackage{parts: parts, date: p.date}
	return out.write()
}

// protected reports whether a signature protects a part: every part but
// the signatures' own (see the package's OFD note).
func protected(name string) bool {
	return !strings.HasPrefix(name, signsDir+"/")
}

// xmlAttr escapes s for an attribute or text.
func xmlAttr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}
