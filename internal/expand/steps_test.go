package expand

import (
	"strconv"
	"strings"
	"testing"
)

// TestTemplatesRepeatWithinABudget runs templates that print little or
// nothing yet would repeat for hours (issue #14: no input hangs): each
// stops at the action that goes over MaxSteps, while the loops and calls a
// document really makes run as before.
func TestTemplatesRepeatWithinABudget(t *testing.T) {
	rows := make([]int, 1001)
	data := map[string]any{"N": 5, "Rows": rows, "L": []string{"甲", "乙"}}
	var chain strings.Builder
	for i := 1; i <= 30; i++ { // 2^30 calls
		chain.WriteString(`{{define "a` + strconv.Itoa(i) + `"}}{{template "a` + strconv.Itoa(i+1) + `" .}}{{template "a` + strconv.Itoa(i+1) + `" .}}{{end}}`)
	}
	chain.WriteString(`{{define "a31"}}{{end}}{{template "a1" .}}`)
	cases := []struct {
		name, src string
		want      string // the text produced, or the error
	}{
		{"a range over a huge number", "开头\n{{range 100000000}}{{end}}", `t.txt:2:9: {{range 100000000}}: the template repeats more than 1000000 times in all ({{range}} items and {{template}} calls); a 公文 needs far fewer`},
		{"ranges nested over rows", "{{range .Rows}}{{range $.Rows}}{{end}}{{end}}", `t.txt:1:24: {{range $.Rows}}: the template repeats more than 1000000 times in all ({{range}} items and {{template}} calls); a 公文 needs far fewer`},
		{"templates calling the next twice", chain.String(), `" .}}: the template repeats more than 1000000 times`},
		{"a range over a number", "{{range 3}}x{{end}}", "xxx"},
		{"a range with variables", "{{range $i, $e := .L}}{{$i}}{{$e}}{{end}}", "0甲1乙"},
		{"a range with else", "{{range .Missing}}x{{else}}无{{end}}", "无"},
		{"a template given the data", `{{define "a"}}{{.N}}{{end}}{{template "a" .}}`, "5"},
		{"a template given nothing", `{{define "b"}}b{{end}}{{template "b"}}`, "b"},
		{"ranges nested within the budget", "{{range .Rows}}{{range $.L}}{{end}}{{end}}完", "完"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := data
			if c.name == "a range with else" {
				data = map[string]any{"Missing": []int{}}
			}
			got, err := Execute("t.txt", c.src, data)
			if err != nil {
				got = err.Error()
			}
			if !strings.Contains(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
