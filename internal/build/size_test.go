package build

import (
	"testing"

	"gongwen/internal/archive"
	"gongwen/internal/diff"
)

// Issue 9's bound on the reference notice's size: no larger than the
// 349 KB it had before the layout record grew it. The record is most of
// the XMP packet; stored as XML, one rdf:li an item, it alone was 42 KB.
func TestNoticeStaysWithinItsSize(t *testing.T) {
	j, err := Prepare(notice, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := j.Render(Options{})
	if err != nil {
		t.Fatal(err)
	}
	const limit = 349_000
	if len(pdf) > limit {
		t.Errorf("the notice's PDF has %d bytes, more than %d", len(pdf), limit)
	}
	packet := archive.Packet(pdf, diff.Namespace)
	if len(packet) == 0 || len(packet) > 20_000 {
		t.Errorf("the XMP packet holding the layout record has %d bytes, want some and at most 20,000", len(packet))
	}
	if _, err := diff.Read(pdf); err != nil {
		t.Error(err)
	}
}
