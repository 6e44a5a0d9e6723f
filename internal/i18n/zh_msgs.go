package i18n

// zhMessages: the messages that say one cause in one line (a key in
// Chinese, a reserved key, a quoted figure, a missing key by its name).
var zhMessages = map[string]string{
	"column %q (%s) holds figures, and %q in quotes is text: write %s without quotes":                                "列 %q（%s）是数字列，带引号的 %q 是文字：请不加引号写 %s",
	"%q is a reserved key: a row written group = \"…\" is a group row across the table; give the column another key": "%q 是保留的键：写成 group = \"…\" 的行是贯通全表的分组行；请给这一列换一个键名",
	"unknown key %q: the key for %s is %s":                                                                      "未知的键 %q：%s 的键名是 %s",
	"%s is the standard's name for the key %s: write %s = …":                                                    "%s 是标准中的名称，它的键名是 %s：请写 %s = …",
	"a key is written in Latin letters, not %q: gongwen formats lists the keys and their names in the standard": "键名用拉丁字母书写，不能写 %q：gongwen formats 列出各个键名及其在标准中的名称",
	"missing required key %q (%s, GB/T 9704-2012): add %s = … to the document's keys":                           "缺少必填项 %q（%s，GB/T 9704-2012）：请在文档的数据项中加上 %s = …",
}

func init() { addCatalogue(zhMessages) }
