package ofdcheck

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/asn1"
	"encoding/base64"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/tjfoc/gmsm/sm2"
	"github.com/tjfoc/gmsm/sm3"
	gmx509 "github.com/tjfoc/gmsm/x509"
)

// Signature is a signature of the package (GB/T 33190-2016 clause 18)
// read back, with what a verifier finds: the SM3 digest of each part it
// references, and for a seal (Type "Seal") its GB/T 38540-2020 (version 4)
// SES_Signature decoded with encoding/asn1 into the standard's structures
// and its SM2 values checked with tjfoc/gmsm, the default user ID.
type Signature struct {
	ID, Type       string
	File           string // its Signature.xml
	Provider       string
	Method         string // SignatureMethod
	DateTime       string
	CheckMethod    string
	References     []string // the parts it references, as named
	Changed        []string // those whose digest is not the one written
	StampPage      int      // the StampAnnot's PageRef
	StampBoundary  [4]float64
	SES            SES
	SignatureValid bool // the SM2 value over TBS_Sign, with the signer certificate's key
	SealValid      bool // the seal's SM2 value, with the maker certificate's key
	DataHashValid  bool // dataHash is the SM3 of Signature.xml
}

// SES is what the SES_Signature says.
type SES struct {
	Version      int
	Signer       string // the signer certificate's common name
	Maker        string // the seal maker certificate's common name
	SealName     string
	SealID       string
	Vid          string
	PictureType  string
	Picture      []byte
	PictureW     int
	PictureH     int
	TimeInfo     time.Time
	PropertyInfo string
	CertListed   bool // the seal lists the signer's certificate
	Algorithm    asn1.ObjectIdentifier
}

// The version 4 structures of GB/T 38540-2020.
type sesSignature struct {
	ToSign         asn1.RawValue
	Cert           []byte
	SignatureAlgID asn1.ObjectIdentifier
	Signature      asn1.BitString
	TimeStamp      asn1.BitString `asn1:"optional,explicit,tag:0"`
}

type tbsSign struct {
	Version      int
	ESeal        asn1.RawValue
	TimeInfo     time.Time `asn1:"generalized"`
	DataHash     asn1.BitString
	PropertyInfo string `asn1:"ia5"`
}

type seSeal struct {
	ESealInfo   asn1.RawValue
	Cert        []byte
	SignAlgID   asn1.ObjectIdentifier
	SignedValue asn1.BitString
}

type sealInfo struct {
	Header struct {
		ID      string `asn1:"ia5"`
		Version int
		Vid     string `asn1:"ia5"`
	}
	ESID     string `asn1:"ia5"`
	Property struct {
		Type         int
		Name         string `asn1:"utf8"`
		CertListType int
		CertList     [][]byte
		CreateDate   time.Time `asn1:"generalized"`
		ValidStart   time.Time `asn1:"generalized"`
		ValidEnd     time.Time `asn1:"generalized"`
	}
	Picture struct {
		Type   string `asn1:"ia5"`
		Data   []byte
		Width  int
		Height int
	}
}

// sm2Key is the SM2 public key of a certificate.
func sm2Key(der []byte) (*gmx509.Certificate, *sm2.PublicKey, error) {
	c, err := gmx509.ParseCertificate(der)
	if err != nil {
		return nil, nil, err
	}
	k, ok := c.PublicKey.(*ecdsa.PublicKey)
	if !ok || k.Curve != sm2.P256Sm2() {
		return nil, nil, fmt.Errorf("the certificate of %s holds no SM2 key", c.Subject.CommonName)
	}
	// The point read again as an SM2 key: ecdsa.PublicKey's X and Y are
	// deprecated since Go 1.26.
	pub, err := gmx509.ParseSm2PublicKey(c.RawSubjectPublicKeyInfo)
	if err != nil || pub.X == nil {
		return nil, nil, fmt.Errorf("the certificate of %s holds no SM2 key", c.Subject.CommonName)
	}
	return c, pub, nil
}

// signatures reads the package's signature list, named in OFD.xml's
// DocBody.
func (r *reader) signatures(loc string) error {
	listPath := resolve("", loc)
	list, err := r.load(listPath)
	if err != nil {
		return err
	}
	if list.name.Local != "Signatures" {
		return fmt.Errorf("%s: root %s, want Signatures", listPath, list.name.Local)
	}
	for _, s := range list.all("Signature") {
		sig, err := r.signature(resolve(path.Dir(listPath), s.attr["BaseLoc"]))
		if err != nil {
			return err
		}
		sig.ID, sig.Type = s.attr["ID"], s.attr["Type"]
		r.pkg.Signatures = append(r.pkg.Signatures, sig)
	}
	return nil
}

// signature reads one Signature.xml and what it names.
func (r *reader) signature(name string) (Signature, error) {
	s := Signature{File: name}
	root, err := r.load(name)
	if err != nil {
		return s, err
	}
	info := root.child("SignedInfo")
	if root.name.Local != "Signature" || info == nil || info.child("References") == nil || root.child("SignedValue") == nil {
		return s, fmt.Errorf("%s: not a Signature with SignedInfo, References and SignedValue", name)
	}
	if p := info.child("Provider"); p != nil {
		s.Provider = p.attr["ProviderName"]
	}
	if m := info.child("SignatureMethod"); m != nil {
		s.Method = strings.TrimSpace(m.text)
	}
	if d := info.child("SignatureDateTime"); d != nil {
		s.DateTime = strings.TrimSpace(d.text)
	}
	refs := info.child("References")
	s.CheckMethod = refs.attr["CheckMethod"]
	for _, rf := range refs.all("Reference") {
		file := resolve("", rf.attr["FileRef"])
		s.References = append(s.References, file)
		data, ok := r.pkg.Files[file]
		cv := rf.child("CheckValue")
		if !ok || cv == nil {
			return s, fmt.Errorf("%s: Reference %s: no such part, or no CheckValue", name, file)
		}
		want, err := base64.StdEncoding.DecodeString(strings.TrimSpace(cv.text))
		if err != nil {
			return s, fmt.Errorf("%s: Reference %s: CheckValue is not base64", name, file)
		}
		if got := sm3.Sm3Sum(data); !bytes.Equal(got, want) {
			s.Changed = append(s.Changed, file)
		}
	}
	if a := info.child("StampAnnot"); a != nil {
		if s.StampPage, err = strconv.Atoi(a.attr["PageRef"]); err != nil {
			return s, fmt.Errorf("%s: StampAnnot PageRef %q", name, a.attr["PageRef"])
		}
		r.refs = append(r.refs, ref{"page", s.StampPage, name + " StampAnnot"})
		box, err := numbers(a.attr["Boundary"], 4)
		if err != nil {
			return s, fmt.Errorf("%s: StampAnnot Boundary: %v", name, err)
		}
		copy(s.StampBoundary[:], box)
	}
	valuePath := resolve(path.Dir(name), strings.TrimSpace(root.child("SignedValue").text))
	value, ok := r.pkg.Files[valuePath]
	if !ok {
		return s, fmt.Errorf("%s: SignedValue %s is missing", name, valuePath)
	}
	r.used[valuePath] = true
	return s, s.readSES(value, r.pkg.Files[name])
}

// readSES decodes and checks the SES_Signature.
func (s *Signature) readSES(der, signatureXML []byte) error {
	var sig sesSignature
	if rest, err := asn1.Unmarshal(der, &sig); err != nil || len(rest) > 0 {
		return fmt.Errorf("%s: SignedValue is not an SES_Signature of version 4: %v", s.File, err)
	}
	var tbs tbsSign
	if _, err := asn1.Unmarshal(sig.ToSign.FullBytes, &tbs); err != nil {
		return fmt.Errorf("%s: TBS_Sign: %v", s.File, err)
	}
	var seal seSeal
	if _, err := asn1.Unmarshal(tbs.ESeal.FullBytes, &seal); err != nil {
		return fmt.Errorf("%s: SESeal: %v", s.File, err)
	}
	var info sealInfo
	if _, err := asn1.Unmarshal(seal.ESealInfo.FullBytes, &info); err != nil {
		return fmt.Errorf("%s: SES_SealInfo: %v", s.File, err)
	}
	cert, pub, err := sm2Key(sig.Cert)
	if err != nil {
		return fmt.Errorf("%s: the signer's certificate: %v", s.File, err)
	}
	makerCert, makerPub, err := sm2Key(seal.Cert)
	if err != nil {
		return fmt.Errorf("%s: the seal maker's certificate: %v", s.File, err)
	}
	s.SES = SES{
		Version: tbs.Version, Signer: cert.Subject.CommonName, Maker: makerCert.Subject.CommonName,
		SealName: info.Property.Name, SealID: info.ESID, Vid: info.Header.Vid,
		PictureType: info.Picture.Type, Picture: info.Picture.Data,
		PictureW: info.Picture.Width, PictureH: info.Picture.Height,
		TimeInfo: tbs.TimeInfo, PropertyInfo: tbs.PropertyInfo,
		Algorithm: sig.SignatureAlgID,
	}
	for _, c := range info.Property.CertList {
		s.SES.CertListed = s.SES.CertListed || bytes.Equal(c, sig.Cert)
	}
	s.DataHashValid = bytes.Equal(tbs.DataHash.Bytes, sm3.Sm3Sum(signatureXML))
	s.SignatureValid = pub.Verify(sig.ToSign.FullBytes, sig.Signature.Bytes)
	// The seal maker signs its SES_SealInfo, certificate and algorithm
	// together (GB/T 38540-2020, SESeal's signedValue).
	var signed bytes.Buffer
	signed.Write(seal.ESealInfo.FullBytes)
	certDER, _ := asn1.Marshal(seal.Cert)
	oid, _ := asn1.Marshal(seal.SignAlgID)
	signed.Write(certDER)
	signed.Write(oid)
	whole, _ := asn1.Marshal(asn1.RawValue{Tag: asn1.TagSequence, IsCompound: true, Bytes: signed.Bytes()})
	s.SealValid = makerPub.Verify(whole, seal.SignedValue.Bytes)
	return nil
}
