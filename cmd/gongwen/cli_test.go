package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// TestCommandLineBehaves runs the command line as a user types it, in a
// scratch project whose fonts come from the nearest fonts/fonts.toml, and
// checks the exit status, the first line printed and which files exist
// afterwards.
func TestCommandLineBehaves(t *testing.T) {
	cases := []struct {
		name   string
		args   []string
		break_ bool              // break the document first
		write  map[string][]byte // files to write first
		has    string            // what the first line holds too
		exit   int
		first  string   // the first line printed (stdout then stderr); a prefix when it ends in …
		zh     string   // the same in Chinese (--lang zh)
		exist  []string // files or folders there afterwards
		absent []string // nor these
	}{
		{name: "flags after the file", args: []string{"build", "data/doc.toml", "-o", "x.pdf"},
			first: "data/doc.toml → x.pdf", zh: "data/doc.toml → x.pdf", exist: []string{"x.pdf"}, absent: []string{"output"}},
		{name: "flags on both sides", args: []string{"build", "--fonts=fonts", "data/doc.toml", "-o", "out/"},
			first: "data/doc.toml → out/doc.pdf", zh: "data/doc.toml → out/doc.pdf", exist: []string{"out/doc.pdf"}},
		{name: "a file named like a flag after --", args: []string{"check", "--", "-o"},
			exit: exitInput, first: "-o: …", zh: "-o: …"},
		{name: "-o ending in .PDF is a file", args: []string{"build", "-o", "Final.PDF", "data/doc.toml"},
			first: "data/doc.toml → Final.PDF", zh: "data/doc.toml → Final.PDF", exist: []string{"Final.PDF"}, absent: []string{"Final.PDF/doc.pdf"}},
		{name: "-o ending in / is a new folder", args: []string{"build", "-o", "new/deeper/", "data/doc.toml"},
			first: "data/doc.toml → new/deeper/doc.pdf", zh: "data/doc.toml → new/deeper/doc.pdf", exist: []string{"new/deeper/doc.pdf"}},
		{name: "-o an existing folder", args: []string{"build", "-o", "data", "data/doc.toml"},
			first: "data/doc.toml → data/doc.pdf", zh: "data/doc.toml → data/doc.pdf", exist: []string{"data/doc.pdf"}},
		{name: "-o neither", args: []string{"build", "-o", "Final", "data/doc.toml"},
			exit: exitUsage, first: "gongwen build: -o Final: neither a folder nor a file ending in .pdf, .ofd or .docx: end a new folder's name with / (Final/), or a file's with .pdf", zh: "gongwen build: -o Final：既不是文件夹，也不是以 .pdf、.ofd 或 .docx 结尾的文件：新文件夹的名称请以 / 结尾（Final/），文件名请以 .pdf 结尾",
			absent: []string{"Final", "output"}},
		{name: "-o an existing file of another kind", args: []string{"build", "-o", "templates/body.txt", "data/doc.toml"},
			exit: exitUsage, first: "gongwen build: -o templates/body.txt: a file that does not end in .pdf, .ofd or .docx; name the PDF NAME.pdf, or a folder", zh: "gongwen build: -o templates/body.txt：已有的文件，不以 .pdf、.ofd 或 .docx 结尾；请把 PDF 命名为 NAME.pdf，或指定一个文件夹"},
		{name: "a failed build makes no folder", args: []string{"build", "-o", "new/", "data/doc.toml"}, break_: true,
			exit: exitInput, first: "data/doc.toml:…", zh: "data/doc.toml:…", absent: []string{"new"}},
		{name: "a failed build makes no output/", args: []string{"build", "data/doc.toml"}, break_: true,
			exit: exitInput, first: "data/doc.toml:…", zh: "data/doc.toml:…", absent: []string{"output"}},
		{name: "a failed preview makes no folder", args: []string{"preview", "-o", "pngs", "data/doc.toml"}, break_: true,
			exit: exitInput, first: "data/doc.toml:…", zh: "data/doc.toml:…", absent: []string{"pngs"}},
		{name: "help for an unknown command", args: []string{"help", "nosuch"},
			exit: exitUsage, first: `gongwen help: no command "nosuch"`, zh: "gongwen help：没有命令 \"nosuch\""},
		{name: "help for a command", args: []string{"help", "fonts"},
			first: "Usage: gongwen fonts [--licences] [FILE...]", zh: "用法：gongwen fonts [--licences] [FILE...]"},
		{name: "version", args: []string{"version"}, first: "gongwen 0.1.0", zh: "gongwen 0.1.0"},
		{name: "new, flag after the name", args: []string{"new", "公告", "--format", "letter"},
			first: "wrote data/公告.toml", zh: "已写入 data/公告.toml", exist: []string{"data/公告.toml", "templates/公告.txt", "data/公告/附件1.toml"}},
		{name: "new in an unknown format", args: []string{"new", "--format", "memo", "x"},
			exit: exitUsage, first: `gongwen new: unknown format "memo" (known: "file", "letter", "order", "minutes")`, zh: "gongwen new: 未知格式 \"memo\"（已知：\"file\", \"letter\", \"order\", \"minutes\"）", absent: []string{"data/x.toml"}},
		{name: "new with a path for a name", args: []string{"new", "a/b"},
			exit: exitUsage, first: `gongwen new: "a/b": a document's name cannot hold / \ : * ? " < > | or control characters`, zh: `gongwen new: "a/b"：文档名称不能含有 / \ : * ? " < > | 或控制字符`},
		{name: "new over an existing document", args: []string{"new", "doc"},
			exit: exitInput, first: "gongwen new: data/doc.toml already exists; choose another name (nothing was written)", zh: "gongwen new: data/doc.toml 已经存在；请换一个名称（什么也没写入）", absent: []string{"templates/doc.txt"}},
		{name: "formats", args: []string{"formats"}, first: "file (文件格式)", zh: "file (文件格式)"},
		{name: "a data file in GBK", args: []string{"build", "data/doc.toml"}, write: map[string][]byte{"data/doc.toml": gbk(t, "data/doc.toml")},
			exit: exitInput, first: "data/doc.toml:2:11: …", zh: "data/doc.toml:2:11: 文件不是 UTF-8，看起来是 GBK/GB18030（Windows 的中文编码）（按该编码读作“四川省人民政府办…”）：请存为 UTF-8（记事本：文件 → 另存为，编码选 UTF-8；WPS 和 Word：另存为纯文本，编码选 UTF-8）；或者转换：iconv -f GB18030 -t UTF-8", has: "not UTF-8 but looks like GBK/GB18030, the Windows Chinese encoding (it reads “", absent: []string{"output"}},
		{name: "a template in UTF-16", args: []string{"check", "data/doc.toml"}, write: map[string][]byte{"templates/body.txt": utf16(t, "templates/body.txt")},
			exit: exitInput, first: "templates/body.txt:1:1: the file is not UTF-8 but looks like UTF-16 (little-endian) (it reads “开头的段落总体情…” in that encoding): save it as UTF-8 …", zh: "templates/body.txt:1:1: 文件不是 UTF-8，看起来是 UTF-16（小端序）（按该编码读作“开头的段落总体情…”）：请存为 UTF-8…"},
	}
	for _, c := range cases {
		for _, lang := range []string{"en", "zh"} {
			first, has := c.first, c.has
			if lang == "zh" {
				first, has = c.zh, ""
			}
			testCommandLine(t, c.name+"/"+lang, append([]string{"--lang", lang}, c.args...), c.exit, first, has, c.break_, c.write, c.exist, c.absent)
		}
	}
}

func testCommandLine(t *testing.T, name string, args []string, exit int, want, has string, break_ bool, write map[string][]byte, exist, absent []string) {
	c := struct {
		args          []string
		exit          int
		first, has    string
		break_        bool
		write         map[string][]byte
		exist, absent []string
	}{args, exit, want, has, break_, write, exist, absent}
	{
		t.Run(name, func(t *testing.T) {
			fontsDir := newProject(t)
			os.MkdirAll("fonts", 0o755)
			cfg, _ := os.ReadFile(fontsDir + "/fonts.toml")
			cfg = regexp.MustCompile(`"([^"#]+\.ttf)"`).ReplaceAll(cfg, []byte(`"`+fontsDir+`/$1"`))
			if err := os.WriteFile("fonts/fonts.toml", cfg, 0o644); err != nil {
				t.Fatal(err)
			}
			if c.break_ {
				if err := os.WriteFile("data/doc.toml", []byte("titel = 1\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			for p, b := range c.write {
				if err := os.WriteFile(p, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr bytes.Buffer
			code := run(c.args, &stdout, &stderr)
			first, _, _ := strings.Cut(stdout.String()+stderr.String(), "\n")
			if !strings.Contains(first, c.has) {
				t.Errorf("printed\n%s\nwhich lacks\n%s", first, c.has)
			}
			if code != c.exit {
				t.Errorf("exit %d, want %d\n%s%s", code, c.exit, stdout.String(), stderr.String())
			}
			if prefix, ok := strings.CutSuffix(c.first, "…"); !(first == c.first || ok && strings.HasPrefix(first, prefix)) {
				t.Errorf("printed\n%s\nwant\n%s", first, c.first)
			}
			for _, p := range c.exist {
				if _, err := os.Stat(p); err != nil {
					t.Errorf("%s: %v", p, err)
				}
			}
			for _, p := range c.absent {
				if _, err := os.Stat(p); err == nil {
					t.Errorf("%s exists", p)
				}
			}
		})
	}
}

// gbk is the base project's file at p, saved as a Windows editor saves
// Chinese: GBK (GB18030).
func gbk(t *testing.T, p string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata/base", p))
	if err != nil {
		t.Fatal(err)
	}
	if b, err = simplifiedchinese.GB18030.NewEncoder().Bytes(b); err != nil {
		t.Fatal(err)
	}
	return b
}

// utf16 is the base project's file at p as Windows' "Unicode": UTF-16,
// little-endian, with a byte order mark.
func utf16(t *testing.T, p string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata/base", p))
	if err != nil {
		t.Fatal(err)
	}
	if b, err = xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().Bytes(b); err != nil {
		t.Fatal(err)
	}
	return b
}
