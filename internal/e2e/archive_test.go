package e2e

// Archival builds (issue 5): the same bytes wherever and however the
// notice is built, PDF/A-1b by Apache PDFBox Preflight for every document,
// and `gongwen verify` naming what changed.

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"gongwen/internal/archive"
	"gongwen/internal/build"
)

// archRoot is the repository root, seen from this package's folder.
const archRoot = "../.."

// archNotice is the reference notice's data file, relative to a project.
const archNotice = "data/chuan-ban-han-2024-114.toml"

// archBinary builds gongwen as `make` does into a temporary folder.
func archBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "gongwen")
	cmd := exec.Command("go", "build", "-trimpath", "-o", bin, "./cmd/gongwen")
	cmd.Dir = archRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// archProject copies the project's sources (data/, templates/, fonts/) into
// dir, which it makes.
func archProject(t *testing.T, dir string) {
	t.Helper()
	for _, top := range []string{"data", "templates", "fonts"} {
		from := filepath.Join(archRoot, top)
		err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(archRoot, p)
			to := filepath.Join(dir, rel)
			if d.IsDir() {
				return os.MkdirAll(to, 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(to, b, 0o644)
		})
		if err != nil {
			t.Fatalf("copying %s: %v", top, err)
		}
	}
}

// archDocs lists the data files of a project, relative to it.
func archDocs(t *testing.T, dir string) []string {
	t.Helper()
	docs, err := filepath.Glob(filepath.Join(dir, "data", "*.toml"))
	if err != nil || len(docs) == 0 {
		t.Fatalf("no data/*.toml in %s (%v)", dir, err)
	}
	for i, d := range docs {
		docs[i], _ = filepath.Rel(dir, d)
	}
	return docs
}

// archRun runs the binary in dir under the umask and with the environment
// variables given (on top of this process's, less any that would change the
// build's date, time zone or locale), and returns its output and exit code.
func archRun(t *testing.T, dir, bin, umask string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command("sh", append([]string{"-c", `umask "$1" && shift && exec "$@"`, "sh", umask, bin}, args...)...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k != "SOURCE_DATE_EPOCH" && k != "TZ" && k != "LANG" && k != "LANGUAGE" && !strings.HasPrefix(k, "LC_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return o.String(), e.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running %s: %v", bin, err)
	}
	return o.String(), e.String(), 0
}

// archPlainParts is the PDF without the data of its compressed streams:
// every dictionary, string and the uncompressed XMP packet, where a path,
// user or host name would show.
// A stream is compressed when its object's dictionary, between "obj" and
// "stream", names /FlateDecode (a dictionary may hold dictionaries, such
// as an image's /DecodeParms).
func archPlainParts(pdf []byte) []byte {
	streams := regexp.MustCompile(`(?s)stream\r?\n.*?endstream`)
	var out []byte
	last := 0
	for _, m := range streams.FindAllIndex(pdf, -1) {
		dict := pdf[last:m[0]]
		if i := bytes.LastIndex(dict, []byte(" obj")); i >= 0 {
			dict = dict[i:]
		}
		out = append(out, pdf[last:m[0]]...)
		if bytes.Contains(dict, []byte("/FlateDecode")) {
			out = append(out, "(stream)"...)
		} else {
			out = append(out, pdf[m[0]:m[1]]...)
		}
		last = m[1]
	}
	return append(out, pdf[last:]...)
}

// TestArchiveBuildsAreTheSameBytesAnywhere builds every document in two
// copies of the project, at different depths and with spaces and Chinese in
// the path, under different time zones, locales and umasks, with the real
// binary, and compares the PDFs byte for byte. Neither holds a path of the
// machine, the user's name or the host's.
func TestArchiveBuildsAreTheSameBytesAnywhere(t *testing.T) {
	bin := archBinary(t)
	tmp := t.TempDir()
	dirs := []string{
		filepath.Join(tmp, "a"),
		filepath.Join(tmp, "其他 folder", "deeper", "b"),
	}
	envs := [][]string{
		{"TZ=Asia/Shanghai", "LC_ALL=C", "LANG=C"},
		{"TZ=America/St_Johns", "LC_ALL=zh_CN.UTF-8", "LANG=zh_CN.UTF-8"},
	}
	umasks := []string{"022", "077"}
	var docs []string
	for i, dir := range dirs {
		archProject(t, dir)
		docs = archDocs(t, dir)
		args := append([]string{"build", "-o", "out/"}, docs...)
		if _, stderr, code := archRun(t, dir, bin, umasks[i], envs[i], args...); code != 0 {
			t.Fatalf("build in %s exited %d:\n%s", dir, code, stderr)
		}
	}
	host, _ := os.Hostname()
	home, _ := os.UserHomeDir()
	for _, d := range docs {
		name := build.OutputName(d)
		var pdfs [2][]byte
		for i, dir := range dirs {
			b, err := os.ReadFile(filepath.Join(dir, "out", name))
			if err != nil {
				t.Fatal(err)
			}
			pdfs[i] = b
		}
		if !bytes.Equal(pdfs[0], pdfs[1]) {
			a, b := pdfs[0], pdfs[1]
			i := 0
			for i < len(a) && i < len(b) && a[i] == b[i] {
				i++
			}
			t.Errorf("%s: the two builds differ from byte %d on (%d and %d bytes): %q vs %q",
				name, i, len(a), len(b), a[i:min(len(a), i+60)], b[i:min(len(b), i+60)])
		}
		plain := archPlainParts(pdfs[0])
		leaks := []string{tmp, os.TempDir() + "/", "/home/", "/root/", "/Users/"}
		if home != "" && home != "/" {
			leaks = append(leaks, home)
		}
		for _, s := range leaks {
			if bytes.Contains(plain, []byte(s)) {
				t.Errorf("%s holds %q", name, s)
			}
		}
		if host != "" && regexp.MustCompile(`\b`+regexp.QuoteMeta(host)+`\b`).Match(plain) {
			t.Errorf("%s holds the host name %q", name, host)
		}
		if u := os.Getenv("USER"); u != "" && regexp.MustCompile(`[/\\]`+regexp.QuoteMeta(u)+`\b`).Match(plain) {
			t.Errorf("%s holds the user name %q in a path", name, u)
		}
	}
}

// preflightJars are the jars of Apache PDFBox Preflight and what it needs,
// as Debian installs them (libpdfbox2-java, libactivation-java,
// libjaxb-api-java and their dependencies).
var preflightJars = []string{
	"/usr/share/java/preflight.jar",
	"/usr/share/java/pdfbox2.jar",
	"/usr/share/java/fontbox2.jar",
	"/usr/share/java/xmpbox.jar",
	"/usr/share/java/commons-logging.jar",
	"/usr/share/java/javax.activation.jar",
	"/usr/share/java/jaxb-api.jar",
}

// preflight validates a PDF as PDF/A-1b with Preflight and returns its
// report; it fails the test, never skips it, when Java or a jar is missing.
func preflight(t *testing.T, pdf string) (valid bool, report string) {
	t.Helper()
	var missing []string
	if _, err := exec.LookPath("java"); err != nil {
		missing = append(missing, "java")
	}
	for _, j := range preflightJars {
		if _, err := os.Stat(j); err != nil {
			missing = append(missing, j)
		}
	}
	if len(missing) > 0 {
		t.Fatalf("PDFBox Preflight cannot run, missing: %s; run `make test`, which installs default-jre-headless, libpdfbox2-java, libactivation-java and libjaxb-api-java",
			strings.Join(missing, ", "))
	}
	out, err := exec.Command("java", "-cp", strings.Join(preflightJars, ":"),
		"org.apache.pdfbox.preflight.Validator_A1b", pdf).CombinedOutput()
	valid = err == nil && strings.Contains(string(out), "is a valid PDF/A-1b file")
	return valid, string(out)
}

// summarise counts repeated lines of a Preflight report.
func summarise(report string) string {
	counts := map[string]int{}
	var order []string
	for _, l := range strings.Split(strings.TrimSpace(report), "\n") {
		if counts[l] == 0 {
			order = append(order, l)
		}
		counts[l]++
	}
	var b strings.Builder
	for i, l := range order {
		if i == 40 {
			fmt.Fprintf(&b, "… and %d more kinds of line\n", len(order)-40)
			break
		}
		if counts[l] > 1 {
			fmt.Fprintf(&b, "%5d× %s\n", counts[l], l)
		} else {
			fmt.Fprintf(&b, "       %s\n", l)
		}
	}
	return b.String()
}

// TestArchiveEveryDocumentIsPDFA1b builds every document under data/ and
// validates it with Apache PDFBox Preflight, and checks its structure with
// qpdf.
func TestArchiveEveryDocumentIsPDFA1b(t *testing.T) {
	docs, err := filepath.Glob(filepath.Join(archRoot, "data", "*.toml"))
	if err != nil || len(docs) == 0 {
		t.Fatalf("no documents under data/ (%v)", err)
	}
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Fatal("qpdf not found on PATH; run `make test`, which installs it")
	}
	dir := t.TempDir()
	for _, d := range docs {
		out := filepath.Join(dir, build.OutputName(d))
		if err := build.Build(d, out, build.Options{}); err != nil {
			t.Errorf("%s: %v", d, err)
			continue
		}
		if valid, report := preflight(t, out); !valid {
			t.Errorf("%s: Preflight finds it is not PDF/A-1b:\n%s", d, summarise(report))
		}
		q, err := exec.Command("qpdf", "--check", out).CombinedOutput()
		if err != nil || !strings.Contains(string(q), "No syntax or stream encoding errors") {
			t.Errorf("%s: qpdf --check: %v\n%s", d, err, q)
		}
	}
}

// TestArchiveSealedNoticeIsPDFA1b builds the notice with a seal image that
// has an alpha channel (a red ring, clear inside) and validates it: the
// seal's transparency must not survive into the PDF/A file, and the seal is
// recorded as an input.
func TestArchiveSealedNoticeIsPDFA1b(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "proj")
	archProject(t, dir)
	img := image.NewNRGBA(image.Rect(0, 0, 240, 240))
	for y := range 240 {
		for x := range 240 {
			if r := (x-120)*(x-120) + (y-120)*(y-120); r < 115*115 && r > 100*100 {
				img.Set(x, y, color.NRGBA{R: 230, A: 255})
			}
		}
	}
	var pngData bytes.Buffer
	if err := png.Encode(&pngData, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "seal.png"), pngData.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(dir, filepath.FromSlash(archNotice))
	src, err := os.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(data, append([]byte("seal = \"seal.png\"\n"), src...), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "sealed.pdf")
	if err := build.Build(data, out, build.Options{}); err != nil {
		t.Fatal(err)
	}
	if valid, report := preflight(t, out); !valid {
		t.Errorf("the sealed notice is not PDF/A-1b:\n%s", summarise(report))
	}
	b, _ := os.ReadFile(out)
	if !bytes.Contains(b, []byte("  data/seal.png</rdf:li>")) {
		t.Error("the seal image is not among the recorded sources")
	}
}

// TestArchiveRecordListsEveryInput reads the record back from the built
// notice: every file the document read (whatever tables it has), the fonts
// and fonts.toml, each by its path in the project with its SHA-256.
func TestArchiveRecordListsEveryInput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "proj")
	archProject(t, dir)
	data := filepath.Join(dir, filepath.FromSlash(archNotice))
	j, err := build.Prepare(data, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := j.Render(build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec, err := archive.Read(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Tool != "gongwen "+build.Version || rec.Document != archNotice || rec.FontConfig != "fonts/fonts.toml" || rec.Format == "" || len(rec.FormatSHA256) != 64 {
		t.Errorf("record %+v", rec)
	}
	want := map[string]bool{"fonts/fonts.toml": true}
	for _, f := range j.Doc.Files {
		want[archive.RelPath(dir, f)] = true
	}
	fonts, _ := filepath.Glob(filepath.Join(dir, "fonts", "*.ttf"))
	for _, f := range fonts {
		if filepath.Base(f) != "HanaMinA-Fallback.ttf" { // an input only where it draws a character
			want[archive.RelPath(dir, f)] = true
		}
	}
	var got []string
	for _, s := range rec.Sources {
		got = append(got, s.Path)
		sha, err := archive.HashFile(filepath.Join(dir, filepath.FromSlash(s.Path)))
		if err != nil || sha != s.SHA256 {
			t.Errorf("%s: recorded SHA-256 %s, the file's is %s (%v)", s.Path, s.SHA256, sha, err)
		}
	}
	var wanted []string
	for p := range want {
		wanted = append(wanted, p)
	}
	sort.Strings(got)
	sort.Strings(wanted)
	if !slices.Equal(got, wanted) {
		t.Errorf("recorded sources\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wanted, "\n"))
	}
}

// TestArchiveVerifyNamesTheEditedDataFile builds the notice with the
// binary, verifies it (identical), edits its data file and verifies again:
// the PDF differs and exactly that file is named; then removes the template
// and expects it named as missing.
func TestArchiveVerifyNamesTheEditedDataFile(t *testing.T) {
	bin := archBinary(t)
	dir := filepath.Join(t.TempDir(), "proj")
	archProject(t, dir)
	pdf := "out/notice.pdf"
	os.MkdirAll(filepath.Join(dir, "out"), 0o755)
	if _, stderr, code := archRun(t, dir, bin, "022", nil, "build", "-o", pdf, archNotice); code != 0 {
		t.Fatalf("build exited %d:\n%s", code, stderr)
	}

	stdout, stderr, code := archRun(t, dir, bin, "022", []string{"TZ=Pacific/Kiritimati"}, "verify", pdf)
	if code != 0 || !strings.Contains(stdout, "identical") {
		t.Fatalf("verify of a fresh build exited %d:\n%s%s", code, stdout, stderr)
	}
	// From inside the output folder, the project is named with --project;
	// without it, the output folder is the project, which does not hold
	// the recorded inputs.
	if stdout, stderr, code := archRun(t, filepath.Join(dir, "out"), bin, "022", nil, "verify", "--project", "..", "notice.pdf"); code != 0 {
		t.Errorf("verify --project .. from out/ exited %d:\n%s%s", code, stdout, stderr)
	}
	if stdout, stderr, code := archRun(t, filepath.Join(dir, "out"), bin, "022", nil, "verify", "notice.pdf"); code != 1 || !strings.Contains(stderr, "is in the project folder") {
		t.Errorf("verify from out/ exited %d, want 1 and the project named:\n%s%s", code, stdout, stderr)
	}

	data := filepath.Join(dir, filepath.FromSlash(archNotice))
	src, err := os.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(data, append(src, "\n# edited after the build\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code = archRun(t, dir, bin, "022", nil, "verify", pdf)
	if code != 1 {
		t.Errorf("verify after an edit exited %d, want 1:\n%s%s", code, stdout, stderr)
	}
	var changed []string
	for _, l := range strings.Split(stdout, "\n") {
		if _, what, ok := strings.Cut(l, ": changed: "); ok {
			changed = append(changed, what)
		}
	}
	if !slices.Equal(changed, []string{archNotice}) || !strings.Contains(stdout, pdf+": differs") {
		t.Errorf("verify after editing %s says:\n%s%s", archNotice, stdout, stderr)
	}

	b, err := os.ReadFile(filepath.Join(dir, pdf))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := archive.Read(b)
	if err != nil {
		t.Fatal(err)
	}
	template := ""
	for _, s := range rec.Sources {
		if strings.HasPrefix(s.Path, "templates/") {
			template = s.Path
		}
	}
	if template == "" {
		t.Fatalf("no template among the recorded sources %v", rec.Sources)
	}
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(template))); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code = archRun(t, dir, bin, "022", nil, "verify", pdf)
	if code != 1 || !strings.Contains(stdout, pdf+": missing: "+template+"\n") {
		t.Errorf("verify without the template exited %d:\n%s%s", code, stdout, stderr)
	}
}
