package i18n

// zhFormatdata: the messages of formats as data (package format): the help
// of gongwen new, whose list of formats is made from the formats
// registered, and what Register refuses.
var zhFormatdata = map[string]string{
	"format %q is registered already": "格式 %q 已注册",
	"format %q has no %s":             "格式 %q 缺少%s",
	"format %q lists the element %q, which the layout does not compose": "格式 %q 列出了版面不会排的要素 %q",
	"a 文种 to register needs a name":                                     "要注册的文种需要名称",
	"文种 %q is registered already":                                       "文种 %q 已注册",
}

func init() { addCatalogue(zhFormatdata) }
