package archive

import (
	"errors"
	"strings"
	"testing"
)

// Elements gives each element as it ends, with its own text (not its
// children's) and the names around it; an error of the callback stops it,
// and XML that is not well formed is an error about the XMP metadata.
func TestElements(t *testing.T) {
	stop := errors.New("stop")
	for _, c := range []struct {
		name, xml string
		stopAt    string // the callback fails at this element
		want      []string
		err       string
	}{
		{"text and children", `<a xmlns:g="urn:g">x<g:b>y</g:b>z<c/></a>`, "",
			[]string{"b[a]=y", "c[a]=", "a[]=xz"}, ""},
		{"a sequence", `<s><q><li>1</li><li> 2 </li></q></s>`, "",
			[]string{"li[s q]=1", "li[s q]= 2 ", "q[s]=", "s[]="}, ""},
		{"entities and CDATA", `<a>&lt;&amp;<![CDATA[<b>]]></a>`, "",
			[]string{"a[]=<&<b>"}, ""},
		{"stopped", `<a><b>1</b><c>2</c></a>`, "b", []string{"b[a]=1"}, "stop"},
		{"not well formed", `<a><b></a>`, "", nil, "reading the XMP metadata: "},
		{"empty", ``, "", nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			err := Elements([]byte(c.xml), func(e Element) error {
				var ps []string
				for _, p := range e.Parents {
					ps = append(ps, p.Local)
				}
				got = append(got, e.Name.Local+"["+strings.Join(ps, " ")+"]="+e.Text)
				if e.Name.Local == c.stopAt {
					return stop
				}
				return nil
			})
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("elements %q, want %q", got, c.want)
			}
			switch {
			case c.err == "" && err != nil, c.err != "" && (err == nil || !strings.HasPrefix(err.Error(), c.err)):
				t.Errorf("error %v, want %q", err, c.err)
			}
		})
	}
}

// Parent counts up from the element; past the root it is the zero name.
func TestElementParent(t *testing.T) {
	var li Element
	Elements([]byte(`<r xmlns:gw="`+Namespace+`"><gw:sources><s><li>x</li></s></gw:sources></r>`), func(e Element) error {
		if e.Name.Local == "li" {
			li = e
		}
		return nil
	})
	if p := li.Parent(2); p.Space != Namespace || p.Local != "sources" {
		t.Errorf("Parent(2) = %v", p)
	}
	if p := li.Parent(1); p.Local != "s" {
		t.Errorf("Parent(1) = %v", p)
	}
	if p := li.Parent(4); p.Local != "" || li.Parent(0).Local != "" {
		t.Errorf("Parent(4) = %v, Parent(0) = %v", p, li.Parent(0))
	}
}
