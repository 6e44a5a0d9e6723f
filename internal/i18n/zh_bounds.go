package i18n

// zhBounds are the messages of the limits on what an input may make
// (issue #25): template text, nesting, sizes that cannot fit a page.
var zhBounds = map[string]string{
	"printf: the format %q: %v": "printf：格式 %q：%v",
	"%s: the template's print, printf and println make more than %d bytes of text in all; a 公文 is far shorter": "%s：模板中 print、printf 和 println 共生成超过 %d 字节的文字；公文远比这短",
	"a width or precision of %d; at most %d": "宽度或精度为 %d；最多 %d",
	"a key nested more than %d deep: the parts of a dotted key a.b.c, of its [table] header and the arrays and inline tables around it": "键嵌套超过 %d 层：点分键 a.b.c 的各部分、其 [表] 标题及外围的数组和内联表都计算在内",
	"column %q: compute is %d bytes long; at most %d": "列 %q：compute 长 %d 字节；最多 %d",
	"not an image": "不是图像",
	"its %q table is not where its table directory says: the file is damaged":                                                              "其 %q 表不在表目录所说的位置：文件已损坏",
	"%d annexes; a document has at most %d (a 公文's annexes are a handful): join them, or send them as documents of their own":              "%d 个附件；一份文档最多 %d 个（公文的附件通常只有几个）：请合并，或作为单独的文档发送",
	"the 版记 is %d lines (抄送 %d names), and it must stand on one page, which holds %d: shorten the 抄送 (or send it with a list as an annex)": "版记共 %d 行（抄送 %d 个单位），而版记必须在同一页上，一页只容得下 %d 行：请精简抄送（或以附件列出名单）",
	"document number %q: the serial number has %d digits; at most %d":                                                                      "发文字号 %q：序号有 %d 位；最多 %d 位",
	"number.serial has %d digits; at most %d":                                                                                              "number.serial 有 %d 位；最多 %d 位",
	"%q: a document's name cannot hold %U, a control that shows the characters after it in another order (a name that looks like another)": "%q：文档名称不能含有 %U，这种控制字符会让其后的字符以另一种顺序显示（看起来像另一个名称）",
	"it inflates to more than %d MiB; a record of a thousand pages is some 30":                                                             "解压后超过 %d MiB；一千页的记录约为 30 MiB",
	"pdftoppm %s page %d: stopped after %v: the page takes too long to draw (a damaged or hostile PDF?)":                                   "pdftoppm %s 第 %d 页：%v 后已停止：该页绘制时间过长（PDF 损坏或被恶意构造？）",
	"is damaged: its image data (IDAT) is split by another chunk, which PNG does not allow; save it again":                                 "已损坏：其图像数据（IDAT）被另一个数据块隔开，PNG 不允许这样；请重新保存",
	"the outline of its glyph %d is damaged: it reaches past its own end, or names a glyph the font lacks":                                 "其第 %d 个字形的轮廓已损坏：越过了自身的末尾，或引用了字体中没有的字形",
	"the parser reads past the end of one of its tables: the file is damaged":                                                              "解析器读取越过了其中某个表的末尾：文件已损坏",
	"its table directory lists %q after %q: the tags are out of order, the file is damaged":                                                "其表目录把 %q 列在 %q 之后：标签顺序错乱，文件已损坏",
	"its %q table does not match the checksum its table directory records: the file is damaged":                                            "其 %q 表与表目录记录的校验和不符：文件已损坏",
	"its %q table is %d bytes long, not %d: the file is damaged":                                                                           "其 %q 表长 %d 字节，而不是 %d：文件已损坏",
	"its %q and %q tables overlap: the file is damaged":                                                                                    "其 %q 表与 %q 表相互重叠：文件已损坏",
	"the %s %s is %d characters, %.0f mm wide, and there is room for %.0f mm where it stands: shorten it":                                  "%s %s 共 %d 个字符，宽 %.0f 毫米，而所在位置只容得下 %.0f 毫米：请缩短",
	"the 标题 %s is %d characters, %d lines, and page 1 has room for %d lines of it below the 版头: shorten it":                                "标题 %s 共 %d 个字符、%d 行，而首页版头以下只容得下 %d 行：请缩短",
	"parentheses and minus signs nested more than %d deep":                                                                                 "括号和负号嵌套超过 %d 层",
}

func init() { addCatalogue(zhBounds) }
