// Package serve shows a document's pages in a web browser while it is
// edited: a page on a loopback address shows the preview images (the same
// layout and fonts as the PDF), rebuilds when any source file changes and
// refreshes itself; a problem shows as the same FILE:LINE:COL: message
// lines the command line prints, with the last good pages kept. It writes
// nothing to disk.
package serve

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"gongwen/internal/build"
	"gongwen/internal/format"
	pngr "gongwen/internal/render/png"
	"gongwen/internal/say"
)

// Server holds the latest build of one document.
type Server struct {
	doc string
	opt build.Options
	dpi float64
	// Text gives the page's words, and a problem (a message, see
	// build.Messages), in the user's language (fmt.Sprint when nil).
	Text func(any) string
	// OnBuild, if set, is called after each build with its outcome (the
	// command prints the problems).
	OnBuild func(State)

	mu      sync.Mutex
	st      State
	drawer  *pngr.Drawer    // the last good build's pages, drawn when asked for
	cache   *pageCache      // the pages of drawer drawn lately
	inputs  map[string]bool // absolute paths the last build read, and the data file
	changed chan struct{}   // closed when st changes
}

// State is what the page shows, as /state sends it.
type State struct {
	Generation int      `json:"generation"` // counts builds whose outcome changed what is shown
	Pages      int      `json:"pages"`      // the last good build's pages
	Sizes      [][2]int `json:"sizes"`      // each page's width and height in pixels
	Problems   []string `json:"problems"`   // the last build's problems; empty when it was good
}

// cachedPages is how many drawn pages a server keeps: what a screen shows
// and some around it (a page is 50–150 KB at 96 dpi).
const cachedPages = 32

// pageCache keeps the pages drawn last, by index, up to cachedPages, with
// the key each was drawn for (pngr.Drawer.Key), and the pages the build
// before kept: a page laid out as it was there keeps its image.
type pageCache struct {
	pages map[int][]byte
	keys  map[int]string
	order []int             // oldest first
	prev  map[string][]byte // the build before's pages, by key
}

// newPageCache is a cache for a new build after the one old cached (nil
// for the first).
func newPageCache(old *pageCache) *pageCache {
	c := &pageCache{pages: map[int][]byte{}, keys: map[int]string{}, prev: map[string][]byte{}}
	if old != nil {
		for i, b := range old.pages {
			c.prev[old.keys[i]] = b
		}
	}
	return c
}

func (c *pageCache) add(i int, key string, b []byte) {
	if _, ok := c.pages[i]; ok {
		return
	}
	c.pages[i], c.keys[i] = b, key
	c.order = append(c.order, i)
	if len(c.order) > cachedPages {
		delete(c.pages, c.order[0])
		delete(c.keys, c.order[0])
		c.order = c.order[1:]
	}
}

// newDrawer is a drawer of j's pages that holds their layout and the
// fonts, not the job: j.FontData would hold the whole Job, its document's
// blocks with every character's source (46 of 95 MB held for 5,229
// pages), as long as the pages are shown.
func newDrawer(j *build.Job, dpi float64) (*pngr.Drawer, error) {
	set := j.Fonts
	return pngr.NewDrawer(j.Result, func(r format.Role) []byte { return set.Font(r).Data }, dpi)
}

// draw is page i of d for the screen: the image of the build before when
// the page is laid out as it was, else drawn now.
func draw(d *pngr.Drawer, c *pageCache, i int) (key string, b []byte, err error) {
	key = d.Key(i)
	if b, ok := c.prev[key]; ok {
		return key, b, nil
	}
	b, err = d.Draw(i, pngr.EncodeFast)
	return key, b, err
}

// New makes a server for the document at docPath; call Rebuild before
// serving.
func New(docPath string, opt build.Options, dpi float64) *Server {
	s := &Server{doc: docPath, opt: opt, dpi: dpi, changed: make(chan struct{}), inputs: map[string]bool{}}
	s.addInput(docPath)
	return s
}

// addInput records p as an input, by its absolute path and, when that
// goes through a symbolic link, by the path the link leads to as well: an
// edit of the file linked to changes nothing in the link's folder, so
// Watch watches the target's folder too.
func (s *Server) addInput(p string) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return
	}
	s.inputs[abs] = true
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		s.inputs[real] = true
	}
}

// Rebuild builds the document again and publishes the outcome: new pages,
// or the problems with the last good pages kept.
//
// Only the first page is drawn here (a problem drawing it is the build's):
// the others are drawn when the browser asks for them (Handler), so that
// the page answers at once for a document of thousands of pages and holds
// only the pages drawn lately.
//
// The memory the build used and no longer needs is given back to the
// system at once, not over minutes: building 5,229 pages peaks at some
// 200 MB, while what the pages need is their layout (50 MB).
func (s *Server) Rebuild() State {
	st := s.rebuild()
	debug.FreeOSMemory()
	return st
}

func (s *Server) rebuild() State {
	j, err := build.Prepare(s.doc, s.opt)
	var drawer *pngr.Drawer
	var first []byte
	var firstKey string
	s.mu.Lock()
	cache := newPageCache(s.cache)
	s.mu.Unlock()
	if err == nil {
		if drawer, err = newDrawer(j, s.dpi); err == nil && drawer.Len() > 0 {
			firstKey, first, err = draw(drawer, cache, 0)
		}
		if err != nil {
			err = say.Errorf("%s: preview: %v", s.doc, err)
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
		text := s.Text
		if text == nil {
			text = func(m any) string { return fmt.Sprint(m) }
		}
		s.st.Problems = nil
		for _, m := range build.Messages(err) {
			s.st.Problems = append(s.st.Problems, strings.Split(text(m), "\n")...)
		}
	} else {
		s.st.Problems = nil
		s.drawer, s.cache = drawer, cache
		if first != nil {
			s.cache.add(0, firstKey, first)
		}
		s.st.Pages = drawer.Len()
		s.st.Sizes = make([][2]int, drawer.Len())
		for i := range s.st.Sizes {
			w, h := drawer.Size(i)
			s.st.Sizes[i] = [2]int{w, h}
		}
	}
	s.st.Generation++
	close(s.changed)
	s.changed = make(chan struct{})
	if s.OnBuild != nil {
		s.OnBuild(s.st)
	}
	return s.st
}

// Inputs lists the files the last build read, as absolute paths (and
// where their symbolic links lead).
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

// ErrAddr is wrapped by Listen's errors about the address given: it is
// not HOST:PORT, or not a loopback address (wrong usage, unlike an
// address that is taken).
var ErrAddr = say.New("not a loopback HOST:PORT")

// listen is net.Listen; a test puts a stand-in here to bind where a
// misconfigured system would.
var listen = net.Listen

// Listen opens addr for serving, refusing any address that is not a
// loopback one: the page shows the document to whoever can reach it. The
// name is checked first, then the address actually bound, since a name
// (localhost) is resolved by the system and could stand for every
// interface (0.0.0.0) on a misconfigured machine: such a listener is
// closed before it accepts anything.
func Listen(addr string) (net.Listener, error) {
	host, port, err := net.SplitHostPort(addr)
	if n, perr := strconv.ParseUint(port, 10, 16); err != nil || perr != nil || n > 65535 {
		return nil, &listenError{say.Sprintf("--addr %s: give HOST:PORT, such as 127.0.0.1:8080 (a port from 0 to 65535)", addr), ErrAddr}
	}
	if !Loopback(host) {
		return nil, &listenError{say.Sprintf("--addr %s: only a loopback address (127.0.0.1, ::1, localhost) may serve a document", addr), ErrAddr}
	}
	l, err := listen("tcp", addr)
	if err != nil {
		// The system's reason alone ("address already in use"), not
		// Go's "listen tcp ADDR: bind:" around it; the error stays
		// underneath (a taken address is not wrong usage).
		reason := err
		for u := errors.Unwrap(err); u != nil; u = errors.Unwrap(u) {
			reason = u
		}
		return nil, &listenError{say.Sprintf("--addr %s: cannot serve there: %v", addr, reason), err}
	}
	if tcp, ok := l.Addr().(*net.TCPAddr); !ok || !tcp.IP.IsLoopback() {
		bound := l.Addr().String()
		l.Close()
		return nil, &listenError{say.Sprintf("--addr %s: the system bound it to %s, which is not a loopback address; nothing is served (give 127.0.0.1:PORT)", addr, bound), say.New("bound to a non-loopback address")}
	}
	return l, nil
}

type listenError struct {
	msg say.Text
	err error
}

func (e *listenError) Error() string     { return e.msg.String() }
func (e *listenError) Message() say.Text { return e.msg }
func (e *listenError) Unwrap() error     { return e.err }

// Loopback reports whether host names only this machine.
func Loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// allowedHost reports whether a request's Host (r.Host) names the server
// bound at addr: 127.0.0.1, [::1] or localhost, with addr's port (or none
// when that is 80, HTTP's). Any other name may belong to a web page that
// had its name point at 127.0.0.1 to read what is served here (DNS
// rebinding): the browser sends that name.
func allowedHost(hostHeader string, addr net.Addr) bool {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return false
	}
	host, port, err := net.SplitHostPort(hostHeader)
	if err != nil {
		host, port = hostHeader, "80"
	}
	if port != strconv.Itoa(tcp.Port) {
		return false
	}
	return host == "127.0.0.1" || host == "::1" || strings.EqualFold(host, "localhost")
}

//go:embed page.html
var pageHTML string

var page = template.Must(template.New("page").Parse(pageHTML))

// Handler serves the page (/), the state (/state, which waits up to 25
// seconds for a newer generation than ?after=N) and the images
// (/page/N.png) of a server listening at addr, to requests whose Host
// names it (allowedHost); any other gets 421 Misdirected Request and
// nothing of the document.
func (s *Server) Handler(addr net.Addr) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		text := func(m string) string { return m }
		if s.Text != nil {
			// the page's words, each a message of its own
			text = func(m string) string { return s.Text(say.Word(m)) }
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
		if err != nil || n < 1 {
			http.NotFound(w, r)
			return
		}
		b, found, err := s.page(n - 1)
		switch {
		case !found:
			http.NotFound(w, r)
			return
		case err != nil:
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Cache-Control", "no-store")
		w.Write(b)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowedHost(r.Host, addr) {
			port := "PORT"
			if tcp, ok := addr.(*net.TCPAddr); ok {
				port = strconv.Itoa(tcp.Port)
			}
			http.Error(w, fmt.Sprintf("gongwen serve answers only http://127.0.0.1:%s/, http://[::1]:%[1]s/ or http://localhost:%[1]s/", port), http.StatusMisdirectedRequest)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// page is page i (from 0) of the last good build: from the cache, or
// drawn now and kept. found is false when there is no such page.
func (s *Server) page(i int) (b []byte, found bool, err error) {
	s.mu.Lock()
	d, c := s.drawer, s.cache
	if d == nil || i >= d.Len() {
		s.mu.Unlock()
		return nil, false, nil
	}
	b, ok := c.pages[i]
	s.mu.Unlock()
	if ok {
		return b, true, nil
	}
	key, b, err := draw(d, c, i)
	if err != nil {
		return nil, true, err
	}
	s.mu.Lock()
	if s.cache == c {
		c.add(i, key, b)
	}
	s.mu.Unlock()
	return b, true, nil
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
	srv := &http.Server{Handler: s.Handler(l.Addr()), ReadHeaderTimeout: 10 * time.Second}
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
