package sign

import (
	"bytes"
	"regexp"
	"strconv"

	"gongwen/internal/say"
)

// The few parts of a PDF that signing reads: the last cross-reference
// table and trailer, and the dictionaries of the catalog, the page tree
// and the pages. gongwen's PDFs (PDF/A-1b) have one classic
// cross-reference table and a flat page tree of plain dictionaries; a PDF
// of another form is refused with a message, never guessed at.

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	refRe       = `(\d+)\s+(\d+)\s+R`
	sizeRe      = regexp.MustCompile(`/Size\s+(\d+)`)
	rootRe      = regexp.MustCompile(`/Root\s+` + refRe)
	infoRe      = regexp.MustCompile(`/Info\s+` + refRe)
	idRe        = regexp.MustCompile(`/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]`)
	pagesRe     = regexp.MustCompile(`/Pages\s+` + refRe)
	kidsRe      = regexp.MustCompile(`/Kids\s*\[((?:\s*\d+\s+\d+\s+R)*)\s*\]`)
	kidRe       = regexp.MustCompile(refRe)
	mediaBoxRe  = regexp.MustCompile(`/MediaBox\s*\[\s*([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s*\]`)
	pageTypeRe  = regexp.MustCompile(`/Type\s*/Page\b`)
	prevRe      = regexp.MustCompile(`/Prev\s+(\d+)`)
	// The form a signature made here adds to the catalog.
	acroFormRe = regexp.MustCompile(`\s*/AcroForm\s*<<\s*/Fields\s*\[((?:\s*\d+\s+0\s+R)*)\s*\]\s*/SigFlags\s+3\s*>>`)
	annotsRe   = regexp.MustCompile(`\s*/Annots\s*\[([^\]]*)\]`)
	subsecRe   = regexp.MustCompile(`^(\d+) (\d+)\s*$`)
)

// document is what signing needs to know of a PDF.
type document struct {
	pdf       []byte
	startxref int
	size      int    // the trailer's /Size
	root      int    // the catalog's object number
	info      string // "/Info N 0 R", or ""
	id        string // "/ID [<…> <…>]"
	offsets   map[int]int
	tree      int      // the page tree's object number
	pages     []int    // the pages' object numbers, in order
	fields    [][]byte // the signature fields already in the form ("N 0 R")
}

// onlySignatures refuses a PDF changed after it was built otherwise than
// by signatures that are intact and cover it whole: a signature over a
// change would pass the change off as signed.
func onlySignatures(pdf []byte) error {
	sigs, unsigned := Signatures(pdf)
	for i, s := range sigs {
		if !s.Intact {
			return say.Errorf("its signature %d is broken (%s): it cannot be signed again", i+1, s.Reason)
		}
	}
	if len(sigs) == 0 || unsigned > 0 || len(ForeignUpdates(pdf, sigs)) > 0 {
		return say.New("it was changed after it was built, and not only by signatures: sign the PDF gongwen built")
	}
	return nil
}

// readDocument reads the trailer, cross-reference table and page tree.
func readDocument(pdf []byte) (*document, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return nil, say.New("not a PDF")
	}
	tail := pdf[max(0, len(pdf)-1024):]
	m := startxrefRe.FindSubmatch(tail)
	if m == nil {
		return nil, say.New("its end (startxref and %%EOF) is not where a PDF has it: it is cut short or damaged")
	}
	d := &document{pdf: pdf, offsets: map[int]int{}}
	d.startxref, _ = strconv.Atoi(string(m[1]))
	// The cross-reference tables, the newest first (each update's trailer
	// names the one before with /Prev); an object's newest offset counts.
	var trailer []byte
	seen := map[int]bool{}
	for off := d.startxref; ; {
		if off >= len(pdf) || seen[off] || !bytes.HasPrefix(pdf[off:], []byte("xref")) {
			return nil, say.New("it has no cross-reference table where startxref says (a cross-reference stream, or a damaged file): only PDFs gongwen built can be signed")
		}
		seen[off] = true
		t := bytes.Index(pdf[off:], []byte("trailer"))
		if t < 0 {
			return nil, say.New("it has no trailer")
		}
		if err := d.readXref(pdf[off+len("xref") : off+t]); err != nil {
			return nil, err
		}
		this := pdf[off+t:]
		if e := bytes.Index(this, []byte("startxref")); e >= 0 {
			this = this[:e]
		}
		if trailer == nil {
			trailer = this
		}
		prev := prevRe.FindSubmatch(this)
		if prev == nil {
			break
		}
		off, _ = strconv.Atoi(string(prev[1]))
	}
	if len(seen) > 1 {
		if err := onlySignatures(pdf); err != nil {
			return nil, err
		}
	}
	size, root := sizeRe.FindSubmatch(trailer), rootRe.FindSubmatch(trailer)
	if size == nil || root == nil {
		return nil, say.New("its trailer has no /Size or /Root")
	}
	d.size, _ = strconv.Atoi(string(size[1]))
	d.root, _ = strconv.Atoi(string(root[1]))
	if m := infoRe.Find(trailer); m != nil {
		d.info = string(m)
	}
	if m := idRe.Find(trailer); m != nil {
		d.id = string(m)
	} else {
		return nil, say.New("its trailer has no /ID, which PDF/A requires: only PDFs gongwen built can be signed")
	}
	return d, d.readPages()
}

// readXref reads a cross-reference table's subsections (ISO 32000-1
// clause 7.5.4).
func (d *document) readXref(table []byte) error {
	lines := bytes.Split(bytes.ReplaceAll(table, []byte("\r"), []byte("\n")), []byte("\n"))
	first, count := 0, 0
	for _, l := range lines {
		s := bytes.TrimSpace(l)
		if len(s) == 0 {
			continue
		}
		if count == 0 {
			m := subsecRe.FindSubmatch(s)
			if m == nil {
				return say.Errorf("its cross-reference table is damaged near %q", s)
			}
			first, _ = strconv.Atoi(string(m[1]))
			count, _ = strconv.Atoi(string(m[2]))
			continue
		}
		f := bytes.Fields(s)
		if len(f) != 3 {
			return say.Errorf("its cross-reference table is damaged near %q", s)
		}
		if _, newer := d.offsets[first]; string(f[2]) == "n" && !newer {
			off, err := strconv.Atoi(string(f[0]))
			if err != nil || off >= len(d.pdf) {
				return say.Errorf("its cross-reference table is damaged near %q", s)
			}
			d.offsets[first] = off
		}
		first++
		count--
	}
	return nil
}

// object is the dictionary of object n (an object without a stream):
// the bytes from its "<<" to its "endobj", trimmed.
func (d *document) object(n int) ([]byte, error) {
	off, ok := d.offsets[n]
	if !ok {
		return nil, say.Errorf("object %d is not in its cross-reference table", n)
	}
	head := strconv.Itoa(n) + " 0 obj"
	if !bytes.HasPrefix(d.pdf[off:], []byte(head)) {
		return nil, say.Errorf("object %d is not where its cross-reference table says", n)
	}
	body := d.pdf[off+len(head):]
	end := bytes.Index(body, []byte("endobj"))
	if end < 0 {
		return nil, say.Errorf("object %d has no endobj", n)
	}
	body = bytes.TrimSpace(body[:end])
	if !bytes.HasPrefix(body, []byte("<<")) || !bytes.HasSuffix(body, []byte(">>")) || bytes.Contains(body, []byte("stream")) {
		return nil, say.Errorf("object %d is not a plain dictionary", n)
	}
	return body, nil
}

// readPages lists the pages of a flat page tree.
func (d *document) readPages() error {
	cat, err := d.object(d.root)
	if err != nil {
		return err
	}
	if m := acroFormRe.FindSubmatch(cat); m != nil {
		d.fields = kidRe.FindAll(m[1], -1)
	} else if bytes.Contains(cat, []byte("/AcroForm")) {
		return say.New("it already has a form (/AcroForm) other than the signatures gongwen adds: only PDFs gongwen built can be signed")
	}
	m := pagesRe.FindSubmatch(cat)
	if m == nil {
		return say.New("its catalog names no page tree")
	}
	d.tree, _ = strconv.Atoi(string(m[1]))
	tree, err := d.object(d.tree)
	if err != nil {
		return err
	}
	kids := kidsRe.FindSubmatch(tree)
	if kids == nil {
		return say.New("its page tree has no /Kids")
	}
	for _, k := range kidRe.FindAllSubmatch(kids[1], -1) {
		p, _ := strconv.Atoi(string(k[1]))
		page, err := d.object(p)
		if err != nil {
			return err
		}
		if !pageTypeRe.Match(page) || bytes.Contains(page, []byte("/Kids")) {
			return say.New("its page tree is not flat: only PDFs gongwen built can be signed")
		}
		d.pages = append(d.pages, p)
	}
	if len(d.pages) == 0 {
		return say.New("it has no pages")
	}
	return nil
}

// pageHeight is the height of page i (0-based) in points, from its
// MediaBox or the page tree's.
func (d *document) pageHeight(i int) (float64, error) {
	page, err := d.object(d.pages[i])
	if err != nil {
		return 0, err
	}
	m := mediaBoxRe.FindSubmatch(page)
	if m == nil {
		tree, _ := d.object(d.tree)
		m = mediaBoxRe.FindSubmatch(tree)
	}
	if m == nil {
		return 0, say.Errorf("page %d has no /MediaBox", i+1)
	}
	y0, _ := strconv.ParseFloat(string(m[2]), 64)
	y1, _ := strconv.ParseFloat(string(m[4]), 64)
	return y1 - y0, nil
}

// withEntry is dictionary dict (from object) with entry added before
// its closing ">>".
func withEntry(dict []byte, entry string) []byte {
	out := append([]byte(nil), dict[:len(dict)-2]...)
	out = append(out, "\n"+entry+">>"...)
	return out
}
