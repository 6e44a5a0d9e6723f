package i18n

// zhParts are the words and phrases a message is completed with: a value
// put into a catalogue message's verb that is itself English (the kind of
// a TOML value, what a template printed) and the halves of a message the
// build splits to regroup it. Each is made a message where it is
// written (say.Word, say.Sprintf) and found by its key, as a message
// is. A part is often not a format of its own, so the
// catalogue test does not find it among the messages; it checks instead
// that each part is still text of the source.
var zhParts = map[string]string{
	// doc.typeName: the kind of a TOML value ("… must be a string, not %s").
	"a string":           "字符串",
	"a number":           "整数",
	"a decimal number":   "小数",
	"a date":             "日期",
	"an array":           "数组",
	"a table":            "表",
	"an array of tables": "表数组",

	// expand.describe: what a template action printed instead of a figure.
	"the whole document": "整个文档",
	"a whole annex table (quote one of its figures: .Total \"column\", .Count …)": "整张附件表格（请引用其中的一个数值：.Total \"column\"、.Count …）",
	"a binary floating-point number":                                              "二进制浮点数",
	"a whole table of values":                                                     "整张数值表",
	"a list":                                                                      "列表",
	"a date or time":                                                              "日期或时间",
	"a value of another kind":                                                     "其他类型的值",

	// expand's names for what a template reaches and the kinds of values
	// text/template names.
	"the document":          "文档",
	"an annex table":        "附件表格",
	"this value":            "这个值",
	"a whole number":        "整数",
	"text":                  "文字",
	"a decimal":             "小数",
	"a value":               "值",
	"another kind of value": "其他类型的值",

	// What a command was not given ("gongwen verify: no %s given").
	"PDF or OFD file": "PDF 或 OFD 文件",

	// doc: what a computed column derives from, when it is a rank.
	"the rank by %s": "按 %s 排名",

	// build.Inputs: what an input of a build is ("… is %s of this build").
	"the data file":          "数据文件",
	"the template":           "模板",
	"the font configuration": "字体配置文件",
	"the font of %s":         "%s字体",

	// A batch's summary (gongwen build on a terminal).
	"1 document":   "1 个文档",
	"%d documents": "%d 个文档",

	// gongwen diff's counts and pages (internal/diff).
	"1 line":         "1 行",
	"%d lines":       "%d 行",
	"1 table cell":   "1 个表格单元格",
	"%d table cells": "%d 个表格单元格",
	"1 picture":      "1 张图片",
	"%d pictures":    "%d 张图片",
	"1 page":         "1 页",
	"%d pages":       "%d 页",
	"page %s":        "第 %s 页",
	"pages %s":       "第 %s 页",

	// The halves of a font's missing character, which the build regroups
	// around the count of places (build.groupMissing).
	"character %q (%U) is not in the %s font %s":                       "字符 %q（%U）不在%s字体 %s 中",
	"use another character or point the role %q at a font that has it": "请换用其他字符，或把角色 %q 指向含有它的字体",
}

// zhJoiners are the parts that join values which are parts themselves
// ("1 line and 2 table cells"): one applies only where each of its values
// translates, so that a name with " and " in it is left alone.
var zhJoiners = map[string]string{
	"%s and %s":        "%s、%s",
	"%s and %s and %s": "%s、%s、%s",
}
