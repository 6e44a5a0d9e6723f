package build

import (
	"gongwen/internal/doc"
	"gongwen/internal/lint"
	"gongwen/internal/segment"
)

// lint finds the warnings about the document; with opt.Strict they are
// its problems.
func (j *Job) lint(opt Options) error {
	set, err := lint.Load(j.Doc)
	if err != nil {
		return err
	}
	j.Warnings = append(lint.CheckWith(j.Doc, segment.Words, set), j.fallbacks...)
	if opt.Strict && len(j.Warnings) > 0 {
		var es doc.Errors
		for _, w := range j.Warnings {
			es = append(es, w.Error())
		}
		return es
	}
	return nil
}

// Problems is what stops a document together with the warnings about its
// draft, so that a clerk sees both in one run instead of the warnings only
// once every problem is fixed. Its lines (Lines) are the problems', then
// the warnings'.
type Problems struct {
	Err      error
	Warnings []lint.Warning
}

func (p *Problems) Error() string { return p.Err.Error() }
func (p *Problems) Unwrap() error { return p.Err }

// withWarnings adds to err, what stops the loaded document d, the warnings
// about d: as problems of their own with opt.Strict, as warnings without.
func withWarnings(err error, d *doc.Document, opt Options) error {
	if d == nil {
		return err
	}
	ws := lint.Check(d, segment.Words)
	if len(ws) == 0 {
		return err
	}
	if opt.Strict {
		var p problemList
		p.add(err)
		for _, w := range ws {
			p.add(w.Error())
		}
		return p.es
	}
	return &Problems{Err: err, Warnings: ws}
}
