// Package segment owns Chinese word segmentation: where the words of a
// text begin and end, so that a title is broken between words (GB/T
// 9704-2012 7.3.1: 词意完整) and a break inside one can be pointed at.
//
// It uses the segmenter github.com/go-ego/gse (pure Go, Apache-2.0) with
// the word list its module embeds (gse.ZhIdf, about 270,000 words with
// their inverse document frequencies), and a few words of official
// documents that the list lacks. Loading gse's whole dictionary takes over
// a second, for every process; a title has a few dozen characters, so each
// text is segmented with the words made only of its own characters: the
// words it holds, found through an index of the list (a hash table made
// from it once and embedded, see index), by looking up each of its
// stretches no longer than the list's longest word. gse's
// maximum-probability route over the words (a dictionary DAG, no HMM
// guessing) gives the same cut as with the whole list, because the total
// frequency is kept.
package segment

import (
	_ "embed"
	"encoding/binary"
	"math"
	"math/bits"
	"sort"
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

// listTotal is the sum of the frequencies of the list's words, in its
// order; a test computes it from the list, so that a new gse cannot change
// it unseen. Summing it for every process took a pass over the list.
const listTotal = 7.936568434399666e+07

// entry is one word of the list and its frequency.
type entry struct {
	word string
	freq float64
}

// parseLine reads one line of the list: a word, a space, its inverse
// document frequency.
func parseLine(line string) (entry, bool) {
	word, idf, ok := strings.Cut(line, " ")
	if !ok || word == "" {
		return entry{}, false
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(idf), 64)
	if err != nil {
		return entry{}, false
	}
	return entry{word, math.Exp(scale - v)}, true
}

// lines calls f with each line of the list and its offset.
func lines(f func(off int, line string)) {
	for off := 0; off < len(gse.ZhIdf); {
		line := gse.ZhIdf[off:]
		next := len(gse.ZhIdf)
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line, next = line[:i], off+i+1
		}
		f(off, line)
		off = next
	}
}

// index finds a word's line in the list: an open-addressing hash table
// of 2^19 slots for the 270,000 words, each a line's offset plus one
// (zero is an empty slot) in its low bits and some bits of the word's
// hash above them, so that a probe seldom reads the list for a word that
// is not the one asked for. 2 MB, little-endian.
//
// Building it is a pass over the list's 6.2 MB, hashing each word into a
// random slot: 10 to 15 ms, for every process, on the first title. So it
// is built once, here, and embedded (index.bin, written by
// `go test ./internal/segment -run TestIndexIsTheList -update`): a process
// reads only the pages of the slots its titles probe. A test holds the
// embedded table to one built from the list; should the binary be built
// with a list it was not made from (gse upgraded, the test not run), its
// header does not match the list, and the table is built as before.
type index struct {
	slots   []byte // 4 bytes a slot
	offBits uint   // the low bits of a slot that hold the offset
	maxLen  int    // the longest word, in bytes
}

//go:embed index.bin
var embedded []byte

// The header of index.bin: a magic string, then, as little-endian
// 32-bit numbers, the list's length, the longest word's, the offset bits
// and the slot count, then a sample hash of the list (listSample).
const (
	magic      = "gwseg\x00\x00\x01"
	headerSize = len(magic) + 4*4 + 8
)

var (
	theIndexOnce sync.Once
	theIndex     *index
)

func listIndex() *index {
	theIndexOnce.Do(func() {
		if x, ok := decode(embedded); ok {
			theIndex = x
			return
		}
		theIndex = build()
	})
	return theIndex
}

// hash is FNV-1a (64 bits) with MurmurHash3's final mix, so that the low
// bits, which choose the slot, depend on every byte: a hash the same in
// every process, as an embedded table needs.
func hash(word string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(word); i++ {
		h ^= uint64(word[i])
		h *= 1099511628211
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// listSample is a hash of the list's first and last 4 KB: with its
// length, what tells an embedded table made from another list, without
// reading the list whole.
func listSample() uint64 {
	const n = 4096
	l := gse.ZhIdf
	if len(l) <= 2*n {
		return hash(l)
	}
	return hash(l[:n]) ^ hash(l[len(l)-n:])<<1
}

// build makes the index in one pass over the list.
func build() *index {
	n := strings.Count(gse.ZhIdf, "\n") + 1
	size := 1
	for size < n*3/2 {
		size <<= 1
	}
	offBits := uint(bits.Len(uint(len(gse.ZhIdf) + 1)))
	x := &index{slots: make([]byte, 4*size), offBits: offBits}
	lines(func(off int, line string) {
		word, _, ok := strings.Cut(line, " ")
		if !ok || word == "" {
			return
		}
		// The list holds each word once; were one there twice, the
		// first would be kept, as gse's dictionary keeps it.
		i, tag, found := x.slot(word)
		if !found {
			binary.LittleEndian.PutUint32(x.slots[4*i:], tag|uint32(off+1))
			x.maxLen = max(x.maxLen, len(word))
		}
	})
	return x
}

// encode is the index as index.bin holds it.
func (x *index) encode() []byte {
	b := []byte(magic)
	for _, v := range []int{len(gse.ZhIdf), x.maxLen, int(x.offBits), len(x.slots) / 4} {
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	b = binary.LittleEndian.AppendUint64(b, listSample())
	return append(b, x.slots...)
}

// decode reads index.bin, if it was made from this list.
func decode(b []byte) (*index, bool) {
	if len(b) < headerSize || string(b[:len(magic)]) != magic {
		return nil, false
	}
	u32 := func(i int) int { return int(binary.LittleEndian.Uint32(b[len(magic)+4*i:])) }
	size := u32(3)
	if u32(0) != len(gse.ZhIdf) || size == 0 || size&(size-1) != 0 || len(b) != headerSize+4*size ||
		binary.LittleEndian.Uint64(b[len(magic)+16:]) != listSample() {
		return nil, false
	}
	return &index{slots: b[headerSize:], maxLen: u32(1), offBits: uint(u32(2))}, true
}

// at is slot i.
func (x *index) at(i int) uint32 { return binary.LittleEndian.Uint32(x.slots[4*i:]) }

// slot is the slot holding word, or the empty one where it would go, and
// the hash bits a slot holding it has.
func (x *index) slot(word string) (i int, tag uint32, found bool) {
	h := hash(word)
	if x.offBits < 32 {
		tag = uint32(h>>32) << x.offBits
	}
	tagMask := ^uint32(0) << x.offBits
	if x.offBits >= 32 {
		tagMask = 0
	}
	mask := len(x.slots)/4 - 1
	for i = int(h) & mask; ; i = (i + 1) & mask {
		v := x.at(i)
		if v == 0 {
			return i, tag, false
		}
		if v&tagMask != tag {
			continue
		}
		off := int(v&^tagMask) - 1
		if off >= len(gse.ZhIdf) {
			continue
		}
		line := gse.ZhIdf[off:]
		if strings.HasPrefix(line, word) && len(line) > len(word) && line[len(word)] == ' ' {
			return i, tag, true
		}
	}
}

// find is word's line in the list and the line's offset.
func (x *index) find(word string) (line string, off int, ok bool) {
	i, _, found := x.slot(word)
	if !found {
		return "", 0, false
	}
	off = int(x.at(i)&(1<<x.offBits-1)) - 1
	line = gse.ZhIdf[off:]
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	return line, off, true
}

// within is the words of the list that text holds, with their frequencies,
// in the list's order: each stretch of text up to the longest word's
// length looked up.
func (x *index) within(text string) []entry {
	type found struct {
		off int
		e   entry
	}
	var fs []found
	for i := range text {
		for j := i + 1; j <= len(text) && j-i <= x.maxLen; j++ {
			if j < len(text) && !utf8.RuneStart(text[j]) {
				continue
			}
			line, off, ok := x.find(text[i:j])
			if !ok {
				continue
			}
			if e, ok := parseLine(line); ok {
				fs = append(fs, found{off, e})
			}
		}
	}
	// A word the text holds twice was found twice.
	sort.Slice(fs, func(a, b int) bool { return fs[a].off < fs[b].off })
	var out []entry
	for i, f := range fs {
		if i == 0 || f.off != fs[i-1].off {
			out = append(out, f.e)
		}
	}
	return out
}

// memo keeps the cuts made, by text: a document's titles are asked for
// by the layout (perhaps for several page plans) and by lint, and may have
// been started early (Warm). A cut being made is waited for, not made
// again.
var memo struct {
	sync.Mutex
	cuts map[string]*cutting
}

// cutting is one text's cut: words is set before done is closed.
type cutting struct {
	done  chan struct{}
	words []string
}

// memoSize bounds memo; past it, it starts again.
const memoSize = 256

// Words cuts text into words, in order; joined, they are text. Characters
// no word holds stand alone.
func Words(text string) []string {
	if text == "" {
		return nil
	}
	return append([]string(nil), cutOnce(text)...)
}

// Warm starts cutting text on another goroutine, for Words to find made:
// a build asks for its title's cut (lint, the layout of a long title line)
// after loading its fonts and laying out its pages, and the first cut of
// a process reads the pages of the index and the list it needs, about half
// a millisecond.
func Warm(text string) {
	if text != "" {
		go cutOnce(text)
	}
}

// cutOnce is text's cut, from memo, made by this call if no other is
// making it.
func cutOnce(text string) []string {
	memo.Lock()
	c, ok := memo.cuts[text]
	if !ok {
		if memo.cuts == nil || len(memo.cuts) >= memoSize {
			memo.cuts = map[string]*cutting{}
		}
		c = &cutting{done: make(chan struct{})}
		memo.cuts[text] = c
	}
	memo.Unlock()
	if ok {
		<-c.done
		return c.words
	}
	defer close(c.done)
	c.words = cut(text)
	return c.words
}

// cut is Words without the memo.
func cut(text string) []string {
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
	for _, e := range listIndex().within(text) {
		add(e.word, e.freq)
	}
	for _, w := range officialWords {
		if strings.Contains(text, w) {
			add(w, officialFreq)
		}
	}
	// The words left out still count in the total, which sets what a
	// route of many short words costs against one of few long ones: one
	// word of a private-use character, which no text holds, carries them.
	if rest := listTotal - kept; rest > 0 {
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
