# isvgraph — the two commands of the README's Quick start are `make demo` and `make test`.
# Every target that builds first runs scripts/bootstrap.sh (installs missing Debian packages).

DEMO_DB ?= build/demo-db
LISTEN ?= 127.0.0.1:8080
# Our C++ sources, for clang-format (build/ and node_modules/ excluded).
SOURCES = $(shell find base i18n riskdata graph importers maps audits contracts api cli tests bench fuzz -name '*.h' -o -name '*.cc' 2>/dev/null)

.PHONY: all bootstrap build release fuzz-build fuzz web test demo bench format format-check clean help tsan package

all: build

help:
	@echo "make demo          build the isvgraph binary (release), load examples/demo into a fresh store, serve API and web UI on $(LISTEN)"
	@echo "make test          build the sanitised dev preset and run every test + format check"
	@echo "make build         dev build (Debug, ASan+UBSan) into build/dev"
	@echo "make release       release build (RelWithDebInfo) into build/release"
	@echo "make fuzz          every libFuzzer target for FUZZ_SECONDS (default $(FUZZ_SECONDS)) from the seeds in fuzz/corpus"
	@echo "make bench         knowledge-base and import benchmarks, then the chain workload at 100k sites vs the floor"
	@echo "make package       the Debian package of the release build, in build/release/package/"
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

# The libFuzzer targets (fuzz/), built with clang-14 into build/fuzz. make test runs each for a
# few seconds (ctest --preset fuzz); make fuzz for FUZZ_SECONDS each, one after the other.
FUZZ_SECONDS ?= 60
FUZZERS = fuzz_import_csv fuzz_import_xlsx fuzz_import_ods fuzz_import_cmrt fuzz_import_ocds \
          fuzz_import_geojson fuzz_request_body fuzz_request_query

fuzz-build: bootstrap
	@test -f build/fuzz/build.ninja || cmake --preset fuzz
	cmake --build --preset fuzz

fuzz: fuzz-build
	@for f in $(FUZZERS); do \
	  echo "== $$f: $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  GDAL_PAM_ENABLED=NO fuzz/run_fuzzer.sh build/fuzz/fuzz/$$f fuzz/corpus/$$f \
	    build/fuzz/fuzz/corpus/$$f build/fuzz/fuzz/findings/$$f $(FUZZ_SECONDS) 2>&1 \
	    | grep -aE '^(Done|stat::|==[0-9]+==|SUMMARY|replayed)|invariant|server error|malformed JSON' \
	    || true; \
	  test -z "$$(ls -A build/fuzz/fuzz/findings/$$f 2>/dev/null)" \
	    || { echo "$$f: findings in build/fuzz/fuzz/findings/$$f"; exit 1; }; \
	done

# The web UI needs no build step (plain ES modules); its browser tests need playwright-core,
# installed from web/package-lock.json.
web: bootstrap
	@test -d web/node_modules/playwright-core -a -d web/node_modules/axe-core || npm ci --prefix web --no-audit --no-fund

test: build fuzz-build web format-check
	ctest --preset dev
	ctest --preset fuzz

# Only the isvgraph binary: the demo needs no test or benchmark executable.
demo: bootstrap
	@test -f build/release/build.ninja || cmake --preset release
	cmake --build --preset release --target isvgraph
	build/release/cli/isvgraph demo --fresh --db $(DEMO_DB) --listen $(LISTEN)

# The Debian package (cmake/Packaging.cmake): the isvgraph binary of the release preset with the
# risk data, boundaries, web UI, demo files, service unit and proxy configuration.
package: bootstrap
	@test -f build/release/build.ninja || cmake --preset release
	cmake --build --preset release --target isvgraph
	cd build/release && cpack
	@ls build/release/package/*.deb

# The chain workload's generator, checker and expected results (docs/benchmark.md) live beside
# the project (shared/bench);
# point BENCH_TOOLS elsewhere if your copy is somewhere else.
BENCH_TOOLS ?= ../shared/bench
BENCH_DIR ?= build/bench
BENCH_SITES ?= 100000
BENCH_SEED ?= 1

bench: release
	build/release/bench/knowledge_base_bench --benchmark_min_time=0.5
	build/release/bench/import_bench
	@test -f $(BENCH_TOOLS)/gen_chains.py || { echo "make bench: $(BENCH_TOOLS)/gen_chains.py not found; set BENCH_TOOLS"; exit 1; }
	@mkdir -p $(BENCH_DIR)
	@test -f $(BENCH_DIR)/data-$(BENCH_SITES)-$(BENCH_SEED)/sites.csv || python3 $(BENCH_TOOLS)/gen_chains.py --sites $(BENCH_SITES) --seed $(BENCH_SEED) --out $(BENCH_DIR)/data-$(BENCH_SITES)-$(BENCH_SEED)
	rm -rf $(BENCH_DIR)/db $(BENCH_DIR)/out $(BENCH_DIR)/floor && mkdir -p $(BENCH_DIR)/floor
	build/release/cli/isvgraph bench --data $(BENCH_DIR)/data-$(BENCH_SITES)-$(BENCH_SEED) --db $(BENCH_DIR)/db --out $(BENCH_DIR)/out
	build/release/bench/floor_bfs $(BENCH_DIR)/data-$(BENCH_SITES)-$(BENCH_SEED) $(BENCH_DIR)/floor
	@expected=$(BENCH_TOOLS)/expected/sites$(BENCH_SITES)_seed$(BENCH_SEED); \
	for q in q1 q2 q3; do \
	  if [ -f $$expected/$$q.jsonl ]; then python3 $(BENCH_TOOLS)/check_results.py $$expected/$$q.jsonl $(BENCH_DIR)/out/$$q.jsonl || exit 1; \
	  else python3 $(BENCH_TOOLS)/check_results.py $(BENCH_DIR)/floor/$$q.jsonl $(BENCH_DIR)/out/$$q.jsonl || exit 1; fi; \
	done

format: bootstrap
	clang-format -i $(SOURCES)

format-check: bootstrap
	@clang-format --dry-run --Werror $(SOURCES) && echo "format-check: $(words $(SOURCES)) files clean"

clean:
	rm -rf build

# ThreadSanitizer over the concurrent parts (docs/development.md, "ThreadSanitizer"): the chain
# graph's snapshot swap, SiteNames, the token cache, the idle-connection sweep and the server.
TSAN_GRAPH_TESTS = ConcurrentQueries.*:RegistryNamesTest.*:SiteNames.*:ChainStore*:IncrementalIndex.*
TSAN_API_TESTS = Tokens.*:HttpLimitsTest.*:ServerTest.*:ReadTimeoutTest.*:BackupTest.*:RegistryTest.*

tsan: bootstrap
	@test -f build/tsan/build.ninja || cmake --preset tsan
	cmake --build --preset tsan
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/tests/tsan.supp" \
	  GDAL_PAM_ENABLED=NO build/tsan/tests/graph_test --gtest_filter='$(TSAN_GRAPH_TESTS)'
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/tests/tsan.supp" \
	  GDAL_PAM_ENABLED=NO build/tsan/tests/api_test --gtest_filter='$(TSAN_API_TESTS)'
