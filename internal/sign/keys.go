package sign

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"

	"gongwen/internal/say"

	"github.com/tjfoc/gmsm/sm2"
	gmx509 "github.com/tjfoc/gmsm/x509"
	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

// Key reads a private key in PEM: PKCS #8 ("PRIVATE KEY"), PKCS #1
// ("RSA PRIVATE KEY") or SEC 1 ("EC PRIVATE KEY"), RSA of at least 2048
// bits, ECDSA on P-256 or SM2 (read with tjfoc/gmsm). An encrypted key is
// refused (decrypt it first, or use a PKCS #12 file).
func Key(pemBytes []byte) (crypto.Signer, error) {
	for rest := pemBytes; ; {
		var blk *pem.Block
		blk, rest = pem.Decode(rest)
		if blk == nil {
			return nil, say.New("no private key in it (a PEM block BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)")
		}
		var k any
		var err error
		switch blk.Type {
		case "PRIVATE KEY":
			k, err = x509.ParsePKCS8PrivateKey(blk.Bytes)
			if err != nil { // an SM2 key, on a curve crypto/x509 does not know
				if sm2Key, e := gmx509.ParsePKCS8UnecryptedPrivateKey(blk.Bytes); e == nil {
					k, err = sm2Key, nil
				}
			}
		case "RSA PRIVATE KEY":
			k, err = x509.ParsePKCS1PrivateKey(blk.Bytes)
		case "EC PRIVATE KEY":
			k, err = x509.ParseECPrivateKey(blk.Bytes)
			if err != nil {
				if sm2Key, e := gmx509.ParseSm2PrivateKey(blk.Bytes); e == nil {
					k, err = sm2Key, nil
				}
			}
		case "ENCRYPTED PRIVATE KEY":
			return nil, say.New("the private key is encrypted: decrypt it first (`openssl pkey -in KEY.pem -out PLAIN.pem`)")
		default:
			continue
		}
		if err != nil {
			return nil, say.Errorf("the private key cannot be read: %v", err)
		}
		return checkKey(k)
	}
}

// checkKey accepts the keys a PAdES signature here is made with.
func checkKey(k any) (crypto.Signer, error) {
	switch k := k.(type) {
	case *rsa.PrivateKey:
		if k.N.BitLen() < 2048 {
			return nil, say.Errorf("the RSA key has %d bits; use one of at least 2048", k.N.BitLen())
		}
		return k, nil
	case *ecdsa.PrivateKey:
		if k.Curve != elliptic.P256() {
			return nil, say.Errorf("the ECDSA key is on %s; only P-256 keys sign here", k.Curve.Params().Name)
		}
		return k, nil
	case *sm2.PrivateKey:
		return k, nil
	}
	return nil, say.Errorf("a %T key cannot sign here: use an RSA, ECDSA P-256 or SM2 key", k)
}

// Certificates reads every certificate in PEM.
func Certificates(pemBytes []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	for rest := pemBytes; ; {
		var blk *pem.Block
		blk, rest = pem.Decode(rest)
		if blk == nil {
			break
		}
		if blk.Type != "CERTIFICATE" {
			continue
		}
		c, err := parseCertificate(blk.Bytes)
		if err != nil {
			return nil, say.Errorf("certificate %d cannot be read: %v", len(certs)+1, err)
		}
		certs = append(certs, c)
	}
	if len(certs) == 0 {
		return nil, say.New("no certificate in it (a PEM block BEGIN CERTIFICATE)")
	}
	return certs, nil
}

// parseCertificate reads a certificate with crypto/x509, or, failing
// that, as one of an SM2 key (whose curve crypto/x509 does not know) with
// tjfoc/gmsm's x509, given as crypto/x509's type with an *sm2.PublicKey.
func parseCertificate(der []byte) (*x509.Certificate, error) {
	c, err := x509.ParseCertificate(der)
	if err == nil {
		return c, nil
	}
	if gm, e := gmx509.ParseCertificate(der); e == nil {
		// gmsm gives the key as ECDSA's on the SM2 curve; its point is
		// read again as an SM2 key (ecdsa.PublicKey's X and Y are
		// deprecated since Go 1.26).
		if k, ok := gm.PublicKey.(*ecdsa.PublicKey); ok && k.Curve == sm2.P256Sm2() {
			if pub, e := gmx509.ParseSm2PublicKey(gm.RawSubjectPublicKeyInfo); e == nil && pub.X != nil {
				c := gm.ToX509Certificate()
				c.PublicKey = pub
				return c, nil
			}
		}
	}
	return nil, err
}

// Matches refuses a certificate whose public key is not key's.
func Matches(key crypto.Signer, cert *x509.Certificate) error {
	if k, ok := key.(*sm2.PrivateKey); ok {
		if p, ok := cert.PublicKey.(*sm2.PublicKey); ok && p.X.Cmp(k.X) == 0 && p.Y.Cmp(k.Y) == 0 {
			return nil
		}
		return say.Errorf("the certificate (%s) is not the private key's: its public key differs", cert.Subject.CommonName)
	}
	pub, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(cert.PublicKey) {
		return say.Errorf("the certificate (%s) is not the private key's: its public key differs", cert.Subject.CommonName)
	}
	return nil
}

// PKCS12 reads a key and its certificates from a PKCS #12 file (.p12,
// .pfx) with its password: the key, its certificate first, then the
// others the file holds. Files OpenSSL 3 writes (PBES2, AES-256, PBKDF2)
// and older ones (3DES, RC2) are read, by software.sslmate.com/src/go-pkcs12.
func PKCS12(data []byte, password string) (crypto.Signer, []*x509.Certificate, error) {
	k, cert, cas, err := pkcs12.DecodeChain(data, password)
	if errors.Is(err, pkcs12.ErrIncorrectPassword) {
		return nil, nil, say.New("the password is not this PKCS #12 file's")
	}
	if err != nil {
		return nil, nil, say.Errorf("not a PKCS #12 file with one key and its certificate: %v", err)
	}
	key, err := checkKey(k)
	if err != nil {
		return nil, nil, err
	}
	if err := Matches(key, cert); err != nil {
		return nil, nil, err
	}
	return key, append([]*x509.Certificate{cert}, cas...), nil
}
