package e2e

// Pages as a clerk sets them (issue 21): the 主送 one blank line under a
// title of any length, the 署名 in the seal's lower middle, paper seals,
// rows of joint seals, fitting the seal block, no lone last line, the
// 纪要's 印发 line, shares that add up. Documents written here, built,
// and measured with mutool trace.

import (
	"fmt"
	"strings"
	"testing"
)

// fileDoc is a 文件格式 data file with the given title lines (TOML
// strings) and further keys.
func fileDoc(title []string, more string) string {
	return fmt.Sprintf(`format = "file"
template = "body.txt"
issuer = "示例县人民政府"
number = "示府〔2025〕5号"
title = [%s]
recipients = "各乡镇人民政府"
signature = "示例县人民政府"
date = 2025-04-18
%s`, `"`+strings.Join(title, `", "`)+`"`, more)
}

// TestRecipientsOneBlankLineUnderTitlesOfAnyLength: the 主送's em top is on
// the grid, on the first grid line with a whole grid line (em box) free
// between it and the title's last line: between one and two line pitches
// under the title's em bottom, for titles of one to four lines.
func TestRecipientsOneBlankLineUnderTitlesOfAnyLength(t *testing.T) {
	lines := []string{"示例县人民政府关于", "做好春季森林防火", "和农村公路养护", "工作的通知"}
	for n := 1; n <= 4; n++ {
		t.Run(fmt.Sprintf("%d lines", n), func(t *testing.T) {
			s := adHoc(t, fileDoc(lines[:n], ""), "正文一段。\n")
			title := s.find(t, 1, lines[n-1])
			rec := s.find(t, 1, "各乡镇人民政府：")
			if _, ok := onGrid(rec.emTop()); !ok {
				t.Errorf("主送 em top %.3f is off the grid", rec.emTop())
			}
			gap := rec.emTop() - title.emBottom()
			if gap < linePitch-0.05 || gap >= 2*linePitch-0.05 {
				t.Errorf("主送 em top %.2f mm under the title's last line, want one blank line: %.2f–%.2f", gap, linePitch, 2*linePitch)
			}
		})
	}
}
