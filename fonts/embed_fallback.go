//go:build !nobuiltinfonts && !nofallbackfont

package fonts

import _ "embed"

// The fallback font, last of every role's list in fonts.toml: 15 MB of
// the binary, which the nofallbackfont tag leaves out (the roles then end
// in their own fonts, as a fonts.toml without it does).
//
//go:embed HanaMinA-Fallback.ttf
var hanaMin string

//go:embed LICENSES/Hanazono.txt
var hanazono string

func init() {
	files = append(files, File{Name: "HanaMinA-Fallback.ttf", Licence: "Hanazono Font License", LicenceFile: "LICENSES/Hanazono.txt", data: hanaMin})
	texts["LICENSES/Hanazono.txt"] = hanazono
}
