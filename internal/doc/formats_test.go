package doc

import (
	"strings"
	"testing"
)

// TestFormatKeysFollowTheFormatsElements: a document must name its format;
// the keys a format's elements read are required or refused by that list.
func TestFormatKeysFollowTheFormatsElements(t *testing.T) {
	base := "template = \"b.txt\"\ndate = 2025-04-20\n"
	cases := []struct {
		name, src string
		want      []string // substrings of the problems, in order; none for a good file
	}{
		{"missing format", base + "issuer = \"某机关\"\n",
			[]string{`d.toml: missing required key "format": say which format the document has, one of "file", "letter", "order", "minutes"`}},
		{"unknown format", "format = \"memo\"\n" + base,
			[]string{`d.toml:1:1: unknown format "memo" (known: "file", "letter", "order", "minutes")`}},
		{"file needs its elements", "format = \"file\"\n" + base,
			[]string{`missing required key "issuer"`, `missing required key "signature"`, `missing required key "number"`, `missing required key "title"`}},
		{"a commented placeholder is named at its line", "format = \"file\"\n" + base + "# issuer = \"发文机关\"   # 发文机关\nnumber = \"甲发〔2025〕1号\"\ntitle = \"通知\"\nsignature = \"甲\"\n",
			[]string{`d.toml:4:1: missing required key "issuer" (发文机关, GB/T 9704-2012): its line is commented out`}},
		{"a letter has no 出席", "format = \"letter\"\n" + base + "issuer = \"某机关\"\nnumber = \"某函〔2025〕1号\"\ntitle = \"通知\"\nrecipients = \"各单位\"\nsignature = \"某机关\"\npresent = [\"张三\"]\n",
			[]string{`d.toml:9:1: "present" does not apply to the letter format (信函格式)`}},
		{"主送 in one place", "format = \"file\"\n" + base + "issuer = \"甲\"\nnumber = \"甲发〔2025〕1号\"\ntitle = \"通知\"\nrecipients = \"各单位\"\nsignature = \"甲\"\n[imprint]\nrecipients = \"各单位\"\n",
			[]string{`d.toml:10:1: the 主送机关 is given twice`}},
		{"minutes", "format = \"minutes\"\n" + base + "mark = \"某会议纪要\"\npresent = [\"张三\", \"李四\"]\n[imprint]\ncc = [\"各单位\"]\nprinter = \"某办公室\"\ndate = 2025-04-21\n", nil},
		{"order", "format = \"order\"\n" + base + "issuer = \"某市人民政府\"\norder_number = 3\nsigner_title = \"市长\"\nsigner = \"张三\"\n", nil},
		{"order without a number", "format = \"order\"\n" + base + "issuer = \"某市人民政府\"\nsigner_title = \"市长\"\nsigner = \"张三\"\n",
			[]string{`missing required key "order_number"`}},
		{"joint issuers pair with 署名 and seals", "format = \"file\"\n" + base + "issuer = [\"甲\", \"乙\"]\nnumber = \"甲发〔2025〕1号\"\ntitle = \"通知\"\nsignature = [\"甲\"]\nseal = [\"a.png\", \"b.png\"]\n",
			[]string{`d.toml:7:1: 1 署名 for 2 issuers`, `d.toml:8:1: 2 seals for 1 署名`}},
		{"a paper seal is no file", "format = \"file\"\n" + base + "issuer = [\"甲\", \"乙\"]\nnumber = \"甲发〔2025〕1号\"\ntitle = \"通知\"\nsignature = [\"甲\", \"乙\"]\nseal = [\"paper\", \"b.png\"]\n", nil},
		{"seal = true says what to write", "format = \"file\"\n" + base + "issuer = \"甲\"\nnumber = \"甲发〔2025〕1号\"\ntitle = \"通知\"\nsignature = \"甲\"\nseal = true\n",
			[]string{`d.toml:8:1: seal is true; a seal is an image file (seal = "seal.png"), or "paper" for the seal layout`}},
		{"a 纪要's line needs its 印发机关", "format = \"minutes\"\n" + base + "mark = \"某会议纪要\"\npresent = [\"张三\"]\n[minutes_line]\ndate = 2025-04-21\n",
			[]string{`missing required key "minutes_line.printer"`}},
		{"a file has no 纪要 line", "format = \"file\"\n" + base + "issuer = \"甲\"\nnumber = \"甲发〔2025〕1号\"\ntitle = \"通知\"\nsignature = \"甲\"\n[minutes_line]\nprinter = \"某办公室\"\n",
			[]string{`"minutes_line" does not apply to the file format`}},
		{"flags are checked", "format = \"file\"\n" + base + "issuer = \"甲\"\nnumber = \"甲发〔2025〕1号\"\ntitle = \"通知\"\nsignature = \"甲\"\ncopy = 0\nsecrecy = \"内部\"\nurgency = \"很急\"\n",
			[]string{`copy (份号) must be a whole number from 1 to 999999, not 0`, `secrecy (密级和保密期限) "内部" is not 秘密, 机密 or 绝密`, `urgency (紧急程度) "很急" is not one of 特急, 加急, 特提, 平急`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("d.toml", tc.src)
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("unexpected problems:\n%v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no problem, want %q", tc.want)
			}
			got := err.Error()
			at := 0
			for _, w := range tc.want {
				i := strings.Index(got[at:], w)
				if i < 0 {
					t.Fatalf("got\n%s\nwant, in order, %q", got, tc.want)
				}
				at += i + len(w)
			}
		})
	}
}
