package format

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"gongwen/internal/say"
)

// registry.go: the formats gongwen knows, by name. The four of GB/T
// 9704-2012 are registered here; another made of the same elements is one
// Register call (the fifth-format test registers one in the test alone).

var (
	mu sync.RWMutex
	// formats lists every format, in the order messages name them; make
	// returns a new value each time, which its user may change.
	formats = []registered{
		{"file", File},
		{"letter", Letter},
		{"order", Order},
		{"minutes", Minutes},
	}
)

type registered struct {
	name string
	make func() *Format
}

// Register adds the format make returns (a new value each call) after
// the ones known: from then on a data file may name it in its format key,
// its keys are checked by its elements, gongwen formats lists it and
// gongwen new starts it. Its name must be new, and the format whole: its
// Chinese name, its words and its starter set, and only elements the
// layout composes.
func Register(make func() *Format) error {
	f := make()
	if err := check(f); err != nil {
		return err
	}
	mu.Lock()
	defer mu.Unlock()
	for _, r := range formats {
		if r.name == f.Name {
			return say.Errorf("format %q is registered already", f.Name)
		}
	}
	formats = append(formats, registered{f.Name, make})
	return nil
}

// check reports what a format to register lacks.
func check(f *Format) error {
	var errs []error
	missing := func(what, value string) {
		if value == "" {
			errs = append(errs, say.Errorf("format %q has no %s", f.Name, what))
		}
	}
	missing("name", f.Name)
	missing("Chinese name (ChineseName)", f.ChineseName)
	missing("annex label (AnnexWord)", f.AnnexWord)
	missing("label of the 附件说明 (AttachmentsLabel)", f.AttachmentsLabel)
	missing("starter data file (Starter.Data)", f.Starter.Data)
	missing("starter body (Starter.Body)", f.Starter.Body)
	for _, e := range append(append([]Element{}, f.Front...), f.Back...) {
		if _, reads := elementKeys[e.Kind]; !reads && e.Kind != RuleLine && e.Kind != Annexes {
			errs = append(errs, say.Errorf("format %q lists the element %q, which the layout does not compose", f.Name, e.Kind))
		}
	}
	return errors.Join(errs...)
}

// Names lists the formats' names.
func Names() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, len(formats))
	for i, f := range formats {
		out[i] = f.name
	}
	return out
}

// Known is the list of formats for messages: "file", "letter", …
func Known() string {
	names := Names()
	for i, n := range names {
		names[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(names, ", ")
}

// ByName returns the named format.
func ByName(name string) (*Format, error) {
	var make func() *Format
	mu.RLock()
	for _, f := range formats {
		if f.name == name {
			make = f.make
		}
	}
	mu.RUnlock()
	if make == nil {
		return nil, say.Errorf("unknown format %q (known: %s)", name, Known())
	}
	return make(), nil
}

// ChineseNameOf is the standard's name of the named format (文件格式), or
// "" when no format has the name.
func ChineseNameOf(name string) string {
	f, err := ByName(name)
	if err != nil {
		return ""
	}
	return f.ChineseName
}
