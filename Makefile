# isvgraph — the two commands of the README's Quick start are `make demo` and `make test`.
# Every target that builds first runs scripts/bootstrap.sh (installs missing Debian packages).

DEMO_DB ?= build/demo-db
LISTEN ?= 127.0.0.1:8080
# Our C++ sources, for clang-format (build/ and node_modules/ excluded).
SOURCES = $(shell find base riskdata graph api cli tests bench -name '*.h' -o -name '*.cc' 2>/dev/null)

.PHONY: all bootstrap build release test demo bench format format-check clean help

all: build

help:
	@echo "make demo          build (release) and serve on $(LISTEN)"
	@echo "make test          build the sanitised dev preset and run every test + format check"
	@echo "make build         dev build (Debug, ASan+UBSan) into build/dev"
	@echo "make release       release build (RelWithDebInfo) into build/release"
	@echo "make bench         run the benchmarks (release build)"
	@echo "make format        reformat the C++ sources with clang-format"
	@echo "make clean         remove build/"

bootstrap:
	@scripts/bootstrap.sh

build: bootstrap
	@test -f build/dev/build.ninja || cmake --preset dev
	cmake --build --preset dev

release: bootstrap
	@test -f build/release/build.ninja || cmake --preset release
	cmake --build --preset release

test: build format-check
	ctest --preset dev

demo: release
	build/release/cli/isvgraph serve --db $(DEMO_DB) --listen $(LISTEN)

bench: release
	build/release/bench/knowledge_base_bench --benchmark_min_time=0.5

format: bootstrap
	clang-format -i $(SOURCES)

format-check: bootstrap
	@clang-format --dry-run --Werror $(SOURCES) && echo "format-check: $(words $(SOURCES)) files clean"

clean:
	rm -rf build
