// Package archive owns the archive record of a document: which sources made
// a PDF (each file's path relative to the project and its SHA-256, the
// format's settings, the tool's version), written into the PDF's XMP
// metadata, read back from it, and compared with a rebuild from the current
// tree. It knows nothing of how documents are built; the build package hands
// it the inputs and a way to rebuild. Its reader of XMP packets (Elements)
// is the one both records are read with: package diff reads the layout
// record with it.
//
// The project root is the nearest folder, from the data file's folder
// upwards, that holds fonts/fonts.toml or go.mod (so this repository's root,
// or a user project laid out like it); if there is none, the folder above
// the data file's when that is named data, else the data file's own folder. Paths are recorded relative to it, with forward slashes, so that
// the record, and the PDF, are the same wherever the project is cloned. A
// file outside the project (a system font, say) is recorded by its name
// alone, as "outside:NAME": the PDF never holds an absolute path.
package archive

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gongwen/internal/input"
	"gongwen/internal/say"
)

// Namespace is the XMP namespace of the record's properties, and Prefix the
// prefix it is written with. The .invalid top-level domain (RFC 2606) can
// never belong to anyone else.
const (
	Namespace = "http://gongwen.invalid/ns/archive/1/"
	Prefix    = "gw"
)

// Outside starts the recorded name of a file outside the project.
const Outside = "outside:"

// Source is one input file.
type Source struct {
	Path   string // relative to the project root, slash-separated; or Outside+name
	SHA256 string // lower-case hex
}

// Record is what a PDF was made from.
type Record struct {
	Tool         string   // the tool and its version: "gongwen 0.1.0"
	Document     string   // the data file, as a Source path
	FontConfig   string   // the fonts.toml read, as a Source path
	Format       string   // the format's name
	FormatSHA256 string   // hash of the format's settings (HashValue)
	Sources      []Source // every input file, in the order read, each once

	// Copy is the 份号 of one of a build's numbered copies (build
	// --copies), which a rebuild must set again; 0 for a single build, whose
	// record then has no copy property at all (it is as before copies were
	// recorded, byte for byte).
	Copy int

	// Fonts names the font of each typeface role whose font is not the
	// default one (a role's file named otherwise than the built-in
	// font's), with the condition its licence sets on embedding it: what
	// `gongwen diff` needs to name a changed font, and what an archivist
	// needs to know of the fonts' licences. A record whose fonts are all
	// the defaults has no fonts property at all (it is as before fonts
	// were recorded, byte for byte).
	Fonts []Font

	// Date is the PDF's creation date (xmp:CreateDate). Read fills it in;
	// the renderer writes it, not Description.
	Date time.Time
}

// Font is one role's font, as the record names it.
type Font struct {
	Role string // the role's key (fangsong)
	Path string // as a Source's path, with #N for a collection's member
	// Embedding is the condition the font's licence sets on embedding it,
	// as its OS/2 fsType states it ("preview-and-print", "editable"), or
	// "" for none.
	Embedding string
}

// FindRoot returns the project root of a data file, as an absolute path.
func FindRoot(dataFile string) (string, error) {
	abs, err := filepath.Abs(dataFile)
	if err != nil {
		return "", err
	}
	start := filepath.Dir(abs)
	for d := start; ; d = filepath.Dir(d) {
		if isFile(filepath.Join(d, "go.mod")) || isFile(filepath.Join(d, "fonts", "fonts.toml")) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	if filepath.Base(start) == "data" {
		return filepath.Dir(start), nil
	}
	return start, nil
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// RelPath is how a file is named in the record: its path relative to root
// with forward slashes, or Outside+its name when it is not under root.
func RelPath(root, p string) string {
	abs, err := filepath.Abs(p)
	if err == nil {
		if r, err := filepath.Rel(root, abs); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
			return filepath.ToSlash(r)
		}
	}
	return Outside + filepath.Base(p)
}

// HashBytes is the hex SHA-256 of b.
func HashBytes(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// HashFile is the hex SHA-256 of a file's content.
func HashFile(p string) (string, error) {
	f, err := input.Open(p, input.Any)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// HashValue is the hex SHA-256 of a Go value printed with %#v: every field
// by name with its value. It is how settings that live in code, such as a
// format, are recorded; adding, removing or changing a field changes it.
func HashValue(v any) string {
	return HashBytes([]byte(fmt.Sprintf("%#v", v)))
}

// Add records a file with its hash, unless the same path is recorded. A
// build adds the hash of the bytes it read (package source), never one of
// the file read again.
func (r *Record) Add(path, sha string) {
	for _, s := range r.Sources {
		if s.Path == path {
			return
		}
	}
	r.Sources = append(r.Sources, Source{Path: path, SHA256: sha})
}

// Source returns the recorded source with the given path.
func (r *Record) Source(path string) (Source, bool) {
	for _, s := range r.Sources {
		if s.Path == path {
			return s, true
		}
	}
	return Source{}, false
}

// Schema is the PDF/A extension schema describing the record's properties
// (ISO 19005-1 clause 6.7.8): PDF/A-1 allows in XMP only properties of
// schemas that are standard or described in the file like this. An ordered
// list of texts has the value type "seq Text", as the PDF/A Competence
// Center's TechNote 0008 spells it (PDFBox refuses "Seq Text"). It is one
// rdf:li of pdfaExtension:schemas, in which the prefixes pdfaSchema and
// pdfaProperty are declared by the enclosing element.
var Schema = schema(false, false)

// Schema is the extension schema for this record: Schema, with the copy
// and fonts properties described too when the record has them.
func (r *Record) Schema() string { return schema(r.Copy > 0, len(r.Fonts) > 0) }

func schema(copy, fonts bool) string {
	props := property("tool", "Text", "the program that built the PDF, with its version") +
		property("document", "Text", "the data file, relative to the project root") +
		property("fontConfig", "Text", "the font configuration read, relative to the project root") +
		property("format", "Text", "the name of the document format") +
		property("formatSHA256", "Text", "SHA-256 of the format's settings")
	if copy {
		props += property("copy", "Integer", "the copy number (份号) of this copy of a numbered build")
	}
	if fonts {
		props += property("fonts", "seq Text", "the font of each typeface role that is not the default one: the role, two spaces, its path as among the sources, and two spaces and the condition (preview-and-print, editable) where there is one")
	}
	props += property("sources", "seq Text", "every input file as its SHA-256 in hex, two spaces and its path relative to the project root (the format of sha256sum)")
	return `<rdf:li rdf:parseType="Resource">
 <pdfaSchema:schema>gongwen archive record: the sources this PDF was built from</pdfaSchema:schema>
 <pdfaSchema:namespaceURI>` + Namespace + `</pdfaSchema:namespaceURI>
 <pdfaSchema:prefix>` + Prefix + `</pdfaSchema:prefix>
 <pdfaSchema:property><rdf:Seq>
` + props + ` </rdf:Seq></pdfaSchema:property>
</rdf:li>`
}

func property(name, valueType, description string) string {
	return fmt.Sprintf(`  <rdf:li rdf:parseType="Resource">
   <pdfaProperty:name>%s</pdfaProperty:name>
   <pdfaProperty:valueType>%s</pdfaProperty:valueType>
   <pdfaProperty:category>internal</pdfaProperty:category>
   <pdfaProperty:description>%s</pdfaProperty:description>
  </rdf:li>
`, name, valueType, description)
}

// Description is the record as an XMP rdf:Description element.
func (r *Record) Description() string {
	var b strings.Builder
	fmt.Fprintf(&b, "<rdf:Description rdf:about=\"\" xmlns:%s=\"%s\">\n", Prefix, Namespace)
	for _, kv := range [][2]string{
		{"tool", r.Tool}, {"document", r.Document}, {"fontConfig", r.FontConfig},
		{"format", r.Format}, {"formatSHA256", r.FormatSHA256},
	} {
		fmt.Fprintf(&b, " <%s:%s>%s</%[1]s:%[2]s>\n", Prefix, kv[0], text(kv[1]))
	}
	if r.Copy > 0 {
		fmt.Fprintf(&b, " <%s:copy>%d</%[1]s:copy>\n", Prefix, r.Copy)
	}
	if len(r.Fonts) > 0 {
		fmt.Fprintf(&b, " <%s:fonts><rdf:Seq>\n", Prefix)
		for _, f := range r.Fonts {
			l := f.Role + "  " + f.Path
			if f.Embedding != "" {
				l += "  " + f.Embedding
			}
			fmt.Fprintf(&b, "  <rdf:li>%s</rdf:li>\n", text(l))
		}
		fmt.Fprintf(&b, " </rdf:Seq></%s:fonts>\n", Prefix)
	}
	fmt.Fprintf(&b, " <%s:sources><rdf:Seq>\n", Prefix)
	for _, s := range r.Sources {
		fmt.Fprintf(&b, "  <rdf:li>%s  %s</rdf:li>\n", s.SHA256, text(s.Path))
	}
	fmt.Fprintf(&b, " </rdf:Seq></%s:sources>\n</rdf:Description>", Prefix)
	return b.String()
}

func text(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// ErrNoRecord is returned by Read for a PDF without an archive record.
var ErrNoRecord = say.New("no gongwen archive record in its XMP metadata")

const xmpBasic = "http://ns.adobe.com/xap/1.0/"

// Read finds the archive record in a PDF's XMP packet. The packet is stored
// uncompressed (PDF/A-1 requires it), so it is found in the raw bytes.
func Read(pdf []byte) (*Record, error) {
	packet := Packet(pdf, Namespace)
	if packet == nil {
		return nil, ErrNoRecord
	}
	return parse(packet)
}

// Packet is the first XMP packet in a PDF's raw bytes that mentions
// namespace, or nil.
func Packet(pdf []byte, namespace string) []byte {
	begin := []byte("<?xpacket begin=")
	end := []byte("<?xpacket end=")
	for rest := pdf; ; {
		i := bytes.Index(rest, begin)
		if i < 0 {
			return nil
		}
		j := bytes.Index(rest[i:], end)
		if j < 0 {
			return nil
		}
		packet := rest[i : i+j]
		rest = rest[i+j:]
		if bytes.Contains(packet, []byte(namespace)) {
			return packet
		}
	}
}

// parse reads the record's properties out of an XMP packet.
func parse(packet []byte) (*Record, error) {
	r := &Record{}
	found := false
	err := Elements(packet, func(e Element) error {
		v := strings.TrimSpace(e.Text)
		parent := e.Parent(2) // gw:sources / rdf:Seq / rdf:li
		switch {
		case e.Name.Space == Namespace:
			found = true
			switch e.Name.Local {
			case "tool":
				r.Tool = v
			case "document":
				r.Document = v
			case "fontConfig":
				r.FontConfig = v
			case "format":
				r.Format = v
			case "formatSHA256":
				r.FormatSHA256 = v
			case "copy":
				n, err := ParseCopy(v)
				if err != nil {
					return err
				}
				r.Copy = n
			}
		case e.Name.Local == "li" && parent.Space == Namespace && parent.Local == "sources":
			sha, path, ok := strings.Cut(v, "  ")
			if !ok || len(sha) != 64 {
				return say.Errorf("recorded source %q is not a SHA-256, two spaces and a path", v)
			}
			r.Sources = append(r.Sources, Source{Path: path, SHA256: sha})
		case e.Name.Local == "li" && parent.Space == Namespace && parent.Local == "fonts":
			f, err := parseFont(v)
			if err != nil {
				return err
			}
			r.Fonts = append(r.Fonts, f)
		case e.Name.Space == xmpBasic && e.Name.Local == "CreateDate":
			date, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return say.Errorf("xmp:CreateDate %q: %v", v, err)
			}
			r.Date = date
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !found || r.Document == "" {
		return nil, ErrNoRecord
	}
	return r, nil
}

// parseFont reads one recorded font: "ROLE  PATH" or "ROLE  PATH  CONDITION".
func parseFont(v string) (Font, error) {
	role, path, ok := strings.Cut(v, "  ")
	if !ok || role == "" || strings.TrimSpace(path) == "" {
		return Font{}, say.Errorf("recorded font %q is not a role, two spaces and a path", v)
	}
	f := Font{Role: role, Path: path}
	if i := strings.LastIndex(path, "  "); i >= 0 {
		f.Path, f.Embedding = path[:i], path[i+2:]
	}
	return f, nil
}

// ParseCopy reads a recorded copy number: a whole number from 1 to 999999
// (the 份号's range).
func ParseCopy(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 999999 {
		return 0, say.Errorf("recorded copy number (份号) %q is not a whole number from 1 to 999999", v)
	}
	return n, nil
}
