package main

import (
	"fmt"
	"io"

	"gongwen/internal/archive"
	"gongwen/internal/build"
	"gongwen/internal/i18n"
	"gongwen/internal/input"
	"gongwen/internal/sign"
)

// verifySignatures prints each signature of the PDF at path, whether the
// bytes it covers are intact, and what follows the built PDF that no
// signature covers; it reports whether all is well, and the PDF's bytes
// when it has signatures and every update after the build is one of them,
// intact (the rebuild is then compared with the PDF as built). An OFD,
// or a file that cannot be read (verify says why), has nothing to say here.
func verifySignatures(path string, stdout io.Writer) (bool, []byte) {
	if build.IsOFD(path) {
		return true, nil
	}
	pdf, err := input.Read(path, input.PDF)
	if err != nil {
		return true, nil
	}
	sigs, unsigned := sign.Signatures(pdf)
	ok := true
	for i, s := range sigs {
		what := i18n.Line(lang, fmt.Sprintf("signature %d", i+1))
		if s.Signer != "" {
			what += ": " + s.Signer
		}
		if s.Time != "" {
			what += ", " + s.Time
		}
		if s.Algorithm != "" {
			what += ", " + i18n.Line(lang, s.Algorithm)
		}
		if s.Intact {
			fmt.Fprintf(stdout, "%s: %s: intact, the signed bytes are unchanged (the certificate's trust is not checked)\n", path, what)
			continue
		}
		fmt.Fprintf(stdout, "%s: %s: BROKEN: %s\n", path, what, s.Reason)
		ok = false
	}
	for _, end := range sign.ForeignUpdates(pdf, sigs) {
		fmt.Fprintf(stdout, "%s: an update that ends at byte %d is not a signature's: the PDF was changed after it was built, and signed over (verify compares only the PDF as built)\n", path, end)
		ok = false
	}
	if unsigned > 0 {
		fmt.Fprintf(stdout, "%s: %d bytes at its end were added after the last signature, which does not cover them\n", path, unsigned)
		ok = false
	}
	if len(sigs) == 0 {
		if n := len(pdf) - len(archive.FirstRevision(pdf)); n > 0 {
			fmt.Fprintf(stdout, "%s: %d bytes were appended to the PDF after it was built, and no signature covers them\n", path, n)
			ok = false
		}
	}
	if ok && len(sigs) > 0 {
		return true, pdf
	}
	return ok, nil
}
