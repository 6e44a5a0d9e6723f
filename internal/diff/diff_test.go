package diff

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gongwen/internal/i18n"
)

// rec makes a record from pages of lines; a line "name=text" is a cell.
func rec(pages ...[]string) *Record {
	r := &Record{}
	for pi, p := range pages {
		r.Pages = append(r.Pages, PageSize{210, 297})
		for i, s := range p {
			l := Line{Kind: LineKind, Page: pi + 1, Y: 40 + 10*float64(i), X1: 28, X2: 28 + 5.6*float64(len([]rune(s))), Size: 16, Text: s}
			if name, text, ok := strings.Cut(s, "="); ok {
				l.Kind, l.Name, l.Text = CellKind, name, text
			}
			r.Lines = append(r.Lines, l)
		}
	}
	return r
}

func TestCompare(t *testing.T) {
	for _, c := range []struct {
		name     string
		old, new *Record
		want     string
		summary  string
	}{
		{"identical: nothing to say", rec([]string{"一、总体情况", "下半年检查评估"}), rec([]string{"一、总体情况", "下半年检查评估"}), "", "unchanged"},
		{"one figure", rec([]string{"标题", "账号4个，合格率99.9%。", "结尾"}), rec([]string{"标题", "账号9个，合格率99.8%。", "结尾"}),
			"page 1, line 2: 账号⟦4⟧个，合格率99.⟦9⟧%。 → 账号⟦9⟧个，合格率99.⟦8⟧%。\n", "1 line changed on page 1"},
		{"a cell by its names", rec([]string{"附件1", "附件1 甘孜 / 问题数=4"}), rec([]string{"附件1", "附件1 甘孜 / 问题数=9"}),
			"附件1 甘孜 / 问题数: 4 → 9\n", "1 table cell changed on page 1"},
		{"a cell's lines are one value", rec([]string{"X / Y=政务", "X / Y=新媒体"}), rec([]string{"X / Y=政务新", "X / Y=媒体"}), "", "unchanged"},
		{"an insertion reflows the paragraph: the rest only moved",
			rec([]string{"甲乙丙丁", "戊己庚辛", "壬癸"}), rec([]string{"甲乙子丙", "丁戊己庚", "辛壬癸"}),
			"page 1, line 1: 甲乙丙丁 → 甲乙⟦子⟧丙\n2 lines only moved (reflowed or on another line or page), on page 1\n", "1 line changed on page 1; 2 lines moved"},
		{"a line pushed onto the next page moved, not changed",
			rec([]string{"一", "二", "三"}, []string{"四"}), rec([]string{"零", "一", "二"}, []string{"三", "四"}),
			"page 1, line 1: (added) → ⟦零⟧\n4 lines only moved (reflowed or on another line or page), on pages 1, 2\n", "1 line changed on page 1; 4 lines moved"},
		{"a page added: page numbers are not lines, the count is compared",
			rec([]string{"一", "— 1 —"}, []string{"二", "— 2 —"}), rec([]string{"零", "— 1 —"}, []string{"一", "— 2 —"}, []string{"二", "— 3 —"}),
			"page 1, line 1: (added) → ⟦零⟧\n2 pages → 3 pages\n2 lines only moved (reflowed or on another line or page), on pages 2, 3\n", "1 line changed on page 1; 2 lines moved; 2 → 3 pages"},
		{"a removed line", rec([]string{"一", "二", "三"}), rec([]string{"一", "三"}),
			"page 1, line 2: ⟦二⟧ → (removed)\n1 line only moved (reflowed or on another line or page), on page 1\n", "1 line changed on page 1; 1 line moved"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rep := Compare(c.old, c.new)
			var b bytes.Buffer
			rep.Write(&b)
			if b.String() != c.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), c.want)
			}
			if rep.Same() != (c.want == "") {
				t.Errorf("Same() = %v with output %q", rep.Same(), b.String())
			}
			if s := rep.Summary().String(); s != c.summary {
				t.Errorf("summary %q, want %q", s, c.summary)
			}
			// And in Chinese, as gongwen prints them under a Chinese locale.
			var zh strings.Builder
			rep.Write(i18n.Writer(i18n.Chinese, &zh))
			if zh.Len() == 0 {
				zh.WriteString("\n")
			}
			zh.WriteString(i18n.Sprint(i18n.Chinese, rep.Summary()))
			if got := zh.String(); got != inChinese[c.name] {
				t.Errorf("in Chinese:\n%s\nwant\n%s", got, inChinese[c.name])
			}
		})
	}
}

// inChinese is each case of TestCompare's report and summary under a
// Chinese locale.
var inChinese = map[string]string{
	"identical: nothing to say":    "\n没有变化",
	"one figure":                   "第 1 页第 2 行：账号⟦4⟧个，合格率99.⟦9⟧%。 → 账号⟦9⟧个，合格率99.⟦8⟧%。\n第 1 页有变化：1 行",
	"a cell by its names":          "附件1 甘孜 / 问题数: 4 → 9\n第 1 页有变化：1 个表格单元格",
	"a cell's lines are one value": "\n没有变化",
	"an insertion reflows the paragraph: the rest only moved":         "第 1 页第 1 行：甲乙丙丁 → 甲乙⟦子⟧丙\n第 1 页有 2 行只是移动了位置（重新排行，或移到别的行、别的页）\n第 1 页有变化：1 行；另有 2 行移动",
	"a line pushed onto the next page moved, not changed":             "第 1 页第 1 行：（增加）→ ⟦零⟧\n第 1、2 页有 4 行只是移动了位置（重新排行，或移到别的行、别的页）\n第 1 页有变化：1 行；另有 4 行移动",
	"a page added: page numbers are not lines, the count is compared": "第 1 页第 1 行：（增加）→ ⟦零⟧\n2 页 → 3 页\n第 2、3 页有 2 行只是移动了位置（重新排行，或移到别的行、别的页）\n第 1 页有变化：1 行；另有 2 行移动；页数 2 → 3",
	"a removed line": "第 1 页第 2 行：⟦二⟧ → （删去）\n第 1 页有 1 行只是移动了位置（重新排行，或移到别的行、别的页）\n第 1 页有变化：1 行；另有 1 行移动",
}

// The record survives the XMP it is written into: escaping, tabs in
// nothing but the separators, pages without lines.
func TestRecordRoundTrips(t *testing.T) {
	r := rec([]string{"a <b> & “c”", "附件1 x / y=1 & 2"}, nil, []string{"— 3 —"})
	pdf := []byte("%PDF-1.4\n<?xpacket begin=\"\uFEFF\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
		r.Description() + "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>")
	got, err := Read(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Pages) != 3 || len(got.Lines) != len(r.Lines) {
		t.Fatalf("read %d pages, %d lines; wrote 3, %d", len(got.Pages), len(got.Lines), len(r.Lines))
	}
	for i := range r.Lines {
		w := r.Lines[i]
		g := got.Lines[i]
		if g.Kind != w.Kind || g.Page != w.Page || g.Name != w.Name || g.Text != w.Text || g.Y != w.Y {
			t.Errorf("line %d: read %+v, wrote %+v", i, g, w)
		}
	}
	if !Compare(r, got).Same() {
		t.Error("a record differs from itself read back")
	}
}

// packet is a PDF holding only an XMP packet with value as the layout
// property's value, in namespace ns.
func packet(ns, value string) string {
	return "%PDF-1.4\n<?xpacket begin=\"\"?><r xmlns:gwl=\"" + ns + "\" xmlns:rdf=\"r\"><gwl:layout>" + value + "</gwl:layout></r><?xpacket end=\"w\"?>"
}

// deflated is s compressed and in base64, as the record's value.
func deflated(s string) string {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write([]byte(s))
	w.Close()
	return base64.StdEncoding.EncodeToString(b.Bytes())
}

func TestReadRefusesWhatGongwenDidNotMake(t *testing.T) {
	for _, c := range []struct{ name, pdf, err string }{
		{"not a PDF", "hello", "not a PDF"},
		{"no XMP", "%PDF-1.4\n%%EOF", "no gongwen layout record"},
		{"another's XMP", "%PDF-1.4\n<?xpacket begin=\"\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/><?xpacket end=\"w\"?>", "no gongwen layout record"},
		{"the first form", packet(oldNamespace, "<rdf:Seq><rdf:li>P&#x9;210&#x9;297</rdf:li></rdf:Seq>"), "older gongwen's form"},
		{"not base64", packet(Namespace, "P\t210\t297"), "damaged"},
		{"not deflated", packet(Namespace, base64.StdEncoding.EncodeToString([]byte("P\t210\t297\n"))), "damaged"},
		{"cut short", packet(Namespace, deflated("P\t210\t297\nL\t1\t2")), "cut short"},
		{"a damaged item", packet(Namespace, deflated("P\t210\t297\nL\tx\n")), `item "L\tx"`},
		{"a line before its page", packet(Namespace, deflated("L\t1\t40\t28\t60\t16\t\t一\n")), "not of the form"},
	} {
		if _, err := Read([]byte(c.pdf)); err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("%s: error %v, want one saying %q", c.name, err, c.err)
		}
	}
}

// TestReadRefusesARecordThatInflatesBeyondItsLimit: a small PDF whose
// record inflates to more than maxItems (issue #25: 250 MB from 700 KB
// took diff 2.2 GB) is refused once the limit is passed.
func TestReadRefusesARecordThatInflatesBeyondItsLimit(t *testing.T) {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write([]byte("P\t210\t297\n"))
	line := []byte(strings.Repeat("L\t1\t40\t28\t60\t16\t\t"+strings.Repeat("一", 300)+"\n", 100))
	for n := 0; n <= maxItems; n += len(line) {
		w.Write(line)
	}
	w.Close()
	if b.Len() > 1<<20 {
		t.Fatalf("the bomb is %d bytes compressed", b.Len())
	}
	_, err := Read([]byte(packet(Namespace, base64.StdEncoding.EncodeToString(b.Bytes()))))
	if err == nil || !strings.Contains(err.Error(), "the layout record is damaged: it inflates to more than 96 MiB") {
		t.Errorf("error %v", err)
	}
}

// The value is read with the whitespace an XMP editor may wrap it in.
func TestReadWrappedValue(t *testing.T) {
	v := deflated("P\t210\t297\nL\t1\t40.00\t28.00\t60.00\t16.00\t\t一、总体情况\n")
	r, err := Read([]byte(packet(Namespace, "\n  "+v[:10]+"\n  "+v[10:]+"\n ")))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Pages) != 1 || len(r.Lines) != 1 || r.Lines[0].Text != "一、总体情况" || r.Lines[0].X2 != 60 {
		t.Errorf("read %+v", r)
	}
}

// A picture (a seal) added, removed or moved is a change; one left where
// it was is not.
func TestComparePictures(t *testing.T) {
	seal := func(r *Record, page int, y float64) *Record {
		r.Lines = append(r.Lines, Line{Kind: ImageKind, Page: page, Y: y, X1: 120, X2: 162, Size: 42, Name: "seal.png"})
		return r
	}
	place := func(r *Record, y float64) *Record {
		r.Lines = append(r.Lines, Line{Kind: ImageKind, Page: 1, Y: y, X1: 120, X2: 162, Size: 42})
		return r
	}
	for _, c := range []struct {
		name     string
		old, new *Record
		want     string
	}{
		{"in place", seal(rec([]string{"正文"}), 1, 200), seal(rec([]string{"正文"}), 1, 200), ""},
		{"added", rec([]string{"正文"}), seal(rec([]string{"正文"}), 1, 200), "page 1: picture seal.png added\n"},
		{"removed", seal(rec([]string{"正文"}), 1, 200), rec([]string{"正文"}), "page 1: picture seal.png removed\n"},
		{"moved", seal(rec([]string{"正文"}), 1, 200), seal(rec([]string{"正文"}), 1, 210), "page 1: picture seal.png moved (was on page 1)\n"},
		// A paper seal's place (no name) is no picture: the 署名 and date
		// that moved with it are the change.
		{"a seal's place moved", place(rec([]string{"正文"}), 200), place(rec([]string{"正文"}), 210), ""},
	} {
		var b bytes.Buffer
		rep := Compare(c.old, c.new)
		rep.Write(&b)
		if b.String() != c.want || rep.Same() != (c.want == "") {
			t.Errorf("%s: got %q (same %v), want %q", c.name, b.String(), rep.Same(), c.want)
		}
	}
}

// bigRecord is a document of pages × 22 lines of 28 characters.
func bigRecord(pages int, change func(page, line int, s string) string) *Record {
	var ps [][]string
	for p := 0; p < pages; p++ {
		var ls []string
		for l := 0; l < 22; l++ {
			s := strings.Repeat(string(rune(0x4E00+(p*22+l)%20000)), 27) + "。"
			if change != nil {
				s = change(p, l, s)
			}
			ls = append(ls, s)
		}
		ps = append(ps, ls)
	}
	return rec(ps...)
}

// A correction in a 100-page document: one line changed in the middle.
func BenchmarkCompareOneChange(b *testing.B) {
	old := bigRecord(100, nil)
	new := bigRecord(100, func(p, l int, s string) string {
		if p == 50 && l == 10 {
			return "改" + s[len("改"):]
		}
		return s
	})
	for b.Loop() {
		if rep := Compare(old, new); len(rep.Lines) != 1 {
			b.Fatalf("%d lines changed", len(rep.Lines))
		}
	}
}

// Two unrelated documents of 20 pages: every line differs.
func BenchmarkCompareAllDifferent(b *testing.B) {
	old := bigRecord(20, nil)
	new := bigRecord(20, func(p, l int, s string) string { return "新" + s[len("新"):] })
	for b.Loop() {
		if rep := Compare(old, new); len(rep.Lines) != 440 || !strings.HasPrefix(rep.Lines[0].NewText, "⟦新⟧") {
			b.Fatalf("%d lines changed, the first %q", len(rep.Lines), rep.Lines[0].NewText)
		}
	}
}

// TestPdftoppmIsStoppedAfterItsTimeLimit: a pdftoppm that never finishes
// (issue #25: a PDF whose drawing never ends hung diff --png) is stopped,
// with a message.
func TestPdftoppmIsStoppedAfterItsTimeLimit(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pdftoppm"), []byte("#!/bin/sh\nexec /bin/sleep 60\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	defer func(d time.Duration) { PdftoppmTimeout = d }(PdftoppmTimeout)
	PdftoppmTimeout = 200 * time.Millisecond
	_, err := Pdftoppm("x.pdf", 1, 50)
	if err == nil || !strings.Contains(err.Error(), "pdftoppm x.pdf page 1: stopped after 200ms: the page takes too long to draw") {
		t.Errorf("error %v", err)
	}
}

// reflowed is a record of pages of 22 lines of 28 characters cut from
// text, a line of head first when head is not empty.
func reflowed(text []rune, head string) *Record {
	r := &Record{}
	var lines []string
	if head != "" {
		lines = append(lines, head)
	}
	for k := 0; k+28 <= len(text); k += 28 {
		lines = append(lines, string(text[k:k+28]))
	}
	for n, l := range lines {
		p := n/22 + 1
		if p > len(r.Pages) {
			r.Pages = append(r.Pages, PageSize{210, 297})
		}
		r.Lines = append(r.Lines, Line{Kind: LineKind, Page: p, Y: float64(37 + n%22*10), X1: 27, X2: 183, Size: 16, Text: l})
	}
	return r
}

// BenchmarkCompareAReflowedDocument compares two 910-page records, the
// second with a line added at the top and a word changed half-way
// (issue #25: 12.7 s; each changed line was marked by walking every
// character of the stretch). It takes time in proportion to the pages.
func BenchmarkCompareAReflowedDocument(b *testing.B) {
	for _, pages := range []int{455, 910} {
		text := []rune(strings.Repeat("森林防火工作事关人民群众生命财产安全和生态安全各地要高度重视加强组织领导", pages*22*28/36+1))
		old := reflowed(text, "")
		changed := append([]rune{}, text...)
		changed[len(changed)/2] = '改'
		new := reflowed(changed, "新插入的一段话。")
		b.Run(fmt.Sprintf("%d pages", pages), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if Compare(old, new).Same() {
					b.Fatal("no change found")
				}
			}
		})
	}
}
