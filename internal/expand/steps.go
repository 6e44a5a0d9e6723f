package expand

// steps.go bounds the work a template does when it prints little or
// nothing, which the limit on the text it produces cannot see: {{range
// 100000000}}{{end}}, ranges nested over a table's rows, or {{define}}d
// templates each calling the next twice. Every {{range}} counts the items
// it is about to visit and every {{template}} call counts one, against a
// budget for the whole template; beyond it the template stops with an
// error at the action.

import (
	"reflect"
	"strconv"
	"text/template"
	"text/template/parse"
	"unicode/utf8"

	"gongwen/internal/say"
)

// MaxSteps bounds the {{range}} items and {{template}} calls one template
// runs: a 公文 ranging over an annex of at most 2,000 rows, column by
// column, takes a few tens of thousands.
const MaxSteps = 1_000_000

// stepName is the function added to {{range}} pipelines and {{template}}
// calls; Funcs holds one that never refuses, which each run replaces.
const stepName = "gongwen_step"

func init() {
	Funcs[stepName] = func(_ string, v ...any) (any, error) { return first(v), nil }
}

func first(v []any) any {
	if len(v) == 0 {
		return nil
	}
	return v[0]
}

// countSteps gives t a fresh budget: the function it calls at each
// {{range}} (with the value ranged over) and {{template}} call, and the
// bytes its print, printf and println make (guard.go).
func countSteps(t *template.Template) {
	left := MaxExpandedSize
	t.Funcs(printFuncs(&left))
	steps := 0
	t.Funcs(template.FuncMap{stepName: func(action string, v ...any) (any, error) {
		val := first(v)
		n := 1
		if rv := reflect.ValueOf(val); rv.IsValid() {
			switch rv.Kind() {
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
				n = int(min(max(rv.Int(), 0), MaxSteps+1))
			case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
				n = int(min(rv.Uint(), MaxSteps+1))
			case reflect.Slice, reflect.Array, reflect.Map, reflect.String:
				n = rv.Len()
			}
		}
		steps += max(n, 1)
		if steps > MaxSteps {
			return nil, say.Errorf("%s: the template repeats more than %d times in all ({{range}} items and {{template}} calls); a 公文 needs far fewer", action, MaxSteps)
		}
		return val, nil
	}})
}

// guardSteps adds the step function to every {{range}} pipeline and
// {{template}} call of t's templates.
func guardSteps(t *template.Template) {
	eachNode(t, func(tree *parse.Tree, n parse.Node) {
		switch x := n.(type) {
		case *parse.RangeNode:
			x.Pipe = stepPipe(tree, x.Pipe, "{{range "+x.Pipe.String()+"}}", x.Pos)
		case *parse.TemplateNode:
			action := "{{template " + strconv.Quote(x.Name) + "}}"
			if x.Pipe != nil {
				action = "{{template " + strconv.Quote(x.Name) + " " + x.Pipe.String() + "}}"
			}
			x.Pipe = stepPipe(tree, x.Pipe, action, x.Pos)
		}
	})
}

// stepPipe is p with the step function as its last command (p's value
// passed on), or the step function alone for an action without a pipeline.
func stepPipe(tree *parse.Tree, p *parse.PipeNode, action string, pos parse.Pos) *parse.PipeNode {
	if utf8.RuneCountInString(action) > 60 {
		action = string([]rune(action)[:57]) + "…}}"
	}
	id := parse.NewIdentifier(stepName).SetTree(tree).SetPos(pos)
	arg := &parse.StringNode{NodeType: parse.NodeString, Pos: pos, Quoted: strconv.Quote(action), Text: action}
	cmd := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos, Args: []parse.Node{id, arg}}
	if p == nil {
		return &parse.PipeNode{NodeType: parse.NodePipe, Pos: pos, Cmds: []*parse.CommandNode{cmd}}
	}
	p.Cmds = append(p.Cmds, cmd)
	return p
}
