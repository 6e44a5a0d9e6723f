package lint

// checks.go: the rules of rules.go that the first eight checks (lint.go)
// did not cover: punctuation and numbers in a stretch of text, dates,
// citations, terms, and what the data says of the document as a whole.

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gongwen/internal/doc"
	"gongwen/internal/format"
	"gongwen/internal/input"
)

// Settings are the rules turned off and the terms added, from the data
// file's [lint] and the project's lint.toml.
type Settings struct {
	Off   []string
	Terms [][2]string
}

// Load gathers the settings of document d: its [lint] table, and the
// nearest lint.toml in the data file's folder or the folder above it (the
// project's). The lint.toml read is added to d.Files, so the archive
// record holds it. A rule id that names no rule is an error at its place.
func Load(d *doc.Document) (Settings, error) {
	set := Settings{Off: d.Lint.Off, Terms: d.Lint.Terms}
	var errs doc.Errors
	for _, id := range d.Lint.Off {
		if _, ok := ByID(id); !ok {
			errs = append(errs, doc.Errorf(d.Lint.OffPos[id], "lint.off: there is no rule %q (gongwen check --rules lists them)", id))
		}
	}
	dir := filepath.Dir(d.Source)
	for _, p := range []string{filepath.Join(dir, "lint.toml"), filepath.Join(dir, "..", "lint.toml")} {
		if _, err := os.Lstat(p); err != nil {
			continue
		}
		src, err := d.Sources.ReadText(p, input.Data)
		if err != nil {
			errs = append(errs, err)
			break
		}
		own, err := doc.LoadLint(p, string(src))
		if err != nil {
			errs = append(errs, err)
			break
		}
		for _, id := range own.Off {
			if _, ok := ByID(id); !ok {
				errs = append(errs, doc.Errorf(own.OffPos[id], "off: there is no rule %q (gongwen check --rules lists them)", id))
			}
		}
		set.Off = append(set.Off, own.Off...)
		set.Terms = append(set.Terms, own.Terms...)
		d.Files = append(d.Files, p)
		break
	}
	if len(errs) > 0 {
		return set, errs
	}
	return set, nil
}

// builtinTerms are misuses frequent in drafts, each with the word meant
// (《现代汉语词典》 and 《第一批异形词整理表》 for 其它/其他).
var builtinTerms = [][2]string{
	{"按排", "安排"}, {"布署", "部署"}, {"既使", "即使"}, {"即然", "既然"}, {"做为", "作为"},
	{"其它", "其他"}, {"必需要", "必须要"}, {"必需坚持", "必须坚持"}, {"贯切", "贯彻"},
	{"凑和", "凑合"}, {"国藉", "国籍"}, {"松驰", "松弛"}, {"座落", "坐落"}, {"再接再励", "再接再厉"},
	{"迫不急待", "迫不及待"}, {"一愁莫展", "一筹莫展"}, {"默守成规", "墨守成规"}, {"不径而走", "不胫而走"},
	{"谈笑风声", "谈笑风生"}, {"出奇不意", "出其不意"},
}

var (
	dunDeng      = regexp.MustCompile(`、等`)
	badEllipsis  = regexp.MustCompile(`\.{3,}|。{3,}|(^|[^…])…([^…]|$)`)
	badDash      = regexp.MustCompile(`\p{Han}(--|—)\p{Han}`)
	fullAlnum    = regexp.MustCompile(`[０-９Ａ-Ｚａ-ｚ]+`)
	percentSpace = regexp.MustCompile(`[0-9] +%`)
	approx       = regexp.MustCompile(`(约|大约)[^，。；！？]*?(左右|上下)`)
	numeralMix   = regexp.MustCompile(`[0-9]+[十百千]([^米克瓦伏帕焦卡赫]|$)`)
	rangeHyphen  = regexp.MustCompile(`(^|[^0-9])[0-9]{1,4}(?:\.[0-9]+)?-[0-9]{1,4}(?:\.[0-9]+)?\p{Han}`)
	percentRange = regexp.MustCompile(`(^|[^0-9.%])[0-9]+(?:\.[0-9]+)?[～~—-][0-9]+(?:\.[0-9]+)?%`)
	rangeMark    = regexp.MustCompile(`[0-9][～—][0-9]`)
	wanyuan      = regexp.MustCompile(`[0-9]+(?:\.([0-9]+))?万元`)
	shortYear    = regexp.MustCompile(`(^|[^0-9])([0-9]{2})年[0-9]{1,2}月`)
	hanziDate    = regexp.MustCompile(`[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月`)
	fullDate     = regexp.MustCompile(`([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日`)
	doneDate     = regexp.MustCompile(`已(?:于|经|在)?([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日`)
	numberParen  = regexp.MustCompile(`\p{Han}[（(]([0-9]{4})[）)]([0-9]+)号`)
	numberZero   = regexp.MustCompile(`〔[0-9]{4}〕(0[0-9]*)号`)
	numberDi     = regexp.MustCompile(`〔[0-9]{4}〕第[0-9]+号`)
	citeOrder    = regexp.MustCompile(`〔[0-9]{4}〕[0-9]+号[）)]?《`)
	repeated     = regexp.MustCompile(`的的|和和|在在|与与|及及`)
	jiezhi       = regexp.MustCompile(`截止(?:到)?([0-9]|目前|今|本月|本年|当前)`)
	annexCite    = regexp.MustCompile(`附件([0-9]+)`)
	annexCites   = regexp.MustCompile(`附件(?:[0-9]+|[一二三四五六七八九十]+)(?:\s*[、和及与至到～~—－-]\s*(?:附件)?(?:[0-9]+|[一二三四五六七八九十]+))*`)
	annexPart    = regexp.MustCompile(`([至到～~—－-])?\s*(?:附件)?([0-9]+|[一二三四五六七八九十]+)`)
	annexTyped   = regexp.MustCompile(`^\s*附件(?:[：:]|[0-9]+[.．、])`)
	level1       = regexp.MustCompile(`^\s*(?:#\s|[一二三四五六七八九十]+、)`)
)

// sentenceMarks are the marks that are never written twice in a row.
const sentenceMarks = "，。、；：？！"

// triggers are text a regular expression cannot match without: a stretch
// that holds none is not searched (the rules run over every paragraph).
var triggers = map[*regexp.Regexp][]string{
	dunDeng: {"、等"}, badEllipsis: {"...", "。。。", "…"}, badDash: {"--", "—"},
	percentSpace: {"%"}, approx: {"约"}, numeralMix: {"十", "百", "千"}, rangeHyphen: {"-"},
	percentRange: {"%"}, rangeMark: {"～", "—"}, wanyuan: {"万元"}, shortYear: {"年"},
	hanziDate: {"年"}, fullDate: {"日"}, doneDate: {"已"}, numberParen: {"号"}, numberZero: {"〔"},
	numberDi: {"第"}, citeOrder: {"《"}, jiezhi: {"截止"}, annexCite: {"附件"},
}

// mayMatch says whether s holds what re needs (triggers, or for the full
// width letters and digits one of them).
func mayMatch(re *regexp.Regexp, s string) bool {
	if re == fullAlnum {
		return strings.IndexFunc(s, func(r rune) bool { return r >= '０' && r <= 'ｚ' }) >= 0
	}
	need, ok := triggers[re]
	if !ok {
		return true
	}
	for _, t := range need {
		if strings.Contains(s, t) {
			return true
		}
	}
	return false
}

// annexRef is 附件N cited in the text.
type annexRef struct {
	n   int
	pos doc.Pos
}

// more runs the rules of this file on one stretch of text.
func (c *Checker) more(file string, u unit, s string, byteToChar func(int) int, template bool) {
	pos := func(b int) doc.Pos { return at(file, u[min(byteToChar(b), len(u)-1)]) }
	each := func(re *regexp.Regexp, group int, fn func(m []int)) {
		if !mayMatch(re, s) {
			return
		}
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			if m[2*group] >= 0 {
				fn(m)
			}
		}
	}
	// A stretch is one paragraph or one line of data; a template paragraph
	// may be several lines (one each when pasted), so line ends count.
	for _, line := range lineStarts(s) {
		text := s[line[0]:line[1]]
		if n := len(text); n > 1 && strings.IndexByte(",.;:?!", text[n-1]) >= 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:n-1]); unicode.Is(unicode.Han, r) {
				k := line[0] + n - 1
				c.warn(rHalfWidthEnd, pos(k), "half-width %q ends a Chinese sentence: write %s", s[k:k+1], string([]rune(fullWidth[rune(s[k])])[0]))
			}
		}
		if template && annexTyped.MatchString(text) {
			c.warn(rAnnexInBody, pos(line[0]), "an 附件说明 typed in the body: give each annex as [[attachments]] in the data file, and gongwen writes the 附件说明 (GB/T 9704-2012 7.3.4)")
		}
		if template && level1.MatchString(text) && strings.HasSuffix(strings.TrimSpace(text), "。") && strings.Count(text, "。") == 1 {
			c.warn(rHeadingPeriod, pos(line[0]+strings.LastIndex(text, "。")), "a heading on its own line ends in 。: leave the 。 out (or go on after it, and the heading is run in)")
		}
	}
	var prev rune
	for _, ch := range u { // a mark after a mark, actions between them aside
		if ch.r == masked {
			continue
		}
		if strings.ContainsRune(sentenceMarks, ch.r) && strings.ContainsRune(sentenceMarks, prev) {
			c.warn(rDoubledMark, at(file, ch), "%s is doubled: keep one mark", string(prev)+string(ch.r))
		}
		prev = ch.r
	}
	each(dunDeng, 0, func(m []int) {
		c.warn(rDunDeng, pos(m[0]), "a 顿号 before 等: leave out the 、 (GB/T 15834-2011 4.5.3.5)")
	})
	each(badEllipsis, 0, func(m []int) {
		c.warn(rEllipsis, pos(m[0]), "an ellipsis is two marks, ……: %q is not one", strings.Trim(s[m[0]:m[1]], "\x00"))
	})
	each(badDash, 1, func(m []int) {
		c.warn(rDash, pos(m[2]), "a dash between words is two marks, ——: %q is not one", s[m[2]:m[3]])
	})
	c.quotes(file, u)
	for i, ch := range u {
		switch ch.r {
		case '「', '」', '『', '』':
			c.warn(rCornerQuotes, at(file, ch), "%q is for vertical text: write “” (or ‘’ inside them)", string(ch.r))
		case ' ', '\u3000':
			if i > 0 && i+1 < len(u) && unicode.Is(unicode.Han, u[i-1].r) && unicode.Is(unicode.Han, u[i+1].r) && template {
				c.warn(rSpaceInChinese, at(file, ch), "a space between Chinese characters: take it out")
			}
		}
	}
	each(fullAlnum, 0, func(m []int) {
		c.warn(rFullWidthAlnum, pos(m[0]), "full-width %q: write the ordinary digits and letters (%s)", s[m[0]:m[1]], halfWidth(s[m[0]:m[1]]))
	})
	each(percentSpace, 0, func(m []int) {
		c.warn(rPercentSpace, pos(m[0]), "a space before %%: write the number and %% together")
	})
	each(approx, 0, func(m []int) {
		c.warn(rApproxTwice, pos(m[2]), "%s and %s both say the figure is not exact: keep one", s[m[2]:m[3]], s[m[4]:m[5]])
	})
	each(numeralMix, 0, func(m []int) {
		c.warn(rNumeralMix, pos(m[0]), "%q mixes Arabic digits with a Chinese numeral: only 万 and 亿 go with digits (GB/T 15835-2011)", strings.TrimRightFunc(s[m[0]:m[1]], func(r rune) bool { return !strings.ContainsRune("0123456789十百千", r) }))
	})
	each(rangeHyphen, 0, func(m []int) {
		k := m[0] + strings.IndexByte(s[m[0]:m[1]], '-')
		c.warn(rRangeHyphen, pos(k), "a range written with a hyphen: write ～ (3～5天)")
	})
	each(percentRange, 0, func(m []int) {
		k := m[0] + len(s[m[0]:m[2]]) // after the lead
		if strings.ContainsRune(s[k:m[1]-1], '%') {
			return
		}
		c.warn(rPercentRange, pos(m[2]), "a range of percentages: write %% after both figures (10%%～20%%)")
	})
	each(rangeMark, 0, func(m []int) {
		r, _ := firstRune(s[m[0]+1:])
		if c.ranges == nil {
			c.ranges = map[rune]doc.Pos{}
		}
		if _, ok := c.ranges[r]; !ok {
			c.ranges[r] = pos(m[0] + 1)
			other := map[rune]rune{'～': '—', '—': '～'}[r]
			if first, ok := c.ranges[other]; ok {
				c.warn(rRangeMarks, pos(m[0]+1), "ranges are written with %c here and with %c at %s: use one mark throughout", r, other, first)
			}
		}
	})
	places := -1
	each(wanyuan, 0, func(m []int) {
		p := 0
		if m[2] >= 0 {
			p = m[3] - m[2]
		}
		if places >= 0 && p != places {
			c.warn(rWanyuanDecimals, pos(m[0]), "%s has %d decimal places where an amount before it in the paragraph has %d: give amounts in 万元 the same places", s[m[0]:m[1]], p, places)
		}
		if places < 0 {
			places = p
		}
	})
	each(shortYear, 2, func(m []int) {
		c.warn(rDateShortYear, pos(m[4]), "the year %s年 is short: write it in full (20%s年)", s[m[4]:m[5]], s[m[4]:m[5]])
	})
	each(hanziDate, 0, func(m []int) {
		c.warn(rDateHanzi, pos(m[0]), "a date in Chinese numerals: write it in Arabic digits (2025年3月5日)")
	})
	each(fullDate, 0, func(m []int) {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		dd, _ := strconv.Atoi(s[m[6]:m[7]])
		if t := time.Date(y, time.Month(mo), dd, 0, 0, 0, 0, time.UTC); mo < 1 || mo > 12 || dd < 1 || t.Day() != dd {
			c.warn(rDateInvalid, pos(m[0]), "%s is not a date that exists", s[m[0]:m[1]])
		}
	})
	if template && c.d.Date.Year != 0 {
		each(doneDate, 0, func(m []int) {
			y, _ := strconv.Atoi(s[m[2]:m[3]])
			mo, _ := strconv.Atoi(s[m[4]:m[5]])
			dd, _ := strconv.Atoi(s[m[6]:m[7]])
			if t := time.Date(y, time.Month(mo), dd, 0, 0, 0, 0, time.UTC); t.After(dateOf(c.d.Date)) {
				c.warn(rDateAfterDone, pos(m[0]), "%s is said done (已), yet it is after the 成文日期 %s", s[m[0]+len("已"):m[1]], c.d.Date.String())
			}
		})
	}
	each(numberParen, 0, func(m []int) {
		c.warn(rNumberParens, pos(m[2]-len("（")), "a document number's year in （）: write 〔%s〕%s号 (GB/T 9704-2012 7.2.5)", s[m[2]:m[3]], s[m[4]:m[5]])
	})
	each(numberZero, 1, func(m []int) {
		c.warn(rNumberZero, pos(m[2]), "a document number's serial %s has leading zeros: write %s (GB/T 9704-2012 7.2.5)", s[m[2]:m[3]], strings.TrimLeft(s[m[2]:m[3]], "0"))
	})
	each(numberDi, 0, func(m []int) {
		c.warn(rNumberDi, pos(m[0]), "a document number's serial takes no 第 (GB/T 9704-2012 7.2.5)")
	})
	each(citeOrder, 0, func(m []int) {
		c.warn(rCiteOrder, pos(m[0]), "a document is cited by its number before its title: cite 《title》（number）")
	})
	each(repeated, 0, func(m []int) {
		if m[0] > 0 && strings.HasPrefix(s[m[0]-len("不"):], "不") {
			return
		}
		c.warn(rRepeatedWord, pos(m[0]), "%s is a word typed twice", s[m[0]:m[1]])
	})
	each(jiezhi, 0, func(m []int) {
		c.warn(rJiezhi, pos(m[0]), "截止 before a time: write 截至 (截止 is the end of something: 截止日期)")
	})
	for _, t := range c.terms {
		for k := 0; ; {
			i := strings.Index(s[k:], t[0])
			if i < 0 {
				break
			}
			c.warn(rTerms, pos(k+i), "%s is a frequent misuse: write %s", t[0], t[1])
			k += i + len(t[0])
		}
	}
	if template {
		for _, w := range watched {
			if k := strings.Index(s, w); k >= 0 {
				if _, ok := c.firsts[w]; !ok {
					c.firsts[w] = pos(k)
				}
			}
		}
		each(annexCite, 1, func(m []int) {
			n, _ := strconv.Atoi(s[m[2]:m[3]])
			c.annexRefs = append(c.annexRefs, annexRef{n, pos(m[0])})
		})
	}
}

// watched are the words whose first place in the template the rules of
// the whole document name.
var watched = []string{"并请", "同时请", "另请", "请批示", "请审批", "妥否", "请批准"}

// firstAt is where word first stands in the template, or the template's
// start.
func (c *Checker) firstAt(word string) doc.Pos {
	if p, ok := c.firsts[word]; ok {
		return p
	}
	return doc.Pos{File: c.d.Template, Line: 1, Col: 1}
}

// dateOf is d as a time.
func dateOf(d doc.Date) time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// lineStarts gives each line of s as [start, end) byte offsets.
func lineStarts(s string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			out = append(out, [2]int{start, i})
			start = i + 1
		}
	}
	return out
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}

// halfWidth is s with full-width digits and letters made ordinary.
func halfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= 'ｚ' {
			return r - '０' + '0'
		}
		return r
	}, s)
}

// quotes reports a “ opened inside an open “: the inner pair is ‘’.
func (c *Checker) quotes(file string, u unit) {
	open := 0
	for _, ch := range u {
		switch ch.r {
		case '“':
			if open > 0 {
				c.warn(rQuoteNesting, at(file, ch), "a quotation inside a quotation takes ‘’: write “…‘…’…”")
			}
			open++
		case '”':
			if open > 0 {
				open--
			}
		}
	}
}

// typedDecimals reports a decimal or a percentage typed in the template
// that the data computes: a column's total printed with its places.
func (c *Checker) typedDecimals(file string, u unit, s string, byteToChar func(int) int) {
	for _, m := range numberRe.FindAllStringIndex(s, -1) {
		num := s[m[0]:m[1]]
		if !strings.Contains(num, ".") {
			continue
		}
		fs := c.decimals[num]
		if len(fs) == 0 {
			continue
		}
		c.warn(rTypedDecimal, at(file, u[byteToChar(m[0])]), "%s is typed, yet the data computes it (%s): write %s, so that it follows a correction", num, fs[0].what, fs[0].expr)
	}
}

// document runs the rules that read the data as a whole.
func (c *Checker) document() {
	d := c.d
	if d.Printed.Year != 0 && d.Date.Year != 0 && dateOf(d.Printed).Before(dateOf(d.Date)) {
		c.warn(rPrintedBefore, d.At("imprint.date"), "the 印发日期 %s is before the 成文日期 %s", d.Printed, d.Date)
	}
	title := strings.TrimSpace(d.TitleText())
	kind := ""
	for _, k := range Kinds {
		if strings.HasSuffix(title, k) && len(k) > len(kind) {
			kind = k
		}
	}
	titleAt := d.At("title")
	if kind != "" {
		rest := strings.TrimSuffix(title, kind)
		for _, k := range Kinds {
			if strings.HasSuffix(rest, k) {
				c.warn(rTitleTwoKinds, c.find(titleAt, k+kind), "the title ends in two 文种, %s and %s: a document is of one 文种", k, kind)
			}
		}
	}
	if d.Kind != "" && kind != "" && kind != d.Kind {
		c.warn(rTitleKindData, c.find(titleAt, kind), "the title ends in %s, but the data says kind = %q", kind, d.Kind)
	}
	if kind == "" {
		kind = d.Kind
	}
	if d.Kind != "" {
		kind = d.Kind
	}
	for _, l := range d.Title {
		for _, r := range l {
			if strings.ContainsRune("，。；：！？,.;:!?", r) {
				c.warn(rTitlePunct, c.find(titleAt, string(r)), "the title holds %q: a title takes no punctuation but 《》、“”（） (GB/T 9704-2012 7.3.1)", string(r))
			}
		}
	}
	if strings.HasPrefix(title, "关于关于") {
		c.warn(rTitleGuanyu, c.find(titleAt, "关于关于"), "关于 is written twice")
	}
	body := c.body.String()
	switch kind {
	case "请示":
		if w := firstOf(body, "并请", "同时请", "另请"); w != "" {
			c.warn(rRequestOneMatter, c.firstAt(w), "a 请示 asks for one thing (一文一事): %q asks for another; send it as a 请示 of its own", w)
		}
		if !strings.Contains(d.Note, "联系人") || !regexp.MustCompile(`[0-9]{7,}`).MatchString(d.Note) {
			c.warn(rRequestContact, d.At("title"), "a 请示 names its contact person and telephone in the 附注: note = \"联系人：…，电话：…\"")
		}
	case "报告":
		if w := firstOf(body, "请批示", "请审批", "妥否", "请批准"); w != "" {
			c.warn(rReportNoRequest, c.firstAt(w), "a 报告 asks for nothing (%q): send what needs approval as a 请示", w)
		}
	}
	if k, err := format.KindByName(kind); err == nil && k.Direction == format.Upward && d.Format == k.Format && len(d.Signers) == 0 {
		c.warn(rUpwardSigner, d.At("title"), "a %s is a 上行文: give its 签发人 (signers = [\"…\"]; GB/T 9704-2012 7.2.6)", kind)
	}
	recipients := splitOrgans(d.Recipients)
	seen := map[string]bool{}
	for _, r := range recipients {
		if seen[r] {
			c.warn(rRecipientTwice, c.find(d.At("recipients"), r), "%s is named twice in the 主送", r)
		}
		seen[r] = true
	}
	ccSeen := map[string]bool{}
	for _, cc := range d.CC {
		if seen[cc] {
			c.warn(rCCTwice, c.find(d.At("imprint.cc"), cc), "%s is in the 主送 and in the 抄送: name it once", cc)
		} else if ccSeen[cc] {
			c.warn(rCCTwice, c.find(d.At("imprint.cc"), cc), "%s is named twice in the 抄送", cc)
		}
		ccSeen[cc] = true
		if r := []rune(cc); len(r) > 0 && strings.ContainsRune("。，、；,.;", r[len(r)-1]) {
			c.warn(rCCPunct, c.find(d.At("imprint.cc"), cc), "the 抄送 item %q ends in punctuation: leave it out, gongwen writes the marks", cc)
		}
	}
	if n := strings.TrimSpace(d.Note); strings.HasPrefix(n, "（") && strings.HasSuffix(n, "）") || strings.HasPrefix(n, "(") && strings.HasSuffix(n, ")") {
		c.warn(rNoteParens, d.At("note"), "the 附注 is typed in brackets: leave them out, gongwen writes （）")
	}
	for _, a := range d.Attachments {
		t := strings.TrimSpace(a.Title)
		if strings.HasPrefix(t, "《") && strings.HasSuffix(t, "》") {
			c.warn(rAnnexNameQuoted, c.find(a.Pos, a.Title), "the 附件说明 name %q takes no 《》", t)
		}
		if regexp.MustCompile(`^(附件)?[0-9]+[.．、]`).MatchString(t) {
			c.warn(rAnnexNameNumber, c.find(a.Pos, a.Title), "the 附件说明 name %q starts with a number: leave it out, gongwen numbers the annexes", t)
		}
	}
	for _, r := range c.annexRefs {
		if r.n > len(d.Attachments) {
			c.warn(rAnnexMissing, r.pos, "the text cites 附件%d, but the 附件说明 lists %d annexes", r.n, len(d.Attachments))
		}
	}
	c.uncitedAnnexes()
}

// uncitedAnnexes reports each annex the 附件说明 lists that the text (the
// body as expanded: a title a template action prints counts) never cites.
// A body that did not expand (a template that cannot be read or run, its
// own problem) says nothing of what the text cites.
func (c *Checker) uncitedAnnexes() {
	d := c.d
	if d.Template == "" || len(d.Attachments) == 0 || len(d.Body) == 0 {
		return
	}
	var b strings.Builder
	for _, bl := range d.Body {
		b.WriteString(bl.Number + bl.Head + bl.Text + "\n")
	}
	text := b.String()
	titles := make([]string, len(d.Attachments))
	for i, a := range d.Attachments {
		titles[i] = a.Title
	}
	for i, cited := range citedAnnexes(text, titles) {
		if cited {
			continue
		}
		a := d.Attachments[i]
		t := strings.TrimSpace(a.Title)
		if len(titles) == 1 {
			c.warn(rAnnexUnmentioned, c.find(a.Pos, a.Title), "the 附件说明 lists %q, but the text never mentions it: cite it where it belongs (见附件, or its title)", t)
		} else {
			c.warn(rAnnexUnmentioned, c.find(a.Pos, a.Title), "the 附件说明 lists 附件%d %q, but the text never mentions it: cite it where it belongs (见附件%d, or its title)", i+1, t, i+1)
		}
	}
}

// citedAnnexes says which of the annexes of these titles text cites: by
// 附件N (附件1, 附件一) with the numbers listed or ranged after it (附件1、2,
// 附件1至3, 附件1—附件3), by its title with or without 《》 (现将《…》印发给你们;
// spaces aside), or, when there is one annex, by the word 附件 (详见附件).
func citedAnnexes(text string, titles []string) []bool {
	cited := make([]bool, len(titles))
	if len(titles) == 1 && strings.Contains(text, "附件") {
		cited[0] = true
	}
	for _, m := range annexCites.FindAllString(text, -1) {
		prev := 0
		for _, p := range annexPart.FindAllStringSubmatch(m, -1) {
			n := annexNumber(p[2])
			from := n
			if p[1] != "" && prev > 0 && prev < n { // a range: the numbers between too
				from = prev + 1
			}
			for k := max(from, 1); k <= min(n, len(cited)); k++ {
				cited[k-1] = true
			}
			prev = n
		}
	}
	flat := strings.Join(strings.Fields(text), "")
	for i, t := range titles {
		t = strings.Join(strings.Fields(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(t), "《"), "》")), "")
		if t != "" && strings.Contains(flat, t) {
			cited[i] = true
		}
	}
	return cited
}

// annexNumber reads an annex's number in Arabic digits or in Chinese
// numerals up to 九十九 (附件十二); 0 when it is neither.
func annexNumber(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	digit := func(r rune) int { return strings.IndexRune("〇一二三四五六七八九", r) / len("一") }
	rs := []rune(s)
	switch {
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		return digit(rs[0])
	case len(rs) == 2 && rs[0] == '十':
		return 10 + digit(rs[1])
	case len(rs) == 2 && rs[1] == '十':
		return 10 * digit(rs[0])
	case len(rs) == 3 && rs[1] == '十':
		return 10*digit(rs[0]) + digit(rs[2])
	}
	return 0
}

// splitOrgans splits a 主送 into organs at ，、; and ,.
func splitOrgans(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("，、；,;：:", r) }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func firstOf(s string, words ...string) string {
	for _, w := range words {
		if strings.Contains(s, w) {
			return w
		}
	}
	return ""
}
