package fonts

import (
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf16"

	"gongwen/internal/say"

	"github.com/golang/freetype/truetype"
)

// A TrueType collection (.ttc, such as Windows' simsun.ttc: SimSun and
// NSimSun) holds several fonts that share tables. A role names one of them
// by a suffix on the file's name: "simsun.ttc#1" is the second, counting
// from 0; a collection named without a suffix gives its first (#0). A file
// whose name really ends in #N and exists as named is that file.
//
// The chosen member is copied out of the mapped file once, when the font
// is opened, into a standalone font (its table directory and its tables,
// the offsets rewritten): the checks, the parser, the subsetter and the
// renderers all read that, as they read a .ttf. The file itself stays
// what the archive record names and hashes.
//
// The layout is the OpenType specification's (ISO/IEC 14496-22, "Font
// Collections"): the tag "ttcf", a major and minor version (1.0 or 2.0), the
// number of fonts and each font's offset from the start of the file; at
// each offset, a table directory like a single font's, whose tables'
// offsets are also from the start of the file.

// MemberSep separates a collection's file from the index of its member.
const MemberSep = "#"

// splitMember reads the member a font path names: the file, the member's
// index and whether the path gave one. A path that exists as named is a
// file, whatever its name ends in.
func splitMember(p string) (file string, member int, named bool) {
	i := strings.LastIndex(p, MemberSep)
	if i < 0 || IsBuiltin(p) {
		return p, 0, false
	}
	digits := p[i+len(MemberSep):]
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return p, 0, false
	}
	if _, err := os.Stat(p); err == nil {
		return p, 0, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil {
		n = math.MaxInt // past any collection's members: refused by count
	}
	return p[:i], n, true
}

// memberName is how messages name a collection's member: the file's path
// and the member's index.
func memberName(file string, member int) string {
	return file + MemberSep + strconv.Itoa(member)
}

// collectionSize checks a collection's header and returns how many fonts
// it holds.
func collectionSize(data []byte) (int64, error) {
	if len(data) < 12 {
		return 0, say.New("a TrueType collection whose header is cut short: the file is damaged")
	}
	if v := binary.BigEndian.Uint16(data[4:]); v != 1 && v != 2 {
		return 0, say.Errorf("a TrueType collection with a damaged header (version %d.%d, not 1.0 or 2.0): the file is damaged", v, binary.BigEndian.Uint16(data[6:]))
	}
	count := int64(binary.BigEndian.Uint32(data[8:]))
	if count == 0 {
		return 0, say.New("a TrueType collection that holds no fonts: the file is damaged")
	}
	if 12+4*count > int64(len(data)) {
		return 0, say.Errorf("a TrueType collection whose list of its %d fonts reaches past the end of the file: the file is damaged or cut short", count)
	}
	return count, nil
}

// extractMember copies member out of the collection data into a
// standalone TrueType font, or says by what the collection is damaged, or
// why the member cannot be embedded.
func extractMember(data []byte, member int) ([]byte, error) {
	u16 := func(off int) int { return int(binary.BigEndian.Uint16(data[off:])) }
	u32 := func(off int) int64 { return int64(binary.BigEndian.Uint32(data[off:])) }
	size := int64(len(data))
	count, err := collectionSize(data)
	if err != nil {
		return nil, err
	}
	if int64(member) >= count {
		return nil, say.Errorf("the collection holds %d fonts, #0 to #%d: there is no #%d", count, count-1, member)
	}
	at := u32(12 + 4*member)
	if at+12 > size {
		return nil, say.Errorf("font #%d of the collection lies past the end of the file: the file is damaged or cut short", member)
	}
	switch Kind(data[at : at+4]) {
	case "truetype", "otf-cff":
	default:
		return nil, say.Errorf("font #%d of the collection is not a TrueType or OpenType font: the file is damaged", member)
	}
	n := int64(u16(int(at) + 4))
	dir := 12 + 16*n
	if at+dir > size {
		return nil, say.Errorf("the table directory of font #%d reaches past the end of the file: the file is damaged or cut short", member)
	}
	// The member's tables do not overlap, so they fit in the file: a
	// directory that says otherwise would make the copy larger than the
	// file (many tables, each the whole file).
	total := dir
	for i := int64(0); i < n; i++ {
		rec := int(at + 12 + 16*i)
		off, length := u32(rec+8), u32(rec+12)
		if off+length > size {
			return nil, say.Errorf("the %q table of font #%d reaches past the end of the file (%d bytes): the file is damaged or cut short", data[rec:rec+4], member, size)
		}
		total += (length + 3) &^ 3
	}
	if total > size+dir {
		return nil, say.Errorf("the tables of font #%d add up to more than the file (%d bytes): the file is damaged", member, size)
	}
	out := make([]byte, dir, total)
	copy(out, data[at:at+dir])
	for i := int64(0); i < n; i++ {
		rec := 12 + 16*i
		off, length := u32(int(at+rec+8)), u32(int(at+rec+12))
		binary.BigEndian.PutUint32(out[rec+8:], uint32(len(out)))
		out = append(out, data[off:off+length]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out, nil
}

// Stem names the font for the renderers: the file's name without its
// extension, and a collection's member's index after it ("simsun#1"), so
// that two members of one file are two fonts.
func (f *Font) Stem() string {
	base := filepath.Base(strings.TrimPrefix(f.Path, Builtin))
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	if f.collection {
		stem += MemberSep + strconv.Itoa(f.Member)
	}
	return stem
}

// FileFont is one font of a font file, as gongwen fonts FILE lists it.
type FileFont struct {
	Index  int    // its index in a collection (#N); 0 in a single font
	Name   string // its PostScript name (name ID 6), if it can be embedded
	Family string // its family name (name ID 1), likewise
	// Embedding is what its licence lets a document embed (rights.go),
	// if it can be embedded.
	Embedding Embedding
	CFF       bool  // it has CFF outlines (an OpenType .otf, or such a member)
	Err       error // why it cannot be embedded; nil when it can
}

// MaxListed bounds the fonts Fonts lists of one collection: real ones hold
// a few, a damaged header may claim millions.
const MaxListed = 64

// FontFile is what a font file holds, as gongwen fonts FILE lists it.
type FontFile struct {
	Path       string // the file (without a #N it was named with)
	Collection bool
	Total      int        // the fonts it holds
	Fonts      []FileFont // those listed: all, or the first MaxListed
}

// ReadFontFile lists the fonts of the file at path (a #N on it is
// ignored): the one of a single font, each of a collection's up to
// MaxListed, with its names or why it cannot be embedded. The error is for
// a file that cannot be read or whose collection header is damaged.
func ReadFontFile(path string) (*FontFile, error) {
	file, _, _ := splitMember(path)
	data, id, err := readFont(file)
	if err != nil {
		return nil, say.Errorf("%s: cannot read font: %v", file, err)
	}
	describe := func(i int, sfnt []byte, err error) FileFont {
		ff := FileFont{Index: i, Err: err}
		if err == nil {
			var f *Font
			if f, ff.Err = fromData("", sfnt, id); ff.Err == nil {
				ff.Name = strings.TrimSpace(f.ttf.Name(truetype.NameIDPostscriptName))
				ff.Family = familyName(sfnt)
				ff.Embedding = f.Embedding
				ff.CFF = Kind(sfnt) == "otf-cff"
			}
		}
		if ff.Err != nil { // without fromData's "PATH: "
			ff.Err = withoutPath(ff.Err)
		}
		return ff
	}
	ff := &FontFile{Path: file, Total: 1}
	if Kind(data) != "ttc" {
		ff.Fonts = []FileFont{describe(0, data, nil)}
		return ff, nil
	}
	count, err := collectionSize(data)
	if err != nil {
		return nil, say.Errorf("%s: %v", file, err)
	}
	ff.Collection, ff.Total = true, int(count)
	for i := 0; int64(i) < min(count, MaxListed); i++ {
		sfnt, err := extractMember(data, i)
		ff.Fonts = append(ff.Fonts, describe(i, sfnt, err))
	}
	return ff, nil
}

// FamilyName is a font's family name as familyName reads it, for a
// renderer whose parser reads only a name's first record (HanaMinA's is
// Japanese in a Mac encoding).
func FamilyName(sfnt []byte) string { return familyName(sfnt) }

// familyName is a font's family name (name ID 1) from its Windows Unicode
// records (platform 3, encoding 1; the OpenType specification's "name"
// table), in Simplified Chinese (language 0x0804) where it has one, else
// in US English (0x0409), else the first: the name a clerk knows it by
// (文泉驿正黑 rather than WenQuanYi Zen Hei). "" when it has none.
func familyName(sfnt []byte) string {
	s, err := parseSfnt(sfnt)
	if err != nil {
		return ""
	}
	return nameTableFamily(s.tables["name"])
}

// nameTableFamily is familyName's choice from a name table.
func nameTableFamily(name []byte) string {
	if len(name) < 6 {
		return ""
	}
	be := binary.BigEndian
	count, strs := int(be.Uint16(name[2:])), int(be.Uint16(name[4:]))
	found := map[uint16]string{}
	var first uint16
	for i := 0; i < count && 6+12*i+12 <= len(name); i++ {
		r := name[6+12*i:]
		platform, enc, lang, id := be.Uint16(r), be.Uint16(r[2:]), be.Uint16(r[4:]), be.Uint16(r[6:])
		length, off := int(be.Uint16(r[8:])), strs+int(be.Uint16(r[10:]))
		if platform != 3 || enc != 1 || id != 1 || off+length > len(name) || length%2 != 0 {
			continue
		}
		u := make([]uint16, length/2)
		for j := range u {
			u[j] = be.Uint16(name[off+2*j:])
		}
		if _, ok := found[lang]; !ok {
			found[lang] = strings.TrimSpace(string(utf16.Decode(u)))
			if len(found) == 1 {
				first = lang
			}
		}
	}
	for _, lang := range []uint16{0x0804, 0x0409, first} {
		if n, ok := found[lang]; ok && n != "" {
			return n
		}
	}
	return ""
}

// withoutPath is an error of fromData without the "PATH: " it starts with
// (the path is empty: a font of a collection).
func withoutPath(err error) error {
	var se *say.Error
	if errors.As(err, &se) {
		if before, rest, ok := se.Text.Cut(": "); ok && before.Format == "%s" {
			return say.Errorf(rest.Format, rest.Args...)
		}
	}
	return say.Plain(strings.TrimPrefix(err.Error(), ": "))
}
