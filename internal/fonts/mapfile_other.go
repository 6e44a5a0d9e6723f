//go:build !unix

package fonts

import (
	"io"
	"os"
)

// mapRegular reads a file already seen to be regular into memory, where
// this system has no mapping the tool uses. Its identity has no inode, so
// the hash cache never trusts it (see hashcache.go).
func mapRegular(path string) ([]byte, fileID, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileID{}, plainErr(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fileID{}, plainErr(err)
	}
	if err := regular(st); err != nil {
		return nil, fileID{}, err
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fileID{}, plainErr(err)
	}
	return data, fileID{}, nil
}

// statID has no identity to give where there are no inodes: the hash cache
// is not used.
func statID(path string) (fileID, error) { return fileID{}, nil }

// release has nothing to give back where the file was read into memory.
func release(data []byte) {}
