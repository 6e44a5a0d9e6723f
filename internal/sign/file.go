package sign

import (
	"crypto"
	"crypto/x509"
	"os"
	"strings"
	"time"

	"gongwen/internal/build"
	"gongwen/internal/doc"
	"gongwen/internal/input"
	"gongwen/internal/picture"
)

// Request is one signing: the files named on the command line.
type Request struct {
	In, Out          string // the PDF to sign, and where the signed one goes
	Key, Cert, Chain string // PEM files; Chain may be empty
	P12              string // a PKCS #12 file instead of Key and Cert
	P12PasswordFile  string // the file holding its password (its first line), or
	P12Password      string // the password itself (from the environment)
	Time             time.Time
	At               int    // the seal to sign at, from 1; 0 for the next
	Seal             string // a picture of the seal: a PDF signature's appearance, an OFD seal's picture; or ""
	SealKey          string // an OFD seal maker's key (PEM); "" for a self-issued seal
	SealCert         string // and its certificate
	Version          string // the tool's version, named in an OFD's signature
}

// File signs the PDF (or OFD, by its extension) at r.In and writes the
// signed file to r.Out, through a temporary file renamed into place: on
// any error nothing is written and an existing r.Out keeps its bytes.
// r.Out may not be one of the inputs; r.In is never changed. It returns
// the signer's name.
func File(r Request) (string, error) {
	inputs := []build.Input{{Path: r.In, What: "the PDF to sign"}}
	if r.P12 != "" {
		inputs = append(inputs, build.Input{Path: r.P12, What: "the PKCS #12 file"})
		if r.P12PasswordFile != "" {
			inputs = append(inputs, build.Input{Path: r.P12PasswordFile, What: "the PKCS #12 file's password file"})
		}
	} else {
		inputs = append(inputs, build.Input{Path: r.Key, What: "the private key"}, build.Input{Path: r.Cert, What: "the certificate"})
	}
	if r.Chain != "" {
		inputs = append(inputs, build.Input{Path: r.Chain, What: "the certificate chain"})
	}
	if r.Seal != "" {
		inputs = append(inputs, build.Input{Path: r.Seal, What: "the seal picture"})
	}
	isOFD := strings.EqualFold(r.In[max(0, len(r.In)-4):], ".ofd")
	if !isOFD && r.SealKey != "" {
		return "", doc.Errorf(doc.Pos{File: r.SealKey}, "a seal maker's key signs an OFD's electronic seal; a PDF has none")
	}
	if isOFD {
		inputs[0].What = "the OFD to sign"
		if r.SealKey != "" {
			inputs = append(inputs, build.Input{Path: r.SealKey, What: "the seal maker's key"}, build.Input{Path: r.SealCert, What: "the seal maker's certificate"})
		}
	}
	if st, err := os.Stat(r.Out); err == nil {
		for _, in := range inputs {
			if ist, err := os.Stat(in.Path); err == nil && os.SameFile(st, ist) {
				return "", doc.Errorf(doc.Pos{File: r.Out}, "is %s; the signed PDF may never replace an input: choose another output name", in.What)
			}
		}
	}
	if err := build.CheckOutput(r.Out, nil); err != nil {
		return "", err
	}
	kind := input.PDF
	if isOFD {
		kind = input.OFD
	}
	pdf, err := input.Read(r.In, kind)
	if err != nil {
		return "", doc.Errorf(doc.Pos{File: r.In}, "%v", err)
	}
	read := func(path string) ([]byte, error) {
		b, err := input.Read(path, input.Any)
		if err != nil {
			return nil, doc.Errorf(doc.Pos{File: path}, "%v", err)
		}
		return b, nil
	}
	key, chain, err := r.keys(read)
	if err != nil {
		return "", err
	}
	if r.Chain != "" {
		chainPEM, err := read(r.Chain)
		if err != nil {
			return "", err
		}
		more, err := Certificates(chainPEM)
		if err != nil {
			return "", doc.Errorf(doc.Pos{File: r.Chain}, "%v", err)
		}
		chain = append(chain, more...)
	}
	var seal []byte
	if r.Seal != "" {
		if _, seal, err = picture.Read(r.Seal); err != nil {
			return "", doc.Errorf(doc.Pos{File: r.Seal}, "the seal picture (--seal) %v", err)
		}
	}
	opt := Options{Key: key, Chain: chain, Time: r.Time, At: r.At, Seal: seal}
	var signed []byte
	if isOFD {
		o := OFDOptions{Options: opt, Provider: "gongwen", Version: r.Version}
		if r.SealKey != "" {
			if o.SealKey, o.SealCert, err = r.sealMaker(read); err != nil {
				return "", err
			}
		}
		signed, err = OFD(pdf, o)
	} else {
		signed, err = PDF(pdf, opt)
	}
	if err != nil {
		return "", doc.Errorf(doc.Pos{File: r.In}, "cannot sign: %v", err)
	}
	if err := build.WriteAtomic(r.Out, signed); err != nil {
		return "", err
	}
	return signerName(chain[0]), nil
}

// signerName is how a certificate's subject is shown: its common name,
// or the whole subject when it has none.
func signerName(c *x509.Certificate) string {
	if c.Subject.CommonName != "" {
		return c.Subject.CommonName
	}
	return c.Subject.String()
}

// keys reads the signer's key and certificates: from the PKCS #12 file,
// or from the PEM key and certificate files.
func (r Request) keys(read func(string) ([]byte, error)) (crypto.Signer, []*x509.Certificate, error) {
	if r.P12 != "" {
		b, err := read(r.P12)
		if err != nil {
			return nil, nil, err
		}
		password := r.P12Password
		if r.P12PasswordFile != "" {
			pw, err := read(r.P12PasswordFile)
			if err != nil {
				return nil, nil, err
			}
			password, _, _ = strings.Cut(string(pw), "\n")
			password = strings.TrimSuffix(password, "\r")
		}
		key, chain, err := PKCS12(b, password)
		if err != nil {
			return nil, nil, doc.Errorf(doc.Pos{File: r.P12}, "%v", err)
		}
		return key, chain, nil
	}
	return keyAndCertificates(read, r.Key, r.Cert)
}

// keyAndCertificates reads a PEM private key and the PEM certificates
// whose first is the key's, each error naming its file.
func keyAndCertificates(read func(string) ([]byte, error), keyPath, certPath string) (crypto.Signer, []*x509.Certificate, error) {
	keyPEM, err := read(keyPath)
	if err != nil {
		return nil, nil, err
	}
	key, err := Key(keyPEM)
	if err != nil {
		return nil, nil, doc.Errorf(doc.Pos{File: keyPath}, "%v", err)
	}
	certPEM, err := read(certPath)
	if err != nil {
		return nil, nil, err
	}
	chain, err := Certificates(certPEM)
	if err != nil {
		return nil, nil, doc.Errorf(doc.Pos{File: certPath}, "%v", err)
	}
	if err := Matches(key, chain[0]); err != nil {
		return nil, nil, doc.Errorf(doc.Pos{File: certPath}, "%v", err)
	}
	return key, chain, nil
}

// sealMaker reads the seal maker's key and certificate.
func (r Request) sealMaker(read func(string) ([]byte, error)) (crypto.Signer, *x509.Certificate, error) {
	key, certs, err := keyAndCertificates(read, r.SealKey, r.SealCert)
	if err != nil {
		return nil, nil, err
	}
	return key, certs[0], nil
}
