package e2e

// Pages as a clerk sets them (issue 21): the 主送 one blank line under a
// title of any length, the 署名 in the seal's lower middle, paper seals,
// rows of joint seals, fitting the seal block, no lone last line, the
// 纪要's 印发 line, shares that add up. Documents written here, built,
// and measured with mutool trace.

import (
	"fmt"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fileDoc is a 文件格式 data file with the given title lines (TOML
// strings) and further keys.
func fileDoc(title []string, more string) string {
	return fmt.Sprintf(`format = "file"
template = "body.txt"
issuer = "示例县人民政府"
number = "示府〔2025〕5号"
title = [%s]
recipients = "各乡镇人民政府"
signature = "示例县人民政府"
date = 2025-04-18
%s`, `"`+strings.Join(title, `", "`)+`"`, more)
}

// TestRecipientsOneBlankLineUnderTitlesOfAnyLength: the 主送's em top is on
// the grid, on the first grid line with a whole grid line (em box) free
// between it and the title's last line: between one and two line pitches
// under the title's em bottom, for titles of one to four lines.
func TestRecipientsOneBlankLineUnderTitlesOfAnyLength(t *testing.T) {
	lines := []string{"示例县人民政府关于", "做好春季森林防火", "和农村公路养护", "工作的通知"}
	for n := 1; n <= 4; n++ {
		t.Run(fmt.Sprintf("%d lines", n), func(t *testing.T) {
			s := adHoc(t, fileDoc(lines[:n], ""), "正文一段。\n")
			title := s.find(t, 1, lines[n-1])
			rec := s.find(t, 1, "各乡镇人民政府：")
			if _, ok := onGrid(rec.emTop()); !ok {
				t.Errorf("主送 em top %.3f is off the grid", rec.emTop())
			}
			gap := rec.emTop() - title.emBottom()
			if gap < linePitch-0.05 || gap >= 2*linePitch-0.05 {
				t.Errorf("主送 em top %.2f mm under the title's last line, want one blank line: %.2f–%.2f", gap, linePitch, 2*linePitch)
			}
		})
	}
}

// sealBody is a body of a few paragraphs.
const sealBody = "为做好春季森林防火工作，现就有关事项通知如下。\n各乡镇要压实责任，加强巡查，及时消除隐患。\n"

// lineAbove is the lowest line of the page whose em bottom is above y.
func lineAbove(t *testing.T, s *sample, page int, y float64) line {
	t.Helper()
	var best line
	found := false
	for _, l := range s.body[page-1] {
		if l.emBottom() < y && (!found || l.emBottom() > best.emBottom()) {
			best, found = l, true
		}
	}
	if !found {
		t.Fatalf("no line above y = %.1f on page %d", y, page)
	}
	return best
}

// TestSignatureInTheSealsLowerMiddle: the seal's centre stands half a line
// above the middle of the 署名 and date (居印章中心偏下), the date inside
// the seal, the seal's top within one line under the 正文; a paper seal
// (seal = "paper") keeps that layout and draws nothing.
func TestSignatureInTheSealsLowerMiddle(t *testing.T) {
	image := adHoc(t, fileDoc([]string{"关于做好春季森林防火工作的通知"}, `seal = "seals/seal-1.png"`), sealBody)
	paper := adHoc(t, fileDoc([]string{"关于做好春季森林防火工作的通知"}, `seal = "paper"`), sealBody)
	date := image.findAny(t, "2025年4月18日")
	sig := image.find(t, date.page, "示例县人民政府")
	ims := image.pages[date.page-1].Images
	if len(ims) != 1 {
		t.Fatalf("page %d draws %d images, want the seal", date.page, len(ims))
	}
	seal := ims[0]
	centre := seal.Y + seal.H/2
	block := (sig.emTop() + date.emBottom()) / 2
	if lift := block - centre; !near(lift, linePitch/2, 0.05) {
		t.Errorf("the 署名 and date's middle is %.2f mm under the seal's centre, want half a line, %.2f", lift, linePitch/2)
	}
	if date.emBottom() > seal.Y+seal.H || date.start() < seal.X || date.end() > seal.X+seal.W {
		t.Errorf("the date (x %.1f–%.1f, bottom %.1f) is not inside the seal (x %.1f–%.1f, bottom %.1f)",
			date.start(), date.end(), date.emBottom(), seal.X, seal.X+seal.W, seal.Y+seal.H)
	}
	above := lineAbove(t, image, date.page, sig.emTop()-0.5)
	if gap := seal.Y - above.emBottom(); gap < 0 || gap > linePitch {
		t.Errorf("the seal's top is %.2f mm under the 正文's last line, want within one line (0–%.2f)", gap, linePitch)
	}
	within(t, "date's right end (右空四字)", date.cellEnd(), typeRight-sealDateRight*bodyCell)
	within(t, "seal centred on the date", seal.X+seal.W/2, (date.start()+date.end())/2)

	// On paper: the same places, nothing drawn.
	pdate := paper.findAny(t, "2025年4月18日")
	psig := paper.find(t, pdate.page, "示例县人民政府")
	for _, p := range paper.pages {
		if len(p.Images) > 0 {
			t.Errorf("the paper seal's document draws %d images on page %d", len(p.Images), p.Number)
		}
	}
	if pdate.page != date.page || !near(pdate.emTop(), date.emTop(), 0.01) || !near(pdate.start(), date.start(), 0.01) ||
		!near(psig.emTop(), sig.emTop(), 0.01) || !near(psig.start(), sig.start(), 0.01) {
		t.Errorf("paper seal: 署名 at (%.2f, %.2f), date at (%.2f, %.2f); want them where the image seal has them: (%.2f, %.2f), (%.2f, %.2f)",
			psig.start(), psig.emTop(), pdate.start(), pdate.emTop(), sig.start(), sig.emTop(), date.start(), date.emTop())
	}
}

// TestJointSealsInRows: four issuers with their full names and seals (one
// on paper) stand in rows, each inside the 版心, no two seals touching, the
// first row's top within one line under the 正文, each 署名 centred under
// its seal, the last seal centred on the date.
func TestJointSealsInRows(t *testing.T) {
	names := []string{"示例市教育局", "示例市财政局", "示例市人力资源和社会保障局", "示例市农业农村局"}
	toml := fmt.Sprintf(`format = "file"
template = "body.txt"
issuer = ["%[1]s"]
number = "示教发〔2025〕8号"
title = "关于做好乡村教师生活补助发放工作的通知"
recipients = "各县（区）教育局"
signature = ["%[1]s"]
seal = ["seals/seal-1.png", "seals/seal-2.png", "paper", "seals/seal-3.png"]
date = 2025-05-06
`, strings.Join(names, `", "`))
	s := adHoc(t, toml, sealBody)
	date := s.findAny(t, "2025年5月6日")
	page := s.pages[date.page-1]
	if len(page.Images) != 3 {
		t.Fatalf("page %d draws %d images, want 3 seals (the fourth on paper)", date.page, len(page.Images))
	}
	sigs := make([]line, len(names))
	for i, n := range names {
		sigs[i] = s.find(t, date.page, n)
	}
	// The seal boxes, the paper one where its 署名 says it stands.
	boxes := make([][4]float64, len(names)) // x, y, w, h
	for i, k := 0, 0; i < len(names); i++ {
		if i == 2 {
			continue
		}
		im := page.Images[k]
		boxes[i] = [4]float64{im.X, im.Y, im.W, im.H}
		k++
	}
	boxes[2] = [4]float64{(sigs[2].start()+sigs[2].end())/2 - sealSize/2, boxes[3][1], sealSize, sealSize}
	if sigs[2].emTop() != sigs[3].emTop() {
		boxes[2][1] = boxes[0][1]
	}
	rows := map[float64]int{}
	for i, b := range boxes {
		rows[math.Round(b[1]*100)/100]++
		if b[0] < typeLeft-0.01 || b[0]+b[2] > typeRight+0.01 {
			t.Errorf("seal %d spans x %.1f–%.1f, outside the 版心", i, b[0], b[0]+b[2])
		}
		within(t, names[i]+" centred under its seal", (sigs[i].start()+sigs[i].end())/2, b[0]+b[2]/2)
		if b[1] > sigs[i].emTop() || b[1]+b[3] < sigs[i].emBottom() {
			t.Errorf("seal %d (y %.1f–%.1f) does not cover its 署名", i, b[1], b[1]+b[3])
		}
		for j := range i {
			c := boxes[j]
			dx := (b[0] + b[2]/2) - (c[0] + c[2]/2)
			dy := (b[1] + b[3]/2) - (c[1] + c[3]/2)
			if math.Hypot(dx, dy) <= sealSize {
				t.Errorf("seals %d and %d touch or overlap: centres %.1f mm apart", j, i, math.Hypot(dx, dy))
			}
		}
	}
	if len(rows) < 2 {
		t.Errorf("seal rows %v: want more than one row", rows)
	}
	top := math.Inf(1)
	for _, b := range boxes {
		top = math.Min(top, b[1])
	}
	above := lineAbove(t, s, date.page, top+0.01)
	if gap := top - above.emBottom(); gap < 0 || gap > linePitch {
		t.Errorf("the first row's top is %.2f mm under %q, want within one line", gap, clip(above.text, 10))
	}
	last := boxes[3]
	within(t, "last seal centred on the date", last[0]+last[2]/2, (date.start()+date.end())/2)
}

// bodyOfLines is a paragraph of n full lines, for the 三号 grid of 28
// characters a line: the first indented 2 字, the last ending in 。.
func bodyOfLines(n int) string {
	text := []rune(strings.Repeat("为做好春季森林防火工作现就有关事项通知如下各乡镇要压实责任加强巡查及时消除隐患确保安全", 2*n))
	return "\u3000\u3000" + string(text[:28*n-3]) + "。\n"
}

// pitches are the distances between a page's successive body lines.
func pitches(ls []line) []float64 {
	var out []float64
	for i := 1; i < len(ls); i++ {
		out = append(out, ls[i].emTop()-ls[i-1].emTop())
	}
	return out
}

// orderDoc is a 命令 with a signature stamp.
const orderDoc = `format = "order"
template = "body.txt"
issuer = "示例市人民政府"
order_number = 15
signer_title = "市长"
signer = "赵明"
stamp = "seals/stamp.png"
date = 2025-04-18
`

// TestSealBlockTightensThePageBeforeMoving (7.3.5.4): for every length of a
// sealed document's body from 20 to 30 lines, and of a 命令's with a
// signature stamp from 28 to 33, each page's lines stand a whole number of
// pitches apart, at 29.6 pt or, on the date's page only, a tighter pitch
// no tighter than 28 pt; where the block misses by one line, the page is
// tightened rather than the block moved.
func TestSealBlockTightensThePageBeforeMoving(t *testing.T) {
	minPitch := 28 * mmPerPt
	tightened := map[string]int{}
	type doc struct {
		kind, toml string
		from, to   int
	}
	for _, d := range []doc{
		{"seal", fileDoc([]string{"关于做好春季森林防火工作的通知"}, `seal = "seals/seal-1.png"`), 20, 30},
		{"stamp", orderDoc, 28, 33},
	} {
		for n := d.from; n <= d.to; n++ {
			checkPitches(t, adHoc(t, d.toml, bodyOfLines(n)), fmt.Sprintf("%s, %d lines", d.kind, n), minPitch, func() { tightened[d.kind]++ })
		}
	}
	for _, k := range []string{"seal", "stamp"} {
		if tightened[k] == 0 {
			t.Errorf("no body length tightened the page of the %s's block", k)
		}
	}
}

// checkPitches checks the pitch of each page after the first: the body's,
// or on the date's page a tighter one down to minPitch (then it calls
// tightened).
func checkPitches(t *testing.T, s *sample, what string, minPitch float64, tightened func()) {
	t.Helper()
	date := s.findAny(t, "2025年4月18日")
	for pi, ls := range s.body {
		if pi == 0 {
			continue // the 版头's lines are not on the body's pitch
		}
		var grid []line // the 职务 stands centred on the stamp, off the grid
		for _, l := range ls {
			if l.text != "市长" {
				grid = append(grid, l)
			}
		}
		ps := pitches(grid)
		if len(ps) == 0 {
			continue
		}
		unit := ps[0]
		for _, p := range ps {
			unit = math.Min(unit, p)
		}
		for _, p := range ps {
			if k := math.Round(p / unit); !near(p, k*unit, 0.02) {
				t.Errorf("%s: page %d's lines %.2f mm apart, not a whole number of %.2f", what, pi+1, p, unit)
				break
			}
		}
		switch {
		case near(unit, linePitch, 0.02):
		case unit < linePitch && unit >= minPitch-0.01 && pi+1 == date.page:
			tightened()
		default:
			t.Errorf("%s: page %d's pitch is %.2f mm; want %.2f, or on the date's page no less than %.2f (28 pt)", what, pi+1, unit, linePitch, minPitch)
		}
	}
}

// TestNoPageHoldsOnlyAParagraphsLastLine: for every length of a text
// annex's closing paragraph from 1 to 12 lines after a full page of text,
// no page holds one body line alone (the annex ends on its own page before
// the 版记 page).
func TestNoPageHoldsOnlyAParagraphsLastLine(t *testing.T) {
	for n := 1; n <= 12; n++ {
		toml := fileDoc([]string{"关于印发森林火灾应急处置工作方案的通知"}, `
[[attachments]]
title = "森林火灾应急处置工作方案"
template = "annex.txt"
`)
		s := adHocFiles(t, toml, map[string]string{"body.txt": "现将方案印发给你们，请认真贯彻执行。\n", "annex.txt": bodyOfLines(16) + bodyOfLines(n)})
		for pi, ls := range s.body {
			if len(ls) == 1 && strings.HasSuffix(ls[0].text, "。") && !strings.Contains(ls[0].text, "印发") {
				t.Errorf("closing paragraph of %d lines: page %d holds only %q", n, pi+1, clip(ls[0].text, 12))
			}
		}
	}
}

// TestMinutesLineUnderTheNumber: [minutes_line] prints the 印发机关 flush
// left and the date flush right on the line under the 纪要's number, the
// red rule 4 mm under it; the date is the document's unless given.
func TestMinutesLineUnderTheNumber(t *testing.T) {
	doc := `format = "minutes"
template = "body.txt"
mark = "示例县人民政府常务会议纪要"
minutes_number = "第5期"
date = 2025-04-20
present = ["王明", "李华"]

[minutes_line]
printer = "示例县人民政府办公室"
%s`
	for _, c := range []struct{ more, date string }{
		{"", "2025年4月20日"},
		{"date = 2025-04-22", "2025年4月22日"},
	} {
		s := adHoc(t, fmt.Sprintf(doc, c.more), "会议研究了春季农业生产工作。\n")
		num := s.find(t, 1, "第5期")
		printer := s.find(t, 1, "示例县人民政府办公室")
		date := s.find(t, 1, c.date)
		within(t, "印发机关 left end (flush left)", printer.cellStart(), typeLeft)
		within(t, "date right end (flush right)", date.cellEnd(), typeRight)
		within(t, "印发机关 em top (the line under the number)", printer.emTop(), num.emTop()+linePitch)
		within(t, "date em top (on the 印发机关's line)", date.emTop(), printer.emTop())
		rule := headRule(t, s.pages[0])
		within(t, "red rule top (4 mm under the line)", rule.top, printer.emBottom()+headRuleGap)
	}
}

// TestShareColumnAddsUpWithLargestRemainder reads sample-file's 附件1 back
// from the PDF: its 经费占比, rounded one by one, do not add up to the
// 合计's 100.0; with rounding = "largest_remainder" they do, exactly.
func TestShareColumnAddsUpWithLargestRemainder(t *testing.T) {
	sum := func(rows map[string][]string) (string, string) {
		total := new(big.Rat)
		for _, a := range sampleAreas {
			cells := rows[a]
			if len(cells) == 0 {
				t.Fatalf("no row %s in 附件1", a)
			}
			r, ok := new(big.Rat).SetString(cells[len(cells)-1])
			if !ok {
				t.Fatalf("row %s: share %q is not a number", a, cells[len(cells)-1])
			}
			total.Add(total, r)
		}
		tot := rows["合计"]
		return total.FloatString(1), tot[len(tot)-1]
	}
	_, rows := annexRows(t, nil)
	if got, total := sum(rows); got == total {
		t.Fatalf("the sample's shares, rounded one by one, add up to its 合计 %s: the test shows nothing", total)
	}
	_, rows = annexRows(t, func(dir string) {
		p := filepath.Join(dir, "data", "sample-file", "annex1.toml")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		line := `compute = "funds / total.funds * 100"`
		if strings.Count(string(b), line) != 1 {
			t.Fatalf("%s: no %s", p, line)
		}
		b = []byte(strings.Replace(string(b), line, line+"\nrounding = \"largest_remainder\"", 1))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	})
	if got, total := sum(rows); got != total || total != "100.0" {
		t.Errorf("with largest_remainder the shares add up to %s, the 合计 reads %s; want both 100.0", got, total)
	}
}
