package fonts

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"gongwen/internal/input"
)

// The SHA-256 of every font goes into each PDF's archive record. Hashing
// the five default fonts means reading all of their 38 MB, which is most of
// what a one-document build would cost, so the hashes are kept between
// runs in a small file, each under the identity of the file it was
// computed from (fileID: device, inode, size, modification and change
// time, as git's index keeps them). A hash is taken from the file only when
// all five still match: a font edited, replaced, copied over or restored
// from a backup gets a new inode, size or change time, and is hashed again.
//
// The cache lives in the user's cache folder (os.UserCacheDir:
// $XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS), not in
// the project: device and inode numbers mean nothing on another machine or
// after a copy, so the file must not travel with the sources, be archived
// or be committed. GONGWEN_CACHE names another folder; GONGWEN_CACHE=off
// turns the cache off. Losing it costs one hashing of each font, nothing
// else.

// CacheEnv is the environment variable that overrides where the hash cache
// lives.
const CacheEnv = "GONGWEN_CACHE"

const cacheFile = "font-sha256"

// maxCached bounds the entries kept: a few fonts per project.
const maxCached = 512

// racyWindow: a file changed this recently may change again within the
// granularity of its timestamps (2 s on FAT) and keep the same ones; its
// hash is not kept (git calls such entries "racily clean").
var racyWindow = 2 * time.Second

// cacheKey names what was hashed: a font file by its identity, or a font
// built into the gongwen executable by the executable's identity and the
// font's name.
type cacheKey struct {
	fileID
	Member string // "" for a font file
}

type hashCache struct {
	once    sync.Once
	mu      sync.Mutex
	path    string // "" when there is no cache
	entries map[cacheKey]string
	order   []cacheKey // oldest first, for trimming
}

var hashes hashCache

func cachePath() string {
	dir := os.Getenv(CacheEnv)
	if dir == "off" {
		return ""
	}
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(base, "gongwen")
	}
	return filepath.Join(dir, cacheFile)
}

func (c *hashCache) load() {
	c.once.Do(func() {
		c.entries = map[cacheKey]string{}
		c.path = cachePath()
		if c.path != "" {
			c.order = c.merge(readCacheFile(c.path))
		}
	})
}

// maxCacheFile is the largest cache file read: maxCached lines of about
// 150 bytes are 77 KB.
const maxCacheFile = 1 << 20

// readCacheFile reads the entries of a cache file, oldest first; nothing
// when it is missing, damaged past reading or too large. It is read like
// every input (input.Open): only a regular file, opened without blocking
// (a FIFO there would wait for a writer for ever), and no more than
// maxCacheFile bytes of it (a link to /dev/zero, a huge file): what is
// anything else is ignored, and the hashes computed again.
func readCacheFile(path string) (keys []cacheKey, hs []string) {
	f, err := input.Open(path, input.Any)
	if err != nil {
		return nil, nil
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxCacheFile+1))
	if err != nil || len(b) > maxCacheFile {
		return nil, nil
	}
	// Read with strconv, not fmt.Sscanf: a full file (512 lines) took 2 ms
	// to scan, on every build.
	for line := range strings.Lines(string(b)) {
		// SHA256 DEV INO SIZE MTIME CTIME [MEMBER]
		f := strings.Fields(line)
		if len(f) != 6 && len(f) != 7 || !isHash(f[0]) {
			continue
		}
		var id cacheKey
		var errs [5]error
		id.Dev, errs[0] = strconv.ParseUint(f[1], 10, 64)
		id.Ino, errs[1] = strconv.ParseUint(f[2], 10, 64)
		id.Size, errs[2] = strconv.ParseInt(f[3], 10, 64)
		id.Mtime, errs[3] = strconv.ParseInt(f[4], 10, 64)
		id.Ctime, errs[4] = strconv.ParseInt(f[5], 10, 64)
		if errors.Join(errs[:]...) != nil {
			continue
		}
		if len(f) == 7 {
			id.Member = f[6]
		}
		keys, hs = append(keys, id), append(hs, f[0])
	}
	return keys, hs
}

// merge adds entries read from the file that the cache lacks, before its
// own (they are older), and returns the new order. The caller holds mu,
// or is load.
func (c *hashCache) merge(keys []cacheKey, hs []string) []cacheKey {
	var order []cacheKey
	for i, k := range keys {
		if _, ok := c.entries[k]; !ok {
			c.entries[k] = hs[i]
			order = append(order, k)
		}
	}
	return append(order, c.order...)
}

func isHash(h string) bool {
	if len(h) != 2*sha256.Size {
		return false
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') && (c < 'A' || c > 'F') {
			return false
		}
	}
	return true
}

// lookup returns the kept hash of what id names.
func (c *hashCache) lookup(id cacheKey) (string, bool) {
	if id.Ino == 0 {
		return "", false
	}
	c.load()
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.entries[id]
	return h, ok
}

// store keeps h as the hash of the file with identity id, hashed at
// hashedAt, and rewrites the cache file (through a temporary file renamed
// into place, so that a reader never sees half of it).
func (c *hashCache) store(id cacheKey, h string, hashedAt time.Time) {
	limit := hashedAt.Add(-racyWindow).UnixNano()
	if id.Ino == 0 || id.Mtime > limit || id.Ctime > limit {
		return
	}
	c.load()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.path == "" {
		return
	}
	// Another gongwen may have written the file since it was read: keep
	// what it added, so that runs at once do not drop each other's hashes.
	c.order = c.merge(readCacheFile(c.path))
	if _, ok := c.entries[id]; !ok {
		c.order = append(c.order, id)
	}
	c.entries[id] = h
	for len(c.order) > maxCached {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
	var b bytes.Buffer
	for _, k := range c.order {
		fmt.Fprintf(&b, "%s %d %d %d %d %d", c.entries[k], k.Dev, k.Ino, k.Size, k.Mtime, k.Ctime)
		if k.Member != "" {
			b.WriteString(" " + k.Member)
		}
		b.WriteByte('\n')
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o755); err != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), cacheFile+".*.tmp")
	if err != nil {
		return
	}
	_, werr := tmp.Write(b.Bytes())
	if cerr := tmp.Close(); werr != nil || cerr != nil || os.Rename(tmp.Name(), c.path) != nil {
		os.Remove(tmp.Name())
	}
}

// hashFont is the SHA-256 of a font's bytes, from the cache when the file
// is provably the one hashed before.
func hashFont(path string, data []byte, id fileID) string {
	key := cacheKey{fileID: id}
	if h, ok := hashes.lookup(key); ok {
		return h
	}
	start := time.Now()
	h := hashBytes(data)
	// Kept only if the file did not change while it was read.
	if now, err := statID(path); err == nil && now == id {
		hashes.store(key, h, start)
	}
	return h
}

// outlinesMark is the cache's entry for a font file whose every glyph
// outline was walked and found sound (validate): its own "member" name, so
// that it never stands for a hash, and a value that is no font's hash.
const outlinesMark = "glyf-checked"

var checkedValue = strings.Repeat("0", 64)

// outlinesChecked says whether the font named path (a file, or a
// collection's member, file#N), whose file id names, was walked before and
// has not changed since (the same device, inode, size and times).
func outlinesChecked(path string, id fileID) bool {
	h, ok := hashes.lookup(cacheKey{id, outlinesKey(path)})
	return ok && h == checkedValue
}

// markOutlinesChecked records that the font named path, whose file has
// identity id, was walked, unless the file changed while it was read.
func markOutlinesChecked(path string, id fileID) {
	if id.Ino == 0 {
		return
	}
	start := time.Now()
	file, _, _ := splitMember(path)
	if now, err := statID(file); err == nil && now == id {
		hashes.store(cacheKey{id, outlinesKey(path)}, checkedValue, start)
	}
}

// outlinesKey is the cache's member name for the walk of the font named
// path: outlinesMark for a single font or a collection's first, with
// "#N" after it for its member N (each member has its own glyphs).
func outlinesKey(path string) string {
	if _, member, _ := splitMember(path); member > 0 {
		return outlinesMark + MemberSep + strconv.Itoa(member)
	}
	return outlinesMark
}

// hashBuiltin is the SHA-256 of a font built into the executable, from the
// cache when the executable is provably the one whose font was hashed
// before: the running program's own file, as the system keeps it open
// (selfID), not whatever file now has its name.
func hashBuiltin(name string, data []byte) string {
	self, ok := selfID()
	if !ok || strings.ContainsAny(name, " \t\n") {
		return hashBytes(data)
	}
	key := cacheKey{self, name}
	if h, ok := hashes.lookup(key); ok {
		return h
	}
	start := time.Now()
	h := hashBytes(data)
	hashes.store(key, h, start)
	return h
}

func hashBytes(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
