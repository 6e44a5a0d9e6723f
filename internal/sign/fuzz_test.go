package sign

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"testing"
)

// FuzzSignatures: whatever a file holds, reading its signatures returns
// (no panic, no hang), and a signature it calls intact covers bytes that
// are in the file.
func FuzzSignatures(f *testing.F) {
	f.Add([]byte("%PDF-1.4\n/ByteRange [0 10 20 5] /Contents <3000>\n%%EOF\n"))
	f.Add([]byte("/ByteRange [0 99999999999999999999 1 1]"))
	f.Add([]byte("/ByteRange [0 3 2 1]"))
	buildOnce()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil || builtErr != nil {
		f.Fatal(err, builtErr)
	}
	cert, err := selfSigned(key, "fuzz", 1)
	if err != nil {
		f.Fatal(err)
	}
	signed, err := PDF(builtPDF, Options{Key: key, Chain: []*x509.Certificate{cert}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(signed)
	f.Add(signed[len(builtPDF)-200:]) // the update, its offsets now wrong
	f.Fuzz(func(t *testing.T, b []byte) {
		sigs, unsigned := Signatures(b)
		for _, s := range sigs {
			if s.Intact && (s.End > len(b) || s.Reason.Format != "") {
				t.Errorf("an intact signature %+v in a file of %d bytes", s, len(b))
			}
		}
		if unsigned < 0 || unsigned > len(b) {
			t.Errorf("%d bytes unsigned of %d", unsigned, len(b))
		}
	})
}
