// Package serve shows a document's pages in a web browser while it is
// edited: a page on a loopback address shows the preview images (the same
// layout and fonts as the PDF), rebuilds when any source file changes and
// refreshes itself; a problem shows as the same FILE:LINE:COL: message
// lines the command line prints, with the last good pages kept. It writes
// nothing to disk.
package serve

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"gongwen/internal/build"
	"gongwen/internal/format"
	"gongwen/internal/layout"
	pngr "gongwen/internal/render/png"
)

// Server holds the latest build of one document.
type Server struct {
	doc string
	opt build.Options
	dpi float64
	// Text gives the page's words in the user's language (the identity
	// when nil).
	Text func(string) string
	// OnBuild, if set, is called after each build with its outcome (the
	// command prints the problems).
	OnBuild func(State)

	mu      sync.Mutex
	st      State
	shown   *pageSet        // the last good build's pages
	inputs  map[string]bool // absolute paths the last build read, and the data file
	changed chan struct{}   // closed when st changes
}

// pageSet is the pages of one good build, drawn when first asked for (or
// by the drawing that follows each build, page 1 first), each once.
type pageSet struct {
	drawer *pngr.Drawer
	keys   []string
	pages  []*pageImage
}

// pageImage is one page's PNG, made once.
type pageImage struct {
	once sync.Once
	png  []byte
	err  error
}

// image draws page i of set, once.
func (set *pageSet) image(i int) ([]byte, error) {
	p := set.pages[i]
	p.once.Do(func() {
		img, err := set.drawer.Page(i)
		if err == nil {
			p.png, err = pngr.EncodeFast(img)
		}
		p.err = err
	})
	return p.png, p.err
}

// State is what the page shows, as /state sends it.
type State struct {
	Generation int      `json:"generation"` // counts builds whose outcome changed what is shown
	Pages      int      `json:"pages"`      // the last good build's pages
	Problems   []string `json:"problems"`   // the last build's problems; empty when it was good
}

// New makes a server for the document at docPath; call Rebuild before
// serving.
func New(docPath string, opt build.Options, dpi float64) *Server {
	s := &Server{doc: docPath, opt: opt, dpi: dpi, changed: make(chan struct{}), inputs: map[string]bool{}}
	s.addInput(docPath)
	return s
}

func (s *Server) addInput(p string) {
	if abs, err := filepath.Abs(p); err == nil {
		s.inputs[abs] = true
	}
}

// Rebuild builds the document again and publishes the outcome: new pages,
// or the problems with the last good pages kept. A good build is published
// as soon as it is laid out; its pages are drawn when the browser asks for
// them, and by a drawing of every page that starts right after, page 1
// first. A page laid out as in the last build (same text, rules, pictures,
// fonts and picture files) keeps the image already drawn.
func (s *Server) Rebuild() State {
	j, err := build.Prepare(s.doc, s.opt)
	var set *pageSet
	if err == nil {
		var d *pngr.Drawer
		if d, err = pngr.NewDrawer(j.Result, j.FontData, s.dpi); err != nil {
			err = fmt.Errorf("%s: preview: %v", s.doc, err)
		} else {
			set = &pageSet{drawer: d, keys: make([]string, len(j.Result.Pages)), pages: make([]*pageImage, len(j.Result.Pages))}
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if j != nil {
		// What to watch: every file this build read (the data file is
		// always watched, since a document that does not load lists none).
		s.inputs = map[string]bool{}
		s.addInput(s.doc)
		for _, p := range append(append([]string{}, j.Doc.Files...), j.FontConfigs...) {
			s.addInput(p)
		}
		for _, p := range j.Result.Pages {
			for _, im := range p.Images {
				s.addInput(im.Path)
			}
		}
	}
	if err != nil {
		s.st.Problems = build.Lines(err)
		if s.Text != nil {
			for i, l := range s.st.Problems {
				s.st.Problems[i] = s.Text(l)
			}
		}
	} else {
		old := map[string]*pageImage{}
		if s.shown != nil {
			for i, k := range s.shown.keys {
				old[k] = s.shown.pages[i]
			}
		}
		for i := range j.Result.Pages {
			set.keys[i] = pageKey(&j.Result.Pages[i], j.FontData)
			if p := old[set.keys[i]]; p != nil {
				set.pages[i] = p
			} else {
				set.pages[i] = &pageImage{}
			}
		}
		s.st.Problems = nil
		s.shown = set
		s.st.Pages = len(set.pages)
		go s.drawAll(set)
	}
	s.st.Generation++
	close(s.changed)
	s.changed = make(chan struct{})
	if s.OnBuild != nil {
		s.OnBuild(s.st)
	}
	return s.st
}

// drawAll draws every page of set not drawn yet, in order, while set is
// still the one shown. A page that cannot be drawn is a problem of the
// build, as it was when every page was drawn before publishing.
func (s *Server) drawAll(set *pageSet) {
	for i := range set.pages {
		s.mu.Lock()
		current := s.shown == set
		s.mu.Unlock()
		if !current {
			return
		}
		if _, err := set.image(i); err != nil {
			s.mu.Lock()
			if s.shown == set {
				s.st.Problems = []string{fmt.Sprintf("%s: preview: %v", s.doc, err)}
				if s.Text != nil {
					s.st.Problems[0] = s.Text(s.st.Problems[0])
				}
				s.st.Generation++
				close(s.changed)
				s.changed = make(chan struct{})
			}
			s.mu.Unlock()
			return
		}
	}
}

// pageKey names what a page's image depends on: everything laid out on
// it, the fonts' bytes (by identity) and each picture file's size and
// time, so that the same key draws the same pixels.
func pageKey(p *layout.Page, fontOf func(format.Role) []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%v", *p)
	for _, r := range format.Roles {
		if b := fontOf(r); len(b) > 0 {
			fmt.Fprintf(h, "|%s %p %d", r, &b[0], len(b))
		}
	}
	for _, im := range p.Images {
		if fi, err := os.Stat(im.Path); err == nil {
			fmt.Fprintf(h, "|%s %d %d", im.Path, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	return string(h.Sum(nil))
}

// Inputs lists the files the last build read, as absolute paths.
func (s *Server) Inputs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for p := range s.inputs {
		out = append(out, p)
	}
	return out
}

func (s *Server) isInput(p string) bool {
	abs, err := filepath.Abs(p)
	if err != nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inputs[abs]
}

// Watch rebuilds whenever a file the document reads changes, until ctx
// ends. It watches the folders that hold the inputs (an editor that saves
// by writing a new file and renaming it over the old one replaces the
// file, and a watch on the file itself would be lost), and waits for a
// short quiet spell after a change so that one save gives one rebuild.
func (s *Server) Watch(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	watched := map[string]bool{}
	watchInputs := func() {
		for _, p := range s.Inputs() {
			dir := filepath.Dir(p)
			if !watched[dir] && w.Add(dir) == nil {
				watched[dir] = true
			}
		}
	}
	watchInputs()
	// One save is one rebuild: editors write a file in one go, or write a
	// new one and rename it over the old, within a few milliseconds.
	const quiet = 30 * time.Millisecond
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if s.isInput(ev.Name) {
				timer.Reset(quiet)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			return err
		case <-timer.C:
			s.Rebuild()
			watchInputs()
		}
	}
}

// Listen opens addr for serving, refusing any address that is not a
// loopback one: the page shows the document to whoever can reach it.
func Listen(addr string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("--addr %s: give HOST:PORT, such as 127.0.0.1:8080", addr)
	}
	if !Loopback(host) {
		return nil, fmt.Errorf("--addr %s: only a loopback address (127.0.0.1, ::1, localhost) may serve a document", addr)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		// The system's reason alone ("address already in use"), not
		// Go's "listen tcp ADDR: bind:" around it; the error stays
		// underneath (a taken address is not wrong usage).
		reason := err
		for u := errors.Unwrap(err); u != nil; u = errors.Unwrap(u) {
			reason = u
		}
		return nil, &listenError{fmt.Sprintf("--addr %s: cannot serve there: %v", addr, reason), err}
	}
	return l, nil
}

type listenError struct {
	msg string
	err error
}

func (e *listenError) Error() string { return e.msg }
func (e *listenError) Unwrap() error { return e.err }

// Loopback reports whether host names only this machine.
func Loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

//go:embed page.html
var pageHTML string

var page = template.Must(template.New("page").Parse(pageHTML))

// Handler serves the page (/), the state (/state, which waits up to 25
// seconds for a newer generation than ?after=N) and the images
// (/page/N.png).
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		text := s.Text
		if text == nil {
			text = func(m string) string { return m }
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		page.Execute(w, map[string]string{
			"Title":     filepath.Base(s.doc),
			"Lang":      text("en"),
			"Waiting":   text("building…"),
			"PagesWord": text("pages"),
			"Problems":  text("The last change has problems; the pages shown are from the last good build:"),
		})
	})
	mux.HandleFunc("/state", func(w http.ResponseWriter, r *http.Request) {
		after, _ := strconv.Atoi(r.URL.Query().Get("after"))
		ctx, cancel := context.WithTimeout(r.Context(), 25*time.Second)
		defer cancel()
		st := s.wait(ctx, after)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		json.NewEncoder(w).Encode(st)
	})
	mux.HandleFunc("/page/{name}", func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("name"), ".png"))
		s.mu.Lock()
		set := s.shown
		s.mu.Unlock()
		if err != nil || set == nil || n < 1 || n > len(set.pages) {
			http.NotFound(w, r)
			return
		}
		b, err := set.image(n - 1)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(b)
	})
	return mux
}

// wait returns the state once its generation is past after, or when ctx
// ends.
func (s *Server) wait(ctx context.Context, after int) State {
	for {
		s.mu.Lock()
		st, ch := s.st, s.changed
		s.mu.Unlock()
		if st.Generation > after {
			return st
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return st
		}
	}
}

// Serve builds the document, serves it on l and watches its sources until
// ctx ends.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 2)
	go func() { errc <- s.Watch(ctx) }()
	go func() { errc <- srv.Serve(l) }()
	select {
	case <-ctx.Done():
		srv.Close()
		return nil
	case err := <-errc:
		srv.Close()
		if errors.Is(err, http.ErrServerClosed) {
			return nil
		}
		return err
	}
}
