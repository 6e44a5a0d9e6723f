package i18n

// zhFonts are the messages of the fonts' licences (OS/2 fsType), of a
// role's font changed between two builds, and the whole line of a
// character a font lacks counted in several places (which a verify's
// "rebuild failed: …" carries as a value).
var zhFonts = map[string]string{
	"its licence forbids embedding it in a document (OS/2 fsType bit 1, restricted licence embedding): choose another font, or ask its vendor for one whose licence allows embedding": "它的许可证禁止把它嵌入文档（OS/2 fsType 第 1 位：受限许可，不得嵌入）：请换用其他字体，或向字体厂商索取允许嵌入的授权",
	"its licence allows embedding it only whole (OS/2 fsType bit 8, no subsetting), and gongwen embeds only the glyphs a document uses: choose another font":                          "它的许可证只允许整个嵌入（OS/2 fsType 第 8 位：不得取子集），而 gongwen 只嵌入文档用到的字形：请换用其他字体",
	"its licence allows embedding only its bitmaps (OS/2 fsType bit 9, bitmap embedding only), and gongwen embeds outlines: choose another font":                                      "它的许可证只允许嵌入点阵字形（OS/2 fsType 第 9 位：仅限点阵嵌入），而 gongwen 嵌入的是轮廓：请换用其他字体",
	"%s: a TrueType font: %s (%s), %s\n":                    "%s：TrueType 字体：%s（%s），%s\n",
	"  #%d  %s (%s), %s\n":                                  "  #%d  %s (%s)，%s\n",
	"recorded font %q is not a role, two spaces and a path": "记录的字体 %q 不是“角色、两个空格、路径”的形式",
	"fonts: %s (none) → %s\n":                               "字体：%s（无）→ %s\n",
	"fonts: %s %s → (none)\n":                               "字体：%s %s →（无）\n",
	"fonts: %s\n":                                           "字体：%s\n",
	"fonts changed: %s":                                     "字体有变化：%s",
	"%s; fonts changed: %s":                                 "%s；字体有变化：%s",
	"the role %q must name a font file or a list of them, tried in order":                                      "字体角色 %q 必须指定一个字体文件，或按顺序尝试的字体文件列表",
	"%s: drawn in %s, the next font of the role's list":                                                        "%s：改用该角色字体列表中的下一个字体 %s 显示",
	"%s: drawn in %s, the next font of the role's list (%d places, this the first)":                            "%s：改用该角色字体列表中的下一个字体 %s 显示（共 %d 处，此处为第一处）",
	"  %-24s every role's fallback  %5.1f MB  %s\n":                                                            "  %-24s 各角色的后备字体         %5.1f MB  %s\n",
	"[latin] %s must be a role (%s) naming a font file":                                                        "[latin] 中的 %s 必须是一个字体角色（%s），并指定一个字体文件",
	"latin must name a font file for the digits and Latin letters of the body's roles, or be a table of roles": "latin 必须指定正文各角色的数字和拉丁字母所用的字体文件，或是一个按角色指定的表",
	"the default fonts.toml: %v":                                                                               "默认的 fonts.toml：%v",
	"character %q (%U) is not in the %s font %s: %d places, first at %s (%s)":                                  "字符 %q（%U）不在%s字体 %s 中：共 %d 处，第一处在 %s（%s）",
}

// zhFontParts are the values the messages above are completed with.
var zhFontParts = map[string]string{
	"embedding allowed (installable, fsType 0)":                "允许嵌入（可安装，fsType 0）",
	"embedding allowed: editable (fsType bit 3)":               "允许嵌入：可编辑（fsType 第 3 位）",
	"embedding allowed: preview and print only (fsType bit 2)": "允许嵌入：仅限预览和打印（fsType 第 2 位）",
	"every role's fallback":                                    "各角色的后备字体",
	"embedding forbidden: restricted licence (fsType bit 1)":   "禁止嵌入：受限许可（fsType 第 1 位）",
}

// zhFontsExtra are the entries above that are no format of the source:
// a line without words, and the whole of a line build.groupMissing makes
// of two messages.
var zhFontsExtra = []string{
	"  #%d  %s (%s), %s\n",
	"character %q (%U) is not in the %s font %s: %d places, first at %s (%s)",
}

func init() {
	addCatalogue(zhFonts)
	for _, k := range zhFontsExtra {
		extra[k] = true
	}
	for k, v := range zhFontParts {
		zhParts[k] = v
	}
}
