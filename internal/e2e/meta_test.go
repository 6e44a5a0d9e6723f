package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gongwen/internal/build"
	"gongwen/internal/pdfcheck"
)

// TestMetadataComesFromTheData checks the document information dictionary
// against the TOML: Title the 标题's lines joined, Author the 发文机关,
// Subject and Keywords those of [meta].
func TestMetadataComesFromTheData(t *testing.T) {
	n := theNotice(t)
	info, err := pdfcheck.Info(n.pdf)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ key, want string }{
		{"Title", strings.Join(n.data.Title, "")},
		{"Author", n.data.Issuer},
		{"Subject", n.data.Meta.Subject},
	} {
		if got := info[c.key]; got != c.want {
			t.Errorf("%s = %q, want %q", c.key, got, c.want)
		}
	}
	keywords := regexp.MustCompile(`\s*[,，;；]\s*`).Split(info["Keywords"], -1)
	if !slices.Equal(keywords, n.data.Meta.Keywords) {
		t.Errorf("Keywords = %q, want %q", info["Keywords"], n.data.Meta.Keywords)
	}
}

// outlineTargetRE reads the target of one line of `mutool show FILE
// outline`: the page and the top of the view, in pt from the page's top.
var outlineTargetRE = regexp.MustCompile(`#page=([0-9]+)&zoom=[^,]*,[^,]*,([-+0-9.eE]+)`)

// TestBookmarksFollowTheHeadings checks the outline: a bookmark for each
// first-level heading with the second-level ones nested under it, then one
// for each annex, "附件N　title", in order; each opens its page with the
// view's top within 1 mm of the heading's (or the 附件N label's) em top.
func TestBookmarksFollowTheHeadings(t *testing.T) {
	n := theNotice(t)
	type entry struct {
		depth int
		title string
	}
	want := []entry{
		{0, "一、总体情况"},
		{0, "二、工作成效"},
		{1, "（一）内容展示更加丰富"}, {1, "（二）服务能力持续提高"}, {1, "（三）运维管理规范有序"},
		{0, "三、存在问题"},
		{0, "四、下一步工作要求"},
		{1, "（一）持续提升数字化水平"}, {1, "（二）不断强化内容建设"}, {1, "（三）严格落实管理职责"}, {1, "（四）做好年报发布工作"},
	}
	for i, a := range n.data.Attachments {
		want = append(want, entry{0, fmt.Sprintf("附件%d\u3000%s", i+1, a.Title)})
	}

	out, err := exec.Command("mutool", "show", n.pdf, "outline").Output()
	if err != nil {
		t.Fatalf("mutool show %s outline: %v", n.pdf, err)
	}
	var got []entry
	var targets [][]string
	for _, l := range strings.Split(string(out), "\n") {
		q := strings.IndexByte(l, '"')
		if q < 0 {
			continue
		}
		title, err := strconv.Unquote(l[q : q+1+strings.IndexByte(l[q+1:], '"')+1])
		if err != nil {
			t.Fatalf("outline line %q: %v", l, err)
		}
		got = append(got, entry{strings.Count(l[:q], "\t") - 1, title})
		targets = append(targets, outlineTargetRE.FindStringSubmatch(l))
	}
	if !slices.Equal(got, want) {
		t.Fatalf("bookmarks (depth, title)\n%v\nwant\n%v", got, want)
	}
	tops := map[string]line{}
	for _, l := range n.placedLines(t) {
		if k := n.kinds[l.para]; (k == kindHeading1 || k == kindHeading2) && l.off == 0 {
			for _, w := range want {
				if strings.HasPrefix(l.text, w.title) {
					tops[w.title] = l.line
				}
			}
		}
	}
	for i, w := range want[len(want)-len(n.data.Attachments):] {
		for _, p := range n.pages {
			if ls := pdfcheck.Lines(p); len(ls) > 0 && pdfcheck.LineText(ls[0]) == fmt.Sprintf("附件%d", i+1) {
				tops[w.title] = newLine(p.Number, ls[0])
			}
		}
	}
	for i, w := range want {
		h, ok := tops[w.title]
		if !ok {
			t.Errorf("no printed heading or label for %q", w.title)
			continue
		}
		m := targets[i]
		if m == nil {
			t.Errorf("bookmark %q: no page and position in mutool's outline", w.title)
			continue
		}
		page, _ := strconv.Atoi(m[1])
		top, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			t.Errorf("bookmark %q: position %q: %v", w.title, m[2], err)
			continue
		}
		if page != h.page {
			t.Errorf("bookmark %q opens page %d, the heading is on page %d", w.title, page, h.page)
		}
		if top *= mmPerPt; !near(top, h.emTop(), 1) {
			t.Errorf("bookmark %q shows from y = %.3f mm, the heading's em top is at %.3f (±1)", w.title, top, h.emTop())
		}
	}
}

// TestBuildsAreByteIdentical builds the notice twice from the same sources
// into two folders and compares the PDFs byte for byte.
func TestBuildsAreByteIdentical(t *testing.T) {
	pdfcheck.RequireTools(t)
	var pdfs [2][]byte
	for i := range pdfs {
		out := filepath.Join(t.TempDir(), "notice.pdf")
		if err := build.Build(noticeSource, out, build.Options{}); err != nil {
			t.Fatalf("build %d: %v", i+1, err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		pdfs[i] = b
	}
	a, b := pdfs[0], pdfs[1]
	if bytes.Equal(a, b) {
		return
	}
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	show := func(p []byte) string { return strconv.Quote(string(p[i:min(len(p), i+40)])) }
	t.Errorf("the builds differ from byte %d on (%d and %d bytes): %s vs %s", i, len(a), len(b), show(a), show(b))
}
