package lint_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"gongwen/internal/doc"
	"gongwen/internal/expand"
	"gongwen/internal/i18n"
	"gongwen/internal/lint"
	"gongwen/internal/segment"
)

// ruleBase is the draft every rule's cases start from: it draws no
// warning at all (TestRuleBaseIsClean). A case replaces lines by key.
var ruleBase = []struct{ key, line string }{
	{"format", `format = "file"`},
	{"kind", ``},
	{"template", `template = "../templates/body.txt"`},
	{"issuer", `issuer = "示例县人民政府"`},
	{"number", `number = "示府发〔2025〕1号"`},
	{"signers", ``},
	{"urgency", ``},
	{"secrecy", ``},
	{"title", `title = "关于做好防汛工作的通知"`},
	{"recipients", `recipients = "各乡（镇）人民政府，县政府各部门"`},
	{"signature", `signature = "示例县人民政府"`},
	{"date", `date = 2025-06-10`},
	{"note", ``},
	{"[imprint]", `[imprint]`},
	{"imprint.cc", `cc = ["县委办公室"]`},
	{"imprint.printer", `printer = "示例县人民政府办公室"`},
	{"imprint.date", `date = 2025-06-11`},
	{"[[attachments]]", `[[attachments]]`},
	{"attachments.title", `title = "防汛物资统计表"`},
	{"attachments.table", `table = "t.toml"`},
}

const (
	ruleBaseBody = "为做好今年防汛工作，现将有关事项通知如下。\n\n# 压实防汛责任\n\n各乡（镇）要落实防汛责任制，详见附件。\n"
	ruleTable    = `[total]
label = "合计"
[[columns]]
key = "unit"
title = "单位"
[[columns]]
key = "planned"
title = "计划数"
figures = true
[[columns]]
key = "funds"
title = "资金"
unit = "万元"
figures = true
decimals = 2
[[rows]]
unit = "甲镇"
planned = 20
funds = 1000.25
[[rows]]
unit = "乙镇"
planned = 15
funds = 167.25
`
)

// draft writes a case's document and returns its warnings, with the
// folder cut from their places.
func draft(t *testing.T, c lint.Case) []lint.Warning {
	t.Helper()
	var lines []string
	for _, b := range ruleBase {
		l := b.line
		if v, ok := c.Data[b.key]; ok {
			k := b.key[strings.LastIndex(b.key, ".")+1:]
			l = k + " = " + v
		}
		if l != "" {
			lines = append(lines, l)
		}
	}
	body := c.Body
	if body == "" {
		body = ruleBaseBody
	}
	dir := t.TempDir()
	for name, content := range map[string]string{
		"data/doc.toml":      strings.Join(lines, "\n") + "\n",
		"data/t.toml":        ruleTable,
		"templates/body.txt": body,
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := doc.Load(filepath.Join(dir, "data", "doc.toml"))
	if err != nil {
		t.Fatalf("the case does not load: %v", err)
	}
	if d, err = expand.Expand(d); err != nil {
		t.Fatalf("the case does not expand: %v", err)
	}
	set, err := lint.Load(d)
	if err != nil {
		t.Fatal(err)
	}
	return lint.CheckWith(d, segment.Words, set)
}

func TestRuleBaseIsClean(t *testing.T) {
	if ws := draft(t, lint.Case{}); len(ws) > 0 {
		t.Errorf("the base draft draws warnings:\n%v", ws)
	}
}

// Each rule warns about its Warn case, with its id and a message in both
// languages, and not about its Clean case.
func TestEveryRuleWarnsAndKeepsQuiet(t *testing.T) {
	if len(lint.Rules) < 50 {
		t.Errorf("%d rules; the issue asks for at least 50", len(lint.Rules))
	}
	ids := map[string]bool{}
	for _, r := range lint.Rules {
		if ids[r.ID] {
			t.Errorf("rule id %q twice", r.ID)
		}
		ids[r.ID] = true
		if r.Source == "" || r.En == "" || r.Zh == "" || english.MatchString(r.Zh) && !strings.Contains(r.Zh, "gongwen") && !regexp.MustCompile(`kind`).MatchString(r.Zh) {
			t.Errorf("%s: source %q, en %q, zh %q", r.ID, r.Source, r.En, r.Zh)
		}
		t.Run(r.ID, func(t *testing.T) {
			var got []string
			for _, w := range draft(t, r.Warn) {
				if w.Rule == r.ID {
					got = append(got, w.String())
					if zh := i18n.Sprint(i18n.Chinese, w); zh == w.String() {
						t.Errorf("no Chinese for %s", w)
					}
				}
			}
			if len(got) == 0 {
				t.Errorf("the Warn case draws no %s warning; it draws %v", r.ID, draft(t, r.Warn))
			}
			for _, w := range draft(t, r.Clean) {
				if w.Rule == r.ID {
					t.Errorf("the Clean case warns: %s", w)
				}
			}
		})
	}
}

// A rule turned off in the data file or in the project's lint.toml says
// nothing; an unknown id is an error; terms are added.
func TestRulesTurnedOffAndTermsAdded(t *testing.T) {
	body := "现将有关事项通知如下:\n\n# 压实防汛责任\n\n各乡（镇）要做好按排，落实贯切，详见附件。\n"
	rules := func(ws []lint.Warning) []string {
		var out []string
		for _, w := range ws {
			out = append(out, w.Rule)
		}
		sort.Strings(out)
		return out
	}
	if got := rules(draft(t, lint.Case{Body: body})); strings.Join(got, " ") != "half-width-end terms terms" {
		t.Errorf("rules fired: %v", got)
	}
	off := lint.Case{Body: body, Data: map[string]string{"attachments.table": `"t.toml"` + "\n[lint]\noff = [\"half-width-end\"]\nterms = [[\"落实\", \"贯彻落实\"]]"}}
	if got := rules(draft(t, off)); strings.Join(got, " ") != "terms terms terms" {
		t.Errorf("with half-width-end off and a term added, rules fired: %v", got)
	}
}

// A project's lint.toml (in the folder above data/) turns rules off and
// adds terms; it becomes an input of the document; an id that names no
// rule is an error at its line.
func TestProjectLintFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var lines []string
	for _, b := range ruleBase {
		if b.line != "" {
			lines = append(lines, b.line)
		}
	}
	write("data/doc.toml", strings.Join(lines, "\n")+"\n")
	write("data/t.toml", ruleTable)
	write("templates/body.txt", "现将有关事项通知如下:\n\n各乡（镇）要落实，详见附件。\n")
	write("lint.toml", "off = [\"half-width-end\"]\nterms = [[\"落实\", \"贯彻落实\"]]\n")
	load := func() (*doc.Document, lint.Settings, error) {
		d, err := doc.Load(filepath.Join(dir, "data", "doc.toml"))
		if err != nil {
			t.Fatal(err)
		}
		if d, err = expand.Expand(d); err != nil {
			t.Fatal(err)
		}
		set, err := lint.Load(d)
		return d, set, err
	}
	d, set, err := load()
	if err != nil {
		t.Fatal(err)
	}
	ws := lint.CheckWith(d, nil, set)
	if len(ws) != 1 || ws[0].Rule != "terms" || !strings.Contains(ws[0].Msg, "贯彻落实") {
		t.Errorf("with lint.toml: %v", ws)
	}
	if last := d.Files[len(d.Files)-1]; filepath.Base(last) != "lint.toml" {
		t.Errorf("lint.toml is not an input of the document: %v", d.Files)
	}
	write("lint.toml", "off = [\"half-width-ending\"]\n")
	if _, _, err := load(); err == nil || !strings.Contains(err.Error(), `lint.toml:1:1: off: there is no rule "half-width-ending"`) {
		t.Errorf("an unknown rule id: %v", err)
	}
}

// One draft seeded with the body of every rule's Warn case that needs no
// data of its own: each rule warns at a line of its own part, and no
// warning stands at a line of another rule's part but a rule whose check
// reads past one paragraph (ranges written two ways). The annex no part
// cites is seeded too, with the data of its rule's case: a second annex,
// which draws its one warning at its title in the data file.
func TestSeededDraftGivesExactlyItsWarnings(t *testing.T) {
	var body strings.Builder
	type part struct {
		id        string
		from, to  int // lines, 1-based, inclusive
		multiLine bool
	}
	var parts []part
	line := 1
	for _, r := range lint.Rules {
		if len(r.Warn.Data) > 0 || r.Warn.Body == "" {
			continue
		}
		text := strings.TrimRight(r.Warn.Body, "\n") + "\n"
		n := strings.Count(text, "\n")
		parts = append(parts, part{r.ID, line, line + n - 1, n > 1})
		body.WriteString(text)
		body.WriteString("\n")
		line += n + 1
	}
	if len(parts) < 30 {
		t.Fatalf("only %d rules seeded", len(parts))
	}
	uncited, _ := lint.ByID("annex-unmentioned")
	ws := draft(t, lint.Case{Body: body.String(), Data: uncited.Warn.Data})
	fired := map[string]bool{}
	for _, w := range ws {
		if w.Rule == uncited.ID && !fired[w.Rule] && strings.HasSuffix(w.Pos.File, "doc.toml") {
			src, err := os.ReadFile(w.Pos.File)
			if err != nil {
				t.Fatal(err)
			}
			if line := strings.Split(string(src), "\n")[w.Pos.Line-1]; !strings.Contains(line, "防汛值班安排表") || w.Pos.Col != strings.Index(line, `"`)+2 {
				t.Errorf("%s warns at %d:%d, not at the second annex's title: %s", w.Rule, w.Pos.Line, w.Pos.Col, line)
			}
			fired[w.Rule] = true
			continue
		}
		if !strings.HasSuffix(w.Pos.File, "body.txt") {
			t.Errorf("a warning outside the template: %s", w)
			continue
		}
		owner := ""
		for _, p := range parts {
			if w.Pos.Line >= p.from && w.Pos.Line <= p.to {
				owner = p.id
			}
		}
		switch {
		case w.Rule == owner:
			fired[owner] = true
		case w.Rule == "range-marks", owner == "structure", owner == "heading-period" && w.Rule == "structure":
			// reads past its line, or a heading seeded among paragraphs
		default:
			t.Errorf("line %d (%s's part) draws %s: %s", w.Pos.Line, owner, w.Rule, w.Msg)
		}
	}
	for _, p := range parts {
		if !fired[p.id] {
			t.Errorf("%s seeded at line %d gives no warning", p.id, p.from)
		}
	}
	if !fired[uncited.ID] {
		t.Errorf("%s: the second annex, which no part cites, gives no warning", uncited.ID)
	}
}

// An annex counts as cited by 附件N, by the numbers listed or ranged after
// it, by its title with or without 《》, or by 附件 when it is the only one:
// a 印发 notice cites its annex by title, an imported draft often so too.
func TestAnnexCited(t *testing.T) {
	one := map[string]string{}
	two := map[string]string{"attachments.table": `"t.toml"` + "\n[[attachments]]\ntitle = \"防汛值班安排表\""}
	three := map[string]string{"attachments.table": `"t.toml"` + "\n[[attachments]]\ntitle = \"防汛值班安排表\"\n[[attachments]]\ntitle = \"抢险队伍名单\""}
	for _, c := range []struct {
		name string
		data map[string]string
		body string
		want []string // the titles warned about
	}{
		{"one annex, 详见附件", one, "各乡（镇）要落实防汛责任制，详见附件。\n", nil},
		{"one annex, 附件1", one, "物资见附件1。\n", nil},
		{"one annex, by its title in 《》", one, "现将《防汛物资统计表》印发给你们，请认真填报。\n", nil},
		{"one annex, by its title bare", one, "请各乡（镇）填写防汛物资统计表。\n", nil},
		{"one annex, by its title with a space", one, "请填写防汛物资 统计表。\n", nil},
		{"one annex, never mentioned", one, "各乡（镇）要落实防汛责任制。\n", []string{"防汛物资统计表"}},
		{"a title in a heading", one, "# 填报防汛物资统计表\n\n各乡（镇）要认真填报。\n", nil},
		{"two annexes, 详见附件 cites neither", two, "详见附件。\n", []string{"防汛物资统计表", "防汛值班安排表"}},
		{"two annexes, 附件1、2", two, "详见附件1、2。\n", nil},
		{"two annexes, 附件1和附件2", two, "详见附件1和附件2。\n", nil},
		{"two annexes, 附件一 and a title", two, "详见附件一，值班见《防汛值班安排表》。\n", nil},
		{"two annexes, only 附件2", two, "值班见附件2。\n", []string{"防汛物资统计表"}},
		{"three annexes, 附件1至3", three, "详见附件1至3。\n", nil},
		{"three annexes, 附件1—附件3", three, "详见附件1—附件3。\n", nil},
		{"three annexes, 附件1、3", three, "详见附件1、3。\n", []string{"防汛值班安排表"}},
		{"three annexes, 附件三", three, "详见附件1、2，名单见附件三。\n", nil},
		{"no text at all: nothing to cite in", one, "{{/* 正文待写 */}}\n", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, w := range draft(t, lint.Case{Data: c.data, Body: c.body}) {
				if w.Rule != "annex-unmentioned" {
					continue
				}
				for _, title := range []string{"防汛物资统计表", "防汛值班安排表", "抢险队伍名单"} {
					if strings.Contains(w.Msg, title) {
						got = append(got, title)
					}
				}
			}
			if strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("warned about %q, want %q", got, c.want)
			}
		})
	}
}
