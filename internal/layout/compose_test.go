package layout

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"gongwen/internal/doc"
	"gongwen/internal/format"
)

func gridFonts(format.Role) Metrics { return gridFont{} }

func testDoc(body []doc.Block) *doc.Document {
	return &doc.Document{
		Source:      "t.toml",
		Issuer:      "四川省人民政府办公厅",
		Number:      doc.Number{Agency: "川办函", Year: 2024, Serial: 114},
		Title:       []string{"关于测试的通报"},
		Recipients:  "各市（州）人民政府",
		Signature:   "四川省人民政府办公厅",
		Date:        doc.Date{Year: 2024, Month: 12, Day: 26},
		Body:        body,
		Attachments: []doc.Attachment{{Title: "附件一"}, {Title: "附件二"}},
	}
}

func compose(t *testing.T, d *doc.Document) []Page {
	t.Helper()
	res, err := Compose(d, format.Letter(), gridFonts)
	if err != nil {
		t.Fatal(err)
	}
	return res.Pages
}

// findText returns the first run whose characters are s.
func findText(pages []Page, s string) (Text, int, bool) {
	for i, p := range pages {
		for _, t := range p.Texts {
			if t.String() == s {
				return t, i + 1, true
			}
		}
	}
	return Text{}, 0, false
}

func right(t Text) float64 {
	g := t.Glyphs[len(t.Glyphs)-1]
	return g.X + g.Adv
}

func TestComposeNeverLeavesAHeadingAsAPagesLastLine(t *testing.T) {
	f := format.Letter()
	moved := 0
	for fill := 0; fill < 40; fill++ {
		var body []doc.Block
		for i := 0; i < fill; i++ {
			body = append(body, doc.Block{Kind: doc.Paragraph, Text: "短段落。"})
		}
		body = append(body, doc.Block{Kind: doc.Heading, Level: 1, Number: "一、", Head: "标题"}, doc.Block{Kind: doc.Paragraph, Text: "正文。"})
		pages := compose(t, testDoc(body))
		h, page, ok := findText(pages, "一、标题")
		if !ok {
			t.Fatalf("fill %d: heading not found", fill)
		}
		next, npage, _ := findText(pages, "正文。")
		if npage != page {
			t.Errorf("fill %d: heading on page %d, its paragraph on page %d", fill, page, npage)
		}
		if math.Abs(next.Y-h.Y-f.LinePitch()) > 1e-6 {
			t.Errorf("fill %d: paragraph %.2f mm under the heading, want one line", fill, next.Y-h.Y)
		}
		if page > 1 && math.Abs(h.Y-(f.Top+f.EmAscent*format.MM(f.Body.Size))) < 1e-6 {
			moved++
		}
	}
	if moved == 0 {
		t.Error("no filling put the heading at a page's top: the case was never exercised")
	}
}

func TestComposePlacesSignatureAndDateWithoutSeal(t *testing.T) {
	f := format.Letter()
	zi := f.CharPitch()
	pages := compose(t, testDoc([]doc.Block{{Kind: doc.Paragraph, Text: "正文。"}}))
	sig, _, ok1 := findText(pages, "四川省人民政府办公厅")
	date, _, ok2 := findText(pages[len(pages)-1:], "2024年12月26日")
	if !ok1 || !ok2 {
		t.Fatal("署名 or date missing")
	}
	// The first match of the issuer's name is the 标志; the 署名 is the run
	// set in the body style.
	for _, p := range pages {
		for _, tx := range p.Texts {
			if tx.String() == "四川省人民政府办公厅" && tx.Style == f.Body {
				sig = tx
			}
		}
	}
	checks := []struct {
		name      string
		got, want float64
	}{
		{"署名 右空二字", right(sig), f.Right() - 2*zi},
		{"date starts 2 字 right of the 署名", date.Glyphs[0].X, sig.Glyphs[0].X + 2*zi},
		{"date on the line under the 署名", date.Y - sig.Y, f.LinePitch()},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > 0.05 {
			t.Errorf("%s: %.3f, want %.3f", c.name, c.got, c.want)
		}
	}
}

func TestComposeCentresSignatureAndSealOnTheDate(t *testing.T) {
	f := format.Letter()
	zi := f.CharPitch()
	d := testDoc([]doc.Block{{Kind: doc.Paragraph, Text: "正文。"}})
	d.Seal = "seal.png"
	pages := compose(t, d)
	last := pages[len(pages)-1]
	date, _, _ := findText([]Page{last}, "2024年12月26日")
	var sig Text
	for _, tx := range last.Texts {
		if tx.String() == "四川省人民政府办公厅" && tx.Style == f.Body {
			sig = tx
		}
	}
	if len(last.Images) != 1 || len(sig.Glyphs) == 0 {
		t.Fatalf("want one seal image and a 署名, got %d images", len(last.Images))
	}
	im := last.Images[0]
	dateMid := (date.Glyphs[0].X + right(date)) / 2
	checks := []struct {
		name      string
		got, want float64
	}{
		{"date 右空四字", right(date), f.Right() - 4*zi},
		{"署名 centred on the date", (sig.Glyphs[0].X + right(sig)) / 2, dateMid},
		{"seal centred on the date", im.X + im.W/2, dateMid},
		{"署名 and date in the seal's lower half", im.Y + im.H/2, (sig.Y + date.Y) / 2},
	}
	for _, c := range checks {
		tol := 0.05
		if strings.Contains(c.name, "lower") {
			tol = im.H / 4
		}
		if math.Abs(c.got-c.want) > tol {
			t.Errorf("%s: %.3f, want %.3f", c.name, c.got, c.want)
		}
	}
}

func TestComposeNumbersPagesFromTheSecondOddRightEvenLeft(t *testing.T) {
	f := format.Letter()
	var body []doc.Block
	for i := 0; i < 30; i++ {
		body = append(body, doc.Block{Kind: doc.Paragraph, Text: strings.Repeat("正文内容", 20)})
	}
	pages := compose(t, testDoc(body))
	if len(pages) < 3 {
		t.Fatalf("only %d pages", len(pages))
	}
	in := f.PageNumberIndent * format.MM(f.PageNumber.Size)
	for _, p := range pages {
		want := fmt.Sprintf("— %d —", p.Number)
		n, _, ok := findText([]Page{p}, want)
		if p.Number == 1 {
			if ok {
				t.Error("page 1 has a number")
			}
			continue
		}
		if !ok {
			t.Fatalf("page %d lacks %q", p.Number, want)
		}
		top := n.Y - f.EmAscent*format.MM(f.PageNumber.Size)
		if math.Abs(top-(f.Bottom()+f.PageNumberDrop)) > 0.01 {
			t.Errorf("page %d: number's top at %.2f", p.Number, top)
		}
		if p.Number%2 == 1 && math.Abs(right(n)-(f.Right()-in)) > 0.01 {
			t.Errorf("odd page %d: number ends at %.2f, want %.2f", p.Number, right(n), f.Right()-in)
		}
		if p.Number%2 == 0 && math.Abs(n.Glyphs[0].X-(f.Left+in)) > 0.01 {
			t.Errorf("even page %d: number starts at %.2f, want %.2f", p.Number, n.Glyphs[0].X, f.Left+in)
		}
	}
}

func TestComposeHangsAttachmentItemsUnderTheFirstNumber(t *testing.T) {
	f := format.Letter()
	zi := f.CharPitch()
	d := testDoc([]doc.Block{{Kind: doc.Paragraph, Text: "正文。"}})
	d.Attachments = []doc.Attachment{{Title: "短"}, {Title: strings.Repeat("很长的附件名称", 6)}}
	pages := compose(t, d)
	first, _, ok := findText(pages, "附件：1．短")
	if !ok {
		t.Fatal("附件说明 not found")
	}
	var second []Text
	for _, tx := range pages[len(pages)-1].Texts {
		if strings.Contains(tx.String(), "很长") || strings.HasPrefix(tx.String(), "2．") {
			second = append(second, tx)
		}
	}
	if len(second) < 2 {
		t.Fatalf("the long item should wrap, got %d lines", len(second))
	}
	numX := first.Glyphs[3].X // "1" after 附件：
	if math.Abs(first.Glyphs[0].X-(f.Left+2*zi)) > 0.05 {
		t.Errorf("附件 starts at %.2f, want 2 字 in", first.Glyphs[0].X)
	}
	if math.Abs(second[0].Glyphs[0].X-numX) > 0.05 {
		t.Errorf("item 2's number at %.2f, want under item 1's at %.2f", second[0].Glyphs[0].X, numX)
	}
	nameX := first.Glyphs[5].X // the first character of item 1's name
	if math.Abs(second[1].Glyphs[0].X-nameX) > 0.05 {
		t.Errorf("wrapped line at %.2f, want under the name at %.2f", second[1].Glyphs[0].X, nameX)
	}
}

func TestComposeBalancesATitleTooLongForOneLine(t *testing.T) {
	f := format.Letter()
	d := testDoc([]doc.Block{{Kind: doc.Paragraph, Text: "正文。"}})
	// 30 characters of 二号: one line holds 20, so two lines are needed.
	d.Title = []string{strings.Repeat("关于政府网站检查情况的通报", 2) + "和监管"}
	pages := compose(t, d)
	var lines []Text
	for _, tx := range pages[0].Texts {
		if tx.Style == f.Title {
			lines = append(lines, tx)
		}
	}
	if len(lines) != 2 {
		t.Fatalf("title on %d lines, want 2", len(lines))
	}
	a, b := len(lines[0].Glyphs), len(lines[1].Glyphs)
	if a-b < 0 || a-b > 1 {
		t.Errorf("title lines of %d and %d characters, want an even split (the first at most one longer)", a, b)
	}
	for _, l := range lines {
		mid := (l.Glyphs[0].X + right(l)) / 2
		if math.Abs(mid-f.CentreX()) > 0.05 {
			t.Errorf("title line %q centred on %.2f, want %.2f", l.String(), mid, f.CentreX())
		}
	}
}
