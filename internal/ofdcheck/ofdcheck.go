// Package ofdcheck reads an OFD package (GB/T 33190-2016) back for tests,
// independently of the writer in package render/ofd: it walks the package
// from OFD.xml as a reader must, checks the structure the standard asks for
// and returns what each page draws, in page millimetres from the top-left
// corner with y growing downwards.
//
// Signatures named in OFD.xml are read too: each Signature.xml's
// references with their SM3 digests, and a seal's SES_Signature with its
// SM2 values checked (signature.go); what fails there is reported in the
// Signature, not as an error.
//
// Read fails on: a part that is not well-formed XML or has an element
// outside the OFD namespace; a missing OFD.xml, DocRoot, page, resource file
// or resource; an ID that is not a positive integer, is used twice or
// exceeds MaxUnitID; a reference (Font, ResourceID, a destination's PageID)
// to no such object; a file in the package that nothing refers to; a
// number that does not parse.
package ofdcheck

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
)

// NS is the OFD namespace.
const NS = "http://www.ofdspec.org/2016"

// Glyph is one character drawn.
type Glyph struct {
	Rune  rune
	X, Y  float64 // origin on the baseline, mm
	Size  float64 // mm
	Font  int     // the font resource's ID
	Color [3]int
	Turn  float64 // the CTM's rotation in degrees, counter-clockwise as seen
}

// Path is a stroked path: its points, in page space.
type Path struct {
	Points []Point
	Width  float64
	Color  [3]int
}

// Point is a place on the page, mm.
type Point struct{ X, Y float64 }

// Image is a placed image.
type Image struct {
	X, Y, W, H float64
	File       string // its file in the package
	Format     string
}

// Page is one page.
type Page struct {
	ID            int
	Width, Height float64 // the PhysicalBox, mm
	Glyphs        []Glyph // in the order of the TextCodes
	Paths         []Path
	Images        []Image
}

// Font is a font resource.
type Font struct {
	ID               int
	FontName, Family string
	File             string
}

// OutlineItem is an outline entry, flattened.
type OutlineItem struct {
	Title  string
	Level  int // 0 for the top
	PageID int
	Top    float64
}

// Package is a read package.
type Package struct {
	Files    map[string][]byte
	Info     map[string]string // DocInfo's simple elements by local name
	Keywords []string
	Custom   [][2]string // CustomData name, value
	Fonts    map[int]Font
	Pages    []Page
	Outline  []OutlineItem
	MaxID    int
	// Signatures are the package's signatures, when OFD.xml names a
	// signature list (see signature.go).
	Signatures []Signature
}

// node is an element of a parsed part.
type node struct {
	name     xml.Name
	attr     map[string]string
	children []*node
	text     string
}

func (n *node) child(local string) *node {
	for _, c := range n.children {
		if c.name.Local == local {
			return c
		}
	}
	return nil
}

func (n *node) all(local string) []*node {
	var out []*node
	for _, c := range n.children {
		if c.name.Local == local {
			out = append(out, c)
		}
	}
	return out
}

// parse reads a part into a tree, refusing elements outside the namespace.
func parse(name string, b []byte) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	var stack []*node
	var root *node
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space != NS {
				return nil, fmt.Errorf("%s: element %s is not in the OFD namespace (%q)", name, t.Name.Local, t.Name.Space)
			}
			n := &node{name: t.Name, attr: map[string]string{}}
			for _, a := range t.Attr {
				if a.Name.Space == "" {
					n.attr[a.Name.Local] = a.Value
				}
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	if root == nil {
		return nil, fmt.Errorf("%s: no root element", name)
	}
	return root, nil
}

// reader carries the state of one Read.
type reader struct {
	pkg   *Package
	used  map[string]bool
	ids   map[int]string // ID → what holds it
	fonts map[int]bool
	media map[int]Image
	pages map[int]bool
	refs  []ref
}

type ref struct {
	kind string // "font", "media", "page"
	id   int
	at   string
}

// Read parses and checks a package.
func Read(b []byte) (*Package, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, fmt.Errorf("not a zip file: %v", err)
	}
	r := &reader{
		pkg:   &Package{Files: map[string][]byte{}, Info: map[string]string{}, Fonts: map[int]Font{}},
		used:  map[string]bool{},
		ids:   map[int]string{},
		fonts: map[int]bool{},
		media: map[int]Image{},
		pages: map[int]bool{},
	}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		if _, dup := r.pkg.Files[f.Name]; dup {
			return nil, fmt.Errorf("%s is in the package twice", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.Name, err)
		}
		r.pkg.Files[f.Name] = data
	}
	if err := r.read(); err != nil {
		return nil, err
	}
	for _, rf := range r.refs {
		ok := false
		switch rf.kind {
		case "font":
			ok = r.fonts[rf.id]
		case "media":
			_, ok = r.media[rf.id]
		case "page":
			ok = r.pages[rf.id]
		}
		if !ok {
			return nil, fmt.Errorf("%s refers to %s %d, which does not exist", rf.at, rf.kind, rf.id)
		}
	}
	for id, at := range r.ids {
		if id > r.pkg.MaxID {
			return nil, fmt.Errorf("%s has ID %d, above MaxUnitID %d", at, id, r.pkg.MaxID)
		}
	}
	var unused []string
	for name := range r.pkg.Files {
		if !r.used[name] {
			unused = append(unused, name)
		}
	}
	if len(unused) > 0 {
		sort.Strings(unused)
		return nil, fmt.Errorf("files nothing refers to: %s", strings.Join(unused, ", "))
	}
	return r.pkg, nil
}

// load returns a part by its path in the package, parsed.
func (r *reader) load(name string) (*node, error) {
	b, ok := r.pkg.Files[name]
	if !ok {
		return nil, fmt.Errorf("%s is missing from the package", name)
	}
	r.used[name] = true
	return parse(name, b)
}

// resolve is an ST_Loc: absolute from the package root when it starts with
// "/", else relative to the folder dir.
func resolve(dir, loc string) string {
	if strings.HasPrefix(loc, "/") {
		return path.Clean(strings.TrimPrefix(loc, "/"))
	}
	return path.Clean(path.Join(dir, loc))
}

// id registers an object's ID.
func (r *reader) id(n *node, at string) (int, error) {
	v, ok := n.attr["ID"]
	if !ok {
		return 0, fmt.Errorf("%s: %s has no ID", at, n.name.Local)
	}
	id, err := strconv.Atoi(v)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%s: %s ID %q is not a positive integer", at, n.name.Local, v)
	}
	if prev, dup := r.ids[id]; dup {
		return 0, fmt.Errorf("%s: ID %d is used again (first by %s)", at, id, prev)
	}
	r.ids[id] = at + " " + n.name.Local
	return id, nil
}

func (r *reader) read() error {
	root, err := r.load("OFD.xml")
	if err != nil {
		return err
	}
	if root.name.Local != "OFD" || root.attr["Version"] != "1.0" || root.attr["DocType"] != "OFD" {
		return fmt.Errorf("OFD.xml: root %s Version=%q DocType=%q, want OFD 1.0 OFD", root.name.Local, root.attr["Version"], root.attr["DocType"])
	}
	body := root.child("DocBody")
	if body == nil || body.child("DocInfo") == nil || body.child("DocRoot") == nil {
		return fmt.Errorf("OFD.xml: no DocBody with DocInfo and DocRoot")
	}
	for _, c := range body.child("DocInfo").children {
		switch c.name.Local {
		case "Keywords":
			for _, k := range c.all("Keyword") {
				r.pkg.Keywords = append(r.pkg.Keywords, k.text)
			}
		case "CustomDatas":
			for _, k := range c.all("CustomData") {
				r.pkg.Custom = append(r.pkg.Custom, [2]string{k.attr["Name"], k.text})
			}
		default:
			r.pkg.Info[c.name.Local] = c.text
		}
	}
	docPath := resolve("", strings.TrimSpace(body.child("DocRoot").text))
	doc, err := r.load(docPath)
	if err != nil {
		return err
	}
	dir := path.Dir(docPath)
	common := doc.child("CommonData")
	if common == nil || common.child("MaxUnitID") == nil || common.child("PageArea") == nil {
		return fmt.Errorf("%s: CommonData without MaxUnitID or PageArea", docPath)
	}
	if r.pkg.MaxID, err = strconv.Atoi(strings.TrimSpace(common.child("MaxUnitID").text)); err != nil {
		return fmt.Errorf("%s: MaxUnitID: %v", docPath, err)
	}
	defBox, err := physicalBox(common.child("PageArea"), docPath)
	if err != nil {
		return err
	}
	for _, c := range common.children {
		if c.name.Local == "PublicRes" || c.name.Local == "DocumentRes" {
			if err := r.res(resolve(dir, strings.TrimSpace(c.text))); err != nil {
				return err
			}
		}
	}
	pages := doc.child("Pages")
	if pages == nil {
		return fmt.Errorf("%s: no Pages", docPath)
	}
	for _, p := range pages.all("Page") {
		id, err := r.id(p, docPath)
		if err != nil {
			return err
		}
		r.pages[id] = true
		pg, err := r.page(resolve(dir, p.attr["BaseLoc"]), defBox)
		if err != nil {
			return err
		}
		pg.ID = id
		r.pkg.Pages = append(r.pkg.Pages, pg)
	}
	if o := doc.child("Outlines"); o != nil {
		if err := r.outline(o, 0, docPath); err != nil {
			return err
		}
	}
	if s := body.child("Signatures"); s != nil {
		return r.signatures(strings.TrimSpace(s.text))
	}
	return nil
}

// physicalBox reads an area's PhysicalBox, which must start at 0 0.
func physicalBox(area *node, at string) ([4]float64, error) {
	pb := area.child("PhysicalBox")
	if pb == nil {
		return [4]float64{}, fmt.Errorf("%s: an area without PhysicalBox", at)
	}
	v, err := numbers(pb.text, 4)
	if err != nil {
		return [4]float64{}, fmt.Errorf("%s: PhysicalBox: %v", at, err)
	}
	return [4]float64{v[0], v[1], v[2], v[3]}, nil
}

// numbers parses n space-separated numbers (any n when n < 0).
func numbers(s string, n int) ([]float64, error) {
	f := strings.Fields(s)
	if n >= 0 && len(f) != n {
		return nil, fmt.Errorf("%q: want %d numbers", s, n)
	}
	out := make([]float64, len(f))
	for i, x := range f {
		v, err := strconv.ParseFloat(x, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%q: %q is not a number", s, x)
		}
		out[i] = v
	}
	return out, nil
}

// res reads a resource file: fonts and multimedia, their files under the
// resource's BaseLoc.
func (r *reader) res(name string) error {
	n, err := r.load(name)
	if err != nil {
		return err
	}
	if n.name.Local != "Res" {
		return fmt.Errorf("%s: root is %s, not Res", name, n.name.Local)
	}
	base := resolve(path.Dir(name), n.attr["BaseLoc"])
	file := func(e *node, child string) (string, error) {
		c := e.child(child)
		if c == nil {
			return "", fmt.Errorf("%s: %s without %s", name, e.name.Local, child)
		}
		p := resolve(base, strings.TrimSpace(c.text))
		if _, ok := r.pkg.Files[p]; !ok {
			return "", fmt.Errorf("%s: %s %s is missing from the package", name, child, p)
		}
		r.used[p] = true
		return p, nil
	}
	for _, group := range n.children {
		for _, e := range group.children {
			id, err := r.id(e, name)
			if err != nil {
				return err
			}
			switch e.name.Local {
			case "Font":
				p, err := file(e, "FontFile")
				if err != nil {
					return err
				}
				if e.attr["FontName"] == "" {
					return fmt.Errorf("%s: font %d has no FontName", name, id)
				}
				r.fonts[id] = true
				r.pkg.Fonts[id] = Font{ID: id, FontName: e.attr["FontName"], Family: e.attr["FamilyName"], File: p}
			case "MultiMedia":
				p, err := file(e, "MediaFile")
				if err != nil {
					return err
				}
				r.media[id] = Image{File: p, Format: e.attr["Format"]}
			default:
				return fmt.Errorf("%s: unexpected resource %s", name, e.name.Local)
			}
		}
	}
	return nil
}

// matrix is a CTM: x' = a·x + c·y + e, y' = b·x + d·y + f.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// placement reads a graphic unit's Boundary and CTM: the map from its own
// space to the page.
func placement(n *node, at string) (matrix, error) {
	bv, err := numbers(n.attr["Boundary"], 4)
	if err != nil {
		return matrix{}, fmt.Errorf("%s: %s Boundary: %v", at, n.name.Local, err)
	}
	m := identity
	if c, ok := n.attr["CTM"]; ok {
		v, err := numbers(c, 6)
		if err != nil {
			return matrix{}, fmt.Errorf("%s: CTM: %v", at, err)
		}
		copy(m[:], v)
	}
	m[4] += bv[0]
	m[5] += bv[1]
	return m, nil
}

func colour(n *node, at string) ([3]int, error) {
	if n == nil {
		return [3]int{}, nil
	}
	f := strings.Fields(n.attr["Value"])
	var c [3]int
	if len(f) != 3 {
		return c, fmt.Errorf("%s: colour %q is not three components", at, n.attr["Value"])
	}
	for i, x := range f {
		v, err := strconv.Atoi(x)
		if err != nil || v < 0 || v > 255 {
			return c, fmt.Errorf("%s: colour %q", at, n.attr["Value"])
		}
		c[i] = v
	}
	return c, nil
}

// page reads a page's content: every layer's objects in order.
func (r *reader) page(name string, def [4]float64) (Page, error) {
	n, err := r.load(name)
	if err != nil {
		return Page{}, err
	}
	box := def
	if a := n.child("Area"); a != nil {
		if box, err = physicalBox(a, name); err != nil {
			return Page{}, err
		}
	}
	pg := Page{Width: box[2], Height: box[3]}
	content := n.child("Content")
	if content == nil {
		return pg, nil
	}
	for _, layer := range content.all("Layer") {
		if _, err := r.id(layer, name); err != nil {
			return Page{}, err
		}
		for _, o := range layer.children {
			if _, err := r.id(o, name); err != nil {
				return Page{}, err
			}
			m, err := placement(o, name)
			if err != nil {
				return Page{}, err
			}
			switch o.name.Local {
			case "TextObject":
				gs, err := r.text(o, m, name)
				if err != nil {
					return Page{}, err
				}
				pg.Glyphs = append(pg.Glyphs, gs...)
			case "PathObject":
				p, err := pathOf(o, m, name)
				if err != nil {
					return Page{}, err
				}
				pg.Paths = append(pg.Paths, p)
			case "ImageObject":
				id, err := strconv.Atoi(o.attr["ResourceID"])
				if err != nil {
					return Page{}, fmt.Errorf("%s: ResourceID %q", name, o.attr["ResourceID"])
				}
				r.refs = append(r.refs, ref{"media", id, name})
				// The unit square through the CTM and the boundary's origin.
				x0, y0 := m.apply(0, 0)
				x1, y1 := m.apply(1, 1)
				im := Image{X: min(x0, x1), Y: min(y0, y1), W: math.Abs(x1 - x0), H: math.Abs(y1 - y0)}
				if mm, ok := r.media[id]; ok {
					im.File, im.Format = mm.File, mm.Format
				}
				pg.Images = append(pg.Images, im)
			default:
				return Page{}, fmt.Errorf("%s: unexpected object %s", name, o.name.Local)
			}
		}
	}
	return pg, nil
}

// text reads a TextObject's glyphs (clause 11.3): each TextCode's first
// glyph at X, Y, each next one DeltaX further; a TextCode without X or Y
// continues from the previous one.
func (r *reader) text(o *node, m matrix, at string) ([]Glyph, error) {
	font, err := strconv.Atoi(o.attr["Font"])
	if err != nil {
		return nil, fmt.Errorf("%s: Font %q", at, o.attr["Font"])
	}
	r.refs = append(r.refs, ref{"font", font, at})
	size, err := strconv.ParseFloat(o.attr["Size"], 64)
	if err != nil || size <= 0 {
		return nil, fmt.Errorf("%s: Size %q", at, o.attr["Size"])
	}
	c, err := colour(o.child("FillColor"), at)
	if err != nil {
		return nil, err
	}
	turn := math.Round(math.Atan2(-m[1], m[0])*180/math.Pi*1e6) / 1e6
	var out []Glyph
	x, y := 0.0, 0.0
	for _, tc := range o.all("TextCode") {
		if v, ok := tc.attr["X"]; ok {
			if x, err = strconv.ParseFloat(v, 64); err != nil {
				return nil, fmt.Errorf("%s: TextCode X %q", at, v)
			}
		}
		if v, ok := tc.attr["Y"]; ok {
			if y, err = strconv.ParseFloat(v, 64); err != nil {
				return nil, fmt.Errorf("%s: TextCode Y %q", at, v)
			}
		}
		dx, err := deltas(tc.attr["DeltaX"])
		if err != nil {
			return nil, fmt.Errorf("%s: DeltaX: %v", at, err)
		}
		rs := []rune(tc.text)
		if len(dx) > 0 && len(dx) < len(rs)-1 {
			return nil, fmt.Errorf("%s: %d DeltaX values for %d glyphs", at, len(dx), len(rs))
		}
		for i, ch := range rs {
			if i > 0 && len(dx) > 0 {
				x += dx[i-1]
			}
			px, py := m.apply(x, y)
			out = append(out, Glyph{Rune: ch, X: px, Y: py, Size: size, Font: font, Color: c, Turn: turn})
		}
	}
	return out, nil
}

// deltas reads an ST_Array of DeltaX values with "g N d" repeats.
func deltas(s string) ([]float64, error) {
	f := strings.Fields(s)
	var out []float64
	for i := 0; i < len(f); i++ {
		if f[i] == "g" {
			if i+2 >= len(f) {
				return nil, fmt.Errorf("%q: g without a count and a value", s)
			}
			n, err := strconv.Atoi(f[i+1])
			v, err2 := strconv.ParseFloat(f[i+2], 64)
			if err != nil || err2 != nil || n <= 0 {
				return nil, fmt.Errorf("%q: bad repeat g %s %s", s, f[i+1], f[i+2])
			}
			for range n {
				out = append(out, v)
			}
			i += 2
			continue
		}
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return nil, fmt.Errorf("%q: %q is not a number", s, f[i])
		}
		out = append(out, v)
	}
	return out, nil
}

// pathOf reads a PathObject of moves and lines (the only commands this
// reader knows; others fail).
func pathOf(o *node, m matrix, at string) (Path, error) {
	c, err := colour(o.child("StrokeColor"), at)
	if err != nil {
		return Path{}, err
	}
	w := 0.353 // the schema's default LineWidth
	if v, ok := o.attr["LineWidth"]; ok {
		if w, err = strconv.ParseFloat(v, 64); err != nil {
			return Path{}, fmt.Errorf("%s: LineWidth %q", at, v)
		}
	}
	d := o.child("AbbreviatedData")
	if d == nil {
		return Path{}, fmt.Errorf("%s: PathObject without AbbreviatedData", at)
	}
	f := strings.Fields(d.text)
	p := Path{Width: w, Color: c}
	for i := 0; i < len(f); {
		switch f[i] {
		case "M", "S", "L":
			if i+2 >= len(f) {
				return Path{}, fmt.Errorf("%s: %q: short", at, d.text)
			}
			v, err := numbers(f[i+1]+" "+f[i+2], 2)
			if err != nil {
				return Path{}, fmt.Errorf("%s: %v", at, err)
			}
			x, y := m.apply(v[0], v[1])
			p.Points = append(p.Points, Point{x, y})
			i += 3
		default:
			return Path{}, fmt.Errorf("%s: path command %q not read", at, f[i])
		}
	}
	return p, nil
}

// outline flattens the Outlines, checking each destination's page.
func (r *reader) outline(n *node, level int, at string) error {
	for _, e := range n.all("OutlineElem") {
		item := OutlineItem{Title: e.attr["Title"], Level: level}
		if a := e.child("Actions"); a != nil {
			for _, act := range a.all("Action") {
				if g := act.child("Goto"); g != nil && g.child("Dest") != nil {
					dst := g.child("Dest")
					id, err := strconv.Atoi(dst.attr["PageID"])
					if err != nil {
						return fmt.Errorf("%s: Dest PageID %q", at, dst.attr["PageID"])
					}
					r.refs = append(r.refs, ref{"page", id, at + " outline " + item.Title})
					item.PageID = id
					item.Top, _ = strconv.ParseFloat(dst.attr["Top"], 64)
				}
			}
		}
		r.pkg.Outline = append(r.pkg.Outline, item)
		if err := r.outline(e, level+1, at); err != nil {
			return err
		}
	}
	return nil
}

// Text is a page's characters in the order of its TextCodes.
func (p Page) Text() string {
	rs := make([]rune, len(p.Glyphs))
	for i, g := range p.Glyphs {
		rs[i] = g.Rune
	}
	return string(rs)
}
