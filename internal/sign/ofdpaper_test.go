package sign

// An OFD built with seal = "paper", or without a seal, records its seals'
// places in OFD.xml's CustomDatas (ofdr.SealPlace); signing it with the
// seal's picture (--seal) puts the stamp annotation there, where the PDF
// signer puts its widget.

import (
	"bytes"
	"crypto/x509"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gongwen/internal/ofdcheck"
	ofdr "gongwen/internal/render/ofd"
)

// widgetRect is the rectangle of the widget a PDF signature's update
// adds, in points from the page's lower left.
func widgetRect(t *testing.T, update []byte) [4]float64 {
	t.Helper()
	m := regexp.MustCompile(`/Rect \[([0-9.]+) ([0-9.]+) ([0-9.]+) ([0-9.]+)\]`).FindSubmatch(update)
	if m == nil {
		t.Fatalf("no widget rectangle in the update:\n%.600s", update)
	}
	var r [4]float64
	for i := range r {
		r[i], _ = strconv.ParseFloat(string(m[i+1]), 64)
	}
	return r
}

func TestOFDSealAtPaperPlace(t *testing.T) {
	stamp, err := os.ReadFile("../../data/seals/stamp.png")
	if err != nil {
		t.Fatal(err)
	}
	const k = 72 / 25.4 // points a millimetre
	for _, c := range []struct {
		what     string
		seals    []string
		issuers  []string
		recorded int // the places OFD.xml records
	}{
		{"paper", []string{"paper"}, []string{"示例县人民政府办公室"}, 1},
		{"no seal", nil, []string{"示例县人民政府办公室"}, 1},
		{"drawn", []string{"drawn"}, []string{"示例县人民政府办公室"}, 0},
		{"mixed", []string{"drawn", "paper", "drawn"}, []string{"示例县教育局", "示例县财政局", "示例县林业局"}, 1},
	} {
		t.Run(c.what, func(t *testing.T) {
			pdf, pkg := smallDoc(t, c.seals, c.issuers...)
			places := 0
			for _, cd := range read(t, pkg).Custom {
				if cd[0] == ofdr.SealPlace {
					places++
				}
			}
			if places != c.recorded {
				t.Fatalf("OFD.xml records %d seals' places, want %d", places, c.recorded)
			}
			for i, issuer := range c.issuers {
				key, cert, _ := sm2Cert(t, issuer)
				paper := c.seals == nil || c.seals[i] == "paper"
				var seal []byte
				if paper {
					seal = stamp
				}
				opt := Options{Key: key, Chain: []*x509.Certificate{cert}, Time: signedAt, At: i + 1, Seal: seal}
				// The same seal's place as the PDF signer's widget.
				signedPDF, err := PDF(pdf, opt)
				if err != nil {
					t.Fatalf("PDF seal %d: %v", i+1, err)
				}
				r := widgetRect(t, signedPDF[len(pdf):])
				signed, err := OFD(pkg, OFDOptions{Options: opt, Provider: "gongwen"})
				if err != nil {
					t.Fatalf("OFD seal %d: %v", i+1, err)
				}
				got := read(t, signed)
				s := got.Signatures[len(got.Signatures)-1]
				if !s.SignatureValid || !s.SealValid || !s.DataHashValid || len(s.Changed) != 0 {
					t.Errorf("seal %d: SM2 value %v, seal's %v, dataHash %v, changed %v", i+1, s.SignatureValid, s.SealValid, s.DataHashValid, s.Changed)
				}
				var page *ofdcheck.Page
				for j := range got.Pages {
					if got.Pages[j].ID == s.StampPage {
						page = &got.Pages[j]
					}
				}
				if page == nil {
					t.Fatalf("seal %d: the StampAnnot's page %d is none of the package's", i+1, s.StampPage)
				}
				b := s.StampBoundary
				want := [4]float64{r[0] / k, page.Height - r[3]/k, (r[2] - r[0]) / k, (r[3] - r[1]) / k}
				for j := range b {
					if math.Abs(b[j]-want[j]) > 0.1 {
						t.Errorf("seal %d: the StampAnnot's Boundary is %v mm, the PDF widget's %.2f", i+1, b, want)
						break
					}
				}
				if b[2] < 30 {
					t.Errorf("seal %d: the StampAnnot is %v mm: not a seal's size", i+1, b)
				}
				if paper && !bytes.Equal(s.SES.Picture, stamp) {
					t.Errorf("seal %d: the SES_Seal's picture is not --seal's (%d bytes, want %d)", i+1, len(s.SES.Picture), len(stamp))
				}
				if !paper && len(s.SES.Picture) == 0 {
					t.Errorf("seal %d: the SES_Seal has no picture", i+1)
				}
				// The other way round is refused, as the PDF signer refuses
				// a picture over a drawn seal.
				opt.Seal = nil
				want2 := "draws no seal"
				if !paper {
					opt.Seal, want2 = stamp, "draws seal "+strconv.Itoa(i+1)+" already"
				}
				if _, err := OFD(pkg, OFDOptions{Options: opt}); err == nil || !strings.Contains(err.Error(), want2) {
					t.Errorf("seal %d the other way: %v, want %q", i+1, err, want2)
				}
				if _, err := PDF(pdf, opt); paper == false && (err == nil || !strings.Contains(err.Error(), want2)) {
					t.Errorf("PDF seal %d with --seal: %v, want %q", i+1, err, want2)
				}
				pkg, pdf = signed, signedPDF
			}
			// A digit of the recorded place changed, or a byte of the
			// page: the signature reports the part changed.
			digit := func(name, after string) func(p *ofdPackage) {
				return func(p *ofdPackage) {
					for i, f := range p.parts {
						if j := bytes.Index(f.data, []byte(after)); f.name == name && j >= 0 {
							b := append([]byte(nil), f.data...)
							b[j+len(after)] ^= 1 // a digit stays a digit
							p.parts[i].data = b
						}
					}
				}
			}
			place := digit("OFD.xml", ofdr.SealPlace+`">1 `)
			for name, change := range map[string]func(*ofdPackage){"OFD.xml": place, "Doc_0/Pages/Page_0/Content.xml": digit("Doc_0/Pages/Page_0/Content.xml", `Boundary="`)} {
				tampered := edit(t, pkg, change)
				if bytes.Equal(tampered, pkg) {
					if c.recorded == 0 {
						continue
					}
					t.Fatalf("%s is unchanged", name)
				}
				s := read(t, tampered).Signatures[0]
				if len(s.Changed) != 1 || s.Changed[0] != name {
					t.Errorf("%s changed: the signature reports %v changed", name, s.Changed)
				}
			}
		})
	}
}
