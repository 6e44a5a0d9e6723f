package main

import (
	"io"
	"path/filepath"
	"strings"

	"gongwen/internal/draft"
	"gongwen/internal/format"
	"gongwen/internal/i18n"
	"gongwen/internal/say"
	"gongwen/internal/starter"
)

// importHelp is the help of import; %s stands for the formats.
const importHelp = `Usage: gongwen import [--format %s] [--draft docx|md|txt] DRAFT NAME

Reads a draft written in Word, WPS or LibreOffice (.docx), Markdown (.md)
or plain text (.txt, UTF-8 or GBK/GB18030) and writes the document's
sources in the current folder, as gongwen new does:
  data/NAME.toml               the data: 标题, 主送机关, 署名, 成文日期, 版记, …
  templates/NAME.txt           the body, its headings marked # ## ### ####
  data/NAME/附件N.toml          an annex's table
  templates/NAME-附件N.txt      an annex's text
Nothing is written if any of the files exists.

It prints one line per paragraph it kept as body text because it fits no
part, changed (a heading number the structure numbers otherwise) or
dropped (a comment, a footnote), naming the draft's paragraph (or line).
A required part the draft lacks (the 发文机关, the 发文字号) is written as a
commented placeholder, which gongwen check names until it is filled in.

Options:
`

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", importHelp, stderr, strings.Join(format.Names(), "|"))
	formatName := fs.String("format", "file", flagUsage(say.Sprintf("the document's format, `NAME`: %s", strings.Join(format.Names(), ", "))))
	draftFormat := fs.String("draft", "", flagUsage(say.Sprintf("read the draft as `KIND` (by default, by its extension): %s", strings.Join(draft.Formats, ", "))))
	if code := parse(fs, args, stdout, say.Word("draft")); code >= 0 {
		return code
	}
	if fs.NArg() != 2 {
		say.Fprintf(stderr, "gongwen import: give a draft and a name, not %d arguments\n", fs.NArg())
		return exitUsage
	}
	if _, err := format.ByName(*formatName); err != nil {
		say.Fprintln(stderr, "gongwen import:", err)
		return exitUsage
	}
	if err := starter.CheckName(fs.Arg(1)); err != nil {
		say.Fprintln(stderr, "gongwen import:", err)
		return exitUsage
	}
	written, report, err := draft.Import(fs.Arg(0), *draftFormat, *formatName, fs.Arg(1), ".", func(c say.Text) string { return i18n.Sprint(lang, c) })
	if err != nil {
		say.Fprintln(stderr, "gongwen import:", err)
		return exitInput
	}
	for _, line := range report {
		say.Fprintln(stderr, line)
	}
	for _, f := range written {
		say.Fprintf(stdout, "wrote %s\n", f)
	}
	data := filepath.Join("data", fs.Arg(1)+".toml")
	say.Fprintf(stdout, "check it with: gongwen check %s   (then build it: gongwen build %s)\n", data, data)
	return exitOK
}
