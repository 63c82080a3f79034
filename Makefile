# LMMS — quick start on a fresh Debian 12 machine (as root, or with sudo):
#   make demo   install what is missing, build, run the whole pipeline on the bundled example
#   make test   install what is missing, build, run every test
#   make build  release binary at build/lmms

SHELL := /bin/bash
MAKEFLAGS += --no-print-directory
BUILD_DEPS := cmake g++ make pkg-config libfmt-dev libcli11-dev nlohmann-json3-dev \
              libtomlplusplus-dev libexpected-dev libsqlite3-dev libgtest-dev python3
EXAMPLE_DEPS := python3-boto3 python3-requests python3-pandas python3-websocket python3-yaml \
                python3-sqlalchemy python3-pydantic python3-matplotlib python3-jinja2 python3-openpyxl
BENCH_DEPS := hyperfine python3-pyflakes
# The e2e case init_ci_test runs the test `lmms init` writes under pytest too.
TEST_DEPS := python3-pytest
JOBS ?= $(shell nproc)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all build demo test deps bench-deps unit-asan fuzz oracle fix-property format format-check tidy clean
FUZZ_SECONDS ?= 60

all: build

# Installs only what is missing, so it is quick on a machine already set up.
define install_missing
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

deps:
	$(call install_missing,$(BUILD_DEPS) $(EXAMPLE_DEPS) $(TEST_DEPS))

bench-deps: deps
	$(call install_missing,$(BENCH_DEPS))

build/CMakeCache.txt:
	cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null

build: deps build/CMakeCache.txt
	cmake --build build -j $(JOBS)

# On a copy of the example (build/demo): the pipeline, then the plan applied and verified.
demo: build
	rm -rf build/demo && cp -r examples/lambda_app build/demo
	build/lmms run --project build/demo
	build/lmms fix --verify --allow-dirty --project build/demo

test: build unit-asan
	cd build && ctest --output-on-failure -j $(JOBS)

# The unit tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
unit-asan: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DLMMS_SANITIZE=ON >/dev/null
	cmake --build build-asan -j $(JOBS) --target lmms_unit_tests
	build-asan/lmms_unit_tests --gtest_brief=1

# The scanner's libFuzzer target under ASan/UBSan, for FUZZ_SECONDS (default 60).
fuzz: deps
	$(call install_missing,clang libclang-rt-14-dev)
	CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLMMS_FUZZ=ON -DLMMS_TESTS=OFF >/dev/null
	cmake --build build-fuzz -j $(JOBS) --target scanner_fuzzer
	mkdir -p build-fuzz/corpus
	build-fuzz/scanner_fuzzer -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
	  build-fuzz/corpus fuzz/seeds examples/lambda_app/app

# The scanner against CPython's ast and symtable over the system's Python files.
oracle: build
	/usr/bin/python3 tests/oracle/oracle.py --lmms build/lmms

# lmms fix's function style over the oracle's whole corpus (ctest checks a 400-file sample).
fix-property: build
	/usr/bin/python3 tests/oracle/fix_property.py --driver build/lmms_fix_driver

bench: bench-deps build
	/usr/bin/python3 bench/profile_overhead.py --lmms build/lmms
	/usr/bin/python3 bench/profile_accuracy.py --lmms build/lmms
	/usr/bin/python3 bench/scan_throughput.py --lmms build/lmms
	/usr/bin/python3 bench/usage_overhead.py --lmms build/lmms
	/usr/bin/python3 bench/plan_accuracy.py --lmms build/lmms
	/usr/bin/python3 bench/compare_reliability.py --lmms build/lmms
	/usr/bin/python3 bench/fix_verify.py --lmms build/lmms
	/usr/bin/python3 bench/fix_time.py --lmms build/lmms
	/usr/bin/python3 bench/examples_cut.py

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp')

format-check:
	clang-format --dry-run --Werror $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp')

tidy: build
	clang-tidy -p build --quiet $$(git ls-files 'src/*.cpp')

clean:
	rm -rf build build-asan build-fuzz
