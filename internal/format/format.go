// Package format owns the formats of GB/T 9704-2012 documents, wholly as
// data: every length, size, colour and typeface role the standard fixes (or
// that this project chose where the standard leaves room) is a named field
// of a Format, with the clause it comes from; so are its name and the
// standard's name for it, the words it prints (附件, 附件：), the keys a data
// file of it takes (keys.go), what `gongwen new` writes for it (starter.go)
// and the 文种 set in it (kinds.go). The formats are registered by name
// (registry.go): the data file's format key, the key checks, `gongwen
// formats` and `gongwen new` and the layout all read them from here, so a
// format made of existing elements is one Register call. Nothing here
// knows how text is broken or drawn.
//
// Units: lengths in millimetres, type sizes in points, origin at the page's
// top-left corner with y growing downwards.
package format

import (
	"fmt"
	"strings"
)

// PtPerMM converts millimetres to points (1 in = 25.4 mm = 72 pt).
const PtPerMM = 72 / 25.4

// MM converts a length in points to millimetres.
func MM(pt float64) float64 { return pt / PtPerMM }

// Type sizes named in 号 (GB/T 9704-2012 clause 3 uses them; values per the
// common table of Chinese type sizes).
const (
	SizeChuhao  = 42.0 // 初号
	SizeXiaochu = 36.0 // 小初
	SizeYihao   = 26.0 // 一号
	SizeErhao   = 22.0 // 二号
	SizeXiaoer  = 18.0 // 小二
	SizeSanhao  = 16.0 // 三号
	SizeXiaosan = 15.0 // 小三
	SizeSihao   = 14.0 // 四号
	SizeXiaosi  = 12.0 // 小四
	SizeWuhao   = 10.5 // 五号
)

// Role names one of the five typefaces GB/T 9704-2012 asks for. The fonts
// package maps each role to a TrueType file.
type Role string

// The five roles; the string is the key used in fonts.toml and [fonts] tables.
const (
	XiaoBiaoSong Role = "xiaobiaosong" // 小标宋: 发文机关标志, 标题
	FangSong     Role = "fangsong"     // 仿宋: 正文, level 3 and 4 headings
	HeiTi        Role = "heiti"        // 黑体: level 1 headings, 附件 labels, table headers
	KaiTi        Role = "kaiti"        // 楷体: level 2 headings
	SongTi       Role = "songti"       // 宋体: page numbers
)

// Roles lists every role in a fixed order.
var Roles = []Role{XiaoBiaoSong, FangSong, HeiTi, KaiTi, SongTi}

// ChineseName is the role's name as the standard and users know it.
func (r Role) ChineseName() string {
	switch r {
	case XiaoBiaoSong:
		return "小标宋"
	case FangSong:
		return "仿宋"
	case HeiTi:
		return "黑体"
	case KaiTi:
		return "楷体"
	case SongTi:
		return "宋体"
	}
	return string(r)
}

// RGB is a colour with 0–255 components.
type RGB struct{ R, G, B uint8 }

// Black and the default red of the letter format.
var (
	Black = RGB{0, 0, 0}
	Red   = RGB{255, 0, 0}
)

// Style is the face, size and colour of one kind of text.
type Style struct {
	Role  Role
	Size  float64 // pt
	Color RGB
}

// DoubleLine is a red rule: the letter format's double lines (clause
// 10.1), or a single line when Thin is 0 (the 版头分隔线, clause 7.2.6).
type DoubleLine struct {
	Length     float64 // mm, centred on the 版心
	Thick      float64 // mm, width of the thick line
	Thin       float64 // mm, width of the thin line
	Gap        float64 // mm, white space between the two lines
	ThickFirst bool    // thick line above the thin one
}

// Height is the rule's total height from the top edge of the upper line to
// the bottom edge of the lower one.
func (d DoubleLine) Height() float64 { return d.Thick + d.Gap + d.Thin }

// Rule is a single rule Length mm long and Width thick.
func Rule(length, width float64) DoubleLine {
	return DoubleLine{Length: length, Thick: width, ThickFirst: true}
}

// Kind names one element of a format's 版头 or closing.
type Kind string

// The elements a format may list. The layout has one way of composing each.
const (
	Flags         Kind = "flags"          // 份号, 密级和保密期限, 紧急程度 (clauses 7.2.1, 7.2.2)
	Mark          Kind = "mark"           // 发文机关标志 (7.2.3), one issuer or several stacked
	RuleLine      Kind = "rule"           // a red rule: the letter's double lines, the 版头分隔线 (7.2.6)
	Number        Kind = "number"         // 发文字号 (7.2.4), with the 签发人 of a 上行文 (7.2.5)
	OrderNumber   Kind = "order-number"   // 令号 (10.2)
	MinutesNumber Kind = "minutes-number" // the 纪要's number line (10.3)
	MinutesLine   Kind = "minutes-line"   // the 纪要's 印发机关 and date under the number (10.3)
	Title         Kind = "title"          // 标题 (7.3.1)
	Recipients    Kind = "recipients"     // 主送机关 (7.3.2)
	Attachments   Kind = "attachments"    // 附件说明 (7.3.4)
	Signature     Kind = "signature"      // 署名, 成文日期, seals (7.3.5.1, 7.3.5.2)
	Signer        Kind = "signer"         // 签发人职务, 签名章, 成文日期 (7.3.5.3)
	Attendance    Kind = "attendance"     // 出席, 请假, 列席 (10.3)
	Note          Kind = "note"           // 附注 (7.3.6)
	Annexes       Kind = "annexes"        // the annex pages (7.3.7, 8)
	Imprint       Kind = "imprint"        // 版记 (7.4)
)

// Align is a horizontal placement on the 版心.
type Align int

const (
	AlignLeft Align = iota
	AlignCentre
	AlignRight
)

// Element is one entry of a format's Front or Back list: what it is, whether
// the data may leave it out, and where it stands relative to the page or to
// the element placed before it.
type Element struct {
	Kind     Kind
	Optional bool
	// Top, when not 0, is the element's top edge in mm from the page's top
	// edge. Otherwise the element stands Gap mm below the bottom edge of the
	// element before it, plus GapLines blank body lines (下空N行: the first
	// line's em box one line pitch below, per blank line). In the closing,
	// GapLines is the blank lines above the element.
	Top      float64
	Gap      float64
	GapLines float64
	// Aside: the element does not move the place of the next one (the
	// letter's second double line, at the page's foot).
	Aside bool
	// Beside: the element stands on the first line of the element before
	// it, whether or not that one is present (the letter's 发文字号, beside
	// its 份号).
	Beside bool
	Align  Align      // where the element stands across the 版心, when it can vary
	Rule   DoubleLine // the rule of a RuleLine element
}

// Has reports whether the format lists an element of kind k.
func (f *Format) Has(k Kind) bool {
	for _, e := range append(append([]Element{}, f.Front...), f.Back...) {
		if e.Kind == k {
			return true
		}
	}
	return false
}

// Format is one kind of document: its names, words, starter and complete
// geometry.
type Format struct {
	Name string // the data file's format key: file

	// Page and 版心 (clause 5.2.1, 5.2.2).
	PageWidth, PageHeight float64 // mm, A4 210 × 297
	Top, Left             float64 // mm, 天头 37, 订口 28
	BodyWidth, BodyHeight float64 // mm, 156 × 225

	// The grid (clause 5.2.3): LinesPerPage lines of CharsPerLine characters
	// of Body's size fill the 版心.
	LinesPerPage, CharsPerLine int

	// EmAscent is where the baseline sits in a full-width character's em box,
	// as a fraction of the size from its top. 0.88 is the ideographic em box
	// of the default fonts (OpenType hhea ascender 880 / 1000 units in
	// FandolFang, FandolKai): the em box top is the edge the standard measures.
	EmAscent float64

	// Text styles (clause 7).
	Body        Style // 正文: 三号仿宋
	Level1      Style // 一、: 三号黑体
	Level2      Style // （一）: 三号楷体
	Level3      Style // 1.: 三号仿宋
	Level4      Style // （1）: 三号仿宋
	Title       Style // 标题: 二号小标宋
	Mark        Style // 发文机关标志: red 小标宋
	PageNumber  Style // 页码: 四号宋体
	AnnexLabel  Style // 附件1: 三号黑体
	TableHeader Style // table header cells: 黑体
	TableBody   Style // table body cells: 仿宋

	// TitleLinePitch is the distance between the title's lines (mm). The
	// standard leaves it open; the project's choice is 35 pt.
	TitleLinePitch float64

	// ParagraphIndent is the first-line indent of every paragraph, in 字.
	ParagraphIndent float64

	// PunctShrink is the fraction of its advance a punctuation mark may give
	// up so that a closing mark can stay on its line (clreq §3.1.6). The
	// project's choice is 0.18: beyond about 0.2 em of overlap between glyph
	// boxes, poppler's text extraction (TextOutputDev, minDupBreakOverlap)
	// starts a new line, which would break copying and searching.
	PunctShrink float64

	// The 版头 (Front) and the closing and 版记 (Back), in the order the
	// layout composes them; each element's place is part of the list.
	Front, Back []Element

	// 发文机关标志 (clauses 7.2.3, 10.1, 10.2, 10.3): red 小标宋, centred. Its
	// size is Mark.Size, scaled down until it fits MarkMaxWidth; below
	// MarkMinSize it is no longer legible as a 标志 and the build refuses it.
	MarkMaxWidth float64 // mm: 170 (letter), the 版心's 156 otherwise
	MarkMinSize  float64 // pt: choice 二号 22, the 标题's size: a 标志 never smaller than the title under it
	MarkSuffix   string  // after the issuer's name: 文件, 令, 纪要, or nothing (letter)
	// 联合行文 (clause 7.2.3): the issuers stacked one a line, MarkLineSpacing
	// × size apart (choice 1.2), each spread to the widest name's width
	// (choice, as printed 联合行文 do), the suffix MarkSuffixGap 字 of the mark
	// size to their right (choice 0.5), centred on the stack.
	MarkLineSpacing float64
	MarkSuffixGap   float64

	// 份号, 密级和保密期限, 紧急程度 (clauses 7.2.1, 7.2.2): flush left, one a line.
	CopyNumberDigits int   // 6
	CopyNumber       Style // 三号 Arabic digits: choice 仿宋, the body's face
	Flag             Style // 密级, 紧急程度: 三号黑体

	// 签发人 of a 上行文 (clause 7.2.5): the 发文字号 UpwardIndent 字 in from
	// the left, "签发人：" in Body and the names in SignerName UpwardIndent 字
	// in from the right, SignersPerLine names a line SignerGap 字 apart
	// (choice 1), the last line on the 发文字号's line.
	UpwardIndent   float64
	SignerLabel    string
	SignerName     Style // 三号楷体
	SignersPerLine int
	SignerGap      float64

	// OrderNumber is how the 令号 is printed (clause 10.2): 第15号.
	OrderNumber string

	// BodyGapLines is the blank lines between the last element of the 版头
	// and the 正文 when there is no 主送机关 (命令: 2, 纪要 after its rule: 2).
	BodyGapLines float64

	RuleColor RGB // the red rules' colour (choice RGB 255,0,0)

	// Closing elements (clause 7.3.5).
	SignatureRight float64 // 署名 右空 (字) without a seal: 2
	DateShift      float64 // the date's first character right of the 署名's (字): 2
	SealDateRight  float64 // with a seal: date 右空 (字): 4
	SealSize       float64 // mm, the seal image's diameter (width) by default: 42
	// JointSealGap is the least white between two seals of a 联合行文 row
	// (clause 7.3.5.1: 互不相交或相切; choice 2 mm).
	JointSealGap float64
	// SealLift is how far, in line pitches, the seal's centre stands above
	// the middle of the 署名 and date it presses on (clause 7.3.5.1: they
	// sit 居印章中心偏下). Choice 0.5: the centre on the 署名's middle, the
	// date in the seal's lower half, its em box 13.3 mm under the centre
	// of a 21 mm radius. The 署名 goes as many blank lines under the 正文 as
	// keep the seal's top clear of it (two with this lift).
	SealLift float64
	// MinLinePitch is how tight (mm) a page's lines may be set so that the
	// 署名 with its seal, or a signature stamp, fits on the page of the
	// 正文's last lines instead of taking them to the next (clause 7.3.5.4:
	// 调整行距). Choice 28 pt, the tightest line pitch the implementations
	// of the standard use (spec notes: 28–29.61 pt): a full page then holds
	// 23 lines instead of 22.
	MinLinePitch float64
	// ClosingKeepLines is how many lines of the 正文 (or 附件说明) go with the
	// 署名 and date to a new page, so that they never start a page alone
	// (clause 7.3.5: choice 2).
	ClosingKeepLines int

	// 签发人签名章 of the 命令格式 (clause 7.3.5.3): the stamp StampRight 字
	// from the right edge, StampWidth mm wide (choice 30, a user's image keeps
	// its proportions), the title (职务) SignerTitleGap 字 left of it; the date
	// below the stamp, StampRight 字 from the right.
	StampRight     float64
	StampWidth     float64
	SignerTitleGap float64
	// StampDateGapLines is the blank lines between the stamp (or the name)
	// and the 成文日期: 1 (7.3.5.3: 签名章下空一行).
	StampDateGapLines float64

	// 出席/请假/列席 of the 纪要格式 (clause 10.3): the labels in
	// AttendanceLabel, AttendanceIndent 字 in, the names in Body joined by
	// NameSeparator (choice 、), wrapped lines aligned after the colon.
	AttendanceLabels [3]string
	AttendanceLabel  Style
	AttendanceIndent float64
	NameSeparator    string

	// 版记 (clause 7.4): items in Imprint (四号仿宋) ImprintIndent 字 of that
	// size in on both sides, one per ImprintLinePitch (choice: the body's
	// line pitch) between rules as wide as the 版心; the first and last rules
	// ImprintOuterRule thick, those between items ImprintInnerRule; the last
	// rule's centre on the 版心's bottom edge. ImprintEvenPage: the 版记 is on
	// the document's last side, an even page.
	Imprint                Style
	ImprintIndent          float64
	ImprintLinePitch       float64
	ImprintOuterRule       float64 // mm: 0.35
	ImprintInnerRule       float64 // mm: 0.25
	CCLabel                string  // 抄送： (纪要: 分送：)
	ImprintRecipientsLabel string  // 主送： (the 主送机关 moved to the 版记, clause 7.4.2)
	CCSeparator            string  // between 抄送机关: ，
	PrintedSuffix          string  // after the 印发日期: 印发
	ImprintEvenPage        bool
	// ImprintRules: the 版记 has its rules and its 印发机关 and 印发日期;
	// without (the letter, clause 10.1) only the 抄送 lines stand at the
	// foot of the last page.
	ImprintRules bool
	// ImprintClearance is the least white between the last page's content
	// and the 版记's first rule before the 版记 needs a page of its own
	// (choice: one body line pitch).
	ImprintClearance float64

	// Page numbers (clause 7.5): "— N —", dashes' top PageNumberDrop below the
	// 版心, PageNumberIndent 字 (of the page-number size) in from the edge.
	PageNumberDrop     float64 // mm: 7
	PageNumberIndent   float64 // 字: 1
	PageNumberFromPage int     // the first page that shows a number: 2 in the letter format

	// Annex pages (clause 8): label on line 1, title on line 3.
	AnnexTitleLine int // 3
	// AnnexContentGapLines is the blank grid lines between the annex title
	// and its content ("content one line below"): 1.
	AnnexContentGapLines int

	// Annex tables. The standard fixes no numbers for tables; these are the
	// project's choices, after common practice for 公文 annexes.
	// TableSizes are the type sizes a table may be set in, largest first
	// (四号, 小四: ../shared/spec/gbt9704.md "Annex pages"). The layout takes
	// the largest that needs no more pages than the smallest; the sizes of
	// TableHeader and TableBody are replaced by the one chosen.
	TableSizes []float64
	// TableLineSpacing is the line pitch inside a cell as a multiple of the
	// type size: 1.2, about a word processor's single spacing.
	TableLineSpacing float64
	TableCellPadX    float64 // mm of white between a cell's side rules and its text: 1.5
	TableCellPadY    float64 // mm of white above and below a cell's lines: 0.75
	TableRuleWidth   float64 // mm, the rules between cells: 0.5 pt
	TableFrameWidth  float64 // mm, the table's outer frame: 1 pt, heavier than the inner rules
	TableListGap     float64 // 字 (of the cell's size) between list items set side by side: 1

	// The fields beyond the geometry stay last (see Settings).
	ChineseName string // the standard's name for it: 文件格式

	// The words the format prints around the data's: AnnexWord labels an
	// annex page (clause 8: 附件, numbered 附件1 … when there are several);
	// AttachmentsLabel stands before the 附件说明's items (7.3.4: 附件：).
	AnnexWord        string
	AttachmentsLabel string

	// Starter is what `gongwen new` writes for a document of the format.
	Starter Starter
}

// Settings is the format as the archive record hashes it: the %#v of
// every field of its geometry, then AnnexWord and AttachmentsLabel only
// when they are not the standard's (附件, 附件：). The four formats of the
// standard so keep the records (and the PDF bytes) they had before their
// words were data, and a format printing other words records them; the
// Chinese name and the starter print nothing and are left out.
func (f *Format) Settings() string {
	gov := func(v any) string { return fmt.Sprintf("%#v", v) }
	words := ", AnnexWord:" + gov(f.AnnexWord) + ", AttachmentsLabel:" + gov(f.AttachmentsLabel)
	tail := ", ChineseName:" + gov(f.ChineseName) + words + ", Starter:" + gov(f.Starter) + "}"
	geometry := strings.TrimSuffix(gov(*f), tail) + "}"
	if f.AnnexWord == "附件" && f.AttachmentsLabel == "附件：" {
		return geometry
	}
	return geometry + words
}

// LinePitch is the distance between two body lines in mm: the first line's
// em box top at the 版心's top, the last line's em box bottom at its bottom
// (the project's choice, see ../shared/spec/gbt9704.md).
func (f *Format) LinePitch() float64 {
	return (f.BodyHeight - MM(f.Body.Size)) / float64(f.LinesPerPage-1)
}

// CharPitch is the advance of one full-width body character in mm: the
// 版心 width divided by the characters per line.
func (f *Format) CharPitch() float64 { return f.BodyWidth / float64(f.CharsPerLine) }

// Right and Bottom are the 版心's right and bottom edges (mm).
func (f *Format) Right() float64  { return f.Left + f.BodyWidth }
func (f *Format) Bottom() float64 { return f.Top + f.BodyHeight }

// CentreX is the 版心's horizontal centre (mm).
func (f *Format) CentreX() float64 { return f.Left + f.BodyWidth/2 }
