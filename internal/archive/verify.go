package archive

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Rebuilder builds the document of a record again from the current tree,
// in the project root found (the recorded paths are relative to it). It
// returns the PDF's bytes and the record of the inputs it read.
type Rebuilder func(root string, recorded *Record) (pdf []byte, current *Record, err error)

// Report is the outcome of verifying a PDF against a rebuild.
type Report struct {
	Recorded  *Record
	Root      string // the project root found (absolute)
	Identical bool   // the rebuild has the PDF's bytes

	Changed   []string // inputs, by recorded path, whose content differs
	Missing   []string // recorded inputs not found
	Added     []string // inputs the rebuild read that the PDF does not record
	Unused    []string // recorded inputs the rebuild no longer reads
	Tool      string   // the rebuilding tool, when it is not the recorded one
	Format    bool     // the format's settings differ
	BuildErr  error    // why the rebuild failed, if it did
	Unchecked []string // recorded inputs outside the project that could not be compared
	// Unavailable lists recorded inputs from outside the project (fonts, by
	// name) whose content the rebuild did not read under any name: it could
	// not use what the PDF was made from, so its bytes say nothing.
	Unavailable []string
}

// Rebuilt reports whether the document could be rebuilt from what the PDF
// records: the rebuild ran and read every recorded input from outside the
// project. When it could not, the PDF neither matches nor differs.
func (r *Report) Rebuilt() bool { return r.BuildErr == nil && len(r.Unavailable) == 0 }

// Builtin starts the recorded name of a font built into the tool.
const Builtin = "builtin:"

// external reports whether a recorded path names no file in the project:
// a file outside it, or a font built into the tool.
func external(path string) bool {
	return strings.HasPrefix(path, Outside) || strings.HasPrefix(path, Builtin)
}

// Verify reads the record in pdf, finds the project holding its data file
// (from each of the folders in starts, and upwards), compares each recorded
// input with the file now there, rebuilds and compares the bytes.
func Verify(pdf []byte, starts []string, rebuild Rebuilder) (*Report, error) {
	return VerifyWith(pdf, Read, starts, rebuild)
}

// VerifyWith is Verify for a file whose record read finds (an OFD
// package's, say); the rebuild must make the same kind of file.
func VerifyWith(pdf []byte, read func([]byte) (*Record, error), starts []string, rebuild Rebuilder) (*Report, error) {
	rec, err := read(pdf)
	if err != nil {
		return nil, err
	}
	if strings.HasPrefix(rec.Document, Outside) || filepath.IsAbs(filepath.FromSlash(rec.Document)) {
		return nil, fmt.Errorf("the recorded data file %s was outside its project; it cannot be found again", rec.Document)
	}
	root, err := findProject(rec.Document, starts)
	if err != nil {
		return nil, err
	}
	rep := &Report{Recorded: rec, Root: root}

	// Each recorded input against the file now at its path.
	for _, s := range rec.Sources {
		if external(s.Path) {
			continue // compared with the rebuild's inputs below
		}
		sha, err := HashFile(filepath.Join(root, filepath.FromSlash(s.Path)))
		switch {
		case errors.Is(err, os.ErrNotExist):
			rep.Missing = append(rep.Missing, s.Path)
		case err != nil:
			rep.Missing = append(rep.Missing, s.Path+" ("+unwrap(err)+")")
		case sha != s.SHA256:
			rep.Changed = append(rep.Changed, s.Path)
		}
	}

	out, cur, err := rebuild(root, rec)
	if err != nil {
		rep.BuildErr = err
		for _, s := range rec.Sources {
			if external(s.Path) {
				rep.Unchecked = append(rep.Unchecked, s.Path)
			}
		}
		return rep, nil
	}
	rep.Identical = bytes.Equal(out, pdf)
	hashes := map[string]bool{}
	for _, s := range cur.Sources {
		hashes[s.SHA256] = true
	}
	for _, s := range rec.Sources {
		if _, same := cur.Source(s.Path); strings.HasPrefix(s.Path, Outside) && !same && !hashes[s.SHA256] {
			rep.Unavailable = append(rep.Unavailable, s.Path)
		}
	}
	if !rep.Rebuilt() {
		rep.Identical = false
		return rep, nil
	}
	for _, s := range cur.Sources {
		old, ok := rec.Source(s.Path)
		switch {
		case !ok:
			rep.Added = append(rep.Added, s.Path)
		case external(s.Path) && old.SHA256 != s.SHA256:
			rep.Changed = append(rep.Changed, s.Path)
		}
	}
	for _, s := range rec.Sources {
		if _, ok := cur.Source(s.Path); !ok && !contains(rep.Missing, s.Path) && !contains(rep.Changed, s.Path) {
			rep.Unused = append(rep.Unused, s.Path)
		}
	}
	if cur.Tool != rec.Tool {
		rep.Tool = cur.Tool
	}
	rep.Format = cur.Format != rec.Format || cur.FormatSHA256 != rec.FormatSHA256
	return rep, nil
}

// findProject looks, from each start folder upwards, for the folder holding
// the recorded data file.
func findProject(document string, starts []string) (string, error) {
	for _, s := range starts {
		abs, err := filepath.Abs(s)
		if err != nil {
			continue
		}
		for d := abs; ; d = filepath.Dir(d) {
			if isFile(filepath.Join(d, filepath.FromSlash(document))) {
				return d, nil
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return "", fmt.Errorf("its data file %s is not in the current folder, the PDF's folder or any folder above them: run verify inside the project", document)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func unwrap(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Differences lists what the report found, one line each, as
// "changed: PATH", "missing: PATH" and so on; empty when nothing differs.
func (r *Report) Differences() []string {
	var out []string
	for _, p := range r.Changed {
		out = append(out, "changed: "+p)
	}
	for _, p := range r.Missing {
		out = append(out, "missing: "+p)
	}
	for _, p := range r.Added {
		out = append(out, "new input: "+p)
	}
	for _, p := range r.Unused {
		out = append(out, "no longer an input: "+p)
	}
	if r.Format {
		out = append(out, fmt.Sprintf("changed: the settings of the format %q", r.Recorded.Format))
	}
	if r.Tool != "" {
		out = append(out, fmt.Sprintf("tool: made by %s, rebuilt by %s", r.Recorded.Tool, r.Tool))
	}
	for _, p := range r.Unavailable {
		out = append(out, "not found: "+p+" (pass --fonts DIR, the folder of the fonts.toml that names it)")
	}
	for _, p := range r.Unchecked {
		out = append(out, "not checked (outside the project): "+p)
	}
	if r.BuildErr != nil {
		for _, l := range strings.Split(r.BuildErr.Error(), "\n") {
			out = append(out, "rebuild failed: "+l)
		}
	}
	return out
}
