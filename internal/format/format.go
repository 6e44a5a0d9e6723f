// Package format owns the geometry of GB/T 9704-2012 documents: every length,
// size, colour and typeface role the standard fixes (or that this project
// chose where the standard leaves room) is a named field of a Format, with
// the clause it comes from. The layout reads these values and never repeats
// them; nothing here knows how text is broken or drawn.
//
// Units: lengths in millimetres, type sizes in points, origin at the page's
// top-left corner with y growing downwards.
package format

import "fmt"

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

// DoubleLine is a red double rule of the letter format (clause 10.1).
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

// Format is the complete geometry of one kind of document.
type Format struct {
	Name string

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

	// Letter format (clause 10.1).
	MarkTop           float64    // mm from the page's top edge to the 标志's top edge: 30
	MarkMaxWidth      float64    // mm, the 标志 must fit: 170
	MarkRuleGap       float64    // mm from the 标志's bottom edge to the first double line: 4
	FirstRule         DoubleLine // thick over thin
	SecondRule        DoubleLine // thin over thick
	SecondRuleTop     float64    // mm, top edge of the second double line: 277 (20 mm above the page's bottom edge)
	NumberGap         float64    // mm between the first double line and the 发文字号's em box: 7/8 of a 三号 character
	TitleGapLines     float64    // body lines between the 发文字号 and the 标题: 2
	RecipientGapLines float64    // blank body lines between the 标题 and the 主送机关: 1
	RuleColor         RGB        // the double lines' colour

	// Closing elements (clause 7.3.5).
	AttachGapLines    float64 // blank lines between 正文 and 附件说明: 1
	SignatureGapLines float64 // blank lines above the 署名 without a seal: 1
	SignatureRight    float64 // 署名 右空 (字) without a seal: 2
	DateShift         float64 // the date's first character right of the 署名's (字): 2
	SealDateRight     float64 // with a seal: date 右空 (字): 4
	SealSize          float64 // mm, the seal image's diameter (width) by default: 42

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

// Letter returns the 信函格式 of GB/T 9704-2012 clause 10.1 with the values of
// ../shared/spec/gbt9704.md.
func Letter() *Format {
	return &Format{
		Name:         "letter",
		PageWidth:    210,
		PageHeight:   297,
		Top:          37,
		Left:         28,
		BodyWidth:    156,
		BodyHeight:   225,
		LinesPerPage: 22,
		CharsPerLine: 28,
		EmAscent:     0.88,

		Body:        Style{FangSong, SizeSanhao, Black},
		Level1:      Style{HeiTi, SizeSanhao, Black},
		Level2:      Style{KaiTi, SizeSanhao, Black},
		Level3:      Style{FangSong, SizeSanhao, Black},
		Level4:      Style{FangSong, SizeSanhao, Black},
		Title:       Style{XiaoBiaoSong, SizeErhao, Black},
		Mark:        Style{XiaoBiaoSong, SizeXiaochu, Red},
		PageNumber:  Style{SongTi, SizeSihao, Black},
		AnnexLabel:  Style{HeiTi, SizeSanhao, Black},
		TableHeader: Style{HeiTi, SizeXiaosi, Black},
		TableBody:   Style{FangSong, SizeXiaosi, Black},

		TitleLinePitch:  MM(35),
		ParagraphIndent: 2,
		PunctShrink:     0.18,

		MarkTop:           30,
		MarkMaxWidth:      170,
		MarkRuleGap:       4,
		FirstRule:         DoubleLine{Length: 170, Thick: 0.75, Thin: 0.25, Gap: 0.5, ThickFirst: true},
		SecondRule:        DoubleLine{Length: 170, Thick: 0.75, Thin: 0.25, Gap: 0.5, ThickFirst: false},
		SecondRuleTop:     277,
		NumberGap:         MM(SizeSanhao) * 7 / 8,
		TitleGapLines:     2,
		RecipientGapLines: 1,
		RuleColor:         Red,

		AttachGapLines:    1,
		SignatureGapLines: 1,
		SignatureRight:    2,
		DateShift:         2,
		SealDateRight:     4,
		SealSize:          42,

		PageNumberDrop:     7,
		PageNumberIndent:   1,
		PageNumberFromPage: 2,

		AnnexTitleLine:       3,
		AnnexContentGapLines: 1,

		TableSizes:       []float64{SizeSihao, SizeXiaosi},
		TableLineSpacing: 1.2,
		TableCellPadX:    1.5,
		TableCellPadY:    0.75,
		TableRuleWidth:   MM(0.5),
		TableFrameWidth:  MM(1),
		TableListGap:     1,
	}
}

// ByName returns the named format.
func ByName(name string) (*Format, error) {
	switch name {
	case "letter", "":
		return Letter(), nil
	}
	return nil, fmt.Errorf("unknown format %q (known: letter)", name)
}
