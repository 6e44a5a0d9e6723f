package e2e

// Body text as clerks type it (issue 18): text pasted from Word or WPS,
// one paragraph a line, no blank lines, headings typed as 一、 and （一）.
// Each line is a paragraph of its own in the PDF, the typed headings are
// set as their level's headings, and nothing is run together.

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gongwen/internal/build"
	"gongwen/internal/i18n"
	"gongwen/internal/pdfcheck"
)

// pastedDraft is a body as Word's "keep text only" paste gives it: one
// paragraph a line, some indented with two full-width spaces, no blank
// lines. 1.5亿元 starts a paragraph without being a heading.
var pastedDraft = []string{
	"　　为规范2025年财政衔接资金管理，提高资金使用效益，现将有关事项通知如下。",
	"一、明确资金使用方向",
	"（一）突出重点任务。坚持把资金用于产业发展和基础设施建设，重点支持到户产业，带动群众增收。",
	"（二）严格负面清单。不得用于与巩固拓展脱贫攻坚成果无关的支出。",
	"二、加强资金监管",
	"　　（一）落实主体责任。各乡镇要指定专人负责资金管理，建立资金台账。",
	"（二）强化监督检查。县财政局会同有关部门开展专项检查。",
	"1.检查时间为2025年6月至8月。",
	"2.检查结果于9月底前通报。",
	"三、工作要求",
	"1.5亿元衔接资金已于3月下达，各乡镇要加快支出进度。",
	"　　特此通知。",
}

// pasteKind is what each line of pastedDraft must become.
const (
	pastePara = iota
	pasteH1
	pasteH2
)

var pastedKinds = []int{pastePara, pasteH1, pasteH2, pasteH2, pasteH1, pasteH2, pasteH2, pastePara, pastePara, pasteH1, pastePara, pastePara}

const pastedData = `format = "file"
template = "../templates/paste.txt"
issuer = "示例县财政局"
number = "示财〔2025〕8号"
title = "示例县财政局关于规范财政衔接资金管理的通知"
recipients = "各乡镇人民政府，县级各部门"
signature = "示例县财政局"
date = 2025-04-18
`

// pasteProject writes a project whose body template is body, with the
// data's [figures] table figures (TOML lines).
func pasteProject(t *testing.T, body, figures string) string {
	t.Helper()
	dir := t.TempDir()
	data := pastedData + "\n[figures]\n" + figures + "\n"
	for name, text := range map[string]string{"data/paste.toml": data, "templates/paste.txt": body} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "data", "paste.toml")
}

func TestPastedWordTextKeepsItsParagraphsAndTypedHeadings(t *testing.T) {
	pdfcheck.RequireTools(t, "pdftotext", "mutool")
	data := pasteProject(t, strings.Join(pastedDraft, "\n")+"\n", "")

	// check: ok, with nothing to warn of.
	j, err := build.Prepare(data, build.Options{})
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	for _, w := range j.Warnings {
		t.Errorf("check warns: %s", w)
	}
	out := filepath.Join(t.TempDir(), "paste.pdf")
	if err := build.Build(data, out, build.Options{}); err != nil {
		t.Fatal(err)
	}

	want := make([]string, len(pastedDraft))
	for i, p := range pastedDraft {
		want[i] = stripSpace(p)
	}

	// pdftotext reads the paragraphs in order, none run into another: the
	// text between two paragraphs is a line break.
	text, err := pdfcheck.Text(out)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		if s := stripSpace(l); s != "" && !pageNumberRE.MatchString(l) {
			lines = append(lines, s)
		}
	}
	flat := strings.Join(lines, "\n")
	at := 0
	for i, p := range want {
		k := strings.Index(flat[at:], runePrefix(p, 6))
		if k < 0 {
			t.Errorf("pdftotext: paragraph %d %q is not there after the one before", i+1, clip(p, 12))
			continue
		}
		if at+k > 0 && flat[at+k-1] != '\n' {
			from := strings.LastIndexByte(flat[:at+k], '\n') + 1
			t.Errorf("pdftotext: paragraph %d %q goes on the line of the text before it: %q", i+1, clip(p, 12), clip(flat[from:at+k+len(p)], 40))
		}
		at += k
	}

	// mutool: the body's lines from the first paragraph to the last, cut
	// into paragraphs where a line starts indented by two characters, are
	// the draft's lines; 一、 headings are in 黑体, a （一） heading's
	// sentence in 楷体, all else in 仿宋.
	pages, err := pdfcheck.Trace(out)
	if err != nil {
		t.Fatal(err)
	}
	var body [][]pdfcheck.Glyph
	started := false
	for _, pg := range pages {
		for _, l := range pdfcheck.Lines(pg) {
			s := stripSpace(pdfcheck.LineText(l))
			if pageNumberRE.MatchString(pdfcheck.LineText(l)) {
				continue
			}
			if !started && s != "" && strings.HasPrefix(want[0], runePrefix(s, 6)) {
				started = true
			}
			if started {
				body = append(body, l)
			}
			if started && strings.HasSuffix(want[len(want)-1], s) {
				started = false
			}
		}
	}
	if len(body) == 0 {
		t.Fatalf("mutool: no line starts the first paragraph %q", clip(want[0], 12))
	}
	var paras [][]pdfcheck.Glyph
	for _, l := range body {
		first := firstInk(l)
		if first < 0 {
			continue
		}
		indented := l[first].X > typeLeft+bodyCell*paragraphIndentChars-1
		if indented || len(paras) == 0 {
			paras = append(paras, nil)
		}
		paras[len(paras)-1] = append(paras[len(paras)-1], l[first:]...)
	}
	var got []string
	for _, p := range paras {
		got = append(got, stripSpace(pdfcheck.LineText(p)))
	}
	if !slices.Equal(got, want) {
		t.Errorf("mutool: the body's paragraphs are\n  %s\nwant the draft's lines\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		return
	}
	files := fontFiles(t)
	for i, p := range paras {
		sentence := len([]rune(want[i])) // runes in the heading font
		role := "fangsong"
		switch pastedKinds[i] {
		case pasteH1:
			role = "heiti"
		case pasteH2:
			role = "kaiti"
			sentence = slices.Index([]rune(want[i]), '。') + 1
		}
		k := 0
		for _, g := range p {
			if strings.TrimSpace(string(g.Rune)) == "" {
				continue
			}
			wantRole := role
			if k >= sentence || pastedKinds[i] == pastePara {
				wantRole = "fangsong"
			}
			if !fontIs(g.Font, files[wantRole]) {
				t.Errorf("paragraph %d %q: %q is in %s, want %s", i+1, clip(want[i], 10), g.Rune, g.Font, wantRole)
				break
			}
			k++
		}
	}
}

// runePrefix is s's first n characters.
func runePrefix(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// firstInk is the index of a line's first glyph that is not a space, or -1.
func firstInk(l []pdfcheck.Glyph) int {
	for i, g := range l {
		if strings.TrimSpace(string(g.Rune)) != "" {
			return i
		}
	}
	return -1
}

// TestPastedTextWarningsAndValues: what check says of a body whose typed
// numbers are out of place, of one written for the old rule (a paragraph
// broken over lines), of a figure whose value looks like markup, and of an
// empty figure; and what the PDF then holds.
func TestPastedTextWarningsAndValues(t *testing.T) {
	pdfcheck.RequireTools(t, "pdftotext")
	cases := []struct {
		name, body, figures string
		warnings            []string // check's warnings, after the template's path
		zh                  string   // the first of them under a Chinese locale
		err                 string   // check's error, after the template's path; no PDF
		text                []string // what pdftotext reads, spaces removed, each on a line of its own
		not                 []string // what it must not read
	}{
		{name: "numbers out of place",
			body: "现将有关事项通知如下。\n一、明确方向\n（一）突出重点。\n（三）严格清单。\n三、加强监管\n1.检查时间。\n",
			warnings: []string{
				":4:1: warning: （三） follows （一） (line 3): the next is （二）",
				":5:1: warning: 三、 follows 一、 (line 2): the next is 二、",
				":6:1: warning: 1. follows 三、 (line 5): the level between them (（一）) is skipped"},
			zh:   ":4:1: 警告：（三） 接在 （一）（第 3 行）之后：下一个应是 （二）",
			text: []string{"（三）严格清单。", "三、加强监管"}},
		{name: "a paragraph broken over lines for the old rule",
			body: "为做好资金管理工作，\n现将有关事项\n通知如下。\n\n# 工作要求\n\n各单位要高度重视。\n",
			warnings: []string{
				":1:1: warning: this line does not end in 。！？：； or a closing mark, yet line 2 starts a new paragraph (each line is a paragraph): if the two are one paragraph, join them into one line",
				":2:1: warning: this line does not end in 。！？：； or a closing mark, yet line 3 starts a new paragraph (each line is a paragraph): if the two are one paragraph, join them into one line"},
			zh:   ":1:1: 警告：这一行不以。！？：；或后引号、后括号等结束，第 2 行却另起一段（每一行是一个段落）：如果两行是同一段，请把它们合成一行",
			text: []string{"为做好资金管理工作，", "现将有关事项", "通知如下。", "一、工作要求"}},
		{name: "a value that looks like markup is text",
			body:    "{{.Figures.a}}\n\n{{.Figures.b}}\n# {{.Figures.c}}\n",
			figures: `a = "# 注入标题"` + "\n" + `b = "一、注入。"` + "\n" + `c = "真标题"`,
			text:    []string{"#注入标题", "一、注入。", "一、真标题"},
			not:     []string{"一、注入标题", "二、"}},
		{name: "an empty figure",
			body:    "要在{{.Figures.deadline}}至5月31日完成。\n",
			figures: `deadline = ""`,
			err:     ":1:5: {{.Figures.deadline}} prints empty text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := pasteProject(t, c.body, c.figures)
			tmpl := filepath.Join(filepath.Dir(filepath.Dir(data)), "templates", "paste.txt")
			out := filepath.Join(t.TempDir(), "paste.pdf")
			j, err := build.Prepare(data, build.Options{})
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), tmpl+c.err) {
					t.Errorf("check: %v, want %q", err, tmpl+c.err)
				}
				if err := build.Build(data, out, build.Options{}); err == nil {
					t.Error("build: no error")
				}
				if _, err := os.Stat(out); err == nil {
					t.Error("build wrote a PDF")
				}
				return
			}
			if err != nil {
				t.Fatalf("check: %v", err)
			}
			var got []string
			for _, w := range j.Warnings {
				got = append(got, strings.TrimPrefix(w.String(), tmpl))
			}
			if !slices.Equal(got, c.warnings) {
				t.Errorf("check warns\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(c.warnings, "\n  "))
			}
			if len(got) > 0 && c.zh != "" {
				if zh := strings.TrimPrefix(i18n.Sprint(i18n.Chinese, j.Warnings[0]), tmpl); zh != c.zh {
					t.Errorf("the first warning in Chinese is %q, want %q", zh, c.zh)
				}
			}
			if err := build.Build(data, out, build.Options{}); err != nil {
				t.Fatal(err)
			}
			text, err := pdfcheck.Text(out)
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, l := range strings.Split(text, "\n") {
				lines = append(lines, stripSpace(l))
			}
			for _, w := range c.text {
				if !slices.Contains(lines, w) {
					t.Errorf("pdftotext has no line %q", w)
				}
			}
			flat := strings.Join(lines, "")
			for _, w := range c.not {
				if strings.Contains(flat, w) {
					t.Errorf("pdftotext reads %q", w)
				}
			}
		})
	}
}
