package expand

// sources.go: where each character of the expanded body comes from. Before
// the template runs, a marker is put before each of its text and print
// actions; the markers are taken out of the output again, leaving for each
// stretch of text its origin: the template's own characters (whose line and
// column advance with them), or a print action, whose characters all come
// from the figure it prints (its key in the data file) or else from the
// action in the template. Each block then gets the origins of its
// characters (doc.Block.Src), so that a problem with one character, found
// as late as the layout, names the place that character came from.

import (
	"sort"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode/utf8"

	"gongwen/internal/doc"
)

// The markers' delimiters are noncharacters, which neither a template nor
// a printed value can hold (checkSource and figureText refuse them).
const (
	markOpen  = '\uFDD0'
	markClose = '\uFDD1'
)

// origin is where a marked stretch of output starts.
type origin struct {
	pos     doc.Pos
	literal bool // the template's own text: its characters advance pos
}

// markTree puts a marker before each text node and print action of the
// template's trees and returns the markers' origins, by number.
func markTree(t *template.Template, file, src string, d *doc.Document) []origin {
	var origins []origin
	lines := lineStarts(src)
	at := func(off parse.Pos) doc.Pos {
		o := int(off)
		ln := sort.SearchInts(lines, o+1) // lines[ln-1] <= o
		return doc.Pos{File: file, Line: ln, Col: utf8.RuneCountInString(src[lines[ln-1]:o]) + 1}
	}
	marker := func(pos parse.Pos, o origin) parse.Node {
		text := string(markOpen) + strconv.Itoa(len(origins)) + string(markClose)
		origins = append(origins, o)
		return &parse.TextNode{NodeType: parse.NodeText, Pos: pos, Text: []byte(text)}
	}
	var walk func(l *parse.ListNode)
	walk = func(l *parse.ListNode) {
		if l == nil {
			return
		}
		nodes := make([]parse.Node, 0, 2*len(l.Nodes))
		for _, n := range l.Nodes {
			switch x := n.(type) {
			case *parse.TextNode:
				nodes = append(nodes, marker(x.Pos, origin{pos: at(x.Pos), literal: true}))
			case *parse.ActionNode:
				if len(x.Pipe.Decl) == 0 {
					nodes = append(nodes, marker(x.Pos, origin{pos: actionOrigin(x, at(x.Pos), d)}))
				}
			case *parse.IfNode:
				walk(x.List)
				walk(x.ElseList)
			case *parse.RangeNode:
				walk(x.List)
				walk(x.ElseList)
			case *parse.WithNode:
				walk(x.List)
				walk(x.ElseList)
			}
			nodes = append(nodes, n)
		}
		l.Nodes = nodes
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			walk(tt.Tree.Root)
		}
	}
	return origins
}

// actionOrigin is where a print action's characters come from: the data
// file's key for {{.Figures.name}}, else the action itself.
func actionOrigin(a *parse.ActionNode, here doc.Pos, d *doc.Document) doc.Pos {
	if d == nil || len(a.Pipe.Cmds) == 0 || len(a.Pipe.Cmds[0].Args) != 1 {
		return here
	}
	f, ok := a.Pipe.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 2 || f.Ident[0] != "Figures" {
		return here
	}
	if p, ok := d.Positions["figures."+f.Ident[1]]; ok {
		return p
	}
	return here
}

// lineStarts is the byte offset of each line's start.
func lineStarts(src string) []int {
	starts := []int{0}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// segment is a stretch of the clean output from one origin.
type segment struct {
	from   int // rune index in the clean output
	origin origin
}

// sourced is the output with its markers taken out, and where each of its
// characters comes from.
type sourced struct {
	text     string
	runes    []rune
	segments []segment
	// The last position pos found in a literal segment: attach asks for
	// the characters in order, so each walk goes on from the last one
	// instead of from the segment's start (which made a long literal
	// stretch cost its length squared).
	lastSeg, lastAt int
	lastPos         doc.Pos
}

// unmark takes the markers out of out.
func unmark(out string, origins []origin) *sourced {
	s := &sourced{}
	var b strings.Builder
	n := 0
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		if r == markOpen {
			if j := strings.IndexRune(out[i:], markClose); j > 0 {
				if id, err := strconv.Atoi(out[i+size : i+j]); err == nil && id < len(origins) {
					s.segments = append(s.segments, segment{from: n, origin: origins[id]})
					i += j + utf8.RuneLen(markClose)
					continue
				}
			}
		}
		b.WriteRune(r)
		n++
		i += size
	}
	s.text = b.String()
	s.runes = []rune(s.text)
	return s
}

// pos is where the output's rune i comes from.
func (s *sourced) pos(i int) (doc.Pos, bool) {
	k := sort.Search(len(s.segments), func(k int) bool { return s.segments[k].from > i }) - 1
	if k < 0 {
		return doc.Pos{}, false
	}
	seg := s.segments[k]
	p := seg.origin.pos
	if !seg.origin.literal {
		return p, true
	}
	from := seg.from
	if s.lastSeg == k+1 && s.lastAt <= i { // lastSeg counts from 1: 0 is none
		from, p = s.lastAt, s.lastPos
	}
	for _, r := range s.runes[from:i] {
		if r == '\n' {
			p.Line, p.Col = p.Line+1, 1
		} else {
			p.Col++
		}
	}
	s.lastSeg, s.lastAt, s.lastPos = k+1, i, p
	return p, true
}

// attach gives each block the origins of its characters (Head then Text),
// found by walking the output along the blocks: the characters the
// structure takes away (line breaks, indentation, "#" marks, and the
// typed[i] characters of block i's typed heading number) are skipped.
// A block whose text cannot be followed there (the parser changed a
// character) keeps no origins, and its problems their block's position.
func (s *sourced) attach(blocks []doc.Block, typed []int) {
	c := 0
	for bi := range blocks {
		b := &blocks[bi]
		src := make([]doc.Source, 0, 4)
		at := c
		if typed[bi] > 0 {
			for at < len(s.runes) && skippable(s.runes[at]) {
				at++
			}
			at += typed[bi]
		}
		ok := true
		for _, r := range b.Head + b.Text {
			for at < len(s.runes) && s.runes[at] != r && skippable(s.runes[at]) {
				at++
			}
			if at >= len(s.runes) || (s.runes[at] != r && !(r == ' ' && skippable(s.runes[at]))) {
				ok = false
				break
			}
			p, known := s.pos(at)
			if !known {
				ok = false
				break
			}
			src = appendSource(src, p, s.literalAt(at))
			at++
		}
		if ok {
			b.Src = src
			c = at
		}
	}
}

// lines maps the output's lines to the template's: a line is on the line
// of its first character of the template's own text; a line with none
// (a figure's value alone) keeps fallback's answer. Unlike lineMap, it is
// exact wherever a {{range}} repeats lines or a comment swallows some.
func (s *sourced) lines(fallback func(int) int) func(int) int {
	starts := []int{0}
	for i, r := range s.runes {
		if r == '\n' {
			starts = append(starts, i+1)
		}
	}
	return func(l int) int {
		if l < 1 || l > len(starts) {
			return fallback(l)
		}
		end := len(s.runes)
		if l < len(starts) {
			end = starts[l] - 1
		}
		for i := starts[l-1]; i < end; i++ {
			if s.literalAt(i) {
				if p, ok := s.pos(i); ok {
					return p.Line
				}
			}
		}
		return fallback(l)
	}
}

// literalAt tells whether output rune i is the template's own text.
func (s *sourced) literalAt(i int) bool {
	k := sort.Search(len(s.segments), func(k int) bool { return s.segments[k].from > i }) - 1
	return k >= 0 && s.segments[k].origin.literal
}

func skippable(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '#' || r == '\u3000'
}

// appendSource adds one character's origin, as one more of the last
// Source's characters when it follows on.
func appendSource(src []doc.Source, p doc.Pos, literal bool) []doc.Source {
	if n := len(src); n > 0 {
		last := src[n-1]
		k := last.Count
		if !literal && !last.Literal && last.Pos == p {
			src[n-1].Count++
			return src
		}
		if literal && last.Literal && last.Pos.File == p.File && last.Pos.Line == p.Line && last.Pos.Col+k == p.Col {
			src[n-1].Count++
			return src
		}
	}
	return append(src, doc.Source{Pos: p, Literal: literal, Count: 1})
}
