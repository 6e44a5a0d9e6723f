package i18n

// zhOfdpaper are the messages of signing an OFD built with seal = "paper"
// or without a seal (internal/sign/ofd.go, cmd/gongwen/sign.go).
var zhOfdpaper = map[string]string{
	"a picture of the seal, `SEAL.png`, for a document that draws no seal (seal = \"paper\", or none): a PDF signature's appearance, an OFD electronic seal's picture, shown at the seal's place": "印章图案 `SEAL.png`，用于没有画出印章的文档（seal = \"paper\" 或不带印章）：PDF 中作为签名的外观，OFD 中作为电子签章的图片，显示在印章位置",
	"page %d draws no seal %d (seal = \"paper\", or none): give the electronic seal's picture (--seal SEAL.png), which the stamp annotation shows there":                                          "第 %d 页没有画出第 %d 枚印章（seal = \"paper\" 或不带印章）：请给出电子签章的印章图片（--seal SEAL.png），签章注释在该处显示它",
	"OFD.xml: the seal's place %q is not one of its %d pages and a Boundary":                                                                                                                      "OFD.xml：印章位置 %q 不是其 %d 页中的某一页加一个 Boundary",
}

func init() { addCatalogue(zhOfdpaper) }
