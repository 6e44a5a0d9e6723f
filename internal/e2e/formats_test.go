package e2e

// The samples of every format (data/sample-*.toml), built and measured
// against ../shared/spec/gbt9704.md: each element within 0.5 mm of where the
// standard and the project's choices put it.

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"gongwen/internal/build"
	"gongwen/internal/pdfcheck"
)

// The numbers of the 文件格式, 命令格式 and 纪要格式 (clauses 7, 10.2, 10.3)
// and the 版记 (7.4), written out as the spec gives them.
const (
	tol = 0.5 // mm: the tolerance for every element

	fileMarkTop     = typeTop + 35 // 发文机关标志 of 文件格式 and 纪要: top edge 35 mm under the 版心's top
	orderMarkTop    = typeTop + 20 // 命令: 20 mm
	headRuleGap     = 4.0          // 版头分隔线 4 mm under the 发文字号
	headRuleWidth   = 0.5          // choice
	markMaxFile     = 156.0
	markFloor       = 22.0 // choice: 二号
	imprintSize     = 14.0 // 四号
	imprintIndent   = imprintSize * mmPerPt
	imprintOuter    = 0.35
	imprintInner    = 0.25
	sealSize        = 42.0
	sealDateRight   = 4 // 字
	upwardIndent    = 1 // 字
	stampRightChars = 4
)

// sample is a built sample and what was read from it.
type sample struct {
	name  string
	pdf   string
	pages []pdfcheck.Page
	body  [][]line // per page: lines whose em top is above the 版心's bottom
	foot  [][]line // per page: the lines under it (page numbers)
}

var samples sync.Map // name → *sampleOnce

type sampleOnce struct {
	once sync.Once
	s    *sample
	err  error
}

// theSample builds data/NAME.toml once per test binary and traces it.
func theSample(t *testing.T, name string) *sample {
	t.Helper()
	pdfcheck.RequireTools(t)
	v, _ := samples.LoadOrStore(name, &sampleOnce{})
	so := v.(*sampleOnce)
	so.once.Do(func() {
		so.s, so.err = buildSample(name, filepath.Join("../../data", name+".toml"), filepath.Join(outDir, name+".pdf"))
	})
	if so.err != nil {
		t.Fatalf("building and reading %s: %v", name, so.err)
	}
	return so.s
}

// buildSample builds a data file into pdf and traces it.
func buildSample(name, data, pdf string) (*sample, error) {
	s := &sample{name: name, pdf: pdf}
	if err := build.Build(data, s.pdf, build.Options{}); err != nil {
		return nil, err
	}
	var err error
	if s.pages, err = pdfcheck.Trace(s.pdf); err != nil {
		return nil, err
	}
	for _, p := range s.pages {
		var body, foot []line
		for _, glyphs := range pdfcheck.Lines(p) {
			l := newLine(p.Number, glyphs)
			if l.emTop() >= typeBottom {
				foot = append(foot, l)
			} else {
				body = append(body, l)
			}
		}
		s.body, s.foot = append(s.body, body), append(s.foot, foot)
	}
	return s, nil
}

// adHoc builds a document written for the test: a data file of the given
// TOML, whose template (template = "body.txt") holds body, with the seal
// images of data/seals beside it; the PDF is named after the test.
func adHoc(t *testing.T, toml, body string) *sample {
	t.Helper()
	return adHocFiles(t, toml, map[string]string{"body.txt": body})
}

// adHocFiles is adHoc with more files beside the data file: name → text.
func adHocFiles(t *testing.T, toml string, files map[string]string) *sample {
	t.Helper()
	pdfcheck.RequireTools(t)
	dir := t.TempDir()
	files["doc.toml"] = toml
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	seals, _ := filepath.Glob("../../data/seals/*")
	if err := os.MkdirAll(filepath.Join(dir, "seals"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range seals {
		b, err := os.ReadFile(p)
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, "seals", filepath.Base(p)), b, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	s, err := buildSample(t.Name(), filepath.Join(dir, "doc.toml"), filepath.Join(dir, "doc.pdf"))
	if err != nil {
		t.Fatalf("building %s:\n%s\n%v", t.Name(), toml, err)
	}
	return s
}

// pieces splits a line where the white between two glyphs is wider than
// gap mm: a line that holds several elements (the 发文字号 and the 签发人,
// the 署名 of a 联合行文) gives one piece each.
func pieces(l line, gap float64) []line {
	var out []line
	start := 0
	for i := 1; i <= len(l.glyphs); i++ {
		if i == len(l.glyphs) || l.glyphs[i].X-(l.glyphs[i-1].X+l.glyphs[i-1].Adv) > gap {
			out = append(out, newLine(l.page, l.glyphs[start:i]))
			start = i
		}
	}
	return out
}

// find returns the piece of a page's lines that reads text.
func (s *sample) find(t *testing.T, page int, text string) line {
	t.Helper()
	var have []string
	for _, l := range s.body[page-1] {
		for _, p := range pieces(l, bodyCell/2) {
			if p.text == text {
				return p
			}
			have = append(have, clip(p.text, 12))
		}
	}
	t.Fatalf("%s page %d has no %q; it has %s", s.name, page, text, strings.Join(have, " | "))
	return line{}
}

// findAny is find on any page: the page and the piece.
func (s *sample) findAny(t *testing.T, text string) line {
	t.Helper()
	for i, ls := range s.body {
		for _, l := range ls {
			for _, p := range pieces(l, bodyCell/2) {
				if p.text == text {
					return p
				}
			}
		}
		_ = i
	}
	t.Fatalf("%s prints no %q", s.name, text)
	return line{}
}

func within(t *testing.T, what string, got, want float64) {
	t.Helper()
	if !near(got, want, tol) {
		t.Errorf("%s at %.3f mm, want %.3f ± %g", what, got, want, tol)
	}
}

// onGrid is the nearest body grid line's em top to y, and whether y is on it.
func onGrid(y float64) (float64, bool) {
	k := math.Round((y - typeTop) / linePitch)
	g := typeTop + k*linePitch
	return g, near(y, g, tol)
}

// TestFileFormatHeader measures the 版头 of the 下行文 sample (clause 7.2):
// 份号, 密级, 紧急程度 on the 版心's first lines, flush left; the red 标志
// 35 mm under the 版心's top, centred; the 发文字号 下空二行, centred; the
// red 版头分隔线 4 mm under it, as wide as the 版心; the 标题 下空二行.
func TestFileFormatHeader(t *testing.T) {
	s := theSample(t, "sample-file")
	for i, text := range []string{"000001", "秘密★1年", "特急"} {
		l := s.find(t, 1, text)
		within(t, text+" em top", l.emTop(), typeTop+float64(i)*linePitch)
		within(t, text+" left edge", l.cellStart(), typeLeft)
		checkGlyphs(t, l, bodySize, black)
	}
	hei := fontFiles(t)["heiti"]
	for _, text := range []string{"秘密★1年", "特急"} {
		for _, g := range s.find(t, 1, text).glyphs {
			if g.Rune != '★' && !fontIs(g.Font, hei) {
				t.Errorf("%s: %q is in %s, want 黑体", text, g.Rune, g.Font)
			}
		}
	}

	mark := s.find(t, 1, "示例县人民政府文件")
	within(t, "标志 em top", mark.emTop(), fileMarkTop)
	within(t, "标志 centre", (mark.start()+mark.end())/2, typeCentre)
	checkMark(t, mark)

	num := s.find(t, 1, "示府发〔2025〕12号")
	numTop := mark.emBottom() + linePitch - bodyEm + 2*linePitch
	within(t, "发文字号 em top (下空二行)", num.emTop(), numTop)
	within(t, "发文字号 centre", (num.start()+num.end())/2, typeCentre)

	rule := headRule(t, s.pages[0])
	within(t, "版头分隔线 top edge (4 mm under the 发文字号)", rule.top, num.emBottom()+headRuleGap)
	within(t, "版头分隔线 left end", rule.left, typeLeft)
	within(t, "版头分隔线 right end", rule.right, typeRight)
	if !near(rule.thickness, headRuleWidth, 0.05) || !sameColor(rule.rule.Color, red) {
		t.Errorf("版头分隔线 is %.3f mm thick, colour %v; want %.2f, red", rule.thickness, rule.rule.Color, headRuleWidth)
	}

	title := s.find(t, 1, "示例县人民政府")
	within(t, "标题 em top (下空二行 under the rule)", title.emTop(), rule.bottom+linePitch-bodyEm+2*linePitch)
	within(t, "标题 centre", (title.start()+title.end())/2, typeCentre)
	checkGlyphs(t, title, titleSize, black)
}

// headRule is the one red rule of page 1.
func headRule(t *testing.T, p pdfcheck.Page) ruleEdges {
	t.Helper()
	var reds []ruleEdges
	for _, r := range p.Rules {
		if sameColor(r.Color, red) {
			reds = append(reds, edgesOf(r))
		}
	}
	if len(reds) != 1 {
		t.Fatalf("page 1 draws %d red rules, want the 版头分隔线 alone: %+v", len(reds), reds)
	}
	return reds[0]
}

// TestFileFormatUpward measures the 上行文's number line (clause 7.2.5): the
// 发文字号 1 字 in from the left, "签发人：" in 仿宋 and the names in 楷体
// ending 1 字 in from the right, all on one baseline.
func TestFileFormatUpward(t *testing.T) {
	s := theSample(t, "sample-upward")
	num := s.find(t, 1, "示府〔2025〕5号")
	within(t, "发文字号 left edge", num.cellStart(), typeLeft+upwardIndent*bodyCell)
	label := s.find(t, 1, "签发人：王明")
	second := s.find(t, 1, "李华")
	within(t, "签发人 line's right end", second.cellEnd(), typeRight-upwardIndent*bodyCell)
	if !near(label.baseline(), num.baseline(), 0.01) {
		t.Errorf("签发人 baseline %.3f, 发文字号 %.3f: want one line", label.baseline(), num.baseline())
	}
	files := fontFiles(t)
	for i, g := range append(label.glyphs, second.glyphs...) {
		want := files["kaiti"]
		if i < 4 {
			want = files["fangsong"]
		}
		if !fontIs(g.Font, want) {
			t.Errorf("%q is in %s, want %s", g.Rune, g.Font, want)
		}
	}
	rule := headRule(t, s.pages[0])
	within(t, "版头分隔线 top edge", rule.top, num.emBottom()+headRuleGap)
}

// TestJointIssuersAndSeals measures the 联合行文 sample (clauses 7.2.3,
// 7.3.5.1): the issuers stacked, spread to one width, "文件" to their right
// centred on the stack, the whole centred; three seals of 42 mm in one row,
// not touching, inside the 版心, each centred on its 署名; the date 右空四字
// under the last seal.
func TestJointIssuersAndSeals(t *testing.T) {
	s := theSample(t, "sample-joint")
	names := []string{"示例市教育局", "示例市财政局", "示例市人力资源和社会保障局"}
	var stack []line
	for _, n := range names {
		for _, l := range s.body[0] {
			if p := pieces(l, 40); strings.HasPrefix(p[0].text, n) && sameColor(l.first().Color, red) {
				stack = append(stack, p[0])
			}
		}
	}
	if len(stack) != 3 {
		t.Fatalf("found %d stacked names, want 3", len(stack))
	}
	suffix := stack[1].glyphs[len(stack[1].glyphs)-2:]
	stack[1] = newLine(1, stack[1].glyphs[:len(stack[1].glyphs)-2])
	for i, l := range stack {
		if l.text != names[i] {
			t.Errorf("stack line %d reads %q, want %q", i, l.text, names[i])
		}
		within(t, names[i]+" start", l.start(), stack[2].start())
		within(t, names[i]+" end", l.end(), stack[2].end())
	}
	if string([]rune{suffix[0].Rune, suffix[1].Rune}) != "文件" {
		t.Fatalf("no 文件 beside the middle name")
	}
	within(t, "文件's em centre (on the stack's)", (emTop(suffix[0])+emBottom(suffix[0]))/2, (stack[0].emTop()+stack[2].emBottom())/2)
	within(t, "标志 centre", (stack[0].start()+suffix[1].X+suffix[1].Adv)/2, typeCentre)
	within(t, "标志 em top", stack[0].emTop(), fileMarkTop)

	// The seals: on the page of the date.
	date := s.findAny(t, "2025年5月6日")
	page := s.pages[date.page-1]
	if len(page.Images) != 3 {
		t.Fatalf("page %d draws %d images, want 3 seals", date.page, len(page.Images))
	}
	sigs := []string{"示例市教育局", "示例市财政局", "示例市人社局"}
	for i, im := range page.Images {
		if !near(im.W, sealSize, tol) || !near(im.H, sealSize, tol) {
			t.Errorf("seal %d is %.1f × %.1f mm, want %g", i, im.W, im.H, sealSize)
		}
		if im.X < typeLeft-0.01 || im.X+im.W > typeRight+0.01 {
			t.Errorf("seal %d spans x %.1f–%.1f, outside the 版心", i, im.X, im.X+im.W)
		}
		if i > 0 {
			prev := page.Images[i-1]
			if gap := im.X - (prev.X + prev.W); gap <= 0 {
				t.Errorf("seals %d and %d touch or overlap (gap %.2f mm)", i-1, i, gap)
			}
			within(t, fmt.Sprintf("seal %d top (one row)", i), im.Y, prev.Y)
		}
		sig := s.find(t, date.page, sigs[i])
		within(t, sigs[i]+" centre (under its seal)", (sig.start()+sig.end())/2, im.X+im.W/2)
		if im.Y > sig.emTop() || im.Y+im.H < sig.emBottom() {
			t.Errorf("seal %d (y %.1f–%.1f) does not cover its 署名 (%.1f–%.1f)", i, im.Y, im.Y+im.H, sig.emTop(), sig.emBottom())
		}
	}
	within(t, "date's right end (右空四字)", date.cellEnd(), typeRight-sealDateRight*bodyCell)
	last := page.Images[2]
	within(t, "last seal centred on the date", last.X+last.W/2, (date.start()+date.end())/2)
}

// TestFileFormatBodyOnTheGrid: every body-size line of the main text stands
// on the 22-line grid, full pages hold 22 lines, and the 署名 never starts a
// page: lines of the 正文 go with it.
func TestFileFormatBodyOnTheGrid(t *testing.T) {
	for _, name := range []string{"sample-file", "sample-upward", "sample-joint"} {
		t.Run(name, func(t *testing.T) {
			s := theSample(t, name)
			full := 0
			header := headRule(t, s.pages[0]).bottom // the 版头 is placed by its own rules
			for i, ls := range s.body {
				n := 0
				for _, l := range ls {
					if !near(l.first().Size, bodySize, 0.01) || sameColor(l.first().Color, red) {
						continue
					}
					if i == 0 && l.emTop() < header {
						continue
					}
					if g, ok := onGrid(l.emTop()); !ok {
						t.Errorf("page %d: %q em top %.3f, off the grid (nearest line %.3f)", i+1, clip(l.text, 10), l.emTop(), g)
					}
					n++
				}
				if n == linesPerPage {
					full++
				}
				if n > linesPerPage {
					t.Errorf("page %d holds %d body lines, more than %d", i+1, n, linesPerPage)
				}
			}
			if name == "sample-file" && full == 0 {
				t.Errorf("no page holds 22 body lines; page 2 of the sample is full")
			}
		})
	}
	for _, name := range []string{"sample-file", "sample-upward", "sample-joint"} {
		s := theSample(t, name)
		date := s.findAny(t, map[string]string{"sample-file": "2025年3月10日", "sample-upward": "2025年4月18日", "sample-joint": "2025年5月6日"}[name])
		above := 0
		for _, l := range s.body[date.page-1] {
			if l.emTop() < date.emTop()-1.5*linePitch {
				above++ // a line of the 正文 (or 附件说明) above the 署名
			}
		}
		if above == 0 {
			t.Errorf("%s: the 署名 and date start page %d alone", name, date.page)
		}
	}
}

// TestImprint measures the 版记 of every sample that has one (clause 7.4):
// on the last page, an even one; rules as wide as the 版心, black, the first
// and last 0.35 mm and those between 0.25 mm, the last on 262 mm; 抄送 and
// 印发 in 四号, 1 字 in on both sides, wrapped 抄送 lines after the colon.
func TestImprint(t *testing.T) {
	for _, tc := range []struct {
		name, cc, printer, printed string
		ccLines                    int
	}{
		{"sample-file", "抄送：", "示例县人民政府办公室", "2025年3月11日印发", 2},
		{"sample-upward", "", "示例县人民政府办公室", "2025年4月18日印发", 0},
		{"sample-joint", "抄送：", "示例市教育局办公室", "2025年5月7日印发", 1},
		{"sample-minutes", "分送：", "示例县人民政府办公室", "2025年4月21日印发", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := theSample(t, tc.name)
			n := len(s.pages)
			if n%2 != 0 {
				t.Errorf("%d pages: the 版记 must be on an even page", n)
			}
			p := s.pages[n-1]
			var rules []ruleEdges
			for _, r := range p.Rules {
				if e := edgesOf(r); e.level && sameColor(r.Color, black) && e.right-e.left > 100 {
					rules = append(rules, e)
				}
			}
			want := 3
			if tc.cc == "" {
				want = 2
			}
			if len(rules) != want {
				t.Fatalf("last page draws %d full-width black rules, want %d", len(rules), want)
			}
			for i, r := range rules {
				w := imprintInner
				if i == 0 || i == len(rules)-1 {
					w = imprintOuter
				}
				if !near(r.thickness, w, 0.03) {
					t.Errorf("rule %d is %.3f mm thick, want %.2f", i, r.thickness, w)
				}
				within(t, fmt.Sprintf("rule %d left end", i), r.left, typeLeft)
				within(t, fmt.Sprintf("rule %d right end", i), r.right, typeRight)
			}
			within(t, "last rule", (rules[len(rules)-1].top+rules[len(rules)-1].bottom)/2, typeBottom)

			printer := s.find(t, n, tc.printer)
			printed := s.find(t, n, tc.printed)
			within(t, "印发机关 left edge", printer.start(), typeLeft+imprintIndent)
			within(t, "印发日期 right end", printed.end(), typeRight-imprintIndent)
			checkGlyphs(t, printer, imprintSize, black)
			if printer.emTop() < rules[len(rules)-2].bottom || printer.emBottom() > rules[len(rules)-1].top {
				t.Errorf("印发 line (%.2f–%.2f) is not between the last two rules", printer.emTop(), printer.emBottom())
			}
			if tc.cc == "" {
				return
			}
			var cc []line
			for _, l := range s.body[n-1] {
				if l.emTop() > rules[0].bottom && l.emBottom() < rules[1].top {
					cc = append(cc, l)
				}
			}
			if len(cc) != tc.ccLines || !strings.HasPrefix(cc[0].text, tc.cc) || !strings.HasSuffix(cc[len(cc)-1].text, "。") {
				t.Fatalf("抄送 lines %q, want %d starting %q and ending 。", texts(cc), tc.ccLines, tc.cc)
			}
			within(t, "抄送 left edge", cc[0].start(), typeLeft+imprintIndent)
			for _, l := range cc[1:] {
				within(t, "wrapped 抄送 line (after the colon)", l.start(), typeLeft+imprintIndent+3*imprintSize*mmPerPt)
			}
			checkGlyphs(t, cc[0], imprintSize, black)
		})
	}
}

// TestFileFormatPageNumbers: the 文件格式 numbers every page from page 1,
// odd pages on the right and even on the left (clause 7.5), as the notice's
// are measured; the 版记 page without a blank page before it too.
func TestFileFormatPageNumbers(t *testing.T) {
	for _, name := range []string{"sample-file", "sample-upward", "sample-joint", "sample-order", "sample-minutes"} {
		t.Run(name, func(t *testing.T) {
			s := theSample(t, name)
			for i, foot := range s.foot {
				page := i + 1
				if len(foot) != 1 || foot[0].text != fmt.Sprintf("—%d—", page) {
					t.Errorf("page %d: %d lines under the 版心 %q, want its number", page, len(foot), texts(foot))
					continue
				}
				l := foot[0]
				within(t, "number's em top", l.emTop(), pageNumberTop)
				if page%2 == 0 {
					within(t, fmt.Sprintf("page %d number start", page), l.start(), typeLeft+pageNumberIndent)
				} else {
					within(t, fmt.Sprintf("page %d number end", page), l.end(), typeRight-pageNumberIndent)
				}
			}
		})
	}
}

func texts(ls []line) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.text
	}
	return out
}

// TestOrderFormat measures the 命令 sample (clauses 10.2, 7.3.5.3): the red
// 标志 (name + 令) 20 mm under the 版心's top, the 令号 two lines under it,
// the 正文 two lines under that, no 版头分隔线; the signature stamp 4 字 from
// the right two lines under the 正文, the 职务 2 字 to its left centred on
// it, the date on the line below, 4 字 from the right.
func TestOrderFormat(t *testing.T) {
	s := theSample(t, "sample-order")
	mark := s.find(t, 1, "示例市人民政府令")
	within(t, "标志 em top", mark.emTop(), orderMarkTop)
	within(t, "标志 centre", (mark.start()+mark.end())/2, typeCentre)
	checkMark(t, mark)
	num := s.find(t, 1, "第15号")
	within(t, "令号 em top (two lines under the 标志)", num.emTop(), mark.emBottom()+linePitch-bodyEm+2*linePitch)
	within(t, "令号 centre", (num.start()+num.end())/2, typeCentre)
	for _, r := range s.pages[0].Rules {
		if sameColor(r.Color, red) {
			t.Errorf("page 1 draws a red rule %+v; a 命令 has no 版头分隔线", r)
		}
	}
	var body []line
	for _, l := range s.body[0] {
		if l.emTop() > num.emBottom() && near(l.first().Size, bodySize, 0.01) {
			body = append(body, l)
		}
	}
	first := body[0]
	if g, ok := onGrid(first.emTop()); !ok || first.emTop() < num.emBottom()+linePitch-bodyEm+2*linePitch-tol || first.emTop() > num.emBottom()+linePitch-bodyEm+3*linePitch {
		t.Errorf("正文 starts at em top %.3f (grid line %.3f); want the grid line two blank lines under the 令号", first.emTop(), g)
	}

	p := s.pages[0]
	if len(p.Images) != 1 {
		t.Fatalf("page 1 draws %d images, want the signature stamp", len(p.Images))
	}
	stamp := p.Images[0]
	title := s.find(t, 1, "市长")
	date := s.find(t, 1, "2025年6月1日")
	var lastBody line
	for _, l := range body {
		if l.emTop() < title.emTop() && l.emTop() < stamp.Y {
			lastBody = l
		}
	}
	within(t, "stamp top (two lines under the 正文)", stamp.Y, lastBody.emTop()+3*linePitch)
	within(t, "stamp right edge (4 字 from the right)", stamp.X+stamp.W, typeRight-stampRightChars*bodyCell)
	within(t, "职务 right end (2 字 left of the stamp)", title.cellEnd(), stamp.X-2*bodyCell)
	within(t, "职务 centred on the stamp", (title.emTop()+title.emBottom())/2, stamp.Y+stamp.H/2)
	within(t, "date right end (4 字 from the right)", date.cellEnd(), typeRight-stampRightChars*bodyCell)
	// 签名章下空一行: one blank grid line after the lines the stamp reaches.
	within(t, "date em top (下空一行 under the stamp)", date.emTop(), stamp.Y+(math.Ceil(stamp.H/linePitch)+1)*linePitch)
}

// TestMinutesFormat measures the 纪要 sample (clause 10.3): the red 纪要标志
// 35 mm under the 版心's top, the number two lines under it, the red rule;
// 出席/请假/列席 in 黑体 2 字 in, the names in 仿宋, wrapped lines under the
// first name; no 署名 and no date in the text.
func TestMinutesFormat(t *testing.T) {
	s := theSample(t, "sample-minutes")
	mark := s.find(t, 1, "示例县人民政府常务会议纪要")
	within(t, "纪要标志 em top", mark.emTop(), fileMarkTop)
	within(t, "纪要标志 centre", (mark.start()+mark.end())/2, typeCentre)
	checkMark(t, mark)
	num := s.find(t, 1, "第5期")
	within(t, "number em top (two lines under the 标志)", num.emTop(), mark.emBottom()+linePitch-bodyEm+2*linePitch)
	within(t, "number centre", (num.start()+num.end())/2, typeCentre)
	rule := headRule(t, s.pages[0])
	within(t, "red rule top", rule.top, num.emBottom()+headRuleGap)
	within(t, "red rule left", rule.left, typeLeft)
	within(t, "red rule right", rule.right, typeRight)

	files := fontFiles(t)
	var labels []string
	for i, ls := range s.body {
		for j, l := range ls {
			label := string([]rune(l.text)[:min(3, len([]rune(l.text)))])
			if label != "出席：" && label != "请假：" && label != "列席：" {
				continue
			}
			labels = append(labels, label)
			within(t, label+" left edge (2 字 in)", l.cellStart(), typeLeft+2*bodyCell)
			for k, g := range l.glyphs {
				want := files["fangsong"]
				if k < 3 {
					want = files["heiti"]
				}
				if !fontIs(g.Font, want) {
					t.Errorf("%s: %q is in %s, want %s", label, g.Rune, g.Font, want)
				}
			}
			if label == "出席：" {
				next := ls[j+1]
				within(t, "wrapped 出席 line (under the first name)", next.cellStart(), typeLeft+5*bodyCell)
				if !strings.HasPrefix(next.text, "周杰") {
					t.Errorf("出席's second line %q, want the names going on", next.text)
				}
			}
			_ = i
		}
	}
	if strings.Join(labels, "") != "出席：请假：列席：" {
		t.Errorf("lists %q, want 出席, 请假, 列席 in order", labels)
	}
	for _, ls := range s.body {
		for _, l := range ls {
			if strings.Contains(l.text, "2025年4月20日") {
				t.Errorf("a 纪要 has no 署名 or 成文日期 line, but %q is printed", l.text)
			}
		}
	}
	for _, p := range s.pages {
		if len(p.Images) > 0 {
			t.Errorf("page %d draws %d images; a 纪要 has no seal", p.Number, len(p.Images))
		}
	}
}

// checkMark: a 标志 is red, 小初 or scaled down to no less than 二号, and
// fits the 版心.
func checkMark(t *testing.T, mark line) {
	t.Helper()
	for _, g := range mark.glyphs {
		if !sameColor(g.Color, red) || g.Size < markFloor || g.Size > 36.01 || !near(g.Size, mark.first().Size, 0.01) {
			t.Errorf("标志 glyph %q: %.2f pt, colour %v; want red, 22–36 pt, one size", g.Rune, g.Size, g.Color)
		}
	}
	if w := mark.end() - mark.start(); w > markMaxFile+0.01 {
		t.Errorf("标志 is %.1f mm wide, more than the 版心's %g", w, markMaxFile)
	}
}

// TestCopiesAreNumberedFromOneLayout builds three numbered copies of the
// 文件格式 sample (--copies): NAME-000001.pdf …, each page-1 份号 its own
// number, every other glyph and rule where the first copy has it.
func TestCopiesAreNumberedFromOneLayout(t *testing.T) {
	pdfcheck.RequireTools(t)
	out := filepath.Join(t.TempDir(), "x.pdf")
	if err := build.Build("../../data/sample-file.toml", out, build.Options{Copies: &build.Copies{First: 8, Last: 10}}); err != nil {
		t.Fatal(err)
	}
	var first []pdfcheck.Page
	for n := 8; n <= 10; n++ {
		name := filepath.Join(filepath.Dir(out), fmt.Sprintf("x-%06d.pdf", n))
		pages, err := pdfcheck.Trace(name)
		if err != nil {
			t.Fatalf("copy %d: %v", n, err)
		}
		lines := pdfcheck.Lines(pages[0])
		if got, want := pdfcheck.LineText(lines[0]), fmt.Sprintf("%06d", n); got != want {
			t.Errorf("copy %d: page 1 starts with %q, want the 份号 %q", n, got, want)
		}
		if first == nil {
			first = pages
			continue
		}
		if len(pages) != len(first) {
			t.Fatalf("copy %d has %d pages, the first %d", n, len(pages), len(first))
		}
		for i := range pages {
			a, b := first[i], pages[i]
			if len(a.Glyphs) != len(b.Glyphs) || len(a.Rules) != len(b.Rules) {
				t.Fatalf("copy %d page %d: %d glyphs, %d rules; the first copy %d, %d", n, i+1, len(b.Glyphs), len(b.Rules), len(a.Glyphs), len(a.Rules))
			}
			for k := range a.Glyphs {
				ga, gb := a.Glyphs[k], b.Glyphs[k]
				if !near(ga.X, gb.X, 0.001) || !near(ga.Y, gb.Y, 0.001) || (ga.Rune != gb.Rune && !(i == 0 && k < 6)) {
					t.Errorf("copy %d page %d glyph %d: %q at (%.3f, %.3f), the first copy %q at (%.3f, %.3f)", n, i+1, k, gb.Rune, gb.X, gb.Y, ga.Rune, ga.X, ga.Y)
				}
			}
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s written besides the numbered copies", out)
	}
}
