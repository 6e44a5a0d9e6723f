// Command gongwen builds Chinese official documents (公文) laid out as
// GB/T 9704-2012 requires, from TOML data and text templates, as PDF, and
// previews their pages as PNG images.
// It only parses the command line and reports; the work is in internal/build.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"gongwen/internal/archive"
	"gongwen/internal/build"
	"gongwen/internal/doc"
	"gongwen/internal/i18n"
	"gongwen/internal/input"
	"gongwen/internal/lint"
	pngr "gongwen/internal/render/png"
	"gongwen/internal/say"
)

// Exit statuses.
const (
	exitOK    = 0
	exitInput = 1 // a problem with the input
	exitUsage = 2 // wrong usage
)

const usage = `gongwen builds Chinese official documents (公文) to GB/T 9704-2012, as PDF, OFD and DOCX.

Usage:
  gongwen build [-o PATH] [--ofd] [--docx] [--fonts DIR] [--strict] DOC.toml|DIR...
                                                      build PDFs (default into output/), or OFD, DOCX
  gongwen check [--fonts DIR] [--strict] DOC.toml...  check everything, write nothing (--rules: the proofreading rules)
  gongwen preview [-o DIR] [--dpi N] [--fonts DIR] DOC.toml...
                                                      draw the pages as PNG images (default into output/)
  gongwen verify [--project DIR] [--fonts DIR] FILE.pdf|FILE.ofd|FILE.docx...
                                                      rebuild from the recorded sources, compare bytes
  gongwen diff [--png DIR] OLD.pdf NEW.pdf            what changed between two builds, line by line
  gongwen sign --key KEY.pem --cert CERT.pem -o OUT FILE.pdf|FILE.ofd
                                                      sign a PDF (PAdES) or an OFD (SM2 seal), keeping its built bytes
  gongwen new [--kind 文种 | --format F] NAME          start a document (a 通知, 请示, 函 …): data, body, one annex table
  gongwen import [--format F] DRAFT NAME              start a document from a .docx, .md or .txt draft
  gongwen formats                                     the formats and the keys each takes
  gongwen serve [--addr 127.0.0.1:8080] DOC.toml      show the pages in a browser while you edit
  gongwen fonts [--licences] [FILE...]                the fonts built in, their licences; a file's fonts
  gongwen version                                     print the version
  gongwen help [COMMAND]                              this text, or a command's

Exit status: 0 success, 1 a problem with the input (one line per problem,
FILE:LINE:COL: message), 2 wrong usage.

Messages are in Chinese when LC_ALL, LC_MESSAGES or LANG starts with zh,
or with --lang zh anywhere on the command line; --lang en for English.
`

// usageText is usage as a message, keyed "help".
var usageText = say.Keyed("help", usage)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	l, args, err := language(args)
	lang = l
	stdout, stderr, done := translated(stdout, stderr)
	defer done()
	if err != nil {
		say.Fprintln(stderr, "gongwen:", err)
		return exitUsage
	}
	if len(args) == 0 {
		say.Fprint(stderr, usageText)
		return exitUsage
	}
	if cmd, ok := commands[args[0]]; ok {
		return cmd(args[1:], stdout, stderr)
	}
	switch args[0] {
	case "version", "--version":
		return runVersion(stdout)
	case "help", "-h", "--help", "-help":
		if len(args) == 1 {
			say.Fprint(stdout, usageText)
			return exitOK
		}
		if _, ok := commands[args[1]]; ok {
			return commands[args[1]]([]string{"--help"}, stdout, stderr)
		}
		if args[1] == "version" {
			say.Fprint(stdout, usageText)
			return exitOK
		}
		say.Fprintf(stderr, "gongwen help: no command %q\n\n%s", args[1], usageText)
		return exitUsage
	}
	say.Fprintf(stderr, "gongwen: unknown command %q\n\n%s", args[0], usageText)
	return exitUsage
}

// commands are the subcommands that take arguments, by name.
var commands map[string]func(args []string, stdout, stderr io.Writer) int

func init() {
	commands = map[string]func([]string, io.Writer, io.Writer) int{
		"build":   runBuild,
		"check":   runCheck,
		"verify":  runVerify,
		"preview": runPreview,
		"diff":    runDiff,
		"fonts":   runFonts,
		"serve":   runServe,
		"new":     runNew,
		"import":  runImport,
		"formats": runFormats,
		"sign":    runSign,
	}
}

const buildHelp = `Usage: gongwen build [-o PATH] [--ofd] [--docx] [--docx-fonts HOW] [--copies FIRST-LAST] [--fonts DIR] [--strict] DOC.toml|DIR...

Builds each document's PDF. A folder stands for every data file (*.toml)
directly in it. With one document, -o names the PDF file (or a folder to
put it in); with several, -o names a folder. The default folder is
output/, and a document data/NAME.toml becomes output/NAME.pdf.

Documents are built several at a time, one per processor; their messages
come in the order they were named, and a document that fails does not stop
the others. On a terminal a line shows the progress and a summary ends the
run (documents, pages, seconds); elsewhere only the messages are printed.

OFD (GB/T 33190-2016): -o NAME.ofd writes the document as an OFD package
instead of a PDF; --ofd writes NAME.ofd beside every NAME.pdf. Its pages,
text, glyph positions, fonts and archive record are the PDF's.

DOCX: -o NAME.docx writes the document as an editable Word document
instead; --docx writes NAME.docx beside every NAME.pdf. Its paragraphs
have a style for each element and flow when edited; --docx-fonts=names
leaves the fonts' glyphs out (embed, the default, carries them where the
font's licence allows).

Numbered copies: --copies 1-30 lays a document out once and writes one PDF
per copy, NAME-000001.pdf to NAME-000030.pdf, each with its own 份号 (at most
1000 copies a build; the format must have a 份号: file or letter).

The PDF is written to a temporary file and renamed into place when complete:
on any error no output is written and an existing PDF keeps its bytes.
The output never replaces an input of the build, a read-only file or
anything but a regular file.
The PDF's dates are the document's 成文日期, or SOURCE_DATE_EPOCH when set,
so the same sources always give the same bytes.
` + warningsHelp + `
Options:
`

const checkHelp = `Usage: gongwen check [--fonts DIR] [--strict] DOC.toml...
       gongwen check --rules

Loads, expands and lays out each document, checking the data, the template
and every character against its font, and reports every problem found.
Writes nothing.
` + warningsHelp + `
--rules lists the proofreading rules with their sources. A document turns
rules off with [lint] off = ["id", …] in its data file, and adds wrong and
right terms with [lint] terms = [["按排", "安排"]]; a lint.toml (off = …,
terms = …) beside the data file or in the folder above does so for a project.

Options:
`

const verifyHelp = `Usage: gongwen verify [--project DIR] [--fonts DIR] FILE.pdf|FILE.ofd|FILE.docx...

Reads the archive record in each PDF or OFD that gongwen built (the tool's version
and the SHA-256 of every input: data, template, tables, images, fonts,
fonts.toml and the format's settings, by path relative to the project),
rebuilds the document from the current tree with the recorded date, and says
whether the result has the same bytes. When it has not, it names each input
whose content changed, each one that is missing and each new one, and
whether the PDF was changed after it was built (its bytes no longer match
the trailer ID gongwen made from them).

The project is the current folder, or the folder --project names; never
one the record points to. verify reads only files inside it, the --fonts
folder, the fonts.toml files a build reads and the fonts they name: a
record naming a path outside the project (absolute, climbing out with ..,
or leading out through a symbolic link) is refused before any file is
opened, as forged or damaged. The recorded fonts.toml is used unless
--fonts is given. When the rebuild cannot use what the PDF records (a font
from outside the project not found: pass the same --fonts), it says it
could not rebuild, and does not compare.

A signed PDF (gongwen sign): each signature is listed first, with its
signer, time and algorithm, and whether the bytes it covers are intact;
then the PDF as built (before its signature) is compared with the rebuild.

Exit status: 0 every PDF is identical to its rebuild, 1 one differs,
cannot be verified or has a broken signature, 2 wrong usage.

Options:
`

const previewHelp = `Usage: gongwen preview [-o DIR] [--dpi N] [--fonts DIR] DOC.toml...

Draws each document's pages as PNG images, one per page, for a quick look
without a PDF viewer: a document data/NAME.toml becomes DIR/NAME-1.png,
DIR/NAME-2.png, and so on. The pages are the ones the PDF would have (the
same layout, the same fonts), drawn at N dots per inch on white.

Each image is written to a temporary file and renamed into place when
complete. Each image carries a mark (PNG text chunks: Software "gongwen
preview", Title the data file's name): an image already at a page's path
is replaced only when it has the mark of the same document, else nothing
is written (exit 1). Pages left from an earlier, longer preview of the
same document (DIR/NAME-N.png beyond the last page) are removed when they
have that mark; any other file is kept. The same sources and resolution
always give the same bytes.

Options:
`

// Resolutions preview accepts, in dots per inch.
const minDPI, maxDPI = 10, 600

const fontsFlagHelp = "folder `DIR` with a fonts.toml mapping typeface roles to .ttf files, for the roles neither the document nor the nearest fonts/fonts.toml names (see gongwen help fonts)"

// newFlags makes a command's flags; its help is help (filled with args),
// keyed in the catalogue as "help NAME".
func newFlags(name, help string, stderr io.Writer, args ...any) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool("help", false, "show this help")
	fs.Usage = func() {
		say.Fprint(fs.Output(), say.Keyed("help "+name, help, args...))
		fs.PrintDefaults()
	}
	return fs
}

// usages are the flags' usages made from values, by their English: a
// flag keeps its usage as text, which parse puts into the user's language.
var usages sync.Map

// flagUsage is t in English, a flag's usage, kept for parse to translate.
func flagUsage(t say.Text) string {
	usages.Store(t.String(), t)
	return t.String()
}

// parse handles --help and parses flags, wherever they are among the
// arguments (up to a "--"); it returns the exit status to stop with, or -1
// to go on. what names the arguments the command needs ("" for none).
func parse(fs *flag.FlagSet, args []string, stdout io.Writer, what say.Text) int {
	fs.VisitAll(func(f *flag.Flag) {
		if t, ok := usages.Load(f.Usage); ok {
			f.Usage = i18n.Sprint(lang, t)
		} else {
			f.Usage = i18n.T(lang, f.Usage)
		}
	})
	if helpRequested(args) {
		fs.SetOutput(stdout)
		fs.Usage()
		return exitOK
	}
	if err := fs.Parse(flagsFirst(fs, args)); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if what.Format != "" && fs.NArg() == 0 {
		say.Fprintf(fs.Output(), "gongwen %s: no %s given\n", fs.Name(), what)
		fs.Usage()
		return exitUsage
	}
	return -1
}

// flagsFirst moves the flags among args before the other arguments (the
// flag package stops at the first argument that is not a flag), keeping
// each flag's value with it, and ends the flags with "--" so that a file
// named like a flag after a "--" stays a file.
func flagsFirst(fs *flag.FlagSet, args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		f := fs.Lookup(name)
		if f == nil {
			continue // the flag package says it is unknown
		}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && b.IsBoolFlag() {
			continue
		}
		if i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	return append(append(flags, "--"), rest...)
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", buildHelp, stderr)
	out := fs.String("o", "", "output `PATH`: a PDF or OFD file (one document) or a folder (default output/)")
	withOFD := fs.Bool("ofd", false, "also write NAME.ofd (OFD, GB/T 33190-2016) beside each NAME.pdf")
	withDOCX := fs.Bool("docx", false, "also write NAME.docx (an editable Word document) beside each NAME.pdf")
	docxFonts := fs.String("docx-fonts", build.DOCXFontsEmbed, "`HOW` a DOCX carries its fonts: embed (the characters used, where the font's licence allows) or names (named only)")
	fontsDir := fs.String("fonts", "", fontsFlagHelp)
	strict := strictFlag(fs)
	copies := fs.String("copies", "", "`FIRST-LAST`: number the 份号 of each copy, one PDF per copy (NAME-000001.pdf …), laid out once")
	if code := parse(fs, args, stdout, say.Word("document")); code >= 0 {
		return code
	}
	opt, code := options(*fontsDir, stderr)
	if code >= 0 {
		return code
	}
	if *copies != "" {
		c, err := build.ParseCopies(*copies)
		if err != nil {
			say.Fprintln(stderr, "gongwen build:", err)
			return exitUsage
		}
		opt.Copies = &c
	}
	opt.OFD = *withOFD
	opt.DOCX = *withDOCX
	if *docxFonts != build.DOCXFontsEmbed && *docxFonts != build.DOCXFontsNames {
		say.Fprintln(stderr, "gongwen build:", say.Sprintf("--docx-fonts is %q: give embed or names", *docxFonts))
		return exitUsage
	}
	opt.DOCXFonts = *docxFonts
	opt.Strict = *strict
	docs, err := build.Documents(fs.Args())
	if err != nil {
		say.Fprintln(stderr, "gongwen build:", err)
		return exitInput // a folder that cannot be listed or holds no data file
	}
	targets, err := outputs(docs, *out)
	if err != nil {
		say.Fprintln(stderr, "gongwen build:", err)
		return exitUsage
	}
	opt.MakeOutputDir = true // the folders of -o new/ and -o new/sub/x.pdf alike
	status := exitOK
	tuneGC(len(docs))
	prog := newProgress(stdout, len(docs))
	said := map[string]bool{} // the notes printed
	build.BuildAll(docs, targets, opt, 0, func(i int) { prog.begin(docs[i]) }, func(i int, o build.Outcome) {
		prog.report(o.Pages, o.Err != nil, func() {
			if o.Err != nil {
				report(stderr, o.Err)
				status = exitInput
				return
			}
			written, beside := o.Out, build.OFDName(o.Out)
			if c := opt.Copies; c != nil {
				written, beside = build.CopiesName(o.Out, *c), build.CopiesName(beside, *c)
			}
			if opt.OFD && !build.IsOFD(o.Out) && !build.IsDOCX(o.Out) {
				written += ", " + beside
			}
			if opt.DOCX && !build.IsOFD(o.Out) && !build.IsDOCX(o.Out) {
				written += ", " + build.DOCXName(o.Out)
			}
			printNotes(stderr, o.Notes, said)
			printWarnings(stderr, o.Warnings)
			say.Fprintf(stdout, "%s → %s\n", doc.ShowPath(o.Doc), doc.ShowPath(written))
			if s, ok := buildChange(o.Previous, o.Out); ok {
				say.Fprintln(stdout, s)
			}
		})
	})
	prog.finish()
	return status
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", checkHelp, stderr)
	fontsDir := fs.String("fonts", "", fontsFlagHelp)
	strict := strictFlag(fs)
	rules := fs.Bool("rules", false, "list the proofreading rules and their sources; no document needed")
	what := say.Word("document")
	if slices.Contains(args, "--rules") || slices.Contains(args, "-rules") {
		what = say.Text{}
	}
	if code := parse(fs, args, stdout, what); code >= 0 {
		return code
	}
	if *rules {
		for _, l := range lint.List(lang == i18n.Chinese) {
			say.Fprintln(stdout, l)
		}
		return exitOK
	}
	opt, code := options(*fontsDir, stderr)
	if code >= 0 {
		return code
	}
	opt.Strict = *strict
	status := exitOK
	said := map[string]bool{} // the notes printed
	for _, d := range fs.Args() {
		j, err := build.Prepare(d, opt)
		if err != nil {
			report(stderr, err)
			status = exitInput
			continue
		}
		printNotes(stderr, j.Doc.Notes, said)
		printWarnings(stderr, j.Warnings)
		say.Fprintf(stdout, "%s: ok (%d pages)\n", d, len(j.Result.Pages))
	}
	return status
}

func runVerify(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("verify", verifyHelp, stderr)
	fontsDir := fs.String("fonts", "", "folder `DIR` with the fonts.toml to rebuild with (default: the one recorded in the PDF)")
	project := fs.String("project", ".", "the project folder `DIR` the recorded paths are relative to; nothing outside it is read")
	if code := parse(fs, args, stdout, say.Word("PDF or OFD file")); code >= 0 {
		return code
	}
	if st, err := os.Stat(*project); err != nil || !st.IsDir() {
		say.Fprintf(stderr, "gongwen verify: --project %s: not a folder\n", *project)
		return exitUsage
	}
	status := exitOK
	for _, p := range fs.Args() {
		ok, signed := verifySignatures(p, stdout)
		if !ok {
			status = exitInput
		}
		var rep *archive.Report
		var err error
		if signed != nil && build.IsOFD(p) { // compared as it was before it was signed
			rep, err = build.VerifyBytes(p, signed, *project, build.Options{FontsDir: *fontsDir})
		} else {
			rep, err = build.Verify(p, *project, build.Options{FontsDir: *fontsDir})
		}
		if err != nil {
			report(stderr, err)
			status = exitInput
			continue
		}
		if signed != nil && !build.IsOFD(p) {
			rep.SignedOnly(signed)
		}
		diffs := rep.Differences()
		switch {
		case !rep.Rebuilt():
			say.Fprintf(stdout, "%s: could not rebuild from %s, so not compared\n", p, rep.Recorded.Document)
			status = exitInput
		case rep.Identical:
			say.Fprintf(stdout, "%s: identical to a rebuild from %s\n", p, rep.Recorded.Document)
		default:
			say.Fprintf(stdout, "%s: differs from a rebuild from %s\n", p, rep.Recorded.Document)
			status = exitInput
			if len(diffs) == 0 && rep.Seal == archive.Intact {
				diffs = []say.Text{say.Sprintf("the recorded inputs are unchanged and the PDF is as it was written, yet the bytes differ: another build of %s made it (another Go release or module versions), or a source changed while it was being built", rep.Recorded.Tool)}
			} else if len(diffs) == 0 {
				diffs = []say.Text{say.Sprintf("the recorded inputs are unchanged, yet the bytes differ: the file was changed after it was built, another build of %s made it, or a source changed while it was being built", rep.Recorded.Tool)}
			}
		}
		for _, d := range diffs {
			say.Fprintf(stdout, "%s: %v\n", p, d)
		}
	}
	return status
}

// checkDPI refuses a resolution outside minDPI–maxDPI for preview and serve,
// which draw pages with the same renderer.
func checkDPI(cmd string, dpi float64, stderr io.Writer) int {
	if dpi >= minDPI && dpi <= maxDPI {
		return -1
	}
	say.Fprintf(stderr, "gongwen %s: --dpi %g: give a resolution from %d to %d dots per inch\n", cmd, dpi, minDPI, maxDPI)
	return exitUsage
}

func runPreview(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("preview", previewHelp, stderr)
	out := fs.String("o", "output", "folder `DIR` for the images")
	dpi := fs.Float64("dpi", 96, flagUsage(say.Sprintf("resolution: `N` dots per inch, %d to %d", minDPI, maxDPI)))
	fontsDir := fs.String("fonts", "", fontsFlagHelp)
	if code := parse(fs, args, stdout, say.Word("document")); code >= 0 {
		return code
	}
	if code := checkDPI("preview", *dpi, stderr); code >= 0 {
		return code
	}
	opt, code := options(*fontsDir, stderr)
	if code >= 0 {
		return code
	}
	if st, err := os.Stat(*out); err == nil && !st.IsDir() {
		say.Fprintf(stderr, "gongwen preview: -o %s: a file, not a folder for the images\n", *out)
		return exitInput // the folder cannot be made, as when mkdir fails
	}
	docs := fs.Args()
	names := map[string]string{}
	for _, d := range docs {
		n := previewName(d)
		if prev, ok := names[n]; ok {
			say.Fprintf(stderr, "gongwen preview: %s and %s would both be written to %s\n", prev, d, filepath.Join(*out, n+"-1.png"))
			return exitUsage
		}
		names[n] = d
	}
	status := exitOK
	for _, d := range docs {
		pages, err := preview(d, *out, *dpi, opt)
		if err != nil {
			report(stderr, err)
			status = exitInput
			continue
		}
		first := filepath.Join(*out, previewName(d)+"-1.png")
		if len(pages) == 1 {
			say.Fprintf(stdout, "%s → %s\n", d, first)
		} else {
			say.Fprintf(stdout, "%s → %s … %s (%d pages)\n", d, first, pages[len(pages)-1], len(pages))
		}
	}
	return status
}

// previewName is the images' base name for a document: its file name
// without the extension.
func previewName(docPath string) string {
	base := filepath.Base(docPath)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// preview writes a document's pages as dir/NAME-N.png and returns their
// paths: all or none. Each page is drawn, encoded and written to a
// temporary file before the next is drawn; only when every page is done
// are they renamed into place, so a failure midway leaves the earlier
// images as they were.
func preview(docPath, dir string, dpi float64, opt build.Options) ([]string, error) {
	j, err := build.Prepare(docPath, opt)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) && pe.Path != dir {
			// What is in the way: "taken" of taken/pngs.
			return nil, doc.Errorf(doc.Pos{File: dir}, "cannot make the output folder: %s: %v", pe.Path, pe.Err)
		}
		return nil, doc.Errorf(doc.Pos{File: dir}, "cannot make the output folder: %v", unwrapPathErr(err))
	}
	name, source := previewName(docPath), filepath.Base(docPath)
	page := func(n int) string { return filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, n)) }
	inputs := j.Inputs()
	for i := range j.Result.Pages {
		if err := build.CheckOutput(page(i+1), inputs); err != nil {
			return nil, err
		}
		if _, err := os.Lstat(page(i + 1)); err == nil && !previewed(page(i+1), source) {
			return nil, doc.Errorf(doc.Pos{File: page(i + 1)}, "is not a page gongwen preview drew of %s (it lacks the mark gongwen preview writes into its images); it is kept: move it away, or give another folder with -o DIR", source)
		}
	}
	var set build.FileSet
	var paths []string
	err = pngr.Stream(j.Result, j.FontData, dpi, func(i int, b []byte) error {
		paths = append(paths, page(i+1))
		return set.Add(page(i+1), pngr.Mark(b, source))
	})
	if err != nil {
		set.Abort()
		var de *doc.Error
		if errors.As(err, &de) {
			return nil, err
		}
		return nil, say.Errorf("%s: preview: %v", docPath, err)
	}
	if err := set.Commit(); err != nil {
		return nil, err
	}
	// Pages beyond the last, from an earlier preview, would pass for pages
	// of this one. Only a page gongwen preview drew of this document (its
	// mark says so) is removed: never a file of the user's named like a
	// page, nor an input.
	for n := len(paths) + 1; ; n++ {
		if _, err := os.Lstat(page(n)); err != nil {
			break
		}
		if previewed(page(n), source) && build.CheckOutput(page(n), inputs) == nil {
			os.Remove(page(n))
		}
	}
	return paths, nil
}

// previewed reports whether the file at p is a regular file holding a page
// gongwen preview drew of the data file named source (pngr.Marked). A
// link, however it points, is not.
func previewed(p, source string) bool {
	if st, err := os.Lstat(p); err != nil || !st.Mode().IsRegular() {
		return false
	}
	f, err := input.Open(p, input.Image)
	if err != nil {
		return false
	}
	defer f.Close()
	return pngr.Marked(f, source)
}

// helpRequested finds -h/--help before any document argument.
func helpRequested(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help":
			return true
		case "--":
			return false
		}
	}
	return false
}

func options(fontsDir string, stderr io.Writer) (build.Options, int) {
	epoch, err := build.EpochFromEnv()
	if err != nil {
		say.Fprintln(stderr, "gongwen:", err)
		return build.Options{}, exitUsage
	}
	return build.Options{FontsDir: fontsDir, Epoch: epoch}, -1
}

// outputFileExts are the extensions of the files gongwen build writes:
// -o ending in one (in any case) names a file.
var outputFileExts = []string{".pdf", ".ofd", ".docx"}

// outputs decides each document's output path from -o: a file when it ends
// in an output extension, a folder when it is one, ends in a slash or
// several documents are given (they cannot share a file); otherwise, with
// one document, an error saying so. The folder a file goes in, named or
// not, is made only when a document is written into it
// (Options.MakeOutputDir).
func outputs(docs []string, out string) (targets []string, err error) {
	dir := out
	switch {
	case out == "":
		dir = "output"
	case hasExt(out, outputFileExts):
		if st, err := os.Stat(out); err == nil && st.IsDir() {
			break // a folder named like a file: still a folder
		}
		if len(docs) > 1 {
			return nil, say.Errorf("-o %s names a file, but %d documents were given: name a folder", out, len(docs))
		}
		return []string{out}, nil
	case strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(filepath.Separator)):
	default:
		st, err := os.Stat(out)
		if err == nil && !st.IsDir() {
			return nil, say.Errorf("-o %s: a file that does not end in %s, %s or %s; name the PDF NAME%s, or a folder", out, outputFileExts[0], outputFileExts[1], outputFileExts[2], outputFileExts[0])
		}
		if err != nil && len(docs) == 1 {
			return nil, say.Errorf("-o %s: neither a folder nor a file ending in %s, %s or %s: end a new folder's name with / (%s/), or a file's with %s", out, outputFileExts[0], outputFileExts[1], outputFileExts[2], out, outputFileExts[0])
		}
	}
	seen := map[string]string{}
	for _, d := range docs {
		t := filepath.Join(dir, build.OutputName(d))
		if prev, ok := seen[t]; ok {
			return nil, say.Errorf("%s and %s would both be written to %s", prev, d, t)
		}
		seen[t] = d
		targets = append(targets, t)
	}
	return targets, nil
}

// hasExt reports whether p ends in one of exts, in any case.
func hasExt(p string, exts []string) bool {
	for _, e := range exts {
		if strings.EqualFold(filepath.Ext(p), e) {
			return true
		}
	}
	return false
}

// report prints each problem on its own line.
func report(w io.Writer, err error) {
	for _, m := range build.Messages(err) {
		say.Fprintln(w, m)
	}
}
