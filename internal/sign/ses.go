package sign

import (
	"bytes"
	"crypto/rand"
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"time"

	"gongwen/internal/say"

	"github.com/tjfoc/gmsm/sm2"
)

// The electronic seal and signature of GB/T 38540-2020 (信息安全技术 安全
// 电子签章密码技术规范), version 4 of its structures, in DER:
//
//	SES_Signature ::= SEQUENCE {
//	  toSign         TBS_Sign,
//	  cert           OCTET STRING,       -- the signer's certificate
//	  signatureAlgID OBJECT IDENTIFIER,  -- 1.2.156.10197.1.501, SM2 with SM3
//	  signature      BIT STRING,         -- over toSign's DER
//	  timeStamp      [0] EXPLICIT BIT STRING OPTIONAL }
//	TBS_Sign ::= SEQUENCE {
//	  version      INTEGER (4),
//	  eseal        SESeal,
//	  timeInfo     GeneralizedTime,
//	  dataHash     BIT STRING,           -- SM3 of the signed document (Signature.xml)
//	  propertyInfo IA5String,
//	  extDatas     ... OPTIONAL }
//	SESeal ::= SEQUENCE {
//	  esealInfo   SES_SealInfo,
//	  cert        OCTET STRING,          -- the seal maker's certificate
//	  signAlgID   OBJECT IDENTIFIER,
//	  signedValue BIT STRING }           -- over SEQUENCE {esealInfo, cert, signAlgID}
//	SES_SealInfo ::= SEQUENCE {
//	  header   SES_Header,               -- SEQUENCE {ID IA5String "ES", version INTEGER 4, Vid IA5String}
//	  esID     IA5String,
//	  property SES_ESPropertyInfo,
//	  picture  SES_ESPictrueInfo,
//	  extDatas ... OPTIONAL }
//	SES_ESPropertyInfo ::= SEQUENCE {
//	  type INTEGER, name UTF8String, certListType INTEGER (1: certificates),
//	  certList SEQUENCE OF OCTET STRING,
//	  createDate, validStart, validEnd GeneralizedTime }
//	SES_ESPictrueInfo ::= SEQUENCE {
//	  type IA5String, data OCTET STRING, width INTEGER, height INTEGER }  -- mm
//
// SM2 signs with SM3 over Z of the default user ID 1234567812345678 (GM/T
// 0009), which is what readers (ofd.js among them) verify with.

// sesVersion is the version of the structures written (GB/T 38540-2020).
const sesVersion = 4

// sealInfo is what the electronic seal says of itself.
type sealInfo struct {
	ID       string // esID
	Name     string
	Picture  []byte
	Format   string // "PNG", "JPG"
	W, H     int    // mm
	Created  time.Time
	From, To time.Time // its validity
}

// tagged encodes v with asn1 parameters (a string's type, a time's form).
func tagged(v any, params string) []byte {
	b, err := asn1.MarshalWithParams(v, params)
	if err != nil {
		panic(fmt.Sprintf("sign: encoding %T: %v", v, err))
	}
	return b
}

func bitString(b []byte) []byte {
	return der(asn1.BitString{Bytes: b, BitLength: 8 * len(b)})
}

func generalized(t time.Time) []byte { return tagged(t.UTC().Truncate(time.Second), "generalized") }

// sm2Sign signs msg with an SM2 key: the (r, s) pair in DER.
func sm2Sign(key *sm2.PrivateKey, msg []byte) ([]byte, error) {
	return key.Sign(rand.Reader, msg, nil)
}

// sesSeal is the DER of an SESeal: info, signed by the seal maker (key,
// whose certificate is maker).
func sesSeal(info sealInfo, key *sm2.PrivateKey, maker, signer *x509.Certificate) ([]byte, error) {
	property := sequence(
		der(1), // 单位印章, an organisation's seal
		tagged(info.Name, "utf8"),
		der(1), // the certificates themselves, not their digests
		sequence(der(signer.Raw)),
		generalized(info.Created), generalized(info.From), generalized(info.To),
	)
	picture := sequence(tagged(info.Format, "ia5"), der(info.Picture), der(info.W), der(info.H))
	header := sequence(tagged("ES", "ia5"), der(sesVersion), tagged("gongwen", "ia5"))
	esealInfo := sequence(header, tagged(info.ID, "ia5"), property, picture)
	signed := sequence(esealInfo, der(maker.Raw), der(oidSM2WithSM3))
	sig, err := sm2Sign(key, signed)
	if err != nil {
		return nil, say.Errorf("signing the seal: %v", err)
	}
	return sequence(esealInfo, der(maker.Raw), der(oidSM2WithSM3), bitString(sig)), nil
}

// sesSignature is the DER of an SES_Signature over a document whose SM3
// digest is hash, with seal, made at t by key (whose certificate is cert).
func sesSignature(seal, hash []byte, property string, t time.Time, key *sm2.PrivateKey, cert *x509.Certificate) ([]byte, error) {
	tbs := sequence(der(sesVersion), seal, generalized(t), bitString(hash), tagged(property, "ia5"))
	sig, err := sm2Sign(key, tbs)
	if err != nil {
		return nil, say.Errorf("signing: %v", err)
	}
	return sequence(tbs, der(cert.Raw), der(oidSM2WithSM3), bitString(sig)), nil
}

// parsedSES is an SES_Signature read back.
type parsedSES struct {
	tbs       []byte // TBS_Sign's DER, as signed
	version   int
	time      time.Time
	hash      []byte
	property  string
	cert      *x509.Certificate
	alg       asn1.ObjectIdentifier
	signature []byte
	seal      parsedSeal
}

type parsedSeal struct {
	signed    []byte // SEQUENCE {esealInfo, cert, signAlgID}, as the maker signs it
	name, id  string
	format    string
	picture   []byte
	certs     [][]byte // the property's certificate list
	maker     *x509.Certificate
	alg       asn1.ObjectIdentifier
	signature []byte
}

// elements reads a SEQUENCE's elements, each as a raw value.
func elements(b []byte, what string) ([]asn1.RawValue, error) {
	var seq asn1.RawValue
	rest, err := asn1.Unmarshal(b, &seq)
	if err != nil || len(rest) > 0 || seq.Tag != asn1.TagSequence || !seq.IsCompound {
		return nil, say.Errorf("its %s is not a DER SEQUENCE", what)
	}
	var out []asn1.RawValue
	for in := seq.Bytes; len(in) > 0; {
		var v asn1.RawValue
		if in, err = asn1.Unmarshal(in, &v); err != nil {
			return nil, say.Errorf("its %s cannot be read: %v", what, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// value decodes one raw element into v.
func value(r asn1.RawValue, v any, params, what string) error {
	if _, err := asn1.UnmarshalWithParams(r.FullBytes, v, params); err != nil {
		return say.Errorf("its %s cannot be read: %v", what, err)
	}
	return nil
}

// parseSES reads an SES_Signature of version 4.
func parseSES(b []byte) (*parsedSES, error) {
	top, err := elements(b, "SES_Signature")
	if err != nil {
		return nil, err
	}
	if len(top) < 4 {
		return nil, say.New("its SES_Signature has not the four parts of version 4 (GB/T 38540-2020)")
	}
	p := &parsedSES{tbs: top[0].FullBytes}
	tbs, err := elements(top[0].FullBytes, "TBS_Sign")
	if err != nil {
		return nil, err
	}
	if len(tbs) < 5 {
		return nil, say.New("its TBS_Sign has fewer than five parts")
	}
	var certDER []byte
	var sig asn1.BitString
	var hash asn1.BitString
	for _, e := range []error{
		value(tbs[0], &p.version, "", "version"),
		value(tbs[2], &p.time, "generalized", "timeInfo"),
		value(tbs[3], &hash, "", "dataHash"),
		value(tbs[4], &p.property, "ia5", "propertyInfo"),
		value(top[1], &certDER, "", "certificate"),
		value(top[2], &p.alg, "", "signatureAlgID"),
		value(top[3], &sig, "", "signature"),
	} {
		if e != nil {
			return nil, e
		}
	}
	if p.version != sesVersion {
		return nil, say.Errorf("its SES_Signature is of version %d; this gongwen reads version 4 (GB/T 38540-2020)", p.version)
	}
	p.hash, p.signature = hash.Bytes, sig.Bytes
	if p.cert, err = parseCertificate(certDER); err != nil {
		return nil, say.Errorf("its signer's certificate cannot be read: %v", err)
	}
	if p.seal, err = parseSeal(tbs[1].FullBytes); err != nil {
		return nil, err
	}
	return p, nil
}

// parseSeal reads an SESeal of version 4.
func parseSeal(b []byte) (parsedSeal, error) {
	var s parsedSeal
	top, err := elements(b, "SESeal")
	if err != nil {
		return s, err
	}
	if len(top) != 4 {
		return s, say.New("its SESeal has not the four parts of version 4")
	}
	s.signed = sequence(top[0].FullBytes, top[1].FullBytes, top[2].FullBytes)
	info, err := elements(top[0].FullBytes, "SES_SealInfo")
	if err != nil {
		return s, err
	}
	if len(info) < 4 {
		return s, say.New("its SES_SealInfo has fewer than four parts")
	}
	prop, err := elements(info[2].FullBytes, "SES_ESPropertyInfo")
	if err != nil {
		return s, err
	}
	pic, err := elements(info[3].FullBytes, "SES_ESPictrueInfo")
	if err != nil {
		return s, err
	}
	if len(prop) < 4 || len(pic) < 2 {
		return s, say.New("its seal's property or picture is incomplete")
	}
	var makerDER []byte
	var sig asn1.BitString
	var certs [][]byte
	for _, e := range []error{
		value(info[1], &s.id, "ia5", "esID"),
		value(prop[1], &s.name, "utf8", "seal's name"),
		value(prop[3], &certs, "", "seal's certificate list"),
		value(pic[0], &s.format, "ia5", "picture's type"),
		value(pic[1], &s.picture, "", "picture"),
		value(top[1], &makerDER, "", "seal maker's certificate"),
		value(top[2], &s.alg, "", "seal's signAlgID"),
		value(top[3], &sig, "", "seal's signedValue"),
	} {
		if e != nil {
			return s, e
		}
	}
	s.certs, s.signature = certs, sig.Bytes
	if s.maker, err = parseCertificate(makerDER); err != nil {
		return s, say.Errorf("its seal maker's certificate cannot be read: %v", err)
	}
	return s, nil
}

// checkSES checks an SES_Signature over a document whose SM3 digest is
// hash: the digest it signed, its SM2 value with its certificate's key,
// the seal's SM2 value with the maker's key, and that the seal lists the
// signer's certificate. It says in s.Reason why it fails.
func checkSES(s *Signature, p *parsedSES, hash []byte) bool {
	pub, isSM2 := p.cert.PublicKey.(*sm2.PublicKey)
	maker, makerSM2 := p.seal.maker.PublicKey.(*sm2.PublicKey)
	listed := false
	for _, c := range p.seal.certs {
		listed = listed || bytes.Equal(c, p.cert.Raw)
	}
	switch {
	case !p.alg.Equal(oidSM2WithSM3):
		s.Reason = say.Sprintf("its signature algorithm is %v, not SM2 with SM3 (%v)", p.alg, oidSM2WithSM3)
	case !bytes.Equal(p.hash, hash):
		s.Reason = say.Sprintf("Signature.xml changed: its SM3 digest is not the one signed")
	case !isSM2:
		s.Reason = say.Sprintf("its signer's certificate holds no SM2 key")
	case !pub.Verify(p.tbs, p.signature):
		s.Reason = say.Sprintf("the SM2 signature value is not the certificate's key's over what it signs")
	case !makerSM2 || !p.seal.alg.Equal(oidSM2WithSM3):
		s.Reason = say.Sprintf("its seal is not signed with SM2 and SM3")
	case !maker.Verify(p.seal.signed, p.seal.signature):
		s.Reason = say.Sprintf("its seal's SM2 signature value is not the seal maker's")
	case !listed:
		s.Reason = say.Sprintf("the seal does not list the signer's certificate")
	default:
		return true
	}
	return false
}
