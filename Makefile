# gongwen — see README.md.
#   make        build bin/gongwen and every document under data/ into output/
#   make test   install the Debian tools the tests read and validate PDFs with, the OFD reader ofd.js and staticcheck (if missing), then run every test
GO      ?= go
BIN     := bin/gongwen
DOCS    := $(wildcard data/*.toml)
# The commit built from, for gongwen version where Go's own VCS stamping
# cannot see it (a git worktree); the same commit gives the same binary.
REVISION := $(shell git rev-parse HEAD 2>/dev/null)
# The version, read where the program keeps it (gongwen version prints it).
VERSION := $(shell sed -n 's/^const Version = "\(.*\)"$$/\1/p' internal/build/build.go)
# make dist: the binaries offices run, one per system, into $(DIST)/.
DIST    ?= dist
PLATFORMS := windows/amd64 linux/amd64 linux/arm64 linux/loong64 darwin/arm64
# Debian packages the tests need, as command:package, or /path/of/a/file:package
# for a package without a command (the jars of Apache PDFBox Preflight, which
# validates every built document as PDF/A-1b). Chromium is the headless
# browser the test of gongwen serve drives. LibreOffice Calc (soffice
# --convert-to xlsx) writes the workbooks the tests of tables from
# spreadsheets read, as a program nobody here wrote; LibreOffice Writer and
# pandoc write the .docx drafts the tests of gongwen import read. Liberation
# Serif is the Latin font of the tests of fonts.toml's latin key. Noto
# Serif CJK (fonts-noto-cjk) and FandolFang.otf (texlive-lang-chinese, a
# large package: it brings texlive-base) are the OpenType fonts with CFF
# outlines the font tests embed and draw. pypdf
# reads the PDFs' outline and metadata as a third reader, for Debian's
# /usr/bin/python3. strace counts the files a build opens, as the
# kernel sees them (each input once: package source). fontconfig's fc-scan
# reads the family and style of the fonts a DOCX embeds.
TOOLS   := pdftotext:poppler-utils pdftoppm:poppler-utils pdfinfo:poppler-utils mutool:mupdf-tools qpdf:qpdf \
           java:default-jre-headless /usr/share/java/preflight.jar:libpdfbox2-java \
           /usr/share/java/javax.activation.jar:libactivation-java /usr/share/java/jaxb-api.jar:libjaxb-api-java \
           chromium:chromium node:nodejs npm:npm qemu-aarch64:qemu-user qemu-loongarch64:qemu-user \
           /usr/lib/libreoffice/program/libscfiltlo.so:libreoffice-calc-nogui \
           /usr/lib/libreoffice/program/libswlo.so:libreoffice-writer-nogui pandoc:pandoc \
           pngcheck:pngcheck openssl:openssl strace:strace \
           /usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf:fonts-liberation \
           /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc:fonts-noto-cjk \
           /usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf:texlive-lang-chinese \
           /usr/lib/python3/dist-packages/pypdf:python3-pypdf fc-scan:fontconfig
# The independent OFD reader the OFD tests draw pages with: the npm package
# ofd.js, whose bundle is self-contained, unpacked (npm pack checks the
# registry's integrity hash) into .cache/, which git ignores. Installing it
# with its dependencies would fetch Vue and element-ui the bundle already holds.
OFDJS_VERSION := 0.2.6
OFDJS   := .cache/ofd.js-$(OFDJS_VERSION)/package/lib/ofd.umd.min.js
# staticcheck (honnef.co/go/tools), which make test runs after go vet: a Go
# program, installed with go install at this version (the first that reads
# Go 1.26) into .cache/, beside ofd.js.
STATICCHECK_VERSION := v0.8.2
STATICCHECK := .cache/staticcheck-$(STATICCHECK_VERSION)/staticcheck
# Each fuzz target runs a count of inputs, not a time: with a duration, Go
# 1.26's fuzz coordinator can report its own deadline as the target failing
# ("context deadline exceeded", no input written) when load delays a worker
# as time runs out (go.dev/issue/75804, fixed in Go 1.27). A count has no
# deadline: load only makes it slower. FuzzBuild builds a whole document
# per input that parses, hence its smaller count.
FUZZTIME ?= 5000x
FUZZTIME_BUILD ?= 300x

.PHONY: all docs test tools bench fuzz clean dist

all: docs

$(BIN): $(shell find cmd internal -name '*.go' -not -name '*_test.go') go.mod go.sum
	$(GO) build -trimpath -buildvcs=auto -ldflags "-X main.revision=$(REVISION)" -o $@ ./cmd/gongwen

docs: $(BIN)
	$(BIN) build -o output/ $(DOCS)

# Reproducible release binaries: no cgo, no paths of this machine
# (-trimpath), no VCS stamp that depends on the checkout (-buildvcs=false;
# the commit goes in through -X as for a worktree build), an empty build
# id, no symbol table. The same commit and Go release give the same bytes
# in any folder on any machine; SHA256SUMS lists them with the fonts'
# licence texts, which travel with the binaries that embed the fonts.
dist:
	@test -n "$(VERSION)" || { echo "dist: no version found in internal/build/build.go"; exit 1; }
	rm -rf $(DIST)
	mkdir -p $(DIST)/licences
	@set -e; for p in $(PLATFORMS); do \
	  os=$${p%/*}; arch=$${p#*/}; ext=""; [ $$os = windows ] && ext=.exe; \
	  out=$(DIST)/gongwen-$(VERSION)-$$os-$$arch$$ext; echo "  $$out"; \
	  CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -buildvcs=false \
	    -ldflags "-buildid= -s -w -X main.revision=$(REVISION)" -o $$out ./cmd/gongwen; \
	done
	cp fonts/LICENSES/* fonts/PROVENANCE.md $(DIST)/licences/
	cd $(DIST) && sha256sum gongwen-$(VERSION)-* licences/* > SHA256SUMS

# Installs what is missing, with apt-get (as root, or through sudo).
tools:
	@missing=""; \
	for t in $(TOOLS); do \
	  case $${t%%:*} in /*) test -e $${t%%:*} ;; *) command -v $${t%%:*} >/dev/null 2>&1 ;; esac || missing="$$missing $${t#*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  pkgs=$$(echo $$missing | tr ' ' '\n' | sort -u | tr '\n' ' '); \
	  echo "installing Debian packages: $$pkgs"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$pkgs >/dev/null || exit 1; \
	fi

$(OFDJS): | tools
	@mkdir -p .cache/ofd.js-$(OFDJS_VERSION)
	cd .cache && npm pack --silent ofd.js@$(OFDJS_VERSION) >/dev/null && \
	  tar -xzf ofd.js-$(OFDJS_VERSION).tgz -C ofd.js-$(OFDJS_VERSION) && rm ofd.js-$(OFDJS_VERSION).tgz
	@test -f $@

$(STATICCHECK):
	GOBIN=$(CURDIR)/$(dir $@) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

# The tests build from temporary copies of fonts, each a new file to the
# font-hash cache: their entries go to .cache/ (which git ignores), not to
# the user's cache (see README, Speed).
test: export GONGWEN_CACHE = $(CURDIR)/.cache/test-font-sha256
test: tools $(OFDJS) $(STATICCHECK)
	@unformatted=$$(gofmt -l cmd internal); if [ -n "$$unformatted" ]; then echo "not gofmt'd:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	$(STATICCHECK) ./...
	$(GO) test -count=1 -timeout 45m ./...
	@# The fuzz targets, each for a bounded time; a finding is written to the
	@# package's testdata/fuzz and fails the run (commit it as a regression test).
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./internal/doc
	$(GO) test -run '^$$' -fuzz '^FuzzSheet$$' -fuzztime $(FUZZTIME) ./internal/doc
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./internal/expand
	$(GO) test -run '^$$' -fuzz '^FuzzBreak$$' -fuzztime $(FUZZTIME) ./internal/layout
	$(GO) test -run '^$$' -fuzz '^FuzzBuild$$' -fuzztime $(FUZZTIME_BUILD) ./internal/build
	$(GO) test -run '^$$' -fuzz '^FuzzReadInfo$$' -fuzztime $(FUZZTIME) ./internal/render/ofd
	$(GO) test -run '^$$' -fuzz '^FuzzImport$$' -fuzztime $(FUZZTIME) ./internal/draft
	$(GO) test -run '^$$' -fuzz '^FuzzCFF$$' -fuzztime $(FUZZTIME) ./internal/fonts

bench: tools
	$(GO) test -run '^$$' -bench . -benchmem ./internal/build/ ./internal/layout/ ./internal/draft/
	@# serve: from saving the template to page 1 in the browser (median of 7 edits)
	$(GO) test -run '^$$' -bench EditToFirstPage -benchtime 1x -count 3 ./internal/serve/

clean:
	rm -rf bin output .cache dist
