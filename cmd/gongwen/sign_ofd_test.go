package main

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tjfoc/gmsm/sm2"
	gmx509 "github.com/tjfoc/gmsm/x509"
)

// sm2Files writes a throwaway SM2 key and a self-signed certificate for
// it (made with tjfoc/gmsm) as PEM files in the current folder.
func sm2Files(t *testing.T, key, cert, name string) {
	t.Helper()
	k, err := sm2.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &gmx509.Certificate{SerialNumber: big.NewInt(5), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := gmx509.CreateCertificate(tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		t.Fatal(err)
	}
	keyPEM, err := gmx509.WritePrivateKeyToPem(k, nil)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(key, keyPEM, 0o600)
	os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
}

// rezipChanged is a package with one byte of a part changed, written by
// archive/zip (not as gongwen writes it).
func rezipChanged(t *testing.T, pkg []byte, part string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == part {
			b[len(b)/2] ^= 1
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	return out.Bytes()
}

// TestSignOFDAndVerify: gongwen sign puts an electronic seal on an OFD
// gongwen built, never changing it; gongwen verify says the seal is intact
// and the package as built is a rebuild's, and says it is broken, exit 1,
// after a page changed.
func TestSignOFDAndVerify(t *testing.T) {
	seal, err := os.ReadFile("../../data/seals/seal-1.png")
	if err != nil {
		t.Fatal(err)
	}
	fontsDir := newProject(t)
	os.WriteFile("data/seal.png", seal, 0o644)
	d, _ := os.ReadFile("data/doc.toml")
	os.WriteFile("data/doc.toml", append([]byte("seal = \"seal.png\"\n"), d...), 0o644)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "--fonts", fontsDir, "-o", "doc.ofd", "data/doc.toml"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build: exit %d: %s", code, stderr.String())
	}
	built, _ := os.ReadFile("doc.ofd")
	// The same letter with its seal stamped on paper.
	os.WriteFile("data/paper.toml", append([]byte("seal = \"paper\"\n"), d...), 0o644)
	if code := run([]string{"build", "--fonts", fontsDir, "-o", "paper.ofd", "data/paper.toml"}, &stdout, &stderr); code != exitOK {
		t.Fatalf("build: exit %d: %s", code, stderr.String())
	}
	sm2Files(t, "k.pem", "c.pem", "测试签章人")
	sm2Files(t, "mk.pem", "mc.pem", "测试印章管理中心")
	t.Setenv("SOURCE_DATE_EPOCH", "1796544000") // 2026-12-06 08:00 UTC
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"sign", "--key", "k.pem", "--cert", "c.pem", "-o", "signed.ofd", "doc.ofd"}, exitOK, "doc.ofd → signed.ofd (signed by 测试签章人)"},
		{[]string{"verify", "--fonts", fontsDir, "signed.ofd"}, exitOK, "signed.ofd: signature 1: 测试签章人, 2026-12-06 08:00:00 UTC, SM2 with SM3: intact, the signed bytes are unchanged (the certificate's trust is not checked)"},
		{[]string{"verify", "--fonts", fontsDir, "signed.ofd"}, exitOK, "signed.ofd: identical to a rebuild from data/doc.toml"},
		{[]string{"sign", "--key", "k.pem", "--cert", "c.pem", "--seal-key", "mk.pem", "--seal-cert", "mc.pem", "-o", "made.ofd", "doc.ofd"}, exitOK, "doc.ofd → made.ofd (signed by 测试签章人)"},
		{[]string{"verify", "--fonts", fontsDir, "made.ofd"}, exitOK, "made.ofd: signature 1: 测试签章人, seal made by 测试印章管理中心, 2026-12-06 08:00:00 UTC, SM2 with SM3: intact, the signed bytes are unchanged (the certificate's trust is not checked)"},
		{[]string{"sign", "--key", "k.pem", "--cert", "c.pem", "--seal-key", "mk.pem", "--seal-cert", "c.pem", "-o", "twice.ofd", "doc.ofd"}, exitInput, "c.pem: the certificate (测试签章人) is not the private key's: its public key differs"},
		{[]string{"sign", "--key", "k.pem", "--cert", "c.pem", "-o", "twice.ofd", "signed.ofd"}, exitInput, "signed.ofd: cannot sign: each of its 1 seals is signed already"},
		{[]string{"sign", "--key", "k.pem", "--cert", "c.pem", "--at", "2", "-o", "twice.ofd", "doc.ofd"}, exitInput, "doc.ofd: cannot sign: it has 1 seals, so no seal 2 to sign at"},
		{[]string{"sign", "--key", "k.pem", "--cert", "c.pem", "--seal", "data/seal.png", "-o", "twice.ofd", "doc.ofd"}, exitInput, "doc.ofd: cannot sign: page 1 draws seal 1 already, and the signature goes on it without a picture: the seal picture (--seal) is for a document built with seal = \"paper\" or without a seal; sign without --seal"},
		{[]string{"sign", "--key", "k.pem", "--cert", "c.pem", "-o", "twice.ofd", "paper.ofd"}, exitInput, "paper.ofd: cannot sign: page 1 draws no seal 1 (seal = \"paper\", or none): give the electronic seal's picture (--seal SEAL.png), which the stamp annotation shows there"},
		{[]string{"sign", "--key", "k.pem", "--cert", "c.pem", "--seal", "data/seal.png", "-o", "paper-signed.ofd", "paper.ofd"}, exitOK, "paper.ofd → paper-signed.ofd (signed by 测试签章人)"},
		{[]string{"verify", "--fonts", fontsDir, "paper-signed.ofd"}, exitOK, "paper-signed.ofd: signature 1: 测试签章人, 2026-12-06 08:00:00 UTC, SM2 with SM3: intact, the signed bytes are unchanged (the certificate's trust is not checked)"},
		{[]string{"verify", "--fonts", fontsDir, "paper-signed.ofd"}, exitOK, "paper-signed.ofd: identical to a rebuild from data/paper.toml"},
	} {
		stdout.Reset()
		stderr.Reset()
		code := run(c.args, &stdout, &stderr)
		if out := stdout.String() + stderr.String(); code != c.code || !hasLine(out, c.want) {
			t.Errorf("%v: exit %d, printed\n%s\nwant exit %d and a line %q", c.args, code, out, c.code, c.want)
		}
	}
	if b, _ := os.ReadFile("doc.ofd"); !bytes.Equal(b, built) {
		t.Error("signing changed the OFD it signed")
	}
	if _, err := os.Stat("twice.ofd"); err == nil {
		t.Error("a refused signing wrote its output")
	}

	// A changed page: the seal is broken, and the package differs.
	signed, _ := os.ReadFile("signed.ofd")
	os.WriteFile("changed.ofd", rezipChanged(t, signed, "Doc_0/Pages/Page_0/Content.xml"), 0o644)
	stdout.Reset()
	code := run([]string{"verify", "--fonts", fontsDir, "changed.ofd"}, &stdout, &stderr)
	want := "changed.ofd: signature 1: 测试签章人, 2026-12-06 08:00:00 UTC, SM2 with SM3: BROKEN: Doc_0/Pages/Page_0/Content.xml changed: its SM3 digest is not the one signed"
	if code != exitInput || !hasLine(stdout.String(), want) || !strings.Contains(stdout.String(), "changed.ofd: differs from a rebuild") {
		t.Errorf("a changed page: exit %d, printed\n%s\nwant exit 1 and %q", code, stdout.String(), want)
	}

	// In Chinese.
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	stdout.Reset()
	run([]string{"verify", "--fonts", fontsDir, "changed.ofd"}, &stdout, &stderr)
	if !strings.Contains(stdout.String(), "SM3 杂凑值不是签名时的值") {
		t.Errorf("in Chinese:\n%s", stdout.String())
	}
}
