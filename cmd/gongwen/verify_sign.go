package main

import (
	"io"

	"gongwen/internal/archive"
	"gongwen/internal/build"
	"gongwen/internal/input"
	"gongwen/internal/say"
	"gongwen/internal/sign"
)

// verifySignatures prints each signature of the PDF at path, whether the
// bytes it covers are intact, and what follows the built PDF that no
// signature covers; it reports whether all is well, and the PDF's bytes
// when it has signatures and every update after the build is one of them,
// intact (the rebuild is then compared with the PDF as built). For a
// signed OFD (see verifyOFDSignatures) the bytes are the package as it was
// before it was signed. A file that cannot be read (verify says why) has
// nothing to say here.
func verifySignatures(path string, stdout io.Writer) (bool, []byte) {
	if build.IsOFD(path) {
		return verifyOFDSignatures(path, stdout)
	}
	pdf, err := input.Read(path, input.PDF)
	if err != nil {
		return true, nil
	}
	sigs, unsigned := sign.Signatures(pdf)
	ok := printSignatures(path, sigs, stdout)
	for _, end := range sign.ForeignUpdates(pdf, sigs) {
		say.Fprintf(stdout, "%s: an update that ends at byte %d is not a signature's: the PDF was changed after it was built, and signed over (verify compares only the PDF as built)\n", path, end)
		ok = false
	}
	if unsigned > 0 {
		say.Fprintf(stdout, "%s: %d bytes at its end were added after the last signature, which does not cover them\n", path, unsigned)
		ok = false
	}
	if len(sigs) == 0 {
		if n := len(pdf) - len(archive.FirstRevision(pdf)); n > 0 {
			say.Fprintf(stdout, "%s: %d bytes were appended to the PDF after it was built, and no signature covers them\n", path, n)
			ok = false
		}
	}
	if ok && len(sigs) > 0 {
		return true, pdf
	}
	return ok, nil
}

// verifyOFDSignatures prints each signature of the OFD at path (package
// sign checks every part it signs, its SM2 value and its seal's); it
// reports whether all are intact, and, when it has signatures, the package
// as it was before it was signed (sign.UnsignedOFD), which the rebuild is
// compared with.
func verifyOFDSignatures(path string, stdout io.Writer) (bool, []byte) {
	pkg, err := input.Read(path, input.OFD)
	if err != nil {
		return true, nil
	}
	sigs, err := sign.OFDSignatures(pkg)
	if err != nil {
		say.Fprintf(stdout, "%s: its signatures cannot be read: %v\n", path, err)
		return false, nil
	}
	if len(sigs) == 0 {
		return true, nil
	}
	ok := printSignatures(path, sigs, stdout)
	unsigned, err := sign.UnsignedOFD(pkg)
	if err != nil {
		say.Fprintf(stdout, "%s: %v\n", path, err)
		return false, nil
	}
	return ok, unsigned
}

// printSignatures prints each signature checked and whether it is intact;
// it reports whether all are.
func printSignatures(path string, sigs []sign.Signature, stdout io.Writer) bool {
	ok := true
	for i, s := range sigs {
		what := say.Sprintf("signature %d", i+1)
		if s.Signer != "" {
			what = say.Sprintf("%v: %s", what, s.Signer)
		}
		if s.SealMaker != "" {
			what = say.Sprintf("%v, %v", what, say.Sprintf("seal made by %s", s.SealMaker))
		}
		if s.Time != "" {
			what = say.Sprintf("%v, %s", what, s.Time)
		}
		if s.Algorithm.Format != "" {
			what = say.Sprintf("%v, %v", what, s.Algorithm)
		}
		if s.Intact {
			say.Fprintf(stdout, "%s: %s: intact, the signed bytes are unchanged (the certificate's trust is not checked)\n", path, what)
			continue
		}
		say.Fprintf(stdout, "%s: %s: BROKEN: %s\n", path, what, s.Reason)
		ok = false
	}
	return ok
}
