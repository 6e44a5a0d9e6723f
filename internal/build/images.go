package build

import (
	"gongwen/internal/doc"
	"gongwen/internal/picture"
)

// checkImages checks every image the document names (its seals, the 令's
// stamp) before anything is laid out, so that check and build say the same
// thing about them, at the key that names them: one that is missing,
// damaged, too large or in a format that cannot be drawn.
func checkImages(d *doc.Document) error {
	var errs doc.Errors
	seen := map[string]bool{}
	one := func(key, what, path string) {
		if path == "" || seen[path] {
			return
		}
		seen[path] = true
		if _, err := picture.Check(path); err != nil {
			errs = append(errs, doc.Errorf(d.At(key), "the %s %s %v", what, path, err))
		}
	}
	one("seal", "seal", d.Seal)
	for _, s := range d.Seals {
		one("seal", "seal", s)
	}
	one("stamp", "stamp", d.Stamp)
	return errs.Err()
}
