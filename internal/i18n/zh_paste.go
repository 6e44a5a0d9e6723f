package i18n

// zhPaste are the messages of the body's structure as clerks type it
// (internal/expand: typed heading numbers checked against their place, a
// line that seems to go on) and of a figure that prints nothing.
var zhPaste = map[string]string{
	"%s follows %s (line %d): the next is %s":                           "%s 接在 %s（第 %d 行）之后：下一个应是 %s",
	"%s is the first under %s (line %d): it is %s":                      "%s 是 %s（第 %d 行）下的第一个：应是 %s",
	"%s is the first heading of its level: it is %s":                    "%s 是这一层级的第一个标题：应是 %s",
	"%s follows %s (line %d): the level between them (%s) is skipped":   "%s 接在 %s（第 %d 行）之后：跳过了中间一层（%s）",
	"%s follows %s (line %d): the levels between them (%s) are skipped": "%s 接在 %s（第 %d 行）之后：跳过了中间几层（%s）",
	"this line does not end in 。！？：； or a closing mark, yet line %d starts a new paragraph (each line is a paragraph): if the two are one paragraph, join them into one line": "这一行不以。！？：；或后引号、后括号等结束，第 %d 行却另起一段（每一行是一个段落）：如果两行是同一段，请把它们合成一行",
	"%s prints empty text: the figure has no value, and the sentence would read as if the words around it were joined; give it its value in the data":                         "%s 输出的是空文本：这个数据项没有值，句子会读成前后文字直接相连；请在数据中填写它的值",
	"%s prints text holding the noncharacter %U, which is no text":                                    "%s 输出的文本含有非字符 %U，它不是文字",
	"noncharacter %U in the template, which is no text: delete it":                                    "模板中有非字符 %U，它不是文字：请删除",
	"%d more warnings about the lines and headings of this template, from this line on, are left out": "关于这个模板的行和标题，从这一行起另有 %d 条警告未列出",
}

func init() { addCatalogue(zhPaste) }
