// Package expand turns a document's body template into numbered blocks: it
// runs text/template over the document's data, then parses the light
// plain-text structure of the result (a paragraph a line, headings marked
// with "#" or typed with their numbers 一、（一）1.（1）), derives the
// numbers of the marked ones and checks the typed ones against their
// place. A figure's value is text: it never makes markup. It knows nothing
// of geometry, fonts or PDF.
package expand

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"gongwen/internal/doc"
	"gongwen/internal/input"
	"gongwen/internal/say"
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
// blocks (Body, and each annex's Body), lists the templates among its
// Files and adds to its Warnings what the structure's checks found. d
// itself is left as it was. When a template fails, the copy holds what
// could be expanded, with the error, so that the later stages can still
// check the rest.
func Expand(d *doc.Document) (*doc.Document, error) {
	x := *d
	x.Files = append([]string(nil), d.Files...)
	x.Warnings = append([]*doc.Error(nil), d.Warnings...)
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
	src, err := d.Sources.ReadText(path, input.Template)
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
	// Where each character comes from (sources.go): the template run again
	// with markers, kept only if it gives the same text. It tells the
	// parser which characters are the template's own, the only ones that
	// make markup.
	var origins []origin
	marked, err := execute(path, string(src), data, func(t *template.Template) {
		origins = markTree(t, path, string(src), data)
	})
	s := unmark(marked, origins)
	known := err == nil && s.text == text
	var literal func(int) bool
	srcLine := lineMap(string(src), text)
	if known {
		literal, srcLine = s.literalAt, s.lines(srcLine)
	}
	b := parseBody(path, text, srcLine, literal)
	if err := b.errs.Err(); err != nil {
		return nil, err
	}
	if known {
		s.attach(b.blocks, b.typed)
	}
	d.Warnings = append(d.Warnings, b.warnings...)
	return b.blocks, nil
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
	if err := t.Execute(&limited{w: &buf, n: MaxExpandedSize, marked: mark != nil}, data); err != nil {
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

var (
	errTooLong    = say.New("output too long")
	markOpenBytes = []byte(string(markOpen))
)

// limited stops a template that writes more than n bytes (a {{range}} run
// wild) instead of letting it fill the memory. In a marked run (sources.go)
// the markers, each written on its own, are not counted: the marked run
// stops where the plain one does, never before it.
type limited struct {
	w      *bytes.Buffer
	n      int
	marked bool
	marks  int // bytes of markers written
}

func (l *limited) Write(p []byte) (int, error) {
	if l.marked && bytes.HasPrefix(p, markOpenBytes) {
		l.marks += len(p)
		return l.w.Write(p)
	}
	if l.w.Len()-l.marks+len(p) > l.n {
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
	// messages.go
	said := plainMessage(field, rest, err)
	if r := []rune(said.String()); len(r) > 200 { // a message quoting a huge value
		said = say.Text{Format: string(r[:200]) + "…", Literal: true}
	}
	return doc.Errorf(doc.Pos{File: file, Line: line, Col: col}, "%s", said)
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

// Parse reads the plain-text structure of an executed template (see
// parseBody), every character taken as the template's own; the warnings
// are left out.
func Parse(file, text string, srcLine func(int) int) ([]doc.Block, error) {
	b := parseBody(file, text, srcLine, nil)
	return b.blocks, b.errs.Err()
}

// body is a template's structure as parseBody reads it.
type body struct {
	blocks []doc.Block
	// typed is, for each block, how many characters of the text its
	// heading number takes when the number was typed (0 for a number
	// derived from # marks, or none).
	typed    []int
	warnings []*doc.Error // a heading number out of place, a line that seems to go on
	unsaid   int          // warnings past MaxWarnings
	unsaidAt doc.Pos      // the first of them
	errs     doc.Errors
}

// parseBody reads the plain-text structure of an executed template.
//
// Each line is a paragraph: text pasted from Word or WPS holds one
// paragraph a line, with no blank line between, and blank lines are
// allowed, never needed. The spaces around a line (an indent typed with
// full-width spaces too) are no part of it. A line starting with one to
// four '#' and a space is a heading of that level, numbered from the
// structure; one starting with a typed heading number (一、 （一） 1. （1）,
// see typedHeading) is a heading of that number's level, printed with the
// number typed and checked against its place (numbering). A level 2–4
// heading that goes on after its first sentence (ended by 。！？) is run
// in: the sentence is the heading, the rest its paragraph.
//
// literal tells whether the text's rune i is the template's own text
// (nil: every one is). Markup is read only there: a line that starts with
// a figure's value is a paragraph whatever the value holds, "# 标题" or
// "一、" alike, since a value is text.
func parseBody(file, text string, srcLine func(int) int, literal func(int) bool) *body {
	if srcLine == nil {
		srcLine = func(l int) int { return l }
	}
	if literal == nil {
		literal = func(int) bool { return true }
	}
	// own tells whether n runes from rune from are all the template's.
	own := func(from, n int) bool {
		for i := from; i < from+n; i++ {
			if !literal(i) {
				return false
			}
		}
		return true
	}
	out := &body{}
	var nb numbering
	// open is the last line when it is text that does not end a
	// paragraph (endsParagraph) and no blank line has followed it.
	var open doc.Pos
	at := 0 // rune index of the line's start in text
	for i, raw := range strings.Split(text, "\n") {
		lineAt := at
		at += utf8.RuneCountInString(raw) + 1
		line := strings.TrimSpace(raw)
		if line == "" {
			open = doc.Pos{}
			continue
		}
		first := lineAt + utf8.RuneCountInString(raw[:len(raw)-len(strings.TrimLeftFunc(raw, unicode.IsSpace))])
		pos := doc.Pos{File: file, Line: srcLine(i + 1), Col: 1}
		if open.Line > 0 {
			out.warn(brokenLine(open, pos.Line))
			open = doc.Pos{}
		}
		if n := utf8.RuneCountInString(line); n > MaxBlockRunes {
			out.errs = append(out.errs, doc.Errorf(pos, "paragraph of %d characters; at most %d: break it into paragraphs", n, MaxBlockRunes))
			continue
		}
		level, rest := 0, line
		typed, n := "", 0
		if literal(first) {
			level, rest = headingLevel(line)
			if level > 0 && !own(first, utf8.RuneCountInString(line)-utf8.RuneCountInString(rest)) {
				level, rest = 0, line // "#{{.x}}" with x = " 标题": the value is text
			}
			if e := inputMethodMarkup(pos, line, level, rest); e != nil { // markup.go
				out.errs = append(out.errs, e)
				continue
			}
			if level == 0 {
				if l, v, num, after, ok := typedHeading(line); ok && own(first, utf8.RuneCountInString(num)) {
					level, n, typed, rest = l, v, num, after
				}
			}
		}
		if level > MaxLevels {
			out.errs = append(out.errs, doc.Errorf(pos, "heading level %d: at most %d levels (一、 （一） 1. （1）)", level, MaxLevels))
			continue
		}
		if level == 0 {
			out.add(doc.Block{Kind: doc.Paragraph, Text: line, Pos: pos}, 0)
			if !endsParagraph(line) {
				open = pos
			}
			continue
		}
		if rest == "" {
			out.errs = append(out.errs, doc.Errorf(pos, "heading without text"))
			continue
		}
		number, warn := nb.next(pos, level, typed, n)
		if warn != nil {
			out.warn(warn)
		}
		b := doc.Block{Kind: doc.Heading, Level: level, Number: number, Head: rest, Pos: pos}
		if level > 1 {
			if head, body, ok := splitRunIn(rest); ok {
				b.Head, b.Text, b.RunIn = head, body, true
			}
		}
		if b.RunIn && !endsParagraph(b.Text) || !b.RunIn && goesOn(rest) {
			open = pos
		}
		out.add(b, utf8.RuneCountInString(typed))
	}
	if out.unsaid > 0 {
		out.warnings = append(out.warnings, doc.Errorf(out.unsaidAt, "%d more warnings about the lines and headings of this template, from this line on, are left out", out.unsaid))
	}
	return out
}

// MaxWarnings is the most warnings one template's structure gives; past
// it they are counted in one more. A body broken over a hundred lines
// needs mending as a whole, and a {{range}} must not flood the output.
const MaxWarnings = 100

// warn adds a warning, and counts one past MaxWarnings.
func (b *body) warn(w *doc.Error) {
	if len(b.warnings) < MaxWarnings {
		b.warnings = append(b.warnings, w)
		return
	}
	if b.unsaid == 0 {
		b.unsaidAt = w.Pos
	}
	b.unsaid++
}

func (b *body) add(block doc.Block, typed int) {
	b.blocks = append(b.blocks, block)
	b.typed = append(b.typed, typed)
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
