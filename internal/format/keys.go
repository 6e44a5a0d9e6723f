package format

import (
	"sort"
	"strings"
)

// keys.go: the key schema, which top-level keys a data file of a format
// may and must have and what the standard calls each. A format lists its
// elements; each element reads its own keys, so the keys follow from the
// list: a key no element of the format reads is refused, and a key of an
// element the format requires is required (package doc checks them).

// elementKeys lists, per element, the keys it reads; the first ones (up to
// the "|") are required when the element is. An element not listed (a
// rule, the annex pages) reads none of its own.
var elementKeys = map[Kind][]string{
	Flags:         {"|", "copy", "secrecy", "urgency"},
	Mark:          {"issuer", "|", "mark", "mark_suffix"},
	Number:        {"number", "|", "signers"},
	OrderNumber:   {"order_number"},
	MinutesNumber: {"minutes_number"},
	MinutesLine:   {"|", "minutes_line"},
	Title:         {"title"},
	Recipients:    {"recipients"},
	Attachments:   {"|", "attachments"},
	Signature:     {"signature", "|", "seal"},
	Signer:        {"signer_title", "signer", "|", "stamp"},
	Attendance:    {"present", "|", "absent", "attending"},
	Note:          {"|", "note"},
	Imprint:       {"|", "imprint"},
}

// everyFormat are the keys every document reads, and whether it must.
var everyFormat = map[string]bool{
	"format": true, "template": true, "date": true,
	"kind": false, "lint": false, "meta": false, "fonts": false, "figures": false, "title": false,
}

// Keys maps each key a document of the format may have to whether it
// must. On a nil Format (a format not known), every key is allowed and
// none of a format's is required.
func (f *Format) Keys() map[string]bool {
	keys := map[string]bool{}
	for k, must := range everyFormat {
		keys[k] = must
	}
	if f == nil {
		for _, ks := range elementKeys {
			for _, k := range ks {
				if k != "|" && !keys[k] {
					keys[k] = false
				}
			}
		}
		return keys
	}
	for _, list := range [][]Element{f.Front, f.Back} {
		for _, e := range list {
			required := !e.Optional
			for _, k := range elementKeys[e.Kind] {
				if k == "|" {
					required = false
					continue
				}
				keys[k] = keys[k] || required
			}
		}
	}
	return keys
}

// KeyLists lists the top-level keys a document of the format takes, the
// required ones and the optional ones, each sorted (what `gongwen
// formats` prints).
func (f *Format) KeyLists() (required, optional []string) {
	for k, must := range f.Keys() {
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

// keyNames maps the standard's names (and the words clerks use for them)
// to the keys: KeyMeaning read backwards, and a few more.
var keyNames = func() map[string]string {
	m := map[string]string{
		"主送": "recipients", "文号": "number", "日期": "date", "发文机关署名": "signature",
		"抄送": "imprint.cc", "抄送机关": "imprint.cc", "印发机关": "imprint.printer", "印发日期": "imprint.date",
		"附件": "attachments", "印章": "seal", "格式": "format",
	}
	for key, name := range KeyMeaning {
		m[name] = key
	}
	return m
}()

// KeyForName is the key the standard's name (署名) stands for, or "".
func KeyForName(name string) string { return keyNames[strings.TrimSpace(name)] }
