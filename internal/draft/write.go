package draft

// write.go writes a recognised draft as a project's sources: the data
// file, the body template, each annex's table file or template.

import (
	"fmt"
	"gongwen/internal/say"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gongwen/internal/format"
	"gongwen/internal/starter"
)

// placeholders are the values written, commented out, for a required
// part the draft lacks, with the clause of GB/T 9704-2012 that names it.
var placeholders = map[string]struct{ value, clause string }{
	"issuer":       {`"发文机关"`, "7.2.4"},
	"number":       {`"X发〔2025〕1号"`, "7.2.5"},
	"title":        {`"关于……的通知"`, "7.3.1"},
	"signature":    {`"发文机关署名"`, "7.3.5"},
	"date":         {"2025-01-01", "7.3.5"},
	"recipients":   {`"主送机关"`, "7.3.2"},
	"order_number": {"1", "10.2"},
	"signer_title": {`"职务"`, "10.2"},
	"signer":       {`"姓名"`, "10.2"},
	"present":      {`["出席人"]`, "10.3"},
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func tomlList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = tomlString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// Files are the sources of a document called name in the format
// formatName, from doc (recognised in d): data/NAME.toml,
// templates/NAME.txt, and for each annex data/NAME/附件N.toml (a table)
// or templates/NAME-附件N.txt (text). What they change or cannot keep is
// added to d's notes. Each comment line is passed through tr, which puts
// it in the user's language (nil: as written).
func Files(doc *Document, d *Draft, formatName, name string, tr func(say.Text) string) ([]starter.File, error) {
	f, err := format.ByName(formatName)
	if err != nil {
		return nil, err
	}
	if err := starter.CheckName(name); err != nil {
		return nil, err
	}
	if tr == nil {
		tr = func(s say.Text) string { return s.String() }
	}
	w := &writer{d: d, name: name, written: map[string]bool{}, tr: tr}
	w.keys = map[string]bool{}
	required, optional := docKeys(f)
	for _, k := range required {
		w.keys[k] = true
	}
	for _, k := range optional {
		w.keys[k] = false
	}
	var annexFiles []starter.File
	var data strings.Builder
	for _, c := range []string{
		w.tr(say.Sprintf("%s: imported by gongwen import from %s.", name, filepath.Base(d.Path))),
		w.tr(say.Sprintf("Check each value against the draft, then build it:")),
		"  gongwen build data/" + name + ".toml",
		w.tr(say.Sprintf("A line starting with # is a part the draft does not have: write its value")),
		w.tr(say.Sprintf("and remove the #; until then gongwen check names the line.")),
	} {
		data.WriteString("# " + c + "\n")
	}
	data.WriteString("\n")
	fmt.Fprintf(&data, "format = %s\n", tomlString(formatName))
	fmt.Fprintf(&data, "template = %s\n\n", tomlString("../templates/"+name+".txt"))
	if doc.Copy != "" {
		n, _ := strconv.Atoi(doc.Copy)
		w.key(&data, "copy", strconv.Itoa(n))
	}
	w.str(&data, "secrecy", doc.Secrecy)
	w.str(&data, "urgency", doc.Urgency)
	w.str(&data, "issuer", doc.Issuer)
	w.str(&data, "number", doc.Number)
	if doc.Signers != "" {
		w.key(&data, "signers", tomlList(splitList(doc.Signers)))
	}
	switch len(doc.Title) {
	case 0:
		w.key(&data, "title", "")
	case 1:
		w.key(&data, "title", tomlString(doc.Title[0]))
	default:
		w.key(&data, "title", tomlList(doc.Title))
	}
	w.str(&data, "recipients", doc.Recipients)
	w.str(&data, "signature", doc.Signature)
	seals := w.seals(doc, d)
	switch len(seals) {
	case 0:
	case 1:
		w.key(&data, "seal", tomlString(strings.TrimPrefix(seals[0].Path, "data/")))
	default:
		var paths []string
		for _, s := range seals {
			paths = append(paths, strings.TrimPrefix(s.Path, "data/"))
		}
		w.key(&data, "seal", tomlList(paths))
	}
	w.key(&data, "date", doc.Date)
	w.str(&data, "note", doc.Note)
	for _, k := range required {
		if !w.written[k] && k != "format" && k != "template" {
			w.key(&data, k, "")
		}
	}
	if len(doc.CC) > 0 || doc.Printer != "" {
		data.WriteString("\n[imprint]                              # 版记\n")
		if len(doc.CC) > 0 {
			fmt.Fprintf(&data, "cc = %s   # 抄送\n", tomlList(doc.CC))
		}
		switch {
		case doc.Printer != "" && f.ImprintRules:
			fmt.Fprintf(&data, "printer = %s   # 印发机关\n", tomlString(doc.Printer))
			fmt.Fprintf(&data, "date = %s   # 印发日期\n", doc.PrintDate)
		case doc.Printer != "":
			fmt.Fprintf(&data, "# printer = %s   # %s\n", tomlString(doc.Printer), w.tr(say.Sprintf("%s: the draft has it, the format does not take it", "印发机关")))
			fmt.Fprintf(&data, "# date = %s   # 印发日期\n", doc.PrintDate)
			d.warn(0, "the draft's %s (%s) is not a part of this format: kept in data/%s.toml as a comment", "印发机关", "imprint.printer", name)
		}
	}
	for i, a := range doc.Attachments {
		n := i + 1
		fmt.Fprintf(&data, "\n[[attachments]]                        # 附件%d\n", n)
		title := a.Title
		if title == "" {
			title = fmt.Sprintf("附件%d", n)
			d.warn(a.N, "附件%d has no title in the draft: it is called %q until you give it one", n, title)
		}
		fmt.Fprintf(&data, "title = %s\n", tomlString(title))
		switch {
		case a.Table != nil:
			rel := name + "/附件" + strconv.Itoa(n) + ".toml"
			fmt.Fprintf(&data, "table = %s\n", tomlString(rel))
			annexFiles = append(annexFiles, starter.File{Path: filepath.Join("data", rel), Data: []byte(tableFile(d, a, n, w.tr))})
		case len(a.Text) > 0:
			rel := name + "-附件" + strconv.Itoa(n) + ".txt"
			fmt.Fprintf(&data, "template = %s\n", tomlString("../templates/"+rel))
			annexFiles = append(annexFiles, starter.File{Path: filepath.Join("templates", rel), Data: []byte(w.template(a.Text, say.Sprintf("附件%d of %s", n, name)))})
		case a.N == 0:
			d.warn(0, "附件%d (%s) is listed in the 附件说明 but the draft has no page for it: it is listed, and has no page", n, title)
		}
	}
	files := []starter.File{
		{Path: filepath.Join("data", name+".toml"), Data: []byte(data.String())},
		{Path: filepath.Join("templates", name+".txt"), Data: []byte(w.template(doc.Body, say.Sprintf("The body of %s", name)))},
	}
	return append(append(files, annexFiles...), seals...), nil
}

// seals are the files of the draft's pictures behind the text anchored
// to the 署名's paragraphs or the two after them (the date's), above the
// annexes (data/NAME/印章.png, or 印章1.png, 印章2.png … for several): the
// seals over the 署名. A picture behind the text elsewhere (a 红头 drawn
// as one) is not a seal, and is reported as any picture.
func (w *writer) seals(doc *Document, d *Draft) []starter.File {
	end := -1 // the first annex's paragraph
	for _, a := range doc.Attachments {
		if a.N > 0 && (end < 0 || a.N < end) {
			end = a.N
		}
	}
	first, last := -1, -1 // the 署名's paragraphs
	names := splitList(doc.Signature)
	for _, p := range d.Paras {
		if end >= 0 && p.N >= end {
			break
		}
		if t := clean(p.Text); t != "" && (t == clean(doc.Signature) || slices.Contains(names, t)) {
			if first < 0 {
				first = p.N
			}
			last = p.N
		}
	}
	var pics []Picture
	for _, p := range d.Seals {
		if first >= 0 && p.N >= first && p.N <= last+2 {
			pics = append(pics, p)
		} else {
			d.warn(p.N, "a picture or shape is not imported (any text in it is kept)")
		}
	}
	var out []starter.File
	for i, p := range pics {
		base := "印章"
		if len(pics) > 1 {
			base += strconv.Itoa(i + 1)
		}
		ext := map[string]string{"png": ".png", "jpeg": ".jpg"}[p.Ext]
		out = append(out, starter.File{Path: filepath.ToSlash(filepath.Join("data", w.name, base+ext)), Data: p.Data})
	}
	return out
}

// docKeys are the keys of the format's data file: required and optional.
func docKeys(f *format.Format) (required, optional []string) { return f.KeyLists() }

type writer struct {
	d       *Draft
	name    string
	keys    map[string]bool       // the keys the format takes: true if required
	written map[string]bool       // the keys written, as values or placeholders
	tr      func(say.Text) string // puts a comment in the user's language
}

// key writes a top-level key: its value, or a commented placeholder when
// the draft has none and the format requires it; a part the format does
// not take is kept in a comment.
func (w *writer) key(b *strings.Builder, key, value string) {
	meaning := format.KeyMeaning[key]
	required, takes := w.keys[key]
	w.written[key] = true
	switch {
	case value == "" && required:
		p, ok := placeholders[key]
		if !ok {
			p.value, p.clause = `""`, "10"
		}
		fmt.Fprintf(b, "# %s = %s   # %s\n", key, p.value, w.tr(say.Sprintf("%s (GB/T 9704-2012 %s): not found in the draft; write it and remove the #", meaning, p.clause)))
		w.d.warn(0, "the draft has no %s (%s): data/%s.toml has a placeholder for it", meaning, key, w.name)
	case value == "":
	case !takes:
		fmt.Fprintf(b, "# %s = %s   # %s\n", key, value, w.tr(say.Sprintf("%s: the draft has it, the format does not take it", meaning)))
		w.d.warn(0, "the draft's %s (%s) is not a part of this format: kept in data/%s.toml as a comment", meaning, key, w.name)
	default:
		fmt.Fprintf(b, "%s = %s   # %s\n", key, value, meaning)
	}
}

func (w *writer) str(b *strings.Builder, key, value string) {
	if value != "" {
		value = tomlString(value)
	}
	w.key(b, key, value)
}

// template writes blocks as a body template: a blank line between
// paragraphs (and one paragraph a line), headings with # marks. A table in
// the body is not something the body can hold: its rows become paragraphs,
// reported.
func (w *writer) template(blocks []Block, what say.Text) string {
	var b strings.Builder
	b.WriteString("{{/* " + w.tr(say.Sprintf("%s, imported by gongwen import from %s.", what, filepath.Base(w.d.Path))) + "\n")
	b.WriteString("     " + w.tr(say.Sprintf("A paragraph a line, a blank line between paragraphs; # starts a")) + "\n")
	b.WriteString("     " + w.tr(say.Sprintf("一、 heading, ## a （一）, ### a 1., #### a （1）: the numbers are")) + "\n")
	b.WriteString("     " + w.tr(say.Sprintf("derived from the structure.")) + " */ -}}\n")
	first := true
	para := func(s string) {
		if !first {
			b.WriteByte('\n')
		}
		first = false
		b.WriteString(s)
		b.WriteByte('\n')
	}
	for _, bl := range blocks {
		if bl.Table != nil {
			w.d.warn(bl.N, "a table in the body: its rows are kept as paragraphs (a table belongs in an annex)")
			for _, row := range bl.Table.Rows {
				para(escapeTemplate(strings.Join(dedupe(row), "　")))
			}
			continue
		}
		text := escapeTemplate(strings.ReplaceAll(bl.Text, "\t", "　"))
		if bl.Level > 0 {
			para(strings.Repeat("#", bl.Level) + " " + text)
			continue
		}
		if strings.HasPrefix(text, "#") || strings.HasPrefix(text, "＃") {
			w.d.warn(bl.N, "the paragraph starts with %s, which the template reads as a heading mark: check it", text[:1])
		}
		para(text)
	}
	return b.String()
}

// escapeTemplate writes text so the template prints it as it is: {{ and
// }} as actions that print them.
func escapeTemplate(s string) string {
	if !strings.Contains(s, "{{") && !strings.Contains(s, "}}") {
		return s
	}
	r := strings.NewReplacer("{{", "\x00L", "}}", "\x00R").Replace(s)
	return strings.NewReplacer("\x00L", `{{"{{"}}`, "\x00R", `{{"}}"}}`).Replace(r)
}
