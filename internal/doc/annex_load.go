package doc

// annex_load.go reads what an [[attachments]] entry holds besides a table:
// a body template (a text annex, expanded like the main body) or an image.
// An annex is one of the three.

// annexContent reads an attachment's template or image key.
func (r *reader) annexContent(a map[string]any, key, dir string, at *Attachment) {
	if p := r.fileName(a, key+".template", false); p != "" {
		at.Template, at.TemplatePos = resolve(dir, p), r.at(key+".template")
	}
	if p := r.fileName(a, key+".image", false); p != "" {
		at.Image, at.ImagePos = resolve(dir, p), r.at(key+".image")
		at.ImageAspect = r.imageAspect(key+".image", at.Image)
	}
	n := 0
	for _, k := range []string{"table", "template", "image"} {
		if _, ok := a[k]; ok {
			n++
		}
	}
	if n > 1 {
		r.errf(key, "an annex is a table, a template or an image: give it only one of them")
	}
}
