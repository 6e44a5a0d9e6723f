package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"

	"gongwen/internal/doc"
	"gongwen/internal/fonts"
	"gongwen/internal/format"
	"gongwen/internal/input"
	"gongwen/internal/say"
	"gongwen/internal/source"
)

// UserFontConfig is the user's own fonts.toml, for an office's licensed
// fonts set once for every document: $XDG_CONFIG_HOME/gongwen/fonts.toml,
// ~/.config/gongwen/fonts.toml when that is unset (os.UserConfigDir; on
// macOS ~/Library/Application Support, on Windows %AppData%). "" when there
// is no such folder.
func UserFontConfig() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "gongwen", fonts.ConfigName)
}

// loadFonts chooses each role's font, the first of:
//
//  1. the document's [fonts] table;
//  2. the nearest fonts/fonts.toml, beside the document or above it (up
//     to opt.Project when set);
//  3. the fonts.toml in the --fonts folder (opt.FontsDir);
//  4. the user's fonts.toml (UserFontConfig);
//  5. the fonts built into the binary.
//
// Each source may name some roles only: the others come from the next. It
// returns the fonts.toml files it read, nearest first (each is an input of
// the document, recorded in its archive record).
func loadFonts(d *doc.Document, opt Options) (*fonts.Set, []string, error) {
	cfg, from, read, err := fontConfig(d, opt)
	if err != nil {
		return nil, nil, err
	}
	set, errs := fonts.Load(cfg)
	if len(errs) > 0 {
		return nil, nil, fontErrors(errs, d, from)
	}
	return set, read, nil
}

// fontConfig is loadFonts without loading a font: each role's font file,
// the fonts.toml that chose it ("" for the document, fonts.Builtin) and
// the fonts.toml files read, nearest first.
func fontConfig(d *doc.Document, opt Options) (fonts.Config, map[format.Role]string, []string, error) {
	cfg := fonts.Config{}
	from := map[format.Role]string{} // the fonts.toml that chose each role; "" for the document
	for k, p := range d.Fonts {
		if k == fonts.LatinKey { // the Latin font of the body's roles
			for _, r := range fonts.LatinRoles {
				cfg[fonts.LatinRole(r)] = p[:1]
				from[fonts.LatinRole(r)] = ""
			}
			continue
		}
		role, _ := fonts.RoleByKey(k)
		cfg[role] = p
		from[role] = ""
	}
	var read []string
	seen := map[string]bool{}
	layer := func(path string, must bool) error {
		abs, _ := filepath.Abs(path)
		if seen[abs] {
			return nil
		}
		seen[abs] = true
		if !must && !present(path) {
			return nil
		}
		c, err := readFontConfig(d.Sources, path)
		if err != nil {
			if target, lerr := os.Readlink(path); lerr == nil && !exists(path) {
				// An office's fonts.toml on a share that is not
				// mounted: building with other fonts would be
				// silently wrong.
				return doc.Errorf(doc.Pos{File: path}, "is a symbolic link to %s, which is not there (a share not mounted?): its fonts are not replaced by others; mount it, or remove the link", target)
			}
			if errors.Is(err, os.ErrNotExist) || !exists(path) {
				return doc.Errorf(doc.Pos{File: path}, "no %s here: --fonts names a folder holding one", fonts.ConfigName)
			}
			return err
		}
		read = append(read, path)
		for r, p := range c {
			if _, ok := cfg[r]; !ok {
				cfg[r] = p
				from[r] = path
			}
		}
		return nil
	}
	if dir := findFontsDir(filepath.Dir(d.Source), opt.Project); dir != "" {
		if err := layer(filepath.Join(dir, fonts.ConfigName), true); err != nil {
			return nil, nil, nil, err
		}
	}
	if opt.FontsDir != "" {
		if err := layer(filepath.Join(opt.FontsDir, fonts.ConfigName), true); err != nil {
			return nil, nil, nil, err
		}
	}
	if p := UserFontConfig(); p != "" {
		if err := layer(p, false); err != nil {
			return nil, nil, nil, err
		}
	}
	for r, p := range fonts.BuiltinConfig() {
		if _, ok := cfg[r]; !ok {
			cfg[r] = p
			from[r] = fonts.Builtin
		}
	}
	return cfg, from, read, nil
}

// readFontConfig is fonts.ReadConfig through the build's Sources.
func readFontConfig(s *source.Sources, path string) (fonts.Config, error) {
	src, err := s.ReadText(path, input.FontConfig)
	if err != nil {
		return nil, say.Errorf("%s: %w", path, err)
	}
	return fonts.ParseConfig(path, src)
}

// fontErrors points each font problem at the key that chose the font: the
// document's [fonts] key, or the role's line in the fonts.toml.
func fontErrors(errs []error, d *doc.Document, from map[format.Role]string) error {
	positions := map[string]map[string]doc.Pos{}
	var out doc.Errors
	seen := map[string]bool{}
	for _, e := range errs {
		var re *fonts.RoleError
		if !errors.As(e, &re) {
			out = append(out, e)
			continue
		}
		cfgPath, chosen := from[re.Role]
		at := doc.Pos{File: d.Source}
		switch {
		case !chosen:
			re.Err = say.Errorf("no font for the role %s (%s): name one in the document's [fonts], fonts/fonts.toml, --fonts DIR or %s", re.Role, re.Role.ChineseName(), UserFontConfig())
		case cfgPath == "":
			for _, key := range roleKeys(re.Role) {
				if _, ok := d.Fonts[key]; ok {
					at = d.At("fonts." + key)
				}
			}
		case cfgPath != fonts.Builtin:
			if positions[cfgPath] == nil {
				positions[cfgPath] = map[string]doc.Pos{}
				if src, err := d.Sources.ReadText(cfgPath, input.FontConfig); err == nil {
					positions[cfgPath] = doc.KeyPositions(cfgPath, string(src))
				}
			}
			at = doc.Pos{File: cfgPath}
			for _, key := range roleKeys(re.Role) {
				if p, ok := positions[cfgPath][key]; ok {
					at = p
				}
			}
		}
		e := doc.Errorf(at, "%v", re.Err)
		if seen[e.Error()] { // one Latin font of several roles
			continue
		}
		seen[e.Error()] = true
		out = append(out, e)
	}
	return out
}

// roleKeys are the keys that may have named a role's font: its key and
// Chinese name, or for the Latin font of a role (fonts.LatinRole) latin
// and latin.ROLE.
func roleKeys(r format.Role) []string {
	if latin, ok := strings.CutPrefix(string(r), fonts.LatinKey+"."); ok {
		return []string{fonts.LatinKey, string(r), fonts.LatinKey + "." + format.Role(latin).ChineseName()}
	}
	return []string{string(r), r.ChineseName()}
}

// findFontsDir looks for fonts/fonts.toml in dir and each folder above it,
// up to top when that is given (verify's project folder) and "/" when not
// (a symbolic link leading nowhere counts: loading it says what is wrong);
// it returns the fonts folder (relative to the current folder where it can
// be), or "" if there is none.
func findFontsDir(dir, top string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	if top != "" {
		if top, err = filepath.Abs(top); err != nil {
			return ""
		}
	}
	for d := abs; ; d = filepath.Dir(d) {
		if present(filepath.Join(d, "fonts", fonts.ConfigName)) {
			if rel, err := filepath.Rel(mustWd(), filepath.Join(d, "fonts")); err == nil {
				return rel
			}
			return filepath.Join(d, "fonts")
		}
		if filepath.Dir(d) == d || d == top {
			return ""
		}
	}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// present reports whether anything is at p, a symbolic link leading
// nowhere included: a fonts.toml that is such a link is an error, not a
// file to pass over.
func present(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// FontData is the bytes of a role's font, as the renderers take them.
func (j *Job) FontData(r format.Role) []byte { return j.Fonts.Font(r).Data }
