package build

import (
	"errors"
	"gongwen/internal/say"
	"io/fs"
	"os"
	"path/filepath"

	"gongwen/internal/doc"
	"gongwen/internal/format"
	"gongwen/internal/input"
)

// Input is a file a build read, with what it is to the document, for
// messages ("the data file", "the template", …).
type Input struct {
	Path string
	What any // what the file is to the build, a message: say.Word("the data file")
}

// Inputs lists every file the job read: the data file, the template, the
// tables, the images the pages draw, the font configuration and each font.
func (j *Job) Inputs() []Input {
	var in []Input
	for i, p := range j.Doc.Files {
		what := say.Word("a table file")
		switch {
		case i == 0:
			what = say.Word("the data file")
		case p == j.Doc.Template:
			what = say.Word("the template")
		}
		in = append(in, Input{p, what})
	}
	for _, p := range j.Result.Pages {
		for _, im := range p.Images {
			in = append(in, Input{im.Path, say.Word("an image")})
		}
	}
	if j.FontConfig != "" {
		in = append(in, Input{j.FontConfig, say.Word("the font configuration")})
	}
	for _, r := range format.Roles {
		if f := j.Fonts.Font(r); f != nil {
			in = append(in, Input{f.Path, say.Sprintf("the font of %s", r.ChineseName())})
		}
	}
	return in
}

// CheckOutput refuses an output path that would replace one of the build's
// inputs (by name, hard link or symbolic link: the same file), or that is
// something other than a regular file (a device, a pipe, a folder), or a
// read-only file. A path that does not exist yet is fine.
func CheckOutput(path string, inputs []Input) error {
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return doc.Errorf(doc.Pos{File: path}, "cannot write output: %v", unwrapPath(err))
	}
	for _, in := range inputs {
		if ist, err := os.Stat(in.Path); err == nil && os.SameFile(st, ist) {
			return doc.Errorf(doc.Pos{File: path}, "is %s of this build; the output may never replace an input: choose another output name", in.What)
		}
	}
	return checkReplaceable(path, st)
}

// checkReplaceable refuses to replace what is not a regular file, or a
// regular file without write permission: a read-only PDF is one someone
// protected (an archived copy, say); it is refused, never silently
// replaced. Make it writable to rebuild it.
func checkReplaceable(path string, st fs.FileInfo) error {
	switch {
	case st.IsDir():
		return doc.Errorf(doc.Pos{File: path}, "cannot write output: is a folder")
	case !st.Mode().IsRegular():
		return doc.Errorf(doc.Pos{File: path}, "cannot write output: is not a regular file (%s); output only replaces regular files", input.FileKind(st.Mode()))
	case st.Mode().Perm()&0o222 == 0:
		return doc.Errorf(doc.Pos{File: path}, "cannot write output: the file is read-only; it is kept as it is (make it writable to replace it)")
	}
	return nil
}

// A FileSet writes several files all or none: each is written to a
// temporary file beside its target as it comes (so that its bytes need not
// stay in memory), and Commit renames them all into place; Abort, or an
// error, removes them and leaves every target as it was.
type FileSet struct {
	tmps, targets []string
}

// Add writes b to a temporary file for path. On an error the set is
// aborted.
func (s *FileSet) Add(path string, b []byte) error {
	err := s.add(path, b)
	if err != nil {
		s.Abort()
	}
	return err
}

func (s *FileSet) add(path string, b []byte) error {
	fail := func(err error) error {
		return doc.Errorf(doc.Pos{File: path}, "cannot write output: %v", unwrapPath(err))
	}
	if st, err := os.Stat(path); err == nil {
		if err := checkReplaceable(path, st); err != nil {
			return err
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fail(err)
	}
	s.tmps, s.targets = append(s.tmps, tmp.Name()), append(s.targets, path)
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	return nil
}

// Commit renames every file into place.
func (s *FileSet) Commit() error {
	for i, tmp := range s.tmps {
		if err := os.Rename(tmp, s.targets[i]); err != nil {
			target := s.targets[i]
			for _, t := range s.tmps[i:] {
				os.Remove(t)
			}
			s.tmps, s.targets = nil, nil
			return doc.Errorf(doc.Pos{File: target}, "cannot write output: %v", unwrapPath(err))
		}
	}
	s.tmps, s.targets = nil, nil
	return nil
}

// Abort removes the temporary files written so far.
func (s *FileSet) Abort() {
	for _, t := range s.tmps {
		os.Remove(t)
	}
	s.tmps, s.targets = nil, nil
}
