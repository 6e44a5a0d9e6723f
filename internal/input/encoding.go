package input

import (
	"bytes"
	"gongwen/internal/say"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// notUTF8 explains text that is not UTF-8: where the first byte that is
// not UTF-8 is, the encoding the bytes look like (a Windows editor saves
// Chinese as GBK/GB18030, or as UTF-16 when told "Unicode"), and how to
// save the file as UTF-8. nil when b is UTF-8.
func notUTF8(b []byte) *Error {
	if utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 {
		return nil // (UTF-16 of ASCII is valid UTF-8, but full of zero bytes)
	}
	e := &Error{Line: 1, Col: 1}
	// The first byte that is not UTF-8, by line and column, and the start
	// of its line.
	bad := 0
	for bad < len(b) {
		r, n := utf8.DecodeRune(b[bad:])
		if r == utf8.RuneError && n <= 1 || r == 0 { // a zero byte is not text either
			break
		}
		bad += n
	}
	lineStart := bytes.LastIndexByte(b[:bad], '\n') + 1
	look, sample := guessEncoding(b, lineStart)
	if !strings.HasPrefix(look, "UTF-16") { // else all of it is, from byte 0
		e.Line = 1 + bytes.Count(b[:bad], []byte("\n"))
		e.Col = 1 + utf8.RuneCount(b[lineStart:bad])
	}
	switch {
	case look == "":
		e.Reason = say.Sprintf("the file is not UTF-8 text (byte 0x%02x is not UTF-8, and it is not GBK/GB18030 or UTF-16 either): save it as UTF-8 (Notepad: File → Save As, Encoding: UTF-8; WPS and Word: Save As, Plain Text, UTF-8)", b[bad])
	case sample == "":
		e.Reason = say.Sprintf("the file is not UTF-8 but looks like %s: save it as UTF-8 (Notepad: File → Save As, Encoding: UTF-8; WPS and Word: Save As, Plain Text, UTF-8); or convert it: iconv -f %s -t UTF-8", say.Word(look), iconvName(look))
	default:
		e.Reason = say.Sprintf("the file is not UTF-8 but looks like %s (it reads “%s…” in that encoding): save it as UTF-8 (Notepad: File → Save As, Encoding: UTF-8; WPS and Word: Save As, Plain Text, UTF-8); or convert it: iconv -f %s -t UTF-8", say.Word(look), sample, iconvName(look))
	}
	return e
}

func iconvName(look string) string {
	switch look {
	case "UTF-16 (little-endian)":
		return "UTF-16LE"
	case "UTF-16 (big-endian)":
		return "UTF-16BE"
	}
	return "GB18030"
}

// guessEncoding names the encoding b looks like, with a few Chinese
// characters of the line starting at from decoded so the user can see the
// guess is right; "" when it is none of those offices use.
func guessEncoding(b []byte, from int) (name, sample string) {
	for _, c := range []struct {
		name string
		enc  encoding.Encoding
		ok   func([]byte) bool
	}{
		{"UTF-16 (little-endian)", xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), func(b []byte) bool { return utf16Like(b, 1) }},
		{"UTF-16 (big-endian)", xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), func(b []byte) bool { return utf16Like(b, 0) }},
		{"GBK/GB18030, the Windows Chinese encoding", simplifiedchinese.GB18030, func([]byte) bool { return true }},
	} {
		if !c.ok(b) {
			continue
		}
		text, err := c.enc.NewDecoder().Bytes(b)
		if err != nil || bytes.ContainsRune(text, utf8.RuneError) || !utf8.Valid(text) {
			continue
		}
		if line, err := c.enc.NewDecoder().Bytes(b[from:]); err == nil && !strings.HasPrefix(c.name, "UTF-16") {
			text = line
		}
		return c.name, excerpt(string(text))
	}
	return "", ""
}

// utf16Like reports whether b starts with a UTF-16 byte order mark, or has
// zero bytes at the odd (zero: the even) offsets, as ASCII in UTF-16 does.
func utf16Like(b []byte, zeroAt int) bool {
	if len(b) >= 2 && (zeroAt == 1 && b[0] == 0xFF && b[1] == 0xFE || zeroAt == 0 && b[0] == 0xFE && b[1] == 0xFF) {
		return true
	}
	zeros, pairs := 0, 0
	for i := 0; i+1 < len(b) && pairs < 512; i += 2 {
		pairs++
		if b[i+zeroAt] == 0 && b[i+1-zeroAt] != 0 {
			zeros++
		}
	}
	return pairs > 0 && zeros*2 >= pairs
}

// excerpt is up to 8 of the first Han characters of text, or "".
func excerpt(text string) string {
	var han []rune
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			han = append(han, r)
			if len(han) == 8 {
				break
			}
		}
	}
	return string(han)
}
