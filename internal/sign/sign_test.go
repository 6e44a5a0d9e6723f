package sign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tjfoc/gmsm/sm2"
	gmx509 "github.com/tjfoc/gmsm/x509"
	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"gongwen/internal/archive"
	"gongwen/internal/build"
)

var (
	builtOnce sync.Once
	builtPDF  []byte
	builtErr  error
)

// built is the sample file's PDF, built once for the package's tests.
func built(t *testing.T) []byte {
	t.Helper()
	if buildOnce(); builtErr != nil {
		t.Fatal(builtErr)
	}
	return builtPDF
}

func buildOnce() {
	builtOnce.Do(func() {
		j, err := build.Prepare("../../data/sample-file.toml", build.Options{})
		if err != nil {
			builtErr = err
			return
		}
		builtPDF, builtErr = j.Render(build.Options{})
	})
}

// certFor is a self-signed certificate for key, made now.
func certFor(t *testing.T, key crypto.Signer, name string, serial int64) *x509.Certificate {
	t.Helper()
	c, err := selfSigned(key, name, serial)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func selfSigned(key crypto.Signer, name string, serial int64) (*x509.Certificate, error) {
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(serial),
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(der)
}

func ecKey(t *testing.T, curve elliptic.Curve) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(curve, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// sm2Cert is a throwaway SM2 key and a self-signed certificate for it
// (SM2 with SM3), made with tjfoc/gmsm, read back as crypto/x509's type.
func sm2Cert(t *testing.T, name string) (*sm2.PrivateKey, *x509.Certificate, []byte) {
	t.Helper()
	key, err := sm2.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &gmx509.Certificate{
		SerialNumber: big.NewInt(9),
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
	}
	der, err := gmx509.CreateCertificate(tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := parseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return key, c, der
}

func TestSignaturesReadBackWhatWasSigned(t *testing.T) {
	pdf := built(t)
	sm2Key, sm2Certificate, _ := sm2Cert(t, "SM2 签名人")
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ec := ecKey(t, elliptic.P256())
	when := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		key  crypto.Signer
		cert *x509.Certificate
		name string
		alg  string
	}{
		{rsaKey, certFor(t, rsaKey, "RSA 签名人", 7), "RSA 签名人", "RSA 2048 bits with SHA-256"},
		{ec, certFor(t, ec, "ECDSA 签名人", 7), "ECDSA 签名人", "ECDSA P-256 with SHA-256"},
		{sm2Key, sm2Certificate, "SM2 签名人", "SM2 with SM3"},
	} {
		t.Run(c.alg, func(t *testing.T) {
			signed, err := PDF(pdf, Options{Key: c.key, Chain: []*x509.Certificate{c.cert}, Time: when})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(signed, pdf) {
				t.Fatal("the built PDF is not a prefix of the signed one")
			}
			if got := archive.FirstRevision(signed); !bytes.Equal(got, pdf) {
				t.Errorf("FirstRevision of the signed PDF is %d bytes, the built PDF %d", len(got), len(pdf))
			}
			sigs, unsigned := Signatures(signed)
			if len(sigs) != 1 || unsigned != 0 {
				t.Fatalf("Signatures: %+v, %d bytes unsigned; want one covering the file", sigs, unsigned)
			}
			s := sigs[0]
			if !s.Intact || s.Signer != c.name || s.Algorithm.String() != c.alg || s.Time != "2026-12-06 08:00:00 UTC" || s.End != len(signed) {
				t.Errorf("Signatures: %+v", s)
			}

			// Every kind of change is caught.
			changes := []struct {
				what    string
				change  func([]byte) []byte
				problem string
				tail    bool // bytes follow the signature
			}{
				{"a byte of the built PDF", func(b []byte) []byte { b[len(pdf)/2] ^= 1; return b }, "the signed bytes changed", false},
				{"a byte of the update", func(b []byte) []byte { b[len(b)-30] ^= 1; return b }, "the signed bytes changed", false},
				{"bytes appended", func(b []byte) []byte { return append(b, "1 0 obj\n<<>>\nendobj\n"...) }, "", true},
				{"the file cut", func(b []byte) []byte { return b[:len(b)-10] }, "does not fit", false},
			}
			for _, ch := range changes {
				b := ch.change(append([]byte(nil), signed...))
				sigs, unsigned := Signatures(b)
				if len(sigs) != 1 {
					t.Fatalf("%s: %d signatures", ch.what, len(sigs))
				}
				switch {
				case ch.tail && (!sigs[0].Intact || unsigned == 0):
					t.Errorf("%s: %+v, %d bytes unsigned; want an intact signature and the appended bytes unsigned", ch.what, sigs[0], unsigned)
				case !ch.tail && (sigs[0].Intact || !strings.Contains(sigs[0].Reason.String(), ch.problem)):
					t.Errorf("%s: %+v; want broken: %s", ch.what, sigs[0], ch.problem)
				}
			}
		})
	}
}

func TestSigningRefuses(t *testing.T) {
	pdf := built(t)
	ec := ecKey(t, elliptic.P256())
	cert := certFor(t, ec, "signer", 1)
	signed, err := PDF(pdf, Options{Key: ec, Chain: []*x509.Certificate{cert}})
	if err != nil {
		t.Fatal(err)
	}
	broken := append([]byte(nil), signed...)
	broken[len(pdf)/2] ^= 1
	// A chain of many certificates: more than a PDF/A-1 string holds.
	var long []*x509.Certificate
	long = append(long, cert)
	for i := 0; len(long) < 200; i++ {
		long = append(long, certFor(t, ec, strings.Repeat("issuer ", 20), int64(i+2)))
	}
	cases := []struct {
		what string
		pdf  []byte
		opt  Options
		want string
	}{
		{"a signed PDF changed since", broken, Options{Key: ec, Chain: []*x509.Certificate{cert}}, "signature 1 is broken"},
		{"not a PDF", []byte("PK\x03\x04"), Options{Key: ec, Chain: []*x509.Certificate{cert}}, "not a PDF"},
		{"a PDF cut short", pdf[:len(pdf)-100], Options{Key: ec, Chain: []*x509.Certificate{cert}}, "cut short"},
		{"a chain too long for PDF/A-1", pdf, Options{Key: ec, Chain: long}, "PDF/A-1 string"},
		{"no certificate", pdf, Options{Key: ec}, "no key or certificate"},
	}
	for _, c := range cases {
		out, err := PDF(c.pdf, c.opt)
		if err == nil || !strings.Contains(err.Error(), c.want) || out != nil {
			t.Errorf("%s: %v; want an error saying %q", c.what, err, c.want)
		}
	}
}

func TestKeysRefused(t *testing.T) {
	small, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	p384 := ecKey(t, elliptic.P384())
	p256 := ecKey(t, elliptic.P256())
	pkcs8 := func(k any) []byte {
		b, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			t.Fatal(err)
		}
		return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: b})
	}
	sec1, _ := x509.MarshalECPrivateKey(p256)
	cases := []struct {
		what string
		pem  []byte
		want string // "" for accepted
	}{
		{"RSA 1024", pkcs8(small), "at least 2048"},
		{"ECDSA P-384", pkcs8(p384), "only P-256"},
		{"encrypted", pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: []byte{1}}), "encrypted"},
		{"a certificate", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: []byte{1}}), "no private key"},
		{"ECDSA P-256, PKCS #8", pkcs8(p256), ""},
		{"ECDSA P-256, SEC 1", pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: sec1}), ""},
	}
	for _, c := range cases {
		_, err := Key(c.pem)
		if (c.want == "") != (err == nil) || err != nil && !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v; want %q", c.what, err, c.want)
		}
	}
	sm2Key, sm2Certificate, sm2DER := sm2Cert(t, "SM2")
	sm2PEM, err := gmx509.WritePrivateKeyToPem(sm2Key, nil)
	if err != nil {
		t.Fatal(err)
	}
	if k, err := Key(sm2PEM); err != nil || Matches(k, sm2Certificate) != nil {
		t.Errorf("an SM2 key in PKCS #8 PEM: %v", err)
	}
	if cs, err := Certificates(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: sm2DER})); err != nil || len(cs) != 1 || cs[0].Subject.CommonName != "SM2" {
		t.Errorf("an SM2 certificate in PEM: %v", err)
	}
	if Matches(sm2Key, certFor(t, p256, "P-256", 4)) == nil {
		t.Error("an SM2 key matched a P-256 certificate")
	}
	other := ecKey(t, elliptic.P256())
	if err := Matches(p256, certFor(t, other, "someone else", 3)); err == nil {
		t.Error("a certificate of another key was accepted")
	}
	if err := Matches(p256, certFor(t, p256, "signer", 3)); err != nil {
		t.Errorf("the key's own certificate: %v", err)
	}
}

func TestPKCS12(t *testing.T) {
	key := ecKey(t, elliptic.P256())
	cert := certFor(t, key, "p12 signer", 5)
	issuer := certFor(t, ecKey(t, elliptic.P256()), "issuer", 6)
	p12, err := pkcs12.Modern.Encode(key, cert, []*x509.Certificate{issuer}, "口令 1")
	if err != nil {
		t.Fatal(err)
	}
	got, chain, err := PKCS12(p12, "口令 1")
	if err != nil {
		t.Fatal(err)
	}
	if !key.Equal(got) || len(chain) != 2 || !chain[0].Equal(cert) || !chain[1].Equal(issuer) {
		t.Errorf("PKCS12: key %v, chain of %d", key.Equal(got), len(chain))
	}
	for _, c := range []struct {
		what, password string
		data           []byte
		want           string
	}{
		{"a wrong password", "口令 2", p12, "password is not"},
		{"not a PKCS #12 file", "口令 1", []byte("not one"), "not a PKCS #12 file"},
	} {
		if _, _, err := PKCS12(c.data, c.password); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v; want %q", c.what, err, c.want)
		}
	}
}

func TestChainIsIncluded(t *testing.T) {
	pdf := built(t)
	caKey := ecKey(t, elliptic.P256())
	ca := certFor(t, caKey, "root", 1)
	leafKey := ecKey(t, elliptic.P256())
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "leaf"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, leafKey.Public(), caKey)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	signed, err := PDF(pdf, Options{Key: leafKey, Chain: []*x509.Certificate{leaf, ca}})
	if err != nil {
		t.Fatal(err)
	}
	sigs, _ := Signatures(signed)
	if len(sigs) != 1 || !sigs[0].Intact || sigs[0].Signer != "leaf" {
		t.Fatalf("Signatures: %+v", sigs)
	}
	m := byteRangeRe.FindSubmatch(signed)
	from, _ := strconv.Atoi(string(m[2]))
	to, _ := strconv.Atoi(string(m[3]))
	cms, err := hex.DecodeString(string(signed[from+1 : to-1]))
	if err != nil {
		t.Fatal(err)
	}
	p, err := parseCMS(cms)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.certs) != 2 || !p.certs[0].Equal(leaf) || !p.certs[1].Equal(ca) || !p.cert.Equal(leaf) {
		t.Errorf("the CMS holds %d certificates, signer %s; want the leaf and the root, signed by the leaf", len(p.certs), p.cert.Subject.CommonName)
	}
}

func TestForeignUpdates(t *testing.T) {
	built := "%PDF-1.4\n1 0 obj\n<<>>\nendobj\nxref\n0 1\ntrailer\n<<>>\nstartxref\n20\n%%EOF\n"
	update := "1 0 obj\n<</Changed true>>\nendobj\nxref\n1 1\ntrailer\n<</Prev 20>>\nstartxref\n70\n%%EOF\n"
	signature := "2 0 obj\n<</Type /Sig>>\nendobj\nxref\n2 1\ntrailer\n<</Prev 70>>\nstartxref\n140\n%%EOF\n"
	for _, c := range []struct {
		what string
		pdf  string
		sigs []int // where the signatures end
		want []int
	}{
		{"signed as built", built + signature, []int{len(built + signature)}, nil},
		{"signed twice", built + signature + signature, []int{len(built + signature), len(built + signature + signature)}, nil},
		{"changed, then signed", built + update + signature, []int{len(built + update + signature)}, []int{len(built + update)}},
		{"signed, then changed", built + signature + update, []int{len(built + signature)}, nil}, // Signatures' unsigned bytes
	} {
		var sigs []Signature
		for _, end := range c.sigs {
			sigs = append(sigs, Signature{End: end})
		}
		if got := ForeignUpdates([]byte(c.pdf), sigs); fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%s: %v, want %v", c.what, got, c.want)
		}
	}
}
