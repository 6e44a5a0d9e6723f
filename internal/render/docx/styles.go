package docx

// styles.go: a paragraph style for each element of the document, named as
// a clerk knows it (正文, 一级标题 …), so that the document is edited by
// style; every font is named in full (no theme fonts).

import (
	"bytes"
	"fmt"

	"gongwen/internal/format"
)

// style is one paragraph style.
type style struct {
	id, name string
	st       format.Style
	jc       string  // both, center, right, left
	first    float64 // first-line indent, mm
	outline  int     // 1–4 for headings
	keepNext bool
	offGrid  bool // lines of their own height, not the document grid's
	line     int  // auto line spacing in 240ths, when set
}

func (r *renderer) styleList() []style {
	f := r.f
	indent := f.ParagraphIndent * f.CharPitch()
	table := int(f.TableLineSpacing*240 + 0.5)
	return []style{
		{id: StyleBody, name: "Normal", st: f.Body, jc: "both", first: indent},
		{id: StyleHeading1, name: "一级标题", st: f.Level1, jc: "both", first: indent, outline: 1, keepNext: true},
		{id: StyleHeading2, name: "二级标题", st: f.Level2, jc: "both", first: indent, outline: 2, keepNext: true},
		{id: StyleHeading3, name: "三级标题", st: f.Level3, jc: "both", first: indent, outline: 3, keepNext: true},
		{id: StyleHeading4, name: "四级标题", st: f.Level4, jc: "both", first: indent, outline: 4, keepNext: true},
		{id: StyleTitle, name: "标题", st: f.Title, jc: "center", offGrid: true},
		{id: StyleMark, name: "发文机关标志", st: f.Mark, jc: "center", offGrid: true},
		{id: StyleCopyNumber, name: "份号", st: f.CopyNumber, jc: "left", offGrid: true},
		{id: StyleFlag, name: "密级和紧急程度", st: f.Flag, jc: "left", offGrid: true},
		{id: StyleNumber, name: "发文字号", st: f.Body, jc: "center", offGrid: true},
		{id: StyleRecipients, name: "主送", st: f.Body, jc: "both"},
		{id: StyleAttachments, name: "附件说明", st: f.Body, jc: "both", first: indent, keepNext: true},
		{id: StyleSignature, name: "署名", st: f.Body, jc: "right", keepNext: true},
		{id: StyleDate, name: "成文日期", st: f.Body, jc: "right"},
		{id: StyleNote, name: "附注", st: f.Body, jc: "both", first: indent},
		{id: StyleAnnexLabel, name: "附件标签", st: f.AnnexLabel, jc: "left"},
		{id: StyleAnnexTitle, name: "附件标题", st: f.Title, jc: "center"},
		{id: StyleImprint, name: "版记", st: f.Imprint, jc: "both", offGrid: true},
		{id: StyleTable, name: "表格", st: f.TableBody, jc: "center", offGrid: true, line: table},
		{id: StyleTableHeader, name: "表头", st: f.TableHeader, jc: "center", offGrid: true, line: table},
		{id: StylePageNumber, name: "页码", st: f.PageNumber, jc: "left", offGrid: true},
	}
}

// styleByID finds a style of the list.
func (r *renderer) styleByID(id string) style {
	for _, s := range r.styleList() {
		if s.id == id {
			return s
		}
	}
	return r.styleList()[0]
}

func (r *renderer) styles() []byte {
	f := r.f
	var b bytes.Buffer
	b.WriteString(xmlHead + `<w:styles ` + nsW + `>`)
	b.WriteString(`<w:docDefaults><w:rPrDefault><w:rPr>` + r.rPr(f.Body, nil, format.Style{}) + `<w:lang w:val="zh-CN" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>`)
	b.WriteString(`<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:spacing w:before="0" w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>`)
	for i, s := range r.styleList() {
		def := ""
		if i == 0 {
			def = ` w:default="1"`
		}
		fmt.Fprintf(&b, `<w:style w:type="paragraph"%s w:styleId="%s"><w:name w:val="%s"/>`, def, s.id, s.name)
		if i > 0 {
			fmt.Fprintf(&b, `<w:basedOn w:val="%s"/>`, StyleBody)
		}
		b.WriteString(`<w:qFormat/><w:pPr>`)
		if s.keepNext {
			b.WriteString(`<w:keepNext/>`)
		}
		if i == 0 {
			// Said again in the style the others are based on: Writer
			// takes the document defaults' word for the fonts, not for
			// these, and would set white between Chinese and digits.
			b.WriteString(`<w:widowControl w:val="0"/><w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>`)
		}
		if s.offGrid {
			b.WriteString(`<w:snapToGrid w:val="0"/>`)
		}
		if s.line > 0 {
			fmt.Fprintf(&b, `<w:spacing w:line="%d" w:lineRule="auto"/>`, s.line)
		}
		fmt.Fprintf(&b, `<w:ind w:left="0" w:right="0" w:firstLine="%d"/><w:jc w:val="%s"/>`, twips(s.first), s.jc)
		if s.outline > 0 {
			fmt.Fprintf(&b, `<w:outlineLvl w:val="%d"/>`, s.outline-1)
		}
		var in format.Style // what the style is based on
		if i > 0 {
			in = r.styleList()[0].st
		}
		b.WriteString(`</w:pPr><w:rPr>` + r.rPr(s.st, nil, in) + `</w:rPr></w:style>`)
	}
	b.WriteString(`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>`)
	b.WriteString(`</w:styles>`)
	return b.Bytes()
}
