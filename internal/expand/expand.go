// Package expand turns a document's body template into numbered blocks: it
// runs text/template over the document's data, then parses the light
// plain-text structure of the result (paragraphs separated by blank lines,
// "#"-marked headings) and derives the numbers 一、（一）1.（1） from it. It
// knows nothing of geometry, fonts or PDF.
package expand

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"unicode/utf8"

	"gongwen/internal/doc"
	"gongwen/internal/input"
)

// MaxLevels is the deepest heading level: GB/T 9704-2012 clause 7.3.3 names
// four (一、 （一） 1. （1）).
const MaxLevels = 4

// Limits that keep an absurd input from hanging a build: a 公文 paragraph
// holds a few hundred characters, a whole body a few tens of thousands. (A
// template file's size is bounded by package input.)
const (
	MaxExpandedSize = 8 << 20 // bytes of text a template may produce
	MaxBlockRunes   = 100_000 // characters in one paragraph
)

// Expand runs d's body template over d's data, and each text annex's
// template, whose blocks are numbered on their own (an annex is a document
// in its own right), and returns the product: a copy of d that holds the
// blocks (Body, and each annex's Body) and lists the templates among its
// Files. d itself is left as it was. When a template fails, the copy holds
// what could be expanded, with the error, so that the later stages can
// still check the rest.
func Expand(d *doc.Document) (*doc.Document, error) {
	x := *d
	x.Files = append([]string(nil), d.Files...)
	x.Attachments = append([]doc.Attachment(nil), d.Attachments...)
	body, err := expandFile(&x, x.Template, x.TemplatePos)
	if err != nil {
		return &x, err
	}
	x.Body = body
	for i := range x.Attachments {
		a := &x.Attachments[i]
		if a.Template == "" {
			continue
		}
		if a.Body, err = expandFile(&x, a.Template, a.TemplatePos); err != nil {
			return &x, err
		}
		if len(a.Body) == 0 {
			return &x, doc.Errorf(doc.Pos{File: a.Template}, "the annex's template holds no text")
		}
	}
	return &x, nil
}

// expandFile reads the template at path (named by the key at pos), runs it
// over d and parses its structure.
func expandFile(d *doc.Document, path string, pos doc.Pos) ([]doc.Block, error) {
	src, err := input.ReadText(path, input.Template)
	if at := doc.InputPos(path, err); at.Line > 0 {
		return nil, doc.Errorf(at, "%v", err) // in the template: not UTF-8
	}
	if err != nil {
		return nil, doc.Errorf(pos, "template %s: %v", path, err)
	}
	d.Files = append(d.Files, path)
	data := templateView(d)
	text, err := Execute(path, string(src), data)
	if err != nil {
		return nil, err
	}
	blocks, err := Parse(path, text, lineMap(string(src), text))
	if err != nil {
		return nil, err
	}
	// Where each character comes from (sources.go): the template run again
	// with markers, kept only if it gives the same text.
	var origins []origin
	marked, err := execute(path, string(src), data, func(t *template.Template) {
		origins = markTree(t, path, string(src), data)
	})
	if s := unmark(marked, origins); err == nil && s.text == text {
		s.attach(blocks)
	}
	return blocks, nil
}

// Execute runs the template. A field the data lacks is an error, never
// "<no value>" in the output.
func Execute(name, src string, data any) (string, error) {
	return execute(name, src, data, nil)
}

// execute is Execute, with mark, when set, given the parsed template
// before it runs.
func execute(name, src string, data any, mark func(*template.Template)) (string, error) {
	if err := checkSource(name, src); err != nil {
		return "", err
	}
	t, err := template.New(name).Option("missingkey=error").Funcs(Funcs).Parse(src)
	if err != nil {
		return "", templateError(name, src, err)
	}
	guardPrints(t)
	guardSteps(t)
	countSteps(t)
	if mark != nil {
		mark(t)
	}
	var buf bytes.Buffer
	if err := t.Execute(&limited{w: &buf, n: MaxExpandedSize}, data); err != nil {
		if errors.Is(err, errTooLong) {
			return "", doc.Errorf(doc.Pos{File: name}, "the template produces more than %d bytes of text; a 公文 is far shorter", MaxExpandedSize)
		}
		return "", templateError(name, src, err)
	}
	out := buf.String()
	if i := strings.Index(out, "<no value>"); i >= 0 {
		return "", doc.Errorf(doc.Pos{File: name}, "template produced \"<no value>\": a field it quotes is missing from the data")
	}
	return out, nil
}

var errTooLong = errors.New("output too long")

// limited stops a template that writes more than n bytes (a {{range}} run
// wild) instead of letting it fill the memory.
type limited struct {
	w *bytes.Buffer
	n int
}

func (l *limited) Write(p []byte) (int, error) {
	if l.w.Len()+len(p) > l.n {
		return 0, errTooLong
	}
	return l.w.Write(p)
}

// Funcs are the functions templates may call.
var Funcs = template.FuncMap{}

// text/template reports "template: NAME:LINE:COL: executing ... message" or
// "template: NAME:LINE: message".
var templatePos = regexp.MustCompile(`^template: (.*?):(\d+)(?::(\d+))?: (.*)$`)

// noEntry is text/template's word for a figure the data lacks.
var noEntry = regexp.MustCompile(`^map has no entry for key ("(?:[^"\\]|\\.)*")$`)

func templateError(file, src string, err error) error {
	// An action as text/template quotes it holds the commands the guards
	// added (messages.go); the message shows it as written.
	msg := addedCommand.ReplaceAllString(err.Error(), "")
	m := templatePos.FindStringSubmatch(msg)
	if m == nil {
		return doc.Errorf(doc.Pos{File: file}, "template: %s", msg)
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	// text/template gives the column as a byte offset from 0; people count
	// characters from 1.
	if m[3] != "" {
		col = doc.RuneColumn(src, line, col+1)
	}
	rest := m[4]
	// "executing \"NAME\" at <.Figures.x>: map has no entry for key \"x\""
	field := ""
	if i := strings.Index(rest, "> : "); i >= 0 {
		rest = rest[i+4:]
	} else if j := strings.Index(rest, ">: "); j >= 0 && strings.HasPrefix(rest, "executing ") {
		if k := strings.Index(rest, "<"); k >= 0 && k < j {
			field = rest[k+1 : j]
		}
		rest = rest[j+3:]
	}
	if m := noEntry.FindStringSubmatch(rest); m != nil {
		rest = fmt.Sprintf("the data has no figure %s", m[1])
	}
	// messages.go
	rest = plainMessage(field, rest)
	if r := []rune(rest); len(r) > 200 { // a message quoting a huge value
		rest = string(r[:200]) + "…"
	}
	return doc.Errorf(doc.Pos{File: file, Line: line, Col: col}, "%s", rest)
}

// lineMap maps lines of the executed text back to lines of the template
// source, assuming template actions do not add or remove lines except where
// the source has them. When the counts differ (a {{range}} that repeats
// lines, a comment that swallows some), lines map to their nearest
// plausible source line; positions are then approximate but never wrong in
// file.
func lineMap(src, out string) func(int) int {
	srcLines := strings.Count(src, "\n") + 1
	outLines := strings.Count(out, "\n") + 1
	offset := srcLines - outLines // lines swallowed at the top (a leading comment)
	return func(outLine int) int {
		l := outLine + offset
		if l < 1 {
			l = 1
		}
		if l > srcLines {
			l = srcLines
		}
		return l
	}
}

// Parse reads the plain-text structure of an executed template.
//
// A block is a run of non-blank lines; its lines join without a space
// (Chinese text) unless both sides are Latin letters or digits. A block
// starting with one to four '#' and a space is a heading of that level; a
// level 2–4 heading that goes on after its first sentence (ended by 。！？)
// is run in: the sentence is the heading, the rest its paragraph.
func Parse(file, text string, srcLine func(int) int) ([]doc.Block, error) {
	if srcLine == nil {
		srcLine = func(l int) int { return l }
	}
	var blocks []doc.Block
	var errs doc.Errors
	counters := make([]int, MaxLevels+1)
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); {
		if strings.TrimSpace(lines[i]) == "" {
			i++
			continue
		}
		start := i
		var parts []string
		for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
			parts = append(parts, strings.TrimSpace(lines[i]))
			i++
		}
		pos := doc.Pos{File: file, Line: srcLine(start + 1), Col: 1}
		para := join(parts)
		if n := utf8.RuneCountInString(para); n > MaxBlockRunes {
			errs = append(errs, doc.Errorf(pos, "paragraph of %d characters; at most %d: break it into paragraphs", n, MaxBlockRunes))
			continue
		}
		level, rest := headingLevel(para)
		if e := inputMethodMarkup(pos, para, level, rest); e != nil { // markup.go
			errs = append(errs, e)
			continue
		}
		if level > MaxLevels {
			errs = append(errs, doc.Errorf(pos, "heading level %d: at most %d levels (一、 （一） 1. （1）)", level, MaxLevels))
			continue
		}
		if level == 0 {
			blocks = append(blocks, doc.Block{Kind: doc.Paragraph, Text: para, Pos: pos})
			continue
		}
		if rest == "" {
			errs = append(errs, doc.Errorf(pos, "heading without text"))
			continue
		}
		counters[level]++
		for l := level + 1; l <= MaxLevels; l++ {
			counters[l] = 0
		}
		b := doc.Block{Kind: doc.Heading, Level: level, Number: Number(level, counters[level]), Head: rest, Pos: pos}
		if level > 1 {
			if head, body, ok := splitRunIn(rest); ok {
				b.Head, b.Text, b.RunIn = head, body, true
			}
		}
		blocks = append(blocks, b)
	}
	return blocks, errs.Err()
}

func join(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(b.String())
			next, _ := utf8.DecodeRuneInString(p)
			if isLatin(prev) && isLatin(next) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

func isLatin(r rune) bool {
	return r < 0x80 && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
}

// headingLevel counts leading '#' followed by a space.
func headingLevel(s string) (int, string) {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if n > 0 && n == len(s) {
		return n, "" // a marker with nothing after it
	}
	if n == 0 {
		return 0, s
	}
	rest, ok := strings.CutPrefix(s[n:], "\u3000") // an input method's full-width space
	if !ok && s[n] != ' ' && s[n] != '\t' {
		return 0, s
	}
	return n, strings.TrimSpace(strings.TrimLeft(rest, " \t\u3000"))
}

// splitRunIn splits a heading at the end of its first sentence.
func splitRunIn(s string) (head, body string, ok bool) {
	i := strings.IndexAny(s, "。！？")
	if i < 0 {
		return s, "", false
	}
	_, w := utf8.DecodeRuneInString(s[i:])
	head, body = s[:i+w], strings.TrimSpace(s[i+w:])
	if body == "" {
		return head, "", false
	}
	return head, body, true
}

// Number formats the n-th heading of a level: 一、 （一） 1. （1）
// (GB/T 9704-2012 clause 7.3.3).
func Number(level, n int) string {
	switch level {
	case 1:
		return Chinese(n) + "、"
	case 2:
		return "（" + Chinese(n) + "）"
	case 3:
		return strconv.Itoa(n) + "."
	default:
		return "（" + strconv.Itoa(n) + "）"
	}
}

// Chinese writes n (1–9999) in Chinese numerals as headings count:
// 一 … 十 十一 … 二十 … 九十九 一百 一百零一 ….
func Chinese(n int) string {
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	if n <= 0 || n > 9999 {
		return strconv.Itoa(n)
	}
	if n < 10 {
		return digits[n]
	}
	if n < 20 { // 十一, not 一十一
		if n == 10 {
			return "十"
		}
		return "十" + digits[n%10]
	}
	units := []string{"", "十", "百", "千"}
	var out []string
	zero := false
	for p := 3; p >= 0; p-- {
		div := 1
		for k := 0; k < p; k++ {
			div *= 10
		}
		d := n / div % 10
		if d == 0 {
			if len(out) > 0 {
				zero = true
			}
			continue
		}
		if zero {
			out = append(out, "零")
			zero = false
		}
		out = append(out, digits[d]+units[p])
	}
	return strings.Join(out, "")
}
