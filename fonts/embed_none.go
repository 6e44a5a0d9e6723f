//go:build nobuiltinfonts

package fonts

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
