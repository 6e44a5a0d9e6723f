package pdf

// What readers nobody here wrote make of the file: poppler (pdftohtml,
// pdftotext) and pypdf (Debian's python3-pypdf) read the bookmarks'
// titles, their /Count, the dates and the text in the order it is printed.

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gongwen/internal/format"
	"gongwen/internal/layout"
)

// debianPython is Debian's interpreter, which python3-pypdf installs for;
// a python3 earlier on PATH (pyenv's) may lack the module.
const debianPython = "/usr/bin/python3"

// pypdf runs a Python script with pypdf imported and the PDF's path as
// sys.argv[1], and returns what it prints.
func pypdf(t *testing.T, pdf, script string) []byte {
	t.Helper()
	out, err := exec.Command(debianPython, "-c", "import sys, json, pypdf\n"+script, pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("pypdf: %v\n%s\n(run `make test`, which installs python3-pypdf)", err, out)
	}
	return out
}

// writeRendered renders pages into a file of the test's folder.
func writeRendered(t *testing.T, res *layout.Result) string {
	t.Helper()
	font, err := os.ReadFile(testFont)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	err = Render(&buf, res, Options{
		Font:    func(format.Role) (string, []byte) { return "FandolFang-Regular", font },
		Date:    day,
		Creator: "gongwen test",
	})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// textAt is a run of 16 pt characters one em apart from x, on baseline y.
func textAt(s string, x, y float64) layout.Text {
	var gs []layout.Glyph
	for i, r := range []rune(s) {
		gs = append(gs, layout.Glyph{R: r, X: x + float64(i)*format.MM(16), Adv: format.MM(16)})
	}
	return layout.Text{Style: format.Style{Role: format.FangSong, Size: 16, Color: format.Black}, Y: y, Glyphs: gs}
}

func TestBookmarksReadInChineseWithTheirCounts(t *testing.T) {
	marks := []layout.Mark{
		{Title: "一、总体情况", Y: 40},
		{Title: "附件3　方案（草案）\\", Y: 50},
		{Title: "一、适用范围", Level: 1, Y: 60},
		{Title: "二、组织体系", Level: 1, Y: 70},
		{Title: "（一）指挥机构", Level: 2, Y: 80},
		{Title: "（二）专业队伍", Level: 2, Y: 90},
		{Title: "三、应急响应", Level: 1, Y: 100},
		{Title: "(ASCII) title", Y: 110},
	}
	pdf := writeRendered(t, &layout.Result{Pages: []layout.Page{{
		Number: 1, Width: 210, Height: 297, Texts: []layout.Text{textAt("正文", 28, 50)}, Marks: marks,
	}}})

	// poppler: the outline as XML, each title an <item>.
	out, err := exec.Command("pdftohtml", "-xml", "-stdout", "-i", "-q", pdf).Output()
	if err != nil {
		t.Fatalf("pdftohtml -xml: %v", err)
	}
	var got []string
	for _, m := range regexp.MustCompile(`<item page="\d+">([^<]*)</item>`).FindAllSubmatch(out, -1) {
		got = append(got, strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`).Replace(string(m[1])))
	}
	var want []string
	for _, m := range marks {
		want = append(want, m.Title)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("poppler's outline\n%q\nwant\n%q", got, want)
	}

	// pypdf: each title with its depth and /Count.
	type item struct {
		Title string
		Depth int
		Count *int
	}
	var items []item
	b := pypdf(t, pdf, `
out = []
def walk(o, d):
    for x in o:
        if isinstance(x, list):
            walk(x, d + 1)
        else:
            out.append({"Title": x.title, "Depth": d, "Count": x.get("/Count")})
r = pypdf.PdfReader(sys.argv[1])
walk(r.outline, 0)
out.append({"Title": "root", "Depth": -1, "Count": r.trailer["/Root"]["/Outlines"].get("/Count")})
print(json.dumps(out))`)
	if err := json.Unmarshal(b, &items); err != nil {
		t.Fatalf("pypdf's outline %s: %v", b, err)
	}
	// A closed item counts the items it would show when opened: its
	// children, not their closed children's (PDF Reference, outline item
	// /Count); the root counts the top level; a leaf has none.
	counts := map[string]int{"一、总体情况": 0, "附件3　方案（草案）\\": -3, "二、组织体系": -2, "root": 3}
	for _, it := range items {
		c, ok := counts[it.Title]
		switch {
		case it.Count == nil && ok && c != 0, it.Count != nil && !ok, it.Count != nil && *it.Count != c:
			t.Errorf("%q has /Count %v, want %d", it.Title, it.Count, c)
		}
	}
	if len(items) != len(marks)+1 {
		t.Fatalf("pypdf reads %d bookmarks, want %d: %+v", len(items)-1, len(marks), items)
	}
	for i, m := range marks {
		if items[i].Title != m.Title || items[i].Depth != m.Level {
			t.Errorf("pypdf: bookmark %d is %q at depth %d, want %q at %d", i, items[i].Title, items[i].Depth, m.Title, m.Level)
		}
	}
}

func TestInfoDatesCarryAnOffsetEvenInUTC(t *testing.T) {
	pdf := writeRendered(t, &layout.Result{Pages: []layout.Page{{Number: 1, Width: 210, Height: 297, Texts: []layout.Text{textAt("正文", 28, 50)}}}})
	b := pypdf(t, pdf, `
r = pypdf.PdfReader(sys.argv[1])
print(r.metadata["/CreationDate"], r.metadata["/ModDate"])`)
	if got := strings.TrimSpace(string(b)); got != "D:20241226000000+00'00' D:20241226000000+00'00'" {
		t.Errorf("pypdf reads the dates %q, want D:20241226000000+00'00' twice", got)
	}
}

func TestSpreadTextReadsAsAWord(t *testing.T) {
	// A spread name reads as a word; lines read top to bottom (the layout
	// gives the texts in reading order: inReadingOrder).
	spreadName := textAt("示例市", 28, 40)
	for i := range spreadName.Glyphs {
		spreadName.Glyphs[i].X += float64(i) * 20
	}
	spreadName.Spread = true
	pdf := writeRendered(t, &layout.Result{Pages: []layout.Page{{
		Number: 1, Width: 210, Height: 297,
		Texts: []layout.Text{
			spreadName,
			textAt("示府〔二〇二五〕五号", 33, 80),
			textAt("签发人：王明", 120, 80),
			textAt("第二行", 28, 100),
		},
	}}})
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -raw: %v", err)
	}
	lines := strings.Fields(strings.ReplaceAll(string(out), "\f", ""))
	want := []string{"示例市", "示府〔二〇二五〕五号", "签发人：王明", "第二行"}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Errorf("pdftotext -raw reads %q, want %q", lines, want)
	}
}
