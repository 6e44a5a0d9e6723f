package ofd

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"time"

	"gongwen/internal/say"
)

// Info is what ReadInfo finds in a package's OFD.xml.
type Info struct {
	Title        string
	CreationDate time.Time // midnight UTC of the CreationDate; zero if none
	Custom       []CustomData
}

// maxRootSize bounds the OFD.xml ReadInfo reads: a record of a few hundred
// sources is a few tens of kilobytes.
const maxRootSize = 16 << 20

// ReadInfo reads the document information of the first document of an OFD
// package: its title, CreationDate and CustomDatas.
func ReadInfo(pkg []byte) (*Info, error) {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		if bytes.HasPrefix(pkg, []byte("PK\x03\x04")) {
			// A zip begins with a file's local header and ends with its
			// directory (APPNOTE.TXT 4.3.6): one that begins as a zip but
			// whose directory cannot be read was cut short or damaged.
			return nil, say.Errorf("the OFD is cut short or damaged (%d bytes; a zip package, but its directory at the end cannot be read): it was not copied or written whole", len(pkg))
		}
		return nil, say.Errorf("not an OFD package (a zip file): %v", err)
	}
	var root *zip.File
	for _, f := range zr.File {
		if f.Name == rootFile {
			root = f
		}
	}
	if root == nil {
		return nil, say.New("not an OFD package: no OFD.xml")
	}
	rc, err := root.Open()
	if err != nil {
		return nil, say.Errorf("OFD.xml: %v", err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxRootSize+1))
	if err != nil {
		return nil, say.Errorf("OFD.xml: %v", err)
	}
	if len(data) > maxRootSize {
		return nil, say.New("OFD.xml is too large")
	}
	// Element names without a namespace match the ofd: ones (and any other).
	var doc struct {
		Body []struct {
			Info struct {
				Title        string `xml:"Title"`
				CreationDate string `xml:"CreationDate"`
				Custom       []struct {
					Name  string `xml:"Name,attr"`
					Value string `xml:",chardata"`
				} `xml:"CustomDatas>CustomData"`
			} `xml:"DocInfo"`
		} `xml:"DocBody"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, say.Errorf("OFD.xml: %v", err)
	}
	if len(doc.Body) == 0 {
		return nil, say.New("OFD.xml: no DocBody")
	}
	di := doc.Body[0].Info
	info := &Info{Title: di.Title}
	if di.CreationDate != "" {
		d, err := time.Parse("2006-01-02", di.CreationDate)
		if err != nil {
			return nil, say.Errorf("OFD.xml: CreationDate %q is not a date", di.CreationDate)
		}
		info.CreationDate = d
	}
	for _, c := range di.Custom {
		info.Custom = append(info.Custom, CustomData{Name: c.Name, Value: c.Value})
	}
	return info, nil
}
