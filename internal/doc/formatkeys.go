package doc

import (
	"sort"

	"gongwen/internal/format"
)

// FormatKeys lists the top-level keys a document of the format f takes,
// the required ones and the optional ones, each sorted (what `gongwen
// formats` prints).
func FormatKeys(f *format.Format) (required, optional []string) {
	for k, must := range formatKeys(f) {
		if must {
			required = append(required, k)
		} else {
			optional = append(optional, k)
		}
	}
	sort.Strings(required)
	sort.Strings(optional)
	return required, optional
}

// FormatTitle is a format's name as the standard gives it (文件格式, …).
func FormatTitle(name string) string { return formatTitle[name] }

// KeyMeaning is what a top-level key holds, in the standard's words.
var KeyMeaning = map[string]string{
	"format": "格式", "kind": "文种", "lint": "校对规则", "template": "正文模板", "date": "成文日期", "meta": "PDF 属性", "fonts": "字体",
	"figures": "正文引用的数值", "title": "标题", "issuer": "发文机关", "mark": "发文机关标志",
	"mark_suffix": "标志后缀", "number": "发文字号", "signers": "签发人", "order_number": "令号",
	"minutes_number": "纪要编号", "minutes_line": "纪要印发机关和日期", "recipients": "主送机关", "attachments": "附件", "signature": "署名",
	"seal": "印章", "signer_title": "签发人职务", "signer": "签名人", "stamp": "签名章",
	"present": "出席", "absent": "请假", "attending": "列席", "note": "附注", "imprint": "版记",
	"copy": "份号", "secrecy": "密级和保密期限", "urgency": "紧急程度",
}
