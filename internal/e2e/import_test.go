package e2e

// import_test.go: drafts made by programs nobody here wrote (LibreOffice
// Writer, pandoc) and by hand (a .docx with Word's automatic numbering,
// Markdown, plain text pasted from Word with a table pasted from Excel)
// go through gongwen import; with the 发文机关标志 and 发文字号 added the
// project builds, and the PDF is read back: every paragraph in order,
// headings in their typefaces, the table's figures and 合计, the 版记.

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gongwen/internal/build"
	"gongwen/internal/draft"
	"gongwen/internal/pdfcheck"
)

// The draft every case writes in its own way.
var (
	draftTitle      = "关于做好2025年春季森林防火工作的通知"
	draftRecipients = "各乡（镇）人民政府，县政府各部门："
	draftBody       = []string{
		"为切实做好2025年春季森林防火工作，有效预防和扑救森林火灾，现就有关事项通知如下。",
		"一、提高思想认识",
		"（一）压实防火责任。各乡（镇）人民政府对本行政区域的森林防火工作负总责，主要负责同志为第一责任人。",
		"（二）突出防控重点。全县重点林区实行网格化管理，防火经费1.5亿元分配到各重点区域。",
		"二、强化火源管控",
		"1．严格野外用火审批。防火期内，禁止在林区及林缘烧荒、烧秸秆。",
		"（1）用火单位须提前向所在乡（镇）报告用火时间和地点。",
		"（2）用火现场须安排专人看守，火熄灭后方可离开。",
		"2．加强宣传教育。各乡（镇）要广泛宣传森林防火安全常识。",
		"三、做好应急准备",
		"各乡（镇）要修订完善森林火灾应急预案，组织开展应急演练，储备必要的扑火物资。",
	}
	draftAnnexes   = []string{"2025年春季森林防火重点区域", "示例县森林火灾应急处置工作方案"}
	draftSignature = "示例县人民政府"
	draftDate      = "2025年3月10日"
	draftNote      = "（联系人：张三，电话：0000-12345678）"
	draftTable     = [][]string{
		{"重点区域", "所在乡（镇）", "林地面积（公顷）", "巡护人员（人）", "防火经费（万元）"},
		{"东山林场", "东山镇", "1260", "18", "12.50"},
		{"西岭自然保护区", "西岭乡", "2140", "26", "26.35"},
		{"南溪水源涵养林", "南溪镇", "870", "12", "8.40"},
		{"北坡公益林", "北坡乡", "655", "9", "6.05"},
		{"合计", "", "4925", "65", "53.30"},
	}
	draftAnnexText = []string{
		"为有效应对森林火灾，最大限度减少人员伤亡和财产损失，制定本方案。",
		"一、适用范围",
		"本方案适用于本县行政区域内发生的森林火灾应急处置工作。",
	}
	draftCC      = "抄送：县委办公室，县人大常委会办公室。"
	draftPrinter = "示例县人民政府办公室"
	draftPrinted = "2025年3月11日印发"
)

// draftLines are the draft's paragraphs in order, as a clerk types them
// one a line; annexes start after the line "\f" (a page break).
func draftLines() (front, annex1Head, annex2 []string) {
	front = append([]string{draftTitle, draftRecipients}, draftBody...)
	front = append(front, "附件：1．"+draftAnnexes[0], "2．"+draftAnnexes[1], draftSignature, draftDate, draftNote)
	annex1Head = []string{"附件1", draftAnnexes[0]}
	annex2 = append([]string{"附件2", draftAnnexes[1]}, draftAnnexText...)
	return
}

// The drafts: each writes its file into dir and returns its path.
var draftMakers = []struct {
	name  string
	make  func(t *testing.T, dir string) string
	notes []string // what the import report must say
}{
	{"plain text pasted from Word, a table pasted from Excel", func(t *testing.T, dir string) string {
		return writeDraftFile(t, dir, "draft.txt", []byte(plainDraft()))
	}, []string{"draft.txt: the draft has no 发文机关 (issuer)"}},
	{"plain text saved as GB18030 by a Chinese Windows", func(t *testing.T, dir string) string {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(strings.ReplaceAll(plainDraft(), "\n", "\r\n")))
		if err != nil {
			t.Fatal(err)
		}
		return writeDraftFile(t, dir, "draft.txt", b)
	}, []string{"read as GBK/GB18030"}},
	{"Markdown with a pipe table", func(t *testing.T, dir string) string {
		return writeDraftFile(t, dir, "draft.md", []byte(markdownDraft()))
	}, nil},
	{"a .docx pandoc wrote from Markdown", func(t *testing.T, dir string) string {
		md := writeDraftFile(t, dir, "draft.md", []byte(markdownDraft()))
		out := filepath.Join(dir, "draft.docx")
		runDraftTool(t, "pandoc", "-f", "markdown", "-t", "docx", "-o", out, md)
		return out
	}, nil},
	{"a .docx LibreOffice Writer saved from HTML", func(t *testing.T, dir string) string {
		h := writeDraftFile(t, dir, "draft.html", []byte(htmlDraft()))
		profile := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "profile"))
		runDraftTool(t, "soffice", "-env:UserInstallation="+profile, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", filepath.Join(dir, "lo"), h)
		return filepath.Join(dir, "lo", "draft.docx")
	}, nil},
	{"a .docx with Word's automatic numbering, a tracked change and a comment", func(t *testing.T, dir string) string {
		return writeDraftFile(t, dir, "draft.docx", numberedDocx(t))
	}, []string{"tracked changes accepted: 1 insertions kept, 1 deletions dropped", `paragraph 5: comment dropped: "请核实经费。"`}},
}

func writeDraftFile(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func runDraftTool(t *testing.T, name string, args ...string) {
	t.Helper()
	pdfcheck.RequireTools(t, name)
	// A converter that hangs (LibreOffice waiting on a profile another
	// instance holds) fails the test instead of stopping the suite.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
}

func plainDraft() string {
	front, head, annex2 := draftLines()
	var b strings.Builder
	for _, l := range front {
		b.WriteString(l + "\n")
	}
	b.WriteString("\f")
	for _, l := range head {
		b.WriteString(l + "\n")
	}
	for _, row := range draftTable {
		b.WriteString(strings.Join(row, "\t") + "\n")
	}
	b.WriteString("\f")
	for _, l := range annex2 {
		b.WriteString(l + "\n")
	}
	b.WriteString(draftCC + "\n" + draftPrinter + "\t" + draftPrinted + "\n")
	return b.String()
}

func markdownDraft() string {
	front, head, annex2 := draftLines()
	var b strings.Builder
	for _, l := range front {
		b.WriteString(l + "\n\n")
	}
	b.WriteString("\\newpage\n\n")
	for _, l := range head {
		b.WriteString(l + "\n\n")
	}
	for i, row := range draftTable {
		b.WriteString("| " + strings.Join(row, " | ") + " |\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat("---|", len(row)) + "\n")
		}
	}
	b.WriteString("\n\\newpage\n\n")
	for _, l := range annex2 {
		b.WriteString(l + "\n\n")
	}
	b.WriteString(draftCC + "\n\n" + draftPrinter + "　" + draftPrinted + "\n")
	return b.String()
}

func htmlDraft() string {
	front, head, annex2 := draftLines()
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>draft</title></head><body>\n")
	p := func(style, text string) {
		fmt.Fprintf(&b, "<p style=\"%s\">%s</p>\n", style, html.EscapeString(text))
	}
	p("text-align: center; font-size: 22pt", front[0])
	for _, l := range front[1:] {
		p("", l)
	}
	p("page-break-before: always", head[0])
	p("text-align: center", head[1])
	b.WriteString("<table border=\"1\">\n")
	for _, row := range draftTable {
		b.WriteString("<tr>")
		for _, c := range row {
			fmt.Fprintf(&b, "<td>%s</td>", html.EscapeString(c))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
	p("page-break-before: always", annex2[0])
	for _, l := range annex2[1:] {
		p("", l)
	}
	p("", draftCC)
	p("", draftPrinter+"　"+draftPrinted)
	b.WriteString("</body></html>\n")
	return b.String()
}

// numberedDocx is a .docx as Word writes one with its automatic numbering:
// the headings' numbers are not in their text but in numbering.xml (一、
// （一） 1. （1） as Chinese Word's multilevel list shows them). The
// first body paragraph holds a tracked insertion and deletion, the first
// （一） heading (paragraph 5 of the draft) a comment.
func numberedDocx(t *testing.T) []byte {
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	esc := func(s string) string { return html.EscapeString(s) }
	var body strings.Builder
	para := func(pPr, runs string) {
		fmt.Fprintf(&body, "<w:p><w:pPr>%s</w:pPr>%s</w:p>", pPr, runs)
	}
	run := func(s string) string { return `<w:r><w:t xml:space="preserve">` + esc(s) + `</w:t></w:r>` }
	front, head, annex2 := draftLines()
	para(`<w:jc w:val="center"/><w:rPr><w:sz w:val="44"/></w:rPr>`, `<w:r><w:rPr><w:sz w:val="44"/></w:rPr><w:t>`+esc(front[0])+`</w:t></w:r>`)
	para("", run(front[1]))
	for i, l := range front[2:] {
		level, _ := draftHeadingLevel(l)
		switch {
		case i == 0: // the first paragraph: "有效预防和扑救森林火灾，" inserted, "错字" deleted
			k := strings.Index(l, "有效预防")
			ins := "有效预防和扑救森林火灾，"
			para("", run(l[:k])+`<w:ins w:id="1" w:author="审核人" w:date="2025-03-09T10:00:00Z">`+run(ins)+`</w:ins>`+
				`<w:del w:id="2" w:author="审核人" w:date="2025-03-09T10:00:00Z"><w:r><w:delText>错字</w:delText></w:r></w:del>`+run(l[k+len(ins):]))
		case level > 0:
			text := draftStripNumber(l)
			runs := run(text)
			if strings.HasPrefix(text, "压实防火责任") {
				runs += `<w:r><w:commentReference w:id="0"/></w:r>`
			}
			para(fmt.Sprintf(`<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="1"/></w:numPr>`, level-1), runs)
		default:
			para("", run(l))
		}
	}
	para("", `<w:r><w:br w:type="page"/></w:r>`+run(head[0]))
	para(`<w:jc w:val="center"/>`, run(head[1]))
	body.WriteString("<w:tbl><w:tblPr/><w:tblGrid/>")
	for _, row := range draftTable {
		body.WriteString("<w:tr>")
		for _, c := range row {
			body.WriteString("<w:tc><w:tcPr/><w:p>" + run(c) + "</w:p></w:tc>")
		}
		body.WriteString("</w:tr>")
	}
	body.WriteString("</w:tbl>")
	para(`<w:pageBreakBefore/>`, run(annex2[0]))
	para(`<w:jc w:val="center"/>`, run(annex2[1]))
	for _, l := range annex2[2:] {
		if level, _ := draftHeadingLevel(l); level > 0 {
			para(`<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>`, run(draftStripNumber(l)))
			continue
		}
		para("", run(l))
	}
	para("", run(draftCC))
	para("", run(draftPrinter)+`<w:r><w:tab/></w:r>`+run(draftPrinted))
	levels := ""
	for i, l := range []struct{ fmt, text string }{{"chineseCounting", "%1、"}, {"chineseCounting", "（%2）"}, {"decimal", "%3．"}, {"decimal", "（%4）"}} {
		levels += fmt.Sprintf(`<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:suff w:val="nothing"/><w:lvlText w:val="%s"/></w:lvl>`, i, l.fmt, l.text)
	}
	parts := map[string]string{
		"[Content_Types].xml":          `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>`,
		"_rels/.rels":                  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/></Relationships>`,
		"word/document.xml":            `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + w + `><w:body>` + body.String() + `<w:sectPr/></w:body></w:document>`,
		"word/numbering.xml":           `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering ` + w + `><w:abstractNum w:abstractNumId="0">` + levels + `</w:abstractNum><w:abstractNum w:abstractNumId="1">` + levels + `</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>`,
		"word/comments.xml":            `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments ` + w + `><w:comment w:id="0" w:author="审核人"><w:p><w:r><w:t>请核实经费。</w:t></w:r></w:p></w:comment></w:comments>`,
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml", "word/numbering.xml", "word/comments.xml"} {
		f, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(parts[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var draftTypedHeading = regexp.MustCompile(`^(?:([一二三四五六七八九十]+、)|(（[一二三四五六七八九十]+）)|([0-9]+．)|(（[0-9]+）))`)

// draftHeadingLevel is the level of a line's typed heading number, 0 for none.
func draftHeadingLevel(l string) (int, string) {
	m := draftTypedHeading.FindStringSubmatch(l)
	for i := 1; m != nil && i < len(m); i++ {
		if m[i] != "" {
			return i, m[i]
		}
	}
	return 0, ""
}

func draftStripNumber(l string) string {
	_, n := draftHeadingLevel(l)
	return strings.TrimPrefix(l, n)
}

// draftPageNumber is a page number as pdftotext reads it (—1—), set between
// the lines of a paragraph that goes on over a page.
var draftPageNumber = regexp.MustCompile(`—[0-9]+—`)

// draftNormal is text as compared: no white space, page numbers or the
// difference between the full-width point a clerk types and the one a
// heading prints.
func draftNormal(s string) string {
	return strings.ReplaceAll(draftPageNumber.ReplaceAllString(stripSpace(s), ""), "．", ".")
}

func TestImportedDraftsBuildWithEveryParagraph(t *testing.T) {
	pdfcheck.RequireTools(t)
	fonts, err := filepath.Abs("../../fonts")
	if err != nil {
		t.Fatal(err)
	}
	roles := fontFiles(t)
	for _, tc := range draftMakers {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := tc.make(t, dir)
			project := filepath.Join(dir, "project")
			_, report, err := draft.Import(path, "", "file", "通知", project, nil)
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, l := range report {
				lines = append(lines, l.String())
			}
			joined := strings.Join(lines, "\n")
			for _, want := range tc.notes {
				if !strings.Contains(joined, want) {
					t.Errorf("the report does not say %q:\n%s", want, joined)
				}
			}
			// The draft has no 发文机关标志 nor 发文字号: add them where the
			// placeholders stand.
			data := filepath.Join(project, "data", "通知.toml")
			b, err := os.ReadFile(data)
			if err != nil {
				t.Fatal(err)
			}
			src := regexp.MustCompile(`(?m)^# issuer = .*$`).ReplaceAllString(string(b), `issuer = "示例县人民政府"`)
			src = regexp.MustCompile(`(?m)^# number = .*$`).ReplaceAllString(src, `number = "示府发〔2025〕12号"`)
			if src == string(b) {
				t.Fatalf("no placeholder for issuer and number in %s:\n%s", data, b)
			}
			writeDraftFile(t, filepath.Dir(data), "通知.toml", []byte(src))
			pdf := filepath.Join(dir, "通知.pdf")
			if err := build.Build(data, pdf, build.Options{FontsDir: fonts}); err != nil {
				t.Fatalf("build: %v\nreport:\n%s\ndata:\n%s", err, joined, src)
			}
			text, err := pdfcheck.Text(pdf)
			if err != nil {
				t.Fatal(err)
			}
			// Every paragraph in order.
			front, head, annex2 := draftLines()
			want := append([]string{"示例县人民政府文件", "示府发〔2025〕12号"}, front...)
			want = append(append(want, head...), annex2...)
			want = append(want, draftCC, draftPrinter, draftPrinted)
			got, at := draftNormal(text), 0
			for _, w := range want {
				k := strings.Index(got[at:], draftNormal(w))
				if k < 0 {
					t.Errorf("the PDF does not have %q after %q", w, clip(got[max(at-60, 0):at], 60))
					continue
				}
				at += k + len(draftNormal(w))
			}
			pages, err := pdfcheck.Trace(pdf)
			if err != nil {
				t.Fatal(err)
			}
			checkImportedPages(t, pages, roles)
		})
	}
}

// checkImportedPages measures what the text cannot show: the headings'
// typefaces, the table's figures and 合计, the 版记 at the foot of the
// last page, an even one.
func checkImportedPages(t *testing.T, pages []pdfcheck.Page, roles map[string]string) {
	t.Helper()
	var level1, level2 int
	rows := map[string]string{}
	for _, p := range pages {
		for _, line := range pdfcheck.Lines(p) {
			text := pdfcheck.LineText(line)
			switch {
			case regexp.MustCompile(`^[一二三]、`).MatchString(text):
				level1++
				for _, g := range line {
					if !fontIs(g.Font, roles["heiti"]) {
						t.Errorf("page %d: %q of the heading %q is in %s, not 黑体", p.Number, g.Rune, text, g.Font)
						break
					}
				}
			case regexp.MustCompile(`^（[一二]）`).MatchString(text):
				level2++
				for _, g := range line {
					if !fontIs(g.Font, roles["kaiti"]) {
						t.Errorf("page %d: %q of the heading %q is in %s, not 楷体", p.Number, g.Rune, text, g.Font)
					}
					if g.Rune == '。' {
						break
					}
				}
			}
			for _, row := range draftTable[1:] {
				if strings.HasPrefix(stripSpace(text), row[0]) {
					rows[row[0]] = stripSpace(text)
				}
			}
		}
	}
	if level1 != 4 || level2 != 2 {
		t.Errorf("%d 一、 headings (want 4: three in the body, one in 附件2) and %d （一） headings (want 2)", level1, level2)
	}
	for _, row := range draftTable[1:] {
		if want := strings.Join(row, ""); rows[row[0]] != want {
			t.Errorf("the table's row %s reads %q, want %q", row[0], rows[row[0]], want)
		}
	}
	last := pages[len(pages)-1]
	if len(pages)%2 != 0 {
		t.Errorf("%d pages: the 版记 page is not even", len(pages))
	}
	found := false
	for _, line := range pdfcheck.Lines(last) {
		if text := pdfcheck.LineText(line); strings.Contains(stripSpace(text), "印发") {
			found = true
			if line[0].Y < typeBottom-15 {
				t.Errorf("the 印发 line is at %.1f mm, not at the foot of the page (版心 ends at %.0f)", line[0].Y, typeBottom)
			}
		}
	}
	if !found {
		t.Errorf("the last page (%d) has no 印发 line", last.Number)
	}
}
