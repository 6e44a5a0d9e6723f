package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongwen/internal/format"
	"gongwen/internal/pdfcheck"
)

// TestBinaryAloneMakesEveryFormat builds the binary as make does, copies
// only it into an empty folder with an empty home, starts a document of
// each format with gongwen new, builds it and reads the PDF back: every
// font embedded, the text of the data and the annex's totals in it, and
// verify finds it identical to a rebuild.
func TestBinaryAloneMakesEveryFormat(t *testing.T) {
	pdfcheck.RequireTools(t, "pdftotext", "pdffonts")
	repo, _ := filepath.Abs("../..")
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "made", "gongwen")
	mk := exec.Command("make", "-s", "-C", repo, "BIN="+bin, bin)
	if out, err := mk.CombinedOutput(); err != nil {
		t.Fatalf("make: %v\n%s", err, out)
	}
	home := filepath.Join(tmp, "home")
	work := filepath.Join(tmp, "work")
	for _, d := range []string{home, work} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	alone := filepath.Join(work, "gongwen")
	b, err := os.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(alone, b, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("binary: %d bytes", len(b))
	env := []string{"HOME=" + home, "PATH=/usr/bin:/bin", "LANG=C.UTF-8"}
	gongwen := func(dir string, args ...string) (string, int) {
		t.Helper()
		c := exec.Command(alone, args...)
		c.Dir, c.Env = dir, env
		out, err := c.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return string(out), code
	}

	out, code := gongwen(work, "version")
	rev, err := exec.Command("git", "-C", repo, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatalf("git: %v", err)
	}
	if want := "gongwen 0.1.0\nrevision: " + strings.TrimSpace(string(rev)); code != 0 || !strings.HasPrefix(out, want) {
		t.Errorf("version printed\n%s\nwant\n%s", out, want)
	}

	// In a Chinese locale the binary speaks Chinese.
	c := exec.Command(alone, "bild")
	c.Dir, c.Env = work, []string{"HOME=" + home, "PATH=/usr/bin:/bin", "LANG=zh_CN.UTF-8"}
	if zh, _ := c.CombinedOutput(); !strings.HasPrefix(string(zh), "gongwen：未知命令 \"bild\"\n") {
		t.Errorf("LANG=zh_CN.UTF-8 gongwen bild printed\n%s", zh)
	}

	today := time.Now()
	date := fmt.Sprintf("%d年%d月%d日", today.Year(), today.Month(), today.Day()) // 成文日期: the day new ran
	for f, own := range map[string]string{"file": date, "letter": date, "order": "市长张三" + date, "minutes": "出席：王明、李华、张伟"} {
		t.Run(f, func(t *testing.T) {
			dir := filepath.Join(work, f)
			os.Mkdir(dir, 0o755)
			if out, code := gongwen(dir, "new", "--format", f, "通知"); code != 0 {
				t.Fatalf("new: exit %d\n%s", code, out)
			}
			if out, code := gongwen(dir, "build", "data/通知.toml"); code != 0 || out != "data/通知.toml → output/通知.pdf\n" {
				t.Fatalf("build: exit %d\n%s", code, out)
			}
			pdf := filepath.Join(dir, "output", "通知.pdf")
			fonts, err := exec.Command("pdffonts", pdf).Output()
			if err != nil {
				t.Fatal(err)
			}
			rows := strings.Split(strings.TrimSpace(string(fonts)), "\n")[2:]
			if len(rows) < 3 {
				t.Errorf("only %d fonts in the PDF:\n%s", len(rows), fonts)
			}
			for _, r := range rows {
				if !regexp.MustCompile(`\s+yes\s+yes\s+yes\s`).MatchString(r) {
					t.Errorf("a font not embedded as a subset with a Unicode map: %s", r)
				}
			}
			text, err := pdfcheck.Text(pdf)
			if err != nil {
				t.Fatal(err)
			}
			flat := strings.Join(strings.Fields(text), "")
			for _, want := range []string{
				"计划开展工作35项，已完成29项",   // the annex's totals, cited by the body
				"第一单位1210", "合计3529", // the annex table and its total row
				own,
			} {
				if !strings.Contains(flat, want) {
					t.Errorf("the PDF's text lacks %q:\n%s", want, text)
				}
			}
			if out, code := gongwen(dir, "verify", "output/通知.pdf"); code != 0 || !strings.Contains(out, "identical") {
				t.Errorf("verify: exit %d\n%s", code, out)
			}
			// A second new with the same name writes nothing.
			before, _ := os.ReadFile(filepath.Join(dir, "data", "通知.toml"))
			if out, code := gongwen(dir, "new", "--format", "letter", "通知"); code != 1 || !strings.Contains(out, "already exists") {
				t.Errorf("new over an existing document: exit %d\n%s", code, out)
			}
			if after, _ := os.ReadFile(filepath.Join(dir, "data", "通知.toml")); !bytes.Equal(before, after) {
				t.Error("new replaced an existing file")
			}
		})
	}
	// Each 文种 starts in its format, with its title, direction and body,
	// and builds as written.
	year := strconv.Itoa(today.Year())
	for _, k := range format.Kinds() {
		t.Run(k.Name, func(t *testing.T) {
			dir := filepath.Join(work, "kind-"+k.Name)
			os.Mkdir(dir, 0o755)
			if out, code := gongwen(dir, "new", "--kind", k.Name, "x"); code != 0 {
				t.Fatalf("new --kind %s: exit %d\n%s", k.Name, code, out)
			}
			data, _ := os.ReadFile(filepath.Join(dir, "data", "x.toml"))
			if !strings.Contains(string(data), "format = \""+k.Format+"\"\nkind = \""+k.Name+"\"") {
				t.Errorf("data/x.toml does not record format %s and kind %s:\n%s", k.Format, k.Name, data)
			}
			if out, code := gongwen(dir, "build", "data/x.toml"); code != 0 {
				t.Fatalf("build: exit %d\n%s", code, out)
			}
			text, err := pdfcheck.Text(filepath.Join(dir, "output", "x.pdf"))
			if err != nil {
				t.Fatal(err)
			}
			flat := strings.Join(strings.Fields(text), "")
			want := []string{"35项", "合计3529"} // the body cites the annex's total
			if k.Format == "file" || k.Format == "letter" {
				want = append(want, "的"+k.Name)
			}
			if k.Direction == format.Upward {
				want = append(want, "签发人：王明")
			}
			if k.Contact {
				want = append(want, "（联系人：")
			}
			if k.Reply {
				want = append(want, "（示镇〔"+year+"〕5号）收悉")
			}
			for _, w := range want {
				if !strings.Contains(flat, w) {
					t.Errorf("the %s's PDF lacks %q:\n%s", k.Name, w, text)
				}
			}
			if k.Direction != format.Upward && strings.Contains(flat, "签发人") {
				t.Errorf("a %s is not a 上行文, yet shows a 签发人", k.Name)
			}
		})
	}
	if out, code := gongwen(work, "new", "--kind", "函", "--format", "file", "y"); code != 2 || !strings.Contains(out, "letter") {
		t.Errorf("new --kind 函 --format file: exit %d\n%s", code, out)
	}
	if out, code := gongwen(work, "formats"); code != 0 || !strings.Contains(out, "kinds (new --kind): 通知, 通报, 请示, 报告, 批复, 意见, 决定, 公告, 通告") {
		t.Errorf("formats does not list the 文种 of the 文件格式:\n%s", out)
	}
}
