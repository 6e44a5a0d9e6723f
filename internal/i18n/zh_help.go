package i18n

// zhHelp are the help texts in Chinese, keyed by the command whose help
// each is (say.Keyed): a help's English can change without its key.
var zhHelp = map[string]string{
	"help": `gongwen 按 GB/T 9704-2012 生成中文公文 PDF、OFD 和 DOCX。

用法：
  gongwen build [-o PATH] [--ofd] [--docx] [--fonts DIR] [--strict] DOC.toml|DIR...
                                                      生成 PDF（默认放在 output/），或 OFD、DOCX
  gongwen check [--fonts DIR] [--strict] DOC.toml...  检查一切，不写文件（--rules：列出校对规则）
  gongwen preview [-o DIR] [--dpi N] [--fonts DIR] DOC.toml...
                                                      把页面画成 PNG 图片（默认放在 output/）
  gongwen verify [--project DIR] [--fonts DIR] FILE.pdf|FILE.ofd|FILE.docx...
                                                      依据记录的来源重新生成，比较字节
  gongwen diff [--png DIR] OLD.pdf NEW.pdf            两次生成之间逐行有何变化
  gongwen sign --key KEY.pem --cert CERT.pem -o OUT FILE.pdf|FILE.ofd
                                                      给 PDF 加电子签名或给 OFD 加电子印章，生成的字节原样保留
  gongwen new [--kind 文种 | --format F] NAME          新建文档（通知、请示、函等）：数据、正文、一个附件表格
  gongwen import [--format F] DRAFT NAME              从已有的草稿新建文档
  gongwen formats                                     各种格式及其数据项
  gongwen serve [--addr 127.0.0.1:8080] DOC.toml      边编辑边在浏览器中查看页面
  gongwen fonts [--licences] [FILE...]                内置字体及其许可证；字体文件中有哪些字体
  gongwen version                                     显示版本
  gongwen help [COMMAND]                              本说明，或某个命令的说明

退出状态：0 成功，1 输入有问题（每个问题一行，
FILE:LINE:COL: 说明），2 用法错误。

LC_ALL、LC_MESSAGES 或 LANG 以 zh 开头时，消息用中文，
命令行任意位置加 --lang zh 也用中文；--lang en 用英文。
`,
	"help build": `用法：gongwen build [-o PATH] [--ofd] [--docx] [--docx-fonts HOW] [--copies FIRST-LAST] [--fonts DIR] [--strict] DOC.toml|DIR...

生成每个文档的 PDF。文件夹代表其中直接包含的所有数据文件（*.toml）。
只有一个文档时，-o 指定 PDF 文件（或存放它的
文件夹）；有多个文档时，-o 指定文件夹。默认文件夹是
output/，数据文件 data/NAME.toml 生成 output/NAME.pdf。

多个文档同时生成，每个处理器一个；各文档的消息
按给出的顺序输出，一个文档失败不影响
其他文档。在终端上有一行显示进度，结束时显示汇总
（文档数、页数、秒数）；否则只输出消息。

OFD（GB/T 33190-2016）：-o NAME.ofd 把文档写成 OFD 包，
而不是 PDF；--ofd 在每个 NAME.pdf 旁边另写 NAME.ofd。其页面、
文字、字形位置、字体和归档记录与 PDF 相同。

DOCX：-o NAME.docx 把文档写成可编辑的 DOCX 文档，
而不是 PDF；--docx 在每个 NAME.pdf 旁边另写 NAME.docx。其段落
每种要素各有样式，编辑时文字自然流动；--docx-fonts 为“names”时
不带字体的字形（默认的“embed”在字体许可允许时
嵌入字形）。

编号的份数：--copies 1-30 只排版一次，每份写一个 PDF，
NAME-000001.pdf 到 NAME-000030.pdf，各有自己的份号（一次最多
1000 份；格式必须有份号：file 或 letter）。

PDF 先写入临时文件，完成后再改名就位：
出错时不写任何输出，已有的 PDF 保持原样。
输出绝不替换本次生成的输入文件、只读文件或
普通文件以外的任何东西。
PDF 的日期是文档的成文日期，设置了 SOURCE_DATE_EPOCH 时用它，
因此相同的来源总是生成相同的字节。

` + zhWarningsHelp + `
选项：
`,
	"help check": `用法：gongwen check [--fonts DIR] [--strict] DOC.toml...
       gongwen check --rules

加载、展开并排版每个文档，检查数据、模板，
以及每个字符在其字体中是否存在，报告发现的每个问题。
不写任何文件。

` + zhWarningsHelp + `
--rules 列出校对规则及其依据。在数据文件中写 “[lint] off = ["规则", …]”
可关闭某些规则，写 “[lint] terms = [["按排", "安排"]]” 可增加错词和正词；
数据文件旁边或上一级文件夹中的 lint.toml（写法相同：
“off = …”“terms = …”）对整个项目起作用。

选项：
`,
	"help diff": `用法：gongwen diff [--png DIR] OLD.pdf NEW.pdf

仅凭两个 PDF 本身，说明 gongwen 生成的两个 PDF 之间有何变化
（每个 PDF 都在元数据中记录了印出的各行和表格单元格）：
  第 P 页第 L 行：旧 → 新            有变化的行，变化的字符标在 ⟦⟧ 中
  附件1 甘孜 / 存在突出问题数: 4 → 9   有变化的表格单元格，按行和列指出
  第 P 页：增加了图片 seal.png        增加、删除或移动的图片
  8 页 → 9 页                        页数，有变化时
  第 P 页有 N 行只是移动了位置 …     文字未变、只是重新排行
                                     或移到别的行或页的行
                                     （页码不作为行比较）
加 --png DIR 时，每个有变化的页面画成 DIR/page-P.png：
左边是旧页，右边是新页，变化的行和单元格标红，
移动的行标蓝（这要用到 poppler-utils 中的 pdftoppm）。

退出状态：0 印出的文字和版面相同；
1 有不同，或文件无法读取（不存在、不是普通文件、
不完整），或页面图片无法写入；2 用法错误，
或文件不是 gongwen 生成的 PDF。

选项：
`,
	"help fonts": "用法：gongwen fonts [--licences] [FILE...]\n\n列出 gongwen 内置的字体：GB/T 9704 五种字体角色的\n免费替代字体，及各自的许可证。文档中凡是没有别处\n指定字体的角色都使用它们。每个角色的字体取以下第一个：\n  1. 文档的 [fonts] 表\n  2. 最近的 fonts/fonts.toml（文档旁边或上级文件夹中）\n  3. --fonts 文件夹中的 fonts.toml\n  4. 用户的 fonts.toml（%s）\n  5. 内置字体\n角色可以指定一个 TrueType 或 OpenType 字体文件（.ttf、.otf），\n或字体集（.ttc）中的一个字体，按从 0 起的序号：\n\"simsun.ttc#1\"（只写字体集即为 #0），也可以是\n按字逐个尝试的字体列表：[\"a.ttf\", \"simsun.ttc\"]。每个内置列表\n都以 HanaMinA-Fallback.ttf 结尾，用于人名中的生僻字。\n键 \"latin\" 指定正文中数字和拉丁字母所用的字体文件（FILE）。\n加 --licences 时，显示许可证全文及字体的制作方法。\n给出 FILE 时，改为列出每个字体文件中的字体：字体集中的\n按 #N 列出，每个附名称及其许可证允许的嵌入方式（字体 OS/2 表所记），\n或说明为何不能嵌入。\n\n选项：\n",
	"help formats": `用法：gongwen formats

列出 gongwen 能排版的 GB/T 9704-2012 各种格式，以及每种格式的
数据文件中的数据项：必须有的和可以有的。

选项：
`,
	"help import": "用法：gongwen import [--format %s] [--draft docx|md|txt] 草稿 名称\n\n读取用 Word、WPS 或 LibreOffice 写的草稿（.docx）、Markdown（.md）\n或纯文本（.txt，UTF-8 或 GBK/GB18030），在当前文件夹写出文档的\n源文件，与 gongwen new 相同：\n  data/名称.toml               数据：标题、主送机关、署名、成文日期、版记……\n  templates/名称.txt           正文，标题层次用 # ## ### #### 标记\n  data/名称/附件N.toml          附件的表格\n  templates/名称-附件N.txt      附件的文字\n任一文件已存在时，什么也不写。\n\n它为每个这样的段落输出一行：因不属于任何要素而留作正文的、\n有改动的（层次序号与结构编出的不同）、被舍弃的（批注、脚注），\n并注明草稿中的段落号（或行号）。\n草稿缺少的必填要素（发文机关、发文字号）写成注释掉的占位行，\ngongwen check 会一直指出它，直到填写为止。\n\n选项：\n",
	"help new":    "用法：gongwen new [--kind 文种 | --format %s] NAME\n\n在当前文件夹中写一个新文档，作为起点：\n  data/NAME.toml          数据：发文机关、发文字号、标题、日期等\n  templates/NAME.txt      正文\n  data/NAME/附件1.toml     一个附件表格，正文引用其合计\n写好即可生成（gongwen build data/NAME.toml）；请把示例\n内容换成你的。任何一个文件已存在时，什么也不写。其中的\n注释使用消息的语言（英文或中文）。\n--kind 按文种（通知、请示、函等）新建，格式随文种而定：标题以\n文种结尾，请示、报告带签发人（请示还带联系人），批复引用\n所答复请示的标题和文号，正文是该文种常见的结构。\ngongwen formats 列出各种格式、每种格式的文种及其数据项。\n\n选项：\n",
	"help preview": `用法：gongwen preview [-o DIR] [--dpi N] [--fonts DIR] DOC.toml...

把每个文档的页面画成 PNG 图片，每页一张，不用 PDF 阅读器
就能快速查看：数据文件 data/NAME.toml 生成 DIR/NAME-1.png、
DIR/NAME-2.png 等。页面与 PDF 的完全一样（相同的
版面、相同的字体），以每英寸 N 点画在白底上。

每张图片先写入临时文件，完成后再改名就位。
每张图片带有标记（PNG 文本块，写明由本程序的预览
命令生成，以及数据文件名）：
页面路径上已有的图片，只有带同一文档的标记时才被替换，
否则不写任何文件（退出状态 1）。同一文档先前较长的预览
留下的多余页面（DIR/NAME-N.png 中超出最后一页的）带有该标记时
才被删除；其他文件一律保留。相同的来源和分辨率总是
生成相同的字节。

选项：
`,
	"help serve": `用法：gongwen serve [--addr 127.0.0.1:8080] [--dpi N] [--fonts DIR] DOC.toml

边编辑边在浏览器中显示文档的页面：打开它显示的
地址。页面是预览图片（与 PDF 的版面和字体
相同）。文档读取的任何文件有变化时（数据、
模板、表格、图片、fonts.toml），它重新生成，页面
自动刷新。问题显示在页面顶部，与其他命令输出的
FILE:LINE:COL: 说明 行相同，下面保留上一次成功的
页面。不向磁盘写任何东西。只在本机回环地址
（127.0.0.1、::1、localhost）上提供，且只回应指名这些地址
（127.0.0.1、[::1] 或 localhost 加其端口）的请求：页面只供本机
使用，没有向他人开放的选项。要与他人共享页面，请发送
PDF（gongwen build）或 gongwen preview 生成的图片。
按 Ctrl-C 停止。

选项：
`,
	"help sign": "用法：gongwen sign --key KEY.pem --cert CERT.pem [--chain CHAIN.pem] [--at N] [--seal SEAL.png] -o OUT.pdf FILE.pdf\n       gongwen sign --p12 FILE.p12 [--p12-password-file FILE] [--chain CHAIN.pem] [--at N] [--seal SEAL.png] -o OUT.pdf FILE.pdf\n       gongwen sign --key KEY.pem --cert CERT.pem [--at N] [--seal SEAL.png] [--seal-key K.pem --seal-cert C.pem] -o OUT.ofd FILE.ofd\n\n给 gongwen 生成的 PDF 加 ETSI EN 319 142-1 规定的 B-B 级电子签名\n（CMS、SHA-256、签名证书属性），以增量更新的方式附加在 PDF\n之后：生成的字节原样留在 OUT.pdf 的开头，\n文件仍符合 PDF/A-1b，gongwen verify 仍能把它们与重新生成的结果\n比较。签名域位于印章处，不在印章上另画任何东西；\n已签名的 PDF 再签名时，新签名落在下一枚印章上\n（联合行文时各发文机关依次签名）。文档没有画出印章时\n（以 seal = \"paper\" 生成，或不带印章生成：此时签名域位于\n印章压在署名和成文日期上时所在的位置），--seal SEAL.png\n（PNG 或 JPEG）作为签名的图案画在那里，大小与生成时的印章\n相同，保持原有比例；\n页面上已画有印章时，不接受 --seal。\n\nOFD 按 GB/T 33190 第 18 章加电子签章（GB/T 38540-2020 的\n`SES_Signature`，`SM2`、`SM3`）：Signatures.xml，以及 Signature.xml——\n其中有每个部件的 `SM3` 杂凑值，和页面绘制印章处的签章注释；\n印章图片是该处所画的图片，或 --seal 给出的图片。须用 `SM2` 密钥；\n印章为自签发（用同一密钥签名），除非用 --seal-key 和\n--seal-cert 给出制章人的 `SM2` 密钥和证书。\nOUT.ofd 含 FILE.ofd 原样未改的\n各部件、指向签名列表的 OFD.xml，以及签名文件。\n\n密钥：RSA（至少 2048 位）、ECDSA P-256 或国密 `SM2`，不加密的 PEM；证书必须\n与密钥对应；--chain 附上签发它的证书。也可用 --p12：含密钥及其证书的\nPKCS #12 文件，其密码是 --p12-password-file 所给文件的第一行，\n未给出时取环境变量 `GONGWEN_P12_PASSWORD`（绝不放在命令行上，\n因为其他用户可能看到）。\n写入的签名时间为当前时间，\n设置了 SOURCE_DATE_EPOCH 时用它。\nFILE.pdf 永不改动；OUT.pdf 先写入临时文件，完成后再改名到位，\n且不会替换任何输入文件。\n\n退出状态：0 已签名，1 输入有问题，2 用法错误。\n\n选项：\n",
	"help verify": `用法：gongwen verify [--project DIR] [--fonts DIR] FILE.pdf|FILE.ofd|FILE.docx...

读取 gongwen 生成的每个 PDF 或 OFD 中的归档记录（工具版本，
以及每个输入的 SHA-256：数据、模板、表格、图片、字体、
fonts.toml 和格式的设置，按相对于项目的路径），
用记录的日期从当前文件重新生成文档，并说明
结果的字节是否相同。不同时，指出每个
内容有变化的输入、每个缺失的输入和每个新增的输入，并说明
PDF 在生成之后是否被改动过（其字节已不符合 gongwen
据以生成文件尾标识的字节）。

项目是当前文件夹，或 --project 指定的文件夹；决不是
记录所指的文件夹。本命令只读取项目内的文件、--fonts
文件夹、生成时读取的 fonts.toml 及其中指定的字体：
记录中的路径若在项目之外（绝对路径、用 .. 跳出，
或经符号链接指向外面），在打开任何文件之前即被拒绝，
视为伪造或损坏的记录。除非给出 --fonts，使用记录的
fonts.toml。当重新生成无法使用 PDF 记录的内容时（项目
之外的字体找不到：请给出同样的 --fonts），会说明无法
重新生成，不作比较。

已签名的 PDF（gongwen sign）：先列出每个签名的签名人、时间和算法，
以及它覆盖的字节是否完好；然后把签名之前、
生成时的 PDF 与重新生成的结果比较。

退出状态：0 每个 PDF 都与重新生成的结果相同，1 有不同、
无法核验或签名已损坏，2 用法错误。

选项：
`,
}

// zhWarningsHelp is what build and check say of warnings (warningsHelp).
const zhWarningsHelp = `警告（FILE:LINE:COL: 警告：说明，输出到错误输出）指出
校对人员会质疑之处：中文字符之间的半角标点、
不配对的 （）《》“”〔〕、用 [] 或
【】写的发文字号、带前导零的日期、以标点结尾的附件说明名称、
不以 15 种文种之一结尾的标题、在
模板中手写而数据能算出的数、在词语中间换行的标题、
位置不对的手工标题序号（（一）之后是（三））、
没有在段末结束却紧接着另一行的正文行。
除非给出 --strict，警告从不阻止生成；
文档有问题时，警告列在问题之后。
`
