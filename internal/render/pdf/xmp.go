package pdf

import (
	"bytes"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
	"unicode/utf16"
)

// XMPPart is metadata a caller adds to the document's XMP packet.
type XMPPart struct {
	// Description is one whole rdf:Description element (with rdf:about=""
	// and its namespace declarations).
	Description string
	// Schema describes the properties that Description uses, as PDF/A-1
	// requires of every property outside the standard schemas (ISO 19005-1
	// clause 6.7.8): one rdf:li element of pdfaExtension:schemas, using the
	// prefixes pdfaSchema and pdfaProperty, which the enclosing element
	// declares (PDFBox's XMP parser finds them only there). Empty when
	// Description only uses standard schemas.
	Schema string
}

// docInfo is the document information, written twice with the same values:
// as the Info dictionary and as XMP, which PDF/A-1 requires to agree
// (ISO 19005-1 clause 6.7.3).
type docInfo struct {
	Title, Author, Subject, Keywords string
	Creator, Producer                string
	Date                             time.Time // creation and modification
}

// pdfDate is t as a PDF date (PDF Reference, "Dates") with its offset
// from UTC: D:20241226080000+08'00'. UTC itself is +00'00', not Z: both
// are valid, but strict validators (pdfcpu's) reject the Z.
func pdfDate(t time.Time) string {
	s := "D:" + t.Format("20060102150405")
	_, off := t.Zone()
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return s + fmt.Sprintf("%c%02d'%02d'", sign, off/3600, off/60%60)
}

// xmpDate is t as an XMP date (ISO 8601) with the same offset as pdfDate.
func xmpDate(t time.Time) string {
	if _, off := t.Zone(); off == 0 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	return t.Format("2006-01-02T15:04:05-07:00")
}

// pdfString is s as a PDF text string: a literal for printable ASCII, else
// UTF-16BE with a byte order mark, in hex (PDF Reference, text strings).
func pdfString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return "(" + r.Replace(s) + ")"
	}
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return "<" + strings.ToUpper(hex.EncodeToString(b)) + ">"
}

// infoDict is the Info dictionary's body. Empty values are left out, as
// they are from the XMP.
func (in docInfo) infoDict() string {
	var b strings.Builder
	b.WriteString("<<\n")
	for _, kv := range [][2]string{
		{"Title", in.Title}, {"Author", in.Author}, {"Subject", in.Subject},
		{"Keywords", in.Keywords}, {"Creator", in.Creator}, {"Producer", in.Producer},
	} {
		if kv[1] != "" {
			fmt.Fprintf(&b, "/%s %s\n", kv[0], pdfString(kv[1]))
		}
	}
	fmt.Fprintf(&b, "/CreationDate (%s)\n/ModDate (%s)\n>>\n", pdfDate(in.Date), pdfDate(in.Date))
	return b.String()
}

// XMLText escapes s for XML character data.
func XMLText(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// xmp is the XMP packet (XMP specification 2004, as PDF/A-1 requires:
// ISO 19005-1 clause 6.7): the PDF/A identification, the document
// information in the Dublin Core, PDF and XMP basic schemas, the extension
// schemas of the parts and the parts themselves. It is stored uncompressed.
func (in docInfo) xmp(parts []XMPPart) []byte {
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	// The packet header's begin attribute is the byte order mark (UTF-8);
	// PDF/A-1 forbids the bytes and encoding attributes.
	line("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>")
	line(`<x:xmpmeta xmlns:x="adobe:ns:meta/">`)
	line(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`)

	line(`<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">`)
	line(` <pdfaid:part>1</pdfaid:part>`)
	line(` <pdfaid:conformance>B</pdfaid:conformance>`)
	line(`</rdf:Description>`)

	line(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`)
	line(` <dc:format>application/pdf</dc:format>`)
	if in.Title != "" {
		line(` <dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>`, XMLText(in.Title))
	}
	if in.Author != "" {
		line(` <dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>`, XMLText(in.Author))
	}
	if in.Subject != "" {
		line(` <dc:description><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:description>`, XMLText(in.Subject))
	}
	line(`</rdf:Description>`)

	line(`<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">`)
	if in.Keywords != "" {
		line(` <pdf:Keywords>%s</pdf:Keywords>`, XMLText(in.Keywords))
	}
	if in.Producer != "" {
		line(` <pdf:Producer>%s</pdf:Producer>`, XMLText(in.Producer))
	}
	line(`</rdf:Description>`)

	line(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`)
	if in.Creator != "" {
		line(` <xmp:CreatorTool>%s</xmp:CreatorTool>`, XMLText(in.Creator))
	}
	line(` <xmp:CreateDate>%s</xmp:CreateDate>`, xmpDate(in.Date))
	line(` <xmp:ModifyDate>%s</xmp:ModifyDate>`, xmpDate(in.Date))
	line(`</rdf:Description>`)

	var schemas []string
	for _, p := range parts {
		if p.Schema != "" {
			schemas = append(schemas, p.Schema)
		}
	}
	if len(schemas) > 0 {
		line(`<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"`)
		line(` xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">`)
		line(` <pdfaExtension:schemas><rdf:Bag>`)
		for _, s := range schemas {
			line("%s", strings.TrimRight(s, "\n"))
		}
		line(` </rdf:Bag></pdfaExtension:schemas>`)
		line(`</rdf:Description>`)
	}
	for _, p := range parts {
		line("%s", strings.TrimRight(p.Description, "\n"))
	}

	line(`</rdf:RDF>`)
	line(`</x:xmpmeta>`)
	b.WriteString(`<?xpacket end="w"?>`)
	return []byte(b.String())
}
