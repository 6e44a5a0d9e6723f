package main

import (
	"flag"
	"io"

	"gongwen/internal/doc"
	"gongwen/internal/lint"
	"gongwen/internal/say"
)

// warningsHelp is what build and check say of warnings in their help.
const warningsHelp = `
Warnings (FILE:LINE:COL: warning: message, on the error output) point at
what a proofreader would question: half-width punctuation between Chinese
characters, unbalanced （）《》“”〔〕, a document number written with [] or
【】, a date with leading zeros, an 附件说明 name ending in punctuation, a
title that does not end in one of the 15 文种, a number typed in the
template that the data computes, a title line break inside a word, a typed
heading number out of its place (（三） after （一）), a line of the body
that does not end a paragraph yet has another right after it. They never
stop a build, unless --strict is given, and come after a document's
problems when it has some.
`

// strictFlag adds --strict to a command.
func strictFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("strict", false, "make warnings problems: report them as errors, write nothing, exit 1")
}

// printWarnings prints each warning on its own line.
func printWarnings(w io.Writer, ws []lint.Warning) {
	for _, x := range ws {
		say.Fprintln(w, x)
	}
}

// printNotes prints each note about a source not printed yet: a file read
// by several documents of a build is spoken of once.
func printNotes(w io.Writer, ns []doc.Note, said map[string]bool) {
	for _, n := range ns {
		if s := n.String(); !said[s] {
			said[s] = true
			say.Fprintln(w, n)
		}
	}
}
