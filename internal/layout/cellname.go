package layout

import (
	"strings"

	"gongwen/internal/doc"
)

// cellName names a table cell for people reading a change: its row's label
// and its column's title, "甘孜 / 存在突出问题数" (the title with the
// groups above it when another column has the same title: "甘孜 /
// 政务新媒体检查情况 / 存在突出问题数"); a header cell is "表头 / " and
// its column's name, or its own text for a group heading.
func (ts *tableSetter) cellName(gc *gridCell) string {
	col := ""
	if gc.Col < len(ts.t.Columns) {
		col = columnName(ts.t, gc.Col)
	}
	if gc.row < ts.headRows {
		if gc.Col < len(ts.t.Columns) && gc.ColSpan == 1 && gc.Text == ts.t.Columns[gc.Col].Title {
			return "表头 / " + col
		}
		return "表头 / " + gc.Text
	}
	return strings.TrimSpace(ts.t.Rows[gc.row-ts.headRows].Label) + " / " + col
}

// columnName is a column's title, with its groups when the title alone
// does not tell it from another column.
func columnName(t *doc.Table, i int) string {
	c := t.Columns[i]
	title := c.Title
	if title == "" {
		if len(c.Group) == 0 {
			return c.Key
		}
		return c.Group[len(c.Group)-1]
	}
	for k, o := range t.Columns {
		if k != i && o.Title == title {
			return strings.Join(append(append([]string{}, c.Group...), title), " / ")
		}
	}
	return title
}
