package expand

import (
	"os"
	"strings"
	"testing"
)

// TestTheREADMEsPastedBodyReadsAsItSays parses the README's example of a
// body pasted from Word (the indented block after "Each line is a
// paragraph") and checks it reads as the README says: 一、 and 二、 level
// 1, the （一） lines level 2 run in, 1. and 2. level 3, the first and last
// lines paragraphs; and no warning.
func TestTheREADMEsPastedBodyReadsAsItSays(t *testing.T) {
	b, err := os.ReadFile("../../docs/en/manual.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "- Each line is a paragraph.")
	if i < 0 {
		t.Fatal(`README: no "Each line is a paragraph."`)
	}
	var block []string
	for _, l := range strings.Split(s[i:], "\n")[1:] {
		if !strings.HasPrefix(l, "      ") {
			if len(block) > 0 {
				break
			}
			continue
		}
		block = append(block, strings.TrimPrefix(l, "      "))
	}
	if len(block) == 0 {
		t.Fatal("README: no example under \"Each line is a paragraph.\"")
	}
	body := parseBody("README.md", strings.Join(block, "\n"), nil, nil)
	if err := body.errs.Err(); err != nil {
		t.Fatal(err)
	}
	for _, w := range body.warnings {
		t.Errorf("warning: %v", w)
	}
	var kinds []string
	for _, bl := range body.blocks {
		k := "P"
		switch {
		case bl.Level > 0 && bl.RunIn:
			k = bl.Number + "|"
		case bl.Level > 0:
			k = bl.Number
		}
		kinds = append(kinds, k)
	}
	want := "P 一、 （一）| （二） 1. 2. 二、 P"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("the README's example reads %q, want %q", got, want)
	}
}
