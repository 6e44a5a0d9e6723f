package doc

// LintSettings are a document's own proofreading settings ([lint] in the
// data file, or a project's lint.toml): rules turned off by id, and
// wrong → right pairs of terms added to the built-in list.
type LintSettings struct {
	Off    []string
	OffPos map[string]Pos // where each id is written
	Terms  [][2]string
}

// lintSettings reads a [lint] table at path: off = ["id", …] and
// terms = [["错词", "正词"], …].
func (r *reader) lintSettings(m map[string]any, path string) LintSettings {
	var s LintSettings
	key := func(k string) string {
		if path == "" {
			return k
		}
		return path + "." + k
	}
	known := map[string][]string{path: knownTop["lint"]}
	s.Off = r.strList(m, key("off"))
	if len(s.Off) > 0 {
		s.OffPos = map[string]Pos{}
		for _, id := range s.Off {
			s.OffPos[id] = r.at(key("off"))
		}
	}
	terms := key("terms")
	v, ok := r.get(m, terms, false)
	if !ok {
		r.unknown(m, path, known)
		return s
	}
	list, isList := v.([]any)
	for _, e := range list {
		pair, isPair := e.([]any)
		if !isPair || len(pair) != 2 {
			isList = false
			break
		}
		wrong, ok1 := pair[0].(string)
		right, ok2 := pair[1].(string)
		if !ok1 || !ok2 || wrong == "" {
			isList = false
			break
		}
		s.Terms = append(s.Terms, [2]string{wrong, right})
	}
	if !isList {
		r.errf(terms, "%s must be an array of pairs of strings, the wrong term and the right one: [[\"按排\", \"安排\"]]", terms)
	}
	r.unknown(m, path, known)
	return s
}

// LoadLint reads a project's lint.toml: a table like the data file's
// [lint], at the top level.
func LoadLint(path string, src string) (LintSettings, error) {
	raw, r, err := decode(path, src)
	if err != nil {
		return LintSettings{}, err
	}
	s := r.lintSettings(raw, "")
	return s, r.finish()
}
