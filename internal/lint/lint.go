// Package lint owns the warnings about a draft that a proofreader would
// raise but that do not stop a build: half-width punctuation in Chinese
// text, unbalanced paired marks, document numbers and dates written the
// wrong way, an 附件说明 name ending in punctuation, a title that names no
// 文种, a figure typed in the template that the data computes, a title line
// break inside a word. It reads the data and template files for the exact
// place of each (FILE:LINE:COL) and knows nothing of layout or PDF.
package lint

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"gongwen/internal/doc"
	"gongwen/internal/input"
	"gongwen/internal/say"
)

// Warning is one thing in a draft that needs a second look.
type Warning struct {
	Pos  doc.Pos
	Msg  string
	Rule string // the id of the rule (rules.go)
	// Text is Msg as its format and values, for a printer.
	Text say.Text
}

func (w Warning) String() string { return w.Pos.String() + ": warning: " + w.Msg }

// Message is the warning as a message, for a printer.
func (w Warning) Message() say.Text { return doc.Placed(w.Pos, "warning: %s", w.Msg, w.Text) }

// Error is the warning as a problem (--strict).
func (w Warning) Error() error { return &doc.Error{Pos: w.Pos, Msg: w.Msg, Text: w.Text} }

// char is a character of a source file at its place.
type char struct {
	r         rune
	line, col int
}

// unit is a stretch of text checked as a whole: a paragraph of the
// template, a string of the data.
type unit []char

func (u unit) String() string {
	rs := make([]rune, len(u))
	for i, c := range u {
		rs[i] = c.r
	}
	return string(rs)
}

// masked stands for the characters of a template action: they are no
// text, yet keep the columns of what follows.
const masked = '\x00'

// Checker collects the warnings of one document.
type Checker struct {
	d       *doc.Document
	out     []Warning
	seen    map[string]bool
	figures map[int][]figure
	// Words, when set, segments a title into words (package segment); the
	// title-break check is skipped without it.
	Words func(string) []string
	off   map[string]bool // rules turned off
	terms [][2]string     // wrong → right
	// what the whole document's text holds, for the rules that look past
	// one paragraph
	body      strings.Builder // the template's text
	annexRefs []annexRef
	ranges    map[rune]doc.Pos // the first range written with each mark
	firsts    map[string]doc.Pos
	decimals  map[string][]figure // decimal figures the data computes, as printed
}

// figure is a number the data computes, with the template expression that
// quotes it.
type figure struct {
	what say.Text
	expr string
}

// Check returns the warnings of an expanded document, in file order.
// words segments text into words, for the title-break check; nil skips it.
func Check(d *doc.Document, words func(string) []string) []Warning {
	return CheckWith(d, words, Settings{Off: d.Lint.Off, Terms: d.Lint.Terms})
}

// CheckWith is Check with the settings of the document and its project
// (Load).
func CheckWith(d *doc.Document, words func(string) []string, set Settings) []Warning {
	c := &Checker{d: d, seen: map[string]bool{}, Words: words, off: map[string]bool{}, firsts: map[string]doc.Pos{}, terms: append(append([][2]string{}, builtinTerms...), set.Terms...)}
	for _, id := range set.Off {
		c.off[id] = true
	}
	c.collectFigures()
	for _, f := range d.Files {
		switch {
		case f == d.Template:
			src, err := d.Sources.ReadText(f, input.Template)
			if err != nil {
				continue
			}
			for _, u := range templateUnits(string(src)) {
				c.text(f, u, true)
			}
		case filepath.Base(f) == "lint.toml":
			// settings, not text
		case strings.HasSuffix(f, ".toml"):
			src, err := d.Sources.ReadText(f, input.Data)
			if err != nil {
				continue
			}
			for _, u := range tomlStrings(string(src)) {
				c.text(f, u, false)
			}
		}
	}
	c.title()
	c.attachments()
	for _, w := range d.Warnings { // the stages' own (doc.Document.Warnings)
		c.warn(rStructure, w.Pos, "%v", doc.Said(w.Msg, w.Text))
	}
	c.document()
	sort.SliceStable(c.out, func(i, j int) bool {
		a, b := c.out[i].Pos, c.out[j].Pos
		if a.File != b.File {
			return fileOrder(d, a.File) < fileOrder(d, b.File)
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return c.out
}

func fileOrder(d *doc.Document, f string) int {
	for i, g := range d.Files {
		if g == f {
			return i
		}
	}
	return len(d.Files)
}

func (c *Checker) warn(rule string, p doc.Pos, format string, args ...any) {
	if c.off[rule] {
		return
	}
	w := Warning{Pos: p, Msg: fmt.Sprintf(format, args...), Rule: rule, Text: say.Sprintf(format, args...)}
	if k := w.String(); !c.seen[k] {
		c.seen[k] = true
		c.out = append(c.out, w)
	}
}

func at(file string, ch char) doc.Pos { return doc.Pos{File: file, Line: ch.line, Col: ch.col} }

// templateUnits splits a template into paragraphs, its actions and
// comments masked. A line is a paragraph (package expand), but an action
// or comment that spans lines keeps them in one.
func templateUnits(src string) []unit {
	var out []unit
	var cur unit
	line, col := 1, 1
	depth := false
	rs := []rune(src)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if !depth && r == '{' && i+1 < len(rs) && rs[i+1] == '{' {
			depth = true
		}
		if r == '\n' {
			line, col = line+1, 1
			if !depth && len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		ch := char{r, line, col}
		if depth {
			ch.r = masked
			if r == '}' && i > 0 && rs[i-1] == '}' {
				depth = false
			}
		}
		cur = append(cur, ch)
		col++
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// tomlStrings finds the basic ("…") and literal ('…') one-line strings of a
// TOML file, outside comments: the texts the data gives.
func tomlStrings(src string) []unit {
	var out []unit
	settings := false // inside [lint]: rule ids and terms, not text
	for ln, l := range strings.Split(src, "\n") {
		if t := strings.TrimSpace(l); strings.HasPrefix(t, "[") {
			settings = t == "[lint]" || strings.HasPrefix(t, "[lint.")
		}
		if settings {
			continue
		}
		rs := []rune(l)
		for i := 0; i < len(rs); i++ {
			r := rs[i]
			if r == '#' {
				break
			}
			if r != '"' && r != '\'' {
				continue
			}
			if i+2 < len(rs) && rs[i+1] == r && rs[i+2] == r {
				break // a multi-line string: not checked
			}
			var u unit
			j := i + 1
			for ; j < len(rs) && rs[j] != r; j++ {
				if r == '"' && rs[j] == '\\' && j+1 < len(rs) {
					j++
				}
				u = append(u, char{rs[j], ln + 1, j + 1})
			}
			// A key written as a string is followed by "=": no text.
			// (Looked at rune by rune: the rest of a line of 20,000 names
			// made into a string for each would take their square.)
			k := j + 1
			for k < len(rs) && (rs[k] == ' ' || rs[k] == '\t') {
				k++
			}
			if k >= len(rs) || rs[k] != '=' {
				out = append(out, u)
			}
			i = j
		}
	}
	return out
}

// isChinese tells a Han character or full-width punctuation.
func isChinese(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF01 && r <= 0xFF60) || r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—'
}

// fullWidth is the Chinese mark for each half-width one (GB/T 15834-2011).
var fullWidth = map[rune]string{',': "，", '.': "。", ';': "；", ':': "：", '?': "？", '!': "！", '(': "（", ')': "）", '"': "“”", '\'': "‘’"}

// pairs are the paired marks whose balance is checked, open → close.
var pairs = map[rune]rune{'（': '）', '《': '》', '“': '”', '〔': '〕'}

var (
	docNumber = regexp.MustCompile(`\p{Han}([\[【])([0-9]{4})[\]】]([0-9]+)号`)
	dateRe    = regexp.MustCompile(`([0-9]{4})年([0-9]{1,2})月(?:([0-9]{1,2})日)?`)
	numberRe  = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?`)
)

// text runs the checks of a stretch of text.
func (c *Checker) text(file string, u unit, template bool) {
	neighbour := func(i, step int) rune {
		for k := i + step; k >= 0 && k < len(u); k += step {
			if r := u[k].r; r != ' ' && r != masked {
				return r
			}
		}
		return 0
	}
	for i, ch := range u {
		if fw, ok := fullWidth[ch.r]; ok && isChinese(neighbour(i, -1)) && isChinese(neighbour(i, 1)) {
			if q := []rune(fw); len(q) == 2 {
				// A quote: the opening or the closing one.
				c.warn(rHalfWidth, at(file, ch), "half-width %q between Chinese characters: write %c or %c", string(ch.r), q[0], q[1])
			} else {
				c.warn(rHalfWidth, at(file, ch), "half-width %q between Chinese characters: write %s", string(ch.r), fw)
			}
		}
	}
	c.balance(file, u)

	s := u.String()
	// Byte offsets of the regexps → characters of u.
	idx := make([]int, 0, len(s)+1)
	for i := range s {
		idx = append(idx, i)
	}
	byteToChar := func(b int) int { return sort.SearchInts(idx, b) }
	for _, m := range docNumber.FindAllStringSubmatchIndex(s, -1) {
		c.warn(rNumberBrackets, at(file, u[byteToChar(m[2])]), "a document number's year in %s: write 〔%s〕%s号 (〔〕 are U+3014 and U+3015; GB/T 9704-2012 7.2.5)",
			bracketName(s[m[0]:m[1]]), s[m[4]:m[5]], s[m[6]:m[7]])
	}
	for _, m := range dateRe.FindAllStringSubmatchIndex(s, -1) {
		lead := func(a, b int) bool { return a >= 0 && b-a == 2 && s[a] == '0' }
		if lead(m[4], m[5]) || lead(m[6], m[7]) {
			c.warn(rDateZero, at(file, u[byteToChar(m[0])]), "date %s with leading zeros: write %s", s[m[0]:m[1]], noZeros(s[m[0]:m[1]]))
		}
	}
	if template {
		c.typedFigures(file, u, s, byteToChar)
		c.typedDecimals(file, u, s, byteToChar)
		c.body.WriteString(s)
		c.body.WriteByte('\n')
	}
	c.more(file, u, s, byteToChar, template)
}

func bracketName(s string) string {
	if strings.Contains(s, "【") {
		return "【】"
	}
	return "[]"
}

// noZeros drops the leading zeros of a date's month and day.
func noZeros(s string) string {
	return dateRe.ReplaceAllStringFunc(s, func(m string) string {
		p := dateRe.FindStringSubmatch(m)
		mo, _ := strconv.Atoi(p[2])
		out := fmt.Sprintf("%s年%d月", p[1], mo)
		if p[3] != "" {
			d, _ := strconv.Atoi(p[3])
			out += fmt.Sprintf("%d日", d)
		}
		return out
	})
}

// balance reports a paired mark without its partner: a closing mark that
// closes nothing, an opening mark left open at the end of the unit.
func (c *Checker) balance(file string, u unit) {
	closes := map[rune]rune{}
	for o, cl := range pairs {
		closes[cl] = o
	}
	var open []char
	for _, ch := range u {
		if _, ok := pairs[ch.r]; ok {
			open = append(open, ch)
			continue
		}
		o, ok := closes[ch.r]
		if !ok {
			continue
		}
		// Close the innermost open mark of its kind; marks of other kinds
		// opened after it are left unclosed.
		k := len(open) - 1
		for k >= 0 && open[k].r != o {
			k--
		}
		if k < 0 {
			c.warn(rUnbalanced, at(file, ch), "%q closes nothing: its %q is missing", string(ch.r), string(o))
			continue
		}
		for _, un := range open[k+1:] {
			c.warn(rUnbalanced, at(file, un), "%q is not closed: its %q is missing", string(un.r), string(pairs[un.r]))
		}
		open = open[:k]
	}
	for _, un := range open {
		c.warn(rUnbalanced, at(file, un), "%q is not closed: its %q is missing", string(un.r), string(pairs[un.r]))
	}
}

// collectFigures lists the figures the template could compute instead of
// quoting: each figures column's total and each list column's count.
func (c *Checker) collectFigures() {
	c.figures = map[int][]figure{}
	c.decimals = map[string][]figure{}
	for i, a := range c.d.Attachments {
		t := a.Table
		if t == nil {
			continue
		}
		for _, col := range t.Columns {
			name := col.Title
			if name == "" {
				name = col.Key
			}
			switch {
			case col.Figures:
				if f, err := t.Total(col.Key); err == nil && !f.IsWhole() {
					c.decimals[f.String()] = append(c.decimals[f.String()], figure{
						say.Sprintf("附件%d's total of %s", i+1, name),
						fmt.Sprintf(`{{(.Annex %d).Total %q}}`, i+1, col.Key)})
				}
				if f, err := t.Total(col.Key); err == nil && f.IsWhole() && f.Value.IsInteger() {
					n := int(f.Value.IntPart())
					c.figures[n] = append(c.figures[n], figure{
						say.Sprintf("附件%d's total of %s", i+1, name),
						fmt.Sprintf(`{{(.Annex %d).Total %q}}`, i+1, col.Key)})
				}
			case col.List:
				if n, err := t.Count(col.Key); err == nil {
					c.figures[n] = append(c.figures[n], figure{
						say.Sprintf("附件%d's count of %s", i+1, name),
						fmt.Sprintf(`{{(.Annex %d).Count %q}}`, i+1, col.Key)})
				}
			}
		}
	}
}

// minFigure is the least typed number compared with the computed figures:
// below it, a coincidence (一、二 items, 3 days) is likelier than a copy.
const minFigure = 10

// typedFigures reports a number typed in the template that equals a figure
// the data computes; dates, document numbers and decimals are left alone.
func (c *Checker) typedFigures(file string, u unit, s string, byteToChar func(int) int) {
	for _, m := range numberRe.FindAllStringIndex(s, -1) {
		num := s[m[0]:m[1]]
		n, err := strconv.Atoi(num)
		if err != nil || n < minFigure {
			continue
		}
		before, after := rune(0), rune(0)
		if k := byteToChar(m[0]) - 1; k >= 0 {
			before = u[k].r
		}
		if k := byteToChar(m[1]); k < len(u) {
			after = u[k].r
		}
		if strings.ContainsRune("年月日号〕]】%", after) || strings.ContainsRune("〔[【", before) || before == masked || after == masked {
			continue
		}
		fs := c.figures[n]
		if len(fs) == 0 {
			continue
		}
		var what []any
		var expr []string
		for _, f := range fs {
			what = append(what, f.what)
			expr = append(expr, f.expr)
		}
		// each figure a message of its own, listed
		list := say.Sprintf(strings.TrimSuffix(strings.Repeat("%v, ", len(what)), ", "), what...)
		c.warn(rTypedFigure, at(file, u[byteToChar(m[0])]), "%s is typed, yet the data computes it (%s): write %s, so that it follows a correction",
			num, list, strings.Join(expr, " or "))
	}
}

// Kinds are the 15 文种 of the 党政机关公文处理工作条例 (2012), article 8.
var Kinds = []string{"决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函", "纪要"}

// title checks the 标题: that it ends in a 文种, and that the data's line
// breaks fall between words.
func (c *Checker) title() {
	d := c.d
	full := strings.TrimSpace(d.TitleText())
	if full == "" {
		return
	}
	at := d.At("title")
	ok := false
	for _, k := range Kinds {
		if strings.HasSuffix(full, k) {
			ok = true
		}
	}
	if !ok {
		c.warn(rTitleKind, c.find(at, d.Title[len(d.Title)-1]), "the title does not end in one of the 15 文种 of the 党政机关公文处理工作条例 (%s)", strings.Join(Kinds, "、"))
	}
	if c.Words == nil || len(d.Title) < 2 {
		return
	}
	// The character offsets where the data breaks the title, and those
	// where words end.
	ends := map[int]bool{}
	n := 0
	for _, w := range c.Words(full) {
		n += len([]rune(w))
		ends[n] = true
	}
	n = 0
	for i, l := range d.Title[:len(d.Title)-1] {
		n += len([]rune(l))
		if !ends[n] {
			next := []rune(d.Title[i+1])
			prev := []rune(l)
			word := wordAround(c.Words(full), n)
			c.warn(rTitleBreak, c.find(at, d.Title[i+1]), "the title's line break %s／%s splits the word %s: break before or after it (GB/T 9704-2012 7.3.1: 词意完整)",
				string(prev[max(0, len(prev)-2):]), string(next[:min(2, len(next))]), word)
		}
	}
}

// wordAround is the word that spans character offset n.
func wordAround(words []string, n int) string {
	k := 0
	for _, w := range words {
		l := len([]rune(w))
		if k < n && n < k+l {
			return w
		}
		k += l
	}
	return ""
}

// attachments checks each 附件说明 name.
func (c *Checker) attachments() {
	for _, a := range c.d.Attachments {
		rs := []rune(strings.TrimSpace(a.Title))
		if len(rs) == 0 {
			continue
		}
		if last := rs[len(rs)-1]; unicode.IsPunct(last) && !strings.ContainsRune("）》”〕)", last) {
			c.warn(rAnnexNamePunct, c.find(a.Pos, a.Title), "the 附件说明 name %q ends in %q: a name takes no punctuation at its end (GB/T 9704-2012 7.3.4)", a.Title, string(last))
		}
	}
}

// find narrows a position to where text starts in its file, at or after
// it; failing that it keeps the position.
func (c *Checker) find(p doc.Pos, text string) doc.Pos {
	src, err := c.d.Sources.ReadText(p.File, input.Data)
	if err != nil || text == "" {
		return p
	}
	lines := strings.Split(string(src), "\n")
	for ln := max(p.Line, 1); ln <= len(lines); ln++ {
		if i := strings.Index(lines[ln-1], text); i >= 0 {
			return doc.Pos{File: p.File, Line: ln, Col: len([]rune(lines[ln-1][:i])) + 1}
		}
	}
	return p
}
