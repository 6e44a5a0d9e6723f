//go:build !nobuiltinfonts

// Package fonts holds the five free default fonts, their licences and the
// fonts.toml that assigns them to the GB/T 9704 typeface roles, built into
// the gongwen binary so that it builds a document with nothing beside it.
//
// It lives in this folder, not under internal/, because go:embed reads only
// files in the package's folder and below: the fonts stay where a user of
// the repository finds them (and where fonts.toml points), and are not
// copied. Nothing here knows what a font is; internal/fonts opens them.
package fonts

import (
	_ "embed"
	"unsafe"
)

// The fonts are string variables: the linker places their bytes in the
// binary's read-only data, mapped from the executable like a font file
// mapped from disk, and never copied into the heap (embed.FS.ReadFile
// would copy 38 MB).
var (
	//go:embed FandolFang-Regular.ttf
	fandolFang string
	//go:embed FandolKai-Regular.ttf
	fandolKai string
	//go:embed FandolSong-Regular.ttf
	fandolSong string
	//go:embed NotoSansSC-Regular.ttf
	notoSans string
	//go:embed NotoSerifSC-Bold.ttf
	notoSerif string

	//go:embed fonts.toml
	config string
	//go:embed LICENSES/GPL-3.0.txt
	gpl string
	//go:embed LICENSES/OFL-1.1.txt
	ofl string
	//go:embed PROVENANCE.md
	provenance string
)

var files = []File{
	{Name: "FandolFang-Regular.ttf", Licence: "GPL-3.0 with the GPL font exception", LicenceFile: "LICENSES/GPL-3.0.txt", data: fandolFang},
	{Name: "FandolKai-Regular.ttf", Licence: "GPL-3.0 with the GPL font exception", LicenceFile: "LICENSES/GPL-3.0.txt", data: fandolKai},
	{Name: "FandolSong-Regular.ttf", Licence: "GPL-3.0 with the GPL font exception", LicenceFile: "LICENSES/GPL-3.0.txt", data: fandolSong},
	{Name: "NotoSansSC-Regular.ttf", Licence: "SIL Open Font License 1.1", LicenceFile: "LICENSES/OFL-1.1.txt", data: notoSans},
	{Name: "NotoSerifSC-Bold.ttf", Licence: "SIL Open Font License 1.1", LicenceFile: "LICENSES/OFL-1.1.txt", data: notoSerif},
}

var texts = map[string]string{
	"LICENSES/GPL-3.0.txt": gpl,
	"LICENSES/OFL-1.1.txt": ofl,
	"PROVENANCE.md":        provenance,
}

// File is one built-in font.
type File struct {
	Name        string // the file name in this folder
	Licence     string // the licence's name
	LicenceFile string // its text, as a path in this folder (see Text)
	data        string
}

// Data is the font file's bytes. They are the binary's read-only data:
// writing to them faults.
func (f File) Data() []byte { return unsafe.Slice(unsafe.StringData(f.data), len(f.data)) }

// Files lists the built-in fonts, by name; none when the binary was built
// with the nobuiltinfonts tag.
func Files() []File { return files }

// Config is the built-in fonts.toml: role = "file" lines naming Files.
func Config() string { return config }

// Defaults is the fonts.toml of this folder, which names each role's
// default font, whether or not the fonts are built in.
func Defaults() string { return config }

// Text is a licence or the provenance note, by its path in this folder
// ("LICENSES/OFL-1.1.txt", "PROVENANCE.md"); "" if there is none.
func Text(path string) string { return texts[path] }
