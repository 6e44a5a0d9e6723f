package layout

import (
	"math"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"gongwen/internal/format"
)

// gridFont is a font whose ideographs and full-width marks advance 1 em and
// whose ASCII advances 0.5 em; it lacks 'X', '\u3400' and U+2A6DF (it has
// the characters above the BMP but that one).
type gridFont struct{}

func (gridFont) Advance(r rune) float64 {
	if r < 0x80 {
		return 0.5
	}
	return 1
}
func (gridFont) Has(r rune) bool { return r != 'X' && r != '\u3400' && r != '\U0002A6DF' }
func (gridFont) Name() string    { return "grid.ttf" }

// cell is one full-width character of the test style (10 pt) in mm.
var cell = format.MM(10)

// para is a paragraph of the test style whose marks may give up a quarter
// of their advance.
func para(text string, cells float64) Para {
	return Para{
		Spans:  []Span{{Text: text, Style: format.Style{Role: format.FangSong, Size: 10}, Font: gridFont{}}},
		Width:  cells * cell,
		Shrink: 0.25,
	}
}

func lineText(l Line) string {
	var b strings.Builder
	for _, g := range l.Glyphs {
		b.WriteRune(g.R)
	}
	return b.String()
}

func texts(ls []Line) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = lineText(l)
	}
	return out
}

var numberRun = regexp.MustCompile(`[0-9][0-9.%]*$`)
var numberStart = regexp.MustCompile(`^[0-9.%]`)

// checkInvariants asserts what every broken paragraph must satisfy.
func checkInvariants(t *testing.T, p Para, lines []Line) {
	t.Helper()
	var all strings.Builder
	for i, l := range lines {
		s := lineText(l)
		all.WriteString(s)
		rs := []rune(s)
		if len(rs) == 0 {
			t.Errorf("line %d is empty", i+1)
			continue
		}
		if i > 0 && in(closing, rs[0]) {
			t.Errorf("line %d %q starts with the closing mark %q", i+1, s, rs[0])
		}
		if i < len(lines)-1 && in(opening, rs[len(rs)-1]) {
			t.Errorf("line %d %q ends with the opening mark %q", i+1, s, rs[len(rs)-1])
		}
		if i < len(lines)-1 {
			next := lineText(lines[i+1])
			if numberRun.MatchString(s) && numberStart.MatchString(next) {
				t.Errorf("a number is split between line %d %q and line %d %q", i+1, s, i+2, next)
			}
			if strings.HasSuffix(s, "…") && strings.HasPrefix(next, "…") || strings.HasSuffix(s, "—") && strings.HasPrefix(next, "—") {
				t.Errorf("a doubled mark is split between %q and %q", s, next)
			}
		}
		for _, g := range l.Glyphs {
			if g.X < -1e-9 || g.X+g.Adv > p.Width+1e-9 {
				t.Errorf("line %d: %q at %.3f+%.3f outside the measure %.3f", i+1, g.R, g.X, g.Adv, p.Width)
			}
		}
		if !p.Ragged && i < len(lines)-1 && math.Abs(l.Width-p.Width) > 1e-9 {
			t.Errorf("line %d %q is %.6f mm wide, not justified to %.6f", i+1, s, l.Width, p.Width)
		}
	}
	want := strings.ReplaceAll(collect(p), " ", "")
	if got := strings.ReplaceAll(all.String(), " ", ""); got != want {
		t.Errorf("text changed:\n got %q\nwant %q", got, want)
	}
}

func collect(p Para) string {
	var b strings.Builder
	for _, s := range p.Spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

func TestBreakKeepsEachPunctuationRule(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		cells float64
		want  []string // nil: check the invariants only
	}{
		{"closing mark is pushed down with the character before it", "一二三四五，六七", 5, []string{"一二三四", "五，六七"}},
		{"closing mark is pulled up by compressing the line's punctuation", "一，二，三，四五", 5.5, []string{"一，二，三，", "四五"}},
		{"compression never pulls up a character that could start the next line", "一，二，三四五六七八", 5.5, []string{"一，二，三", "四五六七八"}},
		{"closing mark pushed down when compression cannot make room", "一，二，三四，五六", 5, []string{"一，二，三", "四，五六"}},
		{"opening mark never ends a line", "一二三四（五）六", 5, []string{"一二三四", "（五）六"}},
		{"a character above the BMP is an ideograph: one cell, a break on either side", "𠀀𠀀𠀀𠀀𠀀𠀀𠀀", 5, []string{"𠀀𠀀𠀀𠀀𠀀", "𠀀𠀀"}},
		{"a character above the BMP goes down with its closing mark", "一二三四𠀀，六", 5, []string{"一二三四", "𠀀，六"}},
		{"an opening mark goes down with a character above the BMP", "一二三四（𪛖）", 5, []string{"一二三四", "（𪛖）"}},
		{"opening quote goes down with its word", "一二三四“五六”七", 5, []string{"一二三四", "“五六”七"}},
		{"consecutive closing marks stay with the character", "一二三四五。”六", 5, []string{"一二三四", "五。”六"}},
		{"a number is never split", "一二三2024年", 5, []string{"一二三", "2024年"}},
		{"a percentage is never split", "合格率99.9%。一二三", 5, []string{"合格率", "99.9%。一", "二三"}},
		{"an ellipsis is never split", "一二三四……五六", 5, []string{"一二三", "四……五六"}},
		{"a dash is never split", "一二三四——五六", 5, []string{"一二三", "四——五六"}},
		{"a lone last character takes company", "一二三四五六", 5, []string{"一二三四", "五六"}},
		{"half-width digits take their own width", "12345678一二", 5, []string{"12345678一", "二"}},
		{"long paragraph", strings.Repeat("根据《通知》（国办秘函〔2019〕19号）工作要求，省政府办公厅近期组织检查评估。", 5), 28, nil},
		{"narrow cell", "“四川省人民政府国防动员办公室”网", 7, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := para(c.text, c.cells)
			lines, missing := Break(p)
			if len(missing) > 0 {
				t.Fatalf("missing glyphs %v", missing)
			}
			checkInvariants(t, p, lines)
			if c.want != nil {
				if got := texts(lines); strings.Join(got, "|") != strings.Join(c.want, "|") {
					t.Errorf("lines %q, want %q", got, c.want)
				}
			}
		})
	}
}

func TestBreakJustifiesEveryLineButTheLastToTheMeasure(t *testing.T) {
	for _, cells := range []float64{5, 7.5, 13, 28} {
		p := para(strings.Repeat("内容形式丰富多样，企业群众获取信息方便快捷。“四川国资”12345号", 6), cells)
		lines, _ := Break(p)
		if len(lines) < 3 {
			t.Fatalf("%v cells: only %d lines", cells, len(lines))
		}
		checkInvariants(t, p, lines)
		last := lines[len(lines)-1]
		if last.Width > p.Width+1e-9 {
			t.Errorf("%v cells: last line %.3f overflows %.3f", cells, last.Width, p.Width)
		}
	}
}

func TestBreakIndentsTheFirstLineAndHangsTheRest(t *testing.T) {
	p := para(strings.Repeat("一二三四五六七八九十", 3), 10)
	p.FirstIndent, p.Indent = 2*cell, 1*cell
	lines, _ := Break(p)
	if got := lines[0].Glyphs[0].X; math.Abs(got-2*cell) > 1e-9 {
		t.Errorf("first line starts at %.3f, want %.3f", got, 2*cell)
	}
	if got := lines[1].Glyphs[0].X; math.Abs(got-cell) > 1e-9 {
		t.Errorf("second line starts at %.3f, want %.3f", got, cell)
	}
	if n := len(lines[0].Glyphs); n != 8 {
		t.Errorf("first line holds %d characters, want 8", n)
	}
}

func TestBreakSqueezesFullWidthCharactersOntoTheGrid(t *testing.T) {
	// 28 characters of 16 pt on 156 mm: GB/T 9704-2012 5.2.3.
	f := format.Letter()
	p := Para{
		Spans:   []Span{{Text: strings.Repeat("字", 56), Style: f.Body, Font: gridFont{}}},
		Width:   f.BodyWidth,
		Squeeze: f.CharPitch() / format.MM(f.Body.Size),
	}
	lines, _ := Break(p)
	if len(lines) != 2 || len(lines[0].Glyphs) != 28 {
		t.Fatalf("got %d lines, first of %d characters; want 2 lines of 28", len(lines), len(lines[0].Glyphs))
	}
	if d := lines[0].Glyphs[1].X - lines[0].Glyphs[0].X; math.Abs(d-f.CharPitch()) > 1e-9 {
		t.Errorf("pitch %.4f mm, want %.4f", d, f.CharPitch())
	}
}

func TestBreakMixesFontsWithinAParagraph(t *testing.T) {
	kai := format.Style{Role: format.KaiTi, Size: 10}
	fang := format.Style{Role: format.FangSong, Size: 10}
	p := Para{Spans: []Span{{Text: "（一）标题。", Style: kai, Font: gridFont{}}, {Text: "正文正文正文", Style: fang, Font: gridFont{}}}, Width: 5 * cell}
	lines, _ := Break(p)
	checkInvariants(t, p, lines)
	var styles []format.Role
	for _, l := range lines {
		for _, g := range l.Glyphs {
			styles = append(styles, g.Style.Role)
		}
	}
	for i, r := range styles {
		want := format.KaiTi
		if i >= 6 {
			want = format.FangSong
		}
		if r != want {
			t.Errorf("glyph %d set in %s, want %s", i, r, want)
		}
	}
}

func TestBreakCutsAWordWiderThanTheMeasure(t *testing.T) {
	p := para(strings.Repeat("9", 30), 5)
	lines, _ := Break(p)
	checkInvariantsExceptNumbers(t, p, lines)
	if len(lines) != 3 {
		t.Errorf("got %d lines %q, want 3 of 10 digits", len(lines), texts(lines))
	}
}

func checkInvariantsExceptNumbers(t *testing.T, p Para, lines []Line) {
	t.Helper()
	for i, l := range lines {
		for _, g := range l.Glyphs {
			if g.X+g.Adv > p.Width+1e-9 {
				t.Errorf("line %d overflows: %.3f > %.3f", i+1, g.X+g.Adv, p.Width)
			}
		}
	}
}

func TestBreakReportsCharactersTheFontLacks(t *testing.T) {
	cases := []struct {
		text string
		want []rune
	}{
		{"一X二X", []rune{'X'}},
		{"一\U0002A6DF二\U00020000", []rune{'\U0002A6DF'}},
		{"一\u3400", []rune{'\u3400'}},
		{"一二", nil},
	}
	for _, c := range cases {
		_, missing := Break(para(c.text, 5))
		var got []rune
		for _, m := range missing {
			got = append(got, m.R)
		}
		if string(got) != string(c.want) {
			t.Errorf("%q: missing %q, want %q", c.text, string(got), string(c.want))
		}
	}
	_, missing := Break(para("一\U0002A6DF", 5))
	if msg := missing[0].Error(); msg != "character '\U0002A6DF' (U+2A6DF) is not in the 仿宋 font grid.ttf: use another character or point the role \"fangsong\" at a font that has it" {
		t.Errorf("message %q should name the character and say why", msg)
	}
}

func TestBreakHandlesEmptyAndSpaceOnlyText(t *testing.T) {
	for _, s := range []string{"", " ", "   "} {
		lines, _ := Break(para(s, 5))
		if len(lines) != 0 {
			t.Errorf("%q gave %d lines", s, len(lines))
		}
	}
}

// fill measures a line and a group joined with the sums it keeps of the
// line (lineSums.join) instead of measuring the whole line again
// (measureJoin): the numbers must be the same to the bit, for lines of
// spaces, opening and closing marks and words, grown atom by atom and by
// groups as fill grows them, and cut short as it starts a new line.
func TestLineSumsJoinAsMeasureJoin(t *testing.T) {
	rnd := rand.New(rand.NewPCG(8, 9))
	randomAtoms := func(n int) []atom {
		as := make([]atom, n)
		for i := range as {
			a := atom{w: rnd.Float64() * 5, cls: class(rnd.IntN(5))}
			if rnd.IntN(3) == 0 {
				a.shrink, a.shrinkLeft = a.w*0.18, rnd.IntN(2) == 0
			}
			as[i] = a
		}
		return as
	}
	var sums lineSums
	for round := range 300 {
		sums.reset()
		var line []atom
		for range 30 {
			b := randomAtoms(rnd.IntN(4))
			gotW, gotS := sums.join(line, b)
			wantW, wantS := measureJoin(line, b)
			if gotW != wantW || gotS != wantS {
				t.Fatalf("round %d, line %v + %v: join %v %v, measureJoin %v %v", round, line, b, gotW, gotS, wantW, wantS)
			}
			if rnd.IntN(8) == 0 {
				sums.reset()
				line = nil
				continue
			}
			line = append(line, b...)
		}
	}
}
