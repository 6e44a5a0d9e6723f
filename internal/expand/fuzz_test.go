package expand

import (
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary text to the structure parser: it never panics,
// and every heading it returns has a number and a level from 1 to 4.
func FuzzParse(f *testing.F) {
	f.Add("开头。\n\n# 总体情况\n\n## 内容。正文。\n\n### 细目\n\n#### 小项")
	f.Add("#\n\n##### 深\n\n#\t标题")
	f.Add(strings.Repeat("# 标题\n\n", 30))
	f.Fuzz(func(t *testing.T, text string) {
		bs, _ := Parse("t.txt", text, nil)
		for _, b := range bs {
			if b.Level < 0 || b.Level > MaxLevels || (b.Level > 0 && b.Number == "") {
				t.Fatalf("bad block %+v", b)
			}
		}
	})
}

// FuzzTemplateOutput runs arbitrary templates over a little data: none
// panics, and none makes more text than MaxExpandedSize, however it pads,
// repeats or keeps text in variables (issue #25).
func FuzzTemplateOutput(f *testing.F) {
	f.Add(`{{printf "%200[1]s%200[1]s" "x"}}`)
	f.Add(`{{range 999000}}{{$x := printf "%9s" "x"}}{{end}}`)
	f.Add(`{{$x := print "ab"}}{{$x = print $x $x $x}}{{$x}}`)
	f.Add(`{{printf "%[3]*.[2]*[1]f" 12.0 2 6}}{{println .N}}`)
	f.Fuzz(func(t *testing.T, src string) {
		out, _ := Execute("t.txt", src, map[string]any{"N": 3, "S": "甲乙"})
		if len(out) > MaxExpandedSize {
			t.Fatalf("%d bytes of text", len(out))
		}
	})
}
