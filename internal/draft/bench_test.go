package draft

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkImportDocx reads, recognises and writes a .docx of about 20
// pages as a word processor sets it (40 in the GB/T 9704 layout): 30
// sections of three run-in headings and their paragraphs, and a table of
// 40 rows.
func BenchmarkImportDocx(b *testing.B) {
	run := func(s string) string { return `<w:p><w:r><w:t>` + s + `</w:t></w:r></w:p>` }
	var body strings.Builder
	body.WriteString(`<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>关于做好2025年春季森林防火工作的通知</w:t></w:r></w:p>`)
	body.WriteString(run("各乡（镇）人民政府，县政府各部门："))
	for i := 1; i <= 30; i++ {
		body.WriteString(run(chineseNumber(i) + "、第" + fmt.Sprint(i) + "部分工作要求"))
		for j := 1; j <= 3; j++ {
			body.WriteString(run("（" + chineseNumber(j) + "）落实措施。" + strings.Repeat("各乡（镇）要按照县委、县政府的统一部署，切实加强组织领导，压实工作责任。", 3)))
		}
	}
	body.WriteString(run("示例县人民政府") + run("2025年3月10日"))
	body.WriteString(`<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>附件1</w:t></w:r></w:p>` + run("重点区域统计表") + "<w:tbl>")
	for k := 0; k <= 40; k++ {
		body.WriteString("<w:tr>")
		for _, c := range []string{fmt.Sprint("区域", k), fmt.Sprint(100 + k), fmt.Sprint(k, ".25")} {
			body.WriteString("<w:tc>" + run(c) + "</w:tc>")
		}
		body.WriteString("</w:tr>")
	}
	body.WriteString("</w:tbl>")
	path := docxOf(b, body.String())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d, err := Read(path, "")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Files(Recognise(d), d, "file", "x", nil); err != nil {
			b.Fatal(err)
		}
	}
}
