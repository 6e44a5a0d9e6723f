package main

import (
	"bytes"
	"net"
	"os"
	"strings"
	"testing"

	"gongwen/internal/format"
)

// TestEveryCommandSpeaksChinese runs the commands beyond check and build's
// problems under a Chinese locale, in the order a clerk would, in one
// project: build over an unchanged and a changed PDF, diff, verify, new,
// help, and what each says when a file is missing or is not a PDF. Every
// line printed must be Chinese (englishWords, as for the cases).
func TestEveryCommandSpeaksChinese(t *testing.T) {
	t.Setenv("LC_ALL", "zh_CN.UTF-8")
	fonts := newProject(t)
	// gongwen formats names the formats and their keys.
	keys := map[string]bool{}
	for _, name := range format.Names() {
		keys[name] = true
		f, _ := format.ByName(name)
		required, optional := f.KeyLists()
		for _, k := range append(required, optional...) {
			for _, w := range strings.Split(k, "_") {
				keys[w] = true
			}
		}
	}
	for _, r := range []format.Role{format.XiaoBiaoSong, format.FangSong, format.HeiTi, format.KaiTi, format.SongTi} {
		keys[string(r)] = true // gongwen fonts
	}
	steps := []struct {
		name string
		edit func() // before the command
		args []string
		want string // a line the command prints
	}{
		{name: "build", args: []string{"build", "-o", "old.pdf", "data/doc.toml"}, want: "data/doc.toml → old.pdf"},
		{name: "build unchanged", args: []string{"build", "-o", "same.pdf", "data/doc.toml"}},
		{name: "build over unchanged", args: []string{"build", "-o", "same.pdf", "data/doc.toml"}, want: "same.pdf: 没有变化"},
		{name: "build changed", edit: func() { replaceIn(t, "data/doc.toml", "cities = 21", "cities = 22") },
			args: []string{"build", "-o", "new.pdf", "data/doc.toml"}},
		{name: "build over changed", args: []string{"build", "-o", "same.pdf", "data/doc.toml"}, want: "same.pdf: 第 1 页有变化：1 行"},
		{name: "diff", args: []string{"diff", "old.pdf", "new.pdf"}, want: "第 1 页第 7 行：对象为2⟦1⟧个市（州），详见附件。 → 对象为2⟦2⟧个市（州），详见附件。"},
		{name: "diff same", args: []string{"diff", "new.pdf", "same.pdf"}},
		{name: "diff missing", args: []string{"diff", "old.pdf", "nothere.pdf"}},
		{name: "diff not a PDF", args: []string{"diff", "old.pdf", "data/doc.toml"}},
		{name: "verify changed", args: []string{"verify", "old.pdf"}},
		{name: "verify same", args: []string{"verify", "new.pdf"}},
		{name: "verify missing input", edit: func() { os.Rename("templates/body.txt", "templates/x.txt") }, args: []string{"verify", "new.pdf"}},
		{name: "verify not a PDF", args: []string{"verify", "data/doc.toml"}},
		{name: "verify cut short", edit: func() {
			os.Rename("templates/x.txt", "templates/body.txt")
			b, _ := os.ReadFile("new.pdf")
			os.WriteFile("short.pdf", b[:len(b)/2], 0o644)
		}, args: []string{"verify", "short.pdf"}},
		{name: "build over an input", edit: func() { os.Symlink("data/doc.toml", "in.pdf") },
			args: []string{"build", "-o", "in.pdf", "data/doc.toml"}, want: "in.pdf: 是本次生成的数据文件；输出绝不替换输入文件：请换一个输出文件名"},
		{name: "preview", args: []string{"preview", "-o", "pngs", "data/doc.toml"}},
		{name: "preview bad dpi", args: []string{"preview", "--dpi", "5", "data/doc.toml"}},
		{name: "new", args: []string{"new", "通知"}, want: "已写入 data/通知.toml"},
		{name: "new again", args: []string{"new", "通知"}},
		{name: "build what new wrote", args: []string{"build", "data/通知.toml"}, want: "data/通知.toml → output/通知.pdf"},
		{name: "new letter", args: []string{"new", "--format", "letter", "函"}},
		{name: "build the letter", args: []string{"build", "data/函.toml"}, want: "data/函.toml → output/函.pdf"},
		{name: "new order", args: []string{"new", "--format", "order", "令"}},
		{name: "build the order", args: []string{"build", "data/令.toml"}, want: "data/令.toml → output/令.pdf"},
		{name: "new minutes", args: []string{"new", "--format", "minutes", "纪要"}},
		{name: "build the minutes", args: []string{"build", "data/纪要.toml"}, want: "data/纪要.toml → output/纪要.pdf"},
		{name: "new unknown format", args: []string{"new", "--format", "memo", "x"}},
		{name: "formats", args: []string{"formats"}},
		{name: "fonts", args: []string{"fonts"}},
		{name: "unknown flag", args: []string{"build", "--nosuch", "data/doc.toml"}},
		{name: "no document", args: []string{"check"}},
		{name: "usage", args: []string{"help"}},
		{name: "serve on a taken port", args: []string{"serve", "--addr", taken(t), "data/doc.toml"},
			want: "gongwen serve: --addr " + taken(t) + "：无法在这个地址上提供页面：地址已被占用"},
	}
	for _, c := range []string{"build", "check", "preview", "verify", "diff", "new", "formats", "serve", "fonts", "sign"} {
		steps = append(steps, struct {
			name string
			edit func()
			args []string
			want string
		}{name: "help " + c, args: []string{c, "--help"}})
	}
	for _, s := range steps {
		if s.edit != nil {
			s.edit()
		}
		var stdout, stderr bytes.Buffer
		args := s.args
		switch args[0] {
		case "build", "check", "verify", "preview":
			args = append(args, "--fonts", fonts)
		}
		run(args, &stdout, &stderr)
		out := strings.Split(strings.TrimRight(stdout.String()+stderr.String(), "\n"), "\n")
		found := s.want == ""
		for _, line := range out {
			found = found || line == s.want
			if words := englishWords(line, keys); len(words) > 0 {
				t.Errorf("%s: English %q in\n%s", s.name, words, line)
			}
		}
		if !found {
			t.Errorf("%s: printed\n%s\nwhich lacks\n%s", s.name, strings.Join(out, "\n"), s.want)
		}
	}
}

// taken is a loopback address this test holds, so that nothing else can
// serve on it.
func taken(t *testing.T) string {
	t.Helper()
	if heldAddr == "" {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close(); heldAddr = "" })
		heldAddr = l.Addr().String()
	}
	return heldAddr
}

var heldAddr string
