package i18n

// zhOfdsign are the messages of the OFD electronic seal: gongwen sign of an
// OFD and gongwen verify of a signed OFD (internal/sign/ofd*.go, ses.go).
var zhOfdsign = map[string]string{
	"an OFD seal maker's SM2 key, `K.pem`, which signs the seal (default: the signer's own key)":      "OFD 制章人的国密签名密钥 `K.pem`，用于给印章签名（默认：签章人自己的密钥）",
	"the seal maker's certificate, `C.pem` (with --seal-key)":                                         "制章人的证书 `C.pem`（与 --seal-key 一起给出）",
	"gongwen sign: give the seal maker's key (--seal-key) and its certificate (--seal-cert) together": "gongwen sign：请同时给出制章人的密钥（--seal-key）和证书（--seal-cert）",
	"seal made by %s": "印章由%s制作",
	"a seal maker's key signs an OFD's electronic seal; a PDF has none":                 "制章人密钥用于给 OFD 的电子签章签名；PDF 没有电子印章",
	"the seal maker's key must be an SM2 key, with its certificate":                     "制章人密钥须是 SM2 密钥，并附其证书",
	"it holds %s, which no signature list names: only OFDs gongwen built can be signed": "它含有签名列表未列出的 %s：只能给 gongwen 生成的 OFD 签名",
	"the signed PDF or OFD to write, `OUT.pdf`":                                         "要写入的已签名 PDF 或 OFD `OUT.pdf`",
	"gongwen sign: give one PDF or OFD, not %d files\n":                                 "gongwen sign：请给出一个 PDF 或 OFD，而不是 %d 个文件\n",
	"%s: its signatures cannot be read: %v\n":                                           "%s：无法读取其签名：%v\n",
	"OFD.xml has no DocBody with a DocRoot":                                             "OFD.xml 没有含 DocRoot 的 DocBody",
	"its document %s is missing":                                                        "缺少其文档 %s",
	"its resource file %s is missing":                                                   "缺少其资源文件 %s",
	"%s has no Pages":                                                                   "%s 没有 Pages",
	"%s: page %d has no ID":                                                             "%s：第 %d 页没有 ID",
	"its page %s is missing":                                                            "缺少其页面 %s",
	"the seal picture is neither PNG nor JPEG":                                          "印章图片既不是 PNG 也不是 JPEG",
	"an OFD's electronic seal (GB/T 38540) is signed with an SM2 key; RSA and ECDSA keys sign PDFs only": "OFD 的电子签章（GB/T 38540）须用 SM2 密钥签名；RSA 和 ECDSA 密钥只能给 PDF 签名",
	"it draws no seal, so there is no place for the electronic seal: build it with a seal picture":       "它没有画印章，因此没有放电子签章的位置：请用印章图片生成它",
	"the picture of seal %d is missing from the package":                                                 "包中缺少第 %d 枚印章的图片",
	"seal %d has no Boundary":      "第 %d 枚印章没有 Boundary",
	"%s is in the package already": "包中已有 %s",
	"its OFD.xml names signatures that cannot be read: only OFDs gongwen built can be signed": "其 OFD.xml 指向无法读取的签名：只能给 gongwen 生成的 OFD 签名",
	"its OFD.xml has not one DocBody: only OFDs gongwen built can be signed":                  "其 OFD.xml 不是只有一个 DocBody：只能给 gongwen 生成的 OFD 签名",
	"%s is in the package twice":                                            "%s 在包中出现了两次",
	"%s changed: its SM3 digest is not the one signed":                      "%s 已改动：其 SM3 杂凑值不是签名时的值",
	"the package has parts it does not sign, added after it was signed: %s": "包中有签名未覆盖、在签名之后加入的部件：%s",
	"the package has nothing but signatures":                                "包中除签名外没有任何内容",
	"OFD.xml names %s as its signatures, which is missing":                  "OFD.xml 指明的签名列表 %s 不存在",
	"%s is missing": "缺少 %s",
	"%s has no SignedInfo with References, or no SignedValue":                            "%s 没有含 References 的 SignedInfo，或没有 SignedValue",
	"its References' CheckMethod is %q; this gongwen checks SM3 (%s)":                    "其 References 的 CheckMethod 是 %q；本 gongwen 只检查 SM3（%s）",
	"%s, which it signed, is missing":                                                    "缺少它所签名的 %s",
	"signing the seal: %v":                                                               "给印章签名：%v",
	"its %s is not a DER SEQUENCE":                                                       "其 %s 不是 DER SEQUENCE",
	"its %s cannot be read: %v":                                                          "无法读取其 %s：%v",
	"its SES_Signature has not the four parts of version 4 (GB/T 38540-2020)":            "其 SES_Signature 没有第 4 版（GB/T 38540-2020）的四个部分",
	"its TBS_Sign has fewer than five parts":                                             "其 TBS_Sign 少于五个部分",
	"its SES_Signature is of version %d; this gongwen reads version 4 (GB/T 38540-2020)": "其 SES_Signature 是第 %d 版；本 gongwen 读取第 4 版（GB/T 38540-2020）",
	"its signer's certificate cannot be read: %v":                                        "无法读取其签章人证书：%v",
	"its SESeal has not the four parts of version 4":                                     "其 SESeal 没有第 4 版的四个部分",
	"its SES_SealInfo has fewer than four parts":                                         "其 SES_SealInfo 少于四个部分",
	"its seal's property or picture is incomplete":                                       "其印章属性或图片不完整",
	"its seal maker's certificate cannot be read: %v":                                    "无法读取其制章人证书：%v",
	"its signature algorithm is %v, not SM2 with SM3 (%v)":                               "其签名算法是 %v，不是 SM2、SM3（%v）",
	"Signature.xml changed: its SM3 digest is not the one signed":                        "Signature.xml 已改动：其 SM3 杂凑值不是签名时的值",
	"its signer's certificate holds no SM2 key":                                          "其签章人证书中没有 SM2 密钥",
	"the SM2 signature value is not the certificate's key's over what it signs":          "SM2 签名值不是证书密钥对所签内容的签名",
	"its seal is not signed with SM2 and SM3":                                            "其印章不是用 SM2、SM3 签名的",
	"its seal's SM2 signature value is not the seal maker's":                             "其印章的 SM2 签名值不是制章人的",
	"the seal does not list the signer's certificate":                                    "印章未列出签章人的证书",
}

// zhOfdsignParts are what OFD signing puts into its messages' verbs.
var zhOfdsignParts = map[string]string{
	"the seal maker's key":         "制章人密钥",
	"the seal maker's certificate": "制章人证书",
	"the OFD to sign":              "要签名的 OFD",
	"the seal picture":             "印章图片",
}

func init() {
	addCatalogue(zhOfdsign)
	for k, v := range zhOfdsignParts {
		zhParts[k] = v
	}
}
