package format_test

// A fifth format, a 公告 made of the elements the layout composes, with a
// name, a Chinese name and words of its own (附表 where the standard's
// formats print 附件), and a 文种 set in it, registered here in the test
// alone: gongwen starts it, checks its keys, lays it out and prints it from
// its data, with no other package changed.

import (
	"archive/zip"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gongwen/internal/build"
	"gongwen/internal/doc"
	"gongwen/internal/format"
	"gongwen/internal/pdfcheck"
	"gongwen/internal/starter"
)

// notice is the 公告格式: the 文件格式's 版头 without 份号 and 主送机关,
// its 标志 ending in 公告, its annexes called 附表.
func notice() *format.Format {
	f := format.File()
	f.Name = "notice"
	f.ChineseName = "公告格式"
	f.MarkSuffix = "公告"
	f.AnnexWord = "附表"
	f.AttachmentsLabel = "附表："
	f.Front = []format.Element{
		{Kind: format.Mark, Top: f.Top + 35},
		{Kind: format.Number, GapLines: 2, Align: format.AlignCentre},
		{Kind: format.RuleLine, Gap: 4, Rule: format.Rule(f.BodyWidth, 0.5)},
		{Kind: format.Title, GapLines: 2},
	}
	f.Back = []format.Element{
		{Kind: format.Attachments, Optional: true, GapLines: 1},
		{Kind: format.Signature, GapLines: 1},
		{Kind: format.Annexes, Optional: true},
		{Kind: format.Imprint, Optional: true},
	}
	f.Starter.Example = format.Example{Title: "关于{{Year}}年工作完成情况的公告", Number: "示府告〔{{Year}}〕1号"}
	return f
}

var registered = sync.OnceValue(func() error {
	if err := format.Register(notice); err != nil {
		return err
	}
	return format.RegisterKind(format.DocKind{Name: "公报", Format: "notice", Starter: format.KindStarter{
		Example: format.Example{Title: "关于{{Year}}年工作完成情况的公报", Number: "示府告〔{{Year}}〕2号"}}})
})

var date = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// written writes a starter's files to a new folder, which it returns.
func written(t *testing.T) func([]starter.File, error) string {
	return func(files []starter.File, err error) string {
		t.Helper()
		dir := t.TempDir()
		if err == nil {
			err = starter.Write(dir, files)
		}
		if err != nil {
			t.Fatal(err)
		}
		return dir
	}
}

func registerNotice(t *testing.T) {
	t.Helper()
	if err := registered(); err != nil {
		t.Fatal(err)
	}
}

// The fifth format is known by its data: its name, its Chinese name and
// the keys its elements read.
func TestAFifthFormatIsKnownFromItsData(t *testing.T) {
	registerNotice(t)
	if names := format.Names(); !slices.Equal(names, []string{"file", "letter", "order", "minutes", "notice"}) {
		t.Errorf("formats %v, want the four and notice last", names)
	}
	if got := format.ChineseNameOf("notice"); got != "公告格式" {
		t.Errorf("Chinese name %q", got)
	}
	f, err := format.ByName("notice")
	if err != nil {
		t.Fatal(err)
	}
	required, optional := f.KeyLists()
	for _, k := range []string{"format", "template", "date", "issuer", "number", "title", "signature"} {
		if !slices.Contains(required, k) {
			t.Errorf("%s is not required: %v", k, required)
		}
	}
	for _, k := range []string{"recipients", "copy", "note", "order_number"} {
		if slices.Contains(required, k) || slices.Contains(optional, k) {
			t.Errorf("%s is taken by a format without its element", k)
		}
	}
	k, err := format.KindByName("公报")
	if err != nil || k.Format != "notice" || k.Direction != format.Downward {
		t.Errorf("公报: %+v, %v", k, err)
	}
}

// The fifth format's starter builds as written, through doc, layout and
// the PDF renderer, and the PDF shows its 标志, title and words.
func TestAFifthFormatBuildsEndToEnd(t *testing.T) {
	pdfcheck.RequireTools(t, "pdftotext", "mutool")
	registerNotice(t)
	dir := written(t)(starter.KindFiles("公报", "gb", date, nil))
	fonts, _ := filepath.Abs("../../fonts")
	data, out := filepath.Join(dir, "data", "gb.toml"), filepath.Join(dir, "gb.pdf")
	if err := build.Build(data, out, build.Options{FontsDir: fonts, DOCX: true}); err != nil {
		t.Fatal(err)
	}
	pages, err := pdfcheck.PageTexts(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) < 2 {
		t.Fatalf("%d pages, want the main text and the annex", len(pages))
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), "") }
	first := flat(pages[0])
	for _, c := range []struct{ where, text, want string }{
		{"the 标志", first, "示例县人民政府公告"},
		{"the title", first, "关于2025年工作完成情况的公报"},
		{"the 发文字号", first, "示府告〔2025〕2号"},
		{"the 附件说明", flat(strings.Join(pages, "")), "附表：2025年工作完成情况统计表"},
	} {
		if !strings.Contains(c.text, c.want) {
			t.Errorf("%s: the PDF lacks %q:\n%s", c.where, c.want, c.text)
		}
	}
	annex := slices.IndexFunc(pages[1:], func(p string) bool { return strings.HasPrefix(strings.TrimSpace(p), "附表\n") })
	if annex < 0 {
		t.Errorf("no page starts with the annex's label 附表:\n%s", strings.Join(pages, "\f"))
	}
	if whole := flat(strings.Join(pages, "")); strings.Contains(whole, "附件：") || regexp.MustCompile(`附件\d`).MatchString(whole) {
		t.Errorf("the PDF prints the standard formats' 附件 label:\n%s", whole)
	}
	// The DOCX knows the annex label and the 附件说明 by the format's words.
	styled := docxStyled(t, filepath.Join(dir, "gb.docx"))
	if l := styled["AnnexLabel"]; !slices.Equal(l, []string{"附表"}) {
		t.Errorf("the DOCX's annex labels are %q, want 附表", l)
	}
	if a := styled["Attachments"]; len(a) != 1 || !strings.HasPrefix(a[0], "附表：") {
		t.Errorf("the DOCX's 附件说明 is %q, want it after 附表：", a)
	}
	marks, err := pdfcheck.Outline(out)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(marks, "附表\u30002025年工作完成情况统计表") {
		t.Errorf("bookmarks %q lack the annex's, 附表 and its title", marks)
	}
}

// docxStyled is the text of each paragraph of a DOCX's body by its style.
func docxStyled(t *testing.T, path string) map[string][]string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	r, err := z.Open("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var body struct {
		Paras []struct {
			Style struct {
				Val string `xml:"val,attr"`
			} `xml:"pPr>pStyle"`
			Texts []string `xml:"r>t"`
		} `xml:"body>p"`
	}
	if err := xml.NewDecoder(r).Decode(&body); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, p := range body.Paras {
		out[p.Style.Val] = append(out[p.Style.Val], strings.Join(p.Texts, ""))
	}
	return out
}

// doc checks a data file of the fifth format by its keys: a key of an
// element it lacks is refused with the format's Chinese name, a key of an
// element it requires is required.
func TestAFifthFormatsKeysAreChecked(t *testing.T) {
	registerNotice(t)
	dir := written(t)(starter.Files("notice", "gg", date, nil))
	data := filepath.Join(dir, "data", "gg.toml")
	src, _ := os.ReadFile(data)
	for _, c := range []struct{ name, edit, want string }{
		{"as written", "", ""},
		{"a 主送机关", "recipients = \"各部门\"\n", `"recipients" does not apply to the notice format (公告格式)`},
		{"no 发文字号", "-number", `missing required key "number"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := string(src)
			switch {
			case strings.HasPrefix(c.edit, "-"):
				b = regexp.MustCompile(`(?m)^`+c.edit[1:]+` = .*\n`).ReplaceAllString(b, "")
			default:
				b = strings.Replace(b, "[imprint]", c.edit+"[imprint]", 1)
			}
			p := filepath.Join(dir, "data", "edited.toml")
			if err := os.WriteFile(p, []byte(b), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := doc.Load(p)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("got %v, want %q", err, c.want)
			}
		})
	}
}

// Register takes a whole format only, once.
func TestRegisterRefusesAFormatNotWhole(t *testing.T) {
	registerNotice(t)
	for _, c := range []struct {
		name string
		edit func(*format.Format)
		want string
	}{
		{"a name taken", func(f *format.Format) {}, `format "notice" is registered already`},
		{"no name", func(f *format.Format) { f.Name = "" }, `has no name`},
		{"no Chinese name", func(f *format.Format) { f.Name, f.ChineseName = "x1", "" }, `has no Chinese name`},
		{"no annex word", func(f *format.Format) { f.Name, f.AnnexWord = "x2", "" }, `has no annex label`},
		{"no 附件说明 label", func(f *format.Format) { f.Name, f.AttachmentsLabel = "x3", "" }, `has no label of the 附件说明`},
		{"no starter", func(f *format.Format) { f.Name, f.Starter.Body = "x4", "" }, `has no starter body`},
		{"an unknown element", func(f *format.Format) {
			f.Name = "x5"
			f.Back = append(f.Back, format.Element{Kind: "seal-ring"})
		}, `lists the element "seal-ring", which the layout does not compose`},
	} {
		err := format.Register(func() *format.Format { f := notice(); c.edit(f); return f })
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	if err := format.RegisterKind(format.DocKind{Name: "公示", Format: "memo"}); err == nil || !strings.Contains(err.Error(), `unknown format "memo"`) {
		t.Errorf("a 文种 of no format: %v", err)
	}
	if names := format.Names(); len(names) != 5 {
		t.Errorf("a refused format was registered: %v", names)
	}
}

// The archive record hashes a standard format's geometry alone, as before
// its words were data, and a format's other words too.
func TestSettingsAreTheGeometryAndOtherWords(t *testing.T) {
	file := format.File().Settings()
	if !strings.HasPrefix(file, `format.Format{Name:"file", PageWidth:210`) || !strings.HasSuffix(file, "TableListGap:1}") ||
		strings.Contains(file, "Starter") || strings.Contains(file, "ChineseName") {
		t.Errorf("the file format's settings are not its geometry alone:\n%s", file)
	}
	if n := notice().Settings(); !strings.HasSuffix(n, `AnnexWord:"附表", AttachmentsLabel:"附表："`) {
		t.Errorf("the notice's settings lack its words:\n%s", n)
	}
}
