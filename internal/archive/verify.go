package archive

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	pathpkg "path"
	"path/filepath"
	"strings"

	"gongwen/internal/doc"
	"gongwen/internal/say"
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
	Seal        Seal // what the PDF's trailer ID says of its bytes (AsWritten)
	Size        int  // the PDF's length
	RebuiltSize int  // the rebuild's length
	Prefix      bool // the PDF is cut short and is the beginning of its rebuild
	// Appended is the length of what follows the PDF as built (its first
	// revision): the incremental updates of signatures, or of any later
	// change; BuiltIdentical, whether the PDF as built has the rebuild's
	// bytes. Package sign says whether signatures cover what follows; when
	// they do, these stand for Identical, and AsWritten(FirstRevision) for
	// Seal (see SignedOnly).
	Appended       int
	BuiltIdentical bool
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

// Seal states what a PDF's trailer ID says of its bytes.
type Seal int

const (
	Unsealed Seal = iota // not a PDF (an OFD package)
	Intact               // the bytes are those the ID was made from
	Changed              // they are not, or the trailer is not gongwen's: edited, annotated or saved again since
)

// AsWritten checks a PDF against its own trailer ID: gongwen makes the ID
// (ISO 32000-1 clause 14.4 leaves how to the writer) from the first 16
// bytes of the SHA-256 of everything before the trailer, so a PDF whose
// bytes before it changed, or that had an incremental update appended
// (clause 7.5.6) or was saved again by another program, which writes a
// trailer of its own, no longer matches. Only a PDF is sealed so.
func AsWritten(pdf []byte) Seal {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return Unsealed
	}
	const trailer = "\ntrailer\n<<\n"
	i := bytes.Index(pdf, []byte(trailer))
	if i < 0 {
		return Changed
	}
	rest := pdf[i+len(trailer):]
	j := bytes.Index(rest, []byte("/ID [<"))
	if j < 0 || j > 200 || len(rest) < j+6+32 {
		return Changed
	}
	id := string(rest[j+6 : j+6+32])
	sum := sha256.Sum256(pdf[:i+1])
	if !strings.EqualFold(id, hex.EncodeToString(sum[:16])) {
		return Changed
	}
	end := bytes.Index(rest, []byte("%%EOF"))
	if end < 0 || len(bytes.TrimRight(rest[end+len("%%EOF"):], "\r\n")) > 0 {
		return Changed // more after the end of the file gongwen wrote
	}
	return Intact
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
			return say.Errorf("its record names %q, a path outside the project, which gongwen never records: the record is forged or damaged, and nothing it names is read", p)
		}
	}
	return nil
}

// checkLinks refuses a record whose paths, each inside the project as
// written, lead outside it through a symbolic link (a link in the project
// to /etc/passwd, or a folder linked elsewhere), whether or not what the
// link leads to exists: each path is resolved by reading the links on its
// way (resolve), never by opening a file, and must stay under realRoot,
// the project folder with its own links resolved. Neither the file nor the
// rest of the record is then read, and nothing is rebuilt, since the
// rebuild would read the same paths. It returns each path as resolved.
func (r *Record) checkLinks(realRoot string) (map[string]string, error) {
	resolved := map[string]string{}
	for _, p := range r.paths() {
		real, err := resolve(filepath.Join(realRoot, filepath.FromSlash(p)))
		if err != nil {
			return nil, say.Errorf("its record names %s, whose symbolic links cannot be followed (%v): nothing is read or rebuilt", p, err)
		}
		if rel, err := filepath.Rel(realRoot, real); err != nil || !filepath.IsLocal(rel) {
			return nil, say.Errorf("its record names %s, which is a link to %s, outside the project: verify reads only files inside the project, so nothing is read or rebuilt (copy the file into the project, or build from where it is)", p, real)
		}
		resolved[p] = real
	}
	return resolved, nil
}

// maxLinks is how many symbolic links resolve follows in one path, as
// Linux's path lookup does (40, ELOOP beyond).
const maxLinks = 40

// resolve returns the path the absolute path p leads to, following each
// symbolic link on the way by reading it (os.Lstat, os.Readlink): no file
// or folder is opened. Where a component does not exist, the rest is
// joined as written and cleaned (a ".." there is taken as written, so a
// path that climbs out after a missing folder is outside).
func resolve(p string) (string, error) {
	sep := string(filepath.Separator)
	vol := filepath.VolumeName(p)
	cur, rest := vol+sep, p[len(vol):]
	links := 0
	for rest != "" {
		var comp string
		comp, rest, _ = strings.Cut(strings.TrimLeft(rest, sep+"/"), sep)
		switch comp {
		case "", ".":
			continue
		case "..":
			cur = filepath.Dir(cur)
			continue
		}
		next := filepath.Join(cur, comp)
		st, err := os.Lstat(next)
		if err != nil {
			return filepath.Join(next, rest), nil
		}
		if st.Mode()&os.ModeSymlink == 0 {
			cur = next
			continue
		}
		if links++; links > maxLinks {
			return "", say.Errorf("more than %d symbolic links", maxLinks)
		}
		target, err := os.Readlink(next)
		if err != nil {
			return "", err
		}
		target = filepath.FromSlash(target)
		if filepath.IsAbs(target) {
			v := filepath.VolumeName(target)
			cur, target = v+sep, target[len(v):]
		}
		rest = target + sep + rest
	}
	return cur, nil
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

// Verify reads the record in pdf and verifies it against the project in
// the folder project (see VerifyWith).
func Verify(pdf []byte, project string, rebuild Rebuilder) (*Report, error) {
	return VerifyWith(pdf, Read, project, rebuild)
}

// VerifyWith reads the record in a built file with read (Read for a PDF,
// an OFD package's reader for an OFD), compares each recorded input with
// the file now at its path in the folder project, rebuilds (the same kind
// of file) and compares the bytes.
//
// The project is the folder the user names (the current folder, or
// --project DIR), never one found from what the record says: a record is
// data from whoever sent the file. Before any file is opened, every path
// it names must be a relative path that stays inside the project, also
// through symbolic links (checkPaths, checkLinks), and the data file must
// be a .toml file; else nothing is read or rebuilt, and the error says
// which path, never anything of what is there.
func VerifyWith(pdf []byte, read func([]byte) (*Record, error), project string, rebuild Rebuilder) (*Report, error) {
	rec, err := read(pdf)
	if err != nil {
		if !Complete(pdf) {
			return nil, say.Errorf("the PDF is cut short (%d bytes, ending before its %%%%EOF marker), and its archive record is not in the part that is left: it was not copied or written whole", len(pdf))
		}
		return nil, err
	}
	if strings.HasPrefix(rec.Document, Outside) {
		return nil, say.Errorf("the recorded data file %s was outside its project; it cannot be found again", rec.Document)
	}
	if err := rec.checkPaths(); err != nil {
		return nil, err
	}
	if !strings.EqualFold(pathpkg.Ext(rec.Document), ".toml") {
		return nil, say.Errorf("its record names %q as the data file, which is not a .toml file: the record is forged or damaged, and nothing it names is read", rec.Document)
	}
	root, err := filepath.Abs(project)
	if err != nil {
		return nil, err
	}
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, say.Errorf("the project folder %s: %v", project, unwrap(err))
	}
	resolved, err := rec.checkLinks(realRoot)
	if err != nil {
		return nil, err
	}
	if !anyExists(resolved) {
		return nil, say.Errorf("none of its recorded inputs (the data file %s, …) is in the project folder %s: run verify in the project's folder, or name it with --project DIR", rec.Document, root)
	}
	rep := &Report{Recorded: rec, Root: root, Truncated: !Complete(pdf), Size: len(pdf)}
	rep.Seal = AsWritten(pdf)

	// Each recorded input against the file now at its path.
	for _, s := range rec.Sources {
		if external(s.Path) {
			continue // compared with the rebuild's inputs below
		}
		sha, err := HashFile(resolved[s.Path])
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
	rep.BuiltIdentical = bytes.Equal(out, built)
	rep.Identical = bytes.Equal(out, pdf)
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
		rep.Identical, rep.BuiltIdentical = false, false
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

// anyExists reports whether any of the paths names something (by
// os.Lstat: nothing is opened).
func anyExists(paths map[string]string) bool {
	for _, p := range paths {
		if _, err := os.Lstat(p); err == nil {
			return true
		}
	}
	return false
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
func (r *Report) Differences() []say.Text {
	var out []say.Text
	if r.Truncated {
		l := say.Sprintf("cut short: the PDF is %d bytes and ends before its %%%%EOF marker; it was not copied or written whole", r.Size)
		if r.Prefix {
			l = say.Sprintf("cut short: the PDF is %d bytes and ends before its %%%%EOF marker; it was not copied or written whole (it is the first %d of the rebuild's %d bytes)", r.Size, r.Size, r.RebuiltSize)
		}
		out = append(out, l)
	}
	if r.Seal == Changed && !r.Truncated {
		out = append(out, say.Sprintf("changed after it was built: the PDF's bytes are no longer those its trailer ID was made from (edited, annotated or saved again by another program)"))
	}
	for _, p := range r.Changed {
		out = append(out, say.Sprintf("changed: %s", p))
	}
	for _, p := range r.Missing {
		out = append(out, say.Sprintf("missing: %s", p))
	}
	for _, p := range r.Added {
		out = append(out, say.Sprintf("new input: %s", p))
	}
	for _, p := range r.Unused {
		out = append(out, say.Sprintf("no longer an input: %s", p))
	}
	if r.Format {
		out = append(out, say.Sprintf("changed: the settings of the format %q", r.Recorded.Format))
	}
	if r.Tool != "" {
		out = append(out, say.Sprintf("tool: made by %s, rebuilt by %s", r.Recorded.Tool, r.Tool))
	}
	for _, p := range r.Unavailable {
		out = append(out, say.Sprintf("not found: %s (pass --fonts DIR, the folder of the fonts.toml that names it)", p))
	}
	for _, p := range r.Unchecked {
		out = append(out, say.Sprintf("not checked (outside the project): %s", p))
	}
	if r.BuildErr != nil {
		// one line for each problem of the rebuild; an error that is no
		// list of them, one for each of its lines
		var es doc.Errors
		if !errors.As(r.BuildErr, &es) {
			var m say.Message
			if !errors.As(r.BuildErr, &m) || strings.Contains(r.BuildErr.Error(), "\n") {
				for _, l := range strings.Split(r.BuildErr.Error(), "\n") {
					es = append(es, say.Plain(l))
				}
			} else {
				es = doc.Errors{r.BuildErr}
			}
		}
		for _, e := range es {
			out = append(out, say.Sprintf("rebuild failed: %v", e))
		}
	}
	return out
}
