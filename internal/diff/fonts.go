package diff

import (
	"path"
	"strings"

	"gongwen/internal/archive"
	"gongwen/internal/fonts"
	"gongwen/internal/format"
)

// A font swapped for another changes every page without changing a
// character, so the layout record cannot see it; the archive record can.
// It lists every font file with its SHA-256, and names the font of each
// role that is not the default one (archive.Font); a role it does not name
// has the default font, found among the sources by its file name.

// RoleFont is the font a role was set in, as the archive record tells.
type RoleFont struct {
	Role   format.Role
	Name   string // the file's name without its folder and extension, #N kept: FandolFang-Regular, simsun#1
	SHA256 string // the file's, "" where the record does not list it
}

// FontChange is a role whose font changed: another file, or the same file
// name with other bytes.
type FontChange struct {
	Role     format.Role
	Old, New RoleFont
}

// roleFonts reads each role's font out of an archive record; a role whose
// font the record does not tell (a record of an older gongwen naming a
// font that is not the default) is left out.
func roleFonts(rec *archive.Record) []RoleFont {
	var out []RoleFont
	for _, r := range format.Roles {
		var paths []string
		for _, f := range rec.Fonts {
			if f.Role == string(r) {
				paths = append(paths, f.Path)
			}
		}
		if paths == nil {
			def := fonts.DefaultFile(r)
			for _, s := range rec.Sources {
				if fileName(s.Path) == def {
					paths = append(paths, s.Path)
					break
				}
			}
		}
		if paths == nil {
			continue
		}
		rf := RoleFont{Role: r}
		var names, shas []string
		for _, p := range paths {
			names = append(names, shortName(p))
			file, _, _ := strings.Cut(p, fonts.MemberSep)
			if s, ok := rec.Source(file); ok {
				shas = append(shas, s.SHA256)
			}
		}
		rf.Name, rf.SHA256 = strings.Join(names, " + "), strings.Join(shas, " ")
		out = append(out, rf)
	}
	// The font of each body role's digits and Latin letters: none where
	// the record names none.
	for _, r := range fonts.LatinRoles {
		rf := RoleFont{Role: fonts.LatinRole(r)}
		for _, f := range rec.Fonts {
			if f.Role == string(rf.Role) {
				rf.Name = shortName(f.Path)
				file, _, _ := strings.Cut(f.Path, fonts.MemberSep)
				if s, ok := rec.Source(file); ok {
					rf.SHA256 = s.SHA256
				}
			}
		}
		out = append(out, rf)
	}
	return out
}

// label is how a change names a role: 仿宋, or 仿宋 latin for the font of
// its digits and Latin letters.
func label(r format.Role) string {
	if base, ok := strings.CutPrefix(string(r), fonts.LatinKey+"."); ok {
		return format.Role(base).ChineseName() + " " + fonts.LatinKey
	}
	return r.ChineseName()
}

// orNone is a font's name in a change, "(none)" for no font.
func orNone(name string) string {
	if name == "" {
		return "(none)"
	}
	return name
}

// fileName is a recorded path's file name: without its folder, and
// without the builtin: or outside: that starts the name of a file that is
// not in the project.
func fileName(p string) string {
	p = strings.TrimPrefix(strings.TrimPrefix(p, archive.Builtin), archive.Outside)
	return path.Base(p)
}

// shortName is how a change names a font: its file's name without the
// extension, a collection's member by #N (simsun#1).
func shortName(p string) string {
	name, member, _ := strings.Cut(fileName(p), fonts.MemberSep)
	name = strings.TrimSuffix(name, path.Ext(name))
	if member != "" {
		name += fonts.MemberSep + member
	}
	return name
}

// compareFonts lists the roles whose font is another, or the same file
// with other bytes. A role only one side tells of is not compared.
func compareFonts(old, new []RoleFont) []FontChange {
	var out []FontChange
	for _, n := range new {
		for _, o := range old {
			if o.Role == n.Role && (o.Name != n.Name || o.SHA256 != n.SHA256 && o.SHA256 != "" && n.SHA256 != "") {
				out = append(out, FontChange{Role: n.Role, Old: o, New: n})
			}
		}
	}
	return out
}

// String is how a report names the change: "仿宋 FandolFang-Regular →
// 仿宋_GB2312", or, for the same file with other bytes, the file's name and
// the start of each SHA-256.
func (c FontChange) String() string {
	if c.Old.Name == c.New.Name {
		return label(c.Role) + " " + c.New.Name + " (SHA-256 " + short(c.Old.SHA256) + "… → " + short(c.New.SHA256) + "…)"
	}
	return label(c.Role) + " " + orNone(c.Old.Name) + " → " + orNone(c.New.Name)
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}
