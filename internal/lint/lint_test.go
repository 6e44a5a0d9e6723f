package lint_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gongwen/internal/doc"
	"gongwen/internal/expand"
	"gongwen/internal/i18n"
	"gongwen/internal/lint"
)

// The document every case starts from: it draws no warning. A case
// replaces its body, its title, or its attachment's name.
const (
	baseTitle = `["关于测试的通报"]`
	baseAnnex = `检查情况`
	table     = "rows = [[\"成都\", 65], [\"自贡\", 10]]\n[total]\nlabel = \"合计\"\n[[columns]]\nkey = \"unit\"\ntitle = \"单位\"\n[[columns]]\nkey = \"websites\"\ntitle = \"网站总数\"\nfigures = true\n"
)

func dataFile(title, annex string) string {
	return `template = "../templates/body.txt"
issuer = "四川省人民政府办公厅"
title = ` + title + `
recipients = "各市（州）人民政府"
signature = "四川省人民政府办公厅"
date = 2024-12-26
number = "川办函〔2024〕114号"
format = "letter"
[[attachments]]
title = "` + annex + `"
table = "t.toml"
`
}

// check writes the document into a folder and returns its warnings, with
// the folder's path cut from their file names.
func check(t *testing.T, body, title, annex string, words func(string) []string) []string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range map[string]string{
		"data/doc.toml":      dataFile(title, annex),
		"data/t.toml":        table,
		"templates/body.txt": body,
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := doc.Load(filepath.Join(dir, "data", "doc.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if d, err = expand.Expand(d); err != nil {
		t.Fatal(err)
	}
	// These cases' bodies are one sentence about another rule, which need
	// not cite the annex (rules_test.go tests that rule).
	d.Lint.Off = append(d.Lint.Off, "annex-unmentioned")
	var out []string
	short := func(s string) string {
		s = strings.ReplaceAll(s, dir+string(filepath.Separator)+"data"+string(filepath.Separator)+"..", dir)
		return strings.TrimPrefix(s, dir+string(filepath.Separator))
	}
	for _, w := range lint.Check(d, words) {
		out = append(out, short(w.String()))
		inChinese[short(w.String())] = short(i18n.Sprint(i18n.Chinese, w))
	}
	return out
}

// inChinese is each warning check returned, as a clerk reads it in Chinese.
var inChinese = map[string]string{}

func TestWarnings(t *testing.T) {
	for _, c := range []struct {
		name        string
		body, title string
		annex       string
		want        []string // each a warning's start; none: must not warn
	}{
		// Half-width punctuation between Chinese characters.
		{"half-width comma", "第一段,第二句。\n", "", "", []string{`templates/body.txt:1:4: warning: half-width "," between Chinese characters: write ，`}},
		{"half-width parentheses", "各市(州)人民政府。\n", "", "", []string{
			`templates/body.txt:1:3: warning: half-width "(" between Chinese characters: write （`,
			`templates/body.txt:1:5: warning: half-width ")" between Chinese characters: write ）`}},
		{"ASCII quotes", "按照\"全量归集\"的要求。\n", "", "", []string{
			`templates/body.txt:1:3: warning: half-width "\"" between Chinese characters`,
			`templates/body.txt:1:8: warning: half-width "\"" between Chinese characters`}},
		{"half-width colon in a data string", "正文。\n", "", "检查情况:汇总", []string{`data/doc.toml:10:14: warning: half-width ":" between Chinese characters: write ：`}},
		{"full-width marks, and half-width ones among digits and Latin letters: no warning", "合格率99.9%，共3,000个，见Fig.1，“全量归集”（试行）。\n", "", "", nil},
		{"a mark after a template action", "共{{(.Annex 1).Total \"websites\"}}个,其中\n", "", "", []string{`templates/body.txt:1:34: warning: half-width ","`}},
		{"the template's comment is not text: no warning", "{{/* 注释,说明 */}}正文。\n", "", "", nil},

		// Unbalanced pairs.
		{"unclosed 《", "根据《通知要求，办理。\n", "", "", []string{`templates/body.txt:1:3: warning: "《" is not closed: its "》" is missing`}},
		{"a lone ）", "各市州）人民政府。\n", "", "", []string{`templates/body.txt:1:4: warning: "）" closes nothing: its "（" is missing`}},
		{"unclosed “ in the title", "正文。\n", `["关于“测试的通报"]`, "", []string{`data/doc.toml:3:13: warning: "“" is not closed`}},
		{"balanced, nested and in separate paragraphs: no warning", "根据《关于（试行）“办法”的通知》〔2019〕。\n\n（一）段落。\n", "", "", nil},
		{"a 《 on one line closed on the next: two paragraphs", "根据《关于\n办法》执行。\n", "", "", []string{
			`templates/body.txt:1:1: warning: this line does not end in 。！？：； or a closing mark, yet line 2 starts a new paragraph`,
			`templates/body.txt:1:3: warning: "《" is not closed: its "》" is missing`,
			`templates/body.txt:2:3: warning: "》" closes nothing: its "《" is missing`}},
		{"an action over lines stays in its paragraph: no warning", "根据《{{/* 说明\n*/}}办法》执行。\n", "", "", nil},

		// The body's structure (package expand).
		{"a typed number out of place", "一、甲\n三、乙\n", "", "", []string{`templates/body.txt:2:1: warning: 三、 follows 一、 (line 1): the next is 二、`}},
		{"a level skipped", "一、甲\n（1）项\n", "", "", []string{`templates/body.txt:2:1: warning: （1） follows 一、 (line 1): the levels between them (（一） 1.) are skipped`}},
		{"a paragraph broken over lines", "为做好工作，\n现通知如下。\n", "", "", []string{`templates/body.txt:1:1: warning: this line does not end in 。！？：； or a closing mark, yet line 2 starts a new paragraph`}},

		// Document numbers and dates.
		{"document number with []", "（国办秘函[2019]19号）。\n", "", "", []string{`templates/body.txt:1:6: warning: a document number's year in []: write 〔2019〕19号`}},
		{"document number with 【】", "依据川办发【2023】5号。\n", "", "", []string{`templates/body.txt:1:6: warning: a document number's year in 【】: write 〔2023〕5号`}},
		{"document number with 〔〕: no warning", "依据国办秘函〔2019〕19号。\n", "", "", nil},
		{"date with leading zeros", "于2025年03月05日前报送。\n", "", "", []string{`templates/body.txt:1:2: warning: date 2025年03月05日 with leading zeros: write 2025年3月5日`}},
		{"month with a leading zero", "自2025年01月起。\n", "", "", []string{`templates/body.txt:1:2: warning: date 2025年01月 with leading zeros: write 2025年1月`}},
		{"dates without leading zeros: no warning", "于2025年3月5日、2025年12月10日前报送。\n", "", "", nil},

		// The 附件说明 name and the title.
		{"附件说明 name ending in 。", "正文。\n", "", "检查情况。", []string{`data/doc.toml:10:10: warning: the 附件说明 name "检查情况。" ends in "。"`}},
		{"附件说明 name ending in a closing bracket: no warning", "正文。\n", "", "检查情况（第四季度）", nil},
		{"title without a 文种", "正文。\n", `["关于测试的情况"]`, "", []string{`data/doc.toml:3:11: warning: the title does not end in one of the 15 文种`}},
		{"title ending in 函 or 纪要: no warning", "正文。\n", `["关于商请支持的函"]`, "", nil},

		// Typed figures.
		{"a typed total", "全省共75个政府网站。\n", "", "", []string{`templates/body.txt:1:4: warning: 75 is typed, yet the data computes it (附件1's total of 网站总数): write {{(.Annex 1).Total "websites"}}`}},
		{"the total computed by the template: no warning", "全省共{{(.Annex 1).Total \"websites\"}}个政府网站。\n", "", "", nil},
		{"a typed number that equals no computable figure: no warning", "全省共76个政府网站，2024年度，第75号，75%。\n", "", "", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			title, annex := baseTitle, baseAnnex
			if c.title != "" {
				title = c.title
			}
			if c.annex != "" {
				annex = c.annex
			}
			got := check(t, c.body, title, annex, nil)
			if len(got) != len(c.want) {
				t.Fatalf("%d warnings, want %d:\n%s", len(got), len(c.want), strings.Join(got, "\n"))
			}
			for i, w := range c.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("warning %d:\n got %s\nwant %s…", i+1, got[i], w)
				}
				// A clerk reads it in Chinese: no English words are left
				// outside the place, quoted text and template actions.
				zh := inChinese[got[i]]
				if words := english.FindAllString(notProse.ReplaceAllString(zh, " "), -1); len(words) > 0 {
					t.Errorf("warning %d in Chinese keeps English %q:\n%s", i+1, words, zh)
				}
			}
		})
	}
}

var (
	notProse = regexp.MustCompile("^\\S+: |\"(?:[^\"\\\\]|\\\\.)*\"|\\{\\{.*?\\}\\}|U\\+[0-9A-F]+|GB/T")
	english  = regexp.MustCompile(`[A-Za-z]{2,}`)
)

// A title broken by the data inside a word is flagged; at a word boundary
// it is not.
func TestTitleBreakInsideAWord(t *testing.T) {
	words := func(s string) []string {
		// A stand-in segmenter that knows the words of these titles.
		var out []string
		for _, w := range []string{"关于", "做好", "春季", "防火期", "前", "工作", "的", "通知"} {
			if strings.HasPrefix(s, w) {
				out = append(out, w)
				s = s[len(w):]
			}
		}
		return append(out, s)
	}
	got := check(t, "正文。\n", `["关于做好春季防", "火期前工作的通知"]`, baseAnnex, words)
	if len(got) != 1 || !strings.HasPrefix(got[0], `data/doc.toml:3:22: warning: the title's line break 季防／火期 splits the word 防火期`) {
		t.Errorf("got %q", got)
	}
	if got := check(t, "正文。\n", `["关于做好春季防火期前", "工作的通知"]`, baseAnnex, words); len(got) != 0 {
		t.Errorf("a break between words warned: %q", got)
	}
}
