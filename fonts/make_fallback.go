//go:build ignore

// make_fallback.go makes HanaMinA-Fallback.ttf from Debian's HanaMinA.ttf
// (fonts-hanazono) and Unihan (unicode-data), as PROVENANCE.md says:
//
//	go run fonts/make_fallback.go /usr/share/fonts/truetype/hanazono/HanaMinA.ttf \
//	    /usr/share/unicode/Unihan_OtherMappings.txt.bz2 fonts/HanaMinA-Fallback.ttf
package main

import (
	"bufio"
	"compress/bzip2"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gongwen/internal/fonts"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: go run fonts/make_fallback.go HanaMinA.ttf Unihan_OtherMappings.txt.bz2 OUT.ttf")
		os.Exit(2)
	}
	f, err := fonts.Open(os.Args[1])
	check(err)
	var want []rune
	for r := rune(0x20); r < 0x7F; r++ { // ASCII
		want = append(want, r)
	}
	gbk := simplifiedchinese.GBK.NewEncoder()
	for r := rune(0x80); r <= 0xFFFF; r++ { // GBK
		if (r < 0xD800 || r >= 0xF900) && encodes(gbk.String(string(r))) {
			want = append(want, r)
		}
	}
	u, err := os.Open(os.Args[2]) // 通用规范汉字表: the characters with a kTGH field
	check(err)
	sc := bufio.NewScanner(bzip2.NewReader(u))
	tgh := 0
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) == 3 && fields[1] == "kTGH" {
			n, err := strconv.ParseUint(strings.TrimPrefix(fields[0], "U+"), 16, 32)
			check(err)
			want = append(want, rune(n))
			tgh++
		}
	}
	check(sc.Err())
	for r := rune(0x3400); r <= 0x4DBF; r++ { // CJK Extension A
		want = append(want, r)
	}
	for r := rune(0x20000); r <= 0x3FFFF; r++ { // above the BMP
		want = append(want, r)
	}
	seen := map[rune]bool{}
	var have []rune
	for _, r := range want {
		if f.Has(r) && !seen[r] {
			seen[r] = true
			have = append(have, r)
		}
	}
	b, err := f.Subset(have)
	check(err)
	check(os.WriteFile(os.Args[3], b, 0o644))
	fmt.Printf("%d characters of 通用规范汉字表 read; %d characters kept, %d bytes\n", tgh, len(have), len(b))
}

func encodes(_ string, err error) bool { return err == nil }

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
