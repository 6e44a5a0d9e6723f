package main

import (
	"fmt"
	"io"
	"runtime/debug"

	"gongwen/internal/build"
)

// runVersion prints the version and the revision of the source the binary
// was built from, as the Go toolchain recorded it (go build with VCS
// stamping, which `make` asks for).
func runVersion(stdout io.Writer) int {
	fmt.Fprintln(stdout, "gongwen", build.Version)
	rev, modified := vcsRevision()
	switch {
	case rev == "":
		fmt.Fprintln(stdout, "revision: unknown (built without version control information)")
	case modified:
		fmt.Fprintf(stdout, "revision: %s, with uncommitted changes\n", rev)
	default:
		fmt.Fprintf(stdout, "revision: %s\n", rev)
	}
	return exitOK
}

// revision is the commit the Makefile saw (-ldflags -X main.revision=…),
// for builds Go could not stamp.
var revision string

// vcsRevision is the commit the binary was built from and whether the
// working tree had changes, from the build information, else revision.
func vcsRevision() (rev string, modified bool) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return revision, false
	}
	defer func() {
		if rev == "" {
			rev = revision
		}
	}()
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	return rev, modified
}
