package main

import (
	"bytes"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

// A help's Chinese is keyed by its command, not by its English
// (i18n/zh_help.go), so an English help that changes keeps its old
// Chinese: each flag and each command the English names must be named
// by the Chinese too, or the Chinese is behind.
func TestEachHelpsChineseNamesWhatItsEnglishNames(t *testing.T) {
	names := []string{""}
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	// a flag (-o, --ofd), or a command (gongwen build)
	named := regexp.MustCompile(`(?:^|[\s\[(|（“，、])(--?[a-z][a-z0-9-]*)|(gongwen (?:` + strings.Join(names[1:], "|") + `))\b`)
	find := func(s string) []string {
		var out []string
		for _, m := range named.FindAllStringSubmatch(s, -1) {
			out = append(out, m[1]+m[2])
		}
		return out
	}
	for _, n := range names {
		args := []string{"help"}
		if n != "" {
			args = append(args, n)
		}
		var en, zh, stderr bytes.Buffer
		if code := run(append([]string{"--lang", "en"}, args...), &en, &stderr); code != 0 {
			t.Fatalf("gongwen %v: exit %d\n%s", args, code, stderr.String())
		}
		run(append([]string{"--lang", "zh"}, args...), &zh, &stderr)
		if bytes.Equal(en.Bytes(), zh.Bytes()) {
			t.Errorf("gongwen %v: the help is not in Chinese", args)
			continue
		}
		inZh := find(zh.String())
		for _, w := range slices.Compact(slices.Sorted(slices.Values(find(en.String())))) {
			if !slices.Contains(inZh, w) {
				t.Errorf("gongwen %v: the English help names %s, its Chinese (internal/i18n/zh_help.go) does not", args, w)
			}
		}
	}
}
