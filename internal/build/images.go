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
	bad := func(path string) error {
		if path == "" || path == doc.PaperSeal || seen[path] {
			return nil
		}
		seen[path] = true
		_, err := picture.Check(d.Sources, path)
		return err
	}
	// Each kind of image has its own message, whole (i18n).
	for _, s := range append([]string{d.Seal}, d.Seals...) {
		if err := bad(s); err != nil {
			errs = append(errs, doc.Errorf(d.At("seal"), "the seal %s %v", s, err))
		}
	}
	if err := bad(d.Stamp); err != nil {
		errs = append(errs, doc.Errorf(d.At("stamp"), "the stamp %s %v", d.Stamp, err))
	}
	return errs.Err()
}
