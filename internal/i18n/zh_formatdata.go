package i18n

// zhFormatdata: the messages of formats as data (package format): the help
// of gongwen new, whose list of formats is made from the formats
// registered, and what Register refuses.
var zhFormatdata = map[string]string{
	"Usage: gongwen new [--kind 文种 | --format %s] NAME\n\nWrites a new document to start from, in the current folder:\n  data/NAME.toml          the data: issuer, number, title, date, …\n  templates/NAME.txt      the body\n  data/NAME/附件1.toml     one annex table, whose totals the body cites\nIt builds as written (gongwen build data/NAME.toml); replace the example\nvalues with yours. Nothing is written if any of the files exists. Their\ncomments are in the language of the messages (English, or Chinese).\n--kind starts a 文种 (通知, 请示, 函 …) in its format: its title ends in\nthe 文种, a 请示 or 报告 carries its 签发人 (a 请示 a 联系人 too), a 批复\ncites the 请示 it answers, and the body has the usual structure.\ngongwen formats lists the formats, the 文种 of each and the keys each takes.\n\nOptions:\n": "用法：gongwen new [--kind 文种 | --format %s] NAME\n\n在当前文件夹中写一个新文档，作为起点：\n  data/NAME.toml          数据：发文机关、发文字号、标题、日期等\n  templates/NAME.txt      正文\n  data/NAME/附件1.toml     一个附件表格，正文引用其合计\n写好即可生成（gongwen build data/NAME.toml）；请把示例\n内容换成你的。任何一个文件已存在时，什么也不写。其中的\n注释使用消息的语言（英文或中文）。\n--kind 按文种（通知、请示、函等）新建，格式随文种而定：标题以\n文种结尾，请示、报告带签发人（请示还带联系人），批复引用\n所答复请示的标题和文号，正文是该文种常见的结构。\ngongwen formats 列出各种格式、每种格式的文种及其数据项。\n\n选项：\n",
	"format %q is registered already": "格式 %q 已注册",
	"format %q has no %s":             "格式 %q 缺少%s",
	"format %q lists the element %q, which the layout does not compose": "格式 %q 列出了版面不会排的要素 %q",
	"a 文种 to register needs a name":                                     "要注册的文种需要名称",
	"文种 %q is registered already":                                       "文种 %q 已注册",
}

func init() { addCatalogue(zhFormatdata) }
