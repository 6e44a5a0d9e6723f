package e2e

// A role's font named as a member of a TrueType collection (fonts.toml:
// fangsong = "c.ttc#1"): the PDF draws with that member, the archive
// record names the collection's file by its hash, and verify rebuilds the
// same bytes. The collection is made in the test from two shipped fonts,
// each cut down to the document's characters.

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongwen/internal/archive"
	"gongwen/internal/build"
	"gongwen/internal/fonts"
	"gongwen/internal/fonts/fontstest"
	"gongwen/internal/pdfcheck"
)

const ttcDoc = `template = "../templates/body.txt"
issuer = "四川省人民政府办公厅"
title = ["关于测试的通报"]
recipients = "各市（州）人民政府"
signature = "四川省人民政府办公厅"
date = 2024-12-26
number = "川办函〔2024〕114号"
format = "letter"
[figures]
cities = 21
`

const ttcBody = "开头的段落。\n\n对象为{{.Figures.cities}}个市（州）。\n"

// ttcProject writes a project whose 仿宋 is member of fonts/c.ttc: a
// collection of FandolFang (#0) and FandolKai (#1), each cut down to the
// document's characters. It returns the project and the collection's bytes.
func ttcProject(t *testing.T, member string) (string, []byte) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "proj")
	runes := []rune(ttcDoc + ttcBody + "0123456789年月日，。：；（）〔〕—－")
	var members [][]byte
	for _, name := range []string{"FandolFang-Regular.ttf", "FandolKai-Regular.ttf"} {
		f, err := fonts.Open(filepath.Join(archRoot, "fonts", name))
		if err != nil {
			t.Fatal(err)
		}
		sub, err := f.Subset(runes)
		if err != nil {
			t.Fatal(err)
		}
		members = append(members, sub)
	}
	ttc := fontstest.Collection(t, members...)
	root, _ := filepath.Abs(archRoot)
	cfg := ""
	for _, r := range [][2]string{{"xiaobiaosong", "NotoSerifSC-Bold.ttf"}, {"heiti", "NotoSansSC-Regular.ttf"}, {"kaiti", "FandolKai-Regular.ttf"}, {"songti", "FandolSong-Regular.ttf"}} {
		cfg += r[0] + ` = "` + filepath.Join(root, "fonts", r[1]) + "\"\n"
	}
	cfg += `fangsong = "c.ttc` + member + "\"\n"
	for name, b := range map[string][]byte{
		"data/doc.toml":      []byte(ttcDoc),
		"templates/body.txt": []byte(ttcBody),
		"fonts/fonts.toml":   []byte(cfg),
		"fonts/c.ttc":        ttc,
	} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, ttc
}

func TestCollectionMemberIsDrawnRecordedAndVerified(t *testing.T) {
	pdfcheck.RequireTools(t, "mutool")
	for _, c := range []struct {
		member, font, other string
	}{
		{"", "FandolFang-Regular", "FandolKai"},
		{"#0", "FandolFang-Regular", "FandolKai"},
		{"#1", "FandolKai-Regular", "FandolFang"},
	} {
		t.Run("c.ttc"+c.member, func(t *testing.T) {
			dir, ttc := ttcProject(t, c.member)
			t.Chdir(dir)
			out := "doc.pdf"
			if err := build.Build("data/doc.toml", out, build.Options{}); err != nil {
				t.Fatal(err)
			}
			// The body (仿宋) is drawn with the member chosen.
			pages, err := pdfcheck.Trace(out)
			if err != nil {
				t.Fatal(err)
			}
			body := 0
			for _, pg := range pages {
				for _, g := range pg.Glyphs {
					if g.Rune != '段' && g.Rune != '象' {
						continue
					}
					body++
					if _, ps, _ := strings.Cut(g.Font, "+"); ps != c.font {
						t.Errorf("%q is drawn in %q, want the member %s", g.Rune, g.Font, c.font)
					}
				}
			}
			if body != 2 {
				t.Errorf("found %d of the body's 段 and 象, want 2", body)
			}
			// The record names the file on disk, by its hash.
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			rec, err := archive.Read(b)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(ttc)
			if s, ok := rec.Source("fonts/c.ttc"); !ok || s.SHA256 != hex.EncodeToString(sum[:]) {
				t.Errorf("the record has fonts/c.ttc as %+v (%v), want the file's SHA-256 %x", s, ok, sum)
			}
			for _, s := range rec.Sources {
				if strings.Contains(s.Path, "#") {
					t.Errorf("the record names %q, not a file", s.Path)
				}
			}
			rep, err := build.Verify(out, ".", build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !rep.Identical || len(rep.Changed)+len(rep.Missing)+len(rep.Added)+len(rep.Unused) > 0 {
				t.Errorf("verify: %+v", rep)
			}
			// Choosing the other member after the build: the fonts.toml
			// changed, and the PDF is not what it makes.
			other := "#1"
			if c.member == "#1" {
				other = "#0"
			}
			cfg, _ := os.ReadFile("fonts/fonts.toml")
			edited := strings.Replace(string(cfg), `"c.ttc`+c.member+`"`, `"c.ttc`+other+`"`, 1)
			if err := os.WriteFile("fonts/fonts.toml", []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			rep, err = build.Verify(out, ".", build.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Identical || strings.Join(rep.Changed, ",") != "fonts/fonts.toml" {
				t.Errorf("verify after choosing %s: identical %v, changed %q; want fonts/fonts.toml changed", other, rep.Identical, rep.Changed)
			}
		})
	}
}
