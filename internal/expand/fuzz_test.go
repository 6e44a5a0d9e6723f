package expand

import (
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary text to the structure parser, with arbitrary
// characters taken as a figure's value (mask's bits, in turn): it never
// panics; every heading it returns has a number and a level from 1 to 4,
// every block text and no line break; every warning a line; and a block
// has no more characters than its line.
func FuzzParse(f *testing.F) {
	f.Add("开头。\n\n# 总体情况\n\n## 内容。正文。\n\n### 细目\n\n#### 小项", byte(0xff))
	f.Add("#\n\n##### 深\n\n#\t标题", byte(0xff))
	f.Add(strings.Repeat("# 标题\n\n", 30), byte(0xff))
	f.Add("通知如下：\n一、方向\n（一）重点。坚持\n(三)清单\n1.时间\n1.5亿元\n（1）项\n十一、后\n　　二、乙", byte(0xff))
	f.Add("一、甲\n1.细\n二十、乙\n（2）项\n断开的，\n一行", byte(0x5a))
	f.Fuzz(func(t *testing.T, text string, mask byte) {
		literal := func(i int) bool { return mask>>(i%8)&1 == 1 }
		b := parseBody("t.txt", text, nil, literal)
		if len(b.typed) != len(b.blocks) {
			t.Fatalf("%d typed counts for %d blocks", len(b.typed), len(b.blocks))
		}
		lines := strings.Split(text, "\n")
		for i, bl := range b.blocks {
			if bl.Level < 0 || bl.Level > MaxLevels || (bl.Level > 0 && bl.Number == "") {
				t.Fatalf("bad block %+v", bl)
			}
			all := bl.Number + bl.Head + bl.Text
			if bl.Head+bl.Text == "" || strings.Contains(all, "\n") {
				t.Fatalf("block %+v: no text, or a line break", bl)
			}
			if bl.Pos.Line < 1 || bl.Pos.Line > len(lines) || b.typed[i] > len([]rune(lines[bl.Pos.Line-1])) {
				t.Fatalf("block %+v at a line the text has not, or typed %d", bl, b.typed[i])
			}
		}
		for _, w := range b.warnings {
			if w.Pos.Line < 1 || w.Pos.Line > len(lines) {
				t.Fatalf("warning %v at a line the text has not", w)
			}
		}
	})
}
