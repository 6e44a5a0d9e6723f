package layout

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"gongwen/internal/doc"
	"gongwen/internal/format"
)

// fileDoc is a 文件格式 document with every element of the 版头.
func fileDoc(body []doc.Block) *doc.Document {
	d := testDoc(body)
	d.Format = "file"
	d.Issuer = "某某县人民政府"
	d.Number = doc.Number{Agency: "某府发", Year: 2025, Serial: 7}
	d.CopyNumber = 12
	d.Secrecy = "机密★1年"
	d.Urgency = "特急"
	d.Attachments = nil
	return d
}

func composeWith(t *testing.T, d *doc.Document, f *format.Format) []Page {
	t.Helper()
	res, err := Compose(d, f, gridFonts)
	if err != nil {
		t.Fatal(err)
	}
	return res.Pages
}

func emTop(t Text, f *format.Format) float64 {
	return t.Y - f.EmAscent*format.MM(t.Style.Size)
}

// TestComposeRefusesAMarkBelowTheLegibleFloor: GB/T 9704 leaves the 标志's
// size open; scaled down below MarkMinSize it is refused with a message
// naming the floor (issue 14 item 12), not printed in 2.4 pt type.
func TestComposeRefusesAMarkBelowTheLegibleFloor(t *testing.T) {
	for _, f := range []*format.Format{format.File(), format.Letter(), format.Order(), format.Minutes()} {
		d := fileDoc(nil)
		d.Issuer = strings.Repeat("某", 200)
		_, err := Compose(d, f, gridFonts)
		if err == nil || !strings.Contains(err.Error(), "二号 (22 pt, the format's MarkMinSize)") {
			t.Errorf("%s: a 200-character issuer gives %v, want a message naming the floor", f.Name, err)
		}
		d.Issuer = strings.Repeat("某", 18) // with 文件: 20 × 22 pt = 155 mm, fits at the floor
		if _, err := Compose(d, f, gridFonts); err != nil {
			t.Errorf("%s: a 20-character issuer: %v", f.Name, err)
		}
	}
}

// TestComposeFileFormatFront places the 文件格式's 版头 (clause 7.2) where
// the format's list says, measured on the page model.
func TestComposeFileFormatFront(t *testing.T) {
	f := format.File()
	pages := composeWith(t, fileDoc([]doc.Block{{Kind: doc.Paragraph, Text: "正文。"}}), f)
	pitch, em := f.LinePitch(), format.MM(f.Body.Size)
	for i, want := range []struct {
		text string
		top  float64
	}{{"000012", f.Top}, {"机密★1年", f.Top + pitch}, {"特急", f.Top + 2*pitch}} {
		tx, _, ok := findText(pages, want.text)
		if !ok || !near(emTop(tx, f), want.top) || math.Abs(tx.Glyphs[0].X-f.Left) > 0.05 {
			t.Errorf("flag %d %q: em top %.3f at x %.3f, want em top %.3f at x %.0f", i, want.text, emTop(tx, f), tx.Glyphs[0].X, want.top, f.Left)
		}
	}
	mark, _, _ := findText(pages, "某某县人民政府文件")
	if got := emTop(mark, f); !near(got, f.Top+35) {
		t.Errorf("标志 em top %.3f, want %.3f", got, f.Top+35)
	}
	if c := (mark.Glyphs[0].X + right(mark)) / 2; !near(c, f.CentreX()) {
		t.Errorf("标志 centred on %.3f, want %.3f", c, f.CentreX())
	}
	markBottom := f.Top + 35 + format.MM(f.Mark.Size)
	num, _, _ := findText(pages, "某府发〔2025〕7号")
	numTop := markBottom + pitch - em + 2*pitch
	if got := emTop(num, f); !near(got, numTop) {
		t.Errorf("发文字号 em top %.3f, want %.3f (下空二行)", got, numTop)
	}
	rules := pages[0].Rules
	if len(rules) != 1 || !near(rules[0].Y1-rules[0].Width/2, numTop+em+4) || !near(rules[0].X1, f.Left) || !near(rules[0].X2, f.Right()) {
		t.Errorf("版头分隔线 %+v, want one rule 4 mm under the 发文字号, as wide as the 版心", rules)
	}
}

// TestComposeJointMarkStacksTheIssuers: 联合行文's names one a line, spread
// to the same width, 文件 to their right centred on the stack.
func TestComposeJointMarkStacksTheIssuers(t *testing.T) {
	f := format.File()
	d := fileDoc(nil)
	d.Issuers = []string{"甲省人民政府", "乙省教育厅", "丙市人民政府办公室"}
	d.Signatures = d.Issuers
	pages := composeWith(t, d, f)
	var names []Text
	for _, n := range d.Issuers {
		tx, _, ok := findText(pages, n)
		if !ok {
			t.Fatalf("no %q", n)
		}
		names = append(names, tx)
	}
	suffix, _, _ := findText(pages, "文件")
	for i, n := range names {
		if !near(n.Glyphs[0].X, names[0].Glyphs[0].X) || !near(right(n), right(names[2])) {
			t.Errorf("name %d runs %.2f–%.2f, want %.2f–%.2f", i, n.Glyphs[0].X, right(n), names[0].Glyphs[0].X, right(names[2]))
		}
	}
	mid := (emTop(names[0], f) + emTop(names[2], f)) / 2
	if !near(emTop(suffix, f), mid) {
		t.Errorf("文件 em top %.3f, want centred on the stack %.3f", emTop(suffix, f), mid)
	}
	if c := (names[0].Glyphs[0].X + right(suffix)) / 2; !near(c, f.CentreX()) {
		t.Errorf("标志 centred on %.3f, want %.3f", c, f.CentreX())
	}
}

// paras is n short paragraphs of one line each.
func paras(n int) []doc.Block {
	var body []doc.Block
	for i := 0; i < n; i++ {
		body = append(body, doc.Block{Kind: doc.Paragraph, Text: "短段落。"})
	}
	return body
}

// TestComposeImprintEndsOnAnEvenPage: the 版记 is on the document's last
// side, an even page (clause 7.4): on the last page when that is even and
// has room; on an added page when the text ends on an odd one; after a
// blank page when an even last page has no room, and then neither the blank
// page nor the 版记 page is numbered (clause 7.5).
func TestComposeImprintEndsOnAnEvenPage(t *testing.T) {
	f := format.File()
	seen := map[int]int{}
	for fill := 0; fill < 60; fill++ {
		d := fileDoc(paras(fill))
		d.CC = []string{"甲单位", "乙单位"}
		d.Printer, d.Printed = "某办公室", doc.Date{Year: 2025, Month: 3, Day: 11}
		pages := composeWith(t, d, f)
		_, datePage, _ := findText(pages, "2024年12月26日")
		_, imprintPage, ok := findText(pages, "某办公室")
		if !ok || imprintPage != len(pages) || imprintPage%2 != 0 {
			t.Fatalf("fill %d: 版记 on page %d of %d, want the last, even page", fill, imprintPage, len(pages))
		}
		numbered := func(i int) bool {
			_, p, ok := findText(pages[i-1:i], fmt.Sprintf("— %d —", i))
			return ok && p == 1
		}
		seen[imprintPage-datePage]++
		switch imprintPage - datePage {
		case 0, 1: // on the last page of text, or the next one
			for i := 1; i <= len(pages); i++ {
				if !numbered(i) {
					t.Errorf("fill %d: page %d has no number", fill, i)
				}
			}
		case 2: // a blank page, then the 版记 page
			if len(pages[datePage].Texts) != 0 {
				t.Errorf("fill %d: page %d should be blank", fill, datePage+1)
			}
			if numbered(datePage+1) || numbered(datePage+2) {
				t.Errorf("fill %d: the blank page or the 版记 page after it is numbered", fill)
			}
		default:
			t.Errorf("fill %d: the 版记 is %d pages after the date", fill, imprintPage-datePage)
		}
		last := pages[len(pages)-1].Rules
		if r := last[len(last)-1]; !near(r.Y1, f.Bottom()) || !near(r.Width, f.ImprintOuterRule) {
			t.Errorf("fill %d: last rule %+v, want %.2f mm on %.0f", fill, r, f.ImprintOuterRule, f.Bottom())
		}
	}
	if seen[0] == 0 || seen[1] == 0 || seen[2] == 0 {
		t.Errorf("the fills gave %v (版记 pages after the date's): want each case", seen)
	}
}

// TestComposeSignatureNeverStartsAPage: the 署名 and date carry the last
// lines of the 正文 to the next page with them (clause 7.3.5).
func TestComposeSignatureNeverStartsAPage(t *testing.T) {
	f := format.File()
	for fill := 0; fill < 50; fill++ {
		pages := composeWith(t, fileDoc(paras(fill)), f)
		sig, page, _ := findText(pages, "四川省人民政府办公厅")
		first := sig
		for _, tx := range pages[page-1].Texts {
			if tx.Style == f.Body && tx.Y < first.Y {
				first = tx
			}
		}
		if page > 1 && first.Y == sig.Y {
			t.Errorf("fill %d: the 署名 starts page %d", fill, page)
		}
	}
}

// TestComposeOrderWithoutStampPrintsTheName: a 命令 whose data has no stamp
// image prints the signer's name where the stamp would stand, 4 字 from the
// right, the 职务 2 字 left of it (clause 7.3.5.3); nothing is drawn for it.
func TestComposeOrderWithoutStampPrintsTheName(t *testing.T) {
	f := format.Order()
	d := fileDoc([]doc.Block{{Kind: doc.Paragraph, Text: "现予公布。"}})
	d.Format, d.OrderNumber, d.SignerTitle, d.SignerName = "order", 3, "市长", "赵明"
	pages := composeWith(t, d, f)
	name, _, ok := findText(pages, "赵明")
	title, _, _ := findText(pages, "市长")
	if !ok || math.Abs(right(name)-(f.Right()-f.StampRight*f.CharPitch())) > 0.05 {
		t.Fatalf("name %+v, want it ending 4 字 from the right", name)
	}
	if math.Abs(right(title)-(name.Glyphs[0].X-f.SignerTitleGap*f.CharPitch())) > 0.05 || !near(title.Y, name.Y) {
		t.Errorf("职务 %+v, want it 2 字 left of the name on its line", title)
	}
	date, _, _ := findText(pages, "2024年12月26日")
	if !near(date.Y-name.Y, (1+f.StampDateGapLines)*f.LinePitch()) {
		t.Errorf("date %.2f mm under the name, want one blank line between", date.Y-name.Y)
	}
	if len(pages[0].Images) != 0 {
		t.Errorf("an order without a stamp draws %d images", len(pages[0].Images))
	}
	if _, _, ok := findText(pages, "第3号"); !ok {
		t.Error("no 令号 第3号")
	}
}

// TestComposeLetterFlagsAndCC: the 信函格式's 份号, 密级, 紧急程度 stand flush
// left under the first double line, the 发文字号 flush right on the first
// of their lines, the 标题 two lines under the last (clause 10.1); a 抄送
// stands at the foot of the last page without rules, and a 印发机关 is
// refused.
func TestComposeLetterFlagsAndCC(t *testing.T) {
	f := format.Letter()
	d := fileDoc(nil)
	d.Format = "letter"
	d.CC = []string{"甲单位"}
	pages := composeWith(t, d, f)
	copyNo, _, _ := findText(pages, "000012")
	urgent, _, _ := findText(pages, "特急")
	num, _, _ := findText(pages, "某府发〔2025〕7号")
	if !near(copyNo.Y, num.Y) || math.Abs(right(num)-f.Right()) > 0.05 {
		t.Errorf("份号 baseline %.3f, 发文字号 %.3f ending at %.3f: want one line, the number flush right", copyNo.Y, num.Y, right(num))
	}
	title, _, _ := findText(pages, "关于测试的通报")
	pitch, em := f.LinePitch(), format.MM(f.Body.Size)
	want := emTop(urgent, f) + em + pitch - em + 2*pitch
	if !near(emTop(title, f), want) {
		t.Errorf("标题 em top %.3f, want %.3f (two lines under the 紧急程度)", emTop(title, f), want)
	}
	last := pages[len(pages)-1]
	cc, page, ok := findText(pages, "抄送：甲单位。")
	if !ok || page != len(pages) || !near(emTop(cc, f)+format.MM(cc.Style.Size), f.Bottom()) {
		t.Errorf("抄送 %+v on page %d of %d, want its em box ending on the 版心's bottom of the last page", cc, page, len(pages))
	}
	for _, r := range last.Rules {
		if r.Color == format.Black {
			t.Errorf("the letter's 抄送 has a rule %+v", r)
		}
	}
	d.Printer, d.Printed = "某办公室", doc.Date{Year: 2025, Month: 1, Day: 2}
	if _, err := Compose(d, f, gridFonts); err == nil || !strings.Contains(err.Error(), "has no 印发机关") {
		t.Errorf("a letter with a 印发机关: %v", err)
	}
}

// TestComposeRecipientsMovedToTheImprint: a 主送机关 in the 版记 stands one
// line above the 抄送, with no rule between (clause 7.4.2).
func TestComposeRecipientsMovedToTheImprint(t *testing.T) {
	f := format.File()
	d := fileDoc(nil)
	d.Recipients, d.ImprintRecipients = "", "各乡（镇）人民政府"
	d.CC = []string{"县委办公室"}
	d.Printer, d.Printed = "某办公室", doc.Date{Year: 2025, Month: 1, Day: 2}
	pages := composeWith(t, d, f)
	to, _, ok1 := findText(pages, "主送：各乡（镇）人民政府。")
	cc, _, ok2 := findText(pages, "抄送：县委办公室。")
	if !ok1 || !ok2 || !near(cc.Y-to.Y, f.ImprintLinePitch) {
		t.Fatalf("主送 %v and 抄送 %v, want them one line apart", to, cc)
	}
	for _, r := range pages[len(pages)-1].Rules {
		if r.Y1 > to.Y && r.Y1 < cc.Y {
			t.Errorf("a rule at %.2f between the 主送 and the 抄送", r.Y1)
		}
	}
}

// TestComposeJointSignatures: without seals, the issuers' 署名 stand one
// under another, each 右空二字, the date under the last (clause 7.3.5.2);
// with more seals than one row holds inside the 版心, they go in rows
// (7.3.5.1), and a seal that cannot stand in the 版心 at all is refused.
func TestComposeJointSignatures(t *testing.T) {
	f := format.File()
	d := fileDoc([]doc.Block{{Kind: doc.Paragraph, Text: "正文。"}})
	d.Issuers = []string{"甲市教育局", "乙市财政局"}
	d.Signatures = d.Issuers
	pages := composeWith(t, d, f)
	body := func(s string) Text { // the 署名, not the 标志's name
		for _, p := range pages {
			for _, tx := range p.Texts {
				if tx.String() == s && tx.Style == f.Body {
					return tx
				}
			}
		}
		t.Fatalf("no %q in the body style", s)
		return Text{}
	}
	a, b, date := body("甲市教育局"), body("乙市财政局"), body("2024年12月26日")
	zi := f.CharPitch()
	if !near(a.Glyphs[0].X, b.Glyphs[0].X) || math.Abs(right(date)-(f.Right()-f.SignatureRight*zi)) > 0.05 ||
		math.Abs(date.Glyphs[0].X-(b.Glyphs[0].X+f.DateShift*zi)) > 0.05 {
		t.Errorf("署名 start at %.2f and %.2f, date %.2f–%.2f: want one start, the date 右空二字 and 2 字 right of it", a.Glyphs[0].X, b.Glyphs[0].X, date.Glyphs[0].X, right(date))
	}
	if !near(b.Y-a.Y, f.LinePitch()) || !near(date.Y-b.Y, f.LinePitch()) {
		t.Errorf("署名 at %.2f, %.2f and date at %.2f: want consecutive lines", a.Y, b.Y, date.Y)
	}
	// Four seals: two rows of two, inside the 版心, apart; paper seals
	// take their place and draw nothing.
	d.Issuers = []string{"甲", "乙", "丙", "丁"}
	d.Signatures, d.Seals = d.Issuers, []string{"a.png", doc.PaperSeal, "c.png", "d.png"}
	pages = composeWith(t, d, f)
	var ims []Image
	for _, p := range pages {
		ims = append(ims, p.Images...)
	}
	if len(ims) != 3 {
		t.Fatalf("%d seal images, want 3 (one of four is on paper)", len(ims))
	}
	for i, im := range ims {
		if im.X < f.Left-1e-6 || im.X+im.W > f.Right()+1e-6 {
			t.Errorf("seal %d at x %.1f–%.1f, outside the 版心", i, im.X, im.X+im.W)
		}
	}
	if ims[1].Y-ims[0].Y < f.SealSize+f.JointSealGap {
		t.Errorf("rows at %.1f and %.1f: closer than a seal and its gap", ims[0].Y, ims[1].Y)
	}
	if ims[2].Y != ims[1].Y || ims[2].X-(ims[1].X+ims[1].W) < f.JointSealGap {
		t.Errorf("seals 3 and 4 at %+v and %+v: want one row, %g mm apart at least", ims[1], ims[2], f.JointSealGap)
	}
	f.SealSize = 120
	if _, err := Compose(d, f, gridFonts); err == nil || !strings.Contains(err.Error(), "seals of 120 mm") {
		t.Errorf("a seal wider than the 版心 left of the date: %v, want a message that it does not fit", err)
	}
}
