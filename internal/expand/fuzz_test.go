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
