package main

import (
	"io"
	"os"
	"time"

	"gongwen/internal/build"
	"gongwen/internal/say"
	"gongwen/internal/sign"
)

const signHelp = `Usage: gongwen sign --key KEY.pem --cert CERT.pem [--chain CHAIN.pem] [--at N] [--seal SEAL.png] -o OUT.pdf FILE.pdf
       gongwen sign --p12 FILE.p12 [--p12-password-file FILE] [--chain CHAIN.pem] [--at N] [--seal SEAL.png] -o OUT.pdf FILE.pdf
       gongwen sign --key KEY.pem --cert CERT.pem [--at N] [--seal SEAL.png] [--seal-key K.pem --seal-cert C.pem] -o OUT.ofd FILE.ofd

Signs a PDF gongwen built with a PAdES baseline-B signature (ETSI EN
319 142-1: CMS, SHA-256, the signing certificate), appended to the PDF as
an incremental update: the built bytes stay as they are at the start of
OUT.pdf, which stays PDF/A-1b, and gongwen verify still compares them with
a rebuild. The signature's field sits on the seal and draws nothing over
it; a signed PDF signed again gets its next signature on the next seal
(each issuer of a joint document in turn). Where the document draws no
seal (built with seal = "paper", or without a seal: the field then sits
where a seal would stand over the 署名 and date), --seal SEAL.png (PNG or
JPEG) is drawn there as the signature's picture, as large as the build
draws a seal, its proportions kept; over a seal the page draws, --seal is
refused.

An OFD gets an electronic seal (GB/T 38540-2020 SES_Signature, SM2 with
SM3) as GB/T 33190 clause 18 says: Signatures.xml, and Signature.xml with
the SM3 digest of every part and the stamp annotation where the page draws
the seal; the seal's picture is the one drawn there, or --seal's. It needs
an SM2 key; the seal is self-issued (signed with the same key) unless
--seal-key and --seal-cert give its maker's SM2 key and certificate. OUT.ofd
holds the parts of FILE.ofd unchanged, OFD.xml naming the signatures, and
the signature's files.

Keys: RSA (2048 bits or more), ECDSA P-256 or SM2, unencrypted PEM; the
certificate must be the key's; --chain adds the certificates that issued
it. Or --p12: a PKCS #12 file holding the key and its certificates, its
password the first line of --p12-password-file's FILE or, without it, the
environment variable GONGWEN_P12_PASSWORD (never on the command line,
where other users could see it).
The signing time written is now, or SOURCE_DATE_EPOCH when set.
FILE.pdf is never changed; OUT.pdf is written to a temporary file and
renamed into place, and never replaces an input.

Exit status: 0 signed, 1 a problem with an input, 2 wrong usage.

Options:
`

// p12PasswordVar is the environment variable holding a PKCS #12 file's
// password when no password file is given.
const p12PasswordVar = "GONGWEN_P12_PASSWORD"

func hasP12Password() bool {
	_, ok := os.LookupEnv(p12PasswordVar)
	return ok
}

func runSign(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("sign", signHelp, stderr)
	key := fs.String("key", "", "the signer's private key, `KEY.pem`")
	cert := fs.String("cert", "", "the signer's certificate, `CERT.pem`")
	chain := fs.String("chain", "", "the certificates that issued it, `CHAIN.pem` (optional)")
	out := fs.String("o", "", "the signed PDF or OFD to write, `OUT.pdf`")
	sealKey := fs.String("seal-key", "", "an OFD seal maker's SM2 key, `K.pem`, which signs the seal (default: the signer's own key)")
	sealCert := fs.String("seal-cert", "", "the seal maker's certificate, `C.pem` (with --seal-key)")
	at := fs.Int("at", 0, "sign at seal `N`, counted from 1 in the order the pages draw them (a joint document's issuers); default: the next not yet signed")
	p12 := fs.String("p12", "", "a PKCS #12 file, `FILE.p12`, holding the key and its certificates (instead of --key and --cert)")
	seal := fs.String("seal", "", "a picture of the seal, `SEAL.png`, for a document that draws no seal (seal = \"paper\", or none): a PDF signature's appearance, an OFD electronic seal's picture, shown at the seal's place")
	p12Password := fs.String("p12-password-file", "", "a `FILE` whose first line is the PKCS #12 file's password (default: $GONGWEN_P12_PASSWORD)")
	if code := parse(fs, args, stdout, say.Word("PDF or OFD")); code >= 0 {
		return code
	}
	switch {
	case fs.NArg() != 1:
		say.Fprintf(stderr, "gongwen sign: give one PDF or OFD, not %d files\n", fs.NArg())
		return exitUsage
	case *at < 0:
		say.Fprintf(stderr, "gongwen sign: --at %d: give a seal's number, from 1\n", *at)
		return exitUsage
	case *p12 != "" && (*key != "" || *cert != ""):
		say.Fprintln(stderr, say.Sprintf("gongwen sign: give either --p12 or --key and --cert, not both"))
		return exitUsage
	case *p12 == "" && (*key == "" || *cert == ""):
		say.Fprintln(stderr, say.Sprintf("gongwen sign: give the private key (--key) and its certificate (--cert), or a PKCS #12 file (--p12)"))
		return exitUsage
	case *p12 != "" && *p12Password == "" && !hasP12Password():
		say.Fprintln(stderr, say.Sprintf("gongwen sign: give the PKCS #12 file's password in a file (--p12-password-file) or in the environment variable GONGWEN_P12_PASSWORD"))
		return exitUsage
	case (*sealKey == "") != (*sealCert == ""):
		say.Fprintln(stderr, say.Sprintf("gongwen sign: give the seal maker's key (--seal-key) and its certificate (--seal-cert) together"))
		return exitUsage
	case *out == "":
		say.Fprintln(stderr, say.Sprintf("gongwen sign: give the signed PDF's name with -o (the PDF given is never changed)"))
		return exitUsage
	}
	epoch, err := build.EpochFromEnv()
	if err != nil {
		say.Fprintln(stderr, "gongwen:", err)
		return exitUsage
	}
	when := time.Now()
	if epoch != nil {
		when = *epoch
	}
	signer, err := sign.File(sign.Request{In: fs.Arg(0), Out: *out, Key: *key, Cert: *cert, Chain: *chain,
		P12: *p12, P12PasswordFile: *p12Password, P12Password: os.Getenv(p12PasswordVar), Time: when, At: *at,
		Seal: *seal, SealKey: *sealKey, SealCert: *sealCert, Version: build.Version})
	if err != nil {
		report(stderr, err)
		return exitInput
	}
	say.Fprintf(stdout, "%s → %s (signed by %s)\n", fs.Arg(0), *out, signer)
	return exitOK
}
