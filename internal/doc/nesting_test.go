package doc

import (
	"fmt"
	"strings"
	"testing"
)

// TestDeepNestingIsAnErrorNotAStackOverflow: four million "[" overflowed
// the TOML parser's stack, a fatal error with a Go trace and exit 2.
func TestDeepNestingIsAnErrorNotAStackOverflow(t *testing.T) {
	for src, col := range map[string]int{"a = " + strings.Repeat("[", 4_000_000): 37, "a = " + strings.Repeat("{b=", 1_300_000): 101} {
		_, err := Parse("x.toml", src)
		if want := fmt.Sprintf("x.toml:1:%d: arrays and inline tables nested more than 32 deep", col); err == nil || err.Error() != want {
			t.Errorf("%.12s…: %v", src, err)
		}
	}
	if _, err := ParseTable("t.toml", "rows = "+strings.Repeat("[", 4_000_000)); err == nil || !strings.Contains(err.Error(), "nested more than 32 deep") {
		t.Errorf("table: %v", err)
	}
}
