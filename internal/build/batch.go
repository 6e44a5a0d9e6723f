package build

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"gongwen/internal/lint"
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
			return nil, fmt.Errorf("%s: cannot list the folder: %v", a, unwrapPath(err))
		}
		var names []string
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".toml") && !strings.HasPrefix(e.Name(), ".") && e.Type().IsRegular() {
				names = append(names, e.Name())
			}
		}
		if len(names) == 0 {
			return nil, fmt.Errorf("%s: no data files (*.toml) in the folder", a)
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
	type result struct {
		files  []Output
		copies *FileSet // numbered copies, written as they were made
		o      Outcome
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
				// Out is written only once this document is reported.
				prev := readPrevious(outs[i])
				o := Outcome{Doc: docs[i], Out: outs[i], Previous: prev}
				var files []Output
				var copies *FileSet
				j, err := Prepare(docs[i], opt)
				switch {
				case err == nil && opt.Copies != nil:
					// Each copy to a temporary file as it is made, renamed
					// into place when reported: one copy in memory, not all.
					o.Pages, o.Warnings = len(j.Result.Pages), j.Warnings
					copies, err = writeCopies(j, outs[i], opt)
				case err == nil:
					o.Pages, o.Warnings = len(j.Result.Pages), j.Warnings
					files, err = j.Outputs(outs[i], opt)
				}
				o.Err = err
				results[i] <- result{files, copies, o}
			}
		}()
	}
	// Written and reported in order, here: a message never comes before
	// those of the documents named before it.
	for i := range docs {
		r := <-results[i]
		if r.copies != nil && r.o.Err == nil {
			r.o.Err = r.copies.Commit()
		}
		for _, f := range r.files {
			if r.o.Err == nil && opt.MakeOutputDir {
				r.o.Err = makeDir(filepath.Dir(f.Path))
			}
			if r.o.Err == nil {
				r.o.Err = WriteAtomic(f.Path, f.Data)
			}
		}
		done(i, r.o)
		<-window
	}
}

// writeCopies writes the numbered copies of j, each to a temporary file
// beside its target as it is made (the folder made first when the build
// makes folders); the set is renamed into place by Commit. On an error
// nothing is left.
func writeCopies(j *Job, out string, opt Options) (*FileSet, error) {
	if opt.MakeOutputDir {
		if _, err := os.Stat(filepath.Dir(out)); err != nil {
			if err := makeDir(filepath.Dir(out)); err != nil {
				return nil, err
			}
		}
	}
	s := &FileSet{}
	if err := j.EachOutput(out, opt, func(o Output) error { return s.Add(o.Path, o.Data) }); err != nil {
		s.Abort()
		return nil, err
	}
	return s, nil
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
// document is written into it: a failed build leaves nothing behind.
func makeDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s: cannot make the output folder: %v", dir, unwrapPath(err))
	}
	return nil
}
