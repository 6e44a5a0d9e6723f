package build

// OFD output: the job's pages rendered by package render/ofd, with the
// archive record in the document's CustomDatas instead of XMP.

import (
	"bytes"
	"path/filepath"
	"strconv"
	"strings"

	"gongwen/internal/archive"
	"gongwen/internal/fonts"
	"gongwen/internal/format"
	ofdr "gongwen/internal/render/ofd"
	"gongwen/internal/say"
)

// IsOFD reports whether path names an OFD file (by its extension).
func IsOFD(path string) bool { return strings.EqualFold(filepath.Ext(path), ".ofd") }

// OFDName is the OFD written beside a PDF: the same name with .ofd.
func OFDName(pdfPath string) string {
	return strings.TrimSuffix(pdfPath, filepath.Ext(pdfPath)) + ".ofd"
}

// Output is one file a build writes.
type Output struct {
	Path string
	Data []byte
}

// Outputs renders everything a build of the job writes for out: its PDF,
// or its OFD when out ends in .ofd, and with opt.OFD an OFD beside the
// PDF too; with opt.Copies, that for each numbered copy (copies.go).
// Nothing is written: a build writes all or nothing.
//
// No output may replace an input of the build or anything but a regular
// writable file (CheckOutput): every output, copies included, is checked
// here, before anything is written.
func (j *Job) Outputs(out string, opt Options) ([]Output, error) {
	outs, err := j.outputs(out, opt)
	if err != nil {
		return nil, err
	}
	inputs := j.Inputs()
	for _, o := range outs {
		if err := CheckOutput(o.Path, inputs); err != nil {
			return nil, err
		}
	}
	return outs, nil
}

func (j *Job) outputs(out string, opt Options) ([]Output, error) {
	if opt.Copies != nil {
		return j.copyOutputs(out, opt)
	}
	if IsOFD(out) {
		b, err := j.RenderOFD(opt)
		return []Output{{out, b}}, err
	}
	if IsDOCX(out) {
		b, err := j.RenderDOCX(opt)
		return []Output{{out, b}}, err
	}
	b, err := j.Render(opt)
	if err != nil {
		return nil, err
	}
	outs := []Output{{out, b}}
	if opt.OFD {
		o, err := j.RenderOFD(opt)
		if err != nil {
			return nil, err
		}
		outs = append(outs, Output{OFDName(out), o})
	}
	if opt.DOCX {
		o, err := j.RenderDOCX(opt)
		if err != nil {
			return nil, err
		}
		outs = append(outs, Output{DOCXName(out), o})
	}
	return outs, nil
}

// RenderOFD writes the job's OFD package into memory, with its archive
// record.
func (j *Job) RenderOFD(opt Options) ([]byte, error) {
	rec, subsets, err := j.inputs()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = ofdr.Render(&buf, j.Result, ofdr.Options{
		Font:           j.fontFunc(subsets),
		Date:           j.Date(opt),
		Creator:        "gongwen",
		CreatorVersion: Version,
		Custom:         recordData(rec),
	})
	if err != nil {
		return nil, say.Errorf("%s: rendering OFD: %v", j.Doc.Source, err)
	}
	return buf.Bytes(), nil
}

// inputs are what a renderer needs besides the pages: the archive record
// and the font subsets.
func (j *Job) inputs() (*archive.Record, map[*fonts.Font][]byte, error) {
	rec, err := j.Record()
	if err != nil {
		return nil, nil, err
	}
	subsets, err := j.subsets()
	return rec, subsets, err
}

// fontFunc gives the renderers each role's font: its file name without the
// extension (with a collection's member's index: fonts.Font.Stem), and its
// subset.
func (j *Job) fontFunc(subsets map[*fonts.Font][]byte) func(format.Role) (string, []byte) {
	return func(r format.Role) (string, []byte) {
		f := j.Fonts.Font(r)
		return f.Stem(), subsets[f]
	}
}

// The CustomData names of the archive record: one each for the tool, the
// data file, the fonts.toml, the format and its settings' hash, the 份号 of
// a numbered copy (only for one: a single build's record is as before), then one
// "source" per input in the record's order, valued like a line of
// sha256sum (the hash, two spaces, the path), as in the PDF's XMP.
const (
	recTool         = "gongwen:tool"
	recDocument     = "gongwen:document"
	recFontConfig   = "gongwen:fontConfig"
	recFormat       = "gongwen:format"
	recFormatSHA256 = "gongwen:formatSHA256"
	recCopy         = "gongwen:copy"
	recSource       = "gongwen:source"
)

func recordData(rec *archive.Record) []ofdr.CustomData {
	out := []ofdr.CustomData{
		{Name: recTool, Value: rec.Tool},
		{Name: recDocument, Value: rec.Document},
		{Name: recFontConfig, Value: rec.FontConfig},
		{Name: recFormat, Value: rec.Format},
		{Name: recFormatSHA256, Value: rec.FormatSHA256},
	}
	if rec.Copy > 0 {
		out = append(out, ofdr.CustomData{Name: recCopy, Value: strconv.Itoa(rec.Copy)})
	}
	for _, s := range rec.Sources {
		out = append(out, ofdr.CustomData{Name: recSource, Value: s.SHA256 + "  " + s.Path})
	}
	return out
}

// readOFDRecord finds the archive record in an OFD package; its date is
// the CreationDate.
func readOFDRecord(pkg []byte) (*archive.Record, error) {
	info, err := ofdr.ReadInfo(pkg)
	if err != nil {
		return nil, err
	}
	rec, err := recordFrom(info.Custom, say.New("no gongwen archive record in its CustomDatas"))
	if err != nil {
		return nil, err
	}
	rec.Date = info.CreationDate
	return rec, nil
}

// recordFrom reads an archive record from its named values (recordData's);
// missing is the error for a package without one.
func recordFrom(custom []ofdr.CustomData, missing error) (*archive.Record, error) {
	rec := &archive.Record{}
	var err error
	for _, c := range custom {
		switch c.Name {
		case recTool:
			rec.Tool = c.Value
		case recDocument:
			rec.Document = c.Value
		case recFontConfig:
			rec.FontConfig = c.Value
		case recFormat:
			rec.Format = c.Value
		case recFormatSHA256:
			rec.FormatSHA256 = c.Value
		case recCopy:
			if rec.Copy, err = archive.ParseCopy(c.Value); err != nil {
				return nil, err
			}
		case recSource:
			sha, path, ok := strings.Cut(c.Value, "  ")
			if !ok || len(sha) != 64 {
				return nil, say.Errorf("recorded source %q is not a SHA-256, two spaces and a path", c.Value)
			}
			rec.Sources = append(rec.Sources, archive.Source{Path: path, SHA256: sha})
		}
	}
	if rec.Document == "" {
		return nil, missing
	}
	return rec, nil
}
