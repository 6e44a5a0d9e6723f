package segment

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite index.bin from the word list")

// scan is the list read whole, line by line, as every text once was: the
// reference the index is held to.
func scan(keep func(word string) bool) (words []entry, total float64) {
	lines(func(_ int, line string) {
		if e, ok := parseLine(line); ok {
			total += e.freq
			if keep(e.word) {
				words = append(words, e)
			}
		}
	})
	return words, total
}

func TestListTotalIsTheList(t *testing.T) {
	if _, total := scan(func(string) bool { return false }); total != listTotal {
		t.Errorf("the list's words' frequencies sum to %v; listTotal is %v (a new gse?): set it", total, listTotal)
	}
}

// The embedded index is the one built from the list, byte for byte, and is
// the one a process uses.
func TestIndexIsTheList(t *testing.T) {
	want := build().encode()
	if *update {
		if err := os.WriteFile("index.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(embedded, want) {
		t.Fatalf("index.bin (%d bytes) is not the index of gse's word list (%d bytes; a new gse?): run go test ./internal/segment -run TestIndexIsTheList -update", len(embedded), len(want))
	}
	if _, ok := decode(embedded); !ok {
		t.Fatal("index.bin is not taken for the list's index")
	}
	if x := listIndex(); &x.slots[0] != &embedded[headerSize] {
		t.Error("the process built the index instead of taking index.bin")
	}
}

// An index made from another list is not taken for this list's.
func TestIndexOfAnotherListIsRefused(t *testing.T) {
	for name, change := range map[string]func(b []byte){
		"length": func(b []byte) { b[len(magic)]++ },
		"sample": func(b []byte) { b[len(magic)+16]++ },
		"magic":  func(b []byte) { b[0] = 'x' },
		"cut":    nil,
	} {
		b := append([]byte(nil), embedded...)
		if change == nil {
			b = b[:len(b)-4]
		} else {
			change(b)
		}
		if _, ok := decode(b); ok {
			t.Errorf("%s changed: taken", name)
		}
	}
}

// The index, embedded or built, finds in a text exactly the words of the
// list that a scan of the whole list finds, with the same frequencies, in
// the same order.
func TestIndexFindsWhatAScanFinds(t *testing.T) {
	emb, ok := decode(embedded)
	if !ok {
		t.Fatal("index.bin is not this list's index")
	}
	for _, x := range []struct {
		name string
		*index
	}{{"embedded", emb}, {"built", build()}} {
		for _, text := range []string{
			"关于做好2025年春季防火期前森林草原防灭火工作的通知",
			"关于2024年下半年政府网站与政务新媒体检查和年度监管工作情况的通报",
			"四川省人民政府办公厅关于印发四川省进一步优化营商环境若干措施的通知",
			"中华人民共和国国务院令第123号",
			"a", "年", "GB/T 9704-2012", "劳动防护生化学考察队员岗上",
		} {
			want, _ := scan(func(w string) bool { return strings.Contains(text, w) })
			got := x.within(text)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s, %s:\nindex %v\nscan  %v", x.name, text, got, want)
			}
			if len(want) == 0 && text != "a" && text != "GB/T 9704-2012" {
				t.Errorf("%s: no word of the list found", text)
			}
		}
	}
}

// Every word of the list is found, at its own line, by the embedded index.
func TestIndexFindsEveryWord(t *testing.T) {
	x, ok := decode(embedded)
	if !ok {
		t.Fatal("index.bin is not this list's index")
	}
	missed := 0
	lines(func(off int, line string) {
		word, _, ok := strings.Cut(line, " ")
		if !ok || word == "" {
			return
		}
		if got, at, ok := x.find(word); (!ok || got != line || at != off) && missed < 5 {
			t.Errorf("%q: found %v at %d (%q), want at %d", word, ok, at, got, off)
			missed++
		}
	})
}

// BenchmarkIndex is the index's making from the list, as a process would
// need without index.bin.
func BenchmarkIndex(b *testing.B) {
	for b.Loop() {
		build()
	}
}

// BenchmarkIndexEmbedded is the taking of index.bin, once a process.
func BenchmarkIndexEmbedded(b *testing.B) {
	for b.Loop() {
		decode(embedded)
	}
}
