package starter

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"gongwen/internal/format"
	"gongwen/internal/i18n"
)

// Under a Chinese locale every comment line of every starter is Chinese
// (internal/i18n/zh_starter.go); a command line stays as it is. And each
// Chinese line there is still a comment line of some starter.
func TestEveryCommentHasChinese(t *testing.T) {
	english := regexp.MustCompile(`[A-Za-z]{2,}`)
	used := map[string]bool{}
	type source struct {
		name, text string
		template   bool
	}
	var sources []source
	for _, n := range format.Names() {
		f, _ := format.ByName(n)
		s := f.Starter
		sources = append(sources, source{n + " data", s.Data, false}, source{n + " body", s.Body, true}, source{n + " annex", s.Annex, false})
	}
	for _, k := range format.Kinds() {
		sources = append(sources, source{k.Name + " body", k.Starter.Body, true})
	}
	if len(sources) < 12+12 {
		t.Fatalf("%d starter sources", len(sources))
	}
	for _, src := range sources {
		Comments([]byte(src.text), src.template, func(c string) string {
			zh := i18n.T(i18n.Chinese, c)
			used[c] = true
			if zh == c && english.MatchString(c) && !strings.HasPrefix(c, "gongwen ") {
				t.Errorf("%s: no Chinese for the comment line; add to internal/i18n/zh_starter.go:\n\t%q: \"\",", src.name, c)
			}
			return zh
		})
	}
	for _, c := range i18n.StarterLines() {
		if !used[c] {
			t.Errorf("internal/i18n/zh_starter.go: %q is a comment line of no starter; delete it", c)
		}
	}
}

// A starter written in Chinese keeps its data, its template's actions and
// its headings: only comments change.
func TestChineseCommentsChangeOnlyComments(t *testing.T) {
	for _, f := range format.Names() {
		en, err := Files(f, "测试", testDate, nil)
		if err != nil {
			t.Fatal(err)
		}
		zh, err := Files(f, "测试", testDate, func(c string) string { return i18n.T(i18n.Chinese, c) })
		if err != nil {
			t.Fatal(err)
		}
		for i := range en {
			a, b := strings.Split(string(en[i].Data), "\n"), strings.Split(string(zh[i].Data), "\n")
			if len(a) != len(b) {
				t.Fatalf("%s: %d lines in English, %d in Chinese", en[i].Path, len(a), len(b))
			}
			for k := range a {
				if a[k] != b[k] && !isComment(a[k]) {
					t.Errorf("%s:%d: not a comment, yet changed:\n%s\n%s", en[i].Path, k+1, a[k], b[k])
				}
			}
		}
	}
}

var testDate = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

func isComment(l string) bool {
	return strings.HasPrefix(l, "#") || strings.Contains(l, " # ") || strings.HasPrefix(l, "{{/*") || strings.HasPrefix(l, "     ")
}
