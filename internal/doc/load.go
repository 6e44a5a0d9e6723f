package doc

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"gongwen/internal/format"
	"gongwen/internal/input"
	"gongwen/internal/say"
	"gongwen/internal/source"
)

// Load reads a document's TOML file. Every problem found is returned, each
// with the position of the offending key.
func Load(path string) (*Document, error) { return LoadFrom(source.New(), path) }

// LoadFrom is Load reading every file through the build's Sources, which
// the document keeps for the later stages (Document.Sources).
func LoadFrom(s *source.Sources, path string) (*Document, error) {
	src, err := readSource(s, path, input.Data)
	if err != nil {
		return nil, err
	}
	return parseFrom(s, path, src)
}

// readSource reads a TOML file through the Sources (package input's
// checks): a regular file within its kind's size limit, without a byte
// order mark.
func readSource(s *source.Sources, path string, k input.Kind) (string, error) {
	b, err := s.ReadText(path, k)
	if err != nil {
		return "", Errorf(InputPos(path, err), "%v", err)
	}
	return string(b), nil
}

// Parse decodes a document from TOML source read from path; the files it
// names are read through a Sources of its own.
func Parse(path, src string) (*Document, error) { return parseFrom(source.New(), path, src) }

func parseFrom(s *source.Sources, path, src string) (*Document, error) {
	raw, r, err := decode(path, src)
	if err != nil {
		return nil, err
	}
	r.sources = s
	d := &Document{Source: path, Positions: r.pos, Files: []string{path}, Sources: s}
	dir := filepath.Dir(path)

	name, f := r.documentFormat(raw)
	d.Format = name
	d.Kind = r.documentKind(raw, name)
	keys := f.Keys()
	if f != nil {
		r.notInFormat(raw, f, keys)
	}
	if t := r.fileName(raw, "template", true); t != "" {
		d.Template = resolve(dir, t)
		d.TemplatePos = r.at("template")
	}
	if _, ok := raw["mark"]; ok {
		keys["issuer"] = false // the 标志's text is given whole
	}
	r.joint(raw, d, keys, dir)
	if _, ok := raw["number"]; ok || keys["number"] {
		d.Number = r.number(raw)
	}
	if _, ok := raw["title"]; ok || keys["title"] {
		d.Title = r.lines(raw, "title")
	}
	d.Recipients = strings.TrimRight(r.text(raw, "recipients", keys["recipients"]), "：:")
	d.Date = r.date(raw, "date")
	d.Note = r.text(raw, "note", false)
	r.formatFields(raw, d, keys, dir)

	if m, ok := r.table(raw, "meta", false); ok {
		d.Meta.Author = r.text(m, "meta.author", false)
		d.Meta.Subject = r.text(m, "meta.subject", false)
		d.Meta.Keywords = r.strList(m, "meta.keywords")
	}
	if d.Meta.Author == "" {
		d.Meta.Author = d.Issuer
	}
	if m, ok := r.table(raw, "lint", false); ok {
		d.Lint = r.lintSettings(m, "lint")
	}
	if f, ok := r.table(raw, "fonts", false); ok {
		d.Fonts = map[string][]string{}
		for _, k := range sortedKeys(f) {
			if !contains(knownTop["fonts"], k) {
				continue // reported as an unknown key
			}
			// A role's font, or a list of fonts tried in order.
			if list, isList := f[k].([]any); isList && len(list) > 0 {
				r.used["fonts."+k] = true
				for i, v := range list {
					n := strconv.Itoa(i)
					if p := r.fileName(map[string]any{n: v}, "fonts."+k+"."+n, true); p != "" {
						d.Fonts[k] = append(d.Fonts[k], resolve(dir, p))
					}
				}
				continue
			}
			if p := r.fileName(f, "fonts."+k, true); p != "" {
				d.Fonts[k] = []string{resolve(dir, p)}
			}
		}
	}
	annexes := r.tableList(raw, "attachments")
	if len(annexes) > MaxAttachments {
		r.errf(fmt.Sprintf("attachments.%d", MaxAttachments), "%d annexes; a document has at most %d (a 公文's annexes are a handful): join them, or send them as documents of their own", len(annexes), MaxAttachments)
		annexes = nil
	}
	for i, a := range annexes {
		key := fmt.Sprintf("attachments.%d", i)
		at := Attachment{
			Title: r.text(a, key+".title", true),
			Pos:   r.at(key + ".title"),
		}
		if p := r.fileName(a, key+".table", false); spreadsheetExt(p) != "" {
			// A spreadsheet is the source of a table file, never one.
			r.errf(key+".table", "table %q is a spreadsheet; a table is a TOML file: write %s with source = %q and its [[columns]] (README: Annex tables), and name that file here",
				p, strings.TrimSuffix(p, filepath.Ext(p))+".toml", filepath.Base(p))
		} else if p != "" {
			path := resolve(dir, p)
			d.Files = append(d.Files, path)
			t, err := loadTable(s, path)
			var es Errors
			switch {
			case errors.As(err, &es):
				r.errs = append(r.errs, es...)
			case err != nil && err.(*Error).Pos.Line == 0: // the file cannot be read: point at the key naming it
				r.errf(key+".table", "table %s: %s", path, err.(*Error).Msg)
			case err != nil:
				r.errs = append(r.errs, err)
			default:
				t.Pos = r.at(key + ".table")
				at.Table = t
				if t.From != "" {
					d.Files = append(d.Files, t.From)
				}
				if t.FromNote != "" {
					d.Notes = append(d.Notes, Note{Pos: Pos{File: t.From}, Msg: t.FromNote, Text: say.Text{Format: t.FromNote, Literal: true}})
				}
			}
		}
		r.annexContent(a, key, dir, &at) // annex_load.go
		d.Attachments = append(d.Attachments, at)
	}
	if f, ok := r.table(raw, "figures", false); ok {
		d.Figures = r.figures(f) // figure.go
	} else {
		d.Figures = map[string]any{}
	}
	r.unknown(raw, "", knownTop)
	return d, r.finish()
}

// knownTop lists the keys a document may have, for "did you mean" hints.
var knownTop = map[string][]string{
	"": {"format", "kind", "lint", "template", "issuer", "number", "title", "recipients", "signature", "date", "seal", "note", "meta", "fonts", "attachments", "figures",
		"copy", "secrecy", "urgency", "mark", "mark_suffix", "signers", "order_number", "minutes_number", "minutes_line", "signer_title", "signer", "stamp",
		"present", "absent", "attending", "imprint"},
	"imprint":       {"cc", "printer", "date", "recipients"},
	"minutes_line":  {"printer", "date"},
	"number":        {"agency", "year", "serial"},
	"meta":          {"author", "subject", "keywords"},
	"lint":          {"off", "terms"},
	"attachments.*": {"title", "table", "template", "image"},
	"fonts":         {"xiaobiaosong", "fangsong", "heiti", "kaiti", "songti", "小标宋", "仿宋", "黑体", "楷体", "宋体", "latin"},
}

func resolve(dir, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// decode parses TOML source into plain values and a reader that knows where
// each key and value is written. Nesting too deep for the parser's stack
// is refused first.
func decode(path, src string) (map[string]any, *reader, error) {
	var ne *input.NestingError
	if err := input.CheckNesting([]byte(src)); errors.As(err, &ne) {
		return nil, nil, &Error{Pos: Pos{File: path, Line: ne.Line, Col: ne.Col}, Msg: err.Error(), Text: ne.Message()}
	}
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			if e := chineseKey(path, src, pe.Position.Line); e != nil {
				return nil, nil, e
			}
			return nil, nil, tomlError(path, src, pe) // toml_error.go
		}
		return nil, nil, &Error{Pos: Pos{File: path}, Msg: err.Error()}
	}
	return raw, &reader{file: path, src: src, pos: KeyPositions(path, src), used: map[string]bool{}}, nil
}

// reader extracts typed values from decoded TOML, recording each problem
// with its position and every key it consumed.
type reader struct {
	file      string
	src       string
	pos       map[string]Pos
	used      map[string]bool
	errs      Errors
	missing   []string        // required keys not found
	suggested map[string]bool // keys offered as "did you mean"
	// lineStarts are the byte offsets of src's lines (figure.go).
	lineStarts []int
	// sources reads the files the TOML names (tables, spreadsheets, images).
	sources *source.Sources
}

// finish drops a missing key that an unknown key's suggestion already
// points at (a typo is one problem, not two) and sorts the problems by
// position.
func (r *reader) finish() error {
	for _, m := range r.missing {
		switch line := commentedOut(r.src, m); {
		case r.suggested[m]:
		case line > 0 && parent(m) == "": // a placeholder, as gongwen import writes one
			r.errs = append(r.errs, Errorf(Pos{File: r.file, Line: line, Col: 1}, "missing required key %q (%s, GB/T 9704-2012): its line is commented out; write the value and remove the #", m, format.KeyMeaning[m]))
		case parent(m) == "" && format.KeyMeaning[m] != "":
			// At the document's first key, where its keys are written.
			at := r.at("format")
			if at.Line == 0 {
				at = Pos{File: r.file, Line: 1, Col: 1}
			}
			r.errs = append(r.errs, Errorf(at, "missing required key %q (%s, GB/T 9704-2012): add %s = … to the document's keys", m, format.KeyMeaning[m], m))
		default:
			r.errs = append(r.errs, Errorf(r.at(parent(m)), "missing required key %q", m))
		}
	}
	sort.SliceStable(r.errs, func(i, j int) bool {
		a, b := r.errs[i].(*Error).Pos, r.errs[j].(*Error).Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return r.errs.Err()
}

// commentedOut is the line of a top-level key written commented out
// ("# issuer = …"), 0 when there is none.
func commentedOut(src, key string) int {
	for i, l := range strings.Split(src, "\n") {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "#") {
			continue
		}
		l = strings.TrimSpace(strings.TrimLeft(l, "#"))
		if rest, ok := strings.CutPrefix(l, key); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
			return i + 1
		}
	}
	return 0
}

func (r *reader) at(path string) Pos { return lookup(r.pos, r.file, path) }

func (r *reader) errf(path, format string, args ...any) {
	r.errs = append(r.errs, Errorf(r.at(path), format, args...))
}

func last(path string) string {
	return path[strings.LastIndexByte(path, '.')+1:]
}

func (r *reader) get(m map[string]any, path string, required bool) (any, bool) {
	r.used[path] = true
	v, ok := m[last(path)]
	if !ok && required {
		r.missing = append(r.missing, path)
	}
	return v, ok
}

func parent(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[:i]
	}
	return ""
}

func (r *reader) str(m map[string]any, path string, required bool) string {
	v, ok := r.get(m, path, required)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		r.errf(path, "%s must be a string, not %s", path, typeName(v))
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		r.errf(path, "%s is empty", path)
	}
	return s
}

// fileName is a string naming a file: it may not hold control characters,
// which no file name a clerk gives holds, and which would split or garble
// every message that names the file.
func (r *reader) fileName(m map[string]any, path string, required bool) string {
	s := r.str(m, path, required)
	if i := strings.IndexFunc(s, IsControl); i >= 0 {
		r.errf(path, "%s holds a control character %s; a file name cannot hold one", path, ControlName([]rune(s[i:])[0]))
		return ""
	}
	return s
}

// text is a string that is printed: it may not hold line breaks or control
// characters.
func (r *reader) text(m map[string]any, path string, required bool) string {
	s := r.str(m, path, required)
	if i := strings.IndexFunc(s, IsControl); i >= 0 {
		r.errf(path, "%s holds a control character (%U); write it on one line", path, []rune(s[i:])[0])
	}
	return strings.TrimSpace(s)
}

func (r *reader) integer(m map[string]any, path string) int {
	v, ok := r.get(m, path, true)
	if !ok {
		return 0
	}
	n, isInt := v.(int64)
	if !isInt {
		r.errf(path, "%s must be a whole number, not %s", path, typeName(v))
		return 0
	}
	return int(n)
}

func (r *reader) table(m map[string]any, path string, required bool) (map[string]any, bool) {
	v, ok := r.get(m, path, required)
	if !ok {
		return nil, false
	}
	t, isTable := v.(map[string]any)
	if !isTable {
		r.errf(path, "%s must be a table, not %s", path, typeName(v))
		return nil, false
	}
	return t, true
}

func (r *reader) tableList(m map[string]any, path string) []map[string]any {
	v, ok := r.get(m, path, false)
	if !ok {
		return nil
	}
	list, isList := v.([]map[string]any)
	if !isList {
		r.errf(path, "%s must be an array of tables ([[%s]]), not %s", path, path, typeName(v))
	}
	return list
}

func (r *reader) strList(m map[string]any, path string) []string {
	v, ok := r.get(m, path, false)
	if !ok {
		return nil
	}
	list, isList := v.([]any)
	if !isList {
		r.errf(path, "%s must be an array of strings, not %s", path, typeName(v))
		return nil
	}
	var out []string
	for _, e := range list {
		s, isStr := e.(string)
		if !isStr {
			r.errf(path, "%s must hold only strings, not %s", path, typeName(e))
			return nil
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out
}

// lines accepts one string or an array of strings (explicit line breaks).
func (r *reader) lines(m map[string]any, path string) []string {
	v, ok := m[last(path)]
	if _, isStr := v.(string); ok && isStr {
		return []string{r.text(m, path, true)}
	}
	if !ok {
		r.get(m, path, true)
		return nil
	}
	list := r.strList(m, path)
	if len(list) == 0 && len(r.errs) == 0 {
		r.errf(path, "%s is empty", path)
	}
	return list
}

var numberForm = regexp.MustCompile(`^(.+)〔([0-9]{4})〕([0-9]+)号$`)

// number reads the 发文字号 as a table of its parts or as one string
// 川办函〔2024〕114号.
func (r *reader) number(m map[string]any) Number {
	v, ok := m["number"]
	if s, isStr := v.(string); ok && isStr {
		r.used["number"] = true
		s = strings.TrimSpace(s)
		g := numberForm.FindStringSubmatch(s)
		if g == nil {
			if strings.ContainsAny(s, "[]()（）【】［］") {
				r.errf("number", "document number %q is not of the form 川办函〔2024〕114号: the year goes in 〔〕 (U+3014, U+3015), not in [] () 【】", s)
			} else {
				r.errf("number", "document number %q is not of the form 川办函〔2024〕114号", s)
			}
			return Number{}
		}
		year, _ := strconv.Atoi(g[2])
		serial, err := strconv.Atoi(g[3])
		switch {
		case len(g[3]) > maxSerialDigits:
			r.errf("number", "document number %q: the serial number has %d digits; at most %d", s, len(g[3]), maxSerialDigits)
		case err != nil || strings.HasPrefix(g[3], "0"):
			r.errf("number", "document number %q: the serial number is a whole number without leading zeros", s)
		}
		return Number{Agency: g[1], Year: year, Serial: serial}
	}
	t, ok := r.table(m, "number", true)
	if !ok {
		return Number{}
	}
	before := len(r.errs)
	n := Number{
		Agency: r.text(t, "number.agency", true),
		Year:   r.integer(t, "number.year"),
		Serial: r.integer(t, "number.serial"),
	}
	if len(r.errs) > before {
		return n
	}
	if strings.ContainsAny(n.Agency, "〔〕[]()（）号") {
		r.errf("number.agency", "number.agency is the 机关代字 alone (川办函), without year, brackets or 号")
	}
	if _, ok := t["year"]; ok && (n.Year < 1000 || n.Year > 9999) {
		r.errf("number.year", "number.year must be a full four-digit year, not %d", n.Year)
	}
	if _, ok := t["serial"]; ok && n.Serial < 1 {
		r.errf("number.serial", "number.serial must be a positive number, not %d", n.Serial)
	}
	if d := len(strconv.Itoa(n.Serial)); d > maxSerialDigits {
		r.errf("number.serial", "number.serial has %d digits; at most %d", d, maxSerialDigits)
	}
	return n
}

// MaxAttachments bounds a document's annexes (choice): each costs pages,
// fonts' work and memory, and 60,000 took 113 s and 921 MB.
const MaxAttachments = 200

// maxSerialDigits bounds a 发文字号's serial (choice: an office numbers a
// few thousand documents a year; nine digits leave room for any scheme).
const maxSerialDigits = 9

var dateForms = []string{"2006-01-02", "2006年1月2日"}

// date accepts a TOML date (2024-12-26) or a string 2024-12-26 / 2024年12月26日.
func (r *reader) date(m map[string]any, path string) Date {
	v, ok := r.get(m, path, true)
	if !ok {
		return Date{}
	}
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		if x.Hour() != 0 || x.Minute() != 0 || x.Second() != 0 || x.Nanosecond() != 0 {
			r.errf(path, "%s must be a date without a time of day, like 2024-12-26", path)
			return Date{}
		}
		t = x
	case string:
		var err error
		for _, f := range dateForms {
			if t, err = time.Parse(f, strings.TrimSpace(x)); err == nil {
				break
			}
		}
		if err != nil {
			r.errf(path, "%s: %q is not a date; write it like 2024-12-26", path, x)
			return Date{}
		}
	default:
		r.errf(path, "%s must be a date like 2024-12-26, not %s", path, typeName(v))
		return Date{}
	}
	return Date{t.Year(), int(t.Month()), t.Day()}
}

// markAll records every key under a free-form table as used.
func (r *reader) markAll(path string, m map[string]any) {
	for k, v := range m {
		p := path + "." + k
		r.used[p] = true
		if sub, ok := v.(map[string]any); ok {
			r.markAll(p, sub)
		}
	}
}

// unknown reports every key of m (recursively) that no reader consumed,
// with the nearest known key as a suggestion.
func (r *reader) unknown(m map[string]any, prefix string, known map[string][]string) {
	for _, k := range sortedKeys(m) {
		p := k
		if prefix != "" {
			p = prefix + "." + k
		}
		if !r.used[p] {
			msg := say.Sprintf("unknown key %q", k)
			if en := format.KeyForName(k); en != "" && prefix == "" {
				msg = say.Sprintf("unknown key %q: the key for %s is %s", k, k, en)
				if r.suggested == nil {
					r.suggested = map[string]bool{}
				}
				r.suggested[en] = true
			} else if s := nearest(k, known[pattern(prefix)]); s != "" {
				msg = say.Sprintf("unknown key %q, did you mean %q?", k, s)
				if prefix != "" {
					s = prefix + "." + s
				}
				if r.suggested == nil {
					r.suggested = map[string]bool{}
				}
				r.suggested[s] = true
			}
			r.errs = append(r.errs, Errorf(r.at(p), "%s", msg))
			continue
		}
		switch v := m[k].(type) {
		case map[string]any:
			r.unknown(v, p, known)
		case []map[string]any:
			for i, e := range v {
				r.unknown(e, fmt.Sprintf("%s.%d", p, i), known)
			}
		}
	}
}

// pattern turns a path with array indexes into its pattern: attachments.2 → attachments.*
func pattern(path string) string {
	parts := strings.Split(path, ".")
	for i, p := range parts {
		if _, err := strconv.Atoi(p); err == nil {
			parts[i] = "*"
		}
	}
	return strings.Join(parts, ".")
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func typeName(v any) say.Text {
	switch v.(type) {
	case string:
		return say.Word("a string")
	case int64:
		return say.Word("a number")
	case float64:
		return say.Word("a decimal number")
	case bool:
		return say.Word("true/false")
	case time.Time:
		return say.Word("a date")
	case []any:
		return say.Word("an array")
	case map[string]any:
		return say.Word("a table")
	case []map[string]any:
		return say.Word("an array of tables")
	}
	return say.Text{Format: fmt.Sprintf("%T", v), Literal: true}
}

// nearest returns the candidate closest to s by edit distance, if it is
// close enough to be a likely typo.
func nearest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	limit := len([]rune(s))/2 + 1
	if limit > 3 {
		limit = 3
	}
	if bestD <= limit {
		return best
	}
	return ""
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
