package main

import (
	"flag"
	"io"
	"path/filepath"
	"strings"
	"time"

	"gongwen/internal/format"
	"gongwen/internal/i18n"
	"gongwen/internal/say"
	"gongwen/internal/starter"
)

// newHelp is the help of new; %s stands for the formats (file|letter|…).
const newHelp = `Usage: gongwen new [--kind 文种 | --format %s] NAME

Writes a new document to start from, in the current folder:
  data/NAME.toml          the data: issuer, number, title, date, …
  templates/NAME.txt      the body
  data/NAME/附件1.toml     one annex table, whose totals the body cites
It builds as written (gongwen build data/NAME.toml); replace the example
values with yours. Nothing is written if any of the files exists. Their
comments are in the language of the messages (English, or Chinese).
--kind starts a 文种 (通知, 请示, 函 …) in its format: its title ends in
the 文种, a 请示 or 报告 carries its 签发人 (a 请示 a 联系人 too), a 批复
cites the 请示 it answers, and the body has the usual structure.
gongwen formats lists the formats, the 文种 of each and the keys each takes.

Options:
`

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", newHelp, stderr, strings.Join(format.Names(), "|"))
	formatName := fs.String("format", "file", flagUsage(say.Sprintf("the document's format, `NAME`: %s", strings.Join(format.Names(), ", "))))
	kindName := fs.String("kind", "", flagUsage(say.Sprintf("the document's 文种, `KIND`: %s", format.KindNames())))
	if code := parse(fs, args, stdout, say.Word("name")); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		say.Fprintf(stderr, "gongwen new: give one name, not %d\n", fs.NArg())
		return exitUsage
	}
	name := fs.Arg(0)
	comment := func(c string) string { return i18n.T(lang, c) }
	var files []starter.File
	var err error
	if *kindName != "" {
		k, kerr := format.KindByName(*kindName)
		if kerr != nil {
			say.Fprintln(stderr, "gongwen new:", kerr)
			return exitUsage
		}
		if given(fs, "format") && *formatName != k.Format {
			say.Fprintf(stderr, "gongwen new: a %s is set in the %s format, not %s: leave out --format\n", k.Name, k.Format, *formatName)
			return exitUsage
		}
		files, err = starter.KindFiles(k.Name, name, time.Now(), comment)
	} else {
		files, err = starter.Files(*formatName, name, time.Now(), comment)
	}
	if err != nil {
		say.Fprintln(stderr, "gongwen new:", err)
		return exitUsage
	}
	if err := starter.Write(".", files); err != nil {
		say.Fprintln(stderr, "gongwen new:", err)
		return exitInput
	}
	for _, f := range files {
		say.Fprintf(stdout, "wrote %s\n", f.Path)
	}
	data := filepath.Join("data", name+".toml")
	say.Fprintf(stdout, "build it with: gongwen build %s   (or watch it: gongwen serve %s)\n", data, data)
	return exitOK
}

const formatsHelp = `Usage: gongwen formats

Lists the formats of GB/T 9704-2012 gongwen lays out, and the keys a
document's data file takes in each: those it must have, and those it may.

Options:
`

func runFormats(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("formats", formatsHelp, stderr)
	if code := parse(fs, args, stdout, say.Text{}); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		say.Fprintf(stderr, "gongwen formats: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	for i, name := range format.Names() {
		f, _ := format.ByName(name)
		required, optional := f.KeyLists()
		if i > 0 {
			say.Fprintln(stdout)
		}
		say.Fprintf(stdout, "%s (%s)\n", name, f.ChineseName)
		var kinds []string
		for _, k := range format.Kinds() {
			if k.Format == name {
				kinds = append(kinds, k.Name)
			}
		}
		say.Fprintf(stdout, "  kinds (new --kind): %s\n", strings.Join(kinds, ", "))
		say.Fprintf(stdout, "  required: %s\n", keyList(required))
		say.Fprintf(stdout, "  optional: %s\n", keyList(optional))
	}
	return exitOK
}

func keyList(keys []string) string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k
		if m := format.KeyMeaning[k]; m != "" {
			out[i] += " " + m
		}
	}
	return strings.Join(out, ", ")
}

// given reports whether the command line set the flag name.
func given(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
