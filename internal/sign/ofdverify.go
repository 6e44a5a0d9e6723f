package sign

import (
	"bytes"
	"encoding/base64"
	"path"
	"sort"
	"strings"

	"gongwen/internal/say"

	"github.com/tjfoc/gmsm/sm3"
)

// OFDSignatures reads each signature an OFD package lists (OFD.xml's
// Signatures, then Signatures.xml) and checks it: every part it
// references against its SM3 digest, that it references every part of the
// package but the signatures' own, the SES_Signature's dataHash against
// the SM3 of Signature.xml, its SM2 value with the signer certificate's
// key and its seal's with the seal maker's. The certificates themselves
// are not judged. A package without signatures gives none; an error is a
// package whose signature list cannot be read.
func OFDSignatures(pkg []byte) ([]Signature, error) {
	p, err := readPackage(pkg)
	if err != nil {
		return nil, err
	}
	root, _ := p.file(ofdRoot)
	r, err := parseXML(ofdRoot, root)
	if err != nil {
		return nil, err
	}
	body := r.child("DocBody")
	if body == nil || body.child("Signatures") == nil {
		return nil, nil
	}
	listPath := locate("", body.child("Signatures").Text)
	b, ok := p.file(listPath)
	if !ok {
		return nil, say.Errorf("OFD.xml names %s as its signatures, which is missing", listPath)
	}
	list, err := parseXML(listPath, b)
	if err != nil {
		return nil, err
	}
	var sigs []Signature
	for _, s := range list.all("Signature") {
		loc := locate(path.Dir(listPath), s.attr("BaseLoc"))
		sigs = append(sigs, checkOFDSignature(p, loc))
	}
	return sigs, nil
}

// checkOFDSignature checks the signature whose Signature.xml is at loc.
func checkOFDSignature(p *ofdPackage, loc string) Signature {
	s := Signature{Algorithm: say.Word("SM2 with SM3")}
	xmlBytes, ok := p.file(loc)
	if !ok {
		s.Reason = say.Sprintf("%s is missing", loc)
		return s
	}
	sig, err := parseXML(loc, xmlBytes)
	if err != nil {
		s.Reason = say.Sprintf("%v", err)
		return s
	}
	info := sig.child("SignedInfo")
	if info == nil || info.child("References") == nil || sig.child("SignedValue") == nil {
		s.Reason = say.Sprintf("%s has no SignedInfo with References, or no SignedValue", loc)
		return s
	}
	if t := info.child("SignatureDateTime"); t != nil {
		s.Time = strings.TrimSpace(t.Text)
	}
	valuePath := locate(path.Dir(loc), sig.child("SignedValue").Text)
	value, ok := p.file(valuePath)
	if !ok {
		s.Reason = say.Sprintf("%s is missing", valuePath)
		return s
	}
	ses, err := parseSES(value)
	if err != nil {
		s.Reason = say.Sprintf("%s: %v", valuePath, err)
		return s
	}
	s.Signer = signerName(ses.cert)
	if !bytes.Equal(ses.seal.maker.Raw, ses.cert.Raw) {
		s.SealMaker = signerName(ses.seal.maker)
	}
	s.Time = ses.time.UTC().Format("2006-01-02 15:04:05 UTC")
	refs := info.child("References")
	if m := refs.attr("CheckMethod"); m != checkMethod && !strings.EqualFold(m, "SM3") {
		s.Reason = say.Sprintf("its References' CheckMethod is %q; this gongwen checks SM3 (%s)", m, checkMethod)
		return s
	}
	covered := map[string]bool{}
	for _, ref := range refs.all("Reference") {
		name := locate("", ref.attr("FileRef"))
		data, ok := p.file(name)
		if !ok {
			s.Reason = say.Sprintf("%s, which it signed, is missing", name)
			return s
		}
		want, err := base64.StdEncoding.DecodeString(strings.TrimSpace(ref.child("CheckValue").textOr("")))
		if err != nil || !bytes.Equal(sm3.Sm3Sum(data), want) {
			s.Reason = say.Sprintf("%s changed: its SM3 digest is not the one signed", name)
			return s
		}
		covered[name] = true
	}
	var added []string
	for _, f := range p.parts {
		if protected(f.name) && !covered[f.name] {
			added = append(added, f.name)
		}
	}
	if len(added) > 0 {
		sort.Strings(added)
		s.Reason = say.Sprintf("the package has parts it does not sign, added after it was signed: %s", strings.Join(added, ", "))
		return s
	}
	s.Intact = checkSES(&s, ses, sm3.Sm3Sum(xmlBytes))
	return s
}

func (n *xmlNode) textOr(def string) string {
	if n == nil {
		return def
	}
	return n.Text
}

// UnsignedOFD is the package as it was before it was signed: its parts in
// their order without the signatures' (the Signs folder), OFD.xml without
// the reference to them, written as gongwen's renderer writes a package.
// For an OFD gongwen built and signed, these are the built bytes.
func UnsignedOFD(pkg []byte) ([]byte, error) {
	p, err := readPackage(pkg)
	if err != nil {
		return nil, err
	}
	var parts []part
	for _, f := range p.parts {
		switch {
		case !protected(f.name):
		case f.name == ofdRoot:
			root := bytes.Replace(f.data, []byte(signaturesRef), nil, 1)
			parts = append(parts, part{f.name, root})
		default:
			parts = append(parts, f)
		}
	}
	if len(parts) == 0 {
		return nil, say.New("the package has nothing but signatures")
	}
	return (&ofdPackage{parts: parts, date: p.date}).write()
}
