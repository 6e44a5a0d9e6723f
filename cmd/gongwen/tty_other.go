//go:build !linux && !darwin && !freebsd && !netbsd && !openbsd && !dragonfly

package main

// isTerminalFD says no where the tool does not know how to ask: the
// progress line is a convenience, the messages are the same without it.
func isTerminalFD(fd uintptr) bool { return false }
