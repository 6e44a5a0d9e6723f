package build

import (
	"strings"

	"gongwen/internal/doc"
	"gongwen/internal/segment"
)

// warmTitle starts cutting the title into words on another core while the
// fonts load and the pages are laid out: lint asks for the cut of a title
// of several lines, joined, and the layout for that of a single line too
// long for the 版心 (expand leaves the title as loaded).
func warmTitle(d *doc.Document) {
	switch len(d.Title) {
	case 0:
	case 1:
		segment.Warm(d.Title[0])
	default:
		segment.Warm(strings.TrimSpace(d.TitleText()))
	}
}
