package build

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"gongwen/internal/doc"
	"gongwen/internal/fonts"
	"gongwen/internal/format"
	"gongwen/internal/lint"
	"gongwen/internal/say"
	"gongwen/internal/source"
)

// Documents expands the command line's arguments: a folder stands for
// every data file (*.toml) directly in it, by name; anything else is a
// document as given. Table files kept in a folder beside the documents
// (data/NAME/annex1.toml) are not documents and are not taken.
func Documents(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		st, err := os.Stat(a)
		if err != nil || !st.IsDir() {
			out = append(out, a)
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, say.Errorf("%s: cannot list the folder: %v", a, unwrapPath(err))
		}
		var names []string
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".toml") && !strings.HasPrefix(e.Name(), ".") && e.Type().IsRegular() {
				names = append(names, e.Name())
			}
		}
		if len(names) == 0 {
			return nil, say.Errorf("%s: no data files (*.toml) in the folder", a)
		}
		sort.Strings(names)
		for _, n := range names {
			out = append(out, filepath.Join(a, n))
		}
	}
	return out, nil
}

// Outcome is what became of one document of a batch.
type Outcome struct {
	Doc, Out string
	Pages    int
	// Previous is what Out held before it was replaced, nil if nothing.
	Previous []byte
	Err      error
	Warnings []lint.Warning // about the draft (see package lint)
	Notes    []doc.Note     // said of the sources, no problem (a .csv read as GBK)
}

// BuildAll builds docs[i] into outs[i], several at a time (workers
// goroutines; 0 means one per processor), and calls done once per
// document, in the order of docs, from one goroutine. A document that
// fails does not stop the others. The PDFs are the bytes a single Build of
// each document writes: the documents share only the opened fonts, which
// nothing changes. started, if set, is called from the worker with a
// document's index when its build begins (from several goroutines at once).
//
// At most twice as many documents as workers are between starting and
// being reported: a slow document holds back the reports (and the memory
// of the finished PDFs after it) only so far.
func BuildAll(docs, outs []string, opt Options, workers int, started func(i int), done func(i int, o Outcome)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, len(docs)))
	if opt.Sources == nil { // one for the batch: a file several documents read is read once
		opt.Sources = source.New()
	}
	others := batchInputs(docs, outs, opt, workers)
	type result struct {
		set  *FileSet // the document's files, written beside their targets
		made []string // the output folders made for them, deepest last
		o    Outcome
	}
	results := make([]chan result, len(docs))
	for i := range results {
		results[i] = make(chan result, 1)
	}
	window := make(chan struct{}, 2*workers) // documents started and not yet reported
	next := make(chan int)
	go func() {
		for i := range docs {
			window <- struct{}{}
			next <- i
		}
		close(next)
	}()
	for w := 0; w < workers; w++ {
		go func() {
			for i := range next {
				if started != nil {
					started(i)
				}
				// Out is replaced only once this document is reported; its
				// files (every numbered copy) go to temporary files as they
				// are made, so that none stays in memory.
				prev := readPrevious(outs[i])
				o := Outcome{Doc: docs[i], Out: outs[i], Previous: prev}
				set, made := &FileSet{}, []string(nil)
				j, err := Prepare(docs[i], opt)
				if err == nil {
					o.Pages, o.Warnings, o.Notes = len(j.Result.Pages), j.Warnings, j.Doc.Notes
					err = j.eachOutput(outs[i], opt, func(f Output) error {
						if opt.MakeOutputDir {
							dirs, err := makeDir(filepath.Dir(f.Path))
							made = append(made, dirs...)
							if err != nil {
								return err
							}
						}
						return set.Add(f.Path, f.Data)
					})
				}
				o.Err = err
				results[i] <- result{set, made, o}
			}
		}()
	}
	// Written and reported in order, here: a message never comes before
	// those of the documents named before it.
	var unmade []string
	for i := range docs {
		r := <-results[i]
		for _, t := range r.set.targets {
			if r.o.Err == nil {
				r.o.Err = checkBatchOutput(t, i, docs, others)
			}
		}
		if r.o.Err == nil {
			r.o.Err = r.set.Commit()
		} else {
			r.set.Abort()
		}
		if r.o.Err != nil {
			unmade = append(unmade, r.made...)
		}
		done(i, r.o)
		<-window
	}
	// The folders made for documents that failed, once no worker can be
	// writing into them: removed when empty (a failed build leaves no
	// folder), deepest first.
	for k := len(unmade) - 1; k >= 0; k-- {
		os.Remove(unmade[k])
	}
}

// batchInputs lists, for each document of a batch of several, the files
// it reads that are known without laying it out (loadedInputs), so that
// no document's output replaces another's input: the list is made before
// anything is written, and each output is checked against it before it is
// written (each document's own inputs are checked in full by Outputs). It
// is nil when no output exists yet (a file about to be made cannot be an
// input), which is every first build: then the documents are not loaded
// twice.
func batchInputs(docs, outs []string, opt Options, workers int) [][]Input {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if len(docs) < 2 || !anyOutputExists(outs, opt) {
		return nil
	}
	in := make([][]Input, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				in[i] = loadedInputs(docs[i], opt)
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	return in
}

// anyOutputExists reports whether something is at any path a batch may
// write: each output, the OFD beside it and, for numbered copies, the
// folder it goes in (whose files are not listed here).
func anyOutputExists(outs []string, opt Options) bool {
	for _, o := range outs {
		paths := []string{o}
		if opt.OFD {
			paths = append(paths, OFDName(o))
		}
		if opt.Copies != nil {
			paths = append(paths, filepath.Dir(o))
		}
		for _, p := range paths {
			if _, err := os.Lstat(p); err == nil {
				return true
			}
		}
	}
	return false
}

// loadedInputs is what the document at path reads, as far as loading its
// data file tells: the data file, the template, the tables, the seals, the
// stamp, the image annexes, the fonts.toml files and the fonts they and
// the document name. A document that does not load lists its data file
// alone (it fails, and writes nothing).
func loadedInputs(path string, opt Options) []Input {
	in := []Input{{path, say.Word("the data file")}}
	s := opt.Sources
	if s == nil {
		s = source.New()
	}
	d, err := doc.LoadFrom(s, path)
	if err != nil || d == nil {
		return in
	}
	in = append(in, Input{d.Template, say.Word("the template")})
	for _, p := range d.Files[1:] {
		in = append(in, Input{p, say.Word("a table file")})
	}
	for _, p := range append([]string{d.Seal, d.Stamp}, d.Seals...) {
		in = append(in, Input{p, say.Word("an image")})
	}
	for _, a := range d.Attachments {
		in = append(in, Input{a.Image, say.Word("an image")}, Input{a.Template, say.Word("the template")})
	}
	cfg, _, read, err := fontConfig(d, opt)
	if err != nil {
		return in
	}
	for _, p := range read {
		in = append(in, Input{p, say.Word("the font configuration")})
	}
	roles := make([]format.Role, 0, len(cfg))
	for r := range cfg {
		roles = append(roles, r)
	}
	sort.Slice(roles, func(i, j int) bool { return roles[i] < roles[j] })
	for _, r := range roles {
		what := say.Sprintf("the font of %s", r.ChineseName())
		for _, p := range cfg[r] { // a role's font and its fallbacks
			if fonts.IsBuiltin(p) {
				continue
			}
			in = append(in, Input{p, what})
			if i := strings.LastIndex(p, fonts.MemberSep); i > 0 {
				in = append(in, Input{p[:i], what}) // a collection's file
			}
		}
	}
	return in
}

// checkBatchOutput refuses an output of document i that is the same file
// as an input of another document of the batch (by name, hard link or
// symbolic link).
func checkBatchOutput(path string, i int, docs []string, others [][]Input) error {
	if others == nil {
		return nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil // nothing there to replace (or CheckOutput says why)
	}
	for k, in := range others {
		if k == i {
			continue
		}
		for _, f := range in {
			if f.Path == "" {
				continue
			}
			if ist, err := os.Stat(f.Path); err == nil && os.SameFile(st, ist) {
				return doc.Errorf(doc.Pos{File: path}, "is %s of %s, another document of this batch; no output may replace an input of the batch: choose another output name", f.What, docs[k])
			}
		}
	}
	return nil
}

// readPrevious is what a regular file at path holds, nil if there is none
// (or something else is there: it is never opened).
func readPrevious(path string) []byte {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() || st.Size() > 64<<20 {
		return nil
	}
	b, _ := os.ReadFile(path)
	return b
}

// makeDir makes an output folder (and those above it) when the first
// file of a document that built is written into it, and returns the
// folders it made, outermost first, for a failure to remove: a failed
// build leaves nothing behind.
func makeDir(dir string) ([]string, error) {
	var made []string
	for d := filepath.Clean(dir); !present(d); d = filepath.Dir(d) {
		made = append([]string{d}, made...)
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return made, say.Errorf("%s: cannot make the output folder: %v", dir, unwrapPath(err))
	}
	return made, nil
}

// eachOutput renders the job's files for out (see Outputs) and hands each
// to fn as it is made; with numbered copies, one copy at a time, so that
// a thousand copies of a PDF with a large seal are never in memory at once.
func (j *Job) eachOutput(out string, opt Options, fn func(Output) error) error {
	copies := []int{0}
	if c := opt.Copies; c != nil {
		copies = copies[:0]
		for n := c.First; n <= c.Last; n++ {
			copies = append(copies, n)
		}
		opt.Copies = nil
	}
	for _, n := range copies {
		job, name := j, out
		if n > 0 {
			job, name = j.withCopy(n), CopyName(out, n, j.Format.CopyNumberDigits)
		}
		files, err := job.Outputs(name, opt)
		if err != nil {
			return err
		}
		for _, f := range files {
			if err := fn(f); err != nil {
				return err
			}
		}
	}
	return nil
}
