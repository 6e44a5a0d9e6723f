package layout

import (
	"strings"
	"testing"

	"gongwen/internal/doc"
)

// An organ's name in the 主送 or the 抄送 is never cut over two lines when
// it fits one: for every length of the list before it, each name of a
// line-breaking list stands whole on one line.
func TestOrganNamesAreNotCut(t *testing.T) {
	names := []string{"县纪委监委", "县人大常委会办公室", "县政协办公室", "县人民法院", "县人民检察院", "县人武部"}
	cut := 0
	for pad := 0; pad < 14; pad++ {
		lead := strings.Repeat("甲", pad+2) + "局"
		d := testDoc([]doc.Block{{Kind: doc.Paragraph, Text: "正文。"}})
		d.CC = append([]string{lead}, names...)
		d.Recipients = lead + "，" + strings.Join(names, "，")
		for _, p := range compose(t, d) {
			for _, tx := range p.Texts {
				s := tx.String()
				for _, n := range names {
					for k := 1; k < len([]rune(n)); k++ {
						head, tail := string([]rune(n)[:k]), string([]rune(n)[k:])
						if strings.HasSuffix(s, head) && !strings.HasSuffix(s, n) {
							t.Errorf("pad %d: a line ends %q, cutting %s before %q", pad, s, n, tail)
							cut++
						}
					}
				}
			}
		}
	}
	t.Logf("%d cuts", cut)
}
