package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gongwen/internal/archive"
	"gongwen/internal/source"
)

const sampleFile = "../../data/sample-file.toml"

// sampleFileInputs are the files a build of the 文件格式 sample reads
// (besides its fonts), from this package's folder.
var sampleFileInputs = []string{
	"../../data/sample-file.toml",
	"../../templates/sample-file.txt",
	"../../templates/sample-file-annex3.txt",
	"../../data/sample-file/annex1.toml",
	"../../data/sample-file/annex2.toml",
	"../../data/seals/seal-1.png",
	"../../fonts/fonts.toml",
}

// openerEnv, set, makes TestEachInputOfABuildIsOpenedOnce the build that
// strace watches, writing into the folder it names.
const openerEnv = "GONGWEN_TEST_OPENS_OUT"

// TestEachInputOfABuildIsOpenedOnce builds the 文件格式 sample (seal,
// tables, text annex) with --ofd --copies 1-2, and with --docx too: each
// input is opened once, counted by the build's Sources and, for what
// bypasses them (fonts, anything opened by path), by strace watching the
// openat calls of a build in a process of its own.
func TestEachInputOfABuildIsOpenedOnce(t *testing.T) {
	if out := os.Getenv(openerEnv); out != "" {
		if err := Build(sampleFile, filepath.Join(out, "sample-file.pdf"), Options{OFD: true, Copies: &Copies{1, 2}}); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, c := range []struct {
		name string
		opt  Options
		outs int
	}{
		{"--ofd --copies 1-2", Options{OFD: true, Copies: &Copies{1, 2}}, 4},
		{"--ofd --docx --copies 1-2", Options{OFD: true, DOCX: true, Copies: &Copies{1, 2}}, 6},
	} {
		s := source.New()
		c.opt.Sources = s
		dir := t.TempDir()
		if err := Build(sampleFile, filepath.Join(dir, "sample-file.pdf"), c.opt); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if outs, _ := os.ReadDir(dir); len(outs) != c.outs {
			t.Errorf("%s: %d files written, want %d", c.name, len(outs), c.outs)
		}
		for _, p := range sampleFileInputs {
			if n := s.Opens(p); n != 1 {
				t.Errorf("%s: %s opened %d times by the Sources, want once", c.name, p, n)
			}
		}
		for _, p := range s.Paths() {
			if n := s.Opens(p); n != 1 {
				t.Errorf("%s: %s opened %d times by the Sources, want once", c.name, p, n)
			}
		}
	}

	if _, err := exec.LookPath("strace"); err != nil {
		t.Fatal("strace not found on PATH; run `make test`, which installs it")
	}
	dir := t.TempDir()
	log := filepath.Join(dir, "openat.log")
	cmd := exec.Command("strace", "-f", "-qq", "-e", "trace=openat", "-o", log, os.Args[0], "-test.run=^TestEachInputOfABuildIsOpenedOnce$")
	cmd.Env = append(os.Environ(), openerEnv+"="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("strace: %v\n%s", err, out)
	}
	opens := repoOpens(t, log)
	named := map[string]bool{}
	for _, p := range sampleFileInputs {
		abs, _ := filepath.Abs(p)
		named[abs] = true
		if opens[abs] != 1 {
			t.Errorf("strace: %s opened %d times, want once", p, opens[abs])
		}
	}
	fonts := 0
	for p, n := range opens {
		if n != 1 && !named[p] {
			t.Errorf("strace: %s opened %d times, want once", p, n)
		}
		if strings.HasSuffix(p, ".ttf") {
			fonts++
		}
	}
	if fonts == 0 {
		t.Errorf("strace saw no font opened: %v", opens)
	}
}

// openat(AT_FDCWD, "path", flags) = fd, as strace writes it.
var openatLine = regexp.MustCompile(`openat\(AT_FDCWD, "([^"]*)", ([A-Z_|]+)[^)]*\) = (\d+)`)

// repoOpens counts the files of the repository that strace's log shows
// opened (successfully, not as folders), by absolute path; the test's
// own cache folder (.cache) is not an input.
func repoOpens(t *testing.T, log string) map[string]int {
	t.Helper()
	b, err := os.ReadFile(log)
	if err != nil {
		t.Fatal(err)
	}
	repo, _ := filepath.Abs("../..")
	opens := map[string]int{}
	for _, m := range openatLine.FindAllStringSubmatch(string(b), -1) {
		if strings.Contains(m[2], "O_DIRECTORY") {
			continue
		}
		p := m[1]
		if !filepath.IsAbs(p) {
			p = filepath.Join(repo, "internal", "build", p)
		}
		p = filepath.Clean(p)
		if !strings.HasPrefix(p, repo+string(filepath.Separator)) || strings.HasPrefix(p, filepath.Join(repo, ".cache")) {
			continue
		}
		opens[p]++
	}
	if len(opens) == 0 {
		t.Fatalf("strace's log shows no file of the repository opened:\n%s", b)
	}
	return opens
}

// TestTheRecordHashesTheBytesTypeset changes the template and the seal on
// disk after the build read them and before it renders: the PDF's and
// the OFD's archive records hold the hashes of the bytes that were
// typeset, not of the files as they are now.
func TestTheRecordHashesTheBytesTypeset(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir()) // no user's fonts.toml
	data := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(data, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../data/sample-upward.toml")
	if err != nil {
		t.Fatal(err)
	}
	src = bytes.Replace(src, []byte(`"../templates/sample-upward.txt"`), []byte(`"body.txt"`), 1)
	src = bytes.Replace(src, []byte(`"seals/seal-1.png"`), []byte(`"seal.png"`), 1)
	files := map[string]string{"body.txt": "../../templates/sample-upward.txt", "seal.png": "../../data/seals/seal-1.png"}
	typeset := map[string][]byte{}
	for name, from := range files {
		b, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		typeset[name] = b
		copyTo(t, filepath.Join(data, name), b)
	}
	doc := filepath.Join(data, "doc.toml")
	copyTo(t, doc, src)

	j, err := Prepare(doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Saved while the build runs.
	copyTo(t, filepath.Join(data, "body.txt"), []byte("另一个正文。\n"))
	seal2, _ := os.ReadFile("../../data/seals/seal-2.png")
	copyTo(t, filepath.Join(data, "seal.png"), seal2)

	pdf, err := j.Render(Options{})
	if err != nil {
		t.Fatal(err)
	}
	ofd, err := j.RenderOFD(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		read func([]byte) (*archive.Record, error)
		b    []byte
	}{{"PDF", archive.Read, pdf}, {"OFD", readOFDRecord, ofd}} {
		rec, err := c.read(c.b)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for name, b := range typeset {
			got, ok := rec.Source("data/" + name)
			sum := sha256.Sum256(b)
			if want := hex.EncodeToString(sum[:]); !ok || got.SHA256 != want {
				t.Errorf("%s: data/%s recorded as %q, want %s, the hash of the bytes typeset", c.name, name, got.SHA256, want)
			}
		}
	}
}

func copyTo(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestABatchSharesItsSources builds two documents that draw the same
// seal and read the same fonts.toml: the batch reads each once.
func TestABatchSharesItsSources(t *testing.T) {
	s := source.New()
	dir := t.TempDir()
	docs := []string{sampleFile, "../../data/sample-upward.toml"}
	outs := []string{filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")}
	BuildAll(docs, outs, Options{OFD: true, Sources: s}, 2, nil, func(i int, o Outcome) {
		if o.Err != nil {
			t.Errorf("%s: %v", docs[i], o.Err)
		}
	})
	for _, p := range []string{"../../data/seals/seal-1.png", "../../fonts/fonts.toml", docs[0], docs[1]} {
		if n := s.Opens(p); n != 1 {
			t.Errorf("%s opened %d times in the batch, want once", p, n)
		}
	}
}
