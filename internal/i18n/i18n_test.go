package i18n

import "testing"

// Printed lines come out in Chinese: a place before the message is kept,
// values keep their place (or move where the Chinese puts them), a wrapped
// message is translated inside its wrapper, an indented help line keeps
// its indent, and a line the catalogue does not know is left as it is.
func TestLine(t *testing.T) {
	for _, c := range []struct{ en, zh string }{
		{`data/x.toml:3:1: missing required key "title"`, `data/x.toml:3:1: 缺少必填项 "title"`},
		{`gongwen: unknown command "bild"`, `gongwen：未知命令 "bild"`},
		{`x.pdf: identical to a rebuild from data/x.toml`, `x.pdf：与依据 data/x.toml 重新生成的结果完全相同`},
		{`serving data/x.toml at http://127.0.0.1:80/ (Ctrl-C to stop)`, `正在 http://127.0.0.1:80/ 展示 data/x.toml（按 Ctrl-C 停止）`},
		{`fonts/fonts.toml:2:1: fonts/a.ttf: cannot read font: no such file or directory`, `fonts/fonts.toml:2:1: fonts/a.ttf：无法读取字体：没有该文件或文件夹`},
		{`data/x.toml: is a folder, not a data file`, `data/x.toml: 是文件夹，不是数据文件`},
		{`gongwen serve: no document given`, `gongwen serve：没有给出文档`},
		{`  required: date, format`, `  必填：date, format`},
		{`data/x.toml → output/x.pdf`, `data/x.toml → output/x.pdf`},
		{`something no one wrote`, `something no one wrote`},
		// A template's argument of the wrong kind (issue #25: untranslated).
		{`t.txt:1:10: "1": expected integer; found "1"`, `t.txt:1:10: "1": 这里应是整数，却是 "1"`},
		// A folder whose name reads like a message is left as it is (issue #25).
		{`data/x: cannot read: y/doc.toml:3:1: missing required key "title"`, `data/x: cannot read: y/doc.toml:3:1: 缺少必填项 "title"`},
		{`/p: cannot read: q/doc.toml: is a folder, not a data file`, `/p: cannot read: q/doc.toml: 是文件夹，不是数据文件`},
		// A library's message inside ours, and one it may add later.
		{`data/x.toml:2:21: TOML syntax: strings cannot contain newlines`, `data/x.toml:2:21: TOML 语法：字符串中不能换行（是否漏了结尾的引号？多行文字请用 """ 括起）`},
		{`data/x.toml:2:21: TOML syntax: a message of a later version`, `data/x.toml:2:21: TOML 语法：a message of a later version`},
		{`templates/x.txt:3: bad character U+007D '}'`, `templates/x.txt:3: 动作中有无效的字符 U+007D '}'`},
		// Parts: a value's words, and the halves of a regrouped message.
		{`data/x.toml:4:1: recipients must be a string, not a number`, `data/x.toml:4:1: recipients 必须是字符串，而不是整数`},
		{`character '㐀' (U+3400) is not in the 仿宋 font F.ttf: 2 places, first at data/x.toml:10:8 (use another character or point the role "fangsong" at a font that has it)`,
			`字符 '㐀'（U+3400）不在仿宋字体 F.ttf 中：共 2 处，第一处在 data/x.toml:10:8（请换用其他字符，或把角色 "fangsong" 指向含有它的字体）`},
		// A joiner joins parts of ours, and leaves a name holding " and " alone.
		{`x.pdf: 1 line and 2 table cells changed on pages 2, 6; 3 lines moved`, `x.pdf: 第 2、6 页有变化：1 行、2 个表格单元格；另有 3 行移动`},
		{`data/x.toml:1:1: template Tom and Jerry.txt: cannot read: permission denied`, `data/x.toml:1:1: 模板 Tom and Jerry.txt：无法读取：没有权限`},
		{`bad.ofd: not an OFD package (a zip file): zip: not a valid zip file`, `bad.ofd: 不是 OFD 包（zip 文件）：不是有效的 zip 文件`},
		// A part alone is not a line of ours: it stays as it is.
		{`a number`, `a number`},
	} {
		if got := Line(Chinese, c.en); got != c.zh {
			t.Errorf("%s\n got %s\nwant %s", c.en, got, c.zh)
		}
		if got := Line(English, c.en); got != c.en {
			t.Errorf("English changed %q to %q", c.en, got)
		}
	}
}

func TestLanguageFromTheLocale(t *testing.T) {
	for _, c := range []struct {
		all, messages, lang string
		want                Lang
	}{
		{"", "", "zh_CN.UTF-8", Chinese},
		{"", "", "en_US.UTF-8", English},
		{"", "zh_TW.UTF-8", "en_US.UTF-8", Chinese},
		{"C", "zh_CN.UTF-8", "zh_CN.UTF-8", English},
		{"zh_CN.GB18030", "", "", Chinese},
		{"", "", "", English},
	} {
		t.Setenv("LC_ALL", c.all)
		t.Setenv("LC_MESSAGES", c.messages)
		t.Setenv("LANG", c.lang)
		if got := FromEnv(); got != c.want {
			t.Errorf("LC_ALL=%q LC_MESSAGES=%q LANG=%q: %s, want %s", c.all, c.messages, c.lang, got, c.want)
		}
	}
}
