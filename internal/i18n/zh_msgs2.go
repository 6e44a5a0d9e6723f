package i18n

// zhMsgs2 are the messages typed in the last round of issue 24 that had
// no Chinese of their own.
var zhMsgs2 = map[string]string{
	"digest %s": "摘要 %s",
}

func init() { addCatalogue(zhMsgs2) }
