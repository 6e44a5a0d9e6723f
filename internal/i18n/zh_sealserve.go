package i18n

// zhSealserve: the messages of gongwen sign's seal picture (--seal).
var zhSealserve = map[string]string{
	"it records no place for a seal (a 命令 has its signature stamp instead), so the seal picture (--seal) has nowhere to go: sign without --seal":                                                    "它没有记录印章的位置（命令用签名章代替印章），印章图案（--seal）无处可放：请不带 --seal 签名",
	"page %d draws seal %d already, and the signature goes on it without a picture: the seal picture (--seal) is for a document built with seal = \"paper\" or without a seal; sign without --seal": "第 %d 页已画有第 %d 枚印章，签名落在它上面，不另画图案：印章图案（--seal）用于以 seal = \"paper\" 或不带印章生成的文档；请不带 --seal 签名",
	"the seal picture (--seal) %v": "印章图案（--seal）%v",
	"the seal picture: %v":         "印章图案：%v",
	"its seal is signed already":   "它的印章已签名",
}

func init() { addCatalogue(zhSealserve) }
