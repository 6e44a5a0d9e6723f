package main

import (
	"context"
	"errors"
	"io"
	"os"
	"os/signal"
	"syscall"

	"gongwen/internal/i18n"
	"gongwen/internal/say"
	"gongwen/internal/serve"
)

const serveHelp = `Usage: gongwen serve [--addr 127.0.0.1:8080] [--dpi N] [--fonts DIR] DOC.toml

Shows the document's pages in a web browser while you edit it: open the
address it prints. The pages are the preview images (the same layout and
fonts as the PDF). When any file the document reads changes (the data, the
template, a table, an image, a fonts.toml), it builds again and the page
refreshes itself. A problem shows at the top of the page as the same
FILE:LINE:COL: message lines the other commands print, with the last good
pages kept below it. Nothing is written to disk. Only a loopback address
(127.0.0.1, ::1, localhost) is served, and only to requests naming it
(127.0.0.1, [::1] or localhost with its port): the page is for this
machine; there is no option to open it to others. To share the pages,
send the PDF (gongwen build) or the images of gongwen preview.
Stop it with Ctrl-C.

Options:
`

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", serveHelp, stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "loopback `HOST:PORT` to serve on (port 0: any free port)")
	dpi := fs.Float64("dpi", 96, flagUsage(say.Sprintf("resolution of the pages: `N` dots per inch, %d to %d", minDPI, maxDPI)))
	fontsDir := fs.String("fonts", "", fontsFlagHelp)
	if code := parse(fs, args, stdout, say.Word("document")); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		say.Fprintf(stderr, "gongwen serve: give one document, not %d\n", fs.NArg())
		return exitUsage
	}
	if code := checkDPI("serve", *dpi, stderr); code >= 0 {
		return code
	}
	opt, code := options(*fontsDir, stderr)
	if code >= 0 {
		return code
	}
	l, err := serve.Listen(*addr)
	if err != nil {
		say.Fprintln(stderr, "gongwen serve:", err)
		if errors.Is(err, serve.ErrAddr) {
			return exitUsage
		}
		return exitInput // taken, not this machine's, or bound where it may not serve
	}
	s := serve.New(fs.Arg(0), opt, *dpi)
	s.Text = func(m any) string { return i18n.Sprint(lang, m) }
	s.OnBuild = func(st serve.State) {
		for _, p := range st.Problems {
			say.Fprintln(stderr, p)
		}
	}
	s.Rebuild()
	say.Fprintf(stdout, "serving %s at http://%s/ (Ctrl-C to stop)\n", fs.Arg(0), l.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := s.Serve(ctx, l); err != nil {
		say.Fprintln(stderr, "gongwen serve:", err)
		return exitInput
	}
	return exitOK
}
