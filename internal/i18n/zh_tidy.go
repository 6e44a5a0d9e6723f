package i18n

// zhTidy: the rule of an annex the text never cites (internal/lint).
var zhTidy = map[string]string{
	"the 附件说明 lists %q, but the text never mentions it: cite it where it belongs (见附件, or its title)":        "附件说明列有 %q，正文却没有提到：请在正文相应位置引用（写“见附件”，或写出附件标题）",
	"the 附件说明 lists 附件%d %q, but the text never mentions it: cite it where it belongs (见附件%d, or its title)": "附件说明列有附件%d %q，正文却没有提到：请在正文相应位置引用（写“见附件%d”，或写出附件标题）",
}

func init() { addCatalogue(zhTidy) }
