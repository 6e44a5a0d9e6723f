package sign

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"regexp"
	"strconv"
	"time"

	"gongwen/internal/say"

	"github.com/tjfoc/gmsm/sm2"
)

// Signature is one signature of a PDF, read back and checked.
type Signature struct {
	Signer    string   // the signer certificate's common name (or subject)
	SealMaker string   // an OFD seal's maker, when not the signer
	Time      string   // the claimed signing time (/M, or the signing-time attribute), "" if none
	Algorithm say.Text // as "ECDSA P-256 with SHA-256"
	End       int      // where the bytes it covers end
	Intact    bool     // the bytes it covers are the ones signed, and the signature is the certificate's key's
	Reason    say.Text // why it is not intact
}

var (
	byteRangeRe = regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`)
	sigTimeRe   = regexp.MustCompile(`/M\s*\((D:[^)]*)\)`)
)

// Signatures finds each signature of a PDF (each /ByteRange) and checks
// it: the SHA-256 of the bytes it covers against its message digest, and
// its signature over the signed attributes with its certificate's key. The
// certificate itself is not judged (whether a trusted authority issued
// it is for the reader's trust store). Unsigned is how many bytes at the
// end of the file no signature's byte range reaches (0 when the last
// signature covers the whole file, or there is none).
func Signatures(pdf []byte) (sigs []Signature, unsigned int) {
	covered := 0
	for _, m := range byteRangeRe.FindAllSubmatchIndex(pdf, -1) {
		var r [4]int
		for i := range r {
			r[i], _ = strconv.Atoi(string(pdf[m[2+2*i]:m[3+2*i]]))
		}
		s := check(pdf, r)
		s.Time = signingTime(pdf, m[0])
		if s.End <= len(pdf) {
			covered = max(covered, s.End)
		}
		sigs = append(sigs, s)
	}
	if len(sigs) > 0 {
		unsigned = len(bytes.TrimRight(pdf[covered:], "\r\n"))
	}
	return sigs, unsigned
}

// check checks the signature whose /ByteRange is r.
func check(pdf []byte, r [4]int) Signature {
	s := Signature{End: r[2] + r[3]}
	if r[0] != 0 || r[1] >= r[2] || r[2]+r[3] > len(pdf) || r[2]+r[3] < r[2] {
		s.Reason = say.Sprintf("its byte range [%d %d %d %d] does not fit the file's %d bytes", r[0], r[1], r[2], r[3], len(pdf))
		return s
	}
	gap := bytes.TrimSpace(pdf[r[1]:r[2]])
	if len(gap) < 2 || gap[0] != '<' || gap[len(gap)-1] != '>' {
		s.Reason = say.Sprintf("its byte range leaves out more than its /Contents")
		return s
	}
	der, err := hex.DecodeString(string(bytes.Join(bytes.Fields(gap[1:len(gap)-1]), nil)))
	if err != nil {
		s.Reason = say.Sprintf("its /Contents is not hexadecimal")
		return s
	}
	p, err := parseCMS(der)
	if err != nil {
		s.Reason = say.Sprintf("%v", err)
		return s
	}
	s.Signer = signerName(p.cert)
	if len(p.time) > 0 {
		var t time.Time
		if _, err := asn1.Unmarshal(p.time, &t); err == nil {
			s.Time = t.UTC().Format("2006-01-02 15:04:05 UTC")
		}
	}
	var verify func() error
	switch k := p.cert.PublicKey.(type) {
	case *rsa.PublicKey:
		s.Algorithm = say.Sprintf("RSA %d bits with SHA-256", k.N.BitLen())
		verify = func() error { return p.cert.CheckSignature(x509.SHA256WithRSA, p.signed, p.signature) }
	case *ecdsa.PublicKey:
		s.Algorithm = say.Sprintf("ECDSA %s with SHA-256", k.Curve.Params().Name)
		verify = func() error { return p.cert.CheckSignature(x509.ECDSAWithSHA256, p.signed, p.signature) }
	case *sm2.PublicKey:
		s.Algorithm = say.Sprintf("SM2 with SM3")
		verify = func() error {
			if !k.Verify(p.signed, p.signature) { // with the default user ID
				return say.New("SM2 verification failed")
			}
			return nil
		}
	default:
		s.Reason = say.Sprintf("its key (%T) is not one this gongwen checks", k)
		return s
	}
	newHash, want := digestFor(p.cert.PublicKey)
	if !p.digestAlg.Equal(want) {
		s.Algorithm = say.Sprintf("digest %s", p.digestAlg.String())
		s.Reason = say.Sprintf("its digest algorithm is not %v, the one this gongwen checks for its key", want)
		return s
	}
	h := newHash()
	h.Write(pdf[:r[1]])
	h.Write(pdf[r[2] : r[2]+r[3]])
	if !bytes.Equal(h.Sum(nil), p.digest) {
		s.Reason = say.Sprintf("the signed bytes changed: their digest is not the one signed")
		return s
	}
	if err := verify(); err != nil {
		s.Reason = say.Sprintf("the signature is not the certificate's key's (%v)", err)
		return s
	}
	if sum := sha256.Sum256(p.cert.Raw); p.certHash != nil && !bytes.Equal(p.certHash, sum[:]) {
		s.Reason = say.Sprintf("the signing certificate attribute names another certificate than the one included")
		return s
	}
	s.Intact = true
	return s
}

// signingTime is the /M of the signature dictionary holding the
// /ByteRange at i, written as 2006-01-02 15:04:05 UTC; "" if none.
func signingTime(pdf []byte, i int) string {
	start := bytes.LastIndex(pdf[:i], []byte(" obj"))
	end := bytes.Index(pdf[i:], []byte("endobj"))
	if start < 0 || end < 0 {
		return ""
	}
	m := sigTimeRe.FindSubmatch(pdf[start : i+end])
	if m == nil {
		return ""
	}
	d := string(m[1])
	for _, layout := range []string{"D:20060102150405-07'00'", "D:20060102150405Z07'00'", "D:20060102150405Z", "D:20060102150405"} {
		if t, err := time.Parse(layout, d); err == nil {
			return t.UTC().Format("2006-01-02 15:04:05 UTC")
		}
	}
	return d
}

// revisionEndRe finds where a revision of a PDF ends: its startxref, its
// offset and %%EOF, with the end-of-line after it.
var revisionEndRe = regexp.MustCompile(`startxref\s+\d+\s+%%EOF(\r\n|\r|\n)?`)

// ForeignUpdates lists where each incremental update of pdf ends that is
// not a signature's (no signature of sigs covers exactly up to its end)
// and that a later signature covers: a change made after the PDF was
// built, then signed over, which a comparison of the PDF as built with a
// rebuild would not see. Updates after the last signature are Signatures'
// unsigned bytes instead.
func ForeignUpdates(pdf []byte, sigs []Signature) []int {
	last := 0
	for _, s := range sigs {
		last = max(last, s.End)
	}
	var foreign []int
	for i, m := range revisionEndRe.FindAllIndex(pdf, -1) {
		if i == 0 || m[1] > last {
			continue // the PDF as built, or bytes no signature covers
		}
		end := len(bytes.TrimRight(pdf[:m[1]], "\r\n"))
		signed := false
		for _, s := range sigs {
			signed = signed || s.End >= end && s.End <= m[1]
		}
		if !signed {
			foreign = append(foreign, m[1])
		}
	}
	return foreign
}
