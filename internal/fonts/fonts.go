// Package fonts owns the typefaces: which font file (TrueType, or
// OpenType with CFF outlines) plays each of the five roles, reading and
// checking those files, the metrics the layout needs (advance widths,
// coverage), the subsets the renderers embed and the CFF outlines the
// preview draws. It hands the renderer the file's bytes; nothing here
// knows about documents or PDF.
package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/BurntSushi/toml"
	"github.com/golang/freetype/truetype"
	"golang.org/x/image/math/fixed"

	"gongwen/internal/format"
	"gongwen/internal/input"
	"gongwen/internal/say"
)

// ConfigName is the file in a fonts folder that maps roles to files.
const ConfigName = "fonts.toml"

// Font is one loaded font file, shared by every document a process
// builds: nothing in it changes once it is open but caches that are safe
// to fill from several goroutines.
type Font struct {
	// Path is the font's file as given (relative to the project where
	// possible), without the #N that chose a collection's member.
	Path string
	// Data is the font's bytes. For a single font it is the whole file,
	// mapped read-only where the system can: only the pages of the tables
	// and glyphs a build touches are read from disk. For a member of a
	// TrueType collection it is the member, copied out of the mapped file
	// into a font of its own (collection.go). It must not be written to.
	Data []byte
	// Member is the index of the font in its collection; 0 for a single
	// font.
	Member int

	collection bool   // the file is a TrueType collection
	file       []byte // the whole file, as mapped: what SHA256 hashes

	id  fileID
	ttf *truetype.Font
	upm fixed.Int26_6

	// metrics caches each character's glyph and advance, in blocks of 256
	// characters made when first needed (see lookup); astral does the same
	// for the planes above the BMP, each plane's 256 block pointers made
	// when its first character is looked up. Both are bounded by Unicode's
	// 17 planes, whatever a document holds.
	metrics [256]atomic.Pointer[metricBlock]
	astral  [16]atomic.Pointer[[256]atomic.Pointer[metricBlock]]
	// wide is the format 12 groups mapping characters above the BMP
	// (cmap.go), checked when the font was opened; nil for none.
	wide []byte

	// Embedding is what the font's licence lets a document embed (its OS/2
	// fsType, rights.go); a font opened at all allows embedding a subset.
	Embedding Embedding

	hashOnce sync.Once
	hash     string

	// cff is the CFF table of a font with CFF outlines, parsed when a
	// subset is first made (cff.go).
	cffOnce sync.Once
	cff     *cffFont
	cffErr  error
}

// cffTable is the font's CFF table, parsed once.
func (f *Font) cffTable() (*cffFont, error) {
	f.cffOnce.Do(func() {
		var t map[string][]byte
		if t, f.cffErr = Tables(f.Data); f.cffErr == nil {
			f.cff, f.cffErr = parseCFF(t["CFF "], int(binary.BigEndian.Uint16(t["maxp"][4:])))
		}
	})
	return f.cff, f.cffErr
}

// metricBlock holds 256 characters' entries: 0 for not looked up yet,
// else known<<48 | glyph index<<32 | advance in font units.
type metricBlock [256]atomic.Uint64

const known = 1 << 48

// lookup returns r's glyph index and advance in font units, from the
// cache or the font's cmap and hmtx tables. r must be a Unicode code point
// (0 to U+10FFFF).
func (f *Font) lookup(r rune) (gid uint16, adv uint16) {
	var bp *atomic.Pointer[metricBlock]
	if r <= 0xFFFF {
		bp = &f.metrics[r>>8]
	} else {
		pp := &f.astral[r>>16-1]
		p := pp.Load()
		if p == nil {
			p = new([256]atomic.Pointer[metricBlock])
			if !pp.CompareAndSwap(nil, p) {
				p = pp.Load()
			}
		}
		bp = &p[r>>8&0xFF]
	}
	b := bp.Load()
	if b == nil {
		b = new(metricBlock)
		if !bp.CompareAndSwap(nil, b) {
			b = bp.Load()
		}
	}
	e := b[r&0xFF].Load()
	if e == 0 {
		i := f.index(r)
		hm := f.ttf.HMetric(f.upm, i) // at scale upm: the advance in font units
		e = known | uint64(uint16(i))<<32 | uint64(uint16(hm.AdvanceWidth))
		b[r&0xFF].Store(e)
	}
	return uint16(e >> 32), uint16(e)
}

// SHA256 is the hex SHA-256 of the file's bytes (the whole file, for a
// member of a collection), computed once per loaded
// font, or taken from the hash cache when the file is provably the one
// hashed before (see hashcache.go). An archive record names every font by
// its hash.
func (f *Font) SHA256() string {
	f.hashOnce.Do(func() {
		if IsBuiltin(f.Path) {
			f.hash = hashBuiltin(f.Name(), f.Data)
			return
		}
		f.hash = hashFont(f.Path, f.file, f.id)
	})
	return f.hash
}

// Name is the font's file name without its folder, used in messages; a
// collection's member adds its index (simsun.ttc#1).
func (f *Font) Name() string {
	name := filepath.Base(strings.TrimPrefix(f.Path, Builtin))
	if f.collection {
		name = memberName(name, f.Member)
	}
	return name
}

// MemberSuffix is "#N" for the member N of a collection, "" for a single font:
// what follows the file's path where a role names the font.
func (f *Font) MemberSuffix() string {
	if !f.collection {
		return ""
	}
	return MemberSep + strconv.Itoa(f.Member)
}

// Family is the font's family name as a clerk knows it (familyName: the
// Simplified Chinese name where the font has one); "" when it has none.
func (f *Font) Family() string { return familyName(f.Data) }

// index is r's glyph: the parser's lookup in the BMP, the font's format
// 12 groups above it (cmap.go says why).
func (f *Font) index(r rune) truetype.Index {
	if r <= 0xFFFF {
		return f.ttf.Index(r)
	}
	return truetype.Index(wideIndex(f.wide, r))
}

// Has reports whether the font maps r to a glyph, in any plane.
func (f *Font) Has(r rune) bool {
	if r > lastRune || r < 0 {
		return false
	}
	gid, _ := f.lookup(r)
	return gid != 0
}

// Advance is r's advance width as a fraction of the type size (1 for a
// full-width character).
func (f *Font) Advance(r rune) float64 {
	if r > lastRune || r < 0 { // not a character, refused by Has: .notdef's
		hm := f.ttf.HMetric(f.upm, 0)
		return float64(hm.AdvanceWidth) / float64(f.upm)
	}
	_, adv := f.lookup(r)
	return float64(adv) / float64(f.upm)
}

// Kind tells what a font file's first bytes say it is.
func Kind(head []byte) string {
	switch {
	case len(head) < 4:
		return "too short to be a font"
	case bytes.Equal(head[:4], []byte{0, 1, 0, 0}), string(head[:4]) == "true":
		return "truetype"
	case string(head[:4]) == "OTTO":
		return "otf-cff"
	case string(head[:4]) == "ttcf":
		return "ttc"
	case string(head[:4]) == "wOFF", string(head[:4]) == "wOF2":
		return "woff"
	}
	return "unknown"
}

// Open reads and checks one font file, or one member of a TrueType
// collection (path ending in #N: collection.go). It refuses what the
// renderers cannot embed (they embed TrueType fonts and OpenType fonts
// with CFF outlines), saying why, instead of letting it fail later.
func Open(path string) (*Font, error) {
	if IsBuiltin(path) {
		return openBuiltin(path)
	}
	file, member, named := splitMember(path)
	data, id, err := readFont(file)
	if err != nil {
		return nil, say.Errorf("%s: cannot read font: %v", file, err)
	}
	if Kind(data) != "ttc" {
		if member != 0 {
			return nil, say.Errorf("%s: a single font, not a TrueType collection: it has no font #%d", path, member)
		}
		return fromData(file, data, id)
	}
	name := memberName(file, member)
	sfnt, err := extractMember(data, member)
	if err != nil {
		if !named {
			name = file
		}
		return nil, say.Errorf("%s: %v", name, err)
	}
	release(data)
	f, err := fromData(name, sfnt, id)
	if err != nil {
		return nil, err
	}
	f.Path, f.Member, f.collection, f.file = file, member, true, data
	return f, nil
}

// fromData checks and parses a font's bytes, from a file, a collection's
// member or built in.
func fromData(path string, data []byte, id fileID) (*Font, error) {
	switch Kind(data) {
	case "truetype", "otf-cff":
	case "woff":
		return nil, say.Errorf("%s: a web font (WOFF); decompress it to a .ttf first", path)
	default:
		return nil, say.Errorf("%s: not a TrueType or OpenType font file", path)
	}
	// The checks that read every byte (the tables' checksums, each glyph's
	// outline) are made once per file: not for a font built into gongwen
	// (a test makes them), nor for a file unchanged since they passed.
	outlines := !IsBuiltin(path) && !outlinesChecked(path, id)
	glyphs, cmap, err := validate(data, outlines)
	if err == nil {
		err = checkDirectory(data, outlines)
	}
	if err != nil {
		return nil, say.Errorf("%s: %v", path, err)
	}
	if outlines {
		markOutlinesChecked(path, id)
	}
	ttf, err := parse(data)
	if err != nil {
		return nil, say.Errorf("%s: corrupt TrueType font: %v", path, err)
	}
	if err := checkCmap(ttf, cmap, glyphs); err != nil {
		return nil, say.Errorf("%s: %v", path, err)
	}
	wide, err := astralMap(cmap, glyphs)
	if err != nil {
		return nil, say.Errorf("%s: %v", path, err)
	}
	tables, err := Tables(data)
	if err != nil {
		return nil, say.Errorf("%s: %v", path, err)
	}
	rights := embedding(tables)
	if err := rights.check(); err != nil {
		return nil, say.Errorf("%s: %v", path, err)
	}
	return &Font{Path: path, Data: data, file: data, id: id, ttf: ttf, upm: fixed.Int26_6(ttf.FUnitsPerEm()), wide: wide, Embedding: rights}, nil
}

// ParseMetrics parses a font Open accepted, or a subset of one, with the
// TrueType parser, for its character map, widths and names: a font with
// CFF outlines through metricsView. Its outlines are not there for a font
// with CFF outlines (a renderer draws those with golang.org/x/image/font/sfnt).
func ParseMetrics(data []byte) (*truetype.Font, error) { return parse(data) }

// parse guards the TrueType parser: a damaged file must give an error, not a
// panic. A font with CFF outlines is given to it as metricsView makes it.
func parse(data []byte) (f *truetype.Font, err error) {
	if Kind(data) == "otf-cff" {
		if data, err = metricsView(data); err != nil {
			return nil, err
		}
	}
	defer func() {
		if r := recover(); r != nil { // an index past a table: not worth quoting
			f, err = nil, say.New("the parser reads past the end of one of its tables: the file is damaged")
		}
	}()
	f, err = truetype.Parse(data)
	if err == nil && f.FUnitsPerEm() <= 0 {
		err = say.New("units per em is zero")
	}
	return f, err
}

// Set is the font for each role of one document, and the list of fonts of
// a role that names several (chain.go).
type Set struct {
	byRole map[format.Role]*Font
	chains map[format.Role]*Chain
}

// Font returns the role's font: its first, for a role with a list; for a
// fallback role (FallbackRole) the font of the list it names.
func (s *Set) Font(r format.Role) *Font {
	base, i := SplitRole(r)
	if i == 0 {
		return s.byRole[base]
	}
	c := s.chains[base]
	if c == nil || i >= len(c.fonts) {
		return nil
	}
	return c.fonts[i]
}

// Chain returns the role's list of fonts, nil for a role with one font.
func (s *Set) Chain(r format.Role) *Chain { return s.chains[r] }

// NewSet makes a set from fonts already loaded (tests use it).
func NewSet(m map[format.Role]*Font) *Set { return &Set{byRole: m} }

// Config maps each role to its font files, in the order they are tried.
type Config map[format.Role][]string

// ReadConfig reads a fonts.toml: one `role = "file.ttf"` or `role =
// ["first.ttf", "next.ttf"]` line per role, the paths relative to the
// file's folder.
func ReadConfig(path string) (Config, error) {
	src, err := input.ReadText(path, input.FontConfig)
	if err != nil {
		return nil, say.Errorf("%s: %w", path, err)
	}
	return ParseConfig(path, src)
}

// ParseConfig is ReadConfig of a fonts.toml already read (src, as
// input.ReadText gives it).
func ParseConfig(path string, src []byte) (Config, error) {
	var raw map[string]any
	var ne *input.NestingError
	if err := input.CheckNesting(src); errors.As(err, &ne) {
		return nil, say.Errorf("%s:%d:%d: %v", path, ne.Line, ne.Col, err)
	}
	_, err := toml.Decode(string(src), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, say.Errorf("%s:%d:%d: %s", path, pe.Position.Line, pe.Position.Col, pe.Message)
		}
		return nil, say.Errorf("%s: %v", path, err)
	}
	c, err := configOf(raw, filepath.Dir(path))
	if err != nil {
		return nil, say.Errorf("%s: %v", path, err)
	}
	return c, nil
}

// configOf reads the roles of a decoded fonts.toml, each a file or a
// non-empty list of files, relative to dir.
func configOf(raw map[string]any, dir string) (Config, error) {
	c := Config{}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == LatinKey {
			if err := latinOf(c, raw[k], dir); err != nil {
				return nil, err
			}
			continue
		}
		role, ok := RoleByKey(k)
		if !ok {
			return nil, say.Errorf("unknown font role %q (known: %s, and latin)", k, roleKeys())
		}
		var files []string
		switch v := raw[k].(type) {
		case string:
			files = []string{v}
		case []any:
			for _, e := range v {
				f, ok := e.(string)
				if !ok {
					files = nil
					break
				}
				files = append(files, f)
			}
		}
		if len(files) == 0 {
			return nil, say.Errorf("the role %q must name a font file or a list of them, tried in order", k)
		}
		for _, f := range files {
			c[role] = append(c[role], Resolve(dir, f))
		}
	}
	return c, nil
}

// RoleByKey accepts a role's key or its Chinese name.
func RoleByKey(k string) (format.Role, bool) {
	for _, r := range format.Roles {
		if k == string(r) || k == r.ChineseName() {
			return r, true
		}
	}
	return "", false
}

func roleKeys() string {
	s := ""
	for i, r := range format.Roles {
		if i > 0 {
			s += ", "
		}
		s += string(r)
	}
	return s
}

// Resolve makes p relative to dir unless it is absolute.
func Resolve(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// opened holds the fonts this process has opened, by path and the
// identity of the file (device, inode, size and times) where the system
// gives one, else by path, size and modification time: every document of
// a batch shares one parse of each file, and two documents asking at once
// wait for the same one. The path is part of the key because the font's
// path is recorded in the PDF.
var opened sync.Map // key → *opening

type opening struct {
	once sync.Once
	f    *Font
	err  error
}

func openKey(p string) any {
	if IsBuiltin(p) {
		return p
	}
	// A collection's member is opened once whether it was named with #0 or
	// without a suffix (its path and data are the same); each member once.
	file, member, _ := splitMember(p)
	if id, err := statID(file); err == nil && id.Ino != 0 {
		return struct {
			path   string
			member int
			id     fileID
		}{file, member, id}
	}
	st, err := os.Stat(file)
	if err != nil {
		return nil
	}
	return fmt.Sprintf("%s\x00%d\x00%d\x00%d", file, member, st.Size(), st.ModTime().UnixNano())
}

// openShared opens p once per process.
func openShared(p string) (*Font, error) {
	key := openKey(p)
	if key == nil {
		return Open(p) // cannot be looked at: let Open say why
	}
	v, _ := opened.LoadOrStore(key, &opening{})
	o := v.(*opening)
	o.once.Do(func() { o.f, o.err = Open(p) })
	if o.err != nil {
		// Named as this caller named it.
		return Open(p)
	}
	return o.f, nil
}

// RoleError is a problem with the font of one role.
type RoleError struct {
	Role format.Role
	Err  error
}

func (e *RoleError) Error() string { return e.Err.Error() }
func (e *RoleError) Unwrap() error { return e.Err }

// LatinKey names, in a fonts.toml, the font of digits and Latin letters:
// latin = "FILE" for the body's roles (LatinRoles), or a table of roles,
// [latin] heiti = "FILE".
const LatinKey = "latin"

// LatinRoles are the roles latin = "FILE" sets: the body's. The 宋体 of the
// page numbers keeps its own digits, as GB/T 9704 names it.
var LatinRoles = []format.Role{format.XiaoBiaoSong, format.FangSong, format.HeiTi, format.KaiTi}

// LatinRole is the key under which a Config holds the font of a role's
// digits and Latin letters ("latin.fangsong"): a source layers it apart
// from the role's own list.
func LatinRole(r format.Role) format.Role { return format.Role(LatinKey + "." + string(r)) }

// latinOf reads the latin key of a fonts.toml into c.
func latinOf(c Config, v any, dir string) error {
	switch v := v.(type) {
	case string:
		for _, r := range LatinRoles {
			c[LatinRole(r)] = []string{Resolve(dir, v)}
		}
		return nil
	case map[string]any:
		for k, f := range v {
			role, ok := RoleByKey(k)
			p, isStr := f.(string)
			if !ok || !isStr || p == "" {
				return say.Errorf("[latin] %s must be a role (%s) naming a font file", k, roleKeys())
			}
			c[LatinRole(role)] = []string{Resolve(dir, p)}
		}
		return nil
	}
	return say.Errorf("latin must name a font file for the digits and Latin letters of the body's roles, or be a table of roles")
}

// Load opens the fonts of every role in c. Files are loaded once per
// process, all at once (checking and parsing a font is a fraction of a
// millisecond of work on another core). Each problem is a *RoleError, in
// the order of the roles.
func Load(c Config) (*Set, []error) {
	type slot struct {
		role format.Role
		f    *Font
		err  error
	}
	var slots []*slot
	var errs []error
	var wg sync.WaitGroup
	for _, r := range format.Roles {
		ps, ok := c[r]
		if !ok || len(ps) == 0 {
			slots = append(slots, &slot{role: r, err: say.Errorf("no font given for the role %s (%s)", r, r.ChineseName())})
			continue
		}
		for _, p := range ps {
			s := &slot{role: r}
			slots = append(slots, s)
			wg.Go(func() { s.f, s.err = openShared(p) })
		}
		if ps := c[LatinRole(r)]; len(ps) > 0 {
			s := &slot{role: LatinRole(r)}
			slots = append(slots, s)
			wg.Go(func() { s.f, s.err = openShared(ps[0]) })
		}
	}
	wg.Wait()
	set := &Set{byRole: map[format.Role]*Font{}}
	lists := map[format.Role][]*Font{}
	for _, s := range slots {
		if s.err != nil {
			errs = append(errs, &RoleError{s.role, s.err})
			continue
		}
		lists[s.role] = append(lists[s.role], s.f)
	}
	if len(errs) > 0 {
		return set, errs
	}
	for _, r := range format.Roles {
		l := lists[r]
		set.byRole[r] = l[0]
		latin := lists[LatinRole(r)]
		if len(l) > 1 || latin != nil {
			if set.chains == nil {
				set.chains = map[format.Role]*Chain{}
			}
			set.chains[r] = chainOf(l, latin)
		}
	}
	return set, nil
}
