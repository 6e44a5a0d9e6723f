package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"gongwen/internal/archive"
	"gongwen/internal/build"
	"gongwen/internal/diff"
	"gongwen/internal/input"
	"gongwen/internal/say"
)

const diffHelp = `Usage: gongwen diff [--png DIR] OLD.pdf NEW.pdf

Says what changed between two PDFs that gongwen built, from the PDFs alone
(each records its printed lines and table cells in its metadata):
  page P, line L: old → new          a changed line, changed characters in ⟦⟧
  附件1 甘孜 / 存在突出问题数: 4 → 9   a changed table cell, by row and column
  page P: picture seal.png added      a picture added, removed or moved
  8 pages → 9 pages                  the page count, when it changed
  N lines only moved …               lines whose text is unchanged but which
                                     reflowed or went to another line or page
                                     (page numbers are not compared as lines)
With --png DIR, each page holding a change is drawn as DIR/page-P.png: the
old page on the left, the new on the right, changed lines and cells in red,
moved lines in blue (this uses pdftoppm, from poppler-utils).

Exit status: 0 the printed text and layout are the same, 1 they differ or
a file cannot be read (missing, not a regular file, cut short) or the
pages cannot be written, 2 wrong usage, or a file that is not a PDF gongwen
made.

Options:
`

func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("diff", diffHelp, stderr)
	pngDir := fs.String("png", "", "write each changed page, old and new side by side, as `DIR`/page-P.png")
	if code := parse(fs, args, stdout, say.Word("PDFs")); code >= 0 {
		return code
	}
	if fs.NArg() != 2 {
		say.Fprintf(stderr, "gongwen diff: give two PDFs, the old and the new, not %d files\n", fs.NArg())
		return exitUsage
	}
	oldPath, newPath := fs.Arg(0), fs.Arg(1)
	var recs [2]*diff.Record
	for i, p := range []string{oldPath, newPath} {
		b, err := input.Read(p, input.PDF)
		if err != nil {
			say.Fprintf(stderr, "%s: %v\n", p, err)
			return exitInput
		}
		if recs[i], err = readRecord(b); err != nil {
			say.Fprintf(stderr, "%s: %v\n", p, err)
			if errors.Is(err, errNotOurs) || errors.Is(err, diff.ErrNoRecord) {
				return exitUsage
			}
			return exitInput
		}
	}
	rep := diff.Compare(recs[0], recs[1])
	rep.Write(stdout)
	if *pngDir != "" && !rep.Same() {
		imgs, err := diff.Images(oldPath, newPath, recs[0], recs[1], rep, 100, diff.Pdftoppm)
		if err != nil {
			say.Fprintln(stderr, "gongwen diff:", err)
			return exitInput
		}
		if err := os.MkdirAll(*pngDir, 0o755); err != nil {
			say.Fprintf(stderr, "gongwen diff: cannot make folder %s: %v\n", *pngDir, unwrapPathErr(err))
			return exitInput
		}
		for _, im := range imgs {
			p := filepath.Join(*pngDir, fmt.Sprintf("page-%d.png", im.Page))
			if err := build.WriteAtomic(p, im.PNG); err != nil {
				report(stderr, err)
				return exitInput
			}
			say.Fprintf(stdout, "→ %s\n", p)
		}
	}
	if rep.Same() {
		return exitOK
	}
	return exitInput
}

// buildChange is the one line `gongwen build` says about a rebuilt PDF:
// what changed from the file it replaced. Nothing when there was no file,
// or it holds no layout record.
// errNotOurs is a file that is not a PDF at all: given where a PDF
// gongwen made belongs, wrong usage as much as one without its record.
var errNotOurs = say.New("not a PDF")

// readRecord reads the layout record of a PDF's bytes: a file that is not
// a PDF is errNotOurs; one cut short is said to be, rather than that
// gongwen did not make it (the record is near the end, so it is gone).
func readRecord(b []byte) (*diff.Record, error) {
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		return nil, errNotOurs
	}
	if !archive.Complete(b) {
		return nil, say.Errorf("the PDF is cut short (%d bytes, ending before its %%%%EOF marker): it was not copied or written whole", len(b))
	}
	return diff.Read(b)
}

func buildChange(before []byte, target string) (say.Text, bool) {
	if before == nil {
		return say.Text{}, false
	}
	old, err := diff.Read(before)
	if err != nil {
		return say.Text{}, false
	}
	after, err := os.ReadFile(target)
	if err != nil {
		return say.Text{}, false
	}
	cur, err := diff.Read(after)
	if err != nil {
		return say.Text{}, false
	}
	return say.Sprintf("%s: %v", target, diff.Compare(old, cur).Summary()), true
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
