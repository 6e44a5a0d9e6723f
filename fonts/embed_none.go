//go:build nobuiltinfonts

package fonts

import _ "embed"

// config is this folder's fonts.toml, which names the default fonts
// even when they are not built in.
//
//go:embed fonts.toml
var config string

// Defaults is the fonts.toml of this folder, which names each role's
// default font, whether or not the fonts are built in.
func Defaults() string { return config }

// File is one built-in font; a binary built with the nobuiltinfonts tag
// has none and finds every font through a fonts.toml.
type File struct {
	Name, Licence, LicenceFile string
}

// Data is the font's bytes.
func (File) Data() []byte { return nil }

// Files lists the built-in fonts: none.
func Files() []File { return nil }

// Config is the built-in fonts.toml: empty.
func Config() string { return "" }

// Text is a licence or the provenance note: none.
func Text(string) string { return "" }
