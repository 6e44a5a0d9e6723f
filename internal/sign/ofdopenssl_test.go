package sign

// The OFD seal's cryptography checked by OpenSSL 3 (Debian's openssl), an
// implementation of SM2 and SM3 nobody here wrote: the SM3 digest of each
// part a Signature.xml references, the SM2 value over TBS_Sign with the
// signer certificate's key and the seal's over SES_SealInfo, its
// certificate and algorithm with the maker's, both with the default user
// ID (distid) 1234567812345678; and a changed byte fails each.

import (
	"bytes"
	"crypto/x509"
	"encoding/asn1"
	"encoding/base64"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/ofdcheck"
)

// openssl runs openssl with args, failing the test when it cannot run.
func openssl(t *testing.T, args ...string) (string, error) {
	t.Helper()
	out, err := exec.Command("openssl", args...).CombinedOutput()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("openssl: %v: run `make test`, which installs Debian's openssl", err)
	}
	return string(out), err
}

// sm2Verified says whether OpenSSL finds sig the SM2 signature over msg of
// the key in the DER certificate cert.
func sm2Verified(t *testing.T, cert, msg, sig []byte) bool {
	t.Helper()
	dir := t.TempDir()
	path := func(n string) string { return filepath.Join(dir, n) }
	for n, b := range map[string][]byte{"cert.der": cert, "msg": msg, "sig": sig} {
		if err := os.WriteFile(path(n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := openssl(t, "x509", "-inform", "DER", "-in", path("cert.der"), "-pubkey", "-noout", "-out", path("pub.pem")); err != nil {
		t.Fatalf("openssl x509: %s", out)
	}
	out, err := openssl(t, "dgst", "-sm3", "-verify", path("pub.pem"), "-sigopt", "distid:1234567812345678", "-signature", path("sig"), path("msg"))
	t.Logf("openssl dgst -sm3 -verify: %s", strings.TrimSpace(out))
	return err == nil && strings.Contains(out, "Verified OK")
}

func TestOpenSSLVerifiesTheSeal(t *testing.T) {
	key, cert, _ := sm2Cert(t, "示例县人民政府")
	makerKey, makerCert, _ := sm2Cert(t, "示例省印章管理中心")
	signed, err := OFD(builtOFD(t, "file"), OFDOptions{Options: Options{Key: key, Chain: []*x509.Certificate{cert}, Time: signedAt}, SealKey: makerKey, SealCert: makerCert})
	if err != nil {
		t.Fatal(err)
	}
	pkg := read(t, signed)
	s := pkg.Signatures[0]

	// The digests, with openssl dgst -sm3.
	dir := t.TempDir()
	for _, name := range s.References {
		f := filepath.Join(dir, "part")
		os.WriteFile(f, pkg.Files[name], 0o644)
		out, err := openssl(t, "dgst", "-sm3", "-binary", f)
		if err != nil {
			t.Fatalf("openssl dgst: %s", out)
		}
		if want := checkValue(t, pkg, s.File, name); !bytes.Equal([]byte(out), want) {
			t.Errorf("%s: OpenSSL's SM3 is not its CheckValue", name)
		}
	}

	// The two SM2 values, over what each signs.
	var ses struct {
		ToSign         asn1.RawValue
		Cert           []byte
		SignatureAlgID asn1.ObjectIdentifier
		Signature      asn1.BitString
	}
	var tbs struct {
		Version int
		ESeal   asn1.RawValue
	}
	var seal struct {
		Info      asn1.RawValue
		Cert      asn1.RawValue
		AlgID     asn1.RawValue
		Signature asn1.BitString
	}
	value := pkg.Files["Doc_0/Signs/Sign_0/SignedValue.dat"]
	if _, err := asn1.Unmarshal(value, &ses); err != nil {
		t.Fatal(err)
	}
	if _, err := asn1.Unmarshal(ses.ToSign.FullBytes, &tbs); err != nil {
		t.Fatal(err)
	}
	if _, err := asn1.Unmarshal(tbs.ESeal.FullBytes, &seal); err != nil {
		t.Fatal(err)
	}
	sealSigned, _ := asn1.Marshal(asn1.RawValue{Tag: asn1.TagSequence, IsCompound: true,
		Bytes: append(append(append([]byte(nil), seal.Info.FullBytes...), seal.Cert.FullBytes...), seal.AlgID.FullBytes...)})
	var makerDER []byte
	asn1.Unmarshal(seal.Cert.FullBytes, &makerDER)
	flip := func(b []byte) []byte {
		c := append([]byte(nil), b...)
		c[len(c)/2] ^= 1
		return c
	}
	for _, c := range []struct {
		what           string
		cert, msg, sig []byte
		ok             bool
	}{
		{"the signature over TBS_Sign", ses.Cert, ses.ToSign.FullBytes, ses.Signature.Bytes, true},
		{"the seal's signature", makerDER, sealSigned, seal.Signature.Bytes, true},
		{"TBS_Sign changed", ses.Cert, flip(ses.ToSign.FullBytes), ses.Signature.Bytes, false},
		{"the seal's information changed", makerDER, flip(sealSigned), seal.Signature.Bytes, false},
		{"the seal checked with the signer's key", ses.Cert, sealSigned, seal.Signature.Bytes, false},
	} {
		if got := sm2Verified(t, c.cert, c.msg, c.sig); got != c.ok {
			t.Errorf("%s: OpenSSL verified %v, want %v", c.what, got, c.ok)
		}
	}
}

// checkValue is the CheckValue a Signature.xml gives a part.
func checkValue(t *testing.T, pkg *ofdcheck.Package, sigFile, part string) []byte {
	t.Helper()
	x := string(pkg.Files[sigFile])
	i := strings.Index(x, `FileRef="/`+part+`"><ofd:CheckValue>`)
	if i < 0 {
		t.Fatalf("%s has no Reference to %s", sigFile, part)
	}
	x = x[i+len(`FileRef="/`+part+`"><ofd:CheckValue>`):]
	b, err := base64.StdEncoding.DecodeString(x[:strings.Index(x, "<")])
	if err != nil {
		t.Fatal(err)
	}
	return b
}
