package main

import (
	"os"
	"runtime"
	"runtime/debug"
)

// tuneGC sets the garbage collector for a build of docs documents, unless
// GOGC or GOMEMLIMIT say otherwise. A build allocates about 8 MB per
// notice of which little stays live (pages, glyph runs, the PDF): at Go's
// default the collector runs every few megabytes (100 notices: 0.89 s
// instead of 0.52 s). Here it lets the heap grow to four times what is
// live, capped by a soft limit of 28 MiB for one document at a time and
// 70 MiB more for each further one built at once: a one-notice build peaks
// near 42 MB of resident memory (the heap, the binary and the font pages it
// touches), a batch on two processors near 110 MB (see README, Speed).
func tuneGC(docs int) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	workers := min(max(docs, 1), runtime.GOMAXPROCS(0))
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(int64(28+70*(workers-1)) << 20)
}
