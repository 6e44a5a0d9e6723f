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
		{`Options:`, `选项：`},
		{`data/x.toml → output/x.pdf`, `data/x.toml → output/x.pdf`},
		{`something no one wrote`, `something no one wrote`},
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
