package archive

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFindRootIsTheNearestProjectFolder(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "proj", "fonts", "fonts.toml"), "")
	write(t, filepath.Join(dir, "proj", "data", "sub", "a.toml"), "")
	write(t, filepath.Join(dir, "mod", "go.mod"), "module x\n")
	write(t, filepath.Join(dir, "mod", "data", "b.toml"), "")
	write(t, filepath.Join(dir, "loose", "c.toml"), "")
	write(t, filepath.Join(dir, "plain", "data", "d.toml"), "")
	for file, want := range map[string]string{
		"proj/data/sub/a.toml": "proj",
		"mod/data/b.toml":      "mod",
		"loose/c.toml":         "loose",
		"plain/data/d.toml":    "plain",
	} {
		got, err := FindRoot(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		if got != filepath.Join(dir, want) {
			t.Errorf("FindRoot(%s) = %s, want %s", file, got, filepath.Join(dir, want))
		}
	}
}

func TestRelPathNeverGivesAnAbsolutePath(t *testing.T) {
	root := t.TempDir()
	for p, want := range map[string]string{
		filepath.Join(root, "data", "a.toml"):           "data/a.toml",
		filepath.Join(root, "fonts", "..", "x.ttf"):     "x.ttf",
		filepath.Join(root, "..", "elsewhere", "f.ttf"): "outside:f.ttf",
		"/usr/share/fonts/仿宋_GB2312.ttf":                "outside:仿宋_GB2312.ttf",
		filepath.Join(root, "..dots", "a"):              "..dots/a",
	} {
		if got := RelPath(root, p); got != want {
			t.Errorf("RelPath(%s) = %q, want %q", p, got, want)
		}
	}
}

func TestHashes(t *testing.T) {
	if got := HashBytes([]byte("abc")); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("HashBytes(abc) = %s", got)
	}
	type settings struct {
		A float64
		B string
	}
	if a, b := HashValue(settings{1, "x"}), HashValue(settings{1, "x"}); a != b {
		t.Error("HashValue differs for equal values")
	}
	if HashValue(settings{1, "x"}) == HashValue(settings{1.0000001, "x"}) {
		t.Error("HashValue misses a changed setting")
	}
}

// packet wraps a record's description in an XMP packet as the renderer
// writes it, with a creation date.
func packet(r *Record) []byte {
	return sealed([]byte("%PDF-1.4\n1 0 obj\n<<>>\nstream\n<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" +
		`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n" +
		`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:CreateDate>2024-12-26T00:00:00Z</xmp:CreateDate></rdf:Description>` + "\n" +
		`<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">` +
		`<pdfaExtension:schemas><rdf:Bag>` + r.Schema() + `</rdf:Bag></pdfaExtension:schemas></rdf:Description>` + "\n" +
		r.Description() + "\n</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>\nendstream\nendobj\n"))
}

// sealed ends a PDF's body with a trailer whose /ID is made as gongwen
// makes it: the first 16 bytes of the SHA-256 of all before it.
func sealed(body []byte) []byte {
	sum := sha256.Sum256(body)
	id := strings.ToUpper(hex.EncodeToString(sum[:16]))
	return append(body, "trailer\n<<\n/Size 2\n/Root 1 0 R\n/Info 1 0 R\n/ID [<"+id+"> <"+id+">]\n>>\nstartxref\n0\n%%EOF\n"...)
}

func TestAsWritten(t *testing.T) {
	pdf := packet(sample())
	for _, c := range []struct {
		name string
		file []byte
		want Seal
	}{
		{"as written", pdf, Intact},
		{"one byte changed", bytes.Replace(pdf, []byte("%PDF-1.4\n1 0"), []byte("%PDF-1.4\n2 0"), 1), Changed},
		{"an update appended", append(append([]byte{}, pdf...), "1 0 obj\n<<>>\nendobj\ntrailer\n<< >>\n%%EOF\n"...), Changed},
		{"a trailer of another program", bytes.Replace(pdf, []byte("trailer\n<<\n"), []byte("trailer << "), 1), Changed},
		{"an OFD package", []byte("PK\x03\x04 ..."), Unsealed},
	} {
		if got := AsWritten(c.file); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func sample() *Record {
	return &Record{
		Tool: "gongwen 0.1.0", Document: "data/a.toml", FontConfig: "fonts/fonts.toml",
		Format: "letter", FormatSHA256: HashBytes([]byte("f")),
		Sources: []Source{
			{"data/a.toml", HashBytes([]byte("a"))},
			{"templates/a & <b>  c.txt", HashBytes([]byte("t"))},
			{"outside:仿宋.ttf", HashBytes([]byte("font"))},
		},
	}
}

func TestRecordReadsBackFromTheXMP(t *testing.T) {
	r := sample()
	got, err := Read(packet(r))
	if err != nil {
		t.Fatal(err)
	}
	want := *r
	want.Date = time.Date(2024, 12, 26, 0, 0, 0, 0, time.UTC)
	if got.Tool != want.Tool || got.Document != want.Document || got.FontConfig != want.FontConfig ||
		got.Format != want.Format || got.FormatSHA256 != want.FormatSHA256 || !got.Date.Equal(want.Date) ||
		!slices.Equal(got.Sources, want.Sources) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, want)
	}
}

// TestCopyNumberIsRecordedOnlyForACopy: a numbered copy's 份号 reads back
// and is described in the schema; a record without one writes neither the
// property nor its description (a single build's PDF keeps its bytes), and
// a recorded number that is no 份号 is refused.
func TestCopyNumberIsRecordedOnlyForACopy(t *testing.T) {
	single := sample()
	if got := single.Schema(); got != Schema || strings.Contains(got, "copy") {
		t.Errorf("a record without a copy has another schema:\n%s", got)
	}
	if d := single.Description(); strings.Contains(d, "copy") {
		t.Errorf("a record without a copy writes one:\n%s", d)
	}
	if got, err := Read(packet(single)); err != nil || got.Copy != 0 {
		t.Errorf("read back a single build's record: copy %v, %v", got, err)
	}
	for _, n := range []int{1, 7, 999999} {
		r := sample()
		r.Copy = n
		if !strings.Contains(r.Schema(), "<pdfaProperty:name>copy</pdfaProperty:name>") {
			t.Errorf("copy %d: the schema does not describe the copy property", n)
		}
		got, err := Read(packet(r))
		if err != nil || got.Copy != n || !slices.Equal(got.Sources, r.Sources) {
			t.Errorf("copy %d read back as %+v, %v", n, got, err)
		}
	}
	for _, v := range []string{"0", "-3", "1000000", "7a", ""} {
		if _, err := ParseCopy(v); err == nil {
			t.Errorf("ParseCopy(%q) accepted", v)
		}
	}
	bad := strings.Replace(string(packet(sample())), "<gw:format>", "<gw:copy>x</gw:copy><gw:format>", 1)
	if _, err := Read([]byte(bad)); err == nil || !strings.Contains(err.Error(), `"x"`) {
		t.Errorf("a record with copy x: %v", err)
	}
}

func TestReadWithoutARecord(t *testing.T) {
	for _, pdf := range []string{"%PDF-1.4\n", "<?xpacket begin=\"\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/><?xpacket end=\"w\"?>"} {
		if _, err := Read([]byte(pdf)); !errors.Is(err, ErrNoRecord) {
			t.Errorf("Read(%q) = %v, want ErrNoRecord", pdf, err)
		}
	}
}

// project lays out a project with the sample's inputs and returns its root.
func project(t *testing.T) string {
	root := t.TempDir()
	write(t, filepath.Join(root, "fonts", "fonts.toml"), "")
	write(t, filepath.Join(root, "data", "a.toml"), "a")
	write(t, filepath.Join(root, "templates", "a & <b>  c.txt"), "t")
	return root
}

// rebuilder returns a Rebuilder whose rebuild records cur and yields pdf.
func rebuilder(pdf []byte, cur *Record, err error) Rebuilder {
	return func(string, *Record) ([]byte, *Record, error) { return pdf, cur, err }
}

func TestVerifyIdentical(t *testing.T) {
	root := project(t)
	pdf := packet(sample())
	rep, err := Verify(pdf, root, rebuilder(pdf, sample(), nil))
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Identical || rep.Root != root || len(diffs(rep)) != 0 {
		t.Errorf("identical %v, root %s (want %s), differences %q", rep.Identical, rep.Root, root, diffs(rep))
	}
}

func TestVerifyNamesEachDifference(t *testing.T) {
	root := project(t)
	pdf := packet(sample())
	write(t, filepath.Join(root, "data", "a.toml"), "a, edited")
	os.Remove(filepath.Join(root, "templates", "a & <b>  c.txt"))
	cur := sample()
	cur.Tool = "gongwen 0.2.0"
	cur.FormatSHA256 = HashBytes([]byte("g"))
	cur.Sources = []Source{
		{"data/a.toml", HashBytes([]byte("a, edited"))},
		{"outside:仿宋.ttf", HashBytes([]byte("another font"))},
		{"data/table.csv", HashBytes([]byte("1,2"))},
	}
	rep, err := Verify(pdf, root, rebuilder([]byte("other"), cur, nil))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"changed: data/a.toml",
		"changed: outside:仿宋.ttf",
		"missing: templates/a & <b>  c.txt",
		"new input: data/table.csv",
		`changed: the settings of the format "letter"`,
		"tool: made by gongwen 0.1.0, rebuilt by gongwen 0.2.0",
	}
	if rep.Identical || !slices.Equal(diffs(rep), want) {
		t.Errorf("identical %v, differences\n%s\nwant\n%s", rep.Identical, strings.Join(diffs(rep), "\n"), strings.Join(want, "\n"))
	}
}

func TestVerifyReportsAFailedRebuild(t *testing.T) {
	root := project(t)
	pdf := packet(sample())
	rep, err := Verify(pdf, root, rebuilder(nil, nil, errors.New("data/a.toml:1:1: bad\ndata/a.toml:2:1: worse")))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"not checked (outside the project): outside:仿宋.ttf",
		"rebuild failed: data/a.toml:1:1: bad",
		"rebuild failed: data/a.toml:2:1: worse",
	}
	if rep.Identical || !slices.Equal(diffs(rep), want) {
		t.Errorf("differences %q, want %q", diffs(rep), want)
	}
}

func TestVerifyNeedsTheProject(t *testing.T) {
	_, err := Verify(packet(sample()), t.TempDir(), rebuilder(nil, nil, nil))
	if err == nil || !strings.Contains(err.Error(), "data/a.toml") {
		t.Errorf("error %v, want one naming the data file it looked for", err)
	}
}

func TestVerifyRefusesARecordNamingAPathOutsideTheProject(t *testing.T) {
	for _, p := range []string{"../../../../etc/passwd", "/etc/passwd", "data/../../x.toml", `..\x.toml`} {
		r := sample()
		r.Sources = append(r.Sources, Source{Path: p, SHA256: strings.Repeat("0", 64)})
		called := false
		_, err := Verify(packet(r), t.TempDir(), func(string, *Record) ([]byte, *Record, error) {
			called = true
			return nil, nil, nil
		})
		if err == nil || !strings.Contains(err.Error(), "a path outside the project") || called {
			t.Errorf("%s: %v (rebuilt: %v), want refused before anything is read", p, err, called)
		}
	}
}

func TestVerifySaysAPDFIsCutShort(t *testing.T) {
	dir := t.TempDir()
	r := sample()
	for _, s := range r.Sources {
		if !external(s.Path) {
			p := filepath.Join(dir, filepath.FromSlash(s.Path))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, nil, 0o644)
		}
	}
	whole := append(packet(r), "more pages"...)
	whole = append(whole, "\n%%EOF\n"...)
	cut := whole[:len(whole)-20]
	rep, err := Verify(cut, dir, func(string, *Record) ([]byte, *Record, error) { return whole, r, nil })
	if err != nil {
		t.Fatal(err)
	}
	d := diffs(rep)
	if len(d) == 0 || !strings.HasPrefix(d[0], "cut short: ") || !strings.Contains(d[0], "(it is the first") {
		t.Errorf("differences %q, want the PDF said to be cut short, as the beginning of its rebuild", d)
	}
}

// diffs is the report's differences in English.
func diffs(rep *Report) []string {
	var out []string
	for _, d := range rep.Differences() {
		out = append(out, d.String())
	}
	return out
}
