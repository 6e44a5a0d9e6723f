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

	Truncated   bool // the PDF does not end with its %%EOF marker
	Size        int  // the PDF's length
	RebuiltSize int  // the rebuild's length
	Prefix      bool // the PDF is cut short and is the beginning of its rebuild
	// Appended is the length of what follows the PDF as built (its first
	// revision): the incremental updates of signatures, or of any later
	// change. The rebuild is compared with the PDF as built; package sign
	// says whether the signatures cover what follows.
	Appended int
}

// Complete reports whether a PDF ends with its end-of-file marker (ISO
// 32000-1 clause 7.5.5), allowing the end-of-line after it. Other files
// (an OFD package) are not judged here.
func Complete(pdf []byte) bool {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return true
	}
	return bytes.HasSuffix(bytes.TrimRight(pdf, "\r\n\t \x00"), []byte("%%EOF"))
}

// paths lists the files the record names inside the project: the data
// file, the font configuration and each source.
func (r *Record) paths() []string {
	paths := []string{r.Document}
	if r.FontConfig != "" && !strings.HasPrefix(r.FontConfig, Outside) {
		paths = append(paths, r.FontConfig)
	}
	for _, s := range r.Sources {
		if !external(s.Path) {
			paths = append(paths, s.Path)
		}
	}
	return paths
}

// checkPaths refuses a record naming a file outside the project: an
// absolute path, or one that climbs out with "..". gongwen never writes
// one (outside files are recorded as outside:NAME), so such a record was
// forged or damaged, and verify must not read what it names.
func (r *Record) checkPaths() error {
	for _, p := range r.paths() {
		if !filepath.IsLocal(filepath.FromSlash(p)) || strings.Contains(p, "\\") {
			return fmt.Errorf("its record names %q, a path outside the project, which gongwen never records: the record is forged or damaged, and nothing it names is read", p)
		}
	}
	return nil
}

// checkLinks refuses a record whose paths, each inside the project as
// written, lead outside it through a symbolic link (a link in the project
// to /etc/passwd, or a folder linked elsewhere): the project root and each
// path are resolved, and each must stay under the root. Neither the file
// nor the rest of the record is then read, and nothing is rebuilt, since
// the rebuild would read the same paths. A path that does not resolve
// (missing) is left to be reported as missing.
func (r *Record) checkLinks(root string) error {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return err
	}
	for _, p := range r.paths() {
		real, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(p)))
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(realRoot, real); err != nil || !filepath.IsLocal(rel) {
			return fmt.Errorf("its record names %s, which is a link to %s, outside the project: verify reads only files inside the project, so nothing is read or rebuilt (copy the file into the project, or build from where it is)", p, real)
		}
	}
	return nil
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
		if !Complete(pdf) {
			return nil, fmt.Errorf("the PDF is cut short (%d bytes, ending before its %%%%EOF marker), and its archive record is not in the part that is left: it was not copied or written whole", len(pdf))
		}
		return nil, err
	}
	if strings.HasPrefix(rec.Document, Outside) {
		return nil, fmt.Errorf("the recorded data file %s was outside its project; it cannot be found again", rec.Document)
	}
	if err := rec.checkPaths(); err != nil {
		return nil, err
	}
	root, err := findProject(rec, starts)
	if err != nil {
		return nil, err
	}
	if err := rec.checkLinks(root); err != nil {
		return nil, err
	}
	rep := &Report{Recorded: rec, Root: root, Truncated: !Complete(pdf), Size: len(pdf)}

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
	built := FirstRevision(pdf)
	rep.Appended = len(pdf) - len(built)
	rep.Identical = bytes.Equal(out, built)
	rep.RebuiltSize = len(out)
	rep.Prefix = rep.Truncated && bytes.HasPrefix(out, pdf)
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
// the recorded data file; failing that (the data file was deleted or
// moved), for one holding another recorded input, so that the report can
// name what is missing.
func findProject(rec *Record, starts []string) (string, error) {
	paths := []string{rec.Document}
	for _, s := range rec.Sources {
		if s.Path != rec.Document && !external(s.Path) {
			paths = append(paths, s.Path)
		}
	}
	for _, p := range paths {
		for _, s := range starts {
			abs, err := filepath.Abs(s)
			if err != nil {
				continue
			}
			for d := abs; ; d = filepath.Dir(d) {
				if isFile(filepath.Join(d, filepath.FromSlash(p))) {
					return d, nil
				}
				if filepath.Dir(d) == d {
					break
				}
			}
		}
	}
	return "", fmt.Errorf("none of its recorded inputs (the data file %s, …) is in the current folder, the PDF's folder or any folder above them: run verify inside the project", rec.Document)
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
	if r.Truncated {
		l := fmt.Sprintf("cut short: the PDF is %d bytes and ends before its %%%%EOF marker; it was not copied or written whole", r.Size)
		if r.Prefix {
			l = fmt.Sprintf("cut short: the PDF is %d bytes and ends before its %%%%EOF marker; it was not copied or written whole (it is the first %d of the rebuild's %d bytes)", r.Size, r.Size, r.RebuiltSize)
		}
		out = append(out, l)
	}
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
