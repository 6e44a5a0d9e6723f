package fonts

import (
	"errors"
	"io/fs"
	"os"

	"gongwen/internal/input"
	"gongwen/internal/say"
)

// MaxFileSize bounds a font file: the largest CJK fonts in use are about
// 30 MB; anything past this is not a font this tool can embed.
const MaxFileSize = 256 << 20

// fileID is what tells two states of a file apart without reading it, as
// git's index does (https://git-scm.com/docs/index-format: ctime, mtime,
// dev, ino, size): the same device and inode with the same size, change
// time and modification time is the same content unless someone set the
// clock back and rewrote it in the same instant.
type fileID struct {
	Dev, Ino     uint64
	Size         int64
	Mtime, Ctime int64 // nanoseconds since 1970
}

// readFont gives a font file's bytes: mapped read-only where the system
// can (only the pages a document touches are ever read from disk), read
// into memory elsewhere. Only a regular file is opened: a FIFO would hang
// the open, /dev/zero would never end, a folder is not a font. The file is
// checked by name before it is opened and again, by its descriptor, after.
func readFont(path string) ([]byte, fileID, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fileID{}, plainErr(err)
	}
	if err := regular(st); err != nil {
		return nil, fileID{}, err
	}
	return mapRegular(path)
}

// regular refuses what is not a regular file of a size a font can have.
func regular(st fs.FileInfo) error {
	switch {
	case st.IsDir():
		return say.New("a folder, not a font file")
	case !st.Mode().IsRegular():
		return say.Errorf("not a regular file (%s)", input.FileKind(st.Mode()))
	case st.Size() == 0:
		return say.New("the file is empty")
	case st.Size() > MaxFileSize:
		return say.Errorf("%d bytes, more than the %d MiB a font may have", st.Size(), MaxFileSize>>20)
	}
	return nil
}

func plainErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
