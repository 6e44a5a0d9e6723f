// Package segment owns Chinese word segmentation: where the words of a
// text begin and end, so that a title is broken between words (GB/T
// 9704-2012 7.3.1: 词意完整) and a break inside one can be pointed at.
//
// It uses the segmenter github.com/go-ego/gse (pure Go, Apache-2.0) with
// the word list its module embeds (gse.ZhIdf, about 270,000 words with
// their inverse document frequencies), and a few words of official
// documents that the list lacks. Loading gse's whole dictionary takes over
// a second, for every process; a title has a few dozen characters, so each
// text is segmented with the words made only of its own characters, picked
// from the list in a few milliseconds. gse's maximum-probability route over
// the words (a dictionary DAG, no HMM guessing) gives the same cut as with
// the whole list, because the total frequency is kept.
package segment

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// officialWords are words of 公文 titles that the word list lacks, with a
// frequency like a common word's: a title must not be broken inside them.
var officialWords = []string{
	"新媒体", "政务新媒体", "防火期", "防灭火", "森林草原", "营商环境", "高质量发展",
	"常态化", "专项整治", "实施方案", "实施意见", "工作方案", "暂行办法", "管理办法",
	"若干措施", "若干意见", "年度监管", "乡村振兴", "数字政府", "一网通办",
}

// scale turns an inverse document frequency into a frequency: e^(scale −
// idf), so that the rarest words of the list (idf 13.9) still pass gse's
// least frequency of 2.
const scale = 15.0

// officialFreq is the frequency given to officialWords.
const officialFreq = 2000.0

var (
	totalOnce sync.Once
	total     float64 // of the whole list
)

// entries calls f with each word of the list, if keep allows it, and its
// frequency.
func entries(keep func(word string) bool, f func(word string, freq float64)) {
	s := gse.ZhIdf
	for len(s) > 0 {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		word, idf, ok := strings.Cut(line, " ")
		if !ok || word == "" || (keep != nil && !keep(word)) {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(idf), 64)
		if err != nil {
			continue
		}
		f(word, math.Exp(scale-v))
	}
}

// memo keeps the cuts made, by text: a document's titles are asked for
// by the layout (perhaps for several page plans) and by lint.
var memo struct {
	sync.Mutex
	cuts map[string][]string
}

// memoSize bounds memo; past it, it starts again.
const memoSize = 256

// Words cuts text into words, in order; joined, they are text. Characters
// no word holds stand alone.
func Words(text string) []string {
	if text == "" {
		return nil
	}
	memo.Lock()
	ws, ok := memo.cuts[text]
	memo.Unlock()
	if !ok {
		ws = cut(text)
		memo.Lock()
		if memo.cuts == nil || len(memo.cuts) >= memoSize {
			memo.cuts = map[string][]string{}
		}
		memo.cuts[text] = ws
		memo.Unlock()
	}
	return append([]string(nil), ws...)
}

// cut is Words without the memo.
func cut(text string) []string {
	totalOnce.Do(func() {
		entries(nil, func(_ string, freq float64) { total += freq })
	})
	chars := map[rune]bool{}
	for _, r := range text {
		chars[r] = true
	}
	usable := func(w string) bool {
		if len(w) > len(text) {
			return false
		}
		for _, r := range w {
			if !chars[r] {
				return false
			}
		}
		return strings.Contains(text, w)
	}
	// Tokens are added to gse's dictionary one by one: its loader would
	// give every single character the least frequency, and a route over a
	// rare two-character word (年下) would beat 年 + 下半年.
	seg := gse.Segmenter{NotLoadHMM: true}
	seg.Dict = gse.NewDict()
	kept := 0.0
	add := func(w string, freq float64) {
		if seg.Dict.AddToken(seg.ToToken(w, freq)) == nil {
			kept += freq
		}
	}
	entries(usable, add)
	for _, w := range officialWords {
		if usable(w) {
			add(w, officialFreq)
		}
	}
	// The words left out still count in the total, which sets what a
	// route of many short words costs against one of few long ones: one
	// word of a private-use character, which no text holds, carries them.
	if rest := total - kept; rest > 0 {
		add("\uE000", rest)
	}
	words := seg.Cut(text, false)
	if strings.Join(words, "") != text {
		return splitChars(text) // never expected: gse keeps every character
	}
	return words
}

// splitChars is text as one word per character, Latin words and numbers
// kept whole.
func splitChars(text string) []string {
	var out []string
	for _, r := range text {
		if n := len(out); n > 0 && isAlnum(r) && isAlnum(lastRune(out[n-1])) {
			out[n-1] += string(r)
			continue
		}
		out = append(out, string(r))
	}
	return out
}

func isAlnum(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
