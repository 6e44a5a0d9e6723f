package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"gongwen/internal/build"
	"gongwen/internal/fonts"
	"gongwen/internal/say"
)

const fontsHelp = `Usage: gongwen fonts [--licences] [FILE...]

Lists the fonts built into gongwen: the free stand-ins for the five
typeface roles of GB/T 9704, each with its licence. A document uses them
for every role nothing else names. Each role's font is the first of:
  1. the document's [fonts] table
  2. the nearest fonts/fonts.toml, beside the document or above it
  3. the fonts.toml in the --fonts folder
  4. the user's fonts.toml (%s)
  5. the built-in font
A role names a TrueType or OpenType font file (.ttf, .otf), or one font of
a collection by its index from 0: "simsun.ttc#1" (the collection alone
means #0), or a list of them tried character by character: ["a.ttf",
"simsun.ttc"]. Each
built-in list ends in HanaMinA-Fallback.ttf, for rare characters of names.
latin = "FILE" sets the font of digits and Latin letters of the body.
With --licences, prints the licence texts and how the fonts were made.
With FILE, lists the fonts in each font file instead: a collection's by
their #N, each with its name and the embedding its licence allows (OS/2
fsType), or why it cannot be embedded.

Options:
`

func runFonts(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("fonts", fontsHelp, stderr, build.UserFontConfig())
	licences := fs.Bool("licences", false, "print the licence texts and the fonts' provenance")
	if code := parse(fs, args, stdout, say.Text{}); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		if *licences {
			say.Fprintf(stderr, "gongwen fonts: --licences lists the built-in fonts' licences, not those of %q\n", fs.Arg(0))
			return exitUsage
		}
		return listFontFiles(fs.Args(), stdout, stderr)
	}
	files := fonts.BuiltinFiles()
	if len(files) == 0 {
		say.Fprintln(stdout, say.Sprintf("This gongwen was built without fonts (the nobuiltinfonts tag): every role needs a fonts.toml."))
		return exitOK
	}
	if *licences {
		seen := map[string]bool{}
		for _, f := range files {
			if !seen[f.LicenceFile] {
				seen[f.LicenceFile] = true
				say.Fprintf(stdout, "==== %s (%s) ====\n\n%s\n", f.LicenceFile, f.Licence, fonts.BuiltinText(f.LicenceFile))
			}
		}
		say.Fprintf(stdout, "==== PROVENANCE.md ====\n\n%s", fonts.BuiltinText("PROVENANCE.md"))
		return exitOK
	}
	roles := map[string][]string{}
	later := map[string]int{} // the roles whose list a font ends
	cfg := fonts.BuiltinConfig()
	for r, ps := range cfg {
		name := strings.TrimPrefix(ps[0], fonts.Builtin)
		roles[name] = append(roles[name], fmt.Sprintf("%s %s", r.ChineseName(), r))
		for _, p := range ps[1:] {
			later[strings.TrimPrefix(p, fonts.Builtin)]++
		}
	}

	say.Fprintln(stdout, say.Sprintf("Fonts built into gongwen:"))
	for _, f := range files {
		rs := roles[f.Name]
		sort.Strings(rs)
		if len(rs) == 0 && later[f.Name] == len(cfg) {
			say.Fprintf(stdout, "  %-24s every role's fallback  %5.1f MB  %s\n", f.Name, float64(len(f.Data()))/1e6, f.Licence)
			continue
		}
		if len(rs) == 0 {
			rs = []string{"no role"}
		}
		say.Fprintf(stdout, "  %-24s %-22s %5.1f MB  %s\n", f.Name, strings.Join(rs, ", "), float64(len(f.Data()))/1e6, f.Licence)
	}
	say.Fprintln(stdout, say.Sprintf("gongwen fonts --licences prints the licences and how the fonts were made."))
	return exitOK
}

// listFontFiles lists the fonts in each file named, for choosing a
// collection's #N.
func listFontFiles(paths []string, stdout, stderr io.Writer) int {
	code := exitOK
	for _, p := range paths {
		ff, err := fonts.ReadFontFile(p)
		switch {
		case err != nil:
			say.Fprintln(stderr, err)
			code = exitInput
		case !ff.Collection && ff.Fonts[0].Err != nil:
			say.Fprintf(stderr, "%s: %v\n", ff.Path, ff.Fonts[0].Err)
			code = exitInput
		case !ff.Collection && ff.Fonts[0].CFF:
			say.Fprintf(stdout, "%s: an OpenType font with CFF outlines: %s (%s), %s\n", ff.Path, ff.Fonts[0].Name, ff.Fonts[0].Family, ff.Fonts[0].Embedding.Describe())
		case !ff.Collection:
			say.Fprintf(stdout, "%s: a TrueType font: %s (%s), %s\n", ff.Path, ff.Fonts[0].Name, ff.Fonts[0].Family, ff.Fonts[0].Embedding.Describe())
		default:
			say.Fprintf(stdout, "%s: a TrueType collection of %d fonts:\n", ff.Path, ff.Total)
			for _, f := range ff.Fonts {
				if f.Err != nil {
					say.Fprintf(stdout, "  #%d  cannot be embedded: %v\n", f.Index, f.Err)
				} else {
					say.Fprintf(stdout, "  #%d  %s (%s), %s\n", f.Index, f.Name, f.Family, f.Embedding.Describe())
				}
			}
			if ff.Total > len(ff.Fonts) {
				say.Fprintf(stdout, "  … and %d more\n", ff.Total-len(ff.Fonts))
			}
		}
	}
	return code
}
