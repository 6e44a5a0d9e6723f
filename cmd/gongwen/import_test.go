package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// gongwen import writes a project from a draft, as gongwen new does: it
// refuses to replace any file (writing none), says what it could not
// place, and a placeholder it writes is named by check at its line.
func TestImportWritesAProjectAndNeverOverwrites(t *testing.T) {
	t.Chdir(t.TempDir())
	draft := "关于报送材料的通知\n各单位：\n一、报送内容\n三、报送要求\n请按时报送。\n示例县人民政府办公室\n2025年9月28日\n另有一段说明。\n"
	if err := os.WriteFile("稿.txt", []byte(draft), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout []string // lines it must print
		stderr []string
	}{
		{"import", []string{"import", "稿.txt", "通知"}, exitOK,
			[]string{"wrote data/通知.toml", "wrote templates/通知.txt", "check it with: gongwen check data/通知.toml"},
			[]string{"稿.txt:4: the heading numbered 三、 is number 2 of its level here", "稿.txt:8: kept as body text", "稿.txt: the draft has no 发文字号 (number)"}},
		{"again: nothing replaced", []string{"import", "稿.txt", "通知"}, exitInput, nil,
			[]string{"data/通知.toml already exists; choose another name (nothing was written)"}},
		{"check names the placeholders", []string{"check", "data/通知.toml"}, exitInput, nil,
			[]string{`data/通知.toml:10:1: missing required key "issuer" (发文机关, GB/T 9704-2012): its line is commented out`,
				`data/通知.toml:11:1: missing required key "number" (发文字号, GB/T 9704-2012)`}},
		{"in Chinese", []string{"--lang", "zh", "import", "稿.txt", "通知2"}, exitOK,
			[]string{"已写入 data/通知2.toml"}, []string{"稿.txt:4: 序号为 三、 的标题在本层次中是第 2 个；模板按位置编号，因此印为 二、"}},
		{"one argument", []string{"import", "稿.txt"}, exitUsage, nil, []string{"give a draft and a name, not 1 arguments"}},
		{"not a draft", []string{"import", "稿.pdf", "x"}, exitInput, nil, []string{"稿.pdf: a draft is a .docx, .md or .txt file"}},
		{"a .docx that is not one", []string{"import", "--draft", "docx", "稿.txt", "x"}, exitInput, nil, []string{"稿.txt: not a .docx"}},
		{"a bad name", []string{"import", "稿.txt", "a/b"}, exitUsage, nil, []string{"a document's name cannot hold /"}},
		{"an unknown format", []string{"import", "--format", "memo", "稿.txt", "x"}, exitUsage, nil, []string{`unknown format "memo"`}},
	}
	for _, tc := range cases {
		var out, errOut bytes.Buffer
		code := run(tc.args, &out, &errOut)
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", tc.name, code, tc.code, &out, &errOut)
		}
		for _, w := range tc.stdout {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s: stdout lacks %q:\n%s", tc.name, w, &out)
			}
		}
		for _, w := range tc.stderr {
			if !strings.Contains(errOut.String(), w) {
				t.Errorf("%s: stderr lacks %q:\n%s", tc.name, w, &errOut)
			}
		}
	}
	// Under a Chinese locale the files' comments are Chinese, as new's are.
	if b, _ := os.ReadFile("data/通知2.toml"); !strings.Contains(string(b), "# 通知2：由 gongwen import 从 稿.txt 导入。") || !strings.Contains(string(b), "# 发文字号（GB/T 9704-2012 7.2.5）：草稿中没有；请填写并删去 #") {
		t.Errorf("data/通知2.toml's comments are not Chinese:\n%s", b)
	}
	// Its help in Chinese is Chinese.
	var out bytes.Buffer
	run([]string{"--lang", "zh", "import", "--help"}, &out, &out)
	keys := map[string]bool{"file": true, "letter": true, "order": true, "minutes": true, "docx": true, "md": true, "txt": true, "WPS": true, "Word": true, "LibreOffice": true, "Markdown": true}
	for _, line := range strings.Split(out.String(), "\n") {
		if words := englishWords(line, keys); len(words) > 0 {
			t.Errorf("import --help: English %q in\n%s", words, line)
		}
	}
	if _, err := os.Stat("data/x.toml"); err == nil {
		t.Error("a failed import wrote data/x.toml")
	}
}
