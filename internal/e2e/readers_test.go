package e2e

// What readers nobody here wrote get from the samples (issue 21, item 9):
// poppler's pdftotext and pdftohtml, and pypdf (Debian's python3-pypdf).

import (
	"encoding/json"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// debianPython is the interpreter python3-pypdf installs for; a python3
// earlier on PATH (pyenv's) may not have the module.
const debianPython = "/usr/bin/python3"

// runPypdf runs a Python script with pypdf imported and the PDF as
// sys.argv[1]; it fails the test, never skips it, when pypdf is missing.
func runPypdf(t *testing.T, pdf, script string) []byte {
	t.Helper()
	out, err := exec.Command(debianPython, "-c", "import sys, json, pypdf\n"+script, pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("pypdf on %s: %v\n%s\n(run `make test`, which installs python3-pypdf)", pdf, err, out)
	}
	return out
}

// rawText is `pdftotext -raw`: the text in the order the content draws it.
func rawText(t *testing.T, pdf string, page int) []string {
	t.Helper()
	n := strconv.Itoa(page)
	out, err := exec.Command("pdftotext", "-raw", "-enc", "UTF-8", "-f", n, "-l", n, pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -raw %s: %v", pdf, err)
	}
	return strings.Split(strings.TrimSpace(strings.ReplaceAll(string(out), "\f", "")), "\n")
}

func TestUpwardNumberLineReadsAsPrinted(t *testing.T) {
	s := theSample(t, "sample-upward")
	lines := rawText(t, s.pdf, 1)
	want := "示府〔2025〕5号 签发人：王明 李华"
	for _, l := range lines {
		if strings.Contains(l, "签发人") {
			if l != want {
				t.Errorf("pdftotext -raw reads the 发文字号 line %q, want %q", l, want)
			}
			return
		}
	}
	t.Fatalf("no 签发人 in %q", lines)
}

func TestJointMarkNamesReadAsWords(t *testing.T) {
	s := theSample(t, "sample-joint")
	got := strings.Join(rawText(t, s.pdf, 1)[:3], "|")
	if want := "示例市教育局|示例市财政局 文件|示例市人力资源和社会保障局"; got != want {
		t.Errorf("pdftotext -raw reads the 标志 %q, want %q", got, want)
	}
	title := strings.TrimSpace(string(runPypdf(t, s.pdf, `print(pypdf.PdfReader(sys.argv[1]).metadata.title)`)))
	if want := "示例市教育局　示例市财政局　示例市人力资源和社会保障局关于做好2025年乡村教师生活补助发放工作的通知"; title != want {
		t.Errorf("the metadata title is %q, want %q", title, want)
	}
}

// TestSampleBookmarksReadInEveryReader reads sample-file's outline with
// poppler and pypdf: the titles in Chinese, and 附件3's /Count minus its
// four children (closed, its grandchildren are not counted).
func TestSampleBookmarksReadInEveryReader(t *testing.T) {
	s := theSample(t, "sample-file")
	out, err := exec.Command("pdftohtml", "-xml", "-stdout", "-i", "-q", s.pdf).Output()
	if err != nil {
		t.Fatalf("pdftohtml -xml: %v", err)
	}
	var poppler []string
	for _, m := range regexp.MustCompile(`<item page="\d+">([^<]*)</item>`).FindAllSubmatch(out, -1) {
		poppler = append(poppler, string(m[1]))
	}
	var items []struct {
		Title string
		Count *int
	}
	b := runPypdf(t, s.pdf, `
out = []
def walk(o):
    for x in o:
        if isinstance(x, list):
            walk(x)
        else:
            out.append({"Title": x.title, "Count": x.get("/Count")})
walk(pypdf.PdfReader(sys.argv[1]).outline)
print(json.dumps(out))`)
	if err := json.Unmarshal(b, &items); err != nil {
		t.Fatalf("pypdf's outline %s: %v", b, err)
	}
	if len(items) != len(poppler) || len(items) < 10 {
		t.Fatalf("pypdf reads %d bookmarks, poppler %d", len(items), len(poppler))
	}
	found := false
	for i, it := range items {
		if it.Title != poppler[i] {
			t.Errorf("bookmark %d: pypdf %q, poppler %q", i, it.Title, poppler[i])
		}
		if !regexp.MustCompile(`\p{Han}`).MatchString(it.Title) {
			t.Errorf("bookmark %d reads %q: no Chinese", i, it.Title)
		}
		if strings.HasPrefix(it.Title, "附件3") {
			found = true
			if it.Count == nil || *it.Count != -4 {
				t.Errorf("%q has /Count %v, want -4", it.Title, it.Count)
			}
		}
	}
	if !found {
		t.Error("no bookmark 附件3")
	}
}
