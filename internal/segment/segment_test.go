package segment

import (
	"strings"
	"sync"
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

// A cut started early (Warm) and asked for at once from several
// goroutines is made once and is the cut Words makes alone; each caller
// gets its own copy.
func TestWarmThenWordsAtOnce(t *testing.T) {
	const text = "关于做好2025年春季防火期前森林草原防灭火工作的通知"
	want := strings.Join(cut(text), "/")
	memo.Lock()
	memo.cuts = nil
	memo.Unlock()
	Warm(text)
	got := make([][]string, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i] = Words(text) })
	}
	wg.Wait()
	for i, ws := range got {
		if strings.Join(ws, "/") != want {
			t.Errorf("caller %d: %s, want %s", i, strings.Join(ws, "/"), want)
		}
	}
	got[0][0] = "x"
	if Words(text)[0] == "x" {
		t.Error("a caller's words are the memo's")
	}
	memo.Lock()
	n := len(memo.cuts)
	memo.Unlock()
	if n != 1 {
		t.Errorf("%d cuts kept, want 1", n)
	}
}
