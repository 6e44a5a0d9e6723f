package i18n

import "testing"

// A character a font lacks, counted in several places, reads as one
// sentence in Chinese, alone or carried by verify's "rebuild failed"; and
// a changed font is named as a change.
func TestFontMessagesReadAsSentences(t *testing.T) {
	for _, c := range []struct{ en, zh string }{
		{`a.pdf: rebuild failed: character '发' (U+53D1) is not in the 仿宋 font 仿宋_GB2312.ttf: 66 places, first at data/x.toml:9:41 (use another character or point the role "fangsong" at a font that has it)`,
			`a.pdf: 重新生成失败：字符 '发'（U+53D1）不在仿宋字体 仿宋_GB2312.ttf 中：共 66 处，第一处在 data/x.toml:9:41（请换用其他字符，或把角色 "fangsong" 指向含有它的字体）`},
		{`character '发' (U+53D1) is not in the 仿宋 font F.ttf: 2 places, first at data/x.toml:9:41 (use another character or point the role "fangsong" at a font that has it)`,
			`字符 '发'（U+53D1）不在仿宋字体 F.ttf 中：共 2 处，第一处在 data/x.toml:9:41（请换用其他字符，或把角色 "fangsong" 指向含有它的字体）`},
		{`b.pdf: fonts changed: 仿宋 FandolFang-Regular → 仿宋_GB2312`, `b.pdf: 字体有变化：仿宋 FandolFang-Regular → 仿宋_GB2312`},
		{`b.pdf: 1 line changed on page 2; fonts changed: 黑体 A → B`, `b.pdf: 第 2 页有变化：1 行；字体有变化：黑体 A → B`},
		{`fonts/fonts.toml:3:1: fonts/x.ttf: its licence forbids embedding it in a document (OS/2 fsType bit 1, restricted licence embedding): choose another font, or ask its vendor for one whose licence allows embedding`,
			`fonts/fonts.toml:3:1: fonts/x.ttf: 它的许可证禁止把它嵌入文档（OS/2 fsType 第 1 位：受限许可，不得嵌入）：请换用其他字体，或向字体厂商索取允许嵌入的授权`},
	} {
		if got := Line(Chinese, c.en); got != c.zh {
			t.Errorf("%s\n got %s\nwant %s", c.en, got, c.zh)
		}
	}
}
