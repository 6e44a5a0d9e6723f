package i18n

// zhRelease: the messages of the 文种 starters (gongwen new --kind) and of
// the release binaries.
var zhRelease = map[string]string{
	"  kinds (new --kind): %s\n":                                              "  文种（gongwen new --kind）：%s\n",
	"the document's 文种, `KIND`: %s":                                           "文档的文种 `KIND`：%s",
	"gongwen new: a %s is set in the %s format, not %s: leave out --format\n": "gongwen new：%s使用 %s 格式，而不是 %s：请去掉 --format\n",
	"a %s is set in the %s format (%s), not %s: write format = %q":            "%s使用 %s 格式（%s），而不是 %s：请写 format = %q",
	"unknown kind %q (known: %s)":                                             "未知的文种 %q（可用：%s）",
	"starter: a format's template has no comment to keep":                     "starter：格式的正文模板里没有可保留的注释",
}

func init() { addCatalogue(zhRelease) }

// addCatalogue adds a file's messages to the catalogue: each area keeps
// its messages in a file of its own (zh_AREA.go).
func addCatalogue(m map[string]string) {
	for en, zh := range m {
		zhCatalogue[en] = zh
	}
}
