package fonts

import (
	"fmt"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	builtin "gongwen/fonts"
	"gongwen/internal/format"
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
	var raw map[string]string
	if _, err := toml.Decode(builtin.Defaults(), &raw); err != nil {
		panic(fmt.Sprintf("the default fonts.toml: %v", err)) // a test reads it
	}
	for k, name := range raw {
		if r, ok := RoleByKey(k); ok {
			m[r] = name
		}
	}
	return m
})

// BuiltinConfig is the role of each built-in font, from the fonts.toml
// built in with them; empty when the binary has none.
func BuiltinConfig() Config {
	c := Config{}
	var raw map[string]string
	if _, err := toml.Decode(builtin.Config(), &raw); err != nil {
		panic(fmt.Sprintf("the built-in fonts.toml: %v", err)) // a test reads it
	}
	for k, name := range raw {
		if r, ok := RoleByKey(k); ok {
			c[r] = Builtin + name
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
	return nil, fmt.Errorf("%s: no such font is built into this gongwen", path)
}
