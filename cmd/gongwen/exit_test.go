package main

import (
	"bytes"
	"net"
	"os"
	"strings"
	"testing"
)

// TestExitTwoIsWrongUsageOnly runs the commands where a file or folder
// cannot be read, made or listened on (exit 1, a problem with the input or
// the machine), beside their wrong-usage neighbours (exit 2).
func TestExitTwoIsWrongUsageOnly(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	cases := []struct {
		name string
		args []string // after the fonts flag is added, where the command takes one
		exit int
		err  string // the start of what it prints on stderr
	}{
		{"build: an output folder under a file", []string{"build", "-o", "taken/out/", "data/doc.toml"}, exitInput,
			"taken/out/doc.pdf: cannot write output: not a directory"},
		{"build: an output file under a file", []string{"build", "-o", "taken/doc.pdf", "data/doc.toml"}, exitInput,
			"taken/doc.pdf: cannot write output: not a directory"},
		{"build: a folder of no data files", []string{"build", "empty"}, exitInput,
			"gongwen build: empty: no data files (*.toml) in the folder"},
		{"build: a range of copies backwards", []string{"build", "--copies", "5-1", "data/doc.toml"}, exitUsage, "gongwen build: "},
		{"preview: an output folder under a file", []string{"preview", "-o", "taken/pngs", "data/doc.toml"}, exitInput,
			"taken/pngs: cannot make the output folder: taken: not a directory"},
		{"serve: an address in use", []string{"serve", "--addr", busy.Addr().String(), "data/doc.toml"}, exitInput,
			"gongwen serve: --addr " + busy.Addr().String() + ": cannot serve there: address already in use"},
		{"serve: an address of another machine", []string{"serve", "--addr", "192.0.2.1:80", "data/doc.toml"}, exitUsage,
			"gongwen serve: --addr 192.0.2.1:80: only a loopback address"},
		{"serve: every interface", []string{"serve", "--addr", "0.0.0.0:8080", "data/doc.toml"}, exitUsage,
			"gongwen serve: --addr 0.0.0.0:8080: only a loopback address"},
		{"serve: a port past 65535", []string{"serve", "--addr", "127.0.0.1:99999", "data/doc.toml"}, exitUsage,
			"gongwen serve: --addr 127.0.0.1:99999: give HOST:PORT, such as 127.0.0.1:8080 (a port from 0 to 65535)"},
		{"new: a file in the way", []string{"new", "taken"}, exitInput, "gongwen new: "},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fontsDir := newProject(t)
			if err := os.WriteFile("taken", nil, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile("templates/taken.txt", nil, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir("empty", 0o755); err != nil {
				t.Fatal(err)
			}
			args := c.args
			if args[0] != "new" {
				args = append([]string{args[0], "--fonts", fontsDir}, args[1:]...)
			}
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr)
			if code != c.exit || !strings.HasPrefix(stderr.String(), c.err) {
				t.Errorf("gongwen %s: exit %d, printed %q; want exit %d, %q…", strings.Join(args, " "), code, stderr.String(), c.exit, c.err)
			}
		})
	}
}
