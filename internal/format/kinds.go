package format

import (
	"strings"

	"gongwen/internal/say"
)

// DocKind is a 文种, the kind of document a title ends with (《党政机关公文处理
// 工作条例》 article 8 names fifteen), as data of the format it is set in:
// the direction it goes and what its starter carries. Clerks think in 文种;
// `gongwen new --kind` starts one, and the data file records it as kind.
type DocKind struct {
	Name   string // 请示: what the title ends with
	Format string // the format it is set in: 函 the 信函格式, 纪要, 令 their own, the rest the 文件格式
	// Direction: a 上行文 (article 8: 请示 and 报告 go to the 上级机关) has
	// its 签发人 on the 发文字号 line (GB/T 9704 7.2.5); a 函 goes to an
	// office neither above nor below (平行文).
	Direction Direction
	// Contact: the 附注 names a contact person and a telephone number
	// (common practice for a 请示, so the 上级 can ask back).
	Contact bool
	// Reply: it answers another document, which it cites by its title and
	// 发文字号 (a 批复 answers a 请示).
	Reply bool
	// Starter is what its starter has of its own: an example (zero: the
	// format's; a 公告 or 通告 is addressed to the public, its example has
	// no 主送机关) and a body of the structure such a document usually has
	// ("": the format's), which goes under the comment of the format's.
	Starter KindStarter
}

// KindStarter is what a 文种's starter has of its own.
type KindStarter struct {
	Example Example
	Body    string
}

// Direction is which way a document goes between offices.
type Direction int

const (
	Downward Direction = iota // 下行文, to the offices under the issuer
	Upward                    // 上行文, to the issuer's 上级机关
	Parallel                  // 平行文, to an office neither above nor below
)

// String is the standard's name of the direction.
func (d Direction) String() string {
	return [...]string{"下行文", "上行文", "平行文"}[d]
}

// own is the starter of the 文种 name: its example, and its body from
// starter/kinds/NAME.txt when there is one.
func own(name string, ex Example) KindStarter {
	return KindStarter{Example: ex, Body: starterFile("kinds/" + name + ".txt")}
}

// kinds are the 文种 gongwen starts, in the order they are listed.
var kinds = []DocKind{
	{Name: "通知", Format: "file"},
	{Name: "通报", Format: "file", Starter: own("通报",
		Example{"关于{{Year}}年工作完成情况的通报", "示府发〔{{Year}}〕1号", "各乡（镇）人民政府，县政府各部门"})},
	{Name: "请示", Format: "file", Direction: Upward, Contact: true, Starter: own("请示",
		Example{"关于申请{{Year}}年工作专项经费的请示", "示府〔{{Year}}〕1号", "示例市人民政府"})},
	{Name: "报告", Format: "file", Direction: Upward, Starter: own("报告",
		Example{"关于{{Year}}年工作完成情况的报告", "示府〔{{Year}}〕2号", "示例市人民政府"})},
	{Name: "批复", Format: "file", Reply: true, Starter: own("批复",
		Example{"关于同意示例镇{{Year}}年工作计划的批复", "示府复〔{{Year}}〕1号", "示例镇人民政府"})},
	{Name: "函", Format: "letter", Direction: Parallel, Starter: own("函",
		Example{"关于商请核实{{Year}}年工作完成情况的函", "示办函〔{{Year}}〕1号", "示例市统计局"})},
	{Name: "意见", Format: "file", Starter: own("意见",
		Example{"关于加强{{Year}}年工作统筹的意见", "示府发〔{{Year}}〕1号", "各乡（镇）人民政府，县政府各部门"})},
	{Name: "决定", Format: "file", Starter: own("决定",
		Example{"关于表彰{{Year}}年工作先进单位的决定", "示府发〔{{Year}}〕1号", "各乡（镇）人民政府，县政府各部门"})},
	{Name: "纪要", Format: "minutes"},
	{Name: "令", Format: "order"},
	{Name: "公告", Format: "file", Starter: own("公告",
		Example{"关于{{Year}}年工作完成情况的公告", "示府发〔{{Year}}〕1号", ""})},
	{Name: "通告", Format: "file", Starter: own("通告",
		Example{"关于做好{{Year}}年工作收尾的通告", "示府发〔{{Year}}〕1号", ""})},
}

// RegisterKind adds a 文种 after the ones known, set in a format
// registered already: from then on gongwen new --kind starts it and a
// data file may name it in its kind key.
func RegisterKind(k DocKind) error {
	if k.Name == "" {
		return say.Errorf("a 文种 to register needs a name")
	}
	if _, err := ByName(k.Format); err != nil {
		return say.Errorf("文种 %q: %v", k.Name, err)
	}
	if _, err := KindByName(k.Name); err == nil {
		return say.Errorf("文种 %q is registered already", k.Name)
	}
	mu.Lock()
	defer mu.Unlock()
	kinds = append(kinds, k)
	return nil
}

// Kinds lists the 文种 a document may be started as.
func Kinds() []DocKind {
	mu.RLock()
	defer mu.RUnlock()
	return append([]DocKind(nil), kinds...)
}

// KindNames is the list of 文种 for messages: 通知, 通报, …
func KindNames() string {
	all := Kinds()
	names := make([]string, len(all))
	for i, k := range all {
		names[i] = k.Name
	}
	return strings.Join(names, ", ")
}

// KindByName returns the named 文种.
func KindByName(name string) (DocKind, error) {
	for _, k := range Kinds() {
		if k.Name == name {
			return k, nil
		}
	}
	return DocKind{}, say.Errorf("unknown kind %q (known: %s)", name, KindNames())
}
