// Package input owns reading the files a build is made from: data files,
// templates, tables, the font configuration, images and PDFs to verify.
// Every reader goes through Read, which opens only regular files (a named
// pipe would hang the open, /dev/zero would never end, a folder is not a
// file), refuses a file larger than its kind may be before reading it, and
// drops a UTF-8 byte order mark from the start of a text file (Windows
// Notepad writes one). Fonts are mapped by package fonts, with the same
// checks and its own limit (fonts.MaxFileSize). A build reads through
// package source, which calls Read once a file and keeps the bytes.
package input

import (
	"bytes"
	"errors"
	"fmt"
	"gongwen/internal/say"
	"io"
	"io/fs"
	"os"
)

// Kind is what a file is to the document; each kind has its size limit.
type Kind int

const (
	Data       Kind = iota // a document's TOML data file
	Template               // a body template
	Table                  // an annex table's TOML file
	FontConfig             // a fonts.toml
	Image                  // a seal or other picture
	PDF                    // a built PDF, read back by verify
	OFD                    // a built OFD package, read back by verify
	Sheet                  // a spreadsheet (.xlsx) or .csv an annex table takes its rows from
	DOCX                   // a built DOCX package, read back by verify
	Any                    // any input, hashed for an archive record (fonts are the largest)
)

// Limits are the largest file of each kind that is read, in bytes: a
// 公文's data or table is a few kilobytes, its template a few tens; a seal
// image a few hundred kilobytes; a PDF a few megabytes; a spreadsheet of
// an annex's table tens of kilobytes (its unzipped parts are bounded by
// the table loader, doc.MaxSheetUnzip). Ten to a hundred
// times that is room enough, and keeps an absurd file from filling memory.
var Limits = map[Kind]int64{
	Data:       4 << 20,
	Template:   4 << 20,
	Table:      4 << 20,
	FontConfig: 1 << 20,
	Image:      32 << 20,
	PDF:        256 << 20,
	OFD:        256 << 20,
	Sheet:      16 << 20,
	DOCX:       256 << 20,
	Any:        256 << 20,
}

var names = map[Kind]string{
	Data: "a data file", Template: "a template", Table: "a table file",
	FontConfig: "a font configuration", Image: "an image", PDF: "a PDF", OFD: "an OFD package",
	Sheet: "a spreadsheet",
	DOCX:  "a DOCX package",
	Any:   "an input file",
}

func (k Kind) String() string { return names[k] }

// Message is the kind's name as a message.
func (k Kind) Message() say.Text { return say.Word(names[k]) }

// BOM is the UTF-8 byte order mark.
var BOM = []byte{0xEF, 0xBB, 0xBF}

// Error says why a file was not read, without its path (the caller names
// the file where the message needs it).
type Error struct {
	Reason say.Text
	Err    error // the system's error, when there is one
	// Line and Col, when not 0, are where in the file the problem is (the
	// first byte of text that is not UTF-8).
	Line, Col int
}

func (e *Error) Error() string { return e.Reason.String() }

// Message is the reason as a message.
func (e *Error) Message() say.Text { return e.Reason }
func (e *Error) Unwrap() error     { return e.Err }

// Read returns the content of the regular file at path, of kind k.
func Read(path string, k Kind) ([]byte, error) { return ReadTo(path, k, nil) }

// ReadTo is Read that also writes every byte it reads to w (a hash, for
// package source), when w is not nil: the bytes hashed are the bytes
// returned, from one opening of the file.
func ReadTo(path string, k Kind, w io.Writer) ([]byte, error) {
	f, err := Open(path, k)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	limit := Limits[k]
	var r io.Reader = io.LimitReader(f, limit+1)
	if w != nil {
		r = io.TeeReader(r, w)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, sysErr(err)
	}
	if int64(len(b)) > limit { // it grew since it was looked at
		return nil, tooLarge(int64(len(b)), k)
	}
	return b, nil
}

// ReadText is Read for text: a byte order mark at the start is dropped, so
// that line 1, column 1 is the first character a person sees, and text
// that is not UTF-8 is an *Error at its first such byte, naming the
// encoding it looks like (GBK/GB18030, UTF-16) and how to save it as UTF-8.
func ReadText(path string, k Kind) ([]byte, error) {
	b, err := Read(path, k)
	if err != nil {
		return nil, err
	}
	return Text(b)
}

// Text is ReadText for bytes already read: b without a byte order mark
// at its start, or an *Error at its first byte that is not UTF-8.
func Text(b []byte) ([]byte, error) {
	b = bytes.TrimPrefix(b, BOM)
	if e := notUTF8(b); e != nil {
		return nil, e
	}
	return b, nil
}

// Fits is the error Read gives for a file of n bytes when its kind k
// allows fewer, nil when it fits: for bytes read once as one kind and
// asked for again as another.
func Fits(n int64, k Kind) error {
	if n > Limits[k] {
		return tooLarge(n, k)
	}
	return nil
}

// Open opens the regular file at path, of kind k, for reading, after
// checking by its name and again by its descriptor that it is a regular
// file within the kind's limit. The caller closes it.
func Open(path string, k Kind) (*os.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, sysErr(err)
	}
	if err := check(st, k); err != nil {
		return nil, err
	}
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, sysErr(err)
	}
	st, err = f.Stat()
	if err == nil {
		err = check(st, k)
	} else {
		err = sysErr(err)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

func check(st fs.FileInfo, k Kind) error {
	switch m := st.Mode(); {
	case m.IsDir():
		return &Error{Reason: say.Sprintf("is a folder, not %s", k)}
	case !m.IsRegular():
		return &Error{Reason: say.Sprintf("is not a regular file (%s); only regular files are read", say.Word(FileKind(m)))}
	case st.Size() > Limits[k]:
		return tooLarge(st.Size(), k)
	}
	return nil
}

func tooLarge(n int64, k Kind) error {
	size, limit := Size(n), Size(Limits[k])
	if size == limit { // just over the limit: the bytes tell them apart
		size, limit = fmt.Sprintf("%d bytes", n), fmt.Sprintf("%d bytes", Limits[k])
	}
	return &Error{Reason: say.Sprintf("is %s; %s may have at most %s", size, k, limit)}
}

// Size writes a number of bytes for people: "4 MiB", "1.5 GiB", "812 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<30:
		return trim(float64(n)/(1<<30)) + " GiB"
	case n >= 1<<20:
		return trim(float64(n)/(1<<20)) + " MiB"
	case n >= 1<<10:
		return trim(float64(n)/(1<<10)) + " KiB"
	}
	return fmt.Sprintf("%d bytes", n)
}

func trim(f float64) string {
	s := fmt.Sprintf("%.1f", f)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	return s
}

// FileKind names what a file that is not a regular file is, for a
// message: "a named pipe", "a socket", "a device", "a symbolic link" or
// "a special file".
func FileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "a special file"
}

// sysErr drops the path from a system error: the message names the file.
func sysErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &Error{Reason: say.Sprintf("cannot read: %v", pe.Err), Err: err}
	}
	return &Error{Reason: say.Sprintf("cannot read: %v", err), Err: err}
}
