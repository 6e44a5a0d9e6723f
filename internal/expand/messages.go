package expand

// messages.go rewords what text/template says about a template into the
// terms of a document: the fields and functions a template may use, never
// Go's types or the functions this package adds behind the scenes.

import (
	"errors"
	"reflect"
	"regexp"
	"strings"

	"gongwen/internal/doc"
	"gongwen/internal/say"
)

var (
	// The commands the guards added (" | gongwen_step …"), or the step a
	// {{template}} without a pipeline was given (" gongwen_step …").
	addedCommand = regexp.MustCompile(` (?:\| )?(?:` + guardName + `|` + stepName + `) "(?:[^"\\]|\\.)*"`)
	errorCalling = regexp.MustCompile(`^error calling (\S+): (.*)$`)
	noField      = regexp.MustCompile(`^can't evaluate field (\S+) in type (.+)$`)
	wrongArgs    = regexp.MustCompile(`^wrong number of args for (\S+): want (?:at least )?(\d+) got (\d+)$`)
	wrongType    = regexp.MustCompile(`^wrong type for value; expected (\S+); got (\S+)$`)
)

// What a template can reach, by the Go type text/template names.
var templateTypes = map[string]struct {
	name string
	t    reflect.Type
}{
	"*doc.Document": {"the document", reflect.TypeOf(&doc.Document{})},
	"doc.Document":  {"the document", reflect.TypeOf(&doc.Document{})},
	"*doc.Table":    {"an annex table", reflect.TypeOf(&doc.Table{})},
	"doc.Table":     {"an annex table", reflect.TypeOf(&doc.Table{})},
}

var kindNames = map[string]string{
	"int": "a whole number", "int64": "a whole number", "string": "text", "float64": "a decimal",
	"bool": "true/false", "interface {}": "a value",
}

// plainMessage is the message for an error text/template reports at an
// action: field is the part of the action it names (.Figures.x), msg what
// it says. The field comes first, as a place does ("FIELD: message"), so
// that the message after it is whole and is translated as one (i18n);
// the words put into it (the names above) are messages of their own.
func plainMessage(field, msg string, err error) say.Text {
	at := func(m any) say.Text {
		if field != "" && !strings.HasPrefix(field, guardName) && !strings.HasPrefix(field, stepName) {
			return say.Sprintf("%s: %v", field, m)
		}
		return say.Sprintf("%v", m)
	}
	if m := noEntry.FindStringSubmatch(msg); m != nil {
		return at(say.Sprintf("the data has no figure %s", m[1]))
	}
	if m := errorCalling.FindStringSubmatch(msg); m != nil {
		// what a function of ours said, which text/template wraps
		said := ours(err, m[2])
		if m[1] == guardName || m[1] == stepName || strings.HasPrefix(m[2], m[1]+":") {
			return say.Sprintf("%v", said)
		}
		return at(said)
	}
	if m := noField.FindStringSubmatch(msg); m != nil {
		what, hint := say.Word("this value"), any("")
		if tt, ok := templateTypes[m[2]]; ok {
			what = say.Word(tt.name)
			if s := similarMember(tt.t, m[1]); s != "" {
				hint = say.Sprintf("; did you mean .%s?", s)
			}
		}
		return at(say.Sprintf("%s has no %q%s", what, m[1], hint))
	}
	if m := wrongArgs.FindStringSubmatch(msg); m != nil {
		return at(say.Sprintf("%s takes %s argument(s), not %s", m[1], m[2], m[3]))
	}
	if m := wrongType.FindStringSubmatch(msg); m != nil {
		return at(say.Sprintf("expected %s, not %s", kindName(m[1]), kindName(m[2])))
	}
	return at(say.Plain(msg))
}

// ours is the message of ours that err wraps and that says s, or s as
// text when there is none (a function of Go's templates, a library's).
func ours(err error, s string) any {
	var m interface {
		error
		say.Message
	}
	if errors.As(err, &m) && m.Error() == s {
		return m
	}
	return say.Plain(s)
}

func kindName(goType string) say.Text {
	if n, ok := kindNames[goType]; ok {
		return say.Word(n)
	}
	return say.Word("another kind of value")
}

// similarMember finds the exported field or method of t that name was
// probably meant to be: the same but for case, or the nearest by a typo.
func similarMember(t reflect.Type, name string) string {
	var names []string
	for i := 0; i < t.NumMethod(); i++ {
		names = append(names, t.Method(i).Name)
	}
	if e := t; e.Kind() == reflect.Pointer {
		e = e.Elem()
		for i := 0; i < e.NumField(); i++ {
			if e.Field(i).IsExported() {
				names = append(names, e.Field(i).Name)
			}
		}
	}
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return n
		}
	}
	return ""
}
