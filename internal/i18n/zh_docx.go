package i18n

// zhDOCX are the messages of the DOCX output (gongwen build --docx).
var zhDOCX = map[string]string{
	"also write NAME.docx (an editable Word document) beside each NAME.pdf":                                              "在每个 NAME.pdf 旁边另写 NAME.docx（可编辑的 DOCX 文档）",
	"`HOW` a DOCX carries its fonts: embed (the characters used, where the font's licence allows) or names (named only)": "DOCX 如何带字体（`HOW`）：“embed”（嵌入用到的字符，字体许可允许时）或“names”（只写字体名）",
	"--docx-fonts is %q: give embed or names":                                                                            "--docx-fonts 是 %q：请给“embed”或“names”",
	"%s: rendering DOCX: %v":                             "%s：生成 DOCX 时出错：%v",
	"not a DOCX package: %v":                             "不是 DOCX 包：%v",
	"no gongwen archive record in its custom properties": "其自定义属性中没有 gongwen 归档记录",
	"%s is too large":                                    "%s 太大",
	"no %s":                                              "没有 %s",
	"docProps/custom.xml: %v":                            "docProps/custom.xml：%v",
	"docProps/core.xml: %v":                              "docProps/core.xml：%v",
	"docProps/core.xml: created %q: %v":                  "docProps/core.xml：创建时间 %q：%v",
}

func init() { addCatalogue(zhDOCX) }
