// Package doc owns the document model of a 公文 (its header fields, body
// blocks and annexes) and loading it from TOML with the file:line:col of
// every value, so that any later stage can point at the source of a problem.
// It knows nothing of templates, fonts or PDF.
package doc

import (
	"fmt"
	"strconv"
	"strings"

	"gongwen/internal/say"
	"gongwen/internal/source"
)

// Pos is a place in a source file. Line and Col start at 1; zero means the
// position is unknown and only the file is named.
type Pos struct {
	File      string
	Line, Col int
	// Sheet, when set, makes the place a cell of a spreadsheet: the
	// sheet's name, with Line the cell's row and Col its column (A is 1),
	// written as a spreadsheet names a cell: 附件1.xlsx:Sheet1!C7.
	Sheet string
}

func (p Pos) String() string {
	file := ShowPath(p.File)
	switch {
	case p.Sheet != "":
		return p.File + ":" + sheetName(p.Sheet) + "!" + ColumnName(p.Col) + fmt.Sprint(p.Line)
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return file
}

// ShowPath is a path as a message shows it: as it is, or quoted in Go's
// way when it holds a control character (a line break in a name would
// split the message's one line, an escape sequence reach the terminal).
func ShowPath(p string) string {
	for _, r := range p {
		if IsControl(r) {
			return strconv.Quote(p)
		}
	}
	return p
}

// Error is one problem with the input, at a place.
type Error struct {
	Pos Pos
	Msg string
	// Text is Msg as its format and values (Errorf), for a printer to
	// put into the user's language; without it, Msg is printed as text.
	Text say.Text
	// Char, when set, is the character the problem is about; Locate can
	// then narrow Pos from the start of a paragraph to the character.
	Char rune
	// Count, when above 1, is how many times Char occurs in the paragraph
	// or value at Pos: the build adds them up for one line per character.
	Count int
}

func (e *Error) Error() string {
	if e.Pos.File == "" {
		return e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// Errorf makes an *Error.
func Errorf(p Pos, format string, args ...any) *Error {
	t := say.Sprintf(format, args...)
	if m, ok := only(format, args).(say.Message); ok {
		t = m.Message() // an error of another stage, placed: it is the message
	}
	return &Error{Pos: p, Msg: fmt.Sprintf(format, args...), Text: t}
}

// only is the value a format of it alone ("%v") prints, or nil.
func only(format string, args []any) any {
	if len(args) == 1 && (format == "%v" || format == "%s") {
		return args[0]
	}
	return nil
}

// Message is the error as a message: its place, then what it says.
func (e *Error) Message() say.Text { return Placed(e.Pos, "%v", e.Msg, e.Text) }

// Said is what a message says: t, when it was made with it (and still
// says m), else m as text, which a printer translates as it translates a
// library's message.
func Said(m string, t say.Text) any {
	if t.Format == "" || t.String() != m {
		return say.Plain(m)
	}
	return t
}

// Placed is a message at a place, said by what (a format of one value:
// "%v", "warning: %s"). A Msg set without its Text, or changed since, is
// printed as text (translated as a library's message is).
func Placed(p Pos, what, m string, t say.Text) say.Text {
	said := Said(m, t)
	if what != "%v" {
		said = say.Sprintf(what, said)
	}
	if p.File == "" {
		return say.Text{Format: "%v", Args: []any{said}}
	}
	return say.Text{Format: "%v: %v", Args: []any{p, said}}
}

// Errors is a list of problems found in one pass; it is an error itself,
// one problem a line.
type Errors []error

// Message is the list as a message, one problem a line.
func (es Errors) Message() say.Text {
	args := make([]any, len(es))
	for i, e := range es {
		args[i] = e
	}
	return say.Text{Format: strings.TrimSuffix(strings.Repeat("%v\n", len(es)), "\n"), Args: args}
}

func (es Errors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Err returns nil for an empty list.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// Number is a 发文字号: 机关代字, 年份 and 发文顺序号.
type Number struct {
	Agency string // 川办函
	Year   int    // 2024
	Serial int    // 114
}

// String is the 发文字号 as printed: 川办函〔2024〕114号 (〔〕 are U+3014 and
// U+3015, no 第, no leading zeros: GB/T 9704-2012 clause 7.2.4).
func (n Number) String() string {
	return fmt.Sprintf("%s〔%d〕%d号", n.Agency, n.Year, n.Serial)
}

// Date is a calendar date, the 成文日期.
type Date struct{ Year, Month, Day int }

// String is the date as printed: Arabic numerals, the full year, no leading
// zeros (clause 7.3.5.4).
func (d Date) String() string { return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day) }

// Meta is the PDF's document information beyond the title.
type Meta struct {
	Author   string
	Subject  string
	Keywords []string
}

// Attachment is one item of the 附件说明 and the annex it names: the annex
// page's title is the same Title, so the two cannot disagree.
type Attachment struct {
	Title string
	Pos   Pos
	// Table is the annex's content, read from the file the entry's table key
	// names (table_load.go); nil when the annex is not part of this document.
	Table *Table
	// Template is a text annex's body template (a document in its own
	// right, such as the 方案 a 通知 issues); the expand stage fills Body.
	Template    string
	TemplatePos Pos
	Body        []Block
	// Image is an image annex (a scanned form, a map): a PNG or JPEG
	// fitted to the 版心 under the title; ImageAspect is its height/width.
	Image       string
	ImagePos    Pos
	ImageAspect float64
}

// HasContent says whether the annex has pages of its own in this document.
func (a *Attachment) HasContent() bool { return a.Table != nil || a.Template != "" || a.Image != "" }

// Document is one 公文 as loaded from its TOML file.
type Document struct {
	Source string // the TOML file's path as given
	Format string // name of the format: file, letter, order, minutes
	Kind   string // the 文种 the data file names (kind = "请示"), or ""

	Template    string // the body template's path
	TemplatePos Pos

	Issuer     string // the (lead) issuer, 发文机关
	Number     Number
	Title      []string // the 标题's lines, as the data breaks it
	Recipients string   // 主送机关, without the closing colon
	Signature  string   // 署名 (the lead issuer's)
	Date       Date     // 成文日期
	Seal       string   // path of a seal image, or PaperSeal; empty for the no-seal layout
	Note       string   // 附注, optional

	// Issuers, Signatures and Seals list every issuer of a 联合行文 in order,
	// the lead first (Issuer, Signature and Seal are their first entries);
	// one issuer has lists of one.
	Issuers     []string
	Signatures  []string
	Seals       []string
	SealAspects []float64 // each seal image's height / width, read from its header (1 when unreadable: the build reports it)

	Mark       string  // the 发文机关标志's text when it is not issuer + the format's suffix
	MarkSuffix *string // the suffix beside the issuers' names, when the data sets it

	CopyNumber        int          // 份号, 0 for none
	Secrecy           string       // 密级和保密期限: 机密★1年
	Urgency           string       // 紧急程度: 特急, 加急
	Signers           []string     // 签发人 of a 上行文
	OrderNumber       int          // 令号 of a 命令
	MinutesNumber     string       // the 纪要's number line: 第3期
	MinutesLine       *MinutesLine // the 纪要's 印发 line under the number, nil for none
	SignerTitle       string       // 命令: the signer's 职务 (市长)
	SignerName        string       // 命令: the signer's name, printed when there is no stamp
	Stamp             string       // 命令: path of the signature-stamp image
	StampAspect       float64      // its height / width, read from the image
	Attendance        [3][]string  // 纪要: 出席, 请假, 列席
	CC                []string     // 版记: 抄送机关 (纪要: 分送)
	Printer           string       // 版记: 印发机关
	ImprintRecipients string       // 版记: the 主送机关 when it stands there instead of under the 标题
	Printed           Date         // 版记: 印发日期, zero for none
	Meta              Meta
	Fonts             map[string][]string // role → its font paths, tried in order; overrides the defaults
	Lint              LintSettings        // [lint]: proofreading rules turned off, terms added
	Attachments       []Attachment
	Figures           map[string]any // free data the body template quotes

	// Body is filled by the expand stage.
	Body []Block

	// Positions of values in the source, by dotted key path.
	Positions map[string]Pos

	// Files lists every source file read to make the document (the data
	// file, the template, table files and the spreadsheets they read), in
	// the order read: an archive records them.
	Files []string
	// Sources reads them, once each, for every stage (package source).
	Sources *source.Sources

	// Warnings are what a stage found that needs a second look but does
	// not stop a build (the expand stage: a typed heading number out of
	// place); package lint reports them with its own.
	Warnings []*Error

	// Notes are what a build says once about its sources that is no
	// problem and needs no change (a .csv read as GBK).
	Notes []Note
}

// Note is something a build says about a source that is not a problem:
// FILE: note: message.
type Note struct {
	Pos Pos
	Msg string
	// Text is Msg as its format and values, when it was made with them.
	Text say.Text
}

func (n Note) String() string { return n.Pos.String() + ": note: " + n.Msg }

// Message is the note as a message.
func (n Note) Message() say.Text { return Placed(n.Pos, "note: %s", n.Msg, n.Text) }

// At is the position of a key path's value, or the nearest enclosing table's.
func (d *Document) At(path string) Pos { return lookup(d.Positions, d.Source, path) }

// lookup finds a key path in positions, falling back to the nearest
// enclosing table's and, failing that, to the file alone.
func lookup(positions map[string]Pos, file, path string) Pos {
	for {
		if p, ok := positions[path]; ok {
			return p
		}
		i := strings.LastIndexByte(path, '.')
		if i < 0 {
			return Pos{File: file}
		}
		path = path[:i]
	}
}

// MinutesLine is a 纪要's optional line under its number ([minutes_line]):
// the 印发机关 flush left and a date flush right, the document's date
// unless the table gives one.
type MinutesLine struct {
	Printer string
	Date    Date
}

// PaperSeal, as a seal (seal = "paper", or an entry of a 联合行文's seal
// list), asks for the seal layout with nothing drawn: the office stamps
// the printed copy by hand.
const PaperSeal = "paper"

// TitleText is the 标题 on one line, for metadata.
func (d *Document) TitleText() string { return strings.Join(d.Title, "") }

// Kind of a body block.
type Kind int

const (
	Paragraph Kind = iota // a plain paragraph
	Heading               // a heading; with RunIn, a heading sentence followed by a paragraph
)

// Block is one paragraph of the body, after expansion and numbering.
type Block struct {
	Kind   Kind
	Level  int    // 1–4 for headings (一、 （一） 1. （1）), 0 for paragraphs
	Number string // the number with its mark as printed: derived ("一、", "（一）", "1.", "（1）") or as typed
	Head   string // heading text without its number
	RunIn  bool   // the paragraph Text goes on after Head on the same line
	Text   string // paragraph text (after a run-in heading, or alone)
	Pos    Pos    // where the block starts in the template
	// Src says where the characters of Head followed by Text come from, in
	// order: Count characters from Pos each (the template's own text, whose
	// column advances, or a figure's value, all at its key). Nil when not
	// known; At then falls back to Pos.
	Src []Source
}

// Source is the origin of a run of a block's characters.
type Source struct {
	Pos     Pos
	Literal bool // the template's own characters: each one column on
	Count   int
}

// At is where the block's character i (of Head followed by Text) comes
// from, or the block's position when that is not known.
func (b *Block) At(i int) Pos {
	for _, s := range b.Src {
		if i < s.Count {
			p := s.Pos
			if s.Literal {
				p.Col += i
			}
			return p
		}
		i -= s.Count
	}
	return b.Pos
}
