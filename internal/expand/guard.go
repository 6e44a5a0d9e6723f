package expand

// guard.go keeps a template to printing figures. Everything an action
// prints goes through printFigure, added at the end of its pipeline after
// parsing: a whole number, a decimal figure, one line of text or a date
// prints; anything else (the whole document {{.}}, a table {{.Annex 1}},
// a list, true/false, nothing at all) is an error at the action, in words,
// instead of Go's formatting of the value in the notice. The template
// source itself may not hold control characters, nor the full-width braces
// an input method types for {{ }}.

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"time"
	"unicode/utf8"

	"gongwen/internal/doc"
	"gongwen/internal/say"
)

// guardName is the function added to printing actions.
const guardName = "gongwen_figure"

func init() {
	Funcs[guardName] = printFigure
	// The builtins that print their arguments with Go's formatting, or
	// escape them for the web, are replaced by ones that take figures only.
	// Each run gives them a budget of their own (countSteps).
	for name, f := range printFuncs(new(int)) {
		Funcs[name] = f
	}
	for _, name := range []string{"html", "js", "urlquery", "call"} {
		name := name
		Funcs[name] = func(...any) (string, error) {
			return "", say.Errorf("%s is not available in a document's template", name)
		}
	}
}

// printFuncs are print, println and printf sharing the budget left.
func printFuncs(left *int) template.FuncMap {
	return template.FuncMap{
		"print":   func(args ...any) (string, error) { return printArgs("print", "", args, left) },
		"println": func(args ...any) (string, error) { return printArgs("println", "", args, left) },
		"printf":  func(format string, args ...any) (string, error) { return printArgs("printf", format, args, left) },
	}
}

// printFigure is the last command of every printing action: it passes a
// figure on as its text and refuses everything else, naming the action.
func printFigure(action string, v any) (string, error) {
	return figureText(action, v)
}

// figureText is the text of a figure, or what is wrong with the value
// that what (an action, an argument of print) prints. Each message is
// whole, what it is about first, so that it is translated as one (i18n).
func figureText(what string, v any) (string, error) {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case doc.Figure:
		return x.String(), nil
	case doc.Date, doc.Number:
		return fmt.Sprint(x), nil
	case string:
		if strings.TrimSpace(x) == "" {
			// 要在{{.Figures.deadline}}前 with no deadline reads 要在前.
			return "", say.Errorf("%s prints empty text: the figure has no value, and the sentence would read as if the words around it were joined; give it its value in the data", what)
		}
		for _, r := range x {
			if r == '\n' || r == '\r' {
				return "", say.Errorf("%s prints text holding a line break: a figure is one line of text (a line break here would start a new paragraph or section)", what)
			}
			if doc.IsControl(r) && r != '\t' {
				return "", say.Errorf("%s prints text holding the control character %s", what, doc.ControlName(r))
			}
			if noncharacter(r) {
				return "", say.Errorf("%s prints text holding the noncharacter %U, which is no text", what, r)
			}
		}
		return x, nil
	case nil:
		return "", say.Errorf("%s prints nothing: the data has no such value", what)
	}
	return "", say.Errorf("%s prints %s, not a figure: a figure is a whole number, a decimal or one line of text", what, describe(v))
}

// noncharacter tells the code points Unicode keeps for a program's own
// use, never text: U+FDD0–U+FDEF and the last two of every plane.
func noncharacter(r rune) bool {
	return r >= 0xFDD0 && r <= 0xFDEF || r&0xFFFE == 0xFFFE
}

// describe names a value a template should not print, as a clerk knows
// it; each name is a message of its own (i18n).
func describe(v any) say.Text {
	switch v.(type) {
	case *doc.Document:
		return say.Word("the whole document")
	case *doc.Table:
		return say.Word("a whole annex table (quote one of its figures: .Total \"column\", .Count …)")
	case bool:
		return say.Word("true/false")
	case float32, float64:
		return say.Word("a binary floating-point number")
	}
	switch reflect.ValueOf(v).Kind() {
	case reflect.Map:
		return say.Word("a whole table of values")
	case reflect.Slice, reflect.Array:
		return say.Word("a list")
	case reflect.Struct:
		if _, ok := v.(time.Time); ok {
			return say.Word("a date or time")
		}
	}
	return say.Word("a value of another kind")
}

// MaxPrintfWidth bounds a width or a precision in a printf format: a
// figure padded to a column is a few tens of characters wide, and
// "%999999s" would make a megabyte of spaces out of one call.
const MaxPrintfWidth = 200

// printArgs is print, println and printf taking figures only. left is
// what remains of the run's budget of bytes these functions may make (the
// text they make counts whether it is printed or kept in a variable); the
// text is measured before it is made, so a call beyond the budget makes
// nothing.
func printArgs(name, format string, args []any, left *int) (string, error) {
	texts := make([]any, len(args))
	size := 0 // at most what the text can take
	widest := 0
	for i, a := range args {
		s, err := figureText(fmt.Sprintf("argument %d", i+1), a)
		if err != nil {
			return "", say.Errorf("%s: %v", name, err)
		}
		texts[i] = s
		size += len(s) + 1
		widest = max(widest, len(s))
	}
	if name == "printf" {
		verbs, width, err := formatWidth(format)
		if err != nil {
			return "", say.Errorf("printf: the format %q: %v", format, err)
		}
		size = len(format) + verbs*(widest+width)
	}
	if size > *left {
		return "", say.Errorf("%s: the template's print, printf and println make more than %d bytes of text in all; a 公文 is far shorter", name, MaxExpandedSize)
	}
	var out string
	switch name {
	case "printf":
		// Arguments are texts now: only %s and %v fit them.
		out = fmt.Sprintf(format, texts...)
		if strings.Contains(out, "%!") {
			return "", say.Errorf("printf: the format %q does not fit its %d arguments; a figure prints with %%s", format, len(args))
		}
	case "println":
		out = fmt.Sprintln(texts...)
	default:
		out = fmt.Sprint(texts...)
	}
	*left -= len(out)
	return out, nil
}

// formatWidth counts the verbs of a printf format and finds its widest
// width or precision, refusing one over MaxPrintfWidth. The digits of an
// argument index ("%[1]s") are not a width.
func formatWidth(format string) (verbs, widest int, err error) {
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		verbs++
		inIndex := false
	verb:
		for i++; i < len(format); i++ {
			c := format[i]
			switch {
			case c == '[':
				inIndex = true
			case c == ']':
				inIndex = false
			case c >= '0' && c <= '9' && !inIndex:
				n := 0
				for ; i < len(format) && format[i] >= '0' && format[i] <= '9'; i++ {
					n = min(n*10+int(format[i]-'0'), 1<<30)
				}
				i--
				if n > MaxPrintfWidth {
					return 0, 0, say.Errorf("a width or precision of %d; at most %d", n, MaxPrintfWidth)
				}
				widest = max(widest, n)
			case inIndex || strings.IndexByte("+-# .*0123456789", c) >= 0:
			default:
				break verb // the verb, or the % of %%
			}
		}
	}
	return verbs, widest, nil
}

// guardPrints adds printFigure to every action of t's templates that
// prints (one that does not declare or assign a variable).
func guardPrints(t *template.Template) {
	eachNode(t, func(tree *parse.Tree, n parse.Node) {
		x, ok := n.(*parse.ActionNode)
		if !ok || len(x.Pipe.Decl) > 0 {
			return
		}
		action := x.String()
		if utf8.RuneCountInString(action) > 60 {
			action = string([]rune(action)[:57]) + "…}}"
		}
		id := parse.NewIdentifier(guardName).SetTree(tree).SetPos(x.Pos)
		arg := &parse.StringNode{NodeType: parse.NodeString, Pos: x.Pos, Quoted: strconv.Quote(action), Text: action}
		x.Pipe.Cmds = append(x.Pipe.Cmds, &parse.CommandNode{NodeType: parse.NodeCommand, Pos: x.Pos, Args: []parse.Node{id, arg}})
	})
}

// eachNode calls fn with every node of t's templates, those inside {{if}},
// {{range}} and {{with}} too, each with its tree.
func eachNode(t *template.Template, fn func(*parse.Tree, parse.Node)) {
	var list func(tree *parse.Tree, l *parse.ListNode)
	list = func(tree *parse.Tree, l *parse.ListNode) {
		if l == nil {
			return
		}
		for _, n := range l.Nodes {
			fn(tree, n)
			switch x := n.(type) {
			case *parse.IfNode:
				list(tree, x.List)
				list(tree, x.ElseList)
			case *parse.RangeNode:
				list(tree, x.List)
				list(tree, x.ElseList)
			case *parse.WithNode:
				list(tree, x.List)
				list(tree, x.ElseList)
			case *parse.ListNode:
				list(tree, x)
			}
		}
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			list(tt.Tree, tt.Tree.Root)
		}
	}
}

// checkSource reports every control character in a template (a tab, the
// line ends \n and \r\n excepted), every noncharacter (sources.go's
// markers are made of them) and every full-width ｛｛ or ｝｝ an input
// method typed for {{ }}, each at its line and column.
func checkSource(name, src string) error {
	var errs doc.Errors
	line, col := 1, 1
	opened := 0 // the line where a full-width ｛｛ was reported
	for i, r := range src {
		switch {
		case r == '\n':
			line, col = line+1, 1
			continue
		case r == '\r' && strings.HasPrefix(src[i+1:], "\n"), r == '\t':
		case doc.IsControl(r):
			errs = append(errs, doc.Errorf(doc.Pos{File: name, Line: line, Col: col}, "control character %s in the template: delete it", doc.ControlName(r)))
		case noncharacter(r):
			errs = append(errs, doc.Errorf(doc.Pos{File: name, Line: line, Col: col}, "noncharacter %U in the template, which is no text: delete it", r))
		case (r == '｛' || r == '｝') && strings.HasPrefix(src[i+len(string(r)):], string(r)) && !(r == '｝' && opened == line):
			at := doc.Pos{File: name, Line: line, Col: col}
			if r == '｝' {
				errs = append(errs, doc.Errorf(at, "full-width %c%c (typed with a Chinese input method): write }} in half-width characters", r, r))
			} else {
				opened = line
				errs = append(errs, doc.Errorf(at, "full-width %c%c (typed with a Chinese input method): write {{ and }} in half-width characters", r, r))
			}
		}
		col++
		if len(errs) >= 20 {
			break
		}
	}
	return errs.Err()
}
