package build

import (
	"gongwen/internal/doc"
	"gongwen/internal/lint"
	"gongwen/internal/segment"
)

// lint finds the warnings about the document; with opt.Strict they are
// its problems.
func (j *Job) lint(opt Options) error {
	j.Warnings = lint.Check(j.Doc, segment.Words)
	if opt.Strict && len(j.Warnings) > 0 {
		var es doc.Errors
		for _, w := range j.Warnings {
			es = append(es, w.Error())
		}
		return es
	}
	return nil
}
