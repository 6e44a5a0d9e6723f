package i18n

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// libraryMessages reads the message formats in the named files of a
// library's source: the first string given to an errorf, Errorf, panicf
// or panicItemf, the Message of a ParseError, and what an Error method
// returns.
func libraryMessages(t *testing.T, dir string, files ...string) map[string]string {
	t.Helper()
	msgs := map[string]string{}
	fset := token.NewFileSet()
	add := func(lit *ast.BasicLit) {
		s, err := strconv.Unquote(lit.Value)
		if err == nil && hasWords(s) {
			msgs[s] = fset.Position(lit.Pos()).String()
		}
	}
	for _, name := range files {
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.FuncDecl:
				if x.Name.Name == "Error" && x.Recv != nil && x.Body != nil {
					ast.Inspect(x.Body, func(n ast.Node) bool {
						if r, ok := n.(*ast.ReturnStmt); ok && len(r.Results) == 1 {
							if lit := firstString(r.Results[0]); lit != nil {
								add(lit)
							}
						}
						return true
					})
				}
			case *ast.KeyValueExpr:
				if lit := keyedString(x, "Message"); lit != nil {
					add(lit)
				}
			case *ast.CallExpr:
				switch calledName(x) {
				case "errorf", "Errorf", "panicf", "panicItemf":
					for _, a := range x.Args {
						if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
							add(lit)
							break
						}
					}
				}
			}
			return true
		})
	}
	if len(msgs) < 10 {
		t.Fatalf("%s: only %d messages found: the scan is broken", dir, len(msgs))
	}
	return msgs
}

func goOutput(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		t.Fatalf("go %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out))
}

// TestEveryLibraryMessageHasChinese: each syntax message of the TOML
// library and of text/template, read from their source as this build
// uses them, has Chinese in zh_libs.go.
func TestEveryLibraryMessageHasChinese(t *testing.T) {
	toml := goOutput(t, "list", "-m", "-f", "{{.Dir}}", "github.com/BurntSushi/toml")
	tmpl := filepath.Join(goOutput(t, "env", "GOROOT"), "src", "text", "template", "parse")
	for _, lib := range []struct {
		dir   string
		files []string
	}{
		{toml, []string{"lex.go", "parse.go", "error.go"}},
		{tmpl, []string{"lex.go", "parse.go", "node.go"}},
	} {
		if _, err := os.Stat(lib.dir); err != nil {
			t.Fatal(err)
		}
		var missing []string
		for m, at := range libraryMessages(t, lib.dir, lib.files...) {
			if strings.HasPrefix(m, "BUG") || strings.Contains(m, "can't happen") {
				continue // the library's own defects, not the user's
			}
			if zh := zhLibraries[m]; strings.TrimSpace(zh) == "" {
				missing = append(missing, at+": no Chinese; add to internal/i18n/zh_libs.go:\n\t"+strconv.Quote(m)+`: "",`)
			}
		}
		sort.Strings(missing)
		for _, m := range missing {
			t.Error(m)
		}
	}
}

// TestEveryPartIsInTheSource: a part (zh_parts.go) is text of some string
// in the source still, else it is stale.
func TestEveryPartIsInTheSource(t *testing.T) {
	var literals []string
	for _, root := range []string{"../../cmd", "../../internal"} {
		filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err != nil || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || strings.Contains(p, "i18n") {
				return err
			}
			f, err := parser.ParseFile(token.NewFileSet(), p, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, err := strconv.Unquote(lit.Value); err == nil {
						literals = append(literals, s)
					}
				}
				return true
			})
			return nil
		})
	}
	for _, part := range append(slices.Collect(maps.Keys(zhParts)), slices.Collect(maps.Keys(zhJoiners))...) {
		found := false
		for _, l := range literals {
			if strings.Contains(l, part) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("internal/i18n/zh_parts.go: %q is in no string of the source; delete it", part)
		}
	}
}
