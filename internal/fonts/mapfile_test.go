package fonts

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestOpenRefusesWhatIsNotARegularFileWithoutReadingIt(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.ttf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.ttf")
	os.WriteFile(empty, nil, 0o644)
	cases := map[string]string{
		fifo:                           "not a regular file (a named pipe)",
		"/dev/zero":                    "not a regular file (a device)",
		dir:                            "a folder, not a font file",
		empty:                          "the file is empty",
		filepath.Join(dir, "none.ttf"): "no such file",
	}
	for p, want := range cases {
		done := make(chan error, 1)
		go func() { _, err := Open(p); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.HasPrefix(err.Error(), p+": cannot read font: ") || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %v, want %q", p, err, want)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: Open still waiting: it must never open a FIFO", p)
		}
	}
}

// copyFont makes a private copy of a default font.
func copyFont(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../fonts/" + name)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func trueHash(t *testing.T, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// resetHashCache points the hash cache at a fresh folder and trusts files
// changed up to now (a test's files are new; the real window is seconds).
func resetHashCache(t *testing.T) string {
	dir := t.TempDir()
	t.Setenv(CacheEnv, dir)
	old := racyWindow
	racyWindow = -time.Hour
	hashes = hashCache{}
	t.Cleanup(func() { racyWindow = old; hashes = hashCache{} })
	return filepath.Join(dir, cacheFile)
}

func TestFontHashIsTheFilesAndIsReusedOnlyForTheSameFile(t *testing.T) {
	cache := resetHashCache(t)
	p := copyFont(t, "FandolSong-Regular.ttf")
	f, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	want := trueHash(t, p)
	if got := f.SHA256(); got != want {
		t.Fatalf("hash %s, want the file's %s", got, want)
	}
	b, err := os.ReadFile(cache)
	if err != nil || !strings.Contains("\n"+string(b), "\n"+want+" ") { // beside the mark of its outlines walked
		t.Fatalf("cache file holds %q (%v), want the hash kept", b, err)
	}

	// A planted hash under the file's identity is believed: the cache is
	// what is read, not the file.
	planted := strings.Repeat("ab", 32)
	os.WriteFile(cache, []byte(strings.Replace(string(b), want, planted, 1)), 0o644)
	hashes = hashCache{}
	f2, _ := Open(p)
	if got := f2.SHA256(); got != planted {
		t.Fatalf("hash %s, want the cached %s for an unchanged file", got, planted)
	}

	// The same file changed in place, keeping its size and modification
	// time, is hashed again: its change time moved.
	st, _ := os.Stat(p)
	data, _ := os.ReadFile(p)
	data[len(data)-1] ^= 0xFF
	data = withChecksums(data) // a font still
	time.Sleep(10 * time.Millisecond)
	os.WriteFile(p, data, 0o644)
	os.Chtimes(p, st.ModTime(), st.ModTime())
	hashes = hashCache{}
	f3, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f3.SHA256(), trueHash(t, p); got != want {
		t.Errorf("after an edit: hash %s, want the file's %s", got, want)
	}
}

func TestFontHashCacheIgnoresADamagedCacheFileAndOff(t *testing.T) {
	cache := resetHashCache(t)
	os.WriteFile(cache, []byte("garbage\n\x00\xff 1 2 3\n"), 0o644)
	p := copyFont(t, "FandolFang-Regular.ttf")
	f, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.SHA256(), trueHash(t, p); got != want {
		t.Errorf("hash %s, want %s", got, want)
	}
	t.Setenv(CacheEnv, "off")
	hashes = hashCache{}
	f, _ = Open(p)
	if got, want := f.SHA256(), trueHash(t, p); got != want {
		t.Errorf("cache off: hash %s, want %s", got, want)
	}
}

func TestAFileChangedJustNowIsNotKept(t *testing.T) {
	cache := resetHashCache(t)
	racyWindow = time.Hour
	p := copyFont(t, "FandolKai-Regular.ttf")
	f, _ := Open(p)
	f.SHA256()
	if _, err := os.Stat(cache); err == nil {
		t.Error("the hash of a file changed within the racy window was kept")
	}
}

func TestMetricsAgreeWithTheParser(t *testing.T) {
	f, err := Open("../../fonts/FandolFang-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "中文，A1 \u4e00\uffff\U00020000" {
		i := f.ttf.Index(r) // 0 above the BMP: the font has none there
		if f.Has(r) != (i != 0) {
			t.Errorf("%U: Has %v, parser's glyph %d", r, f.Has(r), i)
		}
		hm := f.ttf.HMetric(f.upm, i)
		if got, want := f.Advance(r), float64(hm.AdvanceWidth)/float64(f.upm); got != want {
			t.Errorf("%U: advance %v, want %v", r, got, want)
		}
	}
}

func TestABuiltinFontsHashIsKeptUnderTheExecutable(t *testing.T) {
	cache := resetHashCache(t)
	name := "FandolSong-Regular.ttf"
	f, err := Open(Builtin + name)
	if err != nil {
		t.Fatal(err)
	}
	want := trueHash(t, "../../fonts/"+name)
	if got := f.SHA256(); got != want {
		t.Fatalf("hash %s, want the file's %s", got, want)
	}
	b, err := os.ReadFile(cache)
	if err != nil || !strings.HasPrefix(string(b), want+" ") || !strings.HasSuffix(string(b), " "+name+"\n") {
		t.Fatalf("cache file holds %q (%v), want the hash kept under the executable and the font's name", b, err)
	}
	planted := strings.Repeat("cd", 32)
	os.WriteFile(cache, []byte(strings.Replace(string(b), want, planted, 1)), 0o644)
	hashes = hashCache{}
	f2, _ := Open(Builtin + name)
	if got := f2.SHA256(); got != planted {
		t.Errorf("hash %s, want the cached %s while the executable is unchanged", got, planted)
	}
	// A font file with the same name is not the built-in one.
	p := copyFont(t, name)
	f3, _ := Open(p)
	if got := f3.SHA256(); got != want {
		t.Errorf("file %s: hash %s, want %s", p, got, want)
	}
}

// Two gongwen runs at once each keep their hash: the second to write
// keeps what the first wrote since it read the file.
func TestRunsAtOnceKeepEachOthersHashes(t *testing.T) {
	cache := resetHashCache(t)
	a, b := &hashCache{}, &hashCache{}
	a.load()
	b.load()
	old := time.Now().Add(-time.Hour).UnixNano()
	idA := cacheKey{fileID: fileID{Dev: 1, Ino: 10, Size: 5, Mtime: old, Ctime: old}}
	idB := cacheKey{fileID: fileID{Dev: 1, Ino: 11, Size: 5, Mtime: old, Ctime: old}}
	a.store(idA, strings.Repeat("aa", 32), time.Now())
	b.store(idB, strings.Repeat("bb", 32), time.Now())
	keys, _ := readCacheFile(cache)
	if len(keys) != 2 || keys[0] != idA || keys[1] != idB {
		t.Errorf("cache file holds %v, want both runs' entries", keys)
	}
}

// A cache file's lines are read as written; a damaged line is skipped,
// never taken for another entry.
func TestCacheFileLines(t *testing.T) {
	h, H := strings.Repeat("a1", 32), strings.Repeat("B2", 32)
	p := filepath.Join(t.TempDir(), "cache")
	lines := []string{
		h + " 1 2 3 4 5", // kept
		H + " 18446744073709551615 7 8 -9 10 FandolSong-Regular.ttf", // kept: a built-in font's
		h[:63] + " 1 2 3 4 5",                  // hash too short
		strings.Repeat("g", 64) + " 1 2 3 4 5", // not hex
		h + " 1 2 3 4",                         // a field missing
		h + " 1 2 3 4 5 x y",                   // one too many
		h + " -1 2 3 4 5",                      // a negative device
		h + " 1 2 3x 4 5",                      // not a number
		h + " 1 2 3 4 99999999999999999999",    // past 64 bits
		"",
	}
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	keys, hs := readCacheFile(p)
	want := []cacheKey{
		{fileID: fileID{Dev: 1, Ino: 2, Size: 3, Mtime: 4, Ctime: 5}},
		{fileID: fileID{Dev: 18446744073709551615, Ino: 7, Size: 8, Mtime: -9, Ctime: 10}, Member: "FandolSong-Regular.ttf"},
	}
	if fmt.Sprint(keys) != fmt.Sprint(want) || fmt.Sprint(hs) != fmt.Sprint([]string{h, H}) {
		t.Errorf("read %v %v, want %v %v", keys, hs, want, []string{h, H})
	}
}

// BenchmarkCacheFile reads a full cache file (maxCached lines), as every
// build that records a font's hash does.
func BenchmarkCacheFile(b *testing.B) {
	p := filepath.Join(b.TempDir(), "cache")
	var s strings.Builder
	for i := range maxCached {
		fmt.Fprintf(&s, "%s 65024 %d 9564872 1795970596151896382 1795970596151896382\n", strings.Repeat("b2", 32), 10030453+i)
	}
	os.WriteFile(p, []byte(s.String()), 0o644)
	for b.Loop() {
		if keys, _ := readCacheFile(p); len(keys) != maxCached {
			b.Fatal(len(keys))
		}
	}
}
