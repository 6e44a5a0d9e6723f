package i18n

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// sourceKeys reads every message format string in the program's
// source: the string literals given to say.Errorf (fmt.Errorf), say.New
// (errors.New), doc.Errorf, a reader's errf, lint's warn, say.Sprintf,
// say.Fprint* in the command and the Msg or Reason of an error value; and
// the keys of the help texts (say.Keyed's id, "help NAME" of a command's
// newFlags), apart. Tests, the test helper packages and the catalogue itself are
// left out.
func sourceKeys(t *testing.T) (msgs, helps map[string]string) {
	t.Helper()
	msgs, helps = map[string]string{}, map[string]string{} // message → first place
	fset := token.NewFileSet()
	add := func(lit *ast.BasicLit) {
		s, err := strconv.Unquote(lit.Value)
		if err != nil || !hasWords(s) {
			return
		}
		if _, ok := msgs[s]; !ok {
			msgs[s] = fset.Position(lit.Pos()).String()
		}
	}
	for _, root := range []string{"../../cmd", "../../internal"} {
		filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			if info.IsDir() && skipped[filepath.Base(p)] {
				return filepath.SkipDir
			}
			if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, p, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			inCmd := strings.Contains(filepath.ToSlash(p), "cmd/")
			ast.Inspect(f, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.ValueSpec:
					// a flag's usage shared by commands: fontsFlagHelp
					for i, name := range x.Names {
						if i < len(x.Values) && strings.HasSuffix(name.Name, "FlagHelp") {
							if lit := firstString(x.Values[i]); lit != nil {
								add(lit)
							}
						}
					}
				case *ast.AssignStmt:
					// e.Reason = fmt.Sprintf("…", …)
					for i, lhs := range x.Lhs {
						if sel, ok := lhs.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Msg" || sel.Sel.Name == "Reason") && i < len(x.Rhs) {
							if lit := firstString(x.Rhs[i]); lit != nil {
								add(lit)
							}
						}
					}
				case *ast.KeyValueExpr:
					if lit := keyedString(x, "Msg", "Reason"); lit != nil {
						add(lit)
					}
				case *ast.CallExpr:
					name := calledName(x)
					if lit := firstArg(x); lit != nil && (name == "Keyed" || name == "newFlags") {
						if id, err := strconv.Unquote(lit.Value); err == nil {
							if name == "newFlags" {
								id = "help " + id
							}
							helps[id] = fset.Position(lit.Pos()).String()
						}
					}
					if fn, ok := x.Fun.(*ast.SelectorExpr); ok {
						if id, ok := fn.X.(*ast.Ident); ok && name == "New" && id.Name != "errors" && id.Name != "say" {
							return true
						}
					}
					switch name {
					case "Errorf", "errf", "New", "warn", "note", "tr", "Placed":
						// note: what an import drops; tr: a comment written in the user's language
					case "Fprintf", "Fprintln", "Fprint":
						// Outside the command, a print to a writer w the
						// caller gives (a report's Write) reaches the user;
						// one into a buffer being built (&b) is data.
						if id, ok := x.Args[0].(*ast.Ident); !inCmd && !(ok && id.Name == "w") {
							return true
						}
					case "Sprintf":
						// Messages are made in parts too; what is markup
						// (XML, a template action) is not a message.
						if lit := firstString(x); lit != nil && !inCmd && strings.ContainsAny(lit.Value, "<{") {
							return true
						}
					case "String", "Bool", "Float64", "Int":
						// a flag's usage: fs.String(name, value, usage)
						if !inCmd || len(x.Args) != 3 {
							return true
						}
						if lit := firstString(x.Args[2]); lit != nil {
							add(lit)
						}
						return true
					default:
						return true
					}
					args := x.Args
					if name == "errf" && len(args) > 1 {
						args = args[1:] // errf(key, format, …)
					}
					for _, a := range args {
						if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
							add(lit)
							break
						}
					}
				}
				return true
			})
			return nil
		})
	}
	return msgs, helps
}

// firstArg is a call's first argument when it is a string literal.
func firstArg(x *ast.CallExpr) *ast.BasicLit {
	if len(x.Args) > 0 {
		if lit, ok := x.Args[0].(*ast.BasicLit); ok && lit.Kind == token.STRING {
			return lit
		}
	}
	return nil
}

// skipped are packages whose messages only tests read, and the catalogue's.
var skipped = map[string]bool{"pdfcheck": true, "ofdcheck": true, "testdata": true, "i18n": true, "say": true}

// calledName is the name of the function a call calls (fmt.Errorf: Errorf).
func calledName(x *ast.CallExpr) string {
	switch fn := x.Fun.(type) {
	case *ast.SelectorExpr:
		return fn.Sel.Name
	case *ast.Ident:
		return fn.Name
	}
	return ""
}

// keyedString is the string given to one of the keys in a composite
// literal (Msg: "…"), or nil.
func keyedString(x *ast.KeyValueExpr, keys ...string) *ast.BasicLit {
	if k, ok := x.Key.(*ast.Ident); ok {
		for _, name := range keys {
			if k.Name == name {
				return firstString(x.Value)
			}
		}
	}
	return nil
}

func firstString(e ast.Expr) *ast.BasicLit {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind == token.STRING {
			return x
		}
	case *ast.CallExpr:
		for _, a := range x.Args {
			if lit := firstString(a); lit != nil {
				return lit
			}
		}
	case *ast.BinaryExpr:
		return firstString(x.X)
	}
	return nil
}

// hasWords: a format with English words in it needs a translation; one of
// verbs, paths and punctuation does not.
func hasWords(s string) bool {
	letters := 0
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) || r > unicode.MaxASCII }) {
		if len(part) >= 2 && !strings.ContainsAny(part, "%") {
			letters++
		}
	}
	// "%s: %v" and "%q" have no words.
	words := 0
	for _, w := range strings.Fields(regexpVerbs(s)) {
		if len(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) || r > unicode.MaxASCII })) >= 2 {
			words++
		}
	}
	return letters > 0 && words > 0
}

// regexpVerbs blanks the verbs of a format.
func regexpVerbs(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			j := i + 1
			for j < len(s) && strings.IndexByte("+-# 0123456789.[]*", s[j]) >= 0 {
				j++
			}
			b.WriteByte(' ')
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// TestEveryMessageHasBothLanguages fails naming each message of the
// source that the Chinese catalogue (zh.go) lacks, with a line to paste
// into it and translate.
func TestEveryMessageHasBothLanguages(t *testing.T) {
	msgs, helps := sourceKeys(t)
	if len(msgs) < 100 {
		t.Fatalf("only %d messages found in the source: the scan is broken", len(msgs))
	}
	var missing []string
	for m, at := range msgs {
		zh, ok := zhCatalogue[m]
		if !ok {
			zh, ok = zhParts[m] // a part made with Sprintf
		}
		if !ok {
			zh, ok = zhJoiners[m]
		}
		if !ok || strings.TrimSpace(zh) == "" {
			missing = append(missing, fmt.Sprintf("%s: no Chinese for this message; add to internal/i18n/zh.go:\n\t%q: \"\",", at, m))
		}
	}
	for id, at := range helps {
		if strings.TrimSpace(zhHelp[id]) == "" {
			missing = append(missing, fmt.Sprintf("%s: no Chinese for the help text %q; add it to internal/i18n/zh_help.go", at, id))
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Error(m)
	}
	var stale []string
	for m := range zhCatalogue {
		if _, ok := msgs[m]; !ok && !extra[m] {
			stale = append(stale, fmt.Sprintf("internal/i18n: %q is no message of the source (a help text is keyed by its command in zh_help.go); delete it", m))
		}
	}
	for id := range zhHelp {
		if _, ok := helps[id]; !ok {
			stale = append(stale, fmt.Sprintf("internal/i18n/zh_help.go: no command has the help %q; delete it", id))
		}
	}
	sort.Strings(stale)
	for _, m := range stale {
		t.Error(m)
	}
}

// TestEachLineHasItsChinese: a message of several lines (a help text) is
// translated line by line, so its Chinese must have as many lines; with
// fewer or more, only its first line would be.
func TestEachLineHasItsChinese(t *testing.T) {
	for _, m := range []map[string]string{zhCatalogue, zhParts, zhJoiners, zhLibraries, zhStarter} {
		for en, zh := range m {
			e, z := strings.Count(strings.TrimSuffix(en, "\n"), "\n"), strings.Count(strings.TrimSuffix(zh, "\n"), "\n")
			if e != z {
				t.Errorf("%.60q…: %d lines in English, %d in Chinese", en, e+1, z+1)
			}
		}
	}
}
