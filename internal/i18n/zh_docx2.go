package i18n

// zhDOCX2 is the Chinese of the messages of issue 19's rest: the DOCX's
// round trip through gongwen import.
var zhDOCX2 = map[string]string{
	"a picture behind the text beyond the first %d read as seals: not imported":                    "衬于文字下方的图片超出前 %d 张（作为印章读取的上限）：未导入",
	"each row's share of the 合计, in per cent":                                                      "各行占合计的百分比，由程序计算",
	"a picture behind the text is not a PNG or JPEG image: not imported":                           "衬于文字下方的图片不是 PNG 或 JPEG 图像：未导入",
	"a picture behind the text of %d bytes is larger than the %d MB a seal may have: not imported": "衬于文字下方的图片有 %d 字节，超过印章图片上限 %d MB：未导入",
}

func init() { addCatalogue(zhDOCX2) }
