//go:build linux

package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestVerifyOpensNothingOutsideTheProject forges the archive record of a
// PDF and of an OFD so that it names files outside the project: climbing
// out with .., an absolute path, a data file that is found only above the
// PDF's folder, a folder of the project linked elsewhere (to a file there,
// to one that is not there, to a FIFO). Outside lie a secret in a TOML
// file that a parse error would quote, and a FIFO. Linux's inotify
// reports every open of a file or folder outside: there must be none; no
// line may hold the secret, and the outcome must not depend on whether the
// outside file exists or what its hash is.
func TestVerifyOpensNothingOutsideTheProject(t *testing.T) {
	fontsDir, _ := filepath.Abs("../../fonts")
	const secret = "AKIAIOSFODNN7EXAMPLE"
	cases := []struct {
		name      string
		from      string // the data file or source replaced, as recorded
		to        string // what the forged record names instead; OUT is the outside folder
		elsewhere bool   // verify runs in an empty folder, not in the project
		want      string // a line printed; WANT at its end matches any rest
	}{
		{"a source climbing out with ..", "templates/body.txt", "../secret/credentials.toml", false,
			`F: its record names "../secret/credentials.toml", a path outside the project, which gongwen never records: the record is forged or damaged, and nothing it names is read`},
		{"an absolute source", "templates/body.txt", "OUT/secret/shadow", false,
			`F: its record names "OUT/secret/shadow", a path outside the project, WANT`},
		{"a data file found only above the PDF's folder", "data/doc.toml", "secret/credentials.toml", false,
			"F: missing: secret/credentials.toml"},
		{"a data file found only above the PDF's folder, run elsewhere", "data/doc.toml", "secret/credentials.toml", true,
			"F: none of its recorded inputs (the data file secret/credentials.toml, …) is in the project folder WANT"},
		{"a FIFO found only above the PDF's folder", "templates/body.txt", "secret/fifo", true,
			"F: none of its recorded inputs (the data file data/doc.toml, …) is in the project folder WANT"},
		{"a source through a linked folder", "templates/body.txt", "shared/credentials.toml", false,
			"F: its record names shared/credentials.toml, which is a link to OUT/secret/credentials.toml, outside the project: WANT"},
		{"a source through a linked folder, not there", "templates/body.txt", "shared/absent.toml", false,
			"F: its record names shared/absent.toml, which is a link to OUT/secret/absent.toml, outside the project: WANT"},
		{"a FIFO through a linked folder", "templates/body.txt", "shared/fifo", false,
			"F: its record names shared/fifo, which is a link to OUT/secret/fifo, outside the project: WANT"},
		{"a data file through a linked folder", "data/doc.toml", "shared/credentials.toml", false,
			"F: its record names shared/credentials.toml, which is a link to OUT/secret/credentials.toml, outside the project: WANT"},
		{"a data file that is not TOML", "data/doc.toml", "shared/fifo", false,
			`F: its record names "shared/fifo" as the data file, which is not a .toml file: WANT`},
	}
	for _, kind := range []string{"pdf", "ofd"} {
		for _, c := range cases {
			t.Run(kind+"/"+c.name, func(t *testing.T) {
				out, _ := filepath.EvalSymlinks(t.TempDir()) // as verify names it
				secretDir := filepath.Join(out, "secret")
				os.MkdirAll(secretDir, 0o755)
				os.MkdirAll(filepath.Join(out, "inbox"), 0o755)
				os.WriteFile(filepath.Join(secretDir, "credentials.toml"), []byte("key = "+secret+"\n"), 0o644)
				if err := syscall.Mkfifo(filepath.Join(secretDir, "fifo"), 0o644); err != nil {
					t.Fatal(err)
				}
				file := "doc." + kind
				builtProject(t, file)
				if err := os.Symlink(secretDir, "shared"); err != nil {
					t.Fatal(err)
				}
				to := strings.ReplaceAll(c.to, "OUT", out)
				forged := filepath.Join(out, "inbox", file)
				forge(t, file, forged, c.from, to)
				if c.elsewhere {
					t.Chdir(t.TempDir())
				}
				opened := watchOpens(t, out, secretDir)
				var stdout, stderr bytes.Buffer
				code := run([]string{"verify", "--fonts", fontsDir, forged}, &stdout, &stderr)
				printed := stdout.String() + stderr.String()
				want := strings.ReplaceAll(strings.ReplaceAll(c.want, "OUT", out), "F:", forged+":")
				if code != exitInput || !hasLine(printed, want) {
					t.Errorf("exit %d, printed\n%s\nwant exit 1 and a line %q", code, printed, want)
				}
				if strings.Contains(printed, secret) {
					t.Errorf("the outside file's content is printed:\n%s", printed)
				}
				if o := opened(); len(o) > 0 {
					t.Errorf("verify opened %q outside the project", o)
				}
			})
		}
	}
}

// forge copies the PDF or OFD at from to to, its record naming repl
// where it named was: the data file (gw:document, gongwen:document) and
// the source of that name.
func forge(t *testing.T, from, to, was, repl string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	swap := func(b []byte) []byte {
		n := bytes.ReplaceAll(b, []byte(">"+was+"<"), []byte(">"+repl+"<"))
		return bytes.ReplaceAll(n, []byte("  "+was+"<"), []byte("  "+repl+"<"))
	}
	if !strings.HasSuffix(from, ".ofd") {
		n := swap(b)
		if bytes.Equal(n, b) {
			t.Fatalf("%s does not record %s", from, was)
		}
		os.WriteFile(to, n, 0o644)
		return
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	changed := false
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		n := swap(data)
		changed = changed || !bytes.Equal(n, data)
		w, _ := zw.Create(f.Name)
		w.Write(n)
	}
	zw.Close()
	if !changed {
		t.Fatalf("%s does not record %s", from, was)
	}
	os.WriteFile(to, buf.Bytes(), 0o644)
}

// watchOpens watches the folders dirs with inotify(7) and returns a
// function listing what was opened in them since: each folder itself or a
// file directly in it. The kernel queues an event as the open happens, so
// every open before the call is listed.
func watchOpens(t *testing.T, dirs ...string) func() []string {
	t.Helper()
	fd, err := syscall.InotifyInit1(syscall.IN_NONBLOCK | syscall.IN_CLOEXEC)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	names := map[int32]string{}
	for _, d := range dirs {
		wd, err := syscall.InotifyAddWatch(fd, d, syscall.IN_OPEN)
		if err != nil {
			t.Fatal(err)
		}
		names[int32(wd)] = d
	}
	return func() []string {
		var opened []string
		buf := make([]byte, 64<<10)
		for {
			n, err := syscall.Read(fd, buf)
			if err != nil || n <= 0 {
				return opened
			}
			for b := buf[:n]; len(b) >= syscall.SizeofInotifyEvent; {
				wd := int32(binary.NativeEndian.Uint32(b[0:4]))
				l := int(binary.NativeEndian.Uint32(b[12:16]))
				name := strings.TrimRight(string(b[syscall.SizeofInotifyEvent:syscall.SizeofInotifyEvent+l]), "\x00")
				opened = append(opened, filepath.Join(names[wd], name))
				b = b[syscall.SizeofInotifyEvent+l:]
			}
		}
	}
}

// TestVerifyLooksForFontsTomlNoHigherThanTheProject: a fonts/fonts.toml
// that appeared above the project after the build is not the project's:
// the rebuild does not open it, and the PDF is identical.
func TestVerifyLooksForFontsTomlNoHigherThanTheProject(t *testing.T) {
	fontsDir, dir := builtProject(t, "doc.pdf")
	above := filepath.Join(filepath.Dir(dir), "fonts")
	if err := os.Mkdir(above, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(above) })
	os.WriteFile(filepath.Join(above, "fonts.toml"), []byte("fangsong = \"nowhere.ttf\"\n"), 0o644)
	opened := watchOpens(t, above)
	var stdout, stderr bytes.Buffer
	code := run([]string{"verify", "--fonts", fontsDir, "doc.pdf"}, &stdout, &stderr)
	if code != exitOK || stdout.String() != "doc.pdf: identical to a rebuild from data/doc.toml\n" {
		t.Errorf("exit %d:\n%s%s", code, stdout.String(), stderr.String())
	}
	if o := opened(); len(o) > 0 {
		t.Errorf("verify opened %q above the project", o)
	}
}
