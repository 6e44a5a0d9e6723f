package main

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// A .csv in GBK read by two documents of one build is said once, as a
// note on the error output, and both are built.
func TestGBKSheetIsNotedOncePerBuild(t *testing.T) {
	fontsDir := newProject(t)
	csv, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte("单位,网站总数\r\n成都,65\r\n自贡,10\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"data/t.csv":  csv,
		"data/t.toml": []byte("source = \"t.csv\"\n[total]\n[[columns]]\nkey = \"unit\"\n[[columns]]\nkey = \"websites\"\nfigures = true\n"),
	}
	doc, err := os.ReadFile("data/doc.toml")
	if err != nil {
		t.Fatal(err)
	}
	doc = bytes.Replace(doc, []byte("title = \"检查情况\"\n"), []byte("title = \"检查情况\"\ntable = \"t.toml\"\n"), 1)
	files["data/d1.toml"], files["data/d2.toml"] = doc, doc
	os.Remove("data/doc.toml")
	for p, b := range files {
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ lang, want string }{
		{"C", "data/t.csv: note: read as GBK/GB18030, the encoding Excel and WPS save a .csv in on Chinese Windows (not UTF-8)"},
		{"zh_CN.UTF-8", "data/t.csv: 说明：已按 GBK/GB18030 读取（中文 Windows 上 Excel 和 WPS 保存 .csv 所用的编码），而非 UTF-8"},
	} {
		t.Setenv("LC_ALL", c.lang)
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build", "--fonts", fontsDir, "-o", "out", "data/d1.toml", "data/d2.toml"}, &stdout, &stderr); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
		if got := strings.TrimSpace(stderr.String()); got != c.want {
			t.Errorf("%s: error output\n%s\nwant the note once:\n%s", c.lang, got, c.want)
		}
		for _, p := range []string{"out/d1.pdf", "out/d2.pdf"} {
			if _, err := os.Stat(p); err != nil {
				t.Error(err)
			}
		}
	}
}
