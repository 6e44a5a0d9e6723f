package i18n

// zhSheets are the messages of annex tables whose rows come from a
// spreadsheet (internal/doc table_sheet.go, table_sheet_rows.go) and the
// note a build prints of a source.
var zhSheets = map[string]string{
	"note: %s": "说明：%s",
	"read as GBK/GB18030, the encoding Excel and WPS save a .csv in on Chinese Windows (not UTF-8)": "已按 GBK/GB18030 读取（中文 Windows 上 Excel 和 WPS 保存 .csv 所用的编码），而非 UTF-8",
	"columns.%d.%s": "columns.%d.%s",
	"CSV: %s":       "CSV：%s",

	"table %q is a spreadsheet; a table is a TOML file: write %s with source = %q and its [[columns]] (README: Annex tables), and name that file here": "表格 %q 是电子表格；表格须是 TOML 文件：请另写 %s，其中写“source = %q”和各列的“[[columns]]”（见 README 的“Annex tables”一节），并在此处写那个文件名",
	"%s is for a table whose rows come from a spreadsheet: add source = \"附件1.xlsx\" (or a .csv)":                                                      "%s 用于各行取自电子表格的表格：请加上 source = \"附件1.xlsx\"（或 .csv）",
	"source is empty: name the .xlsx or .csv the rows come from":                                                                                       "source 为空：请写出各行所取自的 .xlsx 或 .csv 文件名",
	"the rows come from %s (source): remove rows, or source":                                                                                           "各行取自 %s（source）：请删去 rows 或 source",
	"the header comes from %s (source): %s is for a table that types its rows; write it in the sheet's header":                                         "表头取自 %s（source）：%s 用于逐行填写数据的表格；请把它写在电子表格的表头中",
	"start is %q; write the header's top-left cell, like A3":                                                                                           "start 为 %q；请写表头左上角的单元格，如 A3",
	"header_rows must be a whole number from 1 to %d, not %v":                                                                                          "header_rows 须是 1 到 %d 之间的整数，不能是 %v",
	"%s is a .csv, a single sheet: remove sheet":                                                                                                       "%s 是 .csv 文件，只有一张工作表：请删去 sheet",
	"source %s: gongwen reads .xlsx and .csv; save the sheet as an Excel workbook (.xlsx) or as CSV":                                                   "source %s：gongwen 读取 .xlsx 和 .csv；请把工作表另存为 Excel 工作簿（.xlsx）或 CSV",
	"source %s is not a spreadsheet: name an .xlsx or a .csv":                                                                                          "source %s 不是电子表格：请写 .xlsx 或 .csv 文件",
	"source %s: %s": "source %s：%s",

	"unzips to more than %s; a table's workbook may unzip to at most that":                       "解压后超过 %s；表格所用工作簿解压后最大为此值",
	"is not an Excel workbook (.xlsx): save the sheet from Excel or WPS as 'Excel 工作簿 (*.xlsx)'": "不是 Excel 工作簿（.xlsx）：请在 Excel 或 WPS 中另存为“Excel 工作簿 (*.xlsx)”",
	"is protected by a password: save a copy without one":                                        "设有密码保护：请另存一份不设密码的副本",
	"cannot be read as an Excel workbook (%v)":                                                   "无法作为 Excel 工作簿读取（%v）",
	"has no sheets":                    "没有工作表",
	"has no sheet %q (its sheets: %s)": "没有名为 %q 的工作表（其工作表：%s）",
	"sheet %q cannot be read (%v)":     "工作表 %q 无法读取（%v）",
	"sheet %q has %d rows; a table has at most %d: split it into several annexes":                                                                               "工作表 %q 有 %d 行；表格最多 %d 行：请拆分为几个附件",
	"has more than %d rows; a table has at most %d: split it into several annexes":                                                                              "超过 %d 行；表格最多 %d 行：请拆分为几个附件",
	"sheet %q: its merged cells cannot be read (%v)":                                                                                                            "工作表 %q：其合并单元格无法读取（%v）",
	"this cell is right of the table's %d columns ([[columns]] declares %d, from %s): declare a column for it, or clear it":                                     "此单元格在表格的 %d 列右侧（[[columns]] 声明了 %d 列，从 %s 列起）：请为它声明一列，或清除它",
	"this value is right of the table's %d columns ([[columns]] declares %d): declare a column for it, or remove it":                                            "此值在表格的 %d 列右侧（[[columns]] 声明了 %d 列）：请为它声明一列，或删去它",
	"the merged cell %s:%s reaches out of the table's columns %s to %s, from row %d":                                                                            "合并单元格 %s:%s 超出了表格的 %s 至 %s 列（自第 %d 行起）",
	"the cell holds the error %s: correct it in the sheet":                                                                                                      "单元格中是错误值 %s：请在电子表格中改正",
	"the formula =%s has no value saved with it (the program that wrote the file did not calculate it): open the file in Excel, WPS or LibreOffice and save it": "公式 =%s 没有保存计算结果（写出该文件的程序没有计算它）：请用 Excel、WPS 或 LibreOffice 打开该文件并保存",
	"is neither UTF-8 nor GBK/GB18030 text":                                                                                                                     "既不是 UTF-8 文本，也不是 GBK/GB18030 文本",

	"the sheet has a header and no rows below it":                                                                                                          "工作表只有表头，下面没有数据行",
	"column %s is hidden in the sheet: unhide it, or delete it (a table prints every column it reads)":                                                     "第 %s 列在电子表格中被隐藏：请取消隐藏或删除该列（表格会印出所读取的每一列）",
	"row %d is hidden in the sheet: unhide it, or delete it (a table prints every row it reads)":                                                           "第 %d 行在电子表格中被隐藏：请取消隐藏或删除该行（表格会印出所读取的每一行）",
	"column %q has neither a header nor a value in the sheet: the sheet has fewer columns than [[columns]] declares (%d)":                                  "列 %q 在电子表格中既无表头也无数值：电子表格的列数少于 [[columns]] 声明的列数（%d）",
	"this merged cell runs from the header (%d rows) into the rows below it: unmerge it, or say how many rows the header has with header_rows":             "此合并单元格从表头（%d 行）延伸到下面的数据行：请取消合并，或用 header_rows 写明表头有几行",
	"column %q: the table file's title is %q, but the sheet's header here reads %q: the sheet's columns are not those [[columns]] declares, in that order": "列 %q：表格文件中的标题是 %q，而电子表格此处的表头是 %q：电子表格的各列与 [[columns]] 声明的列及其顺序不一致",
	"this row is below the table's %s row (row of %s): the table ends at its %s row; move what it says into the table file's note":                         "此行在表格的%s行（%s 所在行）之下：表格到%s行为止；请把此行内容移到表格文件的 note 中",
	"a merged cell starts in column %q, which the table computes (%s): unmerge it":                                                                         "合并单元格起于列 %q，而该列由表格计算（%s）：请取消合并",
	"%s is too large for a figure": "%s 太大，不能作为数值",
	"column %q (%s) holds whole numbers, but the cell shows %s: format the cell without decimals (0), or give the column decimals = %d": "列 %q（%s）是整数，而单元格显示为 %s：请把单元格格式设为不带小数（0），或给该列写 decimals = %d",
	"the cell shows %s, with %d decimals; column %q (%s) prints %d: format the cell with %d, or give the column decimals = %d":          "单元格显示为 %s，有 %d 位小数；列 %q（%s）保留 %d 位：请把单元格格式设为 %d 位小数，或给该列写 decimals = %d",
	"column %q (%s) is computed (%s): the sheet shows %s here, but the row's figures give %s":                                           "列 %q（%s）由计算得出（%s）：电子表格此处为 %s，而按该行数值计算为 %s",
	"column %q (%s): the sheet's %s row shows %s, but its rows add up to %s":                                                            "列 %q（%s）：电子表格的%s行为 %s，而各行相加为 %s",
	"column %q (%s): the sheet's %s row shows %s, but the totals give %s = %s":                                                          "列 %q（%s）：电子表格的%s行为 %s，而按合计计算 %s = %s",
}

func init() { addCatalogue(zhSheets) }
