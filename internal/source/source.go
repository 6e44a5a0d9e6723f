// Package source owns the files one build reads (its World, as Typst
// calls it): the data file, templates, table files and spreadsheets, the
// fonts.toml files, lint.toml and the images a document draws. A Sources
// opens each file once, through package input's checks and limits,
// hashes it (SHA-256) as it reads it, and hands the same bytes, text or
// decoded image to every stage that asks again: the loader, expand, lint,
// doc.Locate, the layout's images, every renderer and the archive record.
// One Sources serves a whole build (every copy and every output of it,
// every document of a batch), so a file changed on disk while a build
// runs is never read a second time: the record hashes the bytes that
// were typeset.
//
// Files are known by their cleaned path (filepath.Clean); the bytes handed
// out are shared and must not be changed. Fonts are mapped and hashed by
// package fonts, once per process. A nil *Sources reads every file anew
// (tests that make a document by hand).
package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	_ "image/jpeg" // the decoders Image.Decode uses
	_ "image/png"
	"path/filepath"
	"sort"
	"sync"

	"gongwen/internal/input"
)

// Sources is the files one build has read.
type Sources struct {
	mu    sync.Mutex
	files map[string]*file
	opens map[string]int
}

// file is one input: its bytes as read, read by the first kind asked.
type file struct {
	mu   sync.Mutex // held while the file is read
	read bool
	kind input.Kind // the kind it was read as
	b    []byte
	sum  string
	err  error
	img  *Image
}

// New is an empty Sources, for one build.
func New() *Sources {
	return &Sources{files: map[string]*file{}, opens: map[string]int{}}
}

func (s *Sources) entry(path string) *file {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := filepath.Clean(path)
	f := s.files[key]
	if f == nil {
		f = &file{}
		s.files[key] = f
	}
	return f
}

// load reads the file at path as kind k unless it was read: the bytes
// read before (which the caller checks against k's limit). A file that
// failed to read as another kind is tried again as k, whose limit and
// words may differ ("is a folder, not a template").
func (s *Sources) load(path string, k input.Kind) *file {
	f := s.entry(path)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.read && (f.err == nil || f.kind == k) {
		return f
	}
	s.mu.Lock()
	s.opens[filepath.Clean(path)]++
	s.mu.Unlock()
	h := sha256.New()
	f.read, f.kind = true, k
	f.b, f.err = input.ReadTo(path, k, h)
	if f.err == nil {
		f.sum = hex.EncodeToString(h.Sum(nil))
	}
	return f
}

// Read is input.Read through the Sources: the file's bytes as first read.
func (s *Sources) Read(path string, k input.Kind) ([]byte, error) {
	if s == nil {
		return input.Read(path, k)
	}
	f := s.load(path, k)
	if f.err != nil {
		return nil, f.err
	}
	if err := input.Fits(int64(len(f.b)), k); err != nil {
		return nil, err
	}
	return f.b, nil
}

// ReadText is input.ReadText through the Sources.
func (s *Sources) ReadText(path string, k input.Kind) ([]byte, error) {
	b, err := s.Read(path, k)
	if err != nil {
		return nil, err
	}
	return input.Text(b)
}

// SHA256 is the hex SHA-256 of the file at path as it was read; a file
// not read yet is read now (as input.Any).
func (s *Sources) SHA256(path string) (string, error) {
	if s == nil {
		s = New()
	}
	f := s.load(path, input.Any)
	return f.sum, f.err
}

// Opens is how many times the Sources opened the file at path (a test
// hook: each input is opened once per build).
func (s *Sources) Opens(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opens[filepath.Clean(path)]
}

// Paths lists the files the Sources opened, cleaned, sorted.
func (s *Sources) Paths() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.files))
	for p := range s.opens {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Image is a picture file as read: its bytes, their hash, and what
// renderers make of them (Derived), made once for the build: a seal is
// decoded and compressed once for every copy's PDF, not once a copy.
type Image struct {
	Path   string // as the document names it
	Data   []byte
	SHA256 string

	mu      sync.Mutex
	derived map[string]derived
}

type derived struct {
	v   any
	err error
}

// Image is the picture at path, read as input.Image. Whether it can be
// drawn is package picture's to say.
func (s *Sources) Image(path string) (*Image, error) {
	if s == nil {
		s = New()
	}
	f := s.load(path, input.Image)
	if f.err != nil {
		return nil, f.err
	}
	if err := input.Fits(int64(len(f.b)), input.Image); err != nil {
		return nil, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.img == nil {
		f.img = &Image{Path: path, Data: f.b, SHA256: f.sum}
	}
	return f.img, nil
}

// Decode is the decoded image (image.Decode's result), a new one each
// call: what is made of it is kept (Derived), not the pixels.
func (im *Image) Decode() (image.Image, error) {
	img, _, err := image.Decode(bytes.NewReader(im.Data))
	return img, err
}

// Derived is what make makes of the image (a renderer's embedding of
// it), made on the first call with key and kept, with its error, for
// the next: make must depend on the image alone. The value is shared and
// must not be changed.
func (im *Image) Derived(key string, make func(*Image) (any, error)) (any, error) {
	im.mu.Lock()
	defer im.mu.Unlock()
	if d, ok := im.derived[key]; ok {
		return d.v, d.err
	}
	v, err := make(im)
	if im.derived == nil {
		im.derived = map[string]derived{}
	}
	im.derived[key] = derived{v, err}
	return v, err
}

// String names the image by its path and hash: what a page that draws it
// depends on (a page printed with %v, as a key, shows this, not a
// pointer).
func (im *Image) String() string {
	if im == nil {
		return "<nil>"
	}
	return im.Path + "@" + im.SHA256
}
