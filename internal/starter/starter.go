// Package starter writes a new document's sources, ready to edit and
// build: the data file, the body template and one annex table, for any of
// the formats, from the starter each format and 文种 has as data (package
// format). What it writes builds as written (a test builds every format's
// starter).
package starter

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"gongwen/internal/format"
	"gongwen/internal/say"
)

// File is one source to write, its path relative to the project folder.
type File struct {
	Path string
	Data []byte
}

// Files are the sources of a new document called name in the format
// formatName, dated date: data/NAME.toml, templates/NAME.txt and
// data/NAME/附件1.toml. Each line of their comments (a TOML comment, a
// line of the template's comment) is passed through comment, which puts
// it in the user's language (nil: as written).
func Files(formatName, name string, date time.Time, comment func(string) string) ([]File, error) {
	return sources(formatName, format.DocKind{}, name, date, comment)
}

// KindFiles are the sources of a new document of the 文种 kindName: the
// starter of its format, with kind recorded, a title ending in the 文种,
// the 主送 and direction it takes (a 请示's 签发人 and 联系人) and a body
// of the structure such a document usually has.
func KindFiles(kindName, name string, date time.Time, comment func(string) string) ([]File, error) {
	k, err := format.KindByName(kindName)
	if err != nil {
		return nil, err
	}
	return sources(k.Format, k, name, date, comment)
}

func sources(formatName string, k format.DocKind, name string, date time.Time, comment func(string) string) ([]File, error) {
	f, err := format.ByName(formatName)
	if err != nil {
		return nil, err
	}
	if err := checkName(name); err != nil {
		return nil, err
	}
	year := date.Format("2006")
	ex := k.Starter.Example
	if ex == (format.Example{}) {
		ex = f.Starter.Example
	}
	vars := map[string]any{
		"Name":       name,
		"Date":       date.Format("2006-01-02"),
		"Year":       year,
		"Format":     formatName,
		"Kind":       k.Name,
		"Title":      strings.ReplaceAll(ex.Title, "{{Year}}", year),
		"Number":     strings.ReplaceAll(ex.Number, "{{Year}}", year),
		"Recipients": ex.Recipients,
		"Upward":     k.Direction == format.Upward,
		"Contact":    k.Contact,
		"Reply":      k.Reply,
	}
	body, err := kindBody(f.Starter.Body, k.Starter.Body)
	if err != nil {
		return nil, err
	}
	out := []File{
		{Path: filepath.Join("data", name+".toml")},
		{Path: filepath.Join("templates", name+".txt")},
		{Path: filepath.Join("data", name, "附件1.toml")},
	}
	for i, src := range []string{f.Starter.Data, body, f.Starter.Annex} {
		b := []byte(src)
		if comment != nil {
			b = Comments(b, i == 1, comment)
		}
		t, err := template.New(out[i].Path).Delims("«", "»").Parse(string(b))
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, vars); err != nil {
			return nil, err
		}
		out[i].Data = buf.Bytes()
	}
	return out, nil
}

// kindBody is the body of a 文种 that has one of its own under the comment
// of its format's body, or the format's body as it is.
func kindBody(formatBody, own string) (string, error) {
	if own == "" {
		return formatBody, nil
	}
	const commentEnd = "*/ -}}\n"
	end := strings.Index(formatBody, commentEnd)
	if end < 0 {
		return "", say.New("starter: a format's template has no comment to keep")
	}
	return formatBody[:end+len(commentEnd)] + own, nil
}

// Comments is src with the text of each comment line replaced by what
// comment makes of it: in TOML (template false) what follows "# " at the
// start of a line or after a value; in a template, each line of a
// {{/* … */}} comment (a "# " there is the comment's text, not a heading).
func Comments(src []byte, template bool, comment func(string) string) []byte {
	lines := strings.Split(string(src), "\n")
	in := false
	for i, l := range lines {
		if template {
			start := strings.HasPrefix(l, "{{/* ")
			if !start && !in {
				continue
			}
			in = !strings.Contains(l, "*/")
			head, text, tail := "", l, ""
			if start {
				head, text = "{{/* ", strings.TrimPrefix(l, "{{/* ")
			} else {
				t := strings.TrimLeft(text, " ")
				head, text = text[:len(text)-len(t)], t
			}
			if k := strings.Index(text, " */"); k >= 0 {
				text, tail = text[:k], text[k:]
			}
			lines[i] = head + comment(text) + tail
			continue
		}
		switch {
		case strings.HasPrefix(l, "# "):
			lines[i] = "# " + keepIndent(l[2:], comment)
		case strings.Contains(l, " # "):
			k := strings.Index(l, " # ")
			lines[i] = l[:k+3] + keepIndent(l[k+3:], comment)
		}
	}
	return []byte(strings.Join(lines, "\n"))
}

// keepIndent is comment of text, indented as text is.
func keepIndent(text string, comment func(string) string) string {
	t := strings.TrimLeft(text, " ")
	return text[:len(text)-len(t)] + comment(t)
}

// checkName accepts a document name that makes one file name on every
// system: no folders, nothing hidden, none of the characters Windows
// refuses nor a name it reserves for a device (CON, NUL, COM1 …, with any
// extension) or ends with a space or a dot, and short enough that every
// file made from it (NAME-000001.pdf, NAME-12.png) stays within the 255
// bytes a file name may have.
func checkName(name string) error {
	switch {
	case name == "":
		return say.New("the document needs a name")
	case strings.ContainsAny(name, `/\:*?"<>|`) || strings.IndexFunc(name, unicode.IsControl) >= 0:
		return say.Errorf("%q: a document's name cannot hold / \\ : * ? \" < > | or control characters", name)
	case strings.IndexFunc(name, isBidi) >= 0:
		r, _ := utf8.DecodeRuneInString(name[strings.IndexFunc(name, isBidi):])
		return say.Errorf("%q: a document's name cannot hold %U, a control that shows the characters after it in another order (a name that looks like another)", name, r)
	case strings.HasPrefix(name, "."):
		return say.Errorf("%q: a document's name cannot start with a dot", name)
	case strings.HasSuffix(name, ".toml"):
		return say.Errorf("%q: give the name without .toml", name)
	case strings.TrimSpace(name) != name || strings.HasSuffix(name, "."):
		return say.Errorf("%q: a document's name cannot start or end with a space, nor end with a dot", name)
	case utf8.RuneCountInString(name) > maxName:
		return say.Errorf("a document's name may have at most %d characters; this one has %d", maxName, utf8.RuneCountInString(name))
	case reserved(name):
		return say.Errorf("%q: Windows keeps this name for a device; choose another", name)
	}
	return nil
}

// isBidi tells the characters that reorder how text around them shows
// (U+202E RIGHT-TO-LEFT OVERRIDE makes "abc\u202Efdp.toml" show as
// "abclmot.pdf"): a file name holding one is not what it seems.
func isBidi(r rune) bool { return unicode.Is(unicode.Bidi_Control, r) }

// maxName is the longest name in characters: 64 Chinese characters are 192
// bytes of UTF-8, and the longest file made from it adds 15.
const maxName = 64

// reserved reports whether Windows keeps name, before its first dot, for
// a device ("Naming Files, Paths, and Namespaces", Microsoft's file naming
// conventions).
func reserved(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	switch u := strings.ToUpper(strings.TrimRight(base, " ")); {
	case u == "CON", u == "PRN", u == "AUX", u == "NUL":
		return true
	case len(u) == 4 && (strings.HasPrefix(u, "COM") || strings.HasPrefix(u, "LPT")) && u[3] >= '0' && u[3] <= '9':
		return true
	}
	return false
}

// Write writes files under dir. It writes nothing if any of them exists:
// a new document never replaces one.
func Write(dir string, files []File) error {
	for _, f := range files {
		p := filepath.Join(dir, f.Path)
		if _, err := os.Lstat(p); err == nil {
			return say.Errorf("%s already exists; choose another name (nothing was written)", p)
		}
	}
	for _, f := range files {
		p := filepath.Join(dir, f.Path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return say.Errorf("%s: %v", filepath.Dir(p), err)
		}
		w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, werr := w.Write(f.Data)
		if cerr := w.Close(); werr != nil || cerr != nil {
			return say.Errorf("%s: cannot write: %v", p, errors.Join(werr, cerr))
		}
	}
	return nil
}

// CheckName reports whether name can name a document (see checkName):
// gongwen import names its files as gongwen new does.
func CheckName(name string) error { return checkName(name) }
