//go:build !unix

package input

import "os"

// openNonBlocking opens the file; only unix systems have named pipes that
// an open waits on.
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }
