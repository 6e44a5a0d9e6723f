package layout_test

// End-to-end checks of the reference notice's annexes (川办函〔2024〕114号,
// ../shared/seed/notice-clean.txt): built from data/ and templates/ through
// build.Prepare, read on the layout's output and, rendered, back from the
// PDF; and the correction test: one figure changed in the data changes its
// cell, its 合计 and the sentence quoting it, and nothing else.

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"

	"gongwen/internal/build"
	"gongwen/internal/doc"
	"gongwen/internal/fonts"
	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/pdfcheck"
)

const notice = "../../data/chuan-ban-han-2024-114.toml"

// annex1Rows are 附件1's rows as the reference prints them (notice-clean.txt).
var annex1Rows = []string{
	"成都 65 1 43 21 0 915 0", "自贡 9 1 2 6 0 99 0", "攀枝花 40 1 34 5 0 92 0",
	"泸州 46 1 38 7 0 208 0", "德阳 10 1 3 6 0 90 0", "绵阳 46 1 36 9 0 178 0",
	"广元 43 1 35 7 0 232 0", "遂宁 41 1 35 5 0 186 0", "内江 10 1 4 5 0 96 0",
	"乐山 48 1 36 11 0 170 0", "南充 11 1 1 9 0 193 0", "宜宾 48 1 37 10 0 347 0",
	"广安 9 1 2 6 0 64 0", "达州 35 1 27 7 0 184 0", "巴中 38 1 32 5 0 106 0",
	"雅安 34 1 25 8 0 169 0", "眉山 8 1 1 6 0 97 0", "资阳 30 1 26 3 0 41 0",
	"阿坝 52 1 38 13 0 172 0", "甘孜 38 1 19 18 0 128 4", "凉山 52 1 34 17 0 182 0",
	"46 — — — 0 257 0", // 省直部门（含省政府门户）, its name on two lines
	"合计 759 21 508 184 0 4206 4",
}

// annex2Sites are the sites of 附件2, by 梯队 and kind: 11 + 10 市（州）
// portals and 16 + 11 + 12 省直部门, the body's 21 and 39, 60 in all (the
// issue says 59; the notice's own figures add up to 60).
var annex2Sites = map[string][]string{
	"第一梯队 市（州）政府门户网站": {"巴中市", "宜宾市", "南充市", "广安市", "凉山彝族自治州", "内江市", "绵阳市", "广元市", "雅安市", "乐山市", "眉山市"},
	"第一梯队 省直部门网站": {"生态环境厅", "交通运输厅", "住房和城乡建设厅", "自然资源厅", "市场监督管理局", "财政厅", "政府国有资产监督管理委员会",
		"文物局", "教育厅", "发展和改革委员会", "卫生健康委员会", "经济和信息化厅", "林草局", "公安厅", "农业农村厅", "水利厅"},
	"第二梯队 市（州）政府门户网站": {"遂宁市", "达州市", "攀枝花市", "泸州市", "成都市", "德阳市", "阿坝藏族羌族自治州", "资阳市", "自贡市", "甘孜藏族自治州"},
	"第二梯队 省直部门网站": {"商务厅", "科学技术厅", "人力资源和社会保障厅", "人民政府国防动员办公室", "监狱管理局", "民政厅", "文化和旅游厅", "审计厅",
		"戒毒管理局", "经济合作局", "药品监督管理局"},
	"第三梯队 省直部门网站": {"体育局", "医疗保障局", "退役军人事务厅", "粮食和物资储备局", "信访局", "民族宗教事务委员会", "司法厅", "中医药管理局",
		"统计局", "广播电视局", "应急管理厅", "机关事务管理局"},
}

func siteName(kind, s string) string {
	if strings.Contains(kind, "市（州）") {
		return "“" + s + "人民政府”网"
	}
	return "“四川省" + s + "”网"
}

// built is the reference notice, prepared once for the tests that only read it.
var built = sync.OnceValues(func() (*build.Job, error) { return build.Prepare(notice, build.Options{}) })

func noticeJob(t *testing.T) *build.Job {
	t.Helper()
	j, err := built()
	if err != nil {
		t.Fatalf("build.Prepare(%s): %v", notice, err)
	}
	return j
}

func prepare(t *testing.T, path string, opt build.Options) *build.Job {
	t.Helper()
	j, err := build.Prepare(path, opt)
	if err != nil {
		t.Fatalf("build.Prepare(%s): %v", path, err)
	}
	return j
}

// annexPages finds the first page of each annex by its label.
func annexPages(t *testing.T, pages []layout.Page) map[string]int {
	t.Helper()
	first := map[string]int{}
	for i, p := range pages {
		for _, tx := range p.Texts {
			if s := tx.String(); regexp.MustCompile(`^附件[123]$`).MatchString(s) {
				first[s] = i
			}
		}
	}
	if len(first) != 3 {
		t.Fatalf("annex labels found: %v; want 附件1, 附件2, 附件3", first)
	}
	return first
}

// lines groups a page's runs by baseline, left to right, joined by spaces.
func lines(p layout.Page) []string {
	byY := map[int][]layout.Text{}
	var ys []int
	for _, tx := range p.Texts {
		y := int(math.Round(tx.Y * 100))
		if _, ok := byY[y]; !ok {
			ys = append(ys, y)
		}
		byY[y] = append(byY[y], tx)
	}
	sort.Ints(ys)
	var out []string
	for _, y := range ys {
		runs := byY[y]
		sort.Slice(runs, func(i, j int) bool { return runs[i].Glyphs[0].X < runs[j].Glyphs[0].X })
		var s []string
		for _, r := range runs {
			s = append(s, r.String())
		}
		out = append(out, strings.Join(s, " "))
	}
	return out
}

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestNoticeAnnex1EveryRowAndTheTotal(t *testing.T) {
	j := noticeJob(t)
	pages := j.Result.Pages
	first := annexPages(t, pages)
	p := pages[first["附件1"]]
	got := lines(p)
	for _, row := range annex1Rows {
		if !has(got, row) {
			t.Errorf("附件1 lacks the row %q", row)
		}
	}
	for _, s := range []string{"省直部门（含", "省政府门户）"} {
		if !has(got, s) {
			t.Errorf("附件1 lacks the line %q of 省直部门（含省政府门户）", s)
		}
	}
	// The whole table is on the annex's one page, under its header.
	if first["附件2"] != first["附件1"]+1 {
		t.Errorf("附件1 takes %d pages, want 1", first["附件2"]-first["附件1"])
	}
	for _, h := range []string{"政府网站检查情况", "政务新媒体检查情况", "单位"} {
		if !has(got, h) && !strings.Contains(strings.Join(got, "\n"), h) {
			t.Errorf("附件1's header lacks %q", h)
		}
	}
	// Header 黑体, body 仿宋, at one size of 四号 or 小四.
	for _, tx := range p.Texts {
		switch s := tx.String(); {
		case s == "政府网站检查情况" && tx.Style.Role != format.HeiTi,
			s == "915" && tx.Style.Role != format.FangSong,
			s == "915" && tx.Style.Size != format.SizeSihao && tx.Style.Size != format.SizeXiaosi:
			t.Errorf("%q set in %+v", s, tx.Style)
		}
	}
}

func TestNoticeAnnex2AllSitesAndVerticalTiers(t *testing.T) {
	j := noticeJob(t)
	pages := j.Result.Pages
	first := annexPages(t, pages)
	var runs []layout.Text
	for i := first["附件2"]; i < first["附件3"]; i++ {
		runs = append(runs, pages[i].Texts...)
	}
	all := ""
	for _, r := range runs {
		all += r.String() + "\n"
	}
	n := 0
	for kind, sites := range annex2Sites {
		for _, s := range sites {
			if name := siteName(kind, s); strings.Count(all, name) != 1 {
				t.Errorf("附件2 holds %q %d times, want once", name, strings.Count(all, name))
			}
			n++
		}
	}
	if n != 60 {
		t.Fatalf("the test knows %d sites, want 60", n)
	}
	// Two a line, as the reference sets them.
	if !strings.Contains(all, "“巴中市人民政府”网“宜宾市人民政府”网\n") {
		t.Errorf("附件2 does not set 巴中 and 宜宾 on one line")
	}
	// The 梯队 one character under another, each in one merged cell.
	for _, tier := range []string{"第一梯队", "第二梯队", "第三梯队"} {
		var col []layout.Text
		for i, r := range runs {
			if r.String() == string([]rune(tier)[0]) && i+3 < len(runs) {
				ok := true
				for k, ch := range []rune(tier) {
					ok = ok && runs[i+k].String() == string(ch)
				}
				if ok {
					col = runs[i : i+4]
				}
			}
		}
		if col == nil {
			t.Errorf("%s is not set one character a line", tier)
			continue
		}
		for k := 1; k < 4; k++ {
			if math.Abs(col[k].Glyphs[0].X-col[0].Glyphs[0].X) > 1e-6 || col[k].Y <= col[k-1].Y {
				t.Errorf("%s: %q not under %q", tier, col[k].String(), col[k-1].String())
			}
		}
	}
}

func TestNoticeAnnexLabelsAndTitlesFromTheAttachments(t *testing.T) {
	j := noticeJob(t)
	f := j.Format
	first := annexPages(t, j.Result.Pages)
	for i, a := range j.Doc.Attachments {
		label := fmt.Sprintf("附件%d", i+1)
		p := j.Result.Pages[first[label]]
		var l, title *layout.Text
		for k := range p.Texts {
			switch p.Texts[k].String() {
			case label:
				l = &p.Texts[k]
			case a.Title: // the same title as the 附件说明 item
				title = &p.Texts[k]
			}
		}
		if l == nil || title == nil {
			t.Fatalf("%s: label %v, title %q %v", label, l, a.Title, title)
		}
		if l.Style != f.AnnexLabel || math.Abs(l.Glyphs[0].X-f.Left) > 1e-6 || math.Abs(l.Y-f.EmAscent*format.MM(l.Style.Size)-f.Top) > 1e-6 {
			t.Errorf("%s at %.2f, %.2f in %+v; want 三号黑体 flush left on the first line", label, l.Glyphs[0].X, l.Y, l.Style)
		}
		g0, gl := title.Glyphs[0], title.Glyphs[len(title.Glyphs)-1]
		if title.Style != f.Title || math.Abs((g0.X+gl.X+gl.Adv)/2-f.CentreX()) > 1e-6 ||
			math.Abs(title.Y-f.EmAscent*format.MM(title.Style.Size)-(f.Top+2*f.LinePitch())) > 1e-6 {
			t.Errorf("%s's title at %.2f, %.2f in %+v; want 二号小标宋 centred on the third line", label, g0.X, title.Y, title.Style)
		}
		// Page numbers continue.
		if num := fmt.Sprintf("— %d —", p.Number); !has(lines(p), num) && !strings.Contains(strings.Join(lines(p), "\n"), num) {
			t.Errorf("%s's page lacks its number %q", label, num)
		}
	}
}

// The body's figures are those the annexes hold.
func TestNoticeBodyQuotesTheAnnexFigures(t *testing.T) {
	j := noticeJob(t)
	var body string
	for _, b := range j.Doc.Body {
		body += b.Head + b.Text + "\n"
	}
	for _, s := range []string{
		"对象为21个市（州）和39个省直部门政府网站",
		"对全省759个政府网站开展全覆盖检查，合格率100%；全覆盖检查政务新媒体账号4206个，发现存在突出问题的账号4个，合格率99.9%。",
		"监管工作年度评估对象为21个市（州）政府办公厅（室）",
	} {
		if !strings.Contains(body, s) {
			t.Errorf("the body lacks %q", s)
		}
	}
	for _, k := range []string{"cities", "departments", "websites", "website_pass_rate", "accounts", "problem_accounts", "account_pass_rate"} {
		if _, ok := j.Doc.Figures[k]; ok {
			t.Errorf("[figures] still types %s; the template computes it", k)
		}
	}
}

// The built PDF, read back with pdftotext and mutool: the rows, the sites
// and the rules are on the annex pages.
func TestNoticeAnnexesReadBackFromThePDF(t *testing.T) {
	pdfcheck.RequireTools(t, "pdftotext", "mutool")
	j := noticeJob(t)
	b, err := j.Render(build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "notice.pdf")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	first := annexPages(t, j.Result.Pages)
	texts, err := pdfcheck.PageTexts(path)
	if err != nil {
		t.Fatal(err)
	}
	space := regexp.MustCompile(`[ \t]+`)
	var a1 []string
	for _, l := range strings.Split(texts[first["附件1"]], "\n") {
		a1 = append(a1, strings.TrimSpace(space.ReplaceAllString(l, " ")))
	}
	for _, row := range annex1Rows {
		if !has(a1, row) {
			t.Errorf("pdftotext: 附件1 lacks %q", row)
		}
	}
	var a2 string
	for i := first["附件2"]; i < first["附件3"]; i++ {
		a2 += space.ReplaceAllString(texts[i], "")
	}
	for kind, sites := range annex2Sites {
		for _, s := range sites {
			if !strings.Contains(a2, siteName(kind, s)) {
				t.Errorf("pdftotext: 附件2 lacks %q", siteName(kind, s))
			}
		}
	}
	trace, err := pdfcheck.Trace(path)
	if err != nil {
		t.Fatal(err)
	}
	f := j.Format
	for _, label := range []string{"附件1", "附件2", "附件3"} {
		tp := trace[first[label]]
		var hs, vs int
		for _, r := range tp.Rules {
			switch {
			case math.Abs(r.Y1-r.Y2) < 1e-3:
				hs++
			case math.Abs(r.X1-r.X2) < 1e-3:
				vs++
			}
			if r.X1 < f.Left-f.TableFrameWidth || r.X2 > f.Right()+f.TableFrameWidth || r.Y1 < f.Top || r.Y2 > f.Bottom() {
				t.Errorf("%s: rule %+v outside the 版心", label, r)
			}
		}
		if hs < 3 || vs < 3 {
			t.Errorf("%s: %d horizontal and %d vertical rules drawn; want a ruled table", label, hs, vs)
		}
		ls := pdfcheck.Lines(tp)
		if got := pdfcheck.LineText(ls[0]); got != label || math.Abs(ls[0][0].X-f.Left) > 0.05 {
			t.Errorf("first line %q at x %.2f; want %s flush left", got, ls[0][0].X, label)
		}
	}
}

// copyTree copies the files under src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if info.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// sandbox copies data/ and templates/ into a temporary project whose
// fonts.toml points at the repository's fonts.
func sandbox(t *testing.T) (doc string, opt build.Options) {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, "../../data", filepath.Join(dir, "data"))
	copyTree(t, "../../templates", filepath.Join(dir, "templates"))
	cfg, err := fonts.ReadConfig("../../fonts/fonts.toml")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for role, ps := range cfg {
		abs, _ := filepath.Abs(ps[0])
		fmt.Fprintf(&b, "%s = %q\n", role, abs)
	}
	fontsDir := filepath.Join(dir, "fonts")
	if err := os.MkdirAll(fontsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(fontsDir, fonts.ConfigName), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "data", filepath.Base(notice)), build.Options{FontsDir: fontsDir}
}

// edit replaces old by new, once, in a file of the sandbox.
func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(b), old) != 1 {
		t.Fatalf("%s holds %q %d times", path, old, strings.Count(string(b), old))
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// runs lists every text run of the composed pages as "page y: text".
func runs(pages []layout.Page) map[string]bool {
	out := map[string]bool{}
	for _, p := range pages {
		for _, tx := range p.Texts {
			out[fmt.Sprintf("p%d y%.2f: %s", p.Number, tx.Y, tx.String())] = true
		}
	}
	return out
}

func TestNoticeCorrectingOneFigureChangesWhatDependsOnItAndNothingElse(t *testing.T) {
	path, opt := sandbox(t)
	before := prepare(t, path, opt)
	// 成都's 政务新媒体总数: 915 → 916.
	edit(t, filepath.Join(filepath.Dir(path), "chuan-ban-han-2024-114", "annex1.toml"),
		`["成都",   65, 1, 43, 21, 0, 915, 0],`, `["成都",   65, 1, 43, 21, 0, 916, 0],`)
	after := prepare(t, path, opt)

	if len(before.Result.Pages) != len(after.Result.Pages) {
		t.Fatalf("%d pages before, %d after", len(before.Result.Pages), len(after.Result.Pages))
	}
	b, a := runs(before.Result.Pages), runs(after.Result.Pages)
	var gone, came []string
	for r := range b {
		if !a[r] {
			gone = append(gone, r)
		}
	}
	for r := range a {
		if !b[r] {
			came = append(came, r)
		}
	}
	sort.Strings(gone)
	sort.Strings(came)
	// Exactly three runs differ: the cell, the 合计 and the body line.
	if len(gone) != 3 || len(came) != 3 {
		t.Fatalf("runs changed:\n-%s\n+%s\nwant the cell, the 合计 and the sentence", strings.Join(gone, "\n-"), strings.Join(came, "\n+"))
	}
	want := map[string]string{"915": "916", "4206": "4207"}
	for i := range gone {
		g, c := gone[i][strings.Index(gone[i], ": ")+2:], came[i][strings.Index(came[i], ": ")+2:]
		if gone[i][:strings.Index(gone[i], ": ")] != came[i][:strings.Index(came[i], ": ")] {
			t.Errorf("%q moved to %q", gone[i], came[i])
		}
		switch {
		case want[g] == c: // the cell, the 合计
			delete(want, g)
		case strings.Contains(g, "账号4206") && strings.Replace(g, "4206", "4207", 1) == c: // the sentence
		default:
			t.Errorf("%q became %q", gone[i], came[i])
		}
	}
	if len(want) != 0 {
		t.Errorf("not changed: %v", want)
	}
	found := false
	for _, blk := range after.Doc.Body {
		found = found || strings.Contains(blk.Text, "全覆盖检查政务新媒体账号4207个，发现存在突出问题的账号4个，合格率99.9%。")
	}
	if !found {
		t.Errorf("no sentence quotes 4207 accounts")
	}
}

func TestNoticeARowThatDisagreesWithItsPartsIsAnError(t *testing.T) {
	path, opt := sandbox(t)
	table := filepath.Join(filepath.Dir(path), "chuan-ban-han-2024-114", "annex1.toml")
	edit(t, table, `["成都",   65, 1, 43,`, `["成都",   66, 1, 43,`)
	_, err := build.Prepare(path, opt)
	if err == nil {
		t.Fatal("no error for 66 ≠ 1 + 43 + 21")
	}
	src, _ := os.ReadFile(table)
	line, col := 0, 0
	for i, l := range strings.Split(string(src), "\n") {
		if k := strings.Index(l, `["成都",   66`); k >= 0 {
			line, col = i+1, len([]rune(l[:k]))+len([]rune(`["成都",   `))+1
		}
	}
	want := fmt.Sprintf(`%s:%d:%d: row "成都": 网站总数 is 66, but 市级门户网站数 + 市级部门网站数 + 县级门户（含高新区）网站数 = 1 + 43 + 21 = 65`, table, line, col)
	if err.Error() != want {
		t.Errorf("error\n%v\nwant\n%s", err, want)
	}
	var de *doc.Error
	if es, ok := err.(doc.Errors); !ok || len(es) != 1 || !asError(es[0], &de) {
		t.Errorf("%T, want doc.Errors of one *doc.Error", err)
	}
}

func asError(e error, de **doc.Error) bool {
	var ok bool
	*de, ok = e.(*doc.Error)
	return ok
}
