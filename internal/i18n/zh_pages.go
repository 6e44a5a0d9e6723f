package i18n

// zhPages are the Chinese of the messages added with issue 21: the
// rounding of a computed column, and the PDF post-pass reading bookmarks.
var zhPages = map[string]string{
	"columns.%d.rounding": "columns.%d.rounding",
	"seal is %v; a seal is an image file (seal = \"seal.png\"), or \"paper\" for the seal layout with nothing drawn, stamped by hand after printing": "seal 为 %v；印章是一个图片文件（seal = \"seal.png\"），或写 \"paper\"：按有印章的格式排版而不画印章，打印后手工盖章",
	// Reading fpdf's bookmarks in the PDF post-pass.
	"outline item %d: %v":                  "书签项 %d：%v",
	"no /Title":                            "没有 /Title",
	"the title is not UTF-8":               "标题不是 UTF-8",
	"not a literal string: %q":             "不是字面字符串：%q",
	"a literal string ends in a backslash": "字面字符串以反斜杠结尾",
	"column %q: rounding is for a computed column (compute = \"…\")":                                                                                     "列 %q：rounding 只用于计算列（compute = \"…\"）",
	"column %q: rounding is %q; write %q (the default) or %q":                                                                                            "列 %q：rounding 为 %q；请写 %q（默认）或 %q",
	"column %q: rounding = \"largest_remainder\" shares out a total, and a value is below zero (%s)":                                                     "列 %q：rounding = \"largest_remainder\" 用于分配一个合计，但有一个值小于零（%s）",
	"column %q: rounding = \"largest_remainder\" makes the cells add up to the 合计, but they add up to %s and the 合计 is %s: use it for shares of a total": "列 %q：rounding = \"largest_remainder\" 使各格之和等于合计，但各格之和为 %s，合计为 %s：它只用于占合计的比例（占比）",
}

func init() { addCatalogue(zhPages) }
