package sign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"hash"
	"math/big"
	"sort"

	"gongwen/internal/say"

	"github.com/tjfoc/gmsm/sm2"
	"github.com/tjfoc/gmsm/sm3"
)

// Object identifiers of the CMS structures written (RFC 5652, RFC 5035,
// RFC 8017, RFC 5758).
var (
	oidData          = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 1}
	oidSignedData    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 7, 2}
	oidContentType   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 3}
	oidMessageDigest = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 4}
	oidSigningTime   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 5}
	oidSigningCertV2 = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 9, 16, 2, 47}
	oidSHA256        = asn1.ObjectIdentifier{2, 16, 840, 1, 101, 3, 4, 2, 1}
	oidSHA256WithRSA = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11}
	oidECDSAWithSHA2 = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 3, 2}
	// GM/T 0006-2012: SM3, and SM2 signing with SM3.
	oidSM3        = asn1.ObjectIdentifier{1, 2, 156, 10197, 1, 401}
	oidSM2WithSM3 = asn1.ObjectIdentifier{1, 2, 156, 10197, 1, 501}
)

// digestFor is the digest a key's signature is made over, and its
// object identifier: SM3 for an SM2 key (GM/T 0009), SHA-256 otherwise.
func digestFor(pub crypto.PublicKey) (func() hash.Hash, asn1.ObjectIdentifier) {
	if _, ok := pub.(*sm2.PublicKey); ok {
		return sm3.New, oidSM3
	}
	return sha256.New, oidSHA256
}

// der is the DER encoding of v; the values encoded here (object
// identifiers, integers, octet strings, raw values) always encode.
func der(v any) []byte {
	b, err := asn1.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("sign: encoding %T: %v", v, err))
	}
	return b
}

// constructed encodes parts, concatenated, as the content of a
// constructed value of the universal tag (a SEQUENCE, a SET) or the
// context-specific one given.
func constructed(class, tag int, parts ...[]byte) []byte {
	return der(asn1.RawValue{Class: class, Tag: tag, IsCompound: true, Bytes: bytes.Join(parts, nil)})
}

func sequence(parts ...[]byte) []byte {
	return constructed(asn1.ClassUniversal, asn1.TagSequence, parts...)
}

// set encodes a SET OF, its elements in the order DER requires (X.690
// clause 11.6: ascending as octet strings).
func set(parts ...[]byte) []byte {
	sorted := append([][]byte(nil), parts...)
	sort.Slice(sorted, func(i, j int) bool { return bytes.Compare(sorted[i], sorted[j]) < 0 })
	return constructed(asn1.ClassUniversal, asn1.TagSet, sorted...)
}

func context(tag int, parts ...[]byte) []byte {
	return constructed(asn1.ClassContextSpecific, tag, parts...)
}

// algorithm is an AlgorithmIdentifier, with a NULL parameter when null.
func algorithm(oid asn1.ObjectIdentifier, null bool) []byte {
	if null {
		return sequence(der(oid), der(asn1.NullRawValue))
	}
	return sequence(der(oid))
}

func attribute(oid asn1.ObjectIdentifier, value []byte) []byte {
	return sequence(der(oid), set(value))
}

// signatureAlgorithm is the SignerInfo's signature algorithm for key: RSA
// PKCS #1 v1.5 or ECDSA, both with SHA-256.
func signatureAlgorithm(pub crypto.PublicKey) ([]byte, error) {
	switch pub.(type) {
	case *rsa.PublicKey:
		return algorithm(oidSHA256WithRSA, true), nil
	case *ecdsa.PublicKey:
		return algorithm(oidECDSAWithSHA2, false), nil
	case *sm2.PublicKey:
		return algorithm(oidSM2WithSM3, false), nil
	}
	return nil, say.Errorf("a %T key cannot sign here: use an RSA, ECDSA P-256 or SM2 key", pub)
}

// signedAttributes are the attributes PAdES baseline B requires (ETSI EN
// 319 142-1 clause 6.3; ETSI EN 319 122-1 clause 5.2): the content type,
// the digest of the signed bytes and the signing certificate (ESS
// signing-certificate-v2, RFC 5035: the SHA-256 of the certificate, its
// issuer and serial number). No signing-time: PAdES puts the claimed time
// in the signature dictionary's /M instead. Returned as a SET OF, the form
// the signature is computed over.
func signedAttributes(digest []byte, cert *x509.Certificate) []byte {
	certHash := sha256.Sum256(cert.Raw)
	issuerSerial := sequence(
		sequence(context(4, cert.RawIssuer)), // GeneralNames: one directoryName
		der(cert.SerialNumber))
	essCertID := sequence(der(certHash[:]), issuerSerial) // hashAlgorithm: SHA-256, the default
	return set(
		attribute(oidContentType, der(oidData)),
		attribute(oidMessageDigest, der(digest)),
		attribute(oidSigningCertV2, sequence(sequence(essCertID))),
	)
}

// issuerAndSerial identifies the signer's certificate in a SignerInfo.
func issuerAndSerial(cert *x509.Certificate) []byte {
	return sequence(cert.RawIssuer, der(cert.SerialNumber))
}

// encodeCMS is the ContentInfo of a detached SignedData (RFC 5652 clause
// 5) of one signer, whose certificate is chain[0], with the signed
// attributes attrs (a SET OF) and the signature over them; the chain's
// certificates are all included.
func encodeCMS(attrs, signature []byte, chain []*x509.Certificate) ([]byte, error) {
	sigAlg, err := signatureAlgorithm(chain[0].PublicKey)
	if err != nil {
		return nil, err
	}
	var certs [][]byte
	for _, c := range chain {
		certs = append(certs, c.Raw)
	}
	signedAttrs := append([]byte{0xA0}, attrs[1:]...) // [0] IMPLICIT SET OF
	_, digestOID := digestFor(chain[0].PublicKey)
	signer := sequence(
		der(1),
		issuerAndSerial(chain[0]),
		algorithm(digestOID, false),
		signedAttrs,
		sigAlg,
		der(signature),
	)
	signedData := sequence(
		der(1),
		set(algorithm(digestOID, false)),
		sequence(der(oidData)), // detached: no eContent
		context(0, certs...),
		set(signer),
	)
	return sequence(der(oidSignedData), context(0, signedData)), nil
}

// signCMS signs the content whose digest (see digestFor) is given with
// key and returns the CMS.
func signCMS(digest []byte, key crypto.Signer, chain []*x509.Certificate) ([]byte, error) {
	attrs := signedAttributes(digest, chain[0])
	var sig []byte
	var err error
	if _, ok := key.(*sm2.PrivateKey); ok {
		// SM2 signs the message itself: SM3 over Z (of the default
		// user ID, 1234567812345678) and the attributes, GM/T 0009.
		sig, err = key.Sign(rand.Reader, attrs, nil)
	} else {
		// RSA keys sign with PKCS #1 v1.5, ECDSA keys return ASN.1 (r, s).
		h := sha256.Sum256(attrs)
		sig, err = key.Sign(rand.Reader, h[:], crypto.SHA256)
	}
	if err != nil {
		return nil, say.Errorf("signing: %v", err)
	}
	return encodeCMS(attrs, sig, chain)
}

// maxSignature is the longest signature key makes, in bytes: the RSA
// modulus's length, or an ECDSA (r, s) pair of the curve's size with its
// DER overhead.
func maxSignature(pub crypto.PublicKey) int {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		return (k.N.BitLen() + 7) / 8
	case *ecdsa.PublicKey:
		n := (k.Curve.Params().BitSize + 7) / 8
		return 2*(n+3) + 3
	case *sm2.PublicKey:
		return 2*(32+3) + 3
	}
	return 1024
}

// cmsSize is the length of the CMS for chain with the longest signature
// its key makes: the room /Contents must have.
func cmsSize(chain []*x509.Certificate) (int, error) {
	attrs := signedAttributes(make([]byte, 32), chain[0]) // SHA-256 and SM3 alike
	b, err := encodeCMS(attrs, make([]byte, maxSignature(chain[0].PublicKey)), chain)
	return len(b), err
}

// The parts of a CMS SignedData read back (RFC 5652).
type contentInfo struct {
	Type    asn1.ObjectIdentifier
	Content asn1.RawValue `asn1:"explicit,tag:0"`
}

type signedData struct {
	Version      int
	Digests      asn1.RawValue
	Encap        asn1.RawValue
	Certificates asn1.RawValue `asn1:"optional,tag:0"`
	CRLs         asn1.RawValue `asn1:"optional,tag:1"`
	Signers      []signerInfo  `asn1:"set"`
}

type algorithmID struct {
	Algorithm  asn1.ObjectIdentifier
	Parameters asn1.RawValue `asn1:"optional"`
}

type signerInfo struct {
	Version     int
	SID         asn1.RawValue
	Digest      algorithmID
	SignedAttrs asn1.RawValue `asn1:"optional,tag:0"`
	SigAlg      algorithmID
	Signature   []byte
	Unsigned    asn1.RawValue `asn1:"optional,tag:1"`
}

type issuerSerial struct {
	Issuer asn1.RawValue
	Serial *big.Int
}

type attr struct {
	Type   asn1.ObjectIdentifier
	Values asn1.RawValue `asn1:"set"`
}

// parsed is a CMS signature read back: the signer's certificate, the
// signed attributes (as the SET OF the signature is over) and what they
// say.
type parsed struct {
	cert      *x509.Certificate
	certs     []*x509.Certificate
	signed    []byte // the DER SET OF the signature is computed over
	digest    []byte // the message-digest attribute
	certHash  []byte // the signing-certificate-v2's hash, if any
	time      []byte // the signing-time attribute's value, if any
	sigAlg    asn1.ObjectIdentifier
	digestAlg asn1.ObjectIdentifier
	signature []byte
}

// parseCMS reads a CMS SignedData of one signer with signed attributes.
// Bytes after it (the /Contents placeholder's padding) are ignored.
func parseCMS(b []byte) (*parsed, error) {
	var ci contentInfo
	if _, err := asn1.Unmarshal(b, &ci); err != nil {
		return nil, say.Errorf("not a CMS structure: %v", err)
	}
	if !ci.Type.Equal(oidSignedData) {
		return nil, say.Errorf("not a CMS SignedData (content type %v)", ci.Type)
	}
	var sd signedData
	if _, err := asn1.Unmarshal(ci.Content.Bytes, &sd); err != nil {
		return nil, say.Errorf("CMS SignedData: %v", err)
	}
	if len(sd.Signers) != 1 {
		return nil, say.Errorf("CMS SignedData with %d signers, not one", len(sd.Signers))
	}
	var certs []*x509.Certificate
	for rest := sd.Certificates.Bytes; len(rest) > 0; {
		var raw asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &raw); err != nil {
			return nil, say.Errorf("CMS certificates: %v", err)
		}
		c, err := parseCertificate(raw.FullBytes)
		if err != nil {
			return nil, say.Errorf("CMS certificates: %v", err)
		}
		certs = append(certs, c)
	}
	si := sd.Signers[0]
	var id issuerSerial
	if _, err := asn1.Unmarshal(si.SID.FullBytes, &id); err != nil {
		return nil, say.New("the signer is not named by issuer and serial number")
	}
	p := &parsed{certs: certs, sigAlg: si.SigAlg.Algorithm, digestAlg: si.Digest.Algorithm, signature: si.Signature}
	for _, c := range certs {
		if bytes.Equal(c.RawIssuer, id.Issuer.FullBytes) && c.SerialNumber.Cmp(id.Serial) == 0 {
			p.cert = c
		}
	}
	if p.cert == nil {
		return nil, say.New("the signer's certificate is not in the signature")
	}
	if len(si.SignedAttrs.FullBytes) == 0 {
		return nil, say.New("the signature has no signed attributes")
	}
	p.signed = append([]byte{0x31}, si.SignedAttrs.FullBytes[1:]...)
	for rest := si.SignedAttrs.Bytes; len(rest) > 0; {
		var a attr
		var err error
		if rest, err = asn1.Unmarshal(rest, &a); err != nil {
			return nil, say.Errorf("signed attributes: %v", err)
		}
		switch {
		case a.Type.Equal(oidMessageDigest):
			if _, err := asn1.Unmarshal(a.Values.Bytes, &p.digest); err != nil {
				return nil, say.Errorf("message-digest attribute: %v", err)
			}
		case a.Type.Equal(oidSigningTime):
			p.time = a.Values.Bytes
		case a.Type.Equal(oidSigningCertV2):
			var ess struct {
				Certs []asn1.RawValue
			}
			if _, err := asn1.Unmarshal(a.Values.Bytes, &ess); err == nil && len(ess.Certs) > 0 {
				p.certHash = essHash(ess.Certs[0].FullBytes)
			}
		}
	}
	if p.digest == nil {
		return nil, say.New("the signature has no message-digest attribute")
	}
	return p, nil
}

// essHash is the certHash of an ESSCertIDv2 (RFC 5035), whose hash
// algorithm is SHA-256 when it is left out; nil for any other algorithm.
func essHash(b []byte) []byte {
	var withAlg struct {
		Alg  algorithmID
		Hash []byte
		Rest asn1.RawContent
	}
	var plain struct {
		Hash []byte
		Rest asn1.RawContent
	}
	if _, err := asn1.Unmarshal(b, &plain); err == nil {
		return plain.Hash
	}
	if _, err := asn1.Unmarshal(b, &withAlg); err == nil && withAlg.Alg.Algorithm.Equal(oidSHA256) {
		return withAlg.Hash
	}
	return nil
}
