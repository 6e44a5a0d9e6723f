package build

// DOCX output: the job's pages rendered by package render/docx as an
// editable Word document, with the archive record in its custom
// properties.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"gongwen/internal/archive"
	"gongwen/internal/doc"
	"gongwen/internal/fonts"
	"gongwen/internal/format"
	docxr "gongwen/internal/render/docx"
	ofdr "gongwen/internal/render/ofd"
	"gongwen/internal/say"
)

// The --docx-fonts choices: embed each font's subset where its licence
// allows, or name the fonts only.
const (
	DOCXFontsEmbed = "embed"
	DOCXFontsNames = "names"
)

// IsDOCX reports whether path names a DOCX file (by its extension).
func IsDOCX(path string) bool { return strings.EqualFold(filepath.Ext(path), ".docx") }

// DOCXName is the DOCX written beside a PDF: the same name with .docx.
func DOCXName(pdfPath string) string {
	return strings.TrimSuffix(pdfPath, filepath.Ext(pdfPath)) + ".docx"
}

// RenderDOCX writes the job's DOCX package into memory, with its archive
// record.
func (j *Job) RenderDOCX(opt Options) ([]byte, error) {
	rec, err := j.Record()
	if err != nil {
		return nil, err
	}
	same, subsets, err := j.docxSubsets()
	if err != nil {
		return nil, err
	}
	var custom []docxr.Property
	for _, c := range recordData(rec) {
		custom = append(custom, docxr.Property{Name: c.Name, Value: c.Value})
	}
	inline := map[string]bool{}
	var tables []*doc.Table
	for _, a := range j.Doc.Attachments {
		if a.Image != "" {
			inline[a.Image] = true
		}
		if a.Table != nil {
			tables = append(tables, a.Table)
		}
	}
	var buf bytes.Buffer
	err = docxr.Render(&buf, j.Result, docxr.Options{
		Format: j.Format,
		Font: func(r format.Role) docxr.Font {
			f := j.Fonts.Font(r)
			if f == nil {
				return docxr.Font{}
			}
			f = same(f)
			name := f.Family()
			if name == "" {
				name = f.Stem()
			}
			bold, italic := docxr.FaceStyle(f.Data)
			base, i := fonts.SplitRole(r)
			c := j.Fonts.Chain(base)
			latin := i > 0 && c != nil && c.Latin() == i
			return docxr.Font{Name: name, Bold: bold, Italic: italic, Latin: latin, Data: subsets[f]}
		},
		Embed:   opt.DOCXFonts != DOCXFontsNames,
		Known:   j.known(),
		Tables:  tables,
		Inline:  inline,
		Date:    j.Date(opt),
		Creator: "gongwen " + Version,
		Custom:  custom,
	})
	if err != nil {
		return nil, say.Errorf("%s: rendering DOCX: %v", j.Doc.Source, err)
	}
	return buf.Bytes(), nil
}

// docxSubsets cuts the fonts the pages draw for the DOCX, where Word and
// Writer know a font by its family and style alone: the fonts of one file
// opened twice (the built-in HanaMinA-Fallback at the end of one role's
// list, a project's copy of it in another's) are one font there, cut to
// the characters of both. same gives the font that stands for a font: the
// first the pages draw with the same bytes (SHA-256).
func (j *Job) docxSubsets() (func(*fonts.Font) *fonts.Font, map[*fonts.Font][]byte, error) {
	byHash := map[string]*fonts.Font{}
	stand := map[*fonts.Font]*fonts.Font{}
	subsets, err := j.subsetsAs(func(f *fonts.Font) *fonts.Font {
		if stand[f] == nil {
			h := f.SHA256()
			if byHash[h] == nil {
				byHash[h] = f
			}
			stand[f] = byHash[h]
		}
		return stand[f]
	})
	same := func(f *fonts.Font) *fonts.Font {
		if s := stand[f]; s != nil {
			return s
		}
		return f
	}
	return same, subsets, err
}

// known is what the document says each paragraph is, for the DOCX's
// styles: the layout has only styled lines.
func (j *Job) known() []docxr.Known {
	d := j.Doc
	var out []docxr.Known
	add := func(text, style string) {
		if text != "" {
			out = append(out, docxr.Known{Text: text, Style: style})
		}
	}
	if d.Recipients != "" {
		add(d.Recipients+"：", docxr.StyleRecipients)
	}
	add(d.Number.String(), docxr.StyleNumber)
	add(d.Date.String(), docxr.StyleDate)
	for _, s := range append(append([]string{}, d.Signatures...), d.Signature) {
		add(s, docxr.StyleSignature)
	}
	if d.Note != "" {
		out = append(out, docxr.Known{Text: "（" + d.Note, Prefix: true, Style: docxr.StyleNote})
	}
	for i, a := range d.Attachments {
		out = append(out, docxr.Known{Text: j.Format.AttachmentsLabel, Prefix: true, Style: docxr.StyleAttachments})
		if len(d.Attachments) > 1 {
			add(fmt.Sprintf("%d．%s", i+1, a.Title), docxr.StyleAttachments)
		}
	}
	headings := []string{"", docxr.StyleHeading1, docxr.StyleHeading2, docxr.StyleHeading3, docxr.StyleHeading4}
	blocks := append([]doc.Block{}, d.Body...)
	for _, a := range d.Attachments {
		blocks = append(blocks, a.Body...)
	}
	for _, b := range blocks {
		if b.Kind == doc.Heading && b.Level >= 1 && b.Level <= 4 {
			out = append(out, docxr.Known{Text: b.Number + b.Head, Prefix: true, Style: headings[b.Level], Level: b.Level, RunIn: b.RunIn})
		}
	}
	return out
}

// zipPart is the named entry of a zip package, at most 1 MiB.
func zipPart(pkg []byte, name string) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return nil, say.Errorf("not a DOCX package: %v", err)
	}
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		if f.UncompressedSize64 > 1<<20 {
			return nil, say.Errorf("%s is too large", name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		return io.ReadAll(io.LimitReader(rc, 1<<20))
	}
	return nil, say.Errorf("no %s", name)
}

// readDOCXRecord finds the archive record in a DOCX package's custom
// properties (a numbered repeat, "NAME 2", under its name); its date is
// the core properties' dcterms:created.
func readDOCXRecord(pkg []byte) (*archive.Record, error) {
	data, err := zipPart(pkg, "docProps/custom.xml")
	if err != nil {
		return nil, err
	}
	var props struct {
		Property []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:"lpwstr"`
		} `xml:"property"`
	}
	if err := xml.Unmarshal(data, &props); err != nil {
		return nil, say.Errorf("docProps/custom.xml: %v", err)
	}
	var custom []ofdr.CustomData
	for _, p := range props.Property {
		name := p.Name
		if base, n, ok := strings.Cut(name, " "); ok && n != "" && strings.Trim(n, "0123456789") == "" {
			name = base
		}
		custom = append(custom, ofdr.CustomData{Name: name, Value: p.Value})
	}
	rec, err := recordFrom(custom, say.New("no gongwen archive record in its custom properties"))
	if err != nil {
		return nil, err
	}
	core, err := zipPart(pkg, "docProps/core.xml")
	if err != nil {
		return nil, err
	}
	var c struct {
		Created string `xml:"created"`
	}
	if err := xml.Unmarshal(core, &c); err != nil {
		return nil, say.Errorf("docProps/core.xml: %v", err)
	}
	if rec.Date, err = time.Parse(time.RFC3339, strings.TrimSpace(c.Created)); err != nil {
		return nil, say.Errorf("docProps/core.xml: created %q: %v", c.Created, err)
	}
	return rec, nil
}
