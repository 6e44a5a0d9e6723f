package fonts

import (
	"fmt"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	builtin "gongwen/fonts"
	"gongwen/internal/format"
	"gongwen/internal/say"
)

// Builtin starts the path of a font built into the binary
// ("builtin:FandolFang-Regular.ttf"): the name of the file in the
// repository's fonts/ folder it was made from.
const Builtin = "builtin:"

// IsBuiltin reports whether path names a built-in font.
func IsBuiltin(path string) bool { return strings.HasPrefix(path, Builtin) }

// BuiltinFiles lists the fonts built into the binary, with their licences.
func BuiltinFiles() []builtin.File { return builtin.Files() }

// BuiltinText is a licence or the provenance note built into the binary.
func BuiltinText(path string) string { return builtin.Text(path) }

// DefaultFile is the file name of the role's default font, as the fonts.toml
// of the repository's fonts/ folder names it (FandolFang-Regular.ttf),
// whether or not this binary has the fonts built in; "" for an unknown
// role.
func DefaultFile(r format.Role) string { return defaults()[r] }

var defaults = sync.OnceValue(func() map[format.Role]string {
	m := map[format.Role]string{}
	for r, files := range decodeBuiltin(builtin.Defaults()) {
		m[r] = files[0]
	}
	return m
})

// decodeBuiltin reads a fonts.toml built into the binary, its paths as
// they are written.
func decodeBuiltin(src string) Config {
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		panic(fmt.Sprintf("the default fonts.toml: %v", err)) // a test reads it
	}
	c, err := configOf(raw, "")
	if err != nil {
		panic(fmt.Sprintf("the default fonts.toml: %v", err))
	}
	return c
}

// BuiltinConfig is the fonts of each role built into the binary, from the
// fonts.toml built in with them; empty when the binary has none. A font the
// fonts.toml names that is not built in (the fallback font, in a binary
// built with the nofallbackfont tag) is left out of its role's list.
func BuiltinConfig() Config {
	c := Config{}
	built := map[string]bool{}
	for _, f := range builtin.Files() {
		built[f.Name] = true
	}
	for r, files := range decodeBuiltin(builtin.Config()) {
		for _, name := range files {
			if built[name] {
				c[r] = append(c[r], Builtin+name)
			}
		}
	}
	return c
}

// openBuiltin parses a built-in font. Its bytes are the binary's read-only
// data, checked and parsed by the same code as a file's.
func openBuiltin(path string) (*Font, error) {
	name := strings.TrimPrefix(path, Builtin)
	for _, f := range builtin.Files() {
		if f.Name == name {
			return fromData(path, f.Data(), fileID{})
		}
	}
	return nil, say.Errorf("%s: no such font is built into this gongwen", path)
}
