package e2e

import (
	"bytes"
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

// TestBookmarksAreTheLevel1Headings checks the outline: one bookmark per
// level-1 heading, in order, each opening the heading's page with the view's
// top within 1 mm of the heading's em top.
func TestBookmarksAreTheLevel1Headings(t *testing.T) {
	n := theNotice(t)
	want := []string{"一、总体情况", "二、工作成效", "三、存在问题", "四、下一步工作要求"}
	titles, err := pdfcheck.Outline(n.pdf)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(titles, want) {
		t.Fatalf("bookmarks %q, want %q", titles, want)
	}

	out, err := exec.Command("mutool", "show", n.pdf, "outline").Output()
	if err != nil {
		t.Fatalf("mutool show %s outline: %v", n.pdf, err)
	}
	var targets [][]string
	for _, l := range strings.Split(string(out), "\n") {
		if strings.Contains(l, `"`) {
			targets = append(targets, outlineTargetRE.FindStringSubmatch(l))
		}
	}
	if len(targets) != len(want) {
		t.Fatalf("mutool lists %d bookmarks, want %d:\n%s", len(targets), len(want), out)
	}
	headings := map[string]placed{}
	for _, l := range n.placedLines(t) {
		if n.kinds[l.para] == kindHeading1 && l.final && l.off == 0 {
			headings[l.text] = l
		}
	}
	for i, title := range want {
		h, ok := headings[title]
		if !ok {
			t.Errorf("no printed heading %q", title)
			continue
		}
		m := targets[i]
		if m == nil {
			t.Errorf("bookmark %q: no page and position in mutool's outline", title)
			continue
		}
		page, _ := strconv.Atoi(m[1])
		top, err := strconv.ParseFloat(m[2], 64)
		if err != nil {
			t.Errorf("bookmark %q: position %q: %v", title, m[2], err)
			continue
		}
		if page != h.page {
			t.Errorf("bookmark %q opens page %d, the heading is on page %d", title, page, h.page)
		}
		if top *= mmPerPt; !near(top, h.emTop(), 1) {
			t.Errorf("bookmark %q shows from y = %.3f mm, the heading's em top is at %.3f (±1)", title, top, h.emTop())
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
