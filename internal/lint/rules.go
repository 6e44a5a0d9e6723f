package lint

// rules.go: the proofreading rules, one table entry each, with where the
// rule comes from, what it checks in both languages, and a draft it must
// warn about and one it must not (rules_test.go runs them). A rule is
// turned off by its id in a document's [lint] off = ["id"] or a project's
// lint.toml.

import (
	"fmt"
	"strings"
)

// Rule is one thing a proofreader checks.
type Rule struct {
	ID     string
	Source string // the clause, article or "common practice"
	En, Zh string // what it checks
	// Warn must draw this rule's warning, Clean must not. Each replaces
	// lines of the base document's data (by key) and its body.
	Warn, Clean Case
}

// Case is a draft for a rule's test: data lines by key ("imprint.date"
// for the 版记's), and the body template ("" keeps the base body).
type Case struct {
	Data map[string]string
	Body string
}

// Sources, as rules cite them.
const (
	gbt9704   = "GB/T 9704-2012 "
	gbt15834  = "GB/T 15834-2011《标点符号用法》 "
	gbt15835  = "GB/T 15835-2011《出版物上数字用法》 "
	tiaoli    = "《党政机关公文处理工作条例》"
	practice  = "common practice (常见做法)"
	ourChoice = "common practice (常见做法): gongwen computes it"
)

// Rule ids.
const (
	rHalfWidth        = "half-width"
	rHalfWidthEnd     = "half-width-end"
	rUnbalanced       = "unbalanced"
	rNumberBrackets   = "number-brackets"
	rNumberParens     = "number-parens"
	rNumberZero       = "number-zero"
	rNumberDi         = "number-di"
	rCiteOrder        = "cite-order"
	rDateZero         = "date-zero"
	rDateShortYear    = "date-short-year"
	rDateHanzi        = "date-hanzi"
	rDateInvalid      = "date-invalid"
	rDateAfterDone    = "date-after-done"
	rPrintedBefore    = "printed-before-date"
	rAnnexNamePunct   = "annex-name-punct"
	rAnnexNameQuoted  = "annex-name-quoted"
	rAnnexNameNumber  = "annex-name-number"
	rAnnexMissing     = "annex-missing"
	rAnnexUnmentioned = "annex-unmentioned"
	rAnnexInBody      = "annex-in-body"
	rTitleKind        = "title-kind"
	rTitleTwoKinds    = "title-two-kinds"
	rTitleKindData    = "title-kind-data"
	rTitlePunct       = "title-punct"
	rTitleGuanyu      = "title-guanyu"
	rTitleBreak       = "title-break"
	rRequestOneMatter = "request-one-matter"
	rReportNoRequest  = "report-no-request"
	rUpwardSigner     = "upward-signer"
	rRequestContact   = "request-contact"
	rRecipientTwice   = "recipient-twice"
	rCCTwice          = "cc-twice"
	rCCPunct          = "cc-punct"
	rNoteParens       = "note-parens"
	rTypedFigure      = "typed-figure"
	rTypedDecimal     = "typed-decimal"
	rDoubledMark      = "doubled-mark"
	rDunDeng          = "dun-deng"
	rEllipsis         = "ellipsis"
	rDash             = "dash"
	rQuoteNesting     = "quote-nesting"
	rCornerQuotes     = "corner-quotes"
	rSpaceInChinese   = "space-in-chinese"
	rFullWidthAlnum   = "full-width-alnum"
	rPercentSpace     = "percent-space"
	rApproxTwice      = "approx-twice"
	rNumeralMix       = "numeral-mix"
	rRangeHyphen      = "range-hyphen"
	rPercentRange     = "percent-range"
	rRangeMarks       = "range-marks"
	rWanyuanDecimals  = "wanyuan-decimals"
	rRepeatedWord     = "repeated-word"
	rJiezhi           = "jiezhi"
	rTerms            = "terms"
	rHeadingPeriod    = "heading-period"
	rStructure        = "structure"
)

// annex2 is the base document's annex table followed by a second annex,
// for the rules that read several.
const annex2 = `"t.toml"` + "\n[[attachments]]\ntitle = \"防汛值班安排表\""

func d(kv ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// Rules is every rule, in the order `gongwen check --rules` lists them.
var Rules = []Rule{
	// Punctuation.
	{rHalfWidth, gbt15834 + "(4, 全角标点)", "half-width punctuation between Chinese characters", "汉字之间用了半角标点",
		Case{Body: "各单位要认真落实,确保安全。\n"}, Case{Body: "合格率99.9%，共3,000个。\n"}},
	{rHalfWidthEnd, gbt15834 + "(4, 全角标点)", "a half-width mark ending a Chinese sentence (如下:)", "汉字句末用了半角标点（如“如下:”）",
		Case{Body: "现将有关事项通知如下:\n"}, Case{Body: "现将有关事项通知如下：\n"}},
	{rUnbalanced, gbt15834 + "(4.8, 4.9, 4.15)", "paired marks （）《》“”〔〕 without their partner", "成对的标点（）《》“”〔〕缺少另一半",
		Case{Body: "根据《通知要求，认真办理。\n"}, Case{Body: "根据《通知》要求，认真办理。\n"}},
	{rDoubledMark, gbt15834 + "(4)", "a punctuation mark doubled (。。 ，，)", "标点重复（。。 ，，）",
		Case{Body: "各单位要认真落实，，确保安全。\n"}, Case{Body: "各单位要认真落实，确保安全。\n"}},
	{rDunDeng, gbt15834 + "(4.5.3.5)", "a 顿号 before 等 or 等等", "“等”前用了顿号",
		Case{Body: "县水利局、县应急局、等单位参加。\n"}, Case{Body: "县水利局、县应急局等单位参加。\n"}},
	{rEllipsis, gbt15834 + "(4.11)", "an ellipsis not written …… (six dots in two marks)", "省略号不是“……”",
		Case{Body: "包括水利、应急...各单位。\n"}, Case{Body: "包括水利、应急……各单位。\n"}},
	{rDash, gbt15834 + "(4.12)", "a dash written -- or as one — between Chinese words", "破折号写成“--”或单个“—”",
		Case{Body: "防汛工作--关系群众安全。\n"}, Case{Body: "防汛工作——关系群众安全，时间为2025—2026年。\n"}},
	{rQuoteNesting, gbt15834 + "(4.1.2, 4.9.3.1)", "quotation marks nested without single quotes “…‘…’…”", "引号内又用双引号（应为“…‘…’…”）",
		Case{Body: "他说：“要做到“三个到位”。”\n"}, Case{Body: "他说：“要做到‘三个到位’。”\n"}},
	{rCornerQuotes, gbt15834 + "(4.9.3.3)", "corner brackets 「」『』 in horizontal text", "横排文字用了直角引号「」『』",
		Case{Body: "落实「三个到位」要求。\n"}, Case{Body: "落实“三个到位”要求。\n"}},
	{rSpaceInChinese, practice, "a space between Chinese characters", "汉字之间有空格",
		Case{Body: "各单位要认真 落实防汛责任。\n"}, Case{Body: "各单位要认真落实防汛责任。\n"}},

	// Numbers.
	{rFullWidthAlnum, gbt15835 + "(4.1)", "full-width digits or Latin letters (２０２５, ＡＢ)", "全角数字或字母（２０２５、ＡＢ）",
		Case{Body: "全县共有１２个雨量站。\n"}, Case{Body: "全县共有12个雨量站。\n"}},
	{rPercentSpace, gbt15835 + "(5.1.2)", "a space between a number and %", "数字与%之间有空格",
		Case{Body: "合格率达到95 %。\n"}, Case{Body: "合格率达到95%。\n"}},
	{rApproxTwice, practice, "约 and 左右 (or 大约 … 上下) in one estimate", "“约”和“左右”同时使用",
		Case{Body: "参加人数约200人左右。\n"}, Case{Body: "参加人数约200人，会期2天左右。\n"}},
	{rNumeralMix, gbt15835 + "(5.1.3)", "Arabic digits with 十, 百 or 千 (5百): only 万 and 亿 combine with them", "阿拉伯数字与“十”“百”“千”连用（如5百）",
		Case{Body: "共投入资金5百万元。\n"}, Case{Body: "共投入资金500万元，道路长3千米。\n"}},
	{rRangeHyphen, gbt15834 + "(4.13.3)", "a range of numbers written with a hyphen (3-5天): use ～ or —", "数值范围用了连字符（3-5天），应用“～”或“—”",
		Case{Body: "每次检查持续3-5天。\n"}, Case{Body: "每次检查持续3～5天，电话0000-1234567。\n"}},
	{rPercentRange, gbt15835 + "(5.1.6)", "a range of percentages with % on the second figure only (10～20%)", "百分数范围只在后一个数后加了%（10～20%）",
		Case{Body: "增长幅度为10～20%。\n"}, Case{Body: "增长幅度为10%～20%。\n"}},
	{rRangeMarks, gbt15834 + "(4.13.3)", "ranges written with both ～ and — in one document", "同一文档中数值范围既用“～”又用“—”",
		Case{Body: "检查持续3～5天，整改2—3周。\n"}, Case{Body: "检查持续3～5天，整改2～3周。\n"}},
	{rWanyuanDecimals, practice, "amounts in 万元 with different decimal places in one paragraph", "同一段中以万元计的金额小数位数不一致",
		Case{Body: "安排资金12.5万元，其中县级3.25万元。\n"}, Case{Body: "安排资金12.50万元，其中县级3.25万元。\n"}},
	{rTypedFigure, ourChoice, "a whole number typed in the text that the data computes (a 合计, a count)", "正文手写了数据可以算出的整数（合计、计数）",
		Case{Body: "各单位计划开展工作35项。\n"}, Case{Body: "各单位计划开展工作{{(.Annex 1).Total \"planned\"}}项。\n"}},
	{rTypedDecimal, ourChoice, "a decimal or a percentage typed in the text that the data computes", "正文手写了数据可以算出的小数或百分数",
		Case{Body: "共安排资金1167.50万元。\n"}, Case{Body: "共安排资金{{(.Annex 1).Total \"funds\"}}万元。\n"}},

	// Dates.
	{rDateZero, gbt9704 + "7.3.5.4", "a date with leading zeros (2025年03月05日)", "日期编了虚位（2025年03月05日）",
		Case{Body: "请于2025年03月05日前报送。\n"}, Case{Body: "请于2025年3月5日前报送。\n"}},
	{rDateShortYear, gbt9704 + "7.3.5.4; " + gbt15835 + "(4.1.1)", "a year written with two digits (25年3月)", "年份没有写全（25年3月）",
		Case{Body: "请于25年3月5日前报送。\n"}, Case{Body: "请于2025年3月5日前报送。\n"}},
	{rDateHanzi, gbt15835 + "(4.1.1); " + gbt9704 + "7.3.5.4", "a date in Chinese numerals (二〇二五年): write Arabic digits", "日期用了汉字数字（二〇二五年）",
		Case{Body: "请于二〇二五年三月五日前报送。\n"}, Case{Body: "请于2025年3月5日前报送，一年两次。\n"}},
	{rDateInvalid, practice, "a date that does not exist (2025年2月30日)", "不存在的日期（2025年2月30日）",
		Case{Body: "请于2025年2月30日前报送。\n"}, Case{Body: "请于2024年2月29日前报送。\n"}},
	{rDateAfterDone, practice, "something said done (已) on a date after the 成文日期", "说“已”完成的日期晚于成文日期",
		Case{Body: "县政府已于2025年7月1日召开会议。\n"}, Case{Body: "县政府已于2025年6月1日召开会议，将于2025年7月1日检查。\n"}},
	{rPrintedBefore, gbt9704 + "7.4.3", "the 印发日期 before the 成文日期", "印发日期早于成文日期",
		Case{Data: d("imprint.date", "2025-06-01")}, Case{Data: d("imprint.date", "2025-06-10")}},

	// The 发文字号 and citations.
	{rNumberBrackets, gbt9704 + "7.2.5", "a document number's year in [] or 【】", "发文字号的年份用了[]或【】",
		Case{Body: "根据国办秘函[2019]19号要求。\n"}, Case{Body: "根据国办秘函〔2019〕19号要求。\n"}},
	{rNumberParens, gbt9704 + "7.2.5", "a document number's year in （） or ()", "发文字号的年份用了（）或()",
		Case{Body: "根据国办秘函（2019）19号要求。\n"}, Case{Body: "根据国办秘函〔2019〕19号要求。\n"}},
	{rNumberZero, gbt9704 + "7.2.5", "a document number's serial with leading zeros (〔2025〕03号)", "发文字号的序号编了虚位（〔2025〕03号）",
		Case{Body: "根据示府发〔2025〕03号要求。\n"}, Case{Body: "根据示府发〔2025〕3号要求。\n"}},
	{rNumberDi, gbt9704 + "7.2.5", "a document number's serial with 第 (〔2025〕第3号)", "发文字号的序号加了“第”字",
		Case{Body: "根据示府发〔2025〕第3号要求。\n"}, Case{Body: "根据示府发〔2025〕3号要求。\n"}},
	{rCiteOrder, tiaoli + " 第二十条 (引用公文先引标题后引发文字号)", "a document cited by its number before its title", "引用公文先引了发文字号后引标题",
		Case{Body: "根据示府发〔2025〕3号《关于做好防汛工作的通知》要求。\n"}, Case{Body: "根据《关于做好防汛工作的通知》（示府发〔2025〕3号）要求。\n"}},

	// The title and the 文种.
	{rTitleKind, tiaoli + " 第八条", "a title that does not end in one of the 15 文种", "标题不以十五种文种之一结尾",
		Case{Data: d("title", `"关于做好防汛工作的安排"`)}, Case{Data: d("title", `"关于做好防汛工作的通知"`)}},
	{rTitleTwoKinds, tiaoli + " 第八条", "a title ending in two 文种 (请示报告)", "标题以两个文种结尾（请示报告）",
		Case{Data: d("title", `"关于防汛经费的请示报告"`)}, Case{Data: d("title", `"关于防汛经费的请示"`)}},
	{rTitleKindData, practice, "a title whose 文种 is not the data's kind", "标题的文种与数据文件的 kind 不符",
		Case{Data: d("kind", `"请示"`, "signers", `["王明"]`, "note", `"联系人：李华，电话：0000-1234567"`)}, Case{Data: d("kind", `"通知"`)}},
	{rTitlePunct, gbt9704 + "7.3.1", "punctuation in the title other than 《》、“”（）", "标题中用了书名号、顿号、引号、括号以外的标点",
		Case{Data: d("title", `"关于做好防汛工作，确保安全的通知"`)}, Case{Data: d("title", `"关于做好防汛、抗旱工作的通知"`)}},
	{rTitleGuanyu, practice, "关于 written twice at the title's start", "标题开头“关于”重复",
		Case{Data: d("title", `"关于关于做好防汛工作的通知"`)}, Case{Data: d("title", `"关于做好防汛工作的通知"`)}},
	{rTitleBreak, gbt9704 + "7.3.1", "a title line break given in the data that splits a word", "数据中标题的换行拆开了词",
		Case{Data: d("title", `["关于做好防", "汛工作的通知"]`)}, Case{Data: d("title", `["关于做好", "防汛工作的通知"]`)}},

	// What a 请示 or 报告 must carry.
	{rRequestOneMatter, tiaoli + " 第十五条 (请示应当一文一事)", "a 请示 that asks for a second matter (并请, 同时请)", "请示中夹带第二件事（并请、同时请）",
		Case{Data: d("title", `"关于申请防汛经费的请示"`, "signers", `["王明"]`, "note", `"联系人：李华，电话：0000-1234567"`), Body: "请拨付防汛经费，并请批准增加编制。\n"},
		Case{Data: d("title", `"关于申请防汛经费的请示"`, "signers", `["王明"]`, "note", `"联系人：李华，电话：0000-1234567"`), Body: "请拨付防汛经费。\n"}},
	{rReportNoRequest, tiaoli + " 第十五条 (不得在报告等非请示性公文中夹带请示事项)", "a 报告 that asks for approval (请批示, 妥否)", "报告中夹带请示事项（请批示、妥否）",
		Case{Data: d("title", `"关于防汛工作情况的报告"`, "signers", `["王明"]`), Body: "现将防汛工作情况报告如下。\n\n妥否，请批示。\n"},
		Case{Data: d("title", `"关于防汛工作情况的报告"`, "signers", `["王明"]`), Body: "现将防汛工作情况报告如下。\n\n特此报告。\n"}},
	{rUpwardSigner, gbt9704 + "7.2.6 (上行文应当标注签发人)", "a 请示 or 报告 without a 签发人 (signers)", "请示、报告没有标注签发人",
		Case{Data: d("title", `"关于防汛工作情况的报告"`)}, Case{Data: d("title", `"关于防汛工作情况的报告"`, "signers", `["王明"]`)}},
	{rRequestContact, practice + ": 请示注明联系人和电话", "a 请示 whose 附注 names no contact person and telephone", "请示的附注没有注明联系人和电话",
		Case{Data: d("title", `"关于申请防汛经费的请示"`, "signers", `["王明"]`)}, Case{Data: d("title", `"关于申请防汛经费的请示"`, "signers", `["王明"]`, "note", `"联系人：李华，电话：0000-1234567"`)}},

	// 主送, 抄送, 附注 and the flags, as typed in the data.
	{rRecipientTwice, practice, "an organ named twice in the 主送", "主送机关中重复列出同一机关",
		Case{Data: d("recipients", `"各乡（镇）人民政府，县水利局，县水利局"`)}, Case{Data: d("recipients", `"各乡（镇）人民政府，县水利局"`)}},
	{rCCTwice, gbt9704 + "7.4.2", "an organ in the 抄送 that is also in the 主送, or twice in the 抄送", "抄送机关与主送机关重复，或在抄送中重复",
		Case{Data: d("imprint.cc", `["县委办公室", "各乡（镇）人民政府"]`)}, Case{Data: d("imprint.cc", `["县委办公室", "县人大常委会办公室"]`)}},
	{rCCPunct, gbt9704 + "7.4.2 (gongwen adds the 。)", "a 抄送 item typed with punctuation at its end", "抄送机关末尾写了标点（gongwen 会自动加句号）",
		Case{Data: d("imprint.cc", `["县委办公室。"]`)}, Case{Data: d("imprint.cc", `["县委办公室"]`)}},
	{rNoteParens, gbt9704 + "7.3.6 (gongwen adds the （）)", "the 附注 typed in （）, which gongwen adds", "附注写了圆括号（gongwen 会自动加）",
		Case{Data: d("note", `"（此件公开发布）"`)}, Case{Data: d("note", `"此件公开发布"`)}},

	// 附件.
	{rAnnexNamePunct, gbt9704 + "7.3.4", "an 附件说明 name ending in punctuation", "附件名称末尾有标点",
		Case{Data: d("attachments.title", `"防汛物资统计表。"`)}, Case{Data: d("attachments.title", `"防汛物资统计表（第一批）"`)}},
	{rAnnexNameQuoted, practice, "an 附件说明 name in 《》", "附件名称加了书名号",
		Case{Data: d("attachments.title", `"《防汛物资统计表》"`)}, Case{Data: d("attachments.title", `"防汛物资统计表"`)}},
	{rAnnexNameNumber, gbt9704 + "7.3.4 (gongwen numbers the items)", "an 附件说明 name typed with its number (1．…, 附件1…)", "附件名称写了序号（gongwen 会自动编号）",
		Case{Data: d("attachments.title", `"1.防汛物资统计表"`)}, Case{Data: d("attachments.title", `"防汛物资统计表"`)}},
	{rAnnexMissing, practice, "the text cites an 附件 the 附件说明 does not list", "正文提到的附件在附件说明中没有",
		Case{Body: "详见附件3。\n"}, Case{Body: "详见附件。\n"}},
	{rAnnexUnmentioned, practice, "an annex the 附件说明 lists that the text never cites (by 附件N, its title, or 附件 when it is the only one)", "附件说明列出的附件，正文没有提到（附件N、附件标题，只有一个附件时“附件”）",
		Case{Data: d("attachments.table", annex2), Body: "各乡（镇）要落实防汛责任制，物资详见附件1。\n"},
		Case{Data: d("attachments.table", annex2), Body: "现将《防汛物资统计表》和防汛值班安排表印发给你们。\n"}},
	{rAnnexInBody, gbt9704 + "7.3.4 (gongwen writes the 附件说明 from [[attachments]])", "an 附件说明 typed in the body (附件：1．…, 附件1.现就…)", "正文里手写了附件说明（附件：1．…）",
		Case{Body: "各单位要认真落实，详见附件。\n\n附件：1.防汛物资统计表\n"}, Case{Body: "各单位要认真落实，详见附件1。\n"}},

	// Words.
	{rRepeatedWord, practice, "a word typed twice (的的, 和和)", "字词重复（的的、和和）",
		Case{Body: "做好防汛的的各项工作。\n"}, Case{Body: "做好防汛的各项工作，不了了之的事要追责。\n"}},
	{rJiezhi, practice + " (《现代汉语词典》: 截至 to a date, 截止 an end)", "截止 before a date (截止2025年6月): write 截至", "日期前用了“截止”（应为“截至”）",
		Case{Body: "截止2025年6月，全县共有雨量站。\n"}, Case{Body: "截至2025年6月，全县共有雨量站，报名截止日期另行通知。\n"}},
	{rTerms, practice + " (built-in list, extended by [lint] terms)", "a term from the list of frequent misuses (按排, 布署, 其它 …)", "常见误用词（按排、布署、其它等）",
		Case{Body: "县政府对防汛工作作出布署。\n"}, Case{Body: "县政府对防汛工作作出部署。\n"}},
	{rStructure, gbt9704 + "7.3.3 (一、（一）1.（1）in order)", "a typed heading number out of place, or a paragraph broken over lines", "手写的层次序号不连续或错级，或一段被分成了几行",
		Case{Body: "为做好防汛工作，通知如下，详见附件。\n一、压实责任\n三、强化保障\n"}, Case{Body: "为做好防汛工作，通知如下，详见附件。\n一、压实责任\n二、强化保障\n"}},
	{rHeadingPeriod, practice, "a level-1 heading on its own line ending in 。", "单独成行的一级标题末尾用了句号",
		Case{Body: "为做好防汛工作，通知如下。\n\n# 压实防汛责任。\n\n各单位要认真落实。\n"}, Case{Body: "为做好防汛工作，通知如下。\n\n# 压实防汛责任\n\n各单位要认真落实。\n"}},
}

// RuleIDs lists the ids, for messages.
func RuleIDs() string {
	ids := make([]string, len(Rules))
	for i, r := range Rules {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}

// ByID finds a rule.
func ByID(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// List writes the rules as `gongwen check --rules` shows them: id, what it
// checks (in Chinese when zh) and its source.
func List(zh bool) []string {
	var out []string
	for _, r := range Rules {
		what, src := r.En, r.Source
		if zh {
			what = r.Zh
			src = strings.NewReplacer("common practice (常见做法): gongwen computes it", "常见做法：由 gongwen 计算",
				"common practice (常见做法)", "常见做法", "gongwen adds the ", "gongwen 自动加", "gongwen numbers the items", "gongwen 自动编号",
				"gongwen writes the 附件说明 from [[attachments]]", "附件说明由 gongwen 按 [[attachments]] 编排",
				"built-in list, extended by [lint] terms", "内置词表，可用 [lint] terms 扩充").Replace(src)
		}
		out = append(out, fmt.Sprintf("%-18s %s — %s", r.ID, what, src))
	}
	return out
}
