package i18n

// zhImport are the messages of gongwen import (cmd/gongwen/import.go,
// internal/draft) and the placeholder message of gongwen check, in Chinese.
var zhImport = map[string]string{
	"Usage: gongwen import [--format file|letter|order|minutes] [--draft docx|md|txt] DRAFT NAME\n\nReads a draft written in Word, WPS or LibreOffice (.docx), Markdown (.md)\nor plain text (.txt, UTF-8 or GBK/GB18030) and writes the document's\nsources in the current folder, as gongwen new does:\n  data/NAME.toml               the data: 标题, 主送机关, 署名, 成文日期, 版记, …\n  templates/NAME.txt           the body, its headings marked # ## ### ####\n  data/NAME/附件N.toml          an annex's table\n  templates/NAME-附件N.txt      an annex's text\nNothing is written if any of the files exists.\n\nIt prints one line per paragraph it kept as body text because it fits no\npart, changed (a heading number the structure numbers otherwise) or\ndropped (a comment, a footnote), naming the draft's paragraph (or line).\nA required part the draft lacks (the 发文机关, the 发文字号) is written as a\ncommented placeholder, which gongwen check names until it is filled in.\n\nOptions:\n": "用法：gongwen import [--format file|letter|order|minutes] [--draft docx|md|txt] 草稿 名称\n\n读取用 Word、WPS 或 LibreOffice 写的草稿（.docx）、Markdown（.md）\n或纯文本（.txt，UTF-8 或 GBK/GB18030），在当前文件夹写出文档的\n源文件，与 gongwen new 相同：\n  data/名称.toml               数据：标题、主送机关、署名、成文日期、版记……\n  templates/名称.txt           正文，标题层次用 # ## ### #### 标记\n  data/名称/附件N.toml          附件的表格\n  templates/名称-附件N.txt      附件的文字\n任一文件已存在时，什么也不写。\n\n它为每个这样的段落输出一行：因不属于任何要素而留作正文的、\n有改动的（层次序号与结构编出的不同）、被舍弃的（批注、脚注），\n并注明草稿中的段落号（或行号）。\n草稿缺少的必填要素（发文机关、发文字号）写成注释掉的占位行，\ngongwen check 会一直指出它，直到填写为止。\n\n选项：\n",
	"read the draft as `KIND` (by default, by its extension): ":   "按 `KIND` 读取草稿（默认按扩展名）：",
	"gongwen import: give a draft and a name, not %d arguments\n": "gongwen import：请给出一个草稿和一个名称，而不是 %d 个参数\n",
	"gongwen import:": "gongwen import：",
	"check it with: gongwen check %s   (then build it: gongwen build %s)\n":                                     "检查：gongwen check %s   （然后生成：gongwen build %s）\n",
	"missing required key %q (%s, GB/T 9704-2012): its line is commented out; write the value and remove the #": "缺少必填项 %q（%s，GB/T 9704-2012）：这一行被注释掉了；请填写其值并删去 #",
	"%s: a .docx of %d bytes is larger than the %d MB a draft may have":                                         "%s：这个 .docx 有 %d 字节，超过了草稿允许的 %d MB",
	"%s: not a .docx (a .docx is a zip archive: %v); a .doc from an old Word must be saved as .docx first":      "%s：不是 .docx（.docx 是 zip 压缩包：%v）；旧版 Word 的 .doc 须先另存为 .docx",
	"%s: the .docx holds %d parts, more than the %d a draft may have":                                           "%s：这个 .docx 含 %d 个部件，超过了草稿允许的 %d 个",
	"%s: not a Word document: it has no %s":                                                                     "%s：不是 Word 文档：其中没有 %s",
	"%s: its part %s unpacks to %d bytes, more than the %d MB a part may have":                                  "%s：其部件 %s 解压后有 %d 字节，超过了一个部件允许的 %d MB",
	"%s: its part %s unpacks to more than the %d MB a part may have":                                            "%s：其部件 %s 解压后超过了一个部件允许的 %d MB",
	"%s: %s: %v":                                     "%s：%s：%v",
	"elements nested more than %d deep":              "元素嵌套超过 %d 层",
	"the text of a header or footer is not read: %q": "页眉或页脚中的文字不读取：%q",
	"hidden text dropped: %q":                        "已舍弃隐藏文字：%q",
	"comment dropped: %q":                            "已舍弃批注：%q",
	"footnote dropped: %q":                           "已舍弃脚注：%q",
	"%s: paragraph %d":                               "%s：第 %d 段",
	"%s: a draft is a .docx, .md or .txt file; say which with --draft docx|md|txt": "%s：草稿应是 .docx、.md 或 .txt 文件；请用 --draft docx|md|txt 说明是哪一种",
	"the file is not UTF-8 text": "文件不是 UTF-8 文本",
	"附件%d of %s":                 "%[2]s的附件%[1]d",
	"The body of %s":             "%s的正文",
	"tracked changes accepted: %d insertions kept, %d deletions dropped":                                                                     "已接受修订：保留插入 %d 处，删去删除 %d 处",
	"the draft is not UTF-8: read as GBK/GB18030 (the Windows Chinese encoding) and converted":                                               "草稿不是 UTF-8：已按 GBK/GB18030（Windows 中文编码）读取并转换",
	"kept as body text: it follows the 成文日期 and is not a 附注 in brackets":                                                                     "留作正文：它在成文日期之后，又不是带括号的附注",
	"kept as body text: %q stands before the 成文日期 but is too long for a 署名":                                                                  "留作正文：%q 在成文日期之前，但作为署名太长",
	"the heading numbered %s is number %d of its level here; the template numbers headings by their place, so it prints %s":                  "序号为 %s 的标题在本层次中是第 %d 个；模板按位置编号，因此印为 %s",
	"附件%d: the heading numbered %s is number %d of its level there; the template numbers headings by their place, so it prints %s":           "附件%d：序号为 %s 的标题在本层次中是第 %d 个；模板按位置编号，因此印为 %s",
	"a table in the body: its rows are kept as paragraphs (a table belongs in an annex)":                                                     "正文中有表格：其各行留作段落（表格应放在附件中）",
	"the draft has no %s (%s): data/%s.toml has a placeholder for it":                                                                        "草稿中没有%s（%s）：data/%s.toml 中为它写了占位行",
	"the draft's %s (%s) is not a part of this format: kept in data/%s.toml as a comment":                                                    "草稿中的%s（%s）不是这种格式的要素：作为注释保留在 data/%s.toml 中",
	"the paragraph starts with %s, which the template reads as a heading mark: check it":                                                     "段落以 %s 开头，模板会把它读作标题标记：请检查",
	"附件%d (%s) is listed in the 附件说明 but the draft has no page for it: it is listed, and has no page":                                        "附件%d（%s）列在附件说明中，但草稿中没有它的页面：只列出，不排页面",
	"附件%d has no title in the draft: it is called %q until you give it one":                                                                  "附件%d在草稿中没有标题：在您给出标题之前称为 %q",
	"附件%d's title on its page, %q, is not the one the 附件说明 lists, %q: the 附件说明's is kept for both":                                           "附件%d页面上的标题 %q 与附件说明所列的 %q 不同：两处都用附件说明的",
	"附件%d: the 合计 of %s is %q, but its rows add up to %s: the row is kept as typed; correct the figures and write [total] for a computed 合计": "附件%d：%s 的合计是 %q，但各行相加为 %s：该行按原样保留；请改正数字，并写 [total] 由程序计算合计",
	"附件%d: the 合计 row's %s is %q, which a computed total cannot show: the row is kept as typed":                                              "附件%d：合计行的%s为 %q，计算出的合计行无法显示它：该行按原样保留",
	// The comments of the files import writes.
	"%s: imported by gongwen import from %s.":                                        "%s：由 gongwen import 从 %s 导入。",
	"Check each value against the draft, then build it:":                             "请逐项与草稿核对，然后生成：",
	"A line starting with # is a part the draft does not have: write its value":      "以 # 开头的行是草稿中没有的要素：填写其值",
	"and remove the #; until then gongwen check names the line.":                     "并删去 #；在此之前 gongwen check 会一直指出这一行。",
	"%s: the draft has it, the format does not take it":                              "%s：草稿中有，但这种格式不用",
	"%s (GB/T 9704-2012 %s): not found in the draft; write it and remove the #":      "%s（GB/T 9704-2012 %s）：草稿中没有；请填写并删去 #",
	"%s, imported by gongwen import from %s.":                                        "%s，由 gongwen import 从 %s 导入。",
	"A paragraph a line, a blank line between paragraphs; # starts a":                "一段一行，段与段之间空一行；# 开始一个",
	"一、 heading, ## a （一）, ### a 1., #### a （1）: the numbers are":                    "一、 标题，## 开始（一），### 开始 1.，#### 开始（1）：序号",
	"derived from the structure.":                                                    "由结构编出。",
	"附件%d, imported by gongwen import from the draft's table.":                       "附件%d，由 gongwen import 从草稿的表格导入。",
	"Numbers keep the decimals the draft shows; a figures column is summed into 合计.": "数字保留草稿中的小数位；数值列求和得出合计。",
	"合计, computed: the draft's added up":                                             "合计，由程序计算：草稿中的合计与各行相加相符",
}

func init() {
	for en, zh := range zhImport {
		zhCatalogue[en] = zh
	}
}
