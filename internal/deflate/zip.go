package deflate

import (
	"archive/zip"
	"io"
	"time"
)

// Entry is one file of a zip package (an OFD, a DOCX).
type Entry struct {
	Name string
	Data []byte
}

// WriteZip writes a zip package: the entries in the order given, each
// deflated here, all with one timestamp (date's day at midnight UTC,
// within the years 1980–2107 a zip entry can hold), so that its bytes
// depend on nothing else: not the time zone, not the clock.
func WriteZip(w io.Writer, files []Entry, date time.Time) error {
	d := date.UTC()
	y := min(max(d.Year(), 1980), 2107)
	stamp := time.Date(y, d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	if y != d.Year() {
		stamp = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, RawWriter)
	for _, f := range files {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		if _, err := fw.Write(f.Data); err != nil {
			return err
		}
	}
	return zw.Close()
}
