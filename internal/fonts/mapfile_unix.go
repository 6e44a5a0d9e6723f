//go:build unix

package fonts

import (
	"golang.org/x/sys/unix"

	"gongwen/internal/say"
)

// mapRegular maps a file already seen to be regular. It is opened without
// blocking (had it been swapped for a FIFO since, the open must not wait
// for a writer) and checked again through its descriptor. The mapping is
// never undone: fonts are shared by every document of the process.
func mapRegular(path string) ([]byte, fileID, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, fileID{}, err
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, fileID{}, err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, fileID{}, say.New("not a regular file")
	}
	if st.Size <= 0 || st.Size > MaxFileSize {
		return nil, fileID{}, say.Errorf("%d bytes: not the size of a font file", st.Size)
	}
	id := idOf(&st)
	data, err := unix.Mmap(fd, 0, int(st.Size), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		return nil, fileID{}, say.Errorf("cannot map the file: %v", err)
	}
	return data, id, nil
}

// statID is the identity of the file at path now.
func statID(path string) (fileID, error) {
	var st unix.Stat_t
	if err := unix.Stat(path, &st); err != nil {
		return fileID{}, err
	}
	return idOf(&st), nil
}

func idOf(st *unix.Stat_t) fileID {
	return fileID{Dev: uint64(st.Dev), Ino: uint64(st.Ino), Size: int64(st.Size), Mtime: st.Mtim.Nano(), Ctime: st.Ctim.Nano()}
}

// release tells the system that the pages of a mapped file read so far
// are not needed again soon (a collection, once its member is copied out):
// they leave the process's resident memory, staying in the page cache,
// and are read back if the file is hashed.
func release(data []byte) { unix.Madvise(data, unix.MADV_DONTNEED) }
