module gongwen

go 1.26.8

require (
	codeberg.org/go-pdf/fpdf v0.12.0
	github.com/BurntSushi/toml v1.6.0
	github.com/chromedp/chromedp v0.23.0
	github.com/go-ego/gse v0.80.3
	github.com/golang/freetype v0.0.0-20170609003504-e2365dfdc4a0
	github.com/shopspring/decimal v1.6.0
	golang.org/x/image v0.44.0
	golang.org/x/sys v0.50.0
)

require golang.org/x/text v0.43.0

require (
	github.com/klauspost/compress v1.20.4
	github.com/tjfoc/gmsm v1.4.1
	github.com/xuri/excelize/v2 v2.11.1
	software.sslmate.com/src/go-pkcs12 v0.7.4
)

require (
	github.com/richardlehane/mscfb v1.0.9 // indirect
	github.com/richardlehane/msoleps v1.0.6 // indirect
	github.com/tiendc/go-deepcopy v1.7.2 // indirect
	github.com/xuri/efp v0.0.3-0.20260924042702-217b81952dec // indirect
	github.com/xuri/nfp v0.0.2-0.20250530014748-2ddeb826f9a9 // indirect
	golang.org/x/crypto v0.58.0 // indirect
	golang.org/x/net v0.62.0 // indirect
)

require (
	github.com/chromedp/cdproto v0.159.0 // indirect
	github.com/fsnotify/fsnotify v1.10.1
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	github.com/vcaesar/cedar v0.20.2 // indirect
)
