package draft

// text.go reads a plain-text draft (.txt: a line is a paragraph, as text
// pasted from Word or WPS is; lines with tabs are a table, as cells pasted
// from Excel are) and a Markdown draft (.md: paragraphs separated by blank
// lines, headings as typed paragraphs, pipe tables).

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gongwen/internal/input"
	"gongwen/internal/say"
)

// readLines reads a text draft as UTF-8 lines; a file in GBK/GB18030 (what
// Notepad and WPS save on Chinese Windows) is converted, with a note.
func readLines(path string) (*Draft, []string, error) {
	b, err := input.Read(path, input.Template)
	if err != nil {
		return nil, nil, say.Errorf("%s: %v", path, err)
	}
	d := &Draft{Path: path, Unit: "line"}
	b = bytes.TrimPrefix(b, input.BOM)
	if !utf8.Valid(b) || bytes.IndexByte(b, 0) >= 0 {
		u, cerr := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
		if cerr != nil || bytes.IndexByte(b, 0) >= 0 || !utf8.Valid(u) || bytes.ContainsRune(u, utf8.RuneError) {
			_, err := input.ReadText(path, input.Template) // says what the bytes look like
			if err == nil {
				err = say.Errorf("the file is not UTF-8 text")
			}
			return nil, nil, say.Errorf("%s: %v", path, err)
		}
		b = u
		d.warn(0, "the draft is not UTF-8: read as GBK/GB18030 (the Windows Chinese encoding) and converted")
	}
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return d, strings.Split(s, "\n"), nil
}

func readText(path string) (*Draft, error) {
	d, lines, err := readLines(path)
	if err != nil {
		return nil, err
	}
	pageBreak := false
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if strings.Contains(line, "\f") {
			pageBreak = true
			line = strings.ReplaceAll(line, "\f", "")
		}
		text := strings.TrimSpace(line)
		if text == "" {
			continue
		}
		// A block of two or more lines holding tabs is a table.
		if strings.Contains(text, "\t") && i+1 < len(lines) && strings.Contains(strings.TrimSpace(lines[i+1]), "\t") {
			t := &Table{}
			n := i + 1
			for ; i < len(lines) && strings.Contains(strings.TrimSpace(lines[i]), "\t"); i++ {
				cells := strings.Split(strings.TrimRight(lines[i], " \r"), "\t")
				for k := range cells {
					cells[k] = strings.TrimSpace(cells[k])
				}
				t.Rows = append(t.Rows, cells)
			}
			i--
			d.Paras = append(d.Paras, Para{N: n, Table: t, PageBreak: pageBreak})
			pageBreak = false
			continue
		}
		d.Paras = append(d.Paras, Para{N: i + 1, Text: text, PageBreak: pageBreak})
		pageBreak = false
	}
	return d, nil
}

var (
	mdHeading   = regexp.MustCompile(`^#{1,6}\s+`)
	mdListItem  = regexp.MustCompile(`^(?:[-*+]\s+)`)
	mdDelimiter = regexp.MustCompile(`^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$`)
	mdBreak     = regexp.MustCompile(`^(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|\\newpage|\\pagebreak)$`)
	mdHTML      = regexp.MustCompile(`^(?:<[^<>]+>\s*)+$`)
	mdLink      = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdEmphasis  = strings.NewReplacer("**", "", "__", "", "<br>", "", "<br/>", "", "<br />", "")
)

// inlineMarkdown is a Markdown line's text: emphasis marks, line-break
// tags and backslash escapes dropped.
func inlineMarkdown(s string) string {
	s = mdLink.ReplaceAllString(mdEmphasis.Replace(s), "$1")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_{}[]()#+-.!|", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return strings.TrimSpace(b.String())
}

// pipeCells splits a pipe table's row into its cells (an escaped \| is a
// bar in a cell).
func pipeCells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			cur.WriteByte('|')
			i++
		case line[i] == '|':
			cells = append(cells, inlineMarkdown(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	return append(cells, inlineMarkdown(cur.String()))
}

func readMarkdown(path string) (*Draft, error) {
	d, lines, err := readLines(path)
	if err != nil {
		return nil, err
	}
	var cur *Para
	pageBreak := false
	flush := func() {
		if cur != nil && cur.Text != "" {
			d.Paras = append(d.Paras, *cur)
		}
		cur = nil
	}
	for i := 0; i < len(lines); i++ {
		raw := strings.TrimSpace(lines[i])
		switch {
		case raw == "":
			flush()
			continue
		case mdBreak.MatchString(raw) || mdHTML.MatchString(raw) && strings.Contains(raw, "page-break"):
			flush()
			pageBreak = true
			continue
		case strings.HasPrefix(raw, "```") || strings.HasPrefix(raw, "~~~") || mdHTML.MatchString(raw):
			flush()
			continue
		case strings.HasPrefix(raw, "|") && i+1 < len(lines) && mdDelimiter.MatchString(strings.TrimSpace(lines[i+1])):
			flush()
			t := &Table{Rows: [][]string{pipeCells(raw)}}
			n := i + 1
			for i += 2; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "|"); i++ {
				t.Rows = append(t.Rows, pipeCells(lines[i]))
			}
			i--
			d.Paras = append(d.Paras, Para{N: n, Table: t, PageBreak: pageBreak})
			pageBreak = false
			continue
		}
		heading := mdHeading.FindString(raw)
		text := raw
		if heading != "" {
			text = raw[len(heading):]
		}
		text = strings.TrimPrefix(text, "> ")
		text = mdListItem.ReplaceAllString(text, "")
		text = inlineMarkdown(text)
		if lvl, _, _ := headingNumber(text); heading != "" || lvl > 0 {
			flush() // a heading, or a typed heading number, starts a paragraph
		}
		if cur == nil {
			cur = &Para{N: i + 1, PageBreak: pageBreak, Center: strings.TrimSpace(heading) == "#"}
			pageBreak = false
			cur.Text = text
		} else {
			cur.Text = joinLines(cur.Text, text)
		}
		if heading != "" {
			flush()
		}
	}
	flush()
	return d, nil
}

// joinLines joins the lines of a paragraph: Chinese without a space, words
// of Latin letters with one.
func joinLines(a, b string) string {
	ra, _ := utf8.DecodeLastRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	if ra < 0x80 && rb < 0x80 && ra != ' ' {
		return a + " " + b
	}
	return a + b
}
