package main

import (
	"fmt"
	"io"
	"time"

	"gongwen/internal/build"
	"gongwen/internal/sign"
)

const signHelp = `Usage: gongwen sign --key KEY.pem --cert CERT.pem [--chain CHAIN.pem] -o OUT.pdf FILE.pdf

Signs a PDF gongwen built with a PAdES baseline-B signature (ETSI EN
319 142-1: CMS, SHA-256, the signing certificate), appended to the PDF as
an incremental update: the built bytes stay as they are at the start of
OUT.pdf, which stays PDF/A-1b, and gongwen verify still compares them with
a rebuild. The signature's field sits on the seal (on page 1 when the
document has none) and draws nothing over it.

Keys: RSA (2048 bits or more) or ECDSA P-256, in PEM, unencrypted; the
certificate must be the key's; --chain adds the certificates that issued
it. The signing time written is now, or SOURCE_DATE_EPOCH when set.
FILE.pdf is never changed; OUT.pdf is written to a temporary file and
renamed into place, and never replaces an input.

Exit status: 0 signed, 1 a problem with an input, 2 wrong usage.

Options:
`

func runSign(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("sign", signHelp, stderr)
	key := fs.String("key", "", "the signer's private key, `KEY.pem`")
	cert := fs.String("cert", "", "the signer's certificate, `CERT.pem`")
	chain := fs.String("chain", "", "the certificates that issued it, `CHAIN.pem` (optional)")
	out := fs.String("o", "", "the signed PDF to write, `OUT.pdf`")
	if code := parse(fs, args, stdout, "PDF"); code >= 0 {
		return code
	}
	switch {
	case fs.NArg() != 1:
		fmt.Fprintf(stderr, "gongwen sign: give one PDF, not %d files\n", fs.NArg())
		return exitUsage
	case *key == "" || *cert == "":
		fmt.Fprintln(stderr, "gongwen sign: give the private key (--key) and its certificate (--cert)")
		return exitUsage
	case *out == "":
		fmt.Fprintln(stderr, "gongwen sign: give the signed PDF's name with -o (the PDF given is never changed)")
		return exitUsage
	}
	epoch, err := build.EpochFromEnv()
	if err != nil {
		fmt.Fprintln(stderr, "gongwen:", err)
		return exitUsage
	}
	when := time.Now()
	if epoch != nil {
		when = *epoch
	}
	signer, err := sign.File(sign.Request{In: fs.Arg(0), Out: *out, Key: *key, Cert: *cert, Chain: *chain, Time: when})
	if err != nil {
		report(stderr, err)
		return exitInput
	}
	fmt.Fprintf(stdout, "%s → %s (signed by %s)\n", fs.Arg(0), *out, signer)
	return exitOK
}
