module gongwen

go 1.26.8

require (
	codeberg.org/go-pdf/fpdf v0.12.0
	github.com/BurntSushi/toml v1.6.0
	github.com/golang/freetype v0.0.0-20170609003504-e2365dfdc4a0
	golang.org/x/image v0.40.0
	golang.org/x/sys v0.50.0
)

require github.com/shopspring/decimal v1.6.0 // indirect
