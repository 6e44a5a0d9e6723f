package main

import (
	"io"
	"runtime/debug"

	"gongwen/internal/build"
	"gongwen/internal/say"
)

// runVersion prints the version and the revision of the source the binary
// was built from, as the Go toolchain recorded it (go build with VCS
// stamping, which `make` asks for).
func runVersion(stdout io.Writer) int {
	say.Fprintln(stdout, "gongwen", build.Version)
	rev, modified := vcsRevision()
	switch {
	case rev == "":
		say.Fprintln(stdout, say.Sprintf("revision: unknown (built without version control information)"))
	case modified:
		say.Fprintf(stdout, "revision: %s, with uncommitted changes\n", rev)
	default:
		say.Fprintf(stdout, "revision: %s\n", rev)
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
