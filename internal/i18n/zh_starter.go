package i18n

// zhStarter are the comment lines of the files gongwen new writes
// (internal/starter/files), each in Chinese: a starter written under a
// Chinese locale explains itself in Chinese. A comment is translated
// line by line, so each Chinese line stands where its English one does;
// «.Name» and the like are filled in afterwards. Lines that are a command
// (gongwen build …) have none. starter_test.go names a comment line
// without its Chinese, and one here no starter has any more.
var zhStarter = map[string]string{
	// The annex table (annex.toml).
	"附件1: a table. Each [[columns]] is a column (key: how the template names": "附件1：一张表格。每个 [[columns]] 是一列（key：模板引用它时用的名称；",
	"it; title: its heading; figures = true: numbers, totalled in a 合计 row);": "title：列标题；figures = true：数值，在合计行中求和）；",
	"each [[rows]] a row. The template cites figures from it, such as the":    "每个 [[rows]] 是一行。正文模板从表中引用数值，例如",
	"total of a column, so that a figure is typed once.":                      "某一列的合计，这样每个数只填写一次。",
	"a 合计 row, summed from the rows":                                          "合计行，由各行求和",

	// The data files (file.toml, letter.toml, minutes.toml, order.toml).
	"«.Name»: a 公文 in the 文件格式 (GB/T 9704-2012 clause 7), written by":                 "«.Name»：文件格式的公文（GB/T 9704-2012 第 7 章），由",
	"«.Name»: a 公文 in the 信函格式 (GB/T 9704-2012 clause 10.1), written by":              "«.Name»：信函格式的公文（GB/T 9704-2012 10.1），由",
	"«.Name»: a 纪要 in the 纪要格式 (GB/T 9704-2012 clause 10.3), written by":              "«.Name»：纪要格式的纪要（GB/T 9704-2012 10.3），由",
	"«.Name»: a 令 in the 命令格式 (GB/T 9704-2012 clause 10.2), written by":               "«.Name»：命令格式的令（GB/T 9704-2012 10.2），由",
	"gongwen new. Replace the values with yours, then build it:":                      "gongwen new 写出。把示例的值换成你的，然后生成：",
	"gongwen serve data/«.Name».toml      → see the pages while you edit":             "gongwen serve data/«.Name».toml      → 边编辑边查看页面",
	"The body is in templates/«.Name».txt, the annex table in data/«.Name»/附件1.toml.": "正文在 templates/«.Name».txt，附件表格在 data/«.Name»/附件1.toml。",
	"Save every file as UTF-8. gongwen formats lists every key this format takes.":    "每个文件都请存为 UTF-8。gongwen formats 列出这种格式可用的全部键。",
	"Save every file as UTF-8.":                     "每个文件都请存为 UTF-8。",
	"附件: its name, and its table":                   "附件：名称及其表格",
	"values the body cites: {{.Figures.deadline}}":  "正文引用的数值：{{.Figures.deadline}}",
	"values the body cites: {{.Figures.session}}":   "正文引用的数值：{{.Figures.session}}",
	"values the body cites: {{.Figures.start}}":     "正文引用的数值：{{.Figures.start}}",
	"发文机关: the red 标志":                              "发文机关：红色的发文机关标志",
	"the number under the 标志":                       "纪要标志下的编号",
	"签发人 (printed where a stamp image would stand)": "签发人（印在签名章图片的位置）",

	// The body templates (file.txt, letter.txt, minutes.txt, order.txt).
	"The body of «.Name». Every line is a paragraph; blank lines are optional.": "«.Name»的正文。每一行是一个段落，段落之间可以不空行。",
	"# starts a 一、 heading, ## a （一）, ### a 1., #### a （1）.":                    "# 开始一个“一、”标题，## 是“（一）”，### 是“1.”，#### 是“（1）”。",
	"{{.Figures.deadline}} prints a value of [figures]; $t is the table of":     "{{.Figures.deadline}} 输出 [figures] 中的一个值；$t 是",
	"{{.Figures.start}} prints a value of [figures]; $t is the table of":        "{{.Figures.start}} 输出 [figures] 中的一个值；$t 是",
	"附件1, and {{$t.Total \"done\"}} the 合计 of its column \"done\".":             "附件1 的表格，{{$t.Total \"done\"}} 是其 \"done\" 列的合计。",
	"# starts a 一、 heading. {{.Figures.session}} prints a value of":             "# 开始一个“一、”标题。{{.Figures.session}} 输出",
	"[figures]; $t is the table of 附件1, and {{$t.Total \"done\"}} the 合计":       "[figures] 中的一个值；$t 是附件1 的表格，{{$t.Total \"done\"}} 是",
	"of its column \"done\".": "其 \"done\" 列的合计。",

	// Typed heading numbers (file.txt, letter.txt).
	"A typed 一、 （一） 1. （1） at the start of a line makes a heading too.": "行首手工输入的“一、”“（一）”“1.”“（1）”同样构成标题。",
}

// StarterLines are the starter comment lines with Chinese, for the
// starter's test to find those no starter has any more.
func StarterLines() []string {
	out := make([]string, 0, len(zhStarter))
	for en := range zhStarter {
		out = append(out, en)
	}
	return out
}
