package i18n

// zhSign are the messages of gongwen sign and of the signatures gongwen
// verify reads (internal/sign, cmd/gongwen/sign.go, verify_sign.go).
var zhSign = map[string]string{
	"Usage: gongwen sign --key KEY.pem --cert CERT.pem [--chain CHAIN.pem] -o OUT.pdf FILE.pdf\n       gongwen sign --p12 FILE.p12 [--p12-password-file FILE] [--chain CHAIN.pem] -o OUT.pdf FILE.pdf\n\nSigns a PDF gongwen built with a PAdES baseline-B signature (ETSI EN\n319 142-1: CMS, SHA-256, the signing certificate), appended to the PDF as\nan incremental update: the built bytes stay as they are at the start of\nOUT.pdf, which stays PDF/A-1b, and gongwen verify still compares them with\na rebuild. The signature's field sits on the seal (on page 1 when the\ndocument has none) and draws nothing over it.\n\nKeys: RSA (2048 bits or more), ECDSA P-256 or SM2, unencrypted PEM; the\ncertificate must be the key's; --chain adds the certificates that issued\nit. Or --p12: a PKCS #12 file holding the key and its certificates, its\npassword the first line of --p12-password-file's FILE or, without it, the\nenvironment variable GONGWEN_P12_PASSWORD (never on the command line,\nwhere other users could see it).\nThe signing time written is now, or SOURCE_DATE_EPOCH when set.\nFILE.pdf is never changed; OUT.pdf is written to a temporary file and\nrenamed into place, and never replaces an input.\n\nExit status: 0 signed, 1 a problem with an input, 2 wrong usage.\n\nOptions:\n": "用法：gongwen sign --key KEY.pem --cert CERT.pem [--chain CHAIN.pem] -o OUT.pdf FILE.pdf\n       gongwen sign --p12 FILE.p12 [--p12-password-file FILE] [--chain CHAIN.pem] -o OUT.pdf FILE.pdf\n\n给 gongwen 生成的 PDF 加 ETSI EN 319 142-1 规定的 B-B 级电子签名\n（CMS、SHA-256、签名证书属性），以增量更新的方式附加在 PDF\n之后：生成的字节原样留在 OUT.pdf 的开头，\n文件仍符合 PDF/A-1b，gongwen verify 仍能把它们与重新生成的结果\n比较。签名域位于印章处（文档没有印章时在第 1 页），\n不在印章上另画任何东西。\n\n密钥：RSA（至少 2048 位）、ECDSA P-256 或国密 `SM2`，不加密的 PEM；证书必须\n与密钥对应；--chain 附上签发它的证书。也可用 --p12：含密钥及其证书的\nPKCS #12 文件，其密码是 --p12-password-file 所给文件的第一行，\n未给出时取环境变量 `GONGWEN_P12_PASSWORD`（绝不放在命令行上，\n因为其他用户可能看到）。\n写入的签名时间为当前时间，\n设置了 SOURCE_DATE_EPOCH 时用它。\nFILE.pdf 永不改动；OUT.pdf 先写入临时文件，完成后再改名到位，\n且不会替换任何输入文件。\n\n退出状态：0 已签名，1 输入有问题，2 用法错误。\n\n选项：\n",
	"the signer's private key, `KEY.pem`":                                                       "签名人的私钥 `KEY.pem`",
	"the signer's certificate, `CERT.pem`":                                                      "签名人的证书 `CERT.pem`",
	"the certificates that issued it, `CHAIN.pem` (optional)":                                   "签发它的证书 `CHAIN.pem`（可选）",
	"the signed PDF to write, `OUT.pdf`":                                                        "要写入的已签名 PDF `OUT.pdf`",
	"gongwen sign: give one PDF, not %d files\n":                                                "gongwen sign：请给出一个 PDF，而不是 %d 个文件\n",
	"gongwen sign: give the signed PDF's name with -o (the PDF given is never changed)":         "gongwen sign：请用 -o 给出已签名 PDF 的文件名（给出的 PDF 不会被改动）",
	"%s → %s (signed by %s)\n":                                                                  "%s → %s（签名人：%s）\n",
	"signature %d":                                                                              "签名 %d",
	"%s: %s: intact, the signed bytes are unchanged (the certificate's trust is not checked)\n": "%s：%s：完好，签名所覆盖的字节未被改动（未检查证书是否可信）\n",
	"%s: %s: BROKEN: %s\n":                                                                      "%s：%s：已损坏：%s\n",
	"%s: %d bytes at its end were added after the last signature, which does not cover them\n":  "%s：文件末尾有 %d 字节是在最后一个签名之后加上的，不在签名范围内\n",
	"%s: %d bytes were appended to the PDF after it was built, and no signature covers them\n":  "%s：PDF 生成之后又被附加了 %d 字节，没有任何签名覆盖它们\n",
	"signing: %v":                                                   "签名：%v",
	"not a CMS structure: %v":                                       "不是 CMS 结构：%v",
	"not a CMS SignedData (content type %v)":                        "不是 CMS SignedData（内容类型 %v）",
	"CMS SignedData: %v":                                            "CMS SignedData：%v",
	"CMS SignedData with %d signers, not one":                       "CMS SignedData 有 %d 个签名人，而不是一个",
	"CMS certificates: %v":                                          "CMS 证书：%v",
	"the signer is not named by issuer and serial number":           "签名人不是以签发者和序列号标识的",
	"the signer's certificate is not in the signature":              "签名中没有签名人的证书",
	"the signature has no signed attributes":                        "签名没有签名属性",
	"signed attributes: %v":                                         "签名属性：%v",
	"message-digest attribute: %v":                                  "消息摘要属性：%v",
	"the signature has no message-digest attribute":                 "签名没有消息摘要属性",
	"sign: encoding %T: %v":                                         "sign：编码 %T：%v",
	"a %T key cannot sign here: use an RSA, ECDSA P-256 or SM2 key": "%T 密钥不能在此签名：请使用 RSA、ECDSA P-256 或 SM2 密钥",
	"signing an OFD is not done yet: sign the PDF":                  "尚不能给 OFD 签名：请给 PDF 签名",
	"cannot sign: %v":                                               "无法签名：%v",
	"no private key in it (a PEM block BEGIN PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)":    "其中没有私钥（PEM 块 BEGIN PRIVATE KEY、RSA PRIVATE KEY 或 EC PRIVATE KEY）",
	"the private key is encrypted: decrypt it first (`openssl pkey -in KEY.pem -out PLAIN.pem`)": "私钥已加密：请先解密（`openssl pkey -in KEY.pem -out PLAIN.pem`）",
	"the private key cannot be read: %v":                                                  "无法读取私钥：%v",
	"the RSA key has %d bits; use one of at least 2048":                                   "RSA 密钥只有 %d 位；请使用至少 2048 位的密钥",
	"the ECDSA key is on %s; only P-256 keys sign here":                                   "ECDSA 密钥的曲线是 %s；此处只能用 P-256 密钥签名",
	"certificate %d cannot be read: %v":                                                   "无法读取第 %d 个证书：%v",
	"no certificate in it (a PEM block BEGIN CERTIFICATE)":                                "其中没有证书（PEM 块 BEGIN CERTIFICATE）",
	"the certificate (%s) is not the private key's: its public key differs":               "证书（%s）与私钥不对应：其公钥不同",
	"its cross-reference table is damaged near %q":                                        "其交叉引用表在 %q 附近已损坏",
	"object %d is not in its cross-reference table":                                       "对象 %d 不在交叉引用表中",
	"object %d is not where its cross-reference table says":                               "对象 %d 不在交叉引用表所指的位置",
	"object %d has no endobj":                                                             "对象 %d 没有 endobj",
	"object %d is not a plain dictionary":                                                 "对象 %d 不是普通字典",
	"it already has a form (/AcroForm): only PDFs gongwen built, unsigned, can be signed": "它已经有表单（/AcroForm）：只能给 gongwen 生成且未签名的 PDF 签名",
	"its catalog names no page tree":                                                      "其目录没有指明页面树",
	"its page tree has no /Kids":                                                          "其页面树没有 /Kids",
	"its page tree is not flat: only PDFs gongwen built can be signed":                    "其页面树不是单层的：只能给 gongwen 生成的 PDF 签名",
	"it has no pages":          "它没有页面",
	"page %d has no /MediaBox": "第 %d 页没有 /MediaBox",
	"its end (startxref and %%EOF) is not where a PDF has it: it is cut short or damaged":                                                       "其结尾（startxref 和 %%EOF）不在 PDF 应有的位置：文件不完整或已损坏",
	"it has no cross-reference table where startxref says (a cross-reference stream, or a damaged file): only PDFs gongwen built can be signed": "startxref 所指之处没有交叉引用表（是交叉引用流，或文件已损坏）：只能给 gongwen 生成的 PDF 签名",
	"it has no trailer": "它没有 trailer",
	"it was changed or signed after it was built (an incremental update): sign the PDF gongwen built, once": "它在生成之后被改动或签过名（增量更新）：请给 gongwen 生成的 PDF 签名，且只签一次",
	"its trailer has no /Size or /Root":                                                   "其 trailer 没有 /Size 或 /Root",
	"its trailer has no /ID, which PDF/A requires: only PDFs gongwen built can be signed": "其 trailer 没有 PDF/A 要求的 /ID：只能给 gongwen 生成的 PDF 签名",
	"the signature with its %d certificates takes %d bytes, more than the %d a PDF/A-1 string can hold in hexadecimal: give a shorter certificate chain (--chain)": "签名连同其 %d 个证书共 %d 字节，超过 PDF/A-1 字符串以十六进制所能容纳的 %d 字节：请给出较短的证书链（--chain）",
	"the signature took %d bytes, more than the %d kept for it":                                                                           "签名占 %d 字节，超过为它预留的 %d 字节",
	"no key or certificate to sign with":                                                                                                  "没有用于签名的密钥或证书",
	"page %d already has annotations: only PDFs gongwen built can be signed":                                                              "第 %d 页已经有注释：只能给 gongwen 生成的 PDF 签名",
	"its byte range [%d %d %d %d] does not fit the file's %d bytes":                                                                       "其字节范围 [%d %d %d %d] 与文件的 %d 字节不符",
	"RSA %d bits with SHA-256":                                                                                                            "RSA %d 位，SHA-256",
	"ECDSA %s with SHA-256":                                                                                                               "ECDSA %s，SHA-256",
	"its key (%T) is not one this gongwen checks":                                                                                         "其密钥（%T）不是本 gongwen 能检查的",
	"its byte range leaves out more than its /Contents":                                                                                   "其字节范围除 /Contents 外还漏掉了别的内容",
	"its /Contents is not hexadecimal":                                                                                                    "其 /Contents 不是十六进制",
	"its digest algorithm is not %v, the one this gongwen checks for its key":                                                             "其摘要算法不是 %v（本 gongwen 对这种密钥只检查它）",
	"the signed bytes changed: their digest is not the one signed":                                                                        "签名覆盖的字节已被改动：其摘要与签名时的不同",
	"the signature is not the certificate's key's (%v)":                                                                                   "签名不是由证书的密钥所作（%v）",
	"the signing certificate attribute names another certificate than the one included":                                                   "签名证书属性指向的证书与所附证书不同",
	"a PKCS #12 file, `FILE.p12`, holding the key and its certificates (instead of --key and --cert)":                                     "含密钥及其证书的 PKCS #12 文件 `FILE.p12`（代替 --key 和 --cert）",
	"a `FILE` whose first line is the PKCS #12 file's password (default: $GONGWEN_P12_PASSWORD)":                                          "第一行是 PKCS #12 文件密码的文件 `FILE`（默认取 `$GONGWEN_P12_PASSWORD`）",
	"gongwen sign: give either --p12 or --key and --cert, not both":                                                                       "gongwen sign：请给出 --p12，或者 --key 和 --cert，不要同时给出",
	"gongwen sign: give the private key (--key) and its certificate (--cert), or a PKCS #12 file (--p12)":                                 "gongwen sign：请给出私钥（--key）及其证书（--cert），或者 PKCS #12 文件（--p12）",
	"gongwen sign: give the PKCS #12 file's password in a file (--p12-password-file) or in the environment variable GONGWEN_P12_PASSWORD": "gongwen sign：请在文件中（--p12-password-file）或环境变量 `GONGWEN_P12_PASSWORD` 中给出 PKCS #12 文件的密码",
	"the password is not this PKCS #12 file's":                                                                                            "密码与这个 PKCS #12 文件不符",
	"not a PKCS #12 file with one key and its certificate: %v":                                                                            "不是含一个密钥及其证书的 PKCS #12 文件：%v",
	"SM2 verification failed":                                                                                                             "SM2 验证未通过",
	"is %s; the signed PDF may never replace an input: choose another output name":                                                        "是%s；已签名的 PDF 绝不替换输入文件：请换一个输出文件名",
}

// zhSignParts are what sign puts into its messages' verbs: the inputs it
// names (see zhParts).
var zhSignParts = map[string]string{
	"the PDF to sign":                   "要签名的 PDF",
	"the private key":                   "私钥",
	"the certificate":                   "证书",
	"the certificate chain":             "证书链",
	"the PKCS #12 file":                 "PKCS #12 文件",
	"the PKCS #12 file's password file": "PKCS #12 文件的密码文件",
	"SM2 with SM3":                      "SM2，SM3",
}

func init() {
	for k, v := range zhSign {
		zhCatalogue[k] = v
	}
	for k, v := range zhSignParts {
		zhParts[k] = v
	}
}
