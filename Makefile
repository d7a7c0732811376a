# framewatch — the README uses these targets.
GO      ?= go
BIN     := bin/framewatch
LIBCHDB_VERSION := 26.5.3
FUZZTIME ?= 50000x
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null)$(shell git diff --quiet HEAD 2>/dev/null || echo +dirty)
LDFLAGS := -X github.com/framewatch/framewatch/app.version=$(VERSION) -X github.com/framewatch/framewatch/app.commit=$(COMMIT)
# `make fuzz` counts executions rather than seconds: a time limit that expires
# while a worker is inside one slow input is reported by go test as a failure
# ("context deadline exceeded") although nothing crashed.

.PHONY: all build libchdb demo run crawl test vet fuzz bench clean

all: build

# The binary has no cgo: the embedded engine is loaded at run time.
build:
	CGO_ENABLED=0 $(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/framewatch

# Installs the pinned, checksum-verified libchdb.so into ~/.cache/framewatch.
libchdb:
	bash scripts/get-libchdb.sh $(LIBCHDB_VERSION)

# The whole job offline: a bundled sample news site, crawled, tagged and stored
# into a fresh embedded store, then a digest and an examples handout.
demo: libchdb build
	./$(BIN) demo

# The daemon on the example config (real UK sources; needs the network).
run: libchdb build
	./$(BIN) run --config framewatch.example.yaml

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }
	$(GO) vet ./...

test: vet
	CGO_ENABLED=1 $(GO) test -race -count=1 -timeout 15m ./...
	# The extraction floor on 181 real pages, without the race detector's cost.
	$(GO) test -count=1 -run '^TestScrapingHubFloor$$' ./pipeline/extract/
	# Retag's memory ceiling: the race detector's instrumentation moves the heap.
	$(GO) test -count=1 -run '^TestRetagMemoryCeiling$$' ./app/
	CGO_ENABLED=0 $(GO) build ./...

# Hunts for new failures: every fuzz target mutates for FUZZTIME. Not part of
# `make test`, whose result must not depend on what a random search happens to
# try; `go test` there replays every committed seed and every failure found
# before (testdata/fuzz/), so a bug the hunt finds stays found.

fuzz:
	@git grep -h -o '^func Fuzz[A-Za-z0-9_]*' -- '*_test.go' >/dev/null || exit 0; \
	for file in $$(git grep -l '^func Fuzz' -- '*_test.go'); do \
	  dir=./$$(dirname $$file); \
	  for f in $$(grep -o '^func Fuzz[A-Za-z0-9_]*' $$file | cut -d' ' -f2); do \
	    echo "fuzz $$dir $$f"; \
	    $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$dir || exit 1; \
	  done; \
	done

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin
