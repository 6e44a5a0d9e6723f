package main

import (
	"bytes"
	"fmt"
	"gongwen/internal/i18n"
	"gongwen/internal/say"
	"os"
	"strings"
	"testing"
	"time"
)

func TestBuildOfAFolderReportsInOrderAndBuildsAllButTheBrokenOne(t *testing.T) {
	fontsDir := newProject(t)
	b, _ := os.ReadFile("data/doc.toml")
	os.Remove("data/doc.toml")
	for i := 1; i <= 6; i++ {
		src := b
		if i == 4 {
			src = bytes.Replace(b, []byte("issuer ="), []byte("isuer ="), 1)
		}
		if err := os.WriteFile(fmt.Sprintf("data/d%d.toml", i), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "--fonts", fontsDir, "-o", "out", "data"}, &stdout, &stderr)
	if code != exitInput {
		t.Errorf("exit %d, want %d", code, exitInput)
	}
	var want []string
	for i := 1; i <= 6; i++ {
		if i != 4 {
			want = append(want, fmt.Sprintf("data/d%d.toml → out/d%d.pdf", i, i))
		}
	}
	// Not a terminal: the messages and nothing else, no progress line, no
	// summary.
	if got := strings.Split(strings.TrimSpace(stdout.String()), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("printed\n%s\nwant\n%s", stdout.String(), strings.Join(want, "\n"))
	}
	if !strings.HasPrefix(stderr.String(), "data/d4.toml:") || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("errors:\n%s\nwant one line about data/d4.toml", stderr.String())
	}
	for i := 1; i <= 6; i++ {
		_, err := os.Stat(fmt.Sprintf("out/d%d.pdf", i))
		if (err == nil) == (i == 4) {
			t.Errorf("out/d%d.pdf: %v", i, err)
		}
	}
}

func TestSummarySaysWhatWasMade(t *testing.T) {
	cases := []struct {
		docs, pages, failed int
		secs                float64
		want, zh            string
	}{
		{100, 800, 0, 1.44, "100 documents and 800 pages in 1.4 s", "100 个文档、800 页，用时 1.4 秒"},
		{1, 1, 0, 0.03, "1 document and 1 page in 0.0 s", "1 个文档、1 页，用时 0.0 秒"},
		{9, 72, 1, 2, "9 documents and 72 pages in 2.0 s; 1 failed", "9 个文档、72 页，用时 2.0 秒；1 个失败"},
	}
	for _, c := range cases {
		got := summary(c.docs, c.pages, c.failed, secs(c.secs))
		if got.String() != c.want {
			t.Errorf("summary %q, want %q", got, c.want)
		}
		// As the terminal gets it: after the erase of the progress line.
		var zh strings.Builder
		say.Fprintf(i18n.Writer(i18n.Chinese, &zh), "\r\x1b[K%s\n", got)
		if zh.String() != "\r\x1b[K"+c.zh+"\n" {
			t.Errorf("summary in Chinese %q, want %q", zh.String(), "\r\x1b[K"+c.zh+"\n")
		}
	}
}

func secs(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

func TestProgressLineOnATerminal(t *testing.T) {
	var buf bytes.Buffer
	p := startProgress(&buf, 2)
	p.begin("data/a.toml")
	p.begin("data/b.toml")
	p.report(8, false, func() { buf.WriteString("data/a.toml → output/a.pdf\n") })
	p.report(0, true, func() { buf.WriteString("data/b.toml:3:1: problem\n") })
	p.finish()
	out := buf.String()
	for _, want := range []string{
		"\r\x1b[K[0/2] data/a.toml  ",
		"\r\x1b[K[0/2] data/b.toml  ",
		"\r\x1b[Kdata/a.toml → output/a.pdf\n\r\x1b[K[1/2] data/b.toml  ",
		"\r\x1b[Kdata/b.toml:3:1: problem\n\r\x1b[K[2/2] data/b.toml  ",
		"\r\x1b[K1 document and 8 pages in ",
		" s; 1 failed\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("progress output lacks %q:\n%q", want, out)
		}
	}
	var nilProgress *progress
	printed := false
	nilProgress.begin("x")
	nilProgress.report(1, false, func() { printed = true })
	nilProgress.finish()
	if !printed {
		t.Error("without a terminal the message was not printed")
	}
}
