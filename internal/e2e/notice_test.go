package e2e

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/BurntSushi/toml"
	"github.com/golang/freetype/truetype"

	"gongwen/internal/build"
	"gongwen/internal/fonts"
	"gongwen/internal/pdfcheck"
)

// The sources of the reference notice, relative to this package's folder
// (where `go test` runs), and its correct text.
const (
	noticeSource = "../../data/chuan-ban-han-2024-114.toml"
	fontsConfig  = "../../fonts/fonts.toml"
	cleanText    = "testdata/notice-clean.txt"
)

// The numbers of ../shared/spec/gbt9704.md (GB/T 9704-2012 and the project's
// choices), written out here rather than read from the format package, so
// that a wrong value there shows up as a measured deviation. Lengths in mm
// from the page's top-left corner, sizes in pt.
const (
	mmPerPt = 25.4 / 72

	pageWidth, pageHeight = 210.0, 297.0

	// 版心: x 28–184, y 37–262.
	typeLeft, typeRight  = 28.0, 184.0
	typeTop, typeBottom  = 37.0, 262.0
	typeCentre           = (typeLeft + typeRight) / 2
	bodySize             = 16.0 // 三号
	bodyEm               = bodySize * mmPerPt
	bodyCell             = (typeRight - typeLeft) / 28          // one 字 of the grid: 5.5714
	linesPerPage         = 22                                   // a full page
	linePitch            = (typeBottom - typeTop - bodyEm) / 21 // 10.446
	emAscent             = 0.88                                 // baseline below the em box top, in em
	paragraphIndentChars = 2

	// 信函格式 header (clause 10.1).
	markTop        = 30.0
	markSize       = 36.0 // 小初
	markMaxWidth   = 170.0
	markRuleGap    = 4.0
	ruleLeft       = 21.0
	ruleRight      = 191.0
	ruleThick      = 0.75
	ruleThin       = 0.25
	ruleGap        = 0.5
	secondRuleTop  = 277.0
	numberGap      = bodyEm * 7 / 8 // 4.939
	titleSize      = 22.0           // 二号
	titleLinePitch = 35 * mmPerPt

	// Page numbers: 四号, em top 7 mm under the 版心, 1 字 of 四号 in.
	pageNumberSize   = 14.0
	pageNumberTop    = typeBottom + 7
	pageNumberIndent = pageNumberSize * mmPerPt

	// 署名 右空二字 and the date 2 字 right of it (no seal).
	signatureRightChars = 2
	dateShiftChars      = 2
)

// red and black are the RGB components mutool reports, 0..1.
var (
	red   = [3]float64{1, 0, 0}
	black = [3]float64{0, 0, 0}
)

// noticeData is what the tests read from the notice's TOML.
type noticeData struct {
	Issuer     string    `toml:"issuer"`
	Title      []string  `toml:"title"`
	Recipients string    `toml:"recipients"`
	Signature  string    `toml:"signature"`
	Date       time.Time `toml:"date"`
	Number     struct {
		Agency string `toml:"agency"`
		Year   int    `toml:"year"`
		Serial int    `toml:"serial"`
	} `toml:"number"`
	Meta struct {
		Subject  string   `toml:"subject"`
		Keywords []string `toml:"keywords"`
	} `toml:"meta"`
	Attachments []struct {
		Title string `toml:"title"`
	} `toml:"attachments"`
}

// DateText is the 成文日期 as printed: 2024年12月26日.
func (d noticeData) DateText() string {
	return fmt.Sprintf("%d年%d月%d日", d.Date.Year(), int(d.Date.Month()), d.Date.Day())
}

// NumberText is the 发文字号 as printed: 川办函〔2024〕114号.
func (d noticeData) NumberText() string {
	return fmt.Sprintf("%s〔%d〕%d号", d.Number.Agency, d.Number.Year, d.Number.Serial)
}

// kind is the element a paragraph of the expected text is.
type kind int

const (
	kindBody        kind = iota // a 正文 paragraph
	kindMark                    // 发文机关标志
	kindNumber                  // 发文字号
	kindTitle                   // 标题
	kindRecipients              // 主送机关
	kindHeading1                // 一、…
	kindHeading2                // （一）… run in: the heading sentence, then the paragraph
	kindAttachments             // 附件说明, one paragraph per item
	kindSignature               // 署名
	kindDate                    // 成文日期
)

var (
	heading1RE = regexp.MustCompile(`^[一二三四五六七八九十]+、`)
	heading2RE = regexp.MustCompile(`^（[一二三四五六七八九十]+）`)
	itemRE     = regexp.MustCompile(`^[0-9]+．`)
)

// line is one printed line: a page's glyphs that share a baseline.
type line struct {
	page   int
	glyphs []pdfcheck.Glyph
	text   string // the runes, whitespace removed
}

func newLine(page int, glyphs []pdfcheck.Glyph) line {
	return line{page: page, glyphs: glyphs, text: stripSpace(pdfcheck.LineText(glyphs))}
}

func (l line) first() pdfcheck.Glyph { return l.glyphs[0] }
func (l line) last() pdfcheck.Glyph  { return l.glyphs[len(l.glyphs)-1] }

// baseline is the first glyph's baseline.
func (l line) baseline() float64 { return l.first().Y }

// emTop and emBottom are the extremes of the glyphs' em boxes.
func (l line) emTop() float64 {
	top := math.Inf(1)
	for _, g := range l.glyphs {
		top = math.Min(top, emTop(g))
	}
	return top
}

func (l line) emBottom() float64 {
	bottom := math.Inf(-1)
	for _, g := range l.glyphs {
		bottom = math.Max(bottom, emBottom(g))
	}
	return bottom
}

// start is the first glyph's origin; end is where the last glyph's own
// advance ends.
func (l line) start() float64 { return l.first().X }
func (l line) end() float64   { return l.last().X + l.last().Adv }

// cellStart and cellEnd are the line's ends on the character grid.
func (l line) cellStart() float64 { return cellStart(l.first()) }
func (l line) cellEnd() float64   { return cellEnd(l.last()) }

func emTop(g pdfcheck.Glyph) float64    { return g.Y - emAscent*g.Size*mmPerPt }
func emBottom(g pdfcheck.Glyph) float64 { return emTop(g) + g.Size*mmPerPt }

// fullWidth tells a full-width character (advance one em) from a half-width
// digit or Latin letter.
func fullWidth(g pdfcheck.Glyph) bool { return g.Adv > 0.9*g.Size*mmPerPt }

// cell is the grid pitch a full-width glyph of g's size sits on: 156/28 mm
// for body text, its own em otherwise.
func cell(g pdfcheck.Glyph) float64 {
	if math.Abs(g.Size-bodySize) < 0.01 {
		return bodyCell
	}
	return g.Size * mmPerPt
}

// cellStart and cellEnd are the edges of the grid cell a glyph occupies: a
// full-width glyph is centred in its cell (its origin (em − cell)/2 left of
// the cell), a half-width one starts its cell and takes its own advance.
func cellStart(g pdfcheck.Glyph) float64 {
	if !fullWidth(g) {
		return g.X
	}
	return g.X + (g.Size*mmPerPt-cell(g))/2
}

func cellEnd(g pdfcheck.Glyph) float64 {
	if !fullWidth(g) {
		return g.X + g.Adv
	}
	return cellStart(g) + cell(g)
}

// placed is a printed line of the main text matched to the expected text.
type placed struct {
	line
	para  int  // index of its paragraph in notice.paras
	off   int  // rune offset of its first rune in that paragraph
	final bool // it ends its paragraph
}

// notice is the built reference notice and everything read from it.
type notice struct {
	pdf    string
	data   noticeData
	pages  []pdfcheck.Page // every page, annexes included
	main   int             // pages 1..main hold the main text, up to the 成文日期
	body   [][]line        // per main-text page: its lines above the 版心's bottom
	footer [][]line        // per main-text page: its lines below it (page numbers)
	texts  []string        // pdftotext -layout, per page
	paras  []string        // expected paragraphs up to the 成文日期, whitespace removed
	kinds  []kind          // the element each of paras is

	alignOnce sync.Once
	lines     []placed
	alignErr  error
}

// outDir holds the PDF the tests share; TestMain makes and removes it.
var outDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "gongwen-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	outDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var (
	fixtureOnce sync.Once
	fixture     *notice
	fixtureErr  error
)

// theNotice checks the tools, builds the notice the first time it is called
// in this test binary and returns what was read from it.
func theNotice(t *testing.T) *notice {
	t.Helper()
	pdfcheck.RequireTools(t)
	fixtureOnce.Do(func() {
		fixture, fixtureErr = loadNotice(filepath.Join(outDir, "notice.pdf"))
	})
	if fixtureErr != nil {
		t.Fatalf("building and reading the notice: %v", fixtureErr)
	}
	return fixture
}

func loadNotice(pdf string) (*notice, error) {
	n := &notice{pdf: pdf}
	if err := build.Build(noticeSource, pdf, build.Options{}); err != nil {
		return nil, fmt.Errorf("build.Build(%s): %v", noticeSource, err)
	}
	if _, err := toml.DecodeFile(noticeSource, &n.data); err != nil {
		return nil, fmt.Errorf("reading %s: %v", noticeSource, err)
	}
	var err error
	if n.pages, err = pdfcheck.Trace(pdf); err != nil {
		return nil, err
	}
	if n.texts, err = pdfcheck.PageTexts(pdf); err != nil {
		return nil, err
	}
	if len(n.texts) != len(n.pages) {
		return nil, fmt.Errorf("pdftotext gives %d pages, mutool %d", len(n.texts), len(n.pages))
	}
	if n.paras, err = expectedParagraphs(cleanText, n.data.DateText()); err != nil {
		return nil, err
	}
	n.kinds = classify(n.paras, n.data)

	// The main text ends on the page that prints the 成文日期 in body size.
	for i, p := range n.pages {
		var body, footer []line
		for _, glyphs := range pdfcheck.Lines(p) {
			l := newLine(p.Number, glyphs)
			if l.emTop() >= typeBottom {
				footer = append(footer, l)
			} else {
				body = append(body, l)
			}
		}
		n.body, n.footer = append(n.body, body), append(n.footer, footer)
		for _, l := range body {
			if l.text == n.data.DateText() && math.Abs(l.first().Size-bodySize) < 0.01 {
				n.main = i + 1
			}
		}
		if n.main > 0 {
			break
		}
	}
	if n.main == 0 {
		return nil, fmt.Errorf("no page of %s prints the 成文日期 %s", pdf, n.data.DateText())
	}
	return n, nil
}

// expectedParagraphs reads the correct text: one paragraph a line, from the
// first line down to and including the line that is the 成文日期, each with
// its whitespace removed.
func expectedParagraphs(path, date string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var paras []string
	for _, l := range strings.Split(string(b), "\n") {
		p := stripSpace(l)
		if p == "" {
			continue
		}
		paras = append(paras, p)
		if p == date {
			return paras, nil
		}
	}
	return nil, fmt.Errorf("%s has no line %q", path, date)
}

// classify names the element of each expected paragraph from its place and
// the data.
func classify(paras []string, d noticeData) []kind {
	kinds := make([]kind, len(paras))
	attachments := false
	for i, p := range paras {
		switch {
		case i == 0 && p == d.Issuer:
			kinds[i] = kindMark
		case p == d.NumberText():
			kinds[i] = kindNumber
		case p == strings.Join(d.Title, ""):
			kinds[i] = kindTitle
		case p == d.Recipients+"：":
			kinds[i] = kindRecipients
		case i == len(paras)-1 && p == d.DateText():
			kinds[i] = kindDate
		case i == len(paras)-2 && p == d.Signature:
			kinds[i] = kindSignature
		case strings.HasPrefix(p, "附件："), attachments && itemRE.MatchString(p):
			kinds[i] = kindAttachments
			attachments = true
		case heading1RE.MatchString(p):
			kinds[i] = kindHeading1
		case heading2RE.MatchString(p):
			kinds[i] = kindHeading2
		default:
			kinds[i] = kindBody
		}
	}
	return kinds
}

// placedLines matches every printed line of the main-text pages, top to
// bottom, to the expected paragraphs: each line must go on where the one
// before it stopped. It fails the test when the printed text leaves the
// expected one.
func (n *notice) placedLines(t *testing.T) []placed {
	t.Helper()
	n.alignOnce.Do(func() { n.lines, n.alignErr = n.align() })
	if n.alignErr != nil {
		t.Fatalf("matching the printed lines to %s: %v", cleanText, n.alignErr)
	}
	return n.lines
}

func (n *notice) align() ([]placed, error) {
	var out []placed
	para, off := 0, 0
	for _, lines := range n.body {
		for _, l := range lines {
			r := []rune(l.text)
			if para == len(n.paras) {
				return nil, fmt.Errorf("page %d: line %q comes after the 成文日期", l.page, l.text)
			}
			want := []rune(n.paras[para])[off:]
			if len(r) == 0 || len(r) > len(want) || string(want[:len(r)]) != l.text {
				return nil, fmt.Errorf("page %d: line %q does not go on with paragraph %d at %q",
					l.page, l.text, para+1, clip(string(want), 30))
			}
			p := placed{line: l, para: para, off: off, final: len(r) == len(want)}
			out = append(out, p)
			off += len(r)
			if p.final {
				para, off = para+1, 0
			}
		}
	}
	if para != len(n.paras) {
		return nil, fmt.Errorf("the main-text pages end before paragraph %d (%q) is done",
			para+1, clip(n.paras[para], 30))
	}
	return out, nil
}

// fontFiles reads fonts.toml: the font file of each typeface role (the
// first of its list), as a path from this package's folder.
func fontFiles(t *testing.T) map[string]string {
	t.Helper()
	cfg, err := fonts.ReadConfig(fontsConfig)
	if err != nil {
		t.Fatalf("reading %s: %v", fontsConfig, err)
	}
	files := map[string]string{}
	for role, fs := range cfg {
		files[string(role)] = fs[0]
	}
	return files
}

// postScriptNames caches the PostScript name (name ID 6) of each font file.
var postScriptNames sync.Map

func postScriptName(file string) string {
	if v, ok := postScriptNames.Load(file); ok {
		return v.(string)
	}
	name := ""
	if b, err := os.ReadFile(file); err == nil {
		if f, err := truetype.Parse(b); err == nil {
			name = f.Name(truetype.NameIDPostscriptName)
		}
	}
	postScriptNames.Store(file, name)
	return name
}

// subsetTag is the "ABCDEF+" a PDF puts before the name of a subset font.
var subsetTag = regexp.MustCompile(`^[A-Z]{6}\+`)

// fontIs tells whether the font name mutool reports (the PDF's BaseFont) is
// the font file's: its PostScript name after the subset tag.
func fontIs(pdfFont, file string) bool {
	if !subsetTag.MatchString(pdfFont) {
		return false
	}
	ps := postScriptName(file)
	return ps != "" && strings.EqualFold(subsetTag.ReplaceAllString(pdfFont, ""), ps)
}

func stripSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// clip shortens s to n runes for a message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func near(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

func sameColor(a, b [3]float64) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > 0.01 {
			return false
		}
	}
	return true
}

// limit stops a test from reporting more than max problems of one kind.
type limit struct {
	t     *testing.T
	max   int
	count int
}

func (l *limit) errorf(format string, args ...any) {
	l.t.Helper()
	l.count++
	if l.count <= l.max {
		l.t.Errorf(format, args...)
	}
}

func (l *limit) done() {
	l.t.Helper()
	if l.count > l.max {
		l.t.Errorf("… and %d more", l.count-l.max)
	}
}
