// Package starter writes a new document's sources, ready to edit and
// build: the data file, the body template and one annex table, for any of
// the formats. What it writes builds as written (a test builds every
// format's starter).
package starter

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"gongwen/internal/format"
)

//go:embed files
var files embed.FS

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

// example is what a starter says before the user replaces it: its title,
// 发文字号 and 主送机关 ({{Year}} stands for the year).
type example struct{ title, number, recipients string }

// examples are each 文种's; "" is the plain starter of a format.
var examples = map[string]example{
	"":   {"关于报送{{Year}}年工作完成情况的通知", "示府发〔{{Year}}〕1号", "各乡（镇）人民政府，县政府各部门"},
	"通报": {"关于{{Year}}年工作完成情况的通报", "示府发〔{{Year}}〕1号", "各乡（镇）人民政府，县政府各部门"},
	"请示": {"关于申请{{Year}}年工作专项经费的请示", "示府〔{{Year}}〕1号", "示例市人民政府"},
	"报告": {"关于{{Year}}年工作完成情况的报告", "示府〔{{Year}}〕2号", "示例市人民政府"},
	"批复": {"关于同意示例镇{{Year}}年工作计划的批复", "示府复〔{{Year}}〕1号", "示例镇人民政府"},
	"函":  {"关于商请核实{{Year}}年工作完成情况的函", "示办函〔{{Year}}〕1号", "示例市统计局"},
	"意见": {"关于加强{{Year}}年工作统筹的意见", "示府发〔{{Year}}〕1号", "各乡（镇）人民政府，县政府各部门"},
	"决定": {"关于表彰{{Year}}年工作先进单位的决定", "示府发〔{{Year}}〕1号", "各乡（镇）人民政府，县政府各部门"},
	"公告": {"关于{{Year}}年工作完成情况的公告", "示府发〔{{Year}}〕1号", ""},
	"通告": {"关于做好{{Year}}年工作收尾的通告", "示府发〔{{Year}}〕1号", ""},
}

func sources(formatName string, k format.DocKind, name string, date time.Time, comment func(string) string) ([]File, error) {
	if _, err := format.ByName(formatName); err != nil {
		return nil, err
	}
	if err := checkName(name); err != nil {
		return nil, err
	}
	year := date.Format("2006")
	ex, ok := examples[k.Name]
	if !ok {
		ex = examples[""]
	}
	if formatName == "letter" && k.Name == "" {
		ex.recipients = "各县（区）人民政府，市政府各部门"
	}
	vars := map[string]any{
		"Name":       name,
		"Date":       date.Format("2006-01-02"),
		"Year":       year,
		"Format":     formatName,
		"Kind":       k.Name,
		"Title":      strings.ReplaceAll(ex.title, "{{Year}}", year),
		"Number":     strings.ReplaceAll(ex.number, "{{Year}}", year),
		"Recipients": ex.recipients,
		"Upward":     k.Upward,
		"Contact":    k.Contact,
		"Reply":      k.Reply,
	}
	out := []File{
		{Path: filepath.Join("data", name+".toml"), Data: nil},
		{Path: filepath.Join("templates", name+".txt"), Data: nil},
		{Path: filepath.Join("data", name, "附件1.toml"), Data: nil},
	}
	for i, src := range []string{"files/" + formatName + ".toml", "files/" + formatName + ".txt", "files/annex.toml"} {
		b, err := fs.ReadFile(files, src)
		if err != nil {
			return nil, err
		}
		if i == 1 {
			if b, err = body(b, k.Name); err != nil {
				return nil, err
			}
		}
		if comment != nil {
			b = Comments(b, strings.HasSuffix(src, ".txt"), comment)
		}
		t, err := template.New(src).Delims("«", "»").Parse(string(b))
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

// body is the template of a 文种 whose body has a structure of its own
// (files/kinds/KIND.txt) under the comment of its format's template, or
// the format's template as it is.
func body(formatBody []byte, kind string) ([]byte, error) {
	own, err := fs.ReadFile(files, "files/kinds/"+kind+".txt")
	if kind == "" || errors.Is(err, fs.ErrNotExist) {
		return formatBody, nil
	} else if err != nil {
		return nil, err
	}
	end := bytes.Index(formatBody, []byte("*/ -}}\n"))
	if end < 0 {
		return nil, errors.New("starter: a format's template has no comment to keep")
	}
	return append(append([]byte{}, formatBody[:end+len("*/ -}}\n")]...), own...), nil
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
		return errors.New("the document needs a name")
	case strings.ContainsAny(name, `/\:*?"<>|`) || strings.IndexFunc(name, unicode.IsControl) >= 0:
		return fmt.Errorf("%q: a document's name cannot hold / \\ : * ? \" < > | or control characters", name)
	case strings.HasPrefix(name, "."):
		return fmt.Errorf("%q: a document's name cannot start with a dot", name)
	case strings.HasSuffix(name, ".toml"):
		return fmt.Errorf("%q: give the name without .toml", name)
	case strings.TrimSpace(name) != name || strings.HasSuffix(name, "."):
		return fmt.Errorf("%q: a document's name cannot start or end with a space, nor end with a dot", name)
	case utf8.RuneCountInString(name) > maxName:
		return fmt.Errorf("a document's name may have at most %d characters; this one has %d", maxName, utf8.RuneCountInString(name))
	case reserved(name):
		return fmt.Errorf("%q: Windows keeps this name for a device; choose another", name)
	}
	return nil
}

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
			return fmt.Errorf("%s already exists; choose another name (nothing was written)", p)
		}
	}
	for _, f := range files {
		p := filepath.Join(dir, f.Path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("%s: %v", filepath.Dir(p), err)
		}
		w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err != nil {
			return err
		}
		_, werr := w.Write(f.Data)
		if cerr := w.Close(); werr != nil || cerr != nil {
			return fmt.Errorf("%s: cannot write: %v", p, errors.Join(werr, cerr))
		}
	}
	return nil
}

// CheckName reports whether name can name a document (see checkName):
// gongwen import names its files as gongwen new does.
func CheckName(name string) error { return checkName(name) }
