package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEveryCaseSpeaksChinese runs every case of testdata/cases under a
// Chinese locale and fails on each line that still holds English words.
// What stays as the user wrote it or as the machine names it is not
// English prose and is left out before looking: file paths and places,
// quoted text, keys (those of the case's files and dotted ones like
// figures.cities), template actions, flags, code points, and the short
// list of names below.
func TestEveryCaseSpeaksChinese(t *testing.T) {
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	base, _ := filepath.Abs("testdata/base")
	eachCase(t, func(t *testing.T, c caseFile, out []string, _ int) {
		keys := caseKeys(base, c)
		for _, line := range out {
			if words := englishWords(line, keys); len(words) > 0 {
				t.Errorf("English %q in\n%s", words, line)
			}
		}
	})
}

// TestTheEnglishDetectorFindsEnglish: the detector above must see the
// English the catalogue once missed, and must pass what is not prose.
func TestTheEnglishDetectorFindsEnglish(t *testing.T) {
	keys := map[string]bool{"recipients": true}
	for _, c := range []struct {
		line    string
		english bool
	}{
		{`data/doc.toml:10:1: figures.cities 含有 a line break：一个数字只能是一行文字`, true},
		{`TOML 语法：strings cannot contain newlines`, true},
		{`列 "rate"：compute：no column "problem", did you mean "problems"?`, true},
		{`gongwen build: -o Final：既不是文件夹，也不是以 .pdf or .ofd 结尾的文件`, true},
		{`data/doc.toml:10:1: figures.cities 含有换行：数字只能是一行文字`, false},
		{`字符 '㐀'（U+3400）不在仿宋字体 FandolFang-Regular.ttf 中：共 2 处，第一处在 data/doc.toml:10:8`, false},
		{`templates/body.txt:5:14: {{.Annex 1}} 输出整张附件表格，而不是一个数字：.Figures.cities`, false},
		{`data/doc.toml:4:1: recipients 必须是字符串，不能是数字；U+0007 (BEL)`, false},
		{`gongwen build：--copies "30-1" 不是份号范围；PDF/A-1b，UTF-8，true/false`, false},
		{`templates/body.txt:3:4: 全角的 ｛｛（用中文输入法输入）：请用半角字符写 {{ and }}`, true},
		{`data/doc.toml:4:1: recipients 必须是字符串，而不是a number`, true},
		{`templates/body.txt:3:14: .figures.cities: 文档没有 "figures"；是否想写 .Figures？`, false},
	} {
		if got := englishWords(c.line, keys); (len(got) > 0) != c.english {
			t.Errorf("%s: English %q, want English: %v", c.line, got, c.english)
		}
	}
}

// notProse are the names that stay in Latin letters in Chinese too,
// besides words in capitals (PDF, UTF, the U+0007 (BEL) of a control
// character, a help's FILE and DIR, LC_ALL): font formats, TOML's values,
// the languages of --lang and a tool's name.
// names are the licences' names (gongwen fonts).
// names are the licences' names (gongwen fonts) and the tools and
// Debian packages a help names.
var names = []string{"SIL Open Font License", "Hanazono Font License", "GPL-3.0 with the GPL font exception", "poppler-utils", "pdftoppm", "localhost"}

var notProse = map[string]bool{
	"TrueType": true, "OpenType": true, "glyf": true,
	"true": true, "false": true, "zh": true, "en": true, "iconv": true, "Ctrl": true,
}

var (
	// A path or place: has a slash, or ends in a known extension, maybe
	// with :LINE:COL.
	pathRE = regexp.MustCompile(`(outside:)?[^\s:：，（）()]*(/[^\s:：，（）()]*|\.(toml|txt|ttf|otf|ttc|pdf|ofd|png|jpe?g|xml))(:\d+)*`)
	// Quoted text, a template action, a flag, a code point, a dotted key.
	quotedRE = regexp.MustCompile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|“[^”]*”|`[^`]*`|\\{\\{-? *[.$][^{}]*\\}\\}|\\{\\{-? *(?:range|if|with|else|end|template|define|block|index|print|printf|len|break|continue)\\b[^{}]*\\}\\}")
	flagRE   = regexp.MustCompile(`(^|[^\w-])--?[a-z][\w-]*`)
	// The program and its command.
	commandRE = regexp.MustCompile(`gongwen( [a-z]+)?`)
	capsRE    = regexp.MustCompile(`\b[A-Z][A-Z_]*\b`)
	codeRE    = regexp.MustCompile(`U\+[0-9A-F]{4,6}`)
	dottedRE  = regexp.MustCompile(`\.?[A-Za-z_]\w*(\.\w+)+|\.[A-Z]\w*`)
	// A run of words: keys the case defines may stand in Chinese
	// ("recipients 必须是字符串"), not among English words ("a number").
	runRE   = regexp.MustCompile(`[A-Za-z]+(?:[ ,;']+[A-Za-z]+)*`)
	wordRE  = regexp.MustCompile(`[A-Za-z]+`)
	keyRE   = regexp.MustCompile(`(?m)^\s*\[*\s*"?([\w.-]+)"?\s*(=|\])`)
	valueRE = regexp.MustCompile(`(?m)=\s*"([a-z]+)"\s*$`)
)

// englishWords are the English words of a printed line, once what is not
// prose is taken out.
func englishWords(line string, keys map[string]bool) []string {
	for _, n := range names {
		line = strings.ReplaceAll(line, n, " ")
	}
	for _, re := range []*regexp.Regexp{quotedRE, pathRE, flagRE, commandRE, codeRE, dottedRE, capsRE} {
		line = re.ReplaceAllString(line, " ")
	}
	var words []string
	for _, run := range runRE.FindAllString(line, -1) {
		ws := wordRE.FindAllString(run, -1)
		prose := false
		for _, w := range ws {
			if !notProse[w] && !keys[w] {
				prose = true
			}
		}
		if prose {
			words = append(words, ws...)
		}
	}
	return words
}

// caseKeys are the names a message quotes unquoted from the case's
// files: the TOML keys they define, their one-word values (a format's
// name), and the project's top folders.
func caseKeys(base string, c caseFile) map[string]bool {
	keys := map[string]bool{}
	files := map[string]string{}
	filepath.Walk(base, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(base, p)
			files[rel] = string(b)
		}
		return nil
	})
	for name, text := range c.files {
		files[name] = text
	}
	for name, text := range files {
		if !strings.HasSuffix(name, ".toml") {
			continue
		}
		keys[strings.Split(filepath.ToSlash(name), "/")[0]] = true
		for _, m := range valueRE.FindAllStringSubmatch(text, -1) {
			keys[m[1]] = true
		}
		for _, m := range keyRE.FindAllStringSubmatch(text, -1) {
			for _, k := range strings.Split(m[1], ".") {
				keys[k] = true
			}
		}
	}
	return keys
}
