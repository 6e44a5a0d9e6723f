package i18n

// zhGuard are the messages of verify's project folder, serve's host and
// address checks, the batch's and preview's guards against overwriting or
// deleting what is not theirs (issue 25), in Chinese.
var zhGuard = map[string]string{
	"no page %d of %d": "没有第 %d 页（共 %d 页）",
	"changed after it was built: the PDF's bytes are no longer those its trailer ID was made from (edited, annotated or saved again by another program)":                                                          "生成之后被改动过：PDF 的字节已不是其文件尾 ID 据以生成的字节（被其他程序编辑、批注或另存过）",
	"the recorded inputs are unchanged and the PDF is as it was written, yet the bytes differ: another build of %s made it (another Go release or module versions), or a source changed while it was being built": "记录的输入都没有变化，PDF 也保持写出时的原样，但字节不同：它由 %s 的另一个构建生成（Go 版本或模块版本不同），或者生成期间有来源文件被改动",
	"the recorded inputs are unchanged, yet the bytes differ: the file was changed after it was built, another build of %s made it, or a source changed while it was being built":                                 "记录的输入都没有变化，但字节不同：文件在生成之后被改动过，或由 %s 的另一个构建生成，或者生成期间有来源文件被改动",
	"is a symbolic link to %s, which is not there (a share not mounted?): its fonts are not replaced by others; mount it, or remove the link":                                                                     "是指向 %s 的符号链接，但那里没有文件（共享文件夹未挂载？）：不用其他字体代替它指定的字体；请挂载它，或删除该链接",
	"is not a page gongwen preview drew of %s (it lacks the mark gongwen preview writes into its images); it is kept: move it away, or give another folder with -o DIR":                                           "不是 gongwen preview 为 %s 画的页面（它没有 gongwen preview 写入图片的标记）；予以保留：请把它移走，或用 -o DIR 指定另一个文件夹",
	"is %s of %s, another document of this batch; no output may replace an input of the batch: choose another output name":                                                                                        "是本批中另一文档 %[2]s 的%[1]s；输出决不替换本批任何输入：请换一个输出名称",
	"--addr %s: give HOST:PORT, such as 127.0.0.1:8080 (a port from 0 to 65535)":                                                                                                                                  "--addr %s：请给出“主机:端口”，如 127.0.0.1:8080（端口为 0 到 65535）",
	"--addr %s: the system bound it to %s, which is not a loopback address; nothing is served (give 127.0.0.1:PORT)":                                                                                              "--addr %s：系统把它绑定到 %s，这不是本机回环地址；不提供任何内容（请给出 127.0.0.1:端口）",
	"gongwen serve answers only http://127.0.0.1:%s/, http://[::1]:%[1]s/ or http://localhost:%[1]s/":                                                                                                             "gongwen serve 只回应 http://127.0.0.1:%s/、http://[::1]:%[1]s/ 或 http://localhost:%[1]s/",
	"not a loopback HOST:PORT":        "不是本机回环的“主机:端口”",
	"bound to a non-loopback address": "绑定到了非回环地址",
	"the project folder `DIR` the recorded paths are relative to; nothing outside it is read": "项目文件夹 `DIR`，记录中的路径相对于它；不读取它之外的任何文件",
	"gongwen verify: --project %s: not a folder\n":                                            "gongwen verify：--project %s：不是文件夹\n",
	"more than %d symbolic links":                                                             "超过 %d 个符号链接",
	"its record names %q as the data file, which is not a .toml file: the record is forged or damaged, and nothing it names is read": "其记录把 %q 作为数据文件，但它不是 .toml 文件：记录是伪造的或已损坏，不读取其中指定的任何文件",
	"the project folder %s: %v": "项目文件夹 %s：%v",
	"none of its recorded inputs (the data file %s, …) is in the project folder %s: run verify in the project's folder, or name it with --project DIR": "所记录的输入（数据文件 %s 等）都不在项目文件夹 %s 中：请在项目文件夹中运行 verify，或用 --project DIR 指定项目文件夹",
	"its record names %s, whose symbolic links cannot be followed (%v): nothing is read or rebuilt":                                                    "其记录指定了 %s，其中的符号链接无法跟随（%v）：不读取任何文件，也不重新生成",
}

func init() {
	addCatalogue(zhGuard)
}
