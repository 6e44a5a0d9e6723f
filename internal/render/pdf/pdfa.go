package pdf

// The PDF/A-1b post-pass.
//
// fpdf writes a plain PDF 1.3 file, with the XMP packet given to it
// through SetXmpMetadata. What PDF/A-1b (ISO 19005-1) asks beyond that,
// fpdf does not do; this pass does it on fpdf's finished output:
//
//   - the catalog gets an sRGB output intent (clause 6.2.2) with the ICC
//     profile of package icc, as the colour space that gives DeviceRGB
//     and DeviceGray their meaning (clause 6.2.3.3);
//   - the trailer gets an /ID (clause 6.1.3), derived from the file's bytes
//     so that the same document always gets the same ID;
//   - the Info dictionary is written again from the same values as the XMP,
//     its dates with their offset from UTC like the XMP's (clause 6.7.3);
//   - the catalog loses fpdf's empty /Names tree, whose /EmbeddedFiles key
//     PDF/A-1 forbids (clause 6.1.11);
//   - the outline root gets its /Count and each bookmark with children a
//     negative /Count (closed), as the PDF Reference asks (document
//     outline);
//   - the fonts the pages' text shows (fonts.go: subsets named
//     TAG+PostScriptName with their CIDSet, clause 6.3.5) and the images
//     they draw (images.go: transparency as a one-bit mask, clause 6.4),
//     neither of which fpdf is given, are added and named in the pages'
//     resources, and the pages' content, which fpdf writes uncompressed,
//     is compressed;
//   - the header is %PDF-1.4, the version PDF/A-1 is based on (clause 6.1.2).
//
// The pass reads the file through fpdf's own cross-reference table: each
// object runs from its offset to the next object's. It edits the few
// dictionaries above in place, appends the new objects and writes the
// file out again with a new cross-reference table, so every offset is
// computed afresh. It understands just enough PDF syntax for fpdf's output
// and fails with an error, rather than guessing, on anything else.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gongwen/internal/deflate"
	"gongwen/internal/icc"
	"gongwen/internal/say"
)

// object is one indirect object: what lies between "N 0 obj" and "endobj".
type object struct {
	num  int
	body []byte
}

// file is a PDF as fpdf writes it: a header, objects 1…n and a trailer.
type file struct {
	header     []byte // the version line and the binary comment line
	objs       map[int]*object
	order      []int // object numbers in file order
	root, info int
}

var (
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	trailerRE   = regexp.MustCompile(`/(Root|Info) (\d+) 0 R`)
	refRE       = regexp.MustCompile(`^(\d+) 0 R$`)
	versionRE   = regexp.MustCompile(`^%PDF-1\.([0-9])`)
)

// parseFile splits fpdf's output into its objects.
func parseFile(raw []byte) (*file, error) {
	m := startxrefRE.FindSubmatch(raw)
	if m == nil {
		return nil, say.New("no startxref at the end of the file")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref <= 0 || xref >= len(raw) || !bytes.HasPrefix(raw[xref:], []byte("xref")) {
		return nil, say.New("startxref does not point at a cross-reference table")
	}
	lines := strings.Split(string(raw[xref:]), "\n")
	// lines[0] "xref", lines[1] "0 N", then N entries, then "trailer".
	if len(lines) < 3 {
		return nil, say.New("short cross-reference table")
	}
	var first, count int
	if _, err := fmt.Sscanf(lines[1], "%d %d", &first, &count); err != nil || first != 0 || len(lines) < 2+count {
		return nil, say.Errorf("cross-reference table: unexpected subsection %q", lines[1])
	}
	f := &file{objs: map[int]*object{}}
	offsets := map[int]int{}
	for n := 1; n < count; n++ {
		var off, gen int
		var kind string
		if _, err := fmt.Sscanf(lines[2+n], "%d %d %s", &off, &gen, &kind); err != nil || kind != "n" || gen != 0 {
			return nil, say.Errorf("cross-reference entry %d: %q", n, lines[2+n])
		}
		offsets[n] = off
		f.order = append(f.order, n)
	}
	sort.Slice(f.order, func(i, j int) bool { return offsets[f.order[i]] < offsets[f.order[j]] })
	if len(f.order) == 0 {
		return nil, say.New("no objects")
	}
	f.header = raw[:offsets[f.order[0]]]
	for i, n := range f.order {
		end := xref
		if i+1 < len(f.order) {
			end = offsets[f.order[i+1]]
		}
		start := offsets[n]
		if start < 0 || start > end || end > len(raw) {
			return nil, say.Errorf("object %d: offset %d out of order", n, start)
		}
		seg := raw[start:end]
		head := fmt.Sprintf("%d 0 obj\n", n)
		if !bytes.HasPrefix(seg, []byte(head)) {
			return nil, say.Errorf("object %d: offset %d does not start the object", n, start)
		}
		body := bytes.TrimRight(seg[len(head):], "\r\n")
		if !bytes.HasSuffix(body, []byte("endobj")) {
			return nil, say.Errorf("object %d does not end with endobj", n)
		}
		f.objs[n] = &object{num: n, body: bytes.TrimSuffix(body, []byte("endobj"))}
	}
	trailer := string(raw[xref:])
	for _, m := range trailerRE.FindAllStringSubmatch(trailer, -1) {
		n, _ := strconv.Atoi(m[2])
		if m[1] == "Root" {
			f.root = n
		} else {
			f.info = n
		}
	}
	if f.objs[f.root] == nil || f.objs[f.info] == nil {
		return nil, say.New("the trailer names no catalog or no Info dictionary")
	}
	return f, nil
}

// add appends a new object and returns its number.
func (f *file) add(body string) int {
	n := len(f.order) + 1
	f.objs[n] = &object{num: n, body: []byte(body)}
	f.order = append(f.order, n)
	return n
}

// bytes writes the file: header, objects in order, a cross-reference table
// with the offsets where they now stand, and a trailer whose /ID is a hash
// of everything before it.
func (f *file) bytes() []byte {
	// Sized for it all at once: 50 bytes an object for its number, endobj
	// and its cross-reference line, 300 for the trailer.
	size := len(f.header) + 300
	for _, n := range f.order {
		size += len(f.objs[n].body) + 50
	}
	b := bytes.NewBuffer(make([]byte, 0, size))
	b.Write(f.header)
	offsets := make([]int, len(f.order)+1)
	for _, n := range f.order {
		offsets[n] = b.Len()
		fmt.Fprintf(b, "%d 0 obj\n", n)
		body := f.objs[n].body
		b.Write(body)
		if len(body) > 0 && body[len(body)-1] != '\n' {
			b.WriteByte('\n')
		}
		b.WriteString("endobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets))
	for _, off := range offsets[1:] {
		fmt.Fprintf(b, "%010d 00000 n \n", off)
	}
	sum := sha256.Sum256(b.Bytes())
	id := strings.ToUpper(hex.EncodeToString(sum[:16]))
	fmt.Fprintf(b, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%s> <%s>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		len(offsets), f.root, f.info, id, id, xref)
	return b.Bytes()
}

// toPDFA runs the post-pass over fpdf's output, embedding fonts, the
// fonts the pages' text shows (see fonts.go) and the images they draw (see
// images.go).
func toPDFA(raw []byte, info docInfo, fonts []*pdfFont, images []*pdfImage) ([]byte, error) {
	f, err := parseFile(raw)
	if err != nil {
		return nil, say.Errorf("reading the PDF library's output: %v", err)
	}
	if m := versionRE.FindSubmatch(f.header); m == nil || m[1][0] > '4' {
		return nil, say.Errorf("the PDF library wrote a header PDF/A-1 does not allow: %q", firstLine(f.header))
	}
	f.header = versionRE.ReplaceAll(f.header, []byte("%PDF-1.4"))

	if _, ok := f.objs[f.info].get("CreationDate"); !ok {
		return nil, say.New("the trailer's /Info is not the document information")
	}
	f.objs[f.info].body = []byte(info.infoDict())

	cat := f.objs[f.root]
	if _, ok := cat.get("OutputIntents"); ok {
		return nil, say.New("the PDF library already wrote an output intent")
	}
	profile, err := srgbDeflated()
	if err != nil {
		return nil, err
	}
	dest := f.add(fmt.Sprintf("<</N 3 /Alternate /DeviceRGB /Length %d /Filter /FlateDecode>>\nstream\n%s\nendstream\n", len(profile), profile))
	cat.set("OutputIntents", fmt.Sprintf("[<</Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier %s /Info %s /DestOutputProfile %d 0 R>>]",
		pdfString(OutputCondition), pdfString(OutputCondition), dest))
	if err := dropEmptyNames(cat); err != nil {
		return nil, err
	}
	if n, ok := cat.ref("Outlines"); ok {
		if err := countOutlines(f, n); err != nil {
			return nil, err
		}
	}
	if err := embedFonts(f, fonts); err != nil {
		return nil, err
	}
	if err := compressPages(f); err != nil {
		return nil, err
	}
	if err := embedImages(f, images); err != nil {
		return nil, err
	}
	return f.bytes(), nil
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	return s
}

// dropEmptyNames removes the catalog's /Names dictionary, which fpdf always
// writes, when all it holds is an empty /EmbeddedFiles tree.
func dropEmptyNames(cat *object) error {
	v, ok := cat.get("Names")
	if !ok {
		return nil
	}
	names := &object{body: []byte(v)}
	ef, ok := names.get("EmbeddedFiles")
	if ok {
		list, _ := (&object{body: []byte(ef)}).get("Names")
		if strings.Trim(list, "[] \r\n\t") != "" {
			return say.New("the PDF has embedded files, which PDF/A-1 forbids")
		}
		names.del("EmbeddedFiles")
	}
	if keys, _ := names.keys(); len(keys) > 0 {
		return say.Errorf("the catalog's name dictionary holds %v, which this pass does not expect", keys)
	}
	cat.del("Names")
	return nil
}

// countOutlines sets the outline root's /Count to the number of bookmarks
// shown when the document opens (the top level: every bookmark with
// children starts closed) and each such bookmark's /Count to minus the
// number of descendants it would show if it were opened: its children,
// since they are closed in turn (PDF Reference, "Document Outline"). A
// bookmark without children gets no /Count. Each title, which fpdf writes
// as the UTF-8 bytes it was given, becomes a text string (pdfString:
// PDFDocEncoding's ASCII part, or UTF-16BE with a byte order mark).
func countOutlines(f *file, root int) error {
	seen := map[int]bool{}
	// chain walks the siblings from first, returning how many there are.
	var chain func(first int) (int, error)
	chain = func(first int) (int, error) {
		siblings := 0
		for n, ok := first, true; ok; n, ok = f.objs[n].ref("Next") {
			o := f.objs[n]
			if o == nil || seen[n] {
				return 0, say.Errorf("outline item %d: missing or in a loop", n)
			}
			seen[n] = true
			siblings++
			if err := retitle(o); err != nil {
				return 0, say.Errorf("outline item %d: %v", n, err)
			}
			o.del("Count")
			if child, ok := o.ref("First"); ok {
				children, err := chain(child)
				if err != nil {
					return 0, err
				}
				o.set("Count", strconv.Itoa(-children))
			}
		}
		return siblings, nil
	}
	o := f.objs[root]
	if o == nil {
		return say.Errorf("outline root %d is missing", root)
	}
	top := 0
	if first, ok := o.ref("First"); ok {
		var err error
		if top, err = chain(first); err != nil {
			return err
		}
	}
	o.set("Count", strconv.Itoa(top))
	return nil
}

// retitle rewrites an outline item's /Title, a literal string of UTF-8
// bytes as fpdf escapes them, as a PDF text string.
func retitle(o *object) error {
	v, ok := o.get("Title")
	if !ok {
		return say.New("no /Title")
	}
	s, err := literalString(v)
	if err != nil {
		return err
	}
	if !utf8.ValidString(s) {
		return say.New("the title is not UTF-8")
	}
	o.set("Title", pdfString(s))
	return nil
}

// literalString reads a literal string, (…), as written with the escapes
// of PDF Reference 3.2.3.
func literalString(v string) (string, error) {
	if len(v) < 2 || v[0] != '(' || v[len(v)-1] != ')' {
		return "", say.Errorf("not a literal string: %q", v)
	}
	v = v[1 : len(v)-1]
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if i++; i == len(v) {
			return "", say.New("a literal string ends in a backslash")
		}
		switch c = v[i]; c {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case '\n': // a line continuation
		case '0', '1', '2', '3', '4', '5', '6', '7':
			n := 0
			for k := 0; k < 3 && i < len(v) && v[i] >= '0' && v[i] <= '7'; k++ {
				n = n*8 + int(v[i]-'0')
				i++
			}
			i--
			b.WriteByte(byte(n))
		default: // \\, \(, \) and any other character stand for themselves
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

// embedFonts adds each font's objects and names them in the pages'
// resource dictionary (setResource).
func embedFonts(f *file, fonts []*pdfFont) error {
	// The fonts' streams are made on as many cores as there are:
	// compressing the font programs is most of this pass.
	enc := make([]*encoded, len(fonts))
	errs := make([]error, len(fonts))
	parallel(len(fonts), func(i int) {
		defer func() {
			// As in Render: a panic here is a defect, told as an error.
			if r := recover(); r != nil {
				errs[i] = say.Errorf("font %s: %v", fonts[i].ps, r)
			}
		}()
		enc[i], errs[i] = fonts[i].encode()
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	var dict strings.Builder
	dict.WriteString("<<")
	for i, ft := range fonts {
		if i > 0 {
			dict.WriteByte(' ')
		}
		fmt.Fprintf(&dict, "/%s %d 0 R", ft.res, ft.objects(f, enc[i]))
	}
	dict.WriteString(">>")
	return setResource(f, "Font", dict.String())
}

// embedImages adds each image's objects and names them in the pages'
// resource dictionary.
func embedImages(f *file, images []*pdfImage) error {
	var dict strings.Builder
	dict.WriteString("<<")
	for i, im := range images {
		if i > 0 {
			dict.WriteByte(' ')
		}
		fmt.Fprintf(&dict, "/%s %d 0 R", im.res, im.objects(f))
	}
	dict.WriteString(">>")
	return setResource(f, "XObject", dict.String())
}

// setResource sets one kind of resource (Font, XObject) in the resource
// dictionary fpdf gives every page (its object 2), where fpdf, which is
// given no font or image of its own, wrote an empty dictionary.
func setResource(f *file, key, dict string) error {
	resources := map[int]bool{}
	for _, num := range f.order {
		o := f.objs[num]
		if t, _ := o.get("Type"); t != "/Page" {
			continue
		}
		n, ok := o.ref("Resources")
		if !ok || f.objs[n] == nil {
			return say.Errorf("page %d has no resource dictionary of its own object", num)
		}
		resources[n] = true
	}
	for n := range resources {
		r := f.objs[n]
		if v, _ := r.get(key); strings.Trim(v, "<> \r\n\t") != "" {
			return say.Errorf("the resource dictionary %d already names %s: %s", n, key, v)
		}
		r.set(key, dict)
	}
	return nil
}

// compressPages deflates each page's content stream, which fpdf is told to
// write uncompressed: it makes a new zlib writer, over a megabyte of tables,
// for every page; here they are reused (deflater).
func compressPages(f *file) error {
	var streams []*object
	for _, num := range f.order {
		o := f.objs[num]
		if t, _ := o.get("Type"); t != "/Page" {
			continue
		}
		n, ok := o.ref("Contents")
		if !ok || f.objs[n] == nil {
			return say.Errorf("page %d has no content stream of its own object", num)
		}
		if filter, ok := f.objs[n].get("Filter"); ok {
			return say.Errorf("page %d: its content is already compressed (%s)", num, filter)
		}
		streams = append(streams, f.objs[n])
	}
	errs := make([]error, len(streams))
	parallel(len(streams), func(i int) {
		o := streams[i]
		data, err := o.streamData()
		if err == nil {
			data, err = zdeflate(data)
		}
		if err != nil {
			errs[i] = say.Errorf("page content %d: %v", o.num, err)
			return
		}
		o.body = streamBody("/Filter /FlateDecode", data)
	})
	return errors.Join(errs...)
}

// parallel calls do(0), …, do(n-1), on at most GOMAXPROCS goroutines at
// once, and returns when all have returned.
func parallel(n int, do func(i int)) {
	next := make(chan int, n)
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for w := 0; w < min(n, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				do(i)
			}
		}()
	}
	wg.Wait()
}

// zdeflate is b as a zlib stream at the default level, for all streams but
// the font programs (see encode).
func zdeflate(b []byte) ([]byte, error) { return deflate.Zlib(b, deflate.Default) }

// srgbDeflated is the output intent's profile compressed, made once per
// process: every document embeds the same bytes.
var srgbDeflated = sync.OnceValues(func() ([]byte, error) { return zdeflate(icc.SRGB()) })

// ---- Just enough PDF syntax (PDF Reference, chapter 3: lexical
// conventions and objects) ----

func isSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

func isDelim(c byte) bool { return strings.IndexByte("()<>[]{}/%", c) >= 0 }

func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch {
		case isSpace(b[i]):
			i++
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		default:
			return i
		}
	}
	return i
}

// tokenEnd returns where the object starting at b[i] ends; a reference
// "N G R" counts as three objects here.
func tokenEnd(b []byte, i int) (int, error) {
	if i >= len(b) {
		return 0, say.New("unexpected end of object")
	}
	switch {
	case bytes.HasPrefix(b[i:], []byte("<<")), b[i] == '[':
		closer := []byte(">>")
		i += 2
		if b[i-2] == '[' {
			closer = []byte("]")
			i--
		}
		for {
			i = skipSpace(b, i)
			if bytes.HasPrefix(b[i:], closer) {
				return i + len(closer), nil
			}
			j, err := tokenEnd(b, i)
			if err != nil {
				return 0, err
			}
			i = j
		}
	case b[i] == '(':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '\\':
				i++
			case '(':
				depth++
			case ')':
				if depth--; depth == 0 {
					return i + 1, nil
				}
			}
		}
		return 0, say.New("unterminated string")
	case b[i] == '<':
		j := bytes.IndexByte(b[i:], '>')
		if j < 0 {
			return 0, say.New("unterminated hex string")
		}
		return i + j + 1, nil
	case b[i] == '/':
		i++
		for i < len(b) && !isSpace(b[i]) && !isDelim(b[i]) {
			i++
		}
		return i, nil
	case isDelim(b[i]):
		return 0, say.Errorf("unexpected %q", b[i])
	}
	j := i
	for j < len(b) && !isSpace(b[j]) && !isDelim(b[j]) {
		j++
	}
	return j, nil
}

// valueEnd is tokenEnd for a dictionary value: "N G R" is one value.
func valueEnd(b []byte, i int) (int, error) {
	j, err := tokenEnd(b, i)
	if err != nil {
		return 0, err
	}
	if _, err := strconv.Atoi(string(b[i:j])); err == nil {
		k := skipSpace(b, j)
		if l, err := tokenEnd(b, k); err == nil {
			if _, err := strconv.Atoi(string(b[k:l])); err == nil {
				m := skipSpace(b, l)
				if m < len(b) && b[m] == 'R' && (m+1 == len(b) || isSpace(b[m+1]) || isDelim(b[m+1])) {
					return m + 1, nil
				}
			}
		}
	}
	return j, nil
}

// entry is one key of a dictionary: the key starts at b[key], its value
// runs over b[val:end].
type entry struct {
	name          string
	key, val, end int
}

// entries reads the dictionary that the object's body starts with.
func (o *object) entries() (es []entry, closing int, err error) {
	b := o.body
	i := skipSpace(b, 0)
	if !bytes.HasPrefix(b[i:], []byte("<<")) {
		return nil, 0, say.New("not a dictionary")
	}
	i += 2
	for {
		i = skipSpace(b, i)
		if i >= len(b) {
			return nil, 0, say.New("unterminated dictionary")
		}
		if bytes.HasPrefix(b[i:], []byte(">>")) {
			return es, i, nil
		}
		if b[i] != '/' {
			return nil, 0, say.Errorf("dictionary key expected at %q", clipBytes(b[i:]))
		}
		k, err := tokenEnd(b, i)
		if err != nil {
			return nil, 0, err
		}
		v := skipSpace(b, k)
		e, err := valueEnd(b, v)
		if err != nil {
			return nil, 0, err
		}
		es = append(es, entry{name: string(b[i+1 : k]), key: i, val: v, end: e})
		i = e
	}
}

func clipBytes(b []byte) string {
	return string(b[:min(len(b), 20)])
}

// keys lists the dictionary's keys.
func (o *object) keys() ([]string, error) {
	es, _, err := o.entries()
	var ks []string
	for _, e := range es {
		ks = append(ks, e.name)
	}
	return ks, err
}

// get returns a key's value as written.
func (o *object) get(key string) (string, bool) {
	es, _, err := o.entries()
	if err != nil {
		return "", false
	}
	for _, e := range es {
		if e.name == key {
			return string(o.body[e.val:e.end]), true
		}
	}
	return "", false
}

// ref returns the object number a key refers to.
func (o *object) ref(key string) (int, bool) {
	v, ok := o.get(key)
	if !ok {
		return 0, false
	}
	m := refRE.FindStringSubmatch(v)
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(m[1])
	return n, true
}

func (o *object) splice(from, to int, s string) {
	b := append([]byte{}, o.body[:from]...)
	b = append(b, s...)
	o.body = append(b, o.body[to:]...)
}

// set replaces a key's value, or adds the key at the dictionary's end.
func (o *object) set(key, value string) {
	es, closing, err := o.entries()
	if err != nil {
		return
	}
	for _, e := range es {
		if e.name == key {
			o.splice(e.val, e.end, value)
			return
		}
	}
	o.splice(closing, closing, "/"+key+" "+value)
}

// del removes a key and its value.
func (o *object) del(key string) {
	es, _, err := o.entries()
	if err != nil {
		return
	}
	for _, e := range es {
		if e.name == key {
			o.splice(e.key, e.end, "")
			return
		}
	}
}

// streamData returns the stream's bytes as stored.
func (o *object) streamData() ([]byte, error) {
	_, closing, err := o.entries()
	if err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(func() string { v, _ := o.get("Length"); return v }())
	if err != nil {
		return nil, say.New("stream without a direct /Length")
	}
	i := skipSpace(o.body, closing+2)
	if !bytes.HasPrefix(o.body[i:], []byte("stream")) {
		return nil, say.New("not a stream")
	}
	i += len("stream")
	if bytes.HasPrefix(o.body[i:], []byte("\r\n")) {
		i += 2
	} else if i < len(o.body) && o.body[i] == '\n' {
		i++
	}
	if i+n > len(o.body) {
		return nil, say.New("stream shorter than its /Length")
	}
	return o.body[i : i+n], nil
}
