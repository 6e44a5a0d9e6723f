package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSignRefuses: what gongwen sign refuses before it signs, with its
// exit status; the input is never changed and nothing is written.
func TestSignRefuses(t *testing.T) {
	dir := t.TempDir()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "t"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	cert, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	pkcs8, _ := x509.MarshalPKCS8PrivateKey(key)
	path := func(name string) string { return filepath.Join(dir, name) }
	os.WriteFile(path("k.pem"), pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}), 0o600)
	os.WriteFile(path("c.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert}), 0o644)
	pdf := []byte("%PDF-1.4\nnot one gongwen built\n%%EOF\n")
	os.WriteFile(path("in.pdf"), pdf, 0o644)
	os.WriteFile(path("in.ofd"), []byte("PK"), 0o644)
	keys := func(rest ...string) []string {
		return append([]string{"sign", "--key", path("k.pem"), "--cert", path("c.pem")}, rest...)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"sign", "--help"}, exitOK, "Usage: gongwen sign"},
		{[]string{"help", "sign"}, exitOK, "PAdES baseline-B"},
		{[]string{"help"}, exitOK, "gongwen sign --key KEY.pem --cert CERT.pem -o OUT FILE.pdf|FILE.ofd"},
		{[]string{"sign", "-o", path("out.pdf"), path("in.pdf")}, exitUsage, "give the private key (--key)"},
		{keys(path("in.pdf")), exitUsage, "give the signed PDF's name with -o"},
		{keys("-o", path("out.pdf")), exitUsage, "no PDF or OFD given"},
		{keys("--p12", path("c.pem"), "-o", path("out.pdf"), path("in.pdf")), exitUsage, "either --p12 or --key and --cert"},
		{keys("-o", path("in.pdf"), path("in.pdf")), exitInput, "in.pdf: is the PDF to sign; the signed PDF may never replace an input"},
		{keys("-o", path("c.pem"), path("in.pdf")), exitInput, "c.pem: is the certificate; the signed PDF may never replace an input"},
		{keys("-o", path("out.ofd"), path("in.ofd")), exitInput, "in.ofd: cannot sign: an OFD's electronic seal (GB/T 38540) is signed with an SM2 key"},
		{keys("--at", "-1", "-o", path("out.pdf"), path("in.pdf")), exitUsage, "--at -1: give a seal's number, from 1"},
		{keys("--seal-key", path("k.pem"), "-o", path("out.ofd"), path("in.ofd")), exitUsage, "give the seal maker's key (--seal-key) and its certificate (--seal-cert) together"},
		{keys("--seal-key", path("k.pem"), "--seal-cert", path("c.pem"), "-o", path("out.pdf"), path("in.pdf")), exitInput, "k.pem: a seal maker's key signs an OFD's electronic seal; a PDF has none"},
		{keys("-o", path("out.pdf"), path("in.pdf")), exitInput, "in.pdf: cannot sign: its end (startxref and %%EOF) is not where a PDF has it"},
		{[]string{"sign", "--key", path("c.pem"), "--cert", path("c.pem"), "-o", path("out.pdf"), path("in.pdf")}, exitInput, "c.pem: no private key in it"},
		{[]string{"sign", "--key", path("k.pem"), "--cert", path("k.pem"), "-o", path("out.pdf"), path("in.pdf")}, exitInput, "k.pem: no certificate in it"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(c.args, &stdout, &stderr)
		if code != c.code || !strings.Contains(stdout.String()+stderr.String(), c.want) {
			t.Errorf("%v: exit %d (want %d), output lacks %q:\n%s%s", c.args, code, c.code, c.want, stdout.String(), stderr.String())
		}
	}
	if b, _ := os.ReadFile(path("in.pdf")); !bytes.Equal(b, pdf) {
		t.Error("the input PDF was changed")
	}
	if _, err := os.Stat(path("out.pdf")); err == nil {
		t.Error("an output was written")
	}
	if left, _ := filepath.Glob(path(".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
