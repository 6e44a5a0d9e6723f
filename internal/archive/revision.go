package archive

import "bytes"

// FirstRevision is a PDF's bytes up to its first %%EOF marker and the
// end-of-line after it: the PDF as gongwen built it, when later
// revisions (a signature, see package sign) were appended to it as
// incremental updates (ISO 32000-1 clause 7.5.6). A file without the
// marker (an OFD package, a PDF cut short) is returned whole.
func FirstRevision(pdf []byte) []byte {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return pdf
	}
	i := bytes.Index(pdf, []byte("%%EOF"))
	if i < 0 {
		return pdf
	}
	end := i + len("%%EOF")
	switch {
	case bytes.HasPrefix(pdf[end:], []byte("\r\n")):
		end += 2
	case end < len(pdf) && (pdf[end] == '\n' || pdf[end] == '\r'):
		end++
	}
	return pdf[:end]
}

// SignedOnly judges a PDF whose every update after the build is a
// signature's, intact (package sign checks that): the comparison with the
// rebuild and the trailer ID's seal are those of the PDF as built.
func (r *Report) SignedOnly(pdf []byte) {
	r.Identical = r.BuiltIdentical
	r.Seal = AsWritten(FirstRevision(pdf))
}
