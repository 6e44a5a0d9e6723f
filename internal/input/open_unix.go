//go:build unix

package input

import (
	"os"

	"golang.org/x/sys/unix"
)

// openNonBlocking opens without waiting: had a named pipe been put at the
// path since it was looked at, the open must not wait for a writer.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|unix.O_NONBLOCK, 0)
}
