package i18n

import "testing"

// A line a library printed comes out in Chinese: a place before the
// message is kept, values keep their place (or move where the Chinese
// puts them), a library's message is translated inside another's, and a
// line the libraries' catalogue does not know is left as it is; so is a
// message of ours given as a line, which is printed by its key only.
func TestLine(t *testing.T) {
	for _, c := range []struct{ en, zh string }{
		{`fonts/a.ttf: no such file or directory`, `fonts/a.ttf: 没有该文件或文件夹`},
		{`flag provided but not defined: -nosuch`, `未定义的选项：-nosuch`},
		{`invalid value "x" for flag -dpi: parse error`, `选项 -dpi 的值 "x" 无效：无法识别`},
		{`    	the output (default "out")`, `    	the output（默认 "out"）`},
		{`something no one wrote`, `something no one wrote`},
		// A template's argument of the wrong kind (issue #25: untranslated).
		{`t.txt:1:10: "1": expected integer; found "1"`, `t.txt:1:10: "1": 这里应是整数，却是 "1"`},
		{`templates/x.txt:3: bad character U+007D '}'`, `templates/x.txt:3: 动作中有无效的字符 U+007D '}'`},
		{`bad.ofd: zip: not a valid zip file`, `bad.ofd: 不是有效的 zip 文件`},
		// Messages of ours, and their words, are not found by a pattern.
		{`data/x.toml:3:1: missing required key "title"`, `data/x.toml:3:1: missing required key "title"`},
		{`gongwen serve: no document given`, `gongwen serve: no document given`},
		{`data/x.toml:4:1: recipients must be a string, not a number`, `data/x.toml:4:1: recipients must be a string, not a number`},
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
