package segment

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// scan is the list read whole, line by line, as every text once was: the
// reference the index is held to.
func scan(keep func(word string) bool) (words []entry, total float64) {
	lines(func(_ int, line string) {
		if e, ok := parseLine(line); ok {
			total += e.freq
			if keep(e.word) {
				words = append(words, e)
			}
		}
	})
	return words, total
}

func TestListTotalIsTheList(t *testing.T) {
	if _, total := scan(func(string) bool { return false }); total != listTotal {
		t.Errorf("the list's words' frequencies sum to %v; listTotal is %v (a new gse?): set it", total, listTotal)
	}
}

// The index finds in a text exactly the words of the list that a scan of
// the whole list finds, with the same frequencies, in the same order.
func TestIndexFindsWhatAScanFinds(t *testing.T) {
	for _, text := range []string{
		"关于做好2025年春季防火期前森林草原防灭火工作的通知",
		"关于2024年下半年政府网站与政务新媒体检查和年度监管工作情况的通报",
		"四川省人民政府办公厅关于印发四川省进一步优化营商环境若干措施的通知",
		"中华人民共和国国务院令第123号",
		"a", "年", "GB/T 9704-2012", "劳动防护生化学考察队员岗上",
	} {
		want, _ := scan(func(w string) bool { return strings.Contains(text, w) })
		got := within(text)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s:\nindex %v\nscan  %v", text, got, want)
		}
		if len(want) == 0 && text != "a" && text != "GB/T 9704-2012" {
			t.Errorf("%s: no word of the list found", text)
		}
	}
}

// BenchmarkIndex is the index's making, once a process.
func BenchmarkIndex(b *testing.B) {
	for b.Loop() {
		theIndexOnce = sync.Once{}
		listIndex()
	}
}
