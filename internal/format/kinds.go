package format

import (
	"fmt"
	"strings"
)

// DocKind is a 文种, the kind of document a title ends with (《党政机关公文处理
// 工作条例》 article 8 names fifteen), as data: the format it is set in, the
// direction it goes and what its starter carries. Clerks think in 文种;
// `gongwen new --kind` starts one, and the data file records it as kind.
type DocKind struct {
	Name   string // 请示: what the title ends with
	Format string // the format it is set in: 函 the 信函格式, 纪要, 令 their own, the rest the 文件格式
	// Upward: a 上行文 (article 8: 请示 and 报告 go to the 上级机关), whose
	// 发文字号 line carries the 签发人 (GB/T 9704 7.2.5).
	Upward bool
	// Contact: the 附注 names a contact person and a telephone number
	// (common practice for a 请示, so the 上级 can ask back).
	Contact bool
	// Reply: it answers another document, which it cites by its title and
	// 发文字号 (a 批复 answers a 请示).
	Reply bool
	// Recipients: the document has a 主送机关 (a 公告 or 通告 is addressed
	// to the public and has none).
	Recipients bool
}

// kinds are the 文种 gongwen starts, in the order they are listed.
var kinds = []DocKind{
	{Name: "通知", Format: "file", Recipients: true},
	{Name: "通报", Format: "file", Recipients: true},
	{Name: "请示", Format: "file", Upward: true, Contact: true, Recipients: true},
	{Name: "报告", Format: "file", Upward: true, Recipients: true},
	{Name: "批复", Format: "file", Reply: true, Recipients: true},
	{Name: "函", Format: "letter", Recipients: true},
	{Name: "意见", Format: "file", Recipients: true},
	{Name: "决定", Format: "file", Recipients: true},
	{Name: "纪要", Format: "minutes"},
	{Name: "令", Format: "order"},
	{Name: "公告", Format: "file"},
	{Name: "通告", Format: "file"},
}

// Kinds lists the 文种 a document may be started as.
func Kinds() []DocKind { return append([]DocKind(nil), kinds...) }

// KindNames is the list of 文种 for messages: 通知, 通报, …
func KindNames() string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}

// KindByName returns the named 文种.
func KindByName(name string) (DocKind, error) {
	for _, k := range kinds {
		if k.Name == name {
			return k, nil
		}
	}
	return DocKind{}, fmt.Errorf("unknown kind %q (known: %s)", name, KindNames())
}
