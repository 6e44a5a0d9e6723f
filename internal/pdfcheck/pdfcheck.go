// Package pdfcheck reads a built PDF back with the Debian tools poppler-utils
// and mupdf-tools so that tests can check the product, not the code's opinion
// of itself.
//
// All lengths are millimetres, measured from the page's top-left corner with
// y growing downwards, as in fpdf with unit "mm".
package pdfcheck

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// DefaultTools are the programs that this package runs.
var DefaultTools = []string{"pdftotext", "pdftoppm", "pdfinfo", "mutool"}

// RequireTools fails the test (it never skips it) when one of tools, or of
// DefaultTools if none are named, is not on PATH.
func RequireTools(t testing.TB, tools ...string) {
	t.Helper()
	if len(tools) == 0 {
		tools = DefaultTools
	}
	var missing []string
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) > 0 {
		t.Fatalf("pdfcheck: %s not found on PATH; run `make test`, which installs poppler-utils and mupdf-tools",
			strings.Join(missing, ", "))
	}
}

// run runs a tool and returns its standard output; its standard error only
// goes into the error, since mutool warns there on every run.
func run(name string, args ...string) ([]byte, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s %s: %v: %s", name, strings.Join(args, " "), err,
			strings.TrimSpace(stderr.String()))
	}
	return stdout.Bytes(), nil
}

// Text returns the text of the whole document as `pdftotext -layout -enc
// UTF-8 -eol unix FILE -` prints it: one output line per printed line (never
// split into columns, unlike the default reading-order mode when glyphs are
// spread wide), a form feed after each page, and spaces where the layout has
// gaps. CJK glyphs drawn one by one join without spaces while the gap between
// them stays under about 0.1 em (a pitch up to 17.55 pt for a 16 pt font).
func Text(pdfPath string) (string, error) {
	out, err := run("pdftotext", "-layout", "-enc", "UTF-8", "-eol", "unix", pdfPath, "-")
	return string(out), err
}

// PageTexts returns Text split into pages, the first page at index 0.
func PageTexts(pdfPath string) ([]string, error) {
	text, err := Text(pdfPath)
	if err != nil {
		return nil, err
	}
	pages := strings.Split(text, "\f")
	// pdftotext ends every page, the last one too, with a form feed.
	if len(pages) > 1 && pages[len(pages)-1] == "" {
		pages = pages[:len(pages)-1]
	}
	return pages, nil
}

// Info returns the "Key: value" lines of `pdfinfo -enc UTF-8 FILE`, such as
// Title, Author, Subject, Keywords, Creator, Producer, Pages, "Page size" and
// "PDF version", with surrounding spaces trimmed.
func Info(pdfPath string) (map[string]string, error) {
	out, err := run("pdfinfo", "-enc", "UTF-8", pdfPath)
	if err != nil {
		return nil, err
	}
	info := map[string]string{}
	last := ""
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			if last != "" { // a value that ran over several lines
				info[last] += "\n" + line
			}
			continue
		}
		last = strings.TrimSpace(key)
		info[last] = strings.TrimSpace(value)
	}
	return info, nil
}

// Outline returns the titles of the document's bookmarks in document order,
// at any depth, as `mutool show FILE outline` lists them. Each of its lines
// looks like `|<TAB><TAB>"quoted title"<TAB>#page=1&zoom=...`, one tab per
// level and '+' in place of '|' for an entry with children.
func Outline(pdfPath string) ([]string, error) {
	out, err := run("mutool", "show", pdfPath, "outline")
	if err != nil {
		return nil, err
	}
	var titles []string
	for _, line := range strings.Split(string(out), "\n") {
		start := strings.IndexByte(line, '"')
		if start < 0 {
			continue
		}
		title, ok := unquote(line[start+1:])
		if !ok {
			return nil, fmt.Errorf("mutool show %s outline: cannot read title in %q", pdfPath, line)
		}
		titles = append(titles, title)
	}
	return titles, nil
}

// unquote reads a C-style quoted string whose opening quote is already
// consumed, up to the closing quote.
func unquote(s string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			return b.String(), true
		case c != '\\' || i+1 == len(s):
			b.WriteByte(c)
			continue
		}
		i++
		switch c = s[i]; c {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			n := 0
			for j := 0; j < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7'; j++ {
				n = n*8 + int(s[i]-'0')
				i++
			}
			i--
			b.WriteByte(byte(n))
		default: // \" \\ and anything unknown stand for themselves
			b.WriteByte(c)
		}
	}
	return "", false
}

// PNG renders every page with `pdftoppm -png -r dpi FILE outPrefix` and
// returns the file names in page order. pdftoppm names them
// outPrefix-N.png, N zero-padded to the digits of the page count
// (outPrefix-01.png ... for 10 to 99 pages).
func PNG(pdfPath, outPrefix string, dpi int) ([]string, error) {
	info, err := Info(pdfPath)
	if err != nil {
		return nil, err
	}
	n, err := strconv.Atoi(info["Pages"])
	if err != nil {
		return nil, fmt.Errorf("pdfinfo %s: no page count: %v", pdfPath, err)
	}
	if _, err := run("pdftoppm", "-png", "-r", strconv.Itoa(dpi), pdfPath, outPrefix); err != nil {
		return nil, err
	}
	digits := len(strconv.Itoa(n))
	paths := make([]string, n)
	for i := range paths {
		paths[i] = fmt.Sprintf("%s-%0*d.png", outPrefix, digits, i+1)
		if _, err := os.Stat(paths[i]); err != nil {
			return nil, fmt.Errorf("pdftoppm %s: %v", pdfPath, err)
		}
	}
	return paths, nil
}
