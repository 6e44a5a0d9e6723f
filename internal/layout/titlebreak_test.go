package layout

import (
	"strings"
	"testing"

	"gongwen/internal/doc"
	"gongwen/internal/format"
	seg "gongwen/internal/segment"
)

// Titles of real 公文 given as one string, and how they are broken: at
// words, in balanced lines of a 梯形 or 菱形, never a lone character (GB/T
// 9704-2012 7.3.1). The 版心 holds 20 characters of the 22 pt title.
func TestTitlesBreakAtWords(t *testing.T) {
	c := &composer{f: format.Letter(), fonts: func(format.Role) Metrics { return gridFont{} }}
	for _, tc := range []struct{ title, want string }{
		// The issue's: given as one string it was broken 春季防／火期前.
		{"关于做好2025年春季防火期前森林草原防灭火工作的通知", "关于做好2025年春季防火期前/森林草原防灭火工作的通知"},
		{"关于2024年下半年政府网站与政务新媒体检查和年度监管工作情况的通报", "关于2024年下半年政府网站与政务新媒体/检查和年度监管工作情况的通报"},
		{"四川省人民政府办公厅关于印发四川省进一步优化营商环境若干措施的通知", "四川省人民政府办公厅关于印发四川省/进一步优化营商环境若干措施的通知"},
		{"国务院办公厅关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见", "国务院办公厅关于进一步优化政务服务提升/行政效能推动“高效办成一件事”的指导意见"},
		{"关于加强和改进新时代全省政府网站与政务新媒体建设管理工作的实施意见", "关于加强和改进新时代全省政府网站与/政务新媒体建设管理工作的实施意见"},
		{"国务院关于印发《新一代人工智能发展规划》的通知", "国务院关于印发《新一代/人工智能发展规划》的通知"},
		{"关于公布2024年度全省政务服务“好差评”工作考核结果暨表扬先进单位和个人的通报", "关于公布2024年度全省政务服务“好差评”/工作考核结果暨表扬先进单位和个人的通报"},
		{"关于进一步加强城乡居民基本医疗保险和大病保险制度衔接工作推动健康四川建设高质量发展的若干意见", "关于进一步加强城乡居民基本医疗保险/和大病保险制度衔接工作推动健康/四川建设高质量发展的若干意见"},
		{"四川省人民政府办公厅关于印发《四川省深入推进数字政府建设和政务数据共享开放促进经济社会高质量发展三年行动方案（2025—2027年）》的通知", "四川省人民政府办公厅关于印发/《四川省深入推进数字政府建设和政务/数据共享开放促进经济社会高质量发展/三年行动方案（2025—2027年）》的通知"},
		{"关于开展2025年全省安全生产大检查的通知", "关于开展2025年全省安全生产大检查的通知"},
	} {
		// Whatever the expected lines, each break falls between two
		// words of the segmenter and no line is one character.
		ends := map[int]bool{}
		k := 0
		for _, w := range seg.Words(tc.title) {
			k += len([]rune(w))
			ends[k] = true
		}
		got := titleTexts(c, tc.title)
		for _, l := range got {
			if letters(l) < 2 {
				t.Errorf("%s: line %q is one character", tc.title, l)
			}
		}
		k = 0
		for _, l := range got[:len(got)-1] {
			k += len([]rune(l))
			if !ends[k] {
				t.Errorf("%s: the break after %q is inside a word", tc.title, l)
			}
		}
		if strings.Join(got, "/") != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.title, strings.Join(got, "/"), tc.want)
		}
	}
}

// Lines the data gives are kept as they are when they fit, even where the
// words would be broken otherwise; a given line too long is broken at words.
func TestExplicitTitleLinesWin(t *testing.T) {
	c := &composer{f: format.Letter(), fonts: func(format.Role) Metrics { return gridFont{} }}
	for _, tc := range []struct{ line, want string }{
		{"关于做好2025年春季防", "关于做好2025年春季防"},
		{"关于做好2025年春季防火期前森林草原防灭火工作的通知", "关于做好2025年春季防火期前/森林草原防灭火工作的通知"},
	} {
		got := titleTexts(c, tc.line)
		if strings.Join(got, "/") != tc.want {
			t.Errorf("%s: got %s, want %s", tc.line, strings.Join(got, "/"), tc.want)
		}
	}
}

// titleTexts is the text of each line a title line is broken into.
func titleTexts(c *composer, title string) []string {
	return texts(c.titleLines(title, doc.Pos{}))
}

// An annex's title too long for its frame is broken between words too.
func TestAnnexTitleBreaksAtWords(t *testing.T) {
	c := &composer{f: format.Letter(), fonts: func(format.Role) Metrics { return gridFont{} }}
	title := "2024年下半年全省政府网站与政务新媒体检查情况及年度监管工作考核结果汇总表"
	got := texts(c.annexTitle(title, c.portrait(), doc.Pos{}, false))
	if want := "2024年下半年全省政府网站与政务新媒体/检查情况及年度监管工作考核结果汇总表"; strings.Join(got, "/") != want {
		t.Errorf("got %s, want %s", strings.Join(got, "/"), want)
	}
}
