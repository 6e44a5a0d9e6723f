package layout

import (
	"strings"
	"testing"

	"gongwen/internal/doc"
	"gongwen/internal/format"
)

// A text annex is set by the body flow after its label and title: its
// headings in their styles on the grid, keep-with-next, over as many pages
// as it takes, the grid of every page the body's.
func TestTextAnnexFollowsTheBodyRules(t *testing.T) {
	f := format.Letter()
	var body []doc.Block
	body = append(body, doc.Block{Kind: doc.Heading, Level: 1, Number: "一、", Head: "工作目标"})
	for i := 0; i < 40; i++ {
		body = append(body, doc.Block{Kind: doc.Paragraph, Text: strings.Repeat("方案正文内容，", 8)})
	}
	body = append(body, doc.Block{Kind: doc.Heading, Level: 2, Number: "（一）", Head: "组织领导"},
		doc.Block{Kind: doc.Heading, Level: 3, Number: "1.", Head: "成立领导小组"})
	d := &doc.Document{Attachments: []doc.Attachment{
		{Title: "应急处置方案", Template: "a.txt", Body: body},
		{Title: "位置图", Image: "map.png", ImageAspect: 2},
	}}
	c := &composer{f: f, fonts: gridFonts, d: d, unnumbered: map[int]bool{}}
	c.newPage()
	if err := c.annexes(d); err != nil {
		t.Fatal(err)
	}
	pages := c.pages[1:]
	if len(pages) < 3 {
		t.Fatalf("%d annex pages, want the text over at least two and the image on its own", len(pages))
	}
	first := pageStrings(pages[0])
	if first[0] != "附件1" || !contains(first, "应急处置方案") {
		t.Errorf("first annex page starts %q", first[:3])
	}
	var l1 Text
	found := false
	for _, p := range pages {
		for _, tx := range p.Texts {
			if tx.String() == "一、工作目标" {
				l1, found = tx, true
			}
			if tx.Y > f.Bottom()+0.01 {
				t.Errorf("%q below the 版心", tx.String())
			}
		}
	}
	if !found || l1.Style != f.Level1 {
		t.Errorf("the level-1 heading %v in %v, want %v", found, l1.Style, f.Level1)
	}
	// Every body line of the text annex stands on the page grid.
	pitch := f.LinePitch()
	for _, p := range pages[:len(pages)-1] {
		for _, tx := range p.Texts {
			if tx.Style != f.Body {
				continue
			}
			top := tx.Y - f.EmAscent*format.MM(f.Body.Size)
			if k := (top - f.Top) / pitch; k-float64(int(k+0.5)) > 0.01 || float64(int(k+0.5))-k > 0.01 {
				t.Errorf("line %q off the grid: em top %.2f mm", tx.String(), top)
			}
		}
	}
	last := pages[len(pages)-1]
	if got := pageStrings(last); got[0] != "附件2" || len(last.Images) != 1 {
		t.Fatalf("image annex page %q with %d images", got, len(last.Images))
	}
	im := last.Images[0]
	if im.H > f.Top+f.BodyHeight-im.Y+0.01 || im.W > f.BodyWidth+0.01 || im.H/im.W < 1.99 || im.H/im.W > 2.01 {
		t.Errorf("image %+v: not fitted to the 版心 at its proportions", im)
	}
	if cx := im.X + im.W/2; cx < f.Left+f.BodyWidth/2-0.01 || cx > f.Left+f.BodyWidth/2+0.01 {
		t.Errorf("image centre %.2f, want the 版心's", cx)
	}
}
