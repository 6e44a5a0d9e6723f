package e2e

// Signed PDFs (issue 22): gongwen sign appends a PAdES signature that
// poppler's pdfsig finds valid, that breaks when one byte of a page
// changes, that leaves the PDF PDF/A-1b and qpdf-clean, whose widget
// sits on the seal and draws nothing, and that gongwen verify reads.

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tjfoc/gmsm/sm2"
	gmx509 "github.com/tjfoc/gmsm/x509"
	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"gongwen/internal/pdfcheck"
)

// signKeys writes a throwaway key and a self-signed certificate for it,
// made now, as dir/NAME.key and dir/NAME.crt.
func signKeys(t *testing.T, dir, name string, key crypto.Signer) *x509.Certificate {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(22),
		Subject:      pkix.Name{CommonName: "测试签名人 " + name, Organization: []string{"gongwen tests"}},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
	}
	cert, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	write := func(file, kind string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, file), pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: b}), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(name+".key", "PRIVATE KEY", pkcs8)
	write(name+".crt", "CERTIFICATE", cert)
	c, err := x509.ParseCertificate(cert)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// pdfsigValid is how poppler 22's pdfsig says the signature (not the
// certificate's trust, which it reports on a line of its own) is valid.
const pdfsigValid = "Signature Validation: Signature is Valid."

func pdfsig(t *testing.T, pdf string) string {
	t.Helper()
	out, _ := exec.Command("pdfsig", pdf).CombinedOutput() // exits non-zero for an untrusted issuer
	return string(out)
}

// widget is the signature field's widget as mutool reads it: its page
// (1-based) and rectangle in points.
func widget(t *testing.T, pdf string) (page int, rect [4]float64) {
	t.Helper()
	out, err := exec.Command("mutool", "show", pdf, "trailer/Root/AcroForm/Fields/1").CombinedOutput()
	if err != nil {
		t.Fatalf("mutool show: %v\n%s", err, out)
	}
	r := regexp.MustCompile(`/Rect \[ ([-0-9.]+) ([-0-9.]+) ([-0-9.]+) ([-0-9.]+) \]`).FindStringSubmatch(string(out))
	p := regexp.MustCompile(`/P (\d+) 0 R`).FindStringSubmatch(string(out))
	if r == nil || p == nil || !strings.Contains(string(out), "/FT /Sig") {
		t.Fatalf("the form's first field is not a signature widget with /Rect and /P:\n%s", out)
	}
	for i := range rect {
		rect[i], _ = strconv.ParseFloat(r[i+1], 64)
	}
	pages, err := exec.Command("mutool", "show", pdf, "pages").CombinedOutput()
	if err != nil {
		t.Fatalf("mutool show pages: %v\n%s", err, pages)
	}
	m := regexp.MustCompile(`page (\d+) = ` + p[1] + ` 0 R`).FindStringSubmatch(string(pages))
	if m == nil {
		t.Fatalf("the widget's page %s 0 R is not a page:\n%s", p[1], pages)
	}
	page, _ = strconv.Atoi(m[1])
	return page, rect
}

func TestSignedPDFIsValidAndKeepsTheBuild(t *testing.T) {
	pdfcheck.RequireTools(t, "pdfsig", "qpdf", "mutool", "pdftoppm")
	bin := archBinary(t)
	dir := t.TempDir()
	archProject(t, dir)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signKeys(t, dir, "rsa", rsaKey)
	ecCert := signKeys(t, dir, "ec", ecKey)
	if err := os.Mkdir(filepath.Join(dir, "out"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, doc := range []string{"sample-file", "sample-joint"} {
		if _, e, code := archRun(t, dir, bin, "022", nil, "build", "-o", "out/"+doc+".pdf", "data/"+doc+".toml"); code != 0 {
			t.Fatalf("build %s: %s", doc, e)
		}
	}
	t.Run("p12", func(t *testing.T) {
		p12, err := pkcs12.Modern.Encode(ecKey, ecCert, nil, "口令 22")
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "ec.p12"), p12, 0o600)
		os.WriteFile(filepath.Join(dir, "password.txt"), []byte("口令 22\n"), 0o600)
		for _, how := range []struct {
			env  []string
			args []string
		}{
			{nil, []string{"--p12-password-file", "password.txt"}},
			{[]string{"GONGWEN_P12_PASSWORD=口令 22"}, nil},
		} {
			args := append(append([]string{"sign", "--p12", "ec.p12"}, how.args...), "-o", "out/p12.pdf", "out/sample-file.pdf")
			if o, e, code := archRun(t, dir, bin, "022", how.env, args...); code != 0 {
				t.Fatalf("sign %v: exit %d\n%s%s", how, code, o, e)
			}
			if s := pdfsig(t, filepath.Join(dir, "out", "p12.pdf")); !strings.Contains(s, pdfsigValid) {
				t.Errorf("pdfsig of the PDF signed with a PKCS #12 file:\n%s", s)
			}
		}
		if _, e, code := archRun(t, dir, bin, "022", []string{"GONGWEN_P12_PASSWORD=wrong"}, "sign", "--p12", "ec.p12", "-o", "out/p12.pdf", "out/sample-file.pdf"); code != 1 || !strings.Contains(e, "ec.p12: the password is not this PKCS #12 file's") {
			t.Errorf("a wrong password: exit %d\n%s", code, e)
		}
	})
	// SM2 (GM/T OIDs): no reader here checks it, so our own does, and
	// poppler must still read the file's structure.
	t.Run("sm2", func(t *testing.T) {
		key, err := sm2.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		tmpl := &gmx509.Certificate{SerialNumber: big.NewInt(23), Subject: pkix.Name{CommonName: "测试签名人 sm2"},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
		certPEM, err := gmx509.CreateCertificateToPem(tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			t.Fatal(err)
		}
		keyPEM, err := gmx509.WritePrivateKeyToPem(key, nil)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, "sm2.key"), keyPEM, 0o600)
		os.WriteFile(filepath.Join(dir, "sm2.crt"), certPEM, 0o600)
		if o, e, code := archRun(t, dir, bin, "022", nil, "sign", "--key", "sm2.key", "--cert", "sm2.crt", "-o", "out/sm2.pdf", "out/sample-file.pdf"); code != 0 {
			t.Fatalf("sign with SM2: exit %d\n%s%s", code, o, e)
		}
		o, e, code := archRun(t, dir, bin, "022", nil, "verify", "out/sm2.pdf")
		if code != 0 || !strings.Contains(o, "signature 1: 测试签名人 sm2, ") || !strings.Contains(o, "SM2 with SM3: intact") {
			t.Errorf("verify of the SM2-signed PDF: exit %d\n%s%s", code, o, e)
		}
		abs := filepath.Join(dir, "out", "sm2.pdf")
		if s := pdfsig(t, abs); !strings.Contains(s, "Signature Field Name: Signature1") {
			t.Errorf("pdfsig does not find the SM2 signature's field:\n%s", s)
		}
		if valid, report := preflight(t, abs); !valid {
			t.Errorf("Preflight: the SM2-signed PDF is not PDF/A-1b:\n%s", summarise(report))
		}
		b, _ := os.ReadFile(abs)
		b[len(b)/3] ^= 1
		os.WriteFile(abs, b, 0o644)
		if o, _, code := archRun(t, dir, bin, "022", nil, "verify", "out/sm2.pdf"); code != 1 || !strings.Contains(o, "BROKEN") {
			t.Errorf("verify of a changed SM2-signed PDF: exit %d, not 1 with a broken signature\n%s", code, o)
		}
	})
	// A joint document: each issuer signs in turn, each on its own seal.
	t.Run("joint, signed by each issuer", func(t *testing.T) {
		traced, err := pdfcheck.Trace(filepath.Join(dir, "out", "sample-joint.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		var seals []pdfcheck.Image
		sealPage := 0
		for _, p := range traced {
			if len(p.Images) > 0 {
				seals, sealPage = p.Images, p.Number
				break
			}
		}
		if len(seals) != 3 {
			t.Fatalf("the joint document draws %d seals, not 3", len(seals))
		}
		in := "out/sample-joint.pdf"
		for i, key := range []string{"ec", "rsa", "ec"} {
			out := fmt.Sprintf("out/joint-%d.pdf", i+1)
			if o, e, code := archRun(t, dir, bin, "022", nil, "sign", "--key", key+".key", "--cert", key+".crt", "-o", out, in); code != 0 {
				t.Fatalf("signature %d: exit %d\n%s%s", i+1, code, o, e)
			}
			in = out
		}
		abs := filepath.Join(dir, in)
		s := pdfsig(t, abs)
		if n := strings.Count(s, pdfsigValid); n != 3 || !strings.Contains(s, "Signature Field Name: Signature3") {
			t.Errorf("pdfsig finds %d of 3 signatures valid:\n%s", n, s)
		}
		for i, seal := range seals {
			out, err := exec.Command("mutool", "show", abs, fmt.Sprintf("trailer/Root/AcroForm/Fields/%d/Rect", i+1)).CombinedOutput()
			if err != nil {
				t.Fatalf("mutool show: %v\n%s", err, out)
			}
			f := strings.Fields(strings.Trim(strings.TrimSpace(string(out)), "[]"))
			x1, _ := strconv.ParseFloat(f[0], 64)
			if len(f) != 4 || math.Abs(x1*25.4/72-seal.X) > 0.1 {
				t.Errorf("signature %d's widget is at %s, its seal at x = %.2f mm", i+1, out, seal.X)
			}
		}
		if p, _ := widget(t, abs); p != sealPage {
			t.Errorf("the first widget is on page %d, the seals on page %d", p, sealPage)
		}
		if valid, report := preflight(t, abs); !valid {
			t.Errorf("Preflight: the PDF signed three times is not PDF/A-1b:\n%s", summarise(report))
		}
		o, e, code := archRun(t, dir, bin, "022", nil, "verify", in)
		if code != 0 || strings.Count(o, ": intact") != 3 || !strings.Contains(o, "identical to a rebuild") {
			t.Errorf("verify of the PDF signed three times: exit %d\n%s%s", code, o, e)
		}
		if _, e, code := archRun(t, dir, bin, "022", nil, "sign", "--key", "ec.key", "--cert", "ec.crt", "-o", "out/joint-4.pdf", in); code != 1 || !strings.Contains(e, "each of its 3 seals is signed already") {
			t.Errorf("a fourth signature: exit %d\n%s", code, e)
		}
		// --at: the second issuer signs first.
		if o, e, code := archRun(t, dir, bin, "022", nil, "sign", "--at", "2", "--key", "ec.key", "--cert", "ec.crt", "-o", "out/joint-at2.pdf", "out/sample-joint.pdf"); code != 0 {
			t.Fatalf("sign --at 2: exit %d\n%s%s", code, o, e)
		}
		if _, rect := widget(t, filepath.Join(dir, "out", "joint-at2.pdf")); math.Abs(rect[0]*25.4/72-seals[1].X) > 0.1 {
			t.Errorf("--at 2 put the widget at %v pt, the second seal is at x = %.2f mm", rect, seals[1].X)
		}
		if _, e, code := archRun(t, dir, bin, "022", nil, "sign", "--at", "4", "--key", "ec.key", "--cert", "ec.crt", "-o", "out/joint-at4.pdf", "out/sample-joint.pdf"); code != 1 || !strings.Contains(e, "it has 3 seals, so no seal 4") {
			t.Errorf("sign --at 4: exit %d\n%s", code, e)
		}
	})
	cases := []struct{ doc, key, alg string }{
		{"sample-file", "rsa", "RSA 2048 bits with SHA-256"},
		{"sample-file", "ec", "ECDSA P-256 with SHA-256"},
		{"sample-joint", "ec", "ECDSA P-256 with SHA-256"},
		{"sample-joint", "rsa", "RSA 2048 bits with SHA-256"},
	}
	for _, c := range cases {
		t.Run(c.doc+"/"+c.key, func(t *testing.T) {
			in := filepath.Join("out", c.doc+".pdf")
			out := filepath.Join("out", c.doc+"-"+c.key+"-signed.pdf")
			built, _ := os.ReadFile(filepath.Join(dir, in))
			o, e, code := archRun(t, dir, bin, "022", nil, "sign", "--key", c.key+".key", "--cert", c.key+".crt", "-o", out, in)
			if code != 0 || !strings.Contains(o, "signed by 测试签名人") {
				t.Fatalf("sign: exit %d\n%s%s", code, o, e)
			}
			signed, _ := os.ReadFile(filepath.Join(dir, out))
			if after, _ := os.ReadFile(filepath.Join(dir, in)); !bytes.Equal(after, built) {
				t.Error("signing changed its input")
			}
			if len(signed) <= len(built) || !bytes.Equal(signed[:len(built)], built) {
				t.Errorf("the built PDF (%d bytes) is not a prefix of the signed one (%d bytes)", len(built), len(signed))
			}
			t.Logf("%s: the signature adds %d bytes to %d", out, len(signed)-len(built), len(built))

			abs := filepath.Join(dir, out)
			if s := pdfsig(t, abs); !strings.Contains(s, pdfsigValid) || !strings.Contains(s, "ETSI.CAdES.detached") || !strings.Contains(s, "Total document signed") {
				t.Errorf("pdfsig does not find the whole document validly signed (ETSI.CAdES.detached):\n%s", s)
			}
			if q, err := exec.Command("qpdf", "--check", abs).CombinedOutput(); err != nil || !strings.Contains(string(q), "No syntax or stream encoding errors") {
				t.Errorf("qpdf --check: %v\n%s", err, q)
			}
			if valid, report := preflight(t, abs); !valid {
				t.Errorf("Preflight: the signed PDF is not PDF/A-1b:\n%s", summarise(report))
			}

			// The widget sits on the seal, the first picture drawn, and
			// draws nothing: the page looks as it did.
			page, rect := widget(t, abs)
			traced, err := pdfcheck.Trace(filepath.Join(dir, in))
			if err != nil {
				t.Fatal(err)
			}
			var seal *pdfcheck.Image
			for _, p := range traced {
				if len(p.Images) > 0 {
					seal = &p.Images[0]
					if page != p.Number {
						t.Errorf("the widget is on page %d, the seal on page %d", page, p.Number)
					}
					want := [4]float64{seal.X, p.Height - seal.Y - seal.H, seal.X + seal.W, p.Height - seal.Y}
					for i := range want {
						if got := rect[i] * 25.4 / 72; math.Abs(got-want[i]) > 0.1 {
							t.Errorf("the widget's rectangle is %v pt, the seal's %v mm", rect, want)
							break
						}
					}
					break
				}
			}
			if seal == nil {
				t.Fatalf("%s draws no seal", in)
			}
			before, err := pdfcheck.PNG(filepath.Join(dir, in), filepath.Join(t.TempDir(), "b"), 30)
			if err != nil {
				t.Fatal(err)
			}
			after, err := pdfcheck.PNG(abs, filepath.Join(t.TempDir(), "a"), 30)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(before[page-1])
			a, _ := os.ReadFile(after[page-1])
			if !bytes.Equal(a, b) {
				t.Errorf("page %d of the signed PDF looks other than the built one's", page)
			}

			o, e, code = archRun(t, dir, bin, "022", nil, "verify", out)
			if code != 0 || !strings.Contains(o, "signature 1: 测试签名人 "+c.key+", ") || !strings.Contains(o, c.alg+": intact") || !strings.Contains(o, "identical to a rebuild") {
				t.Errorf("verify of the signed PDF: exit %d\n%s%s", code, o, e)
			}

			// One byte of page 1's content stream changed.
			bad := append([]byte(nil), signed...)
			i := bytes.Index(bad, []byte("/Contents 4 0 R"))
			j := bytes.Index(bad, []byte("\n4 0 obj"))
			k := bytes.Index(bad[j:], []byte("stream\n"))
			if i < 0 || j < 0 || k < 0 {
				t.Fatal("page 1's content stream (object 4) not found")
			}
			bad[j+k+len("stream\n")+20] ^= 0x01
			badPath := filepath.Join(dir, "out", "tampered.pdf")
			if err := os.WriteFile(badPath, bad, 0o644); err != nil {
				t.Fatal(err)
			}
			if s := pdfsig(t, badPath); strings.Contains(s, pdfsigValid) || !strings.Contains(s, "Signature Validation:") {
				t.Errorf("pdfsig still finds the tampered PDF's signature valid:\n%s", s)
			}
			o, e, code = archRun(t, dir, bin, "022", nil, "verify", "out/tampered.pdf")
			if code != 1 || !strings.Contains(o, "signature 1: 测试签名人") || !strings.Contains(o, "BROKEN: the signed bytes changed") {
				t.Errorf("verify of the tampered PDF: exit %d, not 1 with a broken signature\n%s%s", code, o, e)
			}
		})
	}
}
