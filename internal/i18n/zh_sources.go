package i18n

// zhSources are the Chinese of the messages added with the Sources layer
// (issue 24 item 1): a renderer given an image the build could not read.
var zhSources = map[string]string{
	"%s: the image was not read": "%s：图片未能读入",
	"the image %s was not read":  "图片 %s 未能读入",
}

func init() { addCatalogue(zhSources) }
