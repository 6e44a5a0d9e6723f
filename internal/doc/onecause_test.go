package doc

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// One cause, one line: each mistake a clerk makes first is one message, at
// its place, saying what to write.
func TestOneCauseOneLine(t *testing.T) {
	const table = "[total]\nlabel = \"合计\"\n[[columns]]\nkey = \"unit\"\ntitle = \"单位\"\n[[columns]]\nkey = \"funds\"\ntitle = \"经费\"\nfigures = true\n%s\n[[rows]]\nunit = \"甲\"\nfunds = 10.50\n[[rows]]\nunit = \"乙\"\nfunds = 8.25\n[[rows]]\nunit = \"丙\"\nfunds = 11.00\n"
	for _, c := range []struct {
		name, src string
		want      []string
	}{
		{"a misspelt setting: the cells' problems follow from it", strings.Replace(table, "%s", "decimal = 2", 1),
			[]string{`t.toml:10:1: unknown key "decimal", did you mean "decimals"?`}},
		{"a figure in quotes names its column", strings.Replace(strings.Replace(table, "%s", "decimals = 2", 1), "funds = 8.25", `funds = "8.25"`, 1),
			[]string{`t.toml:16:1: column "funds" (经费) holds figures, and "8.25" in quotes is text: write 8.25 without quotes`}},
		{"a column named group", strings.Replace(strings.Replace(strings.Replace(table, "%s", "decimals = 2", 1), `key = "unit"`, `key = "group"`, 1), "unit = ", "group = ", -1),
			[]string{`t.toml:4:1: "group" is a reserved key: a row written group = "…" is a group row across the table; give the column another key`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseTable("t.toml", c.src)
			var got []string
			if err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// A key written as the standard names it, bare or quoted, says which key
// is meant, at its line.
func TestKeysInChinese(t *testing.T) {
	base := "format = \"letter\"\ntemplate = \"b.txt\"\nissuer = \"甲\"\nnumber = \"甲〔2025〕1号\"\ntitle = \"关于甲的通知\"\nrecipients = \"乙\"\n%s\ndate = 2025-01-02\n"
	for _, c := range []struct{ line, want string }{
		{`署名 = "甲"`, `d.toml:7:1: 署名 is the standard's name for the key signature: write signature = …`},
		{`"署名" = "甲"`, `d.toml:7:1: unknown key "署名": the key for 署名 is signature`},
		{`签字 = "甲"`, `d.toml:7:1: a key is written in Latin letters, not "签字": gongwen formats lists the keys and their names in the standard`},
	} {
		dir := t.TempDir()
		p := filepath.Join(dir, "d.toml")
		os.WriteFile(p, []byte(strings.Replace(base, "%s", c.line, 1)), 0o644)
		os.WriteFile(filepath.Join(dir, "b.txt"), []byte("正文。\n"), 0o644)
		_, err := Load(p)
		if err == nil || !strings.HasPrefix(strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""), c.want) {
			t.Errorf("%s:\n got %v\nwant %s", c.line, err, c.want)
		}
	}
}
