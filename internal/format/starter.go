package format

import "embed"

// Starter is what `gongwen new` writes for a new document of a format:
// text/template sources with « » delimiters, which package starter fills
// in and writes, and the example values they show before the user's.
type Starter struct {
	Data    string  // data/NAME.toml
	Body    string  // templates/NAME.txt
	Annex   string  // data/NAME/附件1.toml, an annex table the body cites
	Example Example // the example title, 发文字号 and 主送机关
}

// Example is what a starter says before the user replaces it: its title,
// 发文字号 and 主送机关 ({{Year}} stands for the year; no 主送机关 when
// Recipients is empty).
type Example struct{ Title, Number, Recipients string }

// plainExample is the example of a format's starter without a 文种.
var plainExample = Example{"关于报送{{Year}}年工作完成情况的通知", "示府发〔{{Year}}〕1号", "各乡（镇）人民政府，县政府各部门"}

// starterFiles are the starters of the built-in formats (NAME.toml,
// NAME.txt), their annex and the bodies of the 文种 (kinds/KIND.txt).
//
//go:embed starter
var starterFiles embed.FS

// starterFile is one of starterFiles. They are compiled in: one missing
// is a mistake of this package, which every test that loads it shows.
func starterFile(name string) string {
	b, err := starterFiles.ReadFile("starter/" + name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// builtinStarter is the starter of a built-in format, from its files.
func builtinStarter(name string, ex Example) Starter {
	return Starter{
		Data:    starterFile(name + ".toml"),
		Body:    starterFile(name + ".txt"),
		Annex:   starterFile("annex.toml"),
		Example: ex,
	}
}
