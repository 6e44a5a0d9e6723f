package segment

import (
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"关于做好2025年春季防火期前森林草原防灭火工作的通知", "关于/做好/2025/年/春季/防火期/前/森林草原/防灭火/工作/的/通知"},
		{"关于2024年下半年政府网站与政务新媒体检查和年度监管工作情况的通报", "关于/2024/年/下半年/政府/网站/与/政务新媒体/检查和/年度监管/工作/情况/的/通报"},
		{"四川省人民政府办公厅关于印发四川省进一步优化营商环境若干措施的通知", "四川省人民政府/办公厅/关于/印发/四川省/进一步/优化/营商环境/若干措施/的/通知"},
		{"", ""},
	} {
		got := strings.Join(Words(c.text), "/")
		t.Logf("%s", got)
		if c.want != "" && got != c.want {
			t.Errorf("Words(%q) = %s, want %s", c.text, got, c.want)
		}
	}
}

func BenchmarkWords(b *testing.B) {
	Words("预热")
	for b.Loop() {
		cut("关于2024年下半年政府网站与政务新媒体检查和年度监管工作情况的通报")
	}
}
