package format

// common is what every format of GB/T 9704-2012 shares: the page, the grid,
// the typefaces of the body, the closing's numbers, page numbers, annexes and
// tables (../shared/spec/gbt9704.md), the words of annexes and a starter
// from starter/NAME.toml and NAME.txt.
func common(name, chineseName string) *Format {
	f := &Format{
		Name:             name,
		ChineseName:      chineseName,
		AnnexWord:        "附件",
		AttachmentsLabel: "附件：",
		Starter:          builtinStarter(name, plainExample),

		PageWidth:    210, // clause 5.2.1: A4
		PageHeight:   297,
		Top:          37, // 5.2.2: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm
		Left:         28,
		BodyWidth:    156,
		BodyHeight:   225,
		LinesPerPage: 22, // 5.2.3: 22 lines of 28 characters
		CharsPerLine: 28,
		EmAscent:     0.88,

		Body:        Style{FangSong, SizeSanhao, Black},
		Level1:      Style{HeiTi, SizeSanhao, Black},
		Level2:      Style{KaiTi, SizeSanhao, Black},
		Level3:      Style{FangSong, SizeSanhao, Black},
		Level4:      Style{FangSong, SizeSanhao, Black},
		Title:       Style{XiaoBiaoSong, SizeErhao, Black},
		Mark:        Style{XiaoBiaoSong, SizeXiaochu, Red},
		PageNumber:  Style{SongTi, SizeSihao, Black},
		AnnexLabel:  Style{HeiTi, SizeSanhao, Black},
		TableHeader: Style{HeiTi, SizeXiaosi, Black},
		TableBody:   Style{FangSong, SizeXiaosi, Black},

		TitleLinePitch:  MM(35),
		ParagraphIndent: 2,
		PunctShrink:     0.18,

		MarkMaxWidth:    156,
		MarkMinSize:     SizeErhao,
		MarkLineSpacing: 1.2,
		MarkSuffixGap:   0.5,

		CopyNumberDigits: 6,
		CopyNumber:       Style{FangSong, SizeSanhao, Black},
		Flag:             Style{HeiTi, SizeSanhao, Black},

		UpwardIndent:   1,
		SignerLabel:    "签发人：",
		SignerName:     Style{KaiTi, SizeSanhao, Black},
		SignersPerLine: 2,
		SignerGap:      1,

		OrderNumber:  "第%d号",
		BodyGapLines: 2,
		RuleColor:    Red,

		SignatureRight:   2,
		DateShift:        2,
		SealDateRight:    4,
		SealSize:         42,
		JointSealGap:     2,
		SealLift:         0.5,
		ClosingKeepLines: 2,
		MinLinePitch:     MM(28),

		StampRight:        4,
		StampWidth:        30,
		SignerTitleGap:    2,
		StampDateGapLines: 1,

		AttendanceLabels: [3]string{"出席：", "请假：", "列席："},
		AttendanceLabel:  Style{HeiTi, SizeSanhao, Black},
		AttendanceIndent: 2,
		NameSeparator:    "、",

		Imprint:                Style{FangSong, SizeSihao, Black},
		ImprintIndent:          1,
		ImprintOuterRule:       0.35,
		ImprintInnerRule:       0.25,
		CCLabel:                "抄送：",
		ImprintRecipientsLabel: "主送：",
		CCSeparator:            "，",
		PrintedSuffix:          "印发",
		ImprintEvenPage:        true,
		ImprintRules:           true,

		PageNumberDrop:     7,
		PageNumberIndent:   1,
		PageNumberFromPage: 1, // clause 7.5: from page 1

		AnnexTitleLine:       3,
		AnnexContentGapLines: 1,

		TableSizes:       []float64{SizeSihao, SizeXiaosi},
		TableLineSpacing: 1.2,
		TableCellPadX:    1.5,
		TableCellPadY:    0.75,
		TableRuleWidth:   MM(0.5),
		TableFrameWidth:  MM(1),
		TableListGap:     1,
	}
	f.ImprintLinePitch = f.LinePitch()
	f.ImprintClearance = f.LinePitch()
	return f
}

// closing is the main text's end shared by the 文件格式 and the 信函格式:
// 附件说明 one blank line below the 正文, 署名 and date one blank line below
// (clauses 7.3.4, 7.3.5), 附注 on the line after the date (7.3.6).
var closing = []Element{
	{Kind: Attachments, Optional: true, GapLines: 1},
	{Kind: Signature, GapLines: 1},
	{Kind: Note, Optional: true},
	{Kind: Annexes, Optional: true},
}

// Letter returns the 信函格式 of GB/T 9704-2012 clause 10.1 with the values of
// ../shared/spec/gbt9704.md.
func Letter() *Format {
	f := common("letter", "信函格式")
	f.Starter.Example.Recipients = "各县（区）人民政府，市政府各部门"
	f.MarkMaxWidth = 170
	f.PageNumberFromPage = 2 // no number on page 1
	f.Front = []Element{
		// 标志: top edge 30 mm from the page's top edge.
		{Kind: Mark, Top: 30},
		// First double line 4 mm under the 标志, thick over thin, 170 mm,
		// centred (choice: 0.75 and 0.25 mm, 0.5 mm apart).
		{Kind: RuleLine, Gap: 4, Rule: DoubleLine{Length: 170, Thick: 0.75, Thin: 0.25, Gap: 0.5, ThickFirst: true}},
		// Second double line 20 mm above the page's bottom edge, thin over thick.
		{Kind: RuleLine, Top: 277, Aside: true, Rule: DoubleLine{Length: 170, Thick: 0.75, Thin: 0.25, Gap: 0.5, ThickFirst: false}},
		// 份号, 密级, 紧急程度 flush left and the 发文字号 flush right beside
		// them, 7/8 of a 三号 character under the double line.
		{Kind: Flags, Optional: true, Gap: MM(SizeSanhao) * 7 / 8},
		{Kind: Number, Beside: true, Align: AlignRight},
		// 标题 two lines below, 主送机关 one line below the 标题.
		{Kind: Title, GapLines: 2},
		{Kind: Recipients, GapLines: 1},
	}
	// No 版记 but a 抄送 at the foot of the last page, without rules.
	f.Back = append(append([]Element{}, closing...), Element{Kind: Imprint, Optional: true})
	f.ImprintEvenPage = false
	f.ImprintRules = false
	return f
}

// File returns the 文件格式 of GB/T 9704-2012 clause 7, the ordinary
// red-header document: 下行文, 上行文 (with 签发人), 联合行文.
func File() *Format {
	f := common("file", "文件格式")
	f.MarkSuffix = "文件"
	f.Front = []Element{
		// 份号, 密级, 紧急程度 from the 版心's first line.
		{Kind: Flags, Optional: true, Top: f.Top},
		// 标志: top edge 35 mm below the 版心's top edge.
		{Kind: Mark, Top: f.Top + 35},
		// 发文字号 下空二行, centred (a 上行文's flush left, 1 字 in).
		{Kind: Number, GapLines: 2, Align: AlignCentre},
		// 版头分隔线 4 mm under the 发文字号, as wide as the 版心 (choice 0.5 mm).
		{Kind: RuleLine, Gap: 4, Rule: Rule(f.BodyWidth, 0.5)},
		// 标题 下空二行; 主送机关 one line below it.
		{Kind: Title, GapLines: 2},
		{Kind: Recipients, Optional: true, GapLines: 1},
	}
	f.BodyGapLines = 1
	f.Back = append(append([]Element{}, closing...), Element{Kind: Imprint, Optional: true})
	return f
}

// Order returns the 命令（令）格式 of GB/T 9704-2012 clause 10.2.
func Order() *Format {
	f := common("order", "命令格式")
	f.MarkSuffix = "令"
	f.Front = []Element{
		// 标志 (name + 令): top edge 20 mm below the 版心's top edge.
		{Kind: Mark, Top: f.Top + 20},
		// 令号 two lines below the 标志, centred; 正文 two lines below it.
		{Kind: OrderNumber, GapLines: 2, Align: AlignCentre},
	}
	f.BodyGapLines = 2
	f.Back = []Element{
		{Kind: Attachments, Optional: true, GapLines: 1},
		// 签名章 two lines below the 正文 (or 附件说明).
		{Kind: Signer, GapLines: 2},
		{Kind: Note, Optional: true},
		{Kind: Annexes, Optional: true},
		{Kind: Imprint, Optional: true},
	}
	return f
}

// Minutes returns the 纪要格式 of GB/T 9704-2012 clause 10.3.
func Minutes() *Format {
	f := common("minutes", "纪要格式")
	f.MarkSuffix = "纪要"
	f.CCLabel = "分送："
	f.Front = []Element{
		// 纪要标志: top edge 35 mm below the 版心's top edge.
		{Kind: Mark, Top: f.Top + 35},
		// choice: the number centred two lines below the 标志, then a red
		// rule as in the 文件格式.
		{Kind: MinutesNumber, Optional: true, GapLines: 2, Align: AlignCentre},
		// choice: the 印发机关 flush left and the date flush right on the
		// line under the number, as most offices' 纪要 have them.
		{Kind: MinutesLine, Optional: true},
		{Kind: RuleLine, Gap: 4, Rule: Rule(f.BodyWidth, 0.5)},
		// An optional 标题 two lines below the rule.
		{Kind: Title, Optional: true, GapLines: 2},
	}
	f.BodyGapLines = 1
	f.Back = []Element{
		{Kind: Attachments, Optional: true, GapLines: 1},
		// 出席/请假/列席 one line below the 正文 (or 附件说明).
		{Kind: Attendance, GapLines: 1},
		{Kind: Annexes, Optional: true},
		{Kind: Imprint, Optional: true},
	}
	return f
}
