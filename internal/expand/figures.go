package expand

// figures.go holds the template functions that print figures derived from
// the data, so that a body sentence quotes the annex tables instead of
// repeating their numbers. The tables themselves answer the queries
// (doc.Table's Total and Count, reached through .Annex N); these functions
// format the results as the reference notice prints them.
//
//	{{$checks := .Annex 1}}
//	全省{{$checks.Total "websites"}}个政府网站……合格率{{passRate ($checks.Total "websites") ($checks.Total "website_problems")}}

import (
	"github.com/shopspring/decimal"

	"gongwen/internal/doc"
	"gongwen/internal/say"
)

func init() {
	Funcs["percent"] = Percent
	Funcs["passRate"] = PassRate
}

// Percent prints part/whole as a percentage the way the reference notice
// does: one decimal, rounded half up ("99.9%", "17.2%"), a whole number
// without ".0" ("100%", "5%"). A rate is never rounded to 100% while
// something fell short of it, nor to 0% while something reached it: 9999 of
// 10000 is 99.9%, not 100%.
func Percent(part, whole any) (string, error) {
	p, err := exact(part)
	if err != nil {
		return "", say.Errorf("percent: the part %v", err)
	}
	w, err := exact(whole)
	if err != nil {
		return "", say.Errorf("percent: the whole %v", err)
	}
	switch {
	case w.Sign() <= 0:
		return "", say.Errorf("percent: the whole is %s; a percentage needs a whole above 0", w)
	case p.Sign() < 0 || p.GreaterThan(w):
		return "", say.Errorf("percent: the part %s is not between 0 and the whole %s", p, w)
	}
	// Exact decimals of any size: no float error, no overflow.
	pc := p.Mul(decimal.NewFromInt(100)).DivRound(w, 1) // half away from zero
	switch tenth := decimal.New(1, -1); {
	case p.LessThan(w) && pc.Equal(decimal.NewFromInt(100)):
		pc = pc.Sub(tenth)
	case p.Sign() > 0 && pc.IsZero():
		pc = tenth
	}
	if pc.IsInteger() {
		return pc.StringFixed(0) + "%", nil
	}
	return pc.StringFixed(1) + "%", nil
}

// PassRate is the 合格率 of total items of which problems fell short:
// (total − problems) / total, printed by Percent.
func PassRate(total, problems any) (string, error) {
	t, err := exact(total)
	if err != nil {
		return "", say.Errorf("passRate: the total %v", err)
	}
	p, err := exact(problems)
	if err != nil {
		return "", say.Errorf("passRate: the problems %v", err)
	}
	if p.Sign() < 0 || p.GreaterThan(t) {
		return "", say.Errorf("passRate: %s problems out of %s", p, t)
	}
	s, err := Percent(t.Sub(p), t)
	if err != nil {
		return "", say.Errorf("passRate: %s problems out of %s: %v", p, t, err)
	}
	return s, nil
}

// exact accepts the numbers a template may hold: int from the table
// queries, int64 from TOML figures, doc.Figure for decimals.
func exact(v any) (decimal.Decimal, error) {
	switch n := v.(type) {
	case int:
		return decimal.NewFromInt(int64(n)), nil
	case int64:
		return decimal.NewFromInt(n), nil
	case int32:
		return decimal.NewFromInt(int64(n)), nil
	case doc.Figure:
		return n.Value, nil
	case decimal.Decimal:
		return n, nil
	}
	return decimal.Decimal{}, say.Errorf("is %s, not a number", describeArg(v))
}

func describeArg(v any) say.Text {
	if s, ok := v.(string); ok {
		return say.Sprintf("the text %q", s)
	}
	if v == nil {
		return say.Word("nothing")
	}
	return describe(v)
}
