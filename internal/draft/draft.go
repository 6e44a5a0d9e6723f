// Package draft owns reading a draft a clerk wrote elsewhere — a Word,
// WPS or LibreOffice .docx, a Markdown .md, a plain .txt — into a neutral
// model of paragraphs and tables (Read), recognising in it the parts of a
// 公文 as GB/T 9704-2012 names them (Recognise), and writing them as a
// project's sources: data/NAME.toml, templates/NAME.txt and an annex's
// table or template (Files, written by starter.Write, which never
// overwrites). What it cannot place stays body text and is reported with
// the draft's paragraph (or line) number, so no text is lost silently.
package draft

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"gongwen/internal/say"
	"gongwen/internal/starter"
)

// Para is one paragraph of a draft, or one table.
type Para struct {
	N         int     // the paragraph's number in the draft (a .docx) or its line (.txt, .md)
	Text      string  // as the reader sees it, automatic numbering included
	Center    bool    // centred (a .docx)
	Size      float64 // font size in pt (a .docx; 0 unknown)
	PageBreak bool    // starts a page (a .docx)
	Boxed     bool    // in a text box (a .docx): the letter's 标志 is one
	Table     *Table  // a table instead of text
}

// Table is a table of a draft: its rows of cell texts, with spans
// repeated into each grid column they cover.
type Table struct {
	Rows [][]string
	// What a .docx says of a cell beyond its text, by row and grid
	// column: merged with the one above it (w:vMerge), set vertically
	// (w:textDirection), split by a diagonal rule (a 斜线表头, w:tl2br:
	// its first paragraph is the corner, its text in Rows the rest).
	Merged, Vertical map[[2]int]bool
	Corner           map[[2]int]string
	// Lines are the paragraphs of a cell of more than one, by row and
	// grid column: a list (a gongwen DOCX's list cells set several items
	// a line, apart by an ideographic space).
	Lines map[[2]int][]string
}

// Draft is what a reader found.
type Draft struct {
	Path  string
	Unit  string // "line" or "paragraph": what Para.N counts
	Paras []Para
	// Notes are what the reader did that the user should know: tracked
	// changes accepted, an encoding converted, a comment dropped.
	Notes []Note
	// Seals are the pictures set behind the text (a .docx), in order: a
	// seal over the 署名, as gongwen's DOCX and a clerk's Word draft place it.
	Seals []Picture
}

// Picture is an image of a draft: the paragraph it is anchored to, its
// bytes and their kind (png or jpeg).
type Picture struct {
	N    int
	Data []byte
	Ext  string
}

// Note is one line of the import's report.
type Note struct {
	N   int // the draft's paragraph or line, 0 for the whole draft
	Msg say.Text
}

// Where names the place of the draft's paragraph or line n.
func (d *Draft) Where(n int) string {
	switch {
	case n <= 0:
		return d.Path
	case d.Unit == "line":
		return fmt.Sprintf("%s:%d", d.Path, n)
	}
	return fmt.Sprintf("%s: paragraph %d", d.Path, n)
}

func (d *Draft) warn(n int, format string, args ...any) {
	d.Notes = append(d.Notes, Note{N: n, Msg: say.Sprintf(format, args...)})
}

// Formats are the draft formats Read takes, by the name --format gives.
var Formats = []string{"docx", "md", "txt"}

// Read reads the draft at path, as format (docx, md or txt; "" takes the
// file's extension).
func Read(path, format string) (*Draft, error) {
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
		switch format {
		case "markdown":
			format = "md"
		case "text":
			format = "txt"
		}
	}
	switch format {
	case "docx":
		return readDocx(path)
	case "md":
		return readMarkdown(path)
	case "txt":
		return readText(path)
	}
	return nil, say.Errorf("%s: a draft is a .docx, .md or .txt file; say which with --draft docx|md|txt", path)
}

// Import reads the draft at path (as draftFormat, "" by its extension),
// recognises its parts and writes the sources of a document called name
// in the format formatName under dir, refusing to overwrite any file (as
// gongwen new does). It returns the files written and the report: one
// line for the draft (tracked changes, an encoding) and one per paragraph
// import kept as body text, changed or dropped, each naming its place.
// Each comment line of the files is passed through comment, which puts it
// in the user's language (nil: as written).
func Import(path, draftFormat, formatName, name, dir string, comment func(say.Text) string) (written []string, report []say.Text, err error) {
	d, err := Read(path, draftFormat)
	if err != nil {
		return nil, nil, err
	}
	doc := Recognise(d)
	files, err := Files(doc, d, formatName, name, comment)
	if err != nil {
		return nil, nil, err
	}
	if err := starter.Write(dir, files); err != nil {
		return nil, nil, err
	}
	for _, f := range files {
		written = append(written, f.Path)
	}
	sort.SliceStable(d.Notes, func(i, j int) bool { return d.Notes[i].N < d.Notes[j].N })
	for _, n := range d.Notes {
		report = append(report, say.Sprintf("%s: %v", d.Where(n.N), n.Msg))
	}
	return written, report, nil
}
