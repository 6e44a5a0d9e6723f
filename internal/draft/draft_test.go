package draft

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	gwdoc "gongwen/internal/doc"
	"gongwen/internal/format"
)

// recognise reads text as a .txt draft and recognises it.
func recognise(t *testing.T, text string) (*Document, *Draft) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "d.txt")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Read(p, "")
	if err != nil {
		t.Fatal(err)
	}
	return Recognise(d), d
}

// Each part of a 公文 is found by its text, and what is not one stays in
// the body, reported with its line.
func TestRecognisesThePartsByTheirText(t *testing.T) {
	cases := []struct {
		name  string
		draft string
		check func(*Document) any
		want  any
		notes []string
	}{
		{"份号, 密级, 紧急程度, 标志, 发文字号", "000012\n秘密★1年\n特急\n示例县人民政府文件\n示府发〔2025〕12号\n关于某事的通知\n正文。\n",
			func(d *Document) any {
				return []string{d.Copy, d.Secrecy, d.Urgency, d.Issuer, d.Number, strings.Join(d.Title, "|")}
			},
			[]string{"000012", "秘密★1年", "特急", "示例县人民政府", "示府发〔2025〕12号", "关于某事的通知"}, nil},
		{"发文字号 with 签发人", "示府文〔2025〕3号\t签发人：王明\n关于某事的请示\n正文。\n",
			func(d *Document) any { return []string{d.Number, d.Signers} }, []string{"示府文〔2025〕3号", "王明"}, nil},
		{"a title over two lines", "示例县人民政府\n关于某事的通知\n各单位：\n正文。\n",
			func(d *Document) any { return []string{strings.Join(d.Title, "|"), d.Recipients} }, []string{"示例县人民政府|关于某事的通知", "各单位"}, nil},
		{"no title: a placeholder", "各单位：\n正文。\n",
			func(d *Document) any { return []any{d.Title, d.Recipients, len(d.Body)} }, []any{[]string(nil), "各单位", 1},
			[]string{"the draft has no 标题 (title)"}},
		{"署名, 成文日期 and 附注", "关于某事的通知\n正文。\n示例县人民政府\n2025年3月10日\n（联系人：张三，电话：12345678）\n",
			func(d *Document) any { return []string{d.Signature, d.Date, d.Note} }, []string{"示例县人民政府", "2025-03-10", "联系人：张三，电话：12345678"}, nil},
		{"a second 署名 stays in the body, reported", "关于某事的通知\n正文。\n示例县人民政府\n示例县财政局\n2025年3月10日\n",
			func(d *Document) any { return []string{d.Signature, d.Body[len(d.Body)-1].Text} }, []string{"示例县财政局", "示例县人民政府"},
			[]string{"d.txt:3: kept as body text: \"示例县人民政府\" stands above the 署名 like a second one"}},
		{"a date in Chinese numerals", "关于某事的通知\n正文。\n示例县人民政府\n二〇二五年十二月三十一日\n",
			func(d *Document) any { return d.Date }, "2025-12-31", nil},
		{"署名 and date on one line", "关于某事的通知\n正文。\n示例县人民政府\t\t2025年3月10日\n",
			func(d *Document) any { return []string{d.Signature, d.Date} }, []string{"示例县人民政府", "2025-03-10"}, nil},
		{"text after the date stays in the body", "关于某事的通知\n正文。\n示例县人民政府\n2025年3月10日\n此页无正文。\n",
			func(d *Document) any { return d.Body[len(d.Body)-1].Text }, "此页无正文。",
			[]string{"5: kept as body text: it follows the 成文日期"}},
		{"附件说明", "关于某事的通知\n正文。\n附件：1．甲表\n      2．乙方案\n示例县人民政府\n2025年3月10日\n",
			func(d *Document) any { return []string{d.Attachments[0].Title, d.Attachments[1].Title} }, []string{"甲表", "乙方案"},
			[]string{"附件1 (甲表) is listed in the 附件说明 but the draft has no page for it"}},
		{"an annex labelled 附件一, after the date", "关于某事的通知\n正文。\n示例县人民政府\n2025年3月10日\n附件一\n某方案\n方案正文。\n",
			func(d *Document) any { return []string{d.Attachments[0].Title, d.Attachments[0].Text[0].Text} }, []string{"某方案", "方案正文。"}, nil},
		{"an annex numbered twice keeps both", "关于某事的通知\n正文。\n示例县人民政府\n2025年3月10日\n附件1\n甲方案\n甲。\n附件1\n乙方案\n乙。\n附件99999999\n丙方案\n丙。\n",
			func(d *Document) any {
				var out []string
				for _, a := range d.Attachments {
					out = append(out, a.Title+a.Text[0].Text)
				}
				return out
			}, []string{"甲方案甲。", "乙方案乙。", "丙方案丙。"},
			[]string{"d.txt:8: the annex labelled 附件1 is out of sequence: it is kept as 附件2", "d.txt:11: the annex labelled 附件99999999 is out of sequence: it is kept as 附件3"}},
		{"版记", "关于某事的通知\n正文。\n示例县人民政府\n2025年3月10日\n抄送：县委办公室，县人大常委会办公室。\n示例县人民政府办公室\t2025年3月11日印发\n",
			func(d *Document) any { return []any{d.CC, d.Printer, d.PrintDate} }, []any{[]string{"县委办公室", "县人大常委会办公室"}, "示例县人民政府办公室", "2025-03-11"}, nil},
		{"headings by their typed numbers; 1.5亿元 is not one", "关于某事的通知\n一、总体\n（一）甲。乙。\n1．丙\n（1）丁\n1.5亿元用于某事。\n",
			func(d *Document) any {
				var out []string
				for _, b := range d.Body {
					out = append(out, strings.Repeat("#", b.Level)+b.Text)
				}
				return out
			}, []string{"#总体", "##甲。乙。", "###丙", "####丁", "1.5亿元用于某事。"}, nil},
		{"a skipped number is reported", "关于某事的通知\n一、甲\n三、乙\n",
			func(d *Document) any { return len(d.Body) }, 2,
			[]string{"d.txt:3: the heading numbered 三、 is number 2 of its level here; the template numbers headings by their place, so it prints 二、"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, d := recognise(t, tc.draft)
			if got := tc.check(doc); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %#v, want %#v", got, tc.want)
			}
			if _, err := Files(doc, d, "file", "x", nil); err != nil {
				t.Fatal(err)
			}
			var notes []string
			for _, n := range d.Notes {
				notes = append(notes, d.Where(n.N)+": "+n.Msg.String())
			}
			joined := strings.Join(notes, "\n")
			for _, w := range tc.notes {
				if !strings.Contains(joined, w) {
					t.Errorf("the notes lack %q:\n%s", w, joined)
				}
			}
		})
	}
}

// An annex table keeps its cells' text and numbers with their decimals;
// a 合计 that adds up becomes a computed total, one that does not is kept
// as typed and reported; a 序号 column is not summed.
func TestAnnexTables(t *testing.T) {
	cases := []struct {
		name      string
		table     string
		total     bool
		rows      []any
		decimals  []int64
		figures   []bool
		reportHas string
	}{
		{"adds up", "单位\t数量\t金额\n甲\t3\t1.50\n乙\t4\t2.25\n合计\t7\t3.75\n", true,
			[]any{[]any{"甲", int64(3), 1.5}, []any{"乙", int64(4), 2.25}}, []int64{0, 0, 2}, []bool{false, true, true}, ""},
		{"does not add up", "单位\t数量\n甲\t3\n乙\t4\n合 计\t8\n", false,
			[]any{[]any{"甲", int64(3)}, []any{"乙", int64(4)}, []any{"合 计", int64(8)}}, []int64{0, 0}, []bool{false, true},
			`附件1: the 合计 of 数量 is "8", but its rows add up to 7: the row is kept as typed`},
		{"telephone numbers and identity numbers are text", "单位\t值班电话\t身份\n甲\t12345678\t320102199001011234\n乙\t87654321\t320102199001011235\n", false,
			[]any{[]any{"甲", "12345678", "320102199001011234"}, []any{"乙", "87654321", "320102199001011235"}}, []int64{0, 0, 0}, []bool{false, false, false}, ""},
		{"a column of shares in per cent is computed, its 合计 100 too", "单位\t金额\t占比\n甲\t1.00\t16.7\n乙\t2.00\t33.3\n丙\t3.00\t50.0\n合计\t6.00\t100.0\n", true,
			[]any{[]any{"甲", 1.0}, []any{"乙", 2.0}, []any{"丙", 3.0}}, []int64{0, 2, 1}, []bool{false, true, false}, ""},
		{"shares that are not the figures' are kept", "单位\t金额\t占比\n甲\t1.00\t20.0\n乙\t3.00\t80.0\n合计\t4.00\t100.0\n", true,
			[]any{[]any{"甲", 1.0, 20.0}, []any{"乙", 3.0, 80.0}}, []int64{0, 2, 1}, []bool{false, true, true}, ""},
		{"序号 and text columns", "序号\t单位\t编码\t数量\n1\t甲\t0012\t—\n2\t乙\t0013\t5\n", false,
			[]any{[]any{"1", "甲", "0012", "—"}, []any{"2", "乙", "0013", int64(5)}}, []int64{0, 0, 0, 0}, []bool{false, false, false, true}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc, d := recognise(t, "关于某事的通知\n正文。\n示例县人民政府\n2025年3月10日\n附件1\n某表\n"+tc.table)
			files, err := Files(doc, d, "file", "x", nil)
			if err != nil {
				t.Fatal(err)
			}
			var table struct {
				Rows    []any
				Total   *struct{ Label string }
				Columns []struct {
					Figures  bool
					Decimals int64
				}
			}
			var src string
			for _, f := range files {
				if strings.HasSuffix(f.Path, "附件1.toml") {
					src = string(f.Data)
				}
			}
			if _, err := toml.Decode(src, &table); err != nil {
				t.Fatalf("%v\n%s", err, src)
			}
			tp := filepath.Join(t.TempDir(), "附件1.toml")
			os.WriteFile(tp, []byte(src), 0o644)
			if _, err := gwdoc.LoadTable(tp); err != nil {
				t.Errorf("the table does not load: %v\n%s", err, src)
			}
			if (table.Total != nil) != tc.total {
				t.Errorf("[total]: %v, want %v\n%s", table.Total != nil, tc.total, src)
			}
			if !reflect.DeepEqual(table.Rows, tc.rows) {
				t.Errorf("rows %#v, want %#v", table.Rows, tc.rows)
			}
			for i, c := range table.Columns {
				if c.Figures != tc.figures[i] || c.Decimals != tc.decimals[i] {
					t.Errorf("column %d: figures %v decimals %d, want %v %d", i+1, c.Figures, c.Decimals, tc.figures[i], tc.decimals[i])
				}
			}
			if strings.Contains(src, "1.50") != strings.Contains(tc.table, "1.50") {
				t.Errorf("the decimals as typed are lost:\n%s", src)
			}
			var notes []string
			for _, n := range d.Notes {
				notes = append(notes, n.Msg.String())
			}
			if joined := strings.Join(notes, "\n"); tc.reportHas != "" && !strings.Contains(joined, tc.reportHas) {
				t.Errorf("the notes lack %q:\n%s", tc.reportHas, joined)
			}
		})
	}
}

// Word's list numbers as Chinese Word shows them.
func TestListNumbers(t *testing.T) {
	cases := []struct {
		n    int
		fmt  string
		want string
	}{
		{1, "chineseCounting", "一"}, {10, "chineseCounting", "十"}, {11, "chineseCountingThousand", "十一"},
		{20, "chineseCounting", "二十"}, {105, "chineseCounting", "一百零五"}, {3, "decimal", "3"},
		{12, "decimalFullWidth", "１２"}, {2, "ideographTraditional", "乙"}, {3, "decimalEnclosedCircle", "③"},
		{4, "upperRoman", "IV"}, {28, "lowerLetter", "bb"}, {12, "chineseLegalSimplified", "壹拾贰"},
	}
	for _, tc := range cases {
		if got := formatNumber(tc.n, tc.fmt); got != tc.want {
			t.Errorf("%d in %s: %q, want %q", tc.n, tc.fmt, got, tc.want)
		}
	}
}

// A .docx is read within its bounds: one that is not a zip, lacks its
// document, holds too many parts or a part too large is refused, with a
// message naming the file.
func TestDocxBounds(t *testing.T) {
	zipOf := func(parts map[string][]byte) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for name, b := range parts {
			f, _ := zw.Create(name)
			f.Write(b)
		}
		zw.Close()
		return buf.Bytes()
	}
	many := map[string][]byte{}
	for i := 0; i <= MaxParts; i++ {
		many[strings.Repeat("p", 1+i%7)+"/"+string(rune('a'+i%26))+strings.Repeat("x", i/26)] = nil
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("plain text"), "not a .docx (a .docx is a zip archive"},
		{"no document", zipOf(map[string][]byte{"a.xml": []byte("<a/>")}), "not a Word document: it has no word/document.xml"},
		{"too many parts", zipOf(many), "more than the 10000 a draft may have"},
		{"a part too large", zipOf(map[string][]byte{"word/document.xml": bytes.Repeat([]byte(" "), MaxPart+1)}), "unpacks to 67108865 bytes, more than the 64 MB a part may have"},
		{"nested too deep", zipOf(map[string][]byte{"word/document.xml": []byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>` + strings.Repeat("<w:hyperlink>", 100000))}), "elements nested more than 500 deep"},
		{"bad XML", zipOf(map[string][]byte{"word/document.xml": []byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p>`)}), "word/document.xml: XML syntax error"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "d.docx")
			os.WriteFile(p, tc.data, 0o644)
			_, err := Read(p, "")
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), p) {
				t.Errorf("error %v, want %q naming %s", err, tc.want, p)
			}
		})
	}
}

// FuzzImport: any bytes, read as a .docx, a .md or a .txt draft, are
// recognised and written as sources, or refused with an error naming the
// draft; never a panic. The written data file is TOML.
func FuzzImport(f *testing.F) {
	f.Add([]byte("关于某事的通知\n各单位：\n一、甲\n（一）乙。丙。\n附件：1．表\n示例县人民政府\n2025年3月10日\n附件1\n表\n甲\t1\n合计\t1\n抄送：某\n"), 2)
	f.Add([]byte("| a | b |\n|---|---|\n| 1 | 2 |\n"), 1)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>甲</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`))
	w, _ = zw.Create("word/numbering.xml")
	w.Write([]byte(`<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="2147483647"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`))
	zw.Close()
	f.Add(buf.Bytes(), 0)
	f.Fuzz(func(t *testing.T, b []byte, kind int) {
		ext := []string{"docx", "md", "txt"}[(kind%3+3)%3]
		p := filepath.Join(t.TempDir(), "d."+ext)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := Read(p, "")
		if err != nil {
			if !strings.HasPrefix(err.Error(), p) {
				t.Fatalf("the error does not name the draft: %v", err)
			}
			return
		}
		files, err := Files(Recognise(d), d, "file", "x", nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f.Path, ".toml") {
				var v map[string]any
				if _, err := toml.Decode(string(f.Data), &v); err != nil {
					t.Fatalf("%s is not TOML: %v\n%s", f.Path, err, f.Data)
				}
			}
		}
	})
}

// docxOf is a .docx whose body is the given WordprocessingML.
func docxOf(t testing.TB, body string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`))
	w, _ = zw.Create("word/styles.xml")
	w.Write([]byte(`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:styleId="Title"><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="44"/></w:rPr></w:style></w:styles>`))
	zw.Close()
	p := filepath.Join(t.TempDir(), "d.docx")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// In a .docx the title is found by its formatting too: centred (by the
// paragraph or its style) or larger than the body, over several lines;
// a heading is never part of it. A page break starts an annex.
func TestRecognisesTheTitleByItsFormatting(t *testing.T) {
	p := func(pPr, text string) string {
		return `<w:p><w:pPr>` + pPr + `</w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	large := func(text string) string {
		return `<w:p><w:r><w:rPr><w:sz w:val="44"/></w:rPr><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := p("", "各单位：") + p("", "正文第一段，说明有关事项。") + p("", "正文第二段。")
	cases := []struct {
		name, body string
		title      []string
		issuer     string
	}{
		{"centred", p(`<w:jc w:val="center"/>`, "示例县人民政府") + p(`<w:jc w:val="center"/>`, "关于某项工作的安排") + body, []string{"示例县人民政府", "关于某项工作的安排"}, ""},
		{"by its style", p(`<w:pStyle w:val="Title"/>`, "关于某项工作的安排") + body, []string{"关于某项工作的安排"}, ""},
		{"larger than the body", large("关于某项工作的安排") + body, []string{"关于某项工作的安排"}, ""},
		{"a heading is not the title", p(`<w:jc w:val="center"/>`, "关于某项工作的安排") + p(`<w:jc w:val="center"/>`, "一、总体要求") + body, []string{"关于某项工作的安排"}, ""},
		{"after a 标志 and 发文字号 that are not typed as such", p(`<w:jc w:val="center"/>`, "示例县人民政府办公室") + p(`<w:jc w:val="right"/>`, "示府办函〔2025〕3号") + p(`<w:jc w:val="center"/>`, "关于某项工作的函") + body, []string{"关于某项工作的函"}, "示例县人民政府办公室"},
		{"neither: by its 文种", p("", "关于某项工作的通知") + body, []string{"关于某项工作的通知"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Read(docxOf(t, tc.body), "")
			if err != nil {
				t.Fatal(err)
			}
			doc := Recognise(d)
			if !reflect.DeepEqual(doc.Title, tc.title) || doc.Issuer != tc.issuer {
				t.Errorf("title %q, issuer %q; want %q, %q", doc.Title, doc.Issuer, tc.title, tc.issuer)
			}
		})
	}
}

// In every format, each key the format requires is written: with the
// draft's value, or as a placeholder on a line of its own; a part the
// format does not take is kept as a comment, never dropped.
func TestEveryFormatGetsItsRequiredKeys(t *testing.T) {
	draft := "关于某事的通知\n各单位：\n正文。\n示例县人民政府\n2025年3月10日\n（此件公开发布）\n抄送：某办公室。\n某办公室\t2025年3月11日印发\n"
	for _, name := range format.Names() {
		t.Run(name, func(t *testing.T) {
			doc, d := recognise(t, draft)
			files, err := Files(doc, d, name, "x", nil)
			if err != nil {
				t.Fatal(err)
			}
			src := string(files[0].Data)
			var v map[string]any
			if _, err := toml.Decode(src, &v); err != nil {
				t.Fatalf("%v\n%s", err, src)
			}
			f, _ := format.ByName(name)
			required, _ := f.KeyLists()
			for _, k := range required {
				if _, ok := v[k]; !ok && !regexp.MustCompile(`(?m)^# `+k+` = `).MatchString(src) {
					t.Errorf("%s: neither a value nor a placeholder for %s:\n%s", name, k, src)
				}
			}
			for _, part := range []string{"示例县人民政府", "2025-03-10", "此件公开发布", "某办公室", "2025-03-11"} {
				if !strings.Contains(src, part) {
					t.Errorf("%s: %s is lost:\n%s", name, part, src)
				}
			}
		})
	}
}

// What a .docx holds that import does not read is reported: a header's
// text, a footnote (with its text, at its paragraph), hidden text; a page
// number in a footer is not worth a line.
func TestDroppedPartsAreReported(t *testing.T) {
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"word/document.xml":  `<w:document ` + w + `><w:body><w:p><w:r><w:t>关于某事的通知</w:t></w:r></w:p><w:p><w:r><w:t>正文。</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的字</w:t></w:r><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"/></w:drawing></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p></w:body></w:document>`,
		"word/footnotes.xml": `<w:footnotes ` + w + `><w:footnote w:id="2"><w:p><w:r><w:t>据统计年鉴。</w:t></w:r></w:p></w:footnote></w:footnotes>`,
		"word/header1.xml":   `<w:hdr ` + w + `><w:p><w:r><w:t>内部资料</w:t></w:r></w:p></w:hdr>`,
		"word/footer1.xml":   `<w:ftr ` + w + `><w:p><w:r><w:t>— 1 —</w:t></w:r></w:p></w:ftr>`,
	} {
		f, _ := zw.Create(name)
		f.Write([]byte(body))
	}
	zw.Close()
	p := filepath.Join(t.TempDir(), "d.docx")
	os.WriteFile(p, buf.Bytes(), 0o644)
	d, err := Read(p, "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range d.Notes {
		got = append(got, d.Where(n.N)+": "+n.Msg.String())
	}
	want := []string{p + `: paragraph 2: a picture or shape is not imported (any text in it is kept)`, p + `: paragraph 2: footnote dropped: "据统计年鉴。"`, p + `: paragraph 2: hidden text dropped: "隐藏的字"`, p + `: the text of a header or footer is not read: "内部资料"`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("notes\n%q\nwant\n%q", got, want)
	}
}

// Markdown as peer tools write it: a paragraph over several lines joins
// (Chinese without a space), a typed heading number starts a paragraph,
// emphasis and links keep their text, a page break in HTML or TeX starts
// an annex, a pipe table is a table.
func TestMarkdown(t *testing.T) {
	src := "# 关于某事的通知\n\n各单位：\n\n第一行\n接第二行，**重点**见[链接](http://x)。\n一、总体\n\n示例县人民政府\n\n2025年3月10日\n\n<div style=\"page-break-before: always\"></div>\n\n附件1\n\n某表\n\n| 甲 | 乙 |\n|:--|--:|\n| a\\|b | 1 |\n"
	p := filepath.Join(t.TempDir(), "d.md")
	os.WriteFile(p, []byte(src), 0o644)
	d, err := Read(p, "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, q := range d.Paras {
		if q.Table != nil {
			got = append(got, fmt.Sprint(q.Table.Rows))
			continue
		}
		got = append(got, fmt.Sprintf("%d:%v:%s", q.N, q.PageBreak, q.Text))
	}
	want := []string{"1:false:关于某事的通知", "3:false:各单位：", "5:false:第一行接第二行，重点见链接。", "7:false:一、总体", "9:false:示例县人民政府", "11:false:2025年3月10日", "15:true:附件1", "17:false:某表", "[[甲 乙] [a|b 1]]"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paragraphs\n%q\nwant\n%q", got, want)
	}
}

// The document part is found by the package's relationships, whatever
// its name, and its numbering by the document's.
func TestPartsByTheirRelationships(t *testing.T) {
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"_rels/.rels":             rels + `<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/doc/main.xml"/></Relationships>`,
		"doc/_rels/main.xml.rels": rels + `<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="lists.xml"/></Relationships>`,
		"doc/main.xml":            `<w:document ` + w + `><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>重点</w:t></w:r></w:p></w:body></w:document>`,
		"doc/lists.xml":           `<w:numbering ` + w + `><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="1"><w:start w:val="2"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
		"word/document.xml":       `<w:document ` + w + `><w:body><w:p><w:r><w:t>not this one</w:t></w:r></w:p></w:body></w:document>`,
	} {
		f, _ := zw.Create(name)
		f.Write([]byte(body))
	}
	zw.Close()
	p := filepath.Join(t.TempDir(), "d.docx")
	os.WriteFile(p, buf.Bytes(), 0o644)
	d, err := Read(p, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Paras) != 1 || d.Paras[0].Text != "（二）重点" {
		t.Errorf("paragraphs %+v, want （二）重点", d.Paras)
	}
}

// A .docx table with merged header cells: a cell spanning columns is the
// columns' group, one merged down is their title; the table file loads
// (package doc) with its 合计 computed from the rows.
func TestMergedHeaderCells(t *testing.T) {
	tc := func(pr, text string) string {
		return `<w:tc><w:tcPr>` + pr + `</w:tcPr><w:p><w:r><w:t>` + text + `</w:t></w:r></w:p></w:tc>`
	}
	row := func(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }
	table := "<w:tbl>" +
		row(tc(`<w:vMerge w:val="restart"/>`, "单位"), tc(`<w:gridSpan w:val="2"/>`, "检查情况")) +
		row(tc(`<w:vMerge/>`, ""), tc("", "网站数"), tc("", "问题数")) +
		row(tc("", "甲市"), tc("", "12"), tc("", "3")) +
		row(tc("", "乙市"), tc("", "8"), tc("", "0")) +
		row(tc("", "合计"), tc("", "20"), tc("", "3")) + "</w:tbl>"
	para := func(pPr, text string) string {
		return `<w:p><w:pPr>` + pPr + `</w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	path := docxOf(t, para("", "关于某事的通知")+para("", "正文。")+para("", "示例县人民政府")+para("", "2025年3月10日")+
		para("<w:pageBreakBefore/>", "附件1")+para("", "检查情况表")+table)
	d, err := Read(path, "")
	if err != nil {
		t.Fatal(err)
	}
	files, err := Files(Recognise(d), d, "file", "x", nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var tablePath string
	for _, f := range files {
		p := filepath.Join(dir, f.Path)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Data, 0o644)
		if strings.HasSuffix(f.Path, "附件1.toml") {
			tablePath = p
		}
	}
	tb, err := gwdoc.LoadTable(tablePath)
	if err != nil {
		b, _ := os.ReadFile(tablePath)
		t.Fatalf("%v\n%s", err, b)
	}
	var got []string
	for _, c := range tb.Columns {
		got = append(got, strings.Join(append(append([]string(nil), c.Group...), c.Title), "/"))
	}
	if want := []string{"单位", "检查情况/网站数", "检查情况/问题数"}; !reflect.DeepEqual(got, want) {
		t.Errorf("columns %q, want %q", got, want)
	}
	if n := len(tb.Rows); n != 3 || tb.Rows[2].Kind != gwdoc.TotalRow {
		t.Errorf("%d rows, the last not a computed 合计: %+v", n, tb.Rows)
	}
}

// A table as gongwen's DOCX writes it comes back as its data had it: a
// 斜线表头 (tl2br) its column's corner, cells merged down and set
// vertically (vMerge, textDirection) a column merged and vertical, cells of
// several paragraphs of items a list, a header cell over two columns
// their group, a column of shares in per cent computed with its 合计.
func TestGongwenDOCXTable(t *testing.T) {
	tc := func(pr string, paras ...string) string {
		s := `<w:tc><w:tcPr>` + pr + `</w:tcPr>`
		for _, p := range paras {
			s += `<w:p><w:r><w:t>` + p + `</w:t></w:r></w:p>`
		}
		return s + `</w:tc>`
	}
	row := func(cells ...string) string { return "<w:tr>" + strings.Join(cells, "") + "</w:tr>" }
	const down, turned = `<w:vMerge/><w:textDirection w:val="tbRlV"/>`, `<w:vMerge w:val="restart"/><w:textDirection w:val="tbRlV"/>`
	table := "<w:tbl>" +
		row(tc(`<w:tcBorders><w:tl2br w:val="single"/></w:tcBorders>`, "梯队", "单位"), tc(`<w:gridSpan w:val="2"/>`, "网站名称"), tc("", "网站数"), tc("", "占比（%）")) +
		row(tc(turned, "第一"), tc("", "甲"), tc("", "a网\u3000b网", "c网"), tc("", "1"), tc("", "33.3")) +
		row(tc(down), tc("", "乙"), tc("", "d网"), tc("", "2"), tc("", "66.7")) +
		row(tc("", "合计"), tc("", ""), tc("", ""), tc("", "3"), tc("", "100.0")) + "</w:tbl>"
	para := func(pPr, text string) string {
		return `<w:p><w:pPr>` + pPr + `</w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	path := docxOf(t, para("", "关于某事的通知")+para("", "正文。")+para("", "示例县人民政府")+para("", "2025年3月10日")+
		para("<w:pageBreakBefore/>", "附件1")+para("", "网站表")+table)
	d, err := Read(path, "")
	if err != nil {
		t.Fatal(err)
	}
	files, err := Files(Recognise(d), d, "file", "x", nil)
	if err != nil {
		t.Fatal(err)
	}
	var src []byte
	for _, f := range files {
		if strings.HasSuffix(f.Path, "附件1.toml") {
			src = f.Data
		}
	}
	tp := filepath.Join(t.TempDir(), "附件1.toml")
	if err := os.WriteFile(tp, src, 0o644); err != nil {
		t.Fatal(err)
	}
	tb, err := gwdoc.LoadTable(tp)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	type col struct {
		Title, Group, Corner, Compute string
		Merge, Vertical, List         bool
		PerLine                       int
	}
	var got []col
	for _, c := range tb.Columns {
		got = append(got, col{c.Title, strings.Join(c.Group, "/"), c.Corner, c.Compute, c.Merge, c.Vertical, c.List, c.PerLine})
	}
	want := []col{
		{Title: "单位", Corner: "梯队", Merge: true, Vertical: true},
		{Group: "网站名称"},
		{Group: "网站名称", List: true, PerLine: 2},
		{Title: "网站数"},
		{Title: "占比（%）", Compute: "c4 / total.c4 * 100"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("columns\n%+v, want\n%+v\n%s", got, want, src)
	}
	if n := len(tb.Rows); n != 3 || tb.Rows[2].Kind != gwdoc.TotalRow {
		t.Errorf("%d rows, the last not a computed 合计:\n%s", n, src)
	}
	if items := tb.Rows[0].Cells[2].Items; !reflect.DeepEqual(items, []string{"a网", "b网", "c网"}) {
		t.Errorf("the list cell's items are %q\n%s", items, src)
	}
}

// A picture behind the text anchored to the 署名 (or the date after it)
// is the seal: written as data/NAME/印章.png and named by seal; one behind
// the text elsewhere (a 红头 drawn as a picture) is reported, not a seal.
func TestSealsBehindTheSignature(t *testing.T) {
	png := "\x89PNG\r\n\x1a\n" + "rest of a PNG"
	behind := func(rid string) string {
		return `<w:r><w:drawing><wp:anchor behindDoc="1"><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="` + rid + `"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>`
	}
	para := func(text, extra string) string {
		return `<w:p>` + extra + `<w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	body := para("示例县人民政府文件", behind("rIdTop")) + para("关于某事的通知", "") + para("正文。", "") +
		para("示例县人民政府", behind("rIdSeal")) + para("2025年3月10日", "")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range map[string]string{
		"word/document.xml":            `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>` + body + `</w:body></w:document>`,
		"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdTop" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/top.png"/><Relationship Id="rIdSeal" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/seal.png"/></Relationships>`,
		"word/media/top.png":           png + "top",
		"word/media/seal.png":          png + "seal",
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(data))
	}
	zw.Close()
	path := filepath.Join(t.TempDir(), "d.docx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Read(path, "")
	if err != nil {
		t.Fatal(err)
	}
	files, err := Files(Recognise(d), d, "file", "x", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Path] = string(f.Data)
	}
	if got["data/x/印章.png"] != png+"seal" {
		t.Errorf("data/x/印章.png is %q, want the picture behind the 署名", got["data/x/印章.png"])
	}
	if !strings.Contains(got["data/x.toml"], `seal = "x/印章.png"`) {
		t.Errorf("data/x.toml does not name the seal:\n%s", got["data/x.toml"])
	}
	var notes []string
	for _, n := range d.Notes {
		notes = append(notes, d.Where(n.N)+": "+n.Msg.String())
	}
	if want := path + ": paragraph 1: a picture or shape is not imported (any text in it is kept)"; !slices.Contains(notes, want) {
		t.Errorf("notes %q lack %q", notes, want)
	}
}

// A draft with more pictures behind its text than are read as seals
// names each one it leaves out: none is dropped without a word.
func TestSealsBeyondTheLimitAreReported(t *testing.T) {
	png := "\x89PNG\r\n\x1a\n" + "rest of a PNG"
	var body, rels strings.Builder
	files := map[string]string{}
	for i := 0; i <= maxSeals; i++ {
		id := fmt.Sprintf("rIdSeal%d", i)
		body.WriteString(`<w:p><w:r><w:drawing><wp:anchor behindDoc="1"><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="` + id + `"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r><w:r><w:t>示例机关</w:t></w:r></w:p>`)
		rels.WriteString(`<Relationship Id="` + id + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/s` + fmt.Sprint(i) + `.png"/>`)
		files[fmt.Sprintf("word/media/s%d.png", i)] = png + fmt.Sprint(i)
	}
	files["word/document.xml"] = `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>` + body.String() + `</w:body></w:document>`
	files["word/_rels/document.xml.rels"] = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range files {
		w, _ := zw.Create(name)
		w.Write([]byte(data))
	}
	zw.Close()
	path := filepath.Join(t.TempDir(), "d.docx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Read(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Seals) != maxSeals {
		t.Errorf("%d seals read, want %d", len(d.Seals), maxSeals)
	}
	left := 0
	for _, n := range d.Notes {
		if strings.Contains(n.Msg.String(), "beyond the first") {
			left++
			if n.N != maxSeals+1 {
				t.Errorf("the picture left out is named at paragraph %d, want %d", n.N, maxSeals+1)
			}
		}
	}
	if left != 1 {
		t.Errorf("%d notes of a picture left out, want 1: %v", left, d.Notes)
	}
}
