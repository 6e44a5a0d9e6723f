package expand

import (
	"maps"

	"gongwen/internal/archive"
	"gongwen/internal/doc"
)

// templateView is the document as a template sees it: every path in it
// (.Source, .Template, .Seal, .Seals, .Stamp, .Fonts, each annex's
// .Template and .Image, .Files) relative to the project root with forward
// slashes, as the archive record names files (archive.RelPath: a file
// outside the project is outside:NAME), never as the command line gave
// it. `{{.Source}}` prints data/x.toml whether the build was run as
// `gongwen build data/x.toml` or with an absolute path, from any folder:
// the PDF holds no absolute path, and its bytes do not depend on the
// working folder.
func templateView(d *doc.Document) *doc.Document {
	root, err := archive.FindRoot(d.Source)
	if err != nil {
		return d
	}
	rel := func(p string) string {
		if p == "" {
			return ""
		}
		return archive.RelPath(root, p)
	}
	relAll := func(ps []string) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = rel(p)
		}
		return out
	}
	v := *d
	v.Source, v.Template, v.Seal, v.Stamp = rel(d.Source), rel(d.Template), rel(d.Seal), rel(d.Stamp)
	v.Seals, v.Files = relAll(d.Seals), relAll(d.Files)
	if d.Fonts != nil {
		v.Fonts = maps.Clone(d.Fonts)
		for k, ps := range v.Fonts {
			v.Fonts[k] = relAll(ps)
		}
	}
	v.Attachments = append([]doc.Attachment(nil), d.Attachments...)
	for i := range v.Attachments {
		a := &v.Attachments[i]
		a.Template, a.Image = rel(a.Template), rel(a.Image)
	}
	return &v
}
