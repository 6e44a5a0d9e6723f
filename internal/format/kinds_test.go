package format

import (
	"io/fs"
	"path"
	"strings"
	"testing"
)

// Each 文种 is set in a registered format, goes the way article 8 says,
// and its example title ends in it; each body under starter/kinds is the
// body of the 文种 it is named after (a body file missing stops the
// package as it loads).
func TestKindsAreDataOfTheirFormats(t *testing.T) {
	want := map[string]Direction{"请示": Upward, "报告": Upward, "函": Parallel, "通知": Downward, "批复": Downward}
	for _, k := range Kinds() {
		f, err := ByName(k.Format)
		if err != nil {
			t.Errorf("%s: %v", k.Name, err)
			continue
		}
		if d, ok := want[k.Name]; ok && k.Direction != d {
			t.Errorf("%s is a %s, want a %s", k.Name, k.Direction, d)
		}
		if (k.Starter.Example != Example{}) && !strings.HasSuffix(k.Starter.Example.Title, k.Name) {
			t.Errorf("%s: the example title %q does not end in the 文种", k.Name, k.Starter.Example.Title)
		}
		if f.Starter.Data == "" || f.Starter.Body == "" || f.Starter.Annex == "" {
			t.Errorf("%s: its format %s has no starter", k.Name, f.Name)
		}
	}
	files, _ := fs.Glob(starterFiles, "starter/kinds/*.txt")
	if len(files) < 9 {
		t.Fatalf("%d bodies of 文种", len(files))
	}
	for _, p := range files {
		name := strings.TrimSuffix(path.Base(p), ".txt")
		if k, err := KindByName(name); err != nil || k.Starter.Body != starterFile("kinds/"+name+".txt") {
			t.Errorf("%s: no 文种 starts with it", p)
		}
	}
	if s := Upward.String() + Downward.String() + Parallel.String(); s != "上行文下行文平行文" {
		t.Errorf("directions %s", s)
	}
}
