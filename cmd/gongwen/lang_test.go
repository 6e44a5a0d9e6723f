package main

import (
	"os"
	"testing"
)

// TestMain runs the command's tests in English whatever the machine's
// locale (a test that wants Chinese says --lang zh).
func TestMain(m *testing.M) {
	os.Setenv("LC_ALL", "C.UTF-8")
	os.Exit(m.Run())
}
