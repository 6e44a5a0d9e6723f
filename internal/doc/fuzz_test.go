package doc

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// FuzzParse feeds arbitrary bytes to the TOML loader: it may reject them,
// never panic, and every problem it reports must name a file (the data
// file, or a table file it names).
func FuzzParse(f *testing.F) {
	for _, p := range []string{"testdata/good.toml", "testdata/errors/unknown-nested.toml", "testdata/errors/wrong-types.toml"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("a = [\n1,\n]\n[[b]]\n[b.c]\nd = '''\nx\n'''\n")
	f.Fuzz(func(t *testing.T, src string) {
		_, err := Parse("f.toml", src)
		namesAFile(t, err)
	})
}

// namesAFile fails unless every problem of err names a file.
func namesAFile(t *testing.T, err error) {
	if err == nil {
		return
	}
	es, ok := err.(Errors)
	if !ok {
		es = Errors{err}
	}
	for _, e := range es {
		de, ok := e.(*Error)
		if !ok || de.Pos.File == "" {
			t.Fatalf("problem without the file's name: %v", e)
		}
	}
}

// FuzzSheet feeds arbitrary bytes to a table whose rows come from a .csv,
// and as the sheet of a workbook (its worksheet XML): the loader may
// reject them, never panic, and names a file in every problem.
func FuzzSheet(f *testing.F) {
	f.Add([]byte("地区,检查情况,,占比（%）\n,网站,经费（万元）,\n成都,10,12.50,\n合计,10,12.50,\n"), false)
	f.Add([]byte(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>地区</t></is></c><c r="B1" t="inlineStr"><is><t>网站</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>成都</t></is></c><c r="B2" s="9"><f>B9</f><v>1.5</v></c></row></sheetData><mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>`), true)
	dir := f.TempDir()
	base := excelize.NewFile()
	var book bytes.Buffer
	if err := base.Write(&book); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, xlsx bool) {
		name := "a.csv"
		if xlsx {
			name = "a.xlsx"
			data = replacePart(t, book.Bytes(), "xl/worksheets/sheet1.xml", data)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "a.toml")
		if err := os.WriteFile(p, []byte("source = \""+name+"\"\n"+sheetColumns), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadTable(p)
		namesAFile(t, err)
	})
}

// replacePart is the zip b with the part name holding data.
func replacePart(t *testing.T, b []byte, name string, data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == name {
			w.Write(data)
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, r)
		r.Close()
	}
	zw.Close()
	return out.Bytes()
}
