package build

// Numbered copies (份号, GB/T 9704-2012 clause 7.2.1): `gongwen build
// --copies 1-30` lays a document out once and writes one PDF per copy,
// NAME-000001.pdf …, each with its own number in the 份号's place.

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"gongwen/internal/archive"
	"gongwen/internal/doc"
	"gongwen/internal/format"
	"gongwen/internal/layout"
	"gongwen/internal/say"
)

// MaxCopies bounds one build's copies, so that a mistyped range does not
// fill a disk (choice: 1000).
const MaxCopies = 1000

// Copies is the range of 份号 a build numbers, first to last.
type Copies struct{ First, Last int }

// ParseCopies reads "1-30" or "7".
func ParseCopies(s string) (Copies, error) {
	a, b, isRange := strings.Cut(strings.TrimSpace(s), "-")
	first, err1 := strconv.Atoi(a)
	last, err2 := first, error(nil)
	if isRange {
		last, err2 = strconv.Atoi(b)
	}
	if err1 != nil || err2 != nil || first < 1 || last < first || last > 999999 {
		return Copies{}, say.Errorf("--copies %q is not a range of copy numbers like 1-30 (from 1 to 999999)", s)
	}
	if last-first+1 > MaxCopies {
		return Copies{}, say.Errorf("--copies %q asks for %d copies; one build makes at most %d", s, last-first+1, MaxCopies)
	}
	return Copies{first, last}, nil
}

// CopyName is a copy's file: output/x.pdf → output/x-000001.pdf.
func CopyName(out string, n, digits int) string {
	ext := filepath.Ext(out)
	return fmt.Sprintf("%s-%0*d%s", strings.TrimSuffix(out, ext), digits, n, ext)
}

// numberCopies readies a loaded document for numbered copies: its format
// must have the 份号, which the layout then sets with the first copy's
// number (the data's own 份号 is replaced).
func numberCopies(d *doc.Document, f *format.Format, c *Copies) error {
	if c == nil || f == nil {
		return nil
	}
	if !f.Has(format.Flags) {
		return doc.Errorf(d.At("format"), "--copies numbers the copies of a document with a 份号, and the %s format has none", f.Name)
	}
	d.CopyNumber = c.First
	return nil
}

// copyOutputs renders each copy of the job (laid out once) under its
// copy's name.
func (j *Job) copyOutputs(out string, opt Options) ([]Output, error) {
	c := *opt.Copies
	opt.Copies = nil
	var all []Output
	for n := c.First; n <= c.Last; n++ {
		outs, err := j.withCopy(n).Outputs(CopyName(out, n, j.Format.CopyNumberDigits), opt)
		if err != nil {
			return nil, err
		}
		all = append(all, outs...)
	}
	return all, nil
}

// withCopy is the job with copy number n in the 份号's place: the pages are
// shared but for the runs that print it.
func (j *Job) withCopy(n int) *Job {
	digits := []rune(fmt.Sprintf("%0*d", j.Format.CopyNumberDigits, n))
	res := *j.Result
	res.Pages = append([]layout.Page{}, res.Pages...)
	for i := range res.Pages {
		p := &res.Pages[i]
		for k, t := range p.Texts {
			if t.Field != layout.FieldCopyNumber || len(t.Glyphs) != len(digits) {
				continue
			}
			p.Texts = append([]layout.Text{}, p.Texts...)
			t.Glyphs = append([]layout.Glyph{}, t.Glyphs...)
			for g := range t.Glyphs {
				t.Glyphs[g].R = digits[g]
			}
			p.Texts[k] = t
		}
	}
	c := *j
	c.Result = &res
	c.Copy = n
	return &c
}

// recordedCopy is the copy a record names, for a rebuild of it: the
// document laid out with that 份号, as the build of a range lays it out
// with its first and puts each copy's number in that run's places. Nil
// for a record of a single build.
func recordedCopy(rec *archive.Record) *Copies {
	if rec.Copy == 0 {
		return nil
	}
	return &Copies{rec.Copy, rec.Copy}
}

// CopiesName names a build's copies for a message: output/x-000001.pdf …
// x-000030.pdf.
func CopiesName(out string, c Copies) string {
	digits := format.File().CopyNumberDigits
	first := CopyName(out, c.First, digits)
	if c.First == c.Last {
		return first
	}
	return first + " … " + filepath.Base(CopyName(out, c.Last, digits))
}
