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
	"fmt"
	"strconv"
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
	p, err := wholeNumber(part)
	if err != nil {
		return "", fmt.Errorf("percent: the part %v", err)
	}
	w, err := wholeNumber(whole)
	if err != nil {
		return "", fmt.Errorf("percent: the whole %v", err)
	}
	switch {
	case w <= 0:
		return "", fmt.Errorf("percent: the whole is %d; a percentage needs a whole above 0", w)
	case p < 0 || p > w:
		return "", fmt.Errorf("percent: the part %d is not between 0 and the whole %d", p, w)
	}
	// Tenths of a per cent, rounded half up, in integers: no float error.
	tenths := (2*p*1000 + w) / (2 * w)
	switch {
	case p < w && tenths == 1000:
		tenths = 999
	case p > 0 && tenths == 0:
		tenths = 1
	}
	if tenths%10 == 0 {
		return strconv.FormatInt(tenths/10, 10) + "%", nil
	}
	return fmt.Sprintf("%d.%d%%", tenths/10, tenths%10), nil
}

// PassRate is the 合格率 of total items of which problems fell short:
// (total − problems) / total, printed by Percent.
func PassRate(total, problems any) (string, error) {
	t, err := wholeNumber(total)
	if err != nil {
		return "", fmt.Errorf("passRate: the total %v", err)
	}
	p, err := wholeNumber(problems)
	if err != nil {
		return "", fmt.Errorf("passRate: the problems %v", err)
	}
	if p < 0 || p > t {
		return "", fmt.Errorf("passRate: %d problems out of %d", p, t)
	}
	s, err := Percent(t-p, t)
	if err != nil {
		return "", fmt.Errorf("passRate: %d problems out of %d: %v", p, t, err)
	}
	return s, nil
}

// wholeNumber accepts the integers a template may hold: int from the table
// queries, int64 from TOML figures.
func wholeNumber(v any) (int64, error) {
	switch n := v.(type) {
	case int:
		return int64(n), nil
	case int64:
		return n, nil
	case int32:
		return int64(n), nil
	}
	return 0, fmt.Errorf("is %v (%T), not a whole number", v, v)
}
