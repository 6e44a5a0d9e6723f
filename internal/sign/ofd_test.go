package sign

import (
	"bytes"
	"crypto"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"math"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"gongwen/internal/build"
	"gongwen/internal/ofdcheck"
)

var (
	ofdOnce  sync.Once
	ofdBuilt = map[string][]byte{}
	ofdErr   error
)

// builtOFD is a sample's OFD package, built once for the package's tests:
// "file" (one seal) or "joint" (three).
func builtOFD(t *testing.T, name string) []byte {
	t.Helper()
	ofdOnce.Do(func() {
		for _, n := range []string{"file", "joint"} {
			j, err := build.Prepare("../../data/sample-"+n+".toml", build.Options{})
			if err != nil {
				ofdErr = err
				return
			}
			if ofdBuilt[n], ofdErr = j.RenderOFD(build.Options{}); ofdErr != nil {
				return
			}
		}
	})
	if ofdErr != nil {
		t.Fatal(ofdErr)
	}
	return ofdBuilt[name]
}

var signedAt = time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)

// signOFD signs pkg with an SM2 key, failing the test on an error.
func signOFD(t *testing.T, pkg []byte, key crypto.Signer, cert *x509.Certificate, at int, seal []byte) []byte {
	t.Helper()
	out, err := OFD(pkg, OFDOptions{Options: Options{Key: key, Chain: []*x509.Certificate{cert}, Time: signedAt, At: at, Seal: seal}, Provider: "gongwen", Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// read is ofdcheck's reading of a package, failing the test on an error.
func read(t *testing.T, pkg []byte) *ofdcheck.Package {
	t.Helper()
	p, err := ofdcheck.Read(pkg)
	if err != nil {
		t.Fatalf("ofdcheck: %v", err)
	}
	return p
}

func TestOFDSealReadBack(t *testing.T) {
	orig := builtOFD(t, "file")
	key, cert, _ := sm2Cert(t, "示例县人民政府")
	signed := signOFD(t, orig, key, cert, 0, nil)

	before, after := read(t, orig), read(t, signed)
	if len(before.Signatures) != 0 || len(after.Signatures) != 1 {
		t.Fatalf("%d signatures before signing, %d after; want 0 and 1", len(before.Signatures), len(after.Signatures))
	}
	s := after.Signatures[0]
	// The seal the page draws: its page, place and picture.
	var page int
	var im ofdcheck.Image
	for _, p := range after.Pages {
		if len(p.Images) > 0 {
			page, im = p.ID, p.Images[0]
			break
		}
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"Type", s.Type, "Seal"},
		{"SignatureMethod", s.Method, "1.2.156.10197.1.501"},
		{"CheckMethod", s.CheckMethod, "1.2.156.10197.1.401"},
		{"SignatureDateTime", s.DateTime, "20261206080000Z"},
		{"Provider", s.Provider, "gongwen"},
		{"changed parts", len(s.Changed), 0},
		{"SM2 value over TBS_Sign", s.SignatureValid, true},
		{"the seal's SM2 value", s.SealValid, true},
		{"dataHash", s.DataHashValid, true},
		{"SES version", s.SES.Version, 4},
		{"signer", s.SES.Signer, "示例县人民政府"},
		{"seal name", s.SES.SealName, "示例县人民政府"},
		{"seal lists the signer's certificate", s.SES.CertListed, true},
		{"picture type", s.SES.PictureType, "PNG"},
		{"picture", bytes.Equal(s.SES.Picture, after.Files[im.File]), true},
		{"picture size (mm)", [2]int{s.SES.PictureW, s.SES.PictureH}, [2]int{42, 42}},
		{"timeInfo", s.SES.TimeInfo.Equal(signedAt), true},
		{"propertyInfo", s.SES.PropertyInfo, "/Doc_0/Signs/Sign_0/Signature.xml"},
		{"StampAnnot page", s.StampPage, page},
		{"StampAnnot Boundary", near(s.StampBoundary, im), true},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.what, c.got, c.want)
		}
	}
	// It references every part but the signatures'; every part of the
	// input is in the output unchanged but OFD.xml, which gains the
	// reference to the signature list and nothing else.
	var want []string
	for name := range after.Files {
		if !strings.HasPrefix(name, "Doc_0/Signs/") {
			want = append(want, name)
		}
	}
	got := append([]string(nil), s.References...)
	sort.Strings(want)
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("references %v, want every part but the signatures' %v", got, want)
	}
	for name, b := range before.Files {
		a := after.Files[name]
		if name == "OFD.xml" {
			a = bytes.Replace(a, []byte("<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>"), nil, 1)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s changed in signing", name)
		}
	}
	if len(after.Files) != len(before.Files)+3 {
		t.Errorf("signing added %d files, want 3 (Signatures.xml, Signature.xml, SignedValue.dat)", len(after.Files)-len(before.Files))
	}
	// Package sign's own reading, and the package as built again.
	sigs, err := OFDSignatures(signed)
	if err != nil || len(sigs) != 1 || !sigs[0].Intact || sigs[0].Signer != "示例县人民政府" || sigs[0].Time != "2026-12-06 08:00:00 UTC" {
		t.Errorf("OFDSignatures: %+v, %v", sigs, err)
	}
	unsigned, err := UnsignedOFD(signed)
	if err != nil || !bytes.Equal(unsigned, orig) {
		t.Errorf("UnsignedOFD is not the package as built (%d bytes, want %d; %v)", len(unsigned), len(orig), err)
	}
}

// near reports whether a boundary is an image's place, to a micrometre.
func near(b [4]float64, im ofdcheck.Image) bool {
	for i, v := range []float64{im.X, im.Y, im.W, im.H} {
		if math.Abs(b[i]-v) > 0.001 {
			return false
		}
	}
	return true
}

// edit rewrites a package's parts with change, as the renderer writes.
func edit(t *testing.T, pkg []byte, change func(p *ofdPackage)) []byte {
	t.Helper()
	p, err := readPackage(pkg)
	if err != nil {
		t.Fatal(err)
	}
	change(p)
	out, err := p.write()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// changeByte flips a byte of a part in the middle.
func changeByte(name string) func(p *ofdPackage) {
	return func(p *ofdPackage) {
		for i, f := range p.parts {
			if f.name == name {
				b := append([]byte(nil), f.data...)
				b[len(b)/2] ^= 1
				p.parts[i].data = b
			}
		}
	}
}

func TestOFDTamperingIsCaught(t *testing.T) {
	key, cert, _ := sm2Cert(t, "示例县人民政府")
	signed := signOFD(t, builtOFD(t, "file"), key, cert, 0, nil)
	for _, c := range []struct {
		name   string
		change func(p *ofdPackage)
		reason string
		check  func(s ofdcheck.Signature) bool // ofdcheck sees it too
	}{
		{"a page", changeByte("Doc_0/Pages/Page_1/Content.xml"), "Doc_0/Pages/Page_1/Content.xml changed",
			func(s ofdcheck.Signature) bool {
				return len(s.Changed) == 1 && s.Changed[0] == "Doc_0/Pages/Page_1/Content.xml"
			}},
		{"a font", changeByte("Doc_0/Res/font_2.ttf"), "Doc_0/Res/font_2.ttf changed",
			func(s ofdcheck.Signature) bool { return len(s.Changed) == 1 }},
		{"the seal picture", changeByte("Doc_0/Res/image_6.png"), "Doc_0/Res/image_6.png changed",
			func(s ofdcheck.Signature) bool { return len(s.Changed) == 1 }},
		{"OFD.xml", func(p *ofdPackage) {
			p.parts[0].data = bytes.Replace(p.parts[0].data, []byte("森林防火"), []byte("森林防水"), 1)
		}, "OFD.xml changed", func(s ofdcheck.Signature) bool { return len(s.Changed) == 1 && s.Changed[0] == "OFD.xml" }},
		{"Signature.xml", func(p *ofdPackage) {
			i := len(p.parts) - 2
			p.parts[i].data = bytes.Replace(p.parts[i].data, []byte(`Version="test"`), []byte(`Version="tesT"`), 1)
		}, "Signature.xml changed", func(s ofdcheck.Signature) bool { return !s.DataHashValid && s.SignatureValid }},
		{"the SM2 value", func(p *ofdPackage) {
			i := len(p.parts) - 1
			b := append([]byte(nil), p.parts[i].data...)
			b[len(b)-10] ^= 1
			p.parts[i].data = b
		}, "SM2 signature value", func(s ofdcheck.Signature) bool { return !s.SignatureValid && s.DataHashValid }},
		{"a part added", func(p *ofdPackage) {
			p.parts = append(p.parts, part{"Doc_0/Res/extra.xml", []byte("<x/>")})
		}, "added after it was signed: Doc_0/Res/extra.xml", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad := edit(t, signed, c.change)
			sigs, err := OFDSignatures(bad)
			if err != nil || len(sigs) != 1 {
				t.Fatalf("OFDSignatures: %v, %v", sigs, err)
			}
			if sigs[0].Intact || !strings.Contains(sigs[0].Reason.String(), c.reason) {
				t.Errorf("intact %v (%s), want broken: %s", sigs[0].Intact, sigs[0].Reason, c.reason)
			}
			if c.check != nil {
				if s := read(t, bad).Signatures[0]; !c.check(s) {
					t.Errorf("ofdcheck read %+v", s)
				}
			}
			if _, err := OFD(bad, OFDOptions{Options: Options{Key: key, Chain: []*x509.Certificate{cert}, Time: signedAt}}); err == nil || !strings.Contains(err.Error(), "broken") {
				t.Errorf("signing a package with a broken signature: %v", err)
			}
		})
	}
	// The control: the package rewritten without a change is intact.
	if sigs, _ := OFDSignatures(edit(t, signed, func(*ofdPackage) {})); len(sigs) != 1 || !sigs[0].Intact {
		t.Errorf("rewritten unchanged: %+v", sigs)
	}
}

func TestOFDJointSignedInTurn(t *testing.T) {
	pkg := builtOFD(t, "joint")
	var images []ofdcheck.Image
	for _, p := range read(t, pkg).Pages {
		images = append(images, p.Images...)
	}
	if len(images) != 3 {
		t.Fatalf("the joint sample draws %d seals, want 3", len(images))
	}
	names := []string{"示例县人民政府", "示例县财政局", "示例县林业局"}
	for i, n := range names {
		key, cert, _ := sm2Cert(t, n)
		pkg = signOFD(t, pkg, key, cert, 0, nil)
		p := read(t, pkg)
		if len(p.Signatures) != i+1 {
			t.Fatalf("after signature %d: %d signatures", i+1, len(p.Signatures))
		}
		for k, s := range p.Signatures {
			if len(s.Changed) > 0 || !s.SignatureValid || !s.SealValid || !s.DataHashValid {
				t.Errorf("after signature %d, signature %d: %+v", i+1, k+1, s)
			}
		}
		s := p.Signatures[i]
		im := images[i]
		if !near(s.StampBoundary, im) || !bytes.Equal(s.SES.Picture, p.Files[im.File]) || s.SES.Signer != n {
			t.Errorf("signature %d: at %v with %s's picture, by %s; want at seal %d, %v", i+1, s.StampBoundary, im.File, s.SES.Signer, i+1, im)
		}
	}
	sigs, err := OFDSignatures(pkg)
	for i, s := range sigs {
		if !s.Intact || s.Signer != names[i] {
			t.Errorf("signature %d: %+v", i+1, s)
		}
	}
	if len(sigs) != 3 || err != nil {
		t.Errorf("%d signatures, %v", len(sigs), err)
	}
	unsigned, err := UnsignedOFD(pkg)
	if err != nil || !bytes.Equal(unsigned, builtOFD(t, "joint")) {
		t.Errorf("UnsignedOFD after three signatures is not the package as built: %v", err)
	}
	key, cert, _ := sm2Cert(t, "第四")
	if _, err := OFD(pkg, OFDOptions{Options: Options{Key: key, Chain: []*x509.Certificate{cert}, Time: signedAt}}); err == nil || !strings.Contains(err.Error(), "each of its 3 seals is signed already") {
		t.Errorf("a fourth signature: %v", err)
	}
	// --at chooses the seal.
	at2 := read(t, signOFD(t, builtOFD(t, "joint"), key, cert, 2, nil)).Signatures[0]
	if im := images[1]; !near(at2.StampBoundary, im) {
		t.Errorf("at 2: %v, want %v", at2.StampBoundary, im)
	}
}

// TestOFDSealPicture: --seal over a seal the page draws is refused, as
// on a PDF; where no seal is drawn (ofdpaper_test.go) it must be a PNG or
// a JPEG.
func TestOFDSealPicture(t *testing.T) {
	stamp, err := os.ReadFile("../../data/seals/stamp.png")
	if err != nil {
		t.Fatal(err)
	}
	key, cert, _ := sm2Cert(t, "示例县人民政府")
	_, paper := smallDoc(t, []string{"paper"}, "示例县人民政府")
	for _, c := range []struct {
		what string
		pkg  []byte
		seal []byte
		want string
	}{
		{"over a drawn seal", builtOFD(t, "file"), stamp, "draws seal 1 already"},
		{"a GIF", paper, []byte("GIF89a"), "neither PNG nor JPEG"},
	} {
		out, err := OFD(c.pkg, OFDOptions{Options: Options{Key: key, Chain: []*x509.Certificate{cert}, Time: signedAt, Seal: c.seal}})
		if err == nil || out != nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.what, err, c.want)
		}
	}
}

func TestOFDRefuses(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ec := ecKey(t, elliptic.P256())
	for _, k := range []crypto.Signer{rsaKey, ec} {
		_, err := OFD(builtOFD(t, "file"), OFDOptions{Options: Options{Key: k, Chain: []*x509.Certificate{certFor(t, k, "x", 3)}, Time: signedAt}})
		if err == nil || !strings.Contains(err.Error(), "SM2 key") {
			t.Errorf("%T: %v, want a refusal naming SM2", k, err)
		}
	}
	key, cert, _ := sm2Cert(t, "x")
	opt := OFDOptions{Options: Options{Key: key, Chain: []*x509.Certificate{cert}}}
	stray := edit(t, builtOFD(t, "file"), func(p *ofdPackage) {
		p.parts = append(p.parts, part{"Doc_0/Signs/Sign_0/SignedValue.dat", []byte{0x30, 0}})
	})
	for _, c := range []struct {
		what string
		pkg  []byte
		want string
	}{
		{"not a zip", []byte("PK not a zip"), "not an OFD package"},
		{"a signature's file without a list", stray, "it holds Doc_0/Signs/Sign_0/SignedValue.dat, which no signature list names"},
	} {
		if _, err := OFD(c.pkg, opt); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.what, err, c.want)
		}
	}
}

func TestOFDSealMadeByAnother(t *testing.T) {
	key, cert, _ := sm2Cert(t, "示例县人民政府")
	makerKey, makerCert, _ := sm2Cert(t, "示例省印章管理中心")
	opt := OFDOptions{Options: Options{Key: key, Chain: []*x509.Certificate{cert}, Time: signedAt}, SealKey: makerKey, SealCert: makerCert}
	signed, err := OFD(builtOFD(t, "file"), opt)
	if err != nil {
		t.Fatal(err)
	}
	s := read(t, signed).Signatures[0]
	if !s.SealValid || !s.SignatureValid || s.SES.Maker != "示例省印章管理中心" || s.SES.Signer != "示例县人民政府" || !s.SES.CertListed {
		t.Errorf("ofdcheck: %+v", s)
	}
	sigs, _ := OFDSignatures(signed)
	if len(sigs) != 1 || !sigs[0].Intact || sigs[0].SealMaker != "示例省印章管理中心" {
		t.Errorf("OFDSignatures: %+v", sigs)
	}
	// The maker's certificate must be its key's; and a self-issued seal
	// names no maker.
	opt.SealCert = cert
	if _, err := OFD(builtOFD(t, "file"), opt); err == nil || !strings.Contains(err.Error(), "is not the private key's") {
		t.Errorf("a maker certificate not the maker key's: %v", err)
	}
	if sigs, _ := OFDSignatures(signOFD(t, builtOFD(t, "file"), key, cert, 0, nil)); sigs[0].SealMaker != "" {
		t.Errorf("a self-issued seal names its maker %q", sigs[0].SealMaker)
	}
}
