package doc

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadReadsTheReferenceFields(t *testing.T) {
	d, err := Load("testdata/good.toml")
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"number", d.Number.String(), "川办函〔2024〕114号"},
		{"date", d.Date.String(), "2024年12月26日"},
		{"recipients lose their colon", d.Recipients, "各市（州）人民政府"},
		{"template beside the data", d.Template, filepath.Join("testdata", "body.txt")},
		{"author defaults to the issuer", d.Meta.Author, "四川省人民政府办公厅"},
		{"format defaults to letter", d.Format, "letter"},
		{"second attachment", d.Attachments[1].Title, "第二个附件"},
		{"its position", d.Attachments[1].Pos.String(), "testdata/good.toml:17:1"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
}

func TestLoadAcceptsTheNumberAsOneString(t *testing.T) {
	src := strings.Replace(read(t, "testdata/good.toml"), "[number]\nagency = \"川办函\"\nyear = 2024\nserial = 114\n", "", 1)
	src = "number = \"川办函〔2024〕114号\"\n" + src
	d, err := Parse("x.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	if d.Number != (Number{"川办函", 2024, 114}) {
		t.Errorf("got %+v", d.Number)
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Each file under testdata/errors holds its expected messages in
// "# want: " lines, FILE standing for its path.
func TestLoadReportsEveryProblemWithItsPosition(t *testing.T) {
	files, _ := filepath.Glob("testdata/errors/*.toml")
	if len(files) == 0 {
		t.Fatal("no test files")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			var want []string
			for _, l := range strings.Split(read(t, f), "\n") {
				if w, ok := strings.CutPrefix(l, "# want: "); ok {
					want = append(want, strings.ReplaceAll(w, "FILE", f))
				}
			}
			_, err := Load(f)
			if err == nil {
				t.Fatalf("no error, want %q", want)
			}
			got := strings.Split(err.Error(), "\n")
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
}

func TestLoadNamesAFileItCannotRead(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		filepath.Join(dir, "none.toml"): "no such file or directory",
		dir:                             "is a folder",
	}
	for p, want := range cases {
		_, err := Load(p)
		if err == nil || !strings.HasPrefix(err.Error(), p+": ") || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", p, err, want)
		}
	}
}

func TestKeyPositionsFollowTablesAndArrays(t *testing.T) {
	src := "a = 1\n[t]\n  b = \"x\"\n[[arr]]\nc = 2\n[[arr]]\n\"d.e\" = 3\nm = \"\"\"\nx = 1\n\"\"\"\nf = [\n 1,\n]\ng = 4\n"
	pos := keyPositions("f", src)
	want := map[string]string{"a": "f:1:1", "t.b": "f:3:3", "arr.0.c": "f:5:1", "arr.1.d.e": "f:7:1", "arr.1.m": "f:8:1", "arr.1.f": "f:11:1", "arr.1.g": "f:14:1"}
	for k, w := range want {
		if got := pos[k].String(); got != w {
			t.Errorf("%s at %s, want %s", k, got, w)
		}
	}
	if _, ok := pos["arr.1.x"]; ok {
		t.Error("a line inside a multi-line string was taken for a key")
	}
}

func TestNearestSuggestsOnlyLikelyTypos(t *testing.T) {
	known := []string{"title", "template", "issuer", "date"}
	cases := map[string]string{"titel": "title", "tempalte": "template", "isuer": "issuer", "colour": "", "x": ""}
	for in, want := range cases {
		if got := nearest(in, known); got != want {
			t.Errorf("nearest(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkParseGrowsWithTheInput parses data files of many decimal
// figures and of one long list (issue #25: 100,000 figures took time in
// their square, each figure's line found by splitting the source; a line
// of 20,000 抄送 too, each value's column counted from the line's start).
// Twice the input takes about twice the time.
func BenchmarkParseGrowsWithTheInput(b *testing.B) {
	for _, n := range []int{10_000, 20_000} {
		var figs, list strings.Builder
		figs.WriteString("title = [\"关于\"]\n[figures]\n")
		list.WriteString("title = [\"关于\"]\n[imprint]\ncc = [")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&figs, "x%d = %d.5\n", i, i)
			fmt.Fprintf(&list, "\"单位%d\", ", i)
		}
		list.WriteString("\"末\"]\n")
		for name, src := range map[string]string{"figures": figs.String(), "cc": list.String()} {
			b.Run(fmt.Sprintf("%s %d", name, n), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					Parse("d.toml", src)
				}
			})
		}
	}
}
