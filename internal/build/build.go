// Package build runs the pipeline for one document: load the TOML, expand
// the body template, resolve and check the fonts, compose the pages and
// render the PDF, writing it atomically, every stage reading the build's
// files through one source.Sources. It owns where things are found (the
// fonts folder, output names) and the build date; each stage's knowledge
// stays in its own package.
package build

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"gongwen/internal/archive"
	"gongwen/internal/diff"
	"gongwen/internal/doc"
	"gongwen/internal/expand"
	"gongwen/internal/fonts"
	"gongwen/internal/format"
	"gongwen/internal/input"
	"gongwen/internal/layout"
	"gongwen/internal/lint"
	pdfr "gongwen/internal/render/pdf"
	"gongwen/internal/say"
	"gongwen/internal/source"
)

// Version is the tool's version, recorded in every PDF it makes.
const Version = "0.1.0"

// Options tune a build.
type Options struct {
	// FontsDir is a folder holding a fonts.toml (--fonts), for the roles
	// that neither the document nor the nearest fonts/fonts.toml names (see
	// loadFonts for the whole order).
	FontsDir string
	// Epoch, if set, is the date written into the PDF instead of the 成文日期
	// (SOURCE_DATE_EPOCH, https://reproducible-builds.org/specs/source-date-epoch/).
	Epoch *time.Time
	// OFD, when set, makes a build write NAME.ofd beside each NAME.pdf.
	OFD bool
	// DOCX, when set, makes a build write NAME.docx beside each NAME.pdf;
	// DOCXFonts is DOCXFontsEmbed (also when empty) or DOCXFontsNames.
	DOCX      bool
	DOCXFonts string
	// Strict makes the warnings about the document (package lint, the
	// Job's Warnings) problems that stop the build.
	Strict bool
	// MakeOutputDir makes a PDF's folder, in BuildAll, when the PDF is
	// ready to be written into it (never for a document that failed).
	MakeOutputDir bool
	// Copies, when set, makes a build write one PDF per copy number,
	// NAME-000001.pdf … (see copies.go).
	Copies *Copies
	// Project, when set (verify's rebuild), is the project folder: the
	// nearest fonts/fonts.toml is looked for up to it, never above, and
	// the record names files relative to it (Job.Root).
	Project string
	// Sources, when set, is what the build reads its files through
	// (package source): a batch shares one among its documents. When
	// nil, Prepare makes one for the document.
	Sources *source.Sources
}

// Job is a document carried through the pipeline up to composed pages.
type Job struct {
	Doc         *doc.Document
	Format      *format.Format
	Fonts       *fonts.Set
	FontConfig  string   // the first fonts.toml read, "" when none was
	FontConfigs []string // every fonts.toml read, nearest first
	Result      *layout.Result
	Warnings    []lint.Warning // things in the draft that need a second look
	// fallbacks are the warnings about characters a later font of a
	// role's list draws (fallback.go), which lint adds to Warnings.
	fallbacks []lint.Warning
	// Copy is the 份号 of the numbered copy this job renders (withCopy),
	// recorded so that verify can rebuild that copy; 0 outside --copies.
	Copy int
	// Root is the project folder the record's paths are relative to:
	// Options.Project (verify's, so that the rebuild records what the PDF
	// records) or, when that is "", the one archive.FindRoot finds.
	Root string
	// cuts are the font subsets made so far, shared by the job's copies
	// and outputs (subsets).
	cuts subsetCache
}

// Prepare loads, expands and composes a document: everything but writing.
// It is what `gongwen check` runs. Past loading the data, a problem stops
// no later stage that can still run without what failed (a template error
// leaves the title and the annexes to check against the fonts), so that
// every problem of a document is reported in one run.
func Prepare(path string, opt Options) (*Job, error) {
	s := opt.Sources
	if s == nil {
		s = source.New()
	}
	d, err := doc.LoadFrom(s, path)
	if err != nil {
		return nil, err
	}
	warmTitle(d)
	var problems problemList
	f, err := format.ByName(d.Format)
	if err != nil {
		problems.add(doc.Errorf(d.At("format"), "%v", err))
	}
	problems.add(numberCopies(d, f, opt.Copies))
	set, cfgPaths, err := loadFonts(d, opt)
	problems.add(err)
	problems.add(checkImages(d))
	d, err = expand.Expand(d)
	problems.add(err)
	var res *layout.Result
	if f != nil && set != nil {
		res, err = layout.Compose(d, f, metrics(set))
		if err != nil {
			problems.add(doc.Locate(d.Sources, err))
		}
	}
	if err := problems.err(); err != nil {
		return nil, withWarnings(err, d, opt)
	}
	j := &Job{Doc: d, Format: f, Fonts: set, FontConfigs: cfgPaths, Result: res, Root: opt.Project, cuts: subsetCache{}}
	if drawn := splitFallbacks(res, set); len(drawn) > 0 {
		j.fallbacks = fallbackWarnings(d, f, set, drawn)
	}
	if len(cfgPaths) > 0 {
		j.FontConfig = cfgPaths[0]
	}
	if err := j.lint(opt); err != nil {
		return nil, err
	}
	return j, nil
}

func mustWd() string {
	wd, err := os.Getwd()
	if err != nil {
		return "."
	}
	return wd
}

// Date is the date a build writes into the PDF: SOURCE_DATE_EPOCH when
// given, else the 成文日期 at midnight UTC.
func (j *Job) Date(opt Options) time.Time {
	if opt.Epoch != nil {
		return opt.Epoch.UTC()
	}
	d := j.Doc.Date
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// Render writes the job's PDF into memory, with its archive record.
func (j *Job) Render(opt Options) ([]byte, error) {
	rec, subsets, err := j.inputs()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = pdfr.Render(&buf, j.Result, pdfr.Options{
		Font:    j.fontFunc(subsets),
		Date:    j.Date(opt),
		Creator: "gongwen " + Version,
		XMP: []pdfr.XMPPart{
			{Description: rec.Description(), Schema: rec.Schema()},
			{Description: diff.FromLayout(j.Result).Description(), Schema: diff.Schema},
		},
	})
	if err != nil {
		return nil, say.Errorf("%s: rendering: %v", j.Doc.Source, err)
	}
	return buf.Bytes(), nil
}

// subsets cuts each font down to the characters the pages set in it (all
// roles that share a file share one subset): a PDF or OFD embeds a few
// hundred glyphs instead of tens of thousands. A job's PDF, OFD and DOCX,
// and its copies whose numbers add no other digit, share each cut.
func (j *Job) subsets() (map[*fonts.Font][]byte, error) {
	return j.subsetsAs(func(f *fonts.Font) *fonts.Font { return f })
}

// subsetsAs is subsets with the characters of each font counted as those
// of as(font).
func (j *Job) subsetsAs(as func(*fonts.Font) *fonts.Font) (map[*fonts.Font][]byte, error) {
	used := map[*fonts.Font]map[rune]bool{}
	for _, p := range j.Result.Pages {
		for _, t := range p.Texts {
			f := as(j.Fonts.Font(t.Style.Role))
			if used[f] == nil {
				used[f] = map[rune]bool{}
			}
			for _, g := range t.Glyphs {
				used[f][g.R] = true
			}
		}
	}
	cuts := map[*fonts.Font][]rune{}
	for f, set := range used {
		runes := make([]rune, 0, len(set))
		for r := range set {
			runes = append(runes, r)
		}
		sort.Slice(runes, func(a, b int) bool { return runes[a] < runes[b] })
		cuts[f] = runes
	}
	return j.cuts.subsetAll(cuts)
}

// Record lists what the job is made from, for the PDF's archive record:
// every source file the document read (data, template, tables, images),
// the font configuration, each font and the format's settings, by path
// relative to the project root (see package archive).
func (j *Job) Record() (*archive.Record, error) {
	root, err := archive.FindRoot(j.Doc.Source)
	if j.Root != "" {
		root, err = filepath.Abs(j.Root)
	}
	if err != nil {
		return nil, err
	}
	rec := &archive.Record{
		Tool:         "gongwen " + Version,
		Document:     archive.RelPath(root, j.Doc.Source),
		Format:       j.Format.Name,
		FormatSHA256: archive.HashBytes([]byte(j.Format.Settings())),
		Copy:         j.Copy,
	}
	if j.FontConfig != "" {
		rec.FontConfig = archive.RelPath(root, j.FontConfig)
	}
	files := append([]string{}, j.Doc.Files...)
	for _, p := range j.Result.Pages {
		for _, im := range p.Images {
			files = append(files, im.Path)
		}
	}
	files = append(files, j.FontConfigs...)
	// Each file's hash is of the bytes the build read, as it read them
	// (package source), never of the file as it is now.
	for _, p := range files {
		sha, err := j.Doc.Sources.SHA256(p)
		if err != nil {
			return nil, doc.Errorf(doc.Pos{File: p}, "cannot record the source: %v", unwrapPath(err))
		}
		rec.Add(archive.RelPath(root, p), sha)
	}
	for _, r := range format.Roles {
		f := j.Fonts.Font(r)
		if f == nil {
			continue
		}
		path := recordedPath(root, f)
		rec.Add(path, f.SHA256())
		// The later fonts of the role's list that draw a character.
		if c := j.Fonts.Chain(r); c != nil {
			for i, lf := range c.Fonts()[1:] {
				if j.draws(fonts.FallbackRole(r, i+1)) {
					rec.Add(recordedPath(root, lf), lf.SHA256())
				}
			}
		}
		// A role set in its default font is not named: the record is then as
		// it was before fonts were recorded, and the default's licence
		// conditions are known (fonts/PROVENANCE.md).
		if f.Name() != fonts.DefaultFile(r) {
			af := archive.Font{Role: string(r), Path: path + f.MemberSuffix()}
			if f.Embedding.Limited() {
				af.Embedding = f.Embedding.Level()
			}
			rec.Fonts = append(rec.Fonts, af)
		}
	}
	// The Latin fonts that draw characters, for diff to name a change of
	// them (a record without any is as before).
	for _, r := range fonts.LatinRoles {
		if c := j.Fonts.Chain(r); c != nil && c.Latin() > 0 && j.draws(fonts.FallbackRole(r, c.Latin())) {
			lf := c.Fonts()[c.Latin()]
			rec.Fonts = append(rec.Fonts, archive.Font{Role: string(fonts.LatinRole(r)), Path: recordedPath(root, lf) + lf.MemberSuffix()})
		}
	}
	return rec, nil
}

// recordedPath is how the archive record names a font's file.
func recordedPath(root string, f *fonts.Font) string {
	if fonts.IsBuiltin(f.Path) {
		return f.Path
	}
	return archive.RelPath(root, f.Path)
}

// draws reports whether a page sets text in the role.
func (j *Job) draws(r format.Role) bool {
	for _, p := range j.Result.Pages {
		for _, t := range p.Texts {
			if t.Style.Role == r {
				return true
			}
		}
	}
	return false
}

// Verify reads the archive record of the PDF (or OFD package, by its
// extension) at pdfPath, rebuilds its document from the project folder
// (the current folder, or --project DIR; never one the record points to)
// as recorded (same data file, font configuration and date) as the same
// kind of file and compares. opt.FontsDir, if set, overrides the recorded
// font configuration; opt.Epoch is not used.
func Verify(pdfPath, project string, opt Options) (*archive.Report, error) {
	kind := input.PDF
	if IsOFD(pdfPath) {
		kind = input.OFD
	}
	if IsDOCX(pdfPath) {
		kind = input.DOCX
	}
	b, err := input.Read(pdfPath, kind)
	if err != nil {
		return nil, doc.Errorf(doc.Pos{File: pdfPath}, "%v", err)
	}
	return VerifyBytes(pdfPath, b, project, opt)
}

// VerifyBytes is Verify of the file at pdfPath as b holds it: a signed
// OFD package as it was before it was signed (see package sign).
func VerifyBytes(pdfPath string, b []byte, project string, opt Options) (*archive.Report, error) {
	read, render := archive.Read, (*Job).Render
	if IsOFD(pdfPath) {
		read, render = readOFDRecord, (*Job).RenderOFD
	}
	if IsDOCX(pdfPath) {
		read, render = readDOCXRecord, (*Job).RenderDOCX
	}
	rep, err := archive.VerifyWith(b, read, project, func(root string, rec *archive.Record) ([]byte, *archive.Record, error) {
		o := Options{FontsDir: opt.FontsDir, Copies: recordedCopy(rec), Project: root}
		if o.FontsDir == "" && rec.FontConfig != "" && !strings.HasPrefix(rec.FontConfig, archive.Outside) {
			o.FontsDir = filepath.Dir(filepath.Join(root, filepath.FromSlash(rec.FontConfig)))
		}
		if !rec.Date.IsZero() {
			d := rec.Date
			o.Epoch = &d
		}
		// Named from the current folder where possible, for messages.
		data := filepath.Join(root, filepath.FromSlash(rec.Document))
		if rel, err := filepath.Rel(mustWd(), data); err == nil {
			data = rel
		}
		j, err := Prepare(data, o)
		if err != nil {
			return nil, nil, err
		}
		if o.Copies != nil {
			j = j.withCopy(rec.Copy)
		}
		cur, err := j.Record()
		if err != nil {
			return nil, nil, err
		}
		out, err := render(j, o)
		return out, cur, err
	})
	if err != nil {
		return nil, doc.Errorf(doc.Pos{File: pdfPath}, "%v", err)
	}
	return rep, nil
}

// Build makes the PDF (or OFD, see Outputs) of the document at path and
// writes it to out.
func Build(path, out string, opt Options) error {
	j, err := Prepare(path, opt)
	if err != nil {
		return err
	}
	// Each output goes to a temporary file as it is made, and all are
	// renamed into place at the end: all or nothing, one copy in memory.
	var s FileSet
	if err := j.eachOutput(out, opt, func(o Output) error { return s.Add(o.Path, o.Data) }); err != nil {
		s.Abort()
		return err
	}
	return s.Commit()
}

// WriteAtomic writes b to path through a temporary file in the same folder,
// renamed into place only when complete: a failed build never leaves a
// half-written PDF, and an existing file keeps its bytes. It replaces only a
// regular, writable file (see CheckOutput).
func WriteAtomic(path string, b []byte) error {
	var s FileSet
	if err := s.Add(path, b); err != nil {
		return err
	}
	return s.Commit()
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// OutputName is the PDF name for a document: its base name with .pdf.
func OutputName(docPath string) string {
	base := filepath.Base(docPath)
	return strings.TrimSuffix(base, filepath.Ext(base)) + ".pdf"
}

// maxEpoch is 9999-12-31 23:59:59 UTC: a PDF date (ISO 32000-1 clause
// 7.9.4, D:YYYYMMDDHHmmSS) and an XMP date have four digits for the year.
const maxEpoch = 253402300799

// EpochFromEnv reads SOURCE_DATE_EPOCH: nil when unset, an error when it is
// not a whole number of seconds.
func EpochFromEnv() (*time.Time, error) {
	v, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || v == "" {
		return nil, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 {
		return nil, say.Errorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", v)
	}
	if n > maxEpoch {
		return nil, say.Errorf("SOURCE_DATE_EPOCH=%q is after the year 9999; a PDF date has four digits for the year (give at most %d)", v, maxEpoch)
	}
	t := time.Unix(n, 0).UTC()
	return &t, nil
}
