package main

import (
	"io"
	"os"
	"sync"
	"time"

	"gongwen/internal/say"
)

// progress keeps a live line at the bottom of a terminal while a batch
// builds: documents done of all, the one begun last, the time so far; and
// ends with a summary. Its methods do nothing when it is nil, which is
// what newProgress gives when stdout is not a terminal: output captured
// in a file or a pipe gets the messages and nothing else.
type progress struct {
	w     io.Writer
	mu    sync.Mutex
	start time.Time
	total int
	done  int
	pages int
	fail  int
	cur   string
	shown bool
	stop  chan struct{}
	ended chan struct{}
}

// tick is how often the line's clock moves while nothing else happens.
const tick = 200 * time.Millisecond

func newProgress(stdout io.Writer, total int) *progress {
	// A file, or the writer that translates into one.
	f, ok := stdout.(interface{ Fd() uintptr })
	if !ok || !isTerminalFD(f.Fd()) || os.Getenv("TERM") == "dumb" {
		return nil
	}
	return startProgress(stdout, total)
}

// startProgress starts the line on w, a terminal.
func startProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, start: time.Now(), total: total, stop: make(chan struct{}), ended: make(chan struct{})}
	go func() {
		defer close(p.ended)
		t := time.NewTicker(tick)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				return
			case <-t.C:
				p.mu.Lock()
				p.draw()
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// draw rewrites the line; the caller holds mu.
func (p *progress) draw() {
	say.Fprintf(p.w, "\r\x1b[K[%d/%d] %s  %.1f s", p.done, p.total, p.cur, time.Since(p.start).Seconds())
	p.shown = true
}

// begin notes that a document's build began.
func (p *progress) begin(doc string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cur = doc
	p.draw()
}

// report prints a document's message (through print, to stdout or
// stderr) above the line, and counts it.
func (p *progress) report(pages int, failed bool, print func()) {
	if p == nil {
		print()
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		say.Fprint(p.w, "\r\x1b[K")
	}
	print()
	p.done++
	p.pages += pages
	if failed {
		p.fail++
	}
	p.draw()
}

// finish replaces the line with the summary:
// "100 documents and 800 pages in 1.4 s".
func (p *progress) finish() {
	if p == nil {
		return
	}
	close(p.stop)
	<-p.ended
	p.mu.Lock()
	defer p.mu.Unlock()
	say.Fprintf(p.w, "\r\x1b[K%s\n", summary(p.done-p.fail, p.pages, p.fail, time.Since(p.start)))
}

// summary says what a batch made, and how long it took, in one whole
// message of the catalogue whose counts are parts of it (i18n).
func summary(docs, pages, failed int, took time.Duration) say.Text {
	d, p := count(docs, "1 document", "%d documents"), count(pages, "1 page", "%d pages")
	if failed > 0 {
		return say.Sprintf("%s and %s in %.1f s; %d failed", d, p, took.Seconds(), failed)
	}
	return say.Sprintf("%s and %s in %.1f s", d, p, took.Seconds())
}

// count is "1 thing" or, with many a format of the number, "N things".
func count(n int, one, many string) say.Text {
	if n == 1 {
		return say.Word(one)
	}
	return say.Sprintf(many, n)
}
