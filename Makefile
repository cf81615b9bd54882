# Thin wrapper around the CMake presets. `make` is the one prerequisite:
# every other package is installed here, only when missing.
#
#   make run [ARGS="resolve localhost"]   build (dev) and start the window or a command
#   make test                             build (dev) and run every test, headless
#   make asan                             build (asan) and run every test under ASan and UBSan
#   make bench                            build (release) and run the benchmarks
#   make screenshot                       the README's screenshots, under Xvfb
#   make package                          a .deb (release build, CPack)

SHELL := /bin/bash
JOBS  ?= $(shell nproc)
ARGS  ?=

# What each goal needs, as Debian 12 packages. netbase brings /etc/services
# and /etc/protocols, which service and protocol names are looked up in (a
# minimal Debian lacks them). tshark's one debconf question (should
# non-superusers be able to capture packets?) takes its default, no, under
# ensure_packages' DEBIAN_FRONTEND=noninteractive: the tests capture as root.
BUILD_PKGS      := g++ cmake ninja-build pkg-config qt6-base-dev qt6-tools-dev qt6-l10n-tools \
                   qt6-translations-l10n libqt6svg6 qt6-qpa-plugins nlohmann-json3-dev netbase
TEST_PKGS       := $(BUILD_PKGS) socat iproute2 nftables dnsmasq-base python3-dnslib tshark
BENCH_PKGS      := $(TEST_PKGS) hyperfine xvfb libxcb1-dev libio-fdpass-perl
SCREENSHOT_PKGS := $(BUILD_PKGS) xvfb xauth imagemagick xdotool fonts-dejavu-core
PACKAGE_PKGS    := $(BUILD_PKGS) dpkg-dev file
# The sanitizer and fuzzer runtimes are only Recommends of clang.
FUZZ_PKGS       := cmake ninja-build nlohmann-json3-dev clang-14 libclang-rt-14-dev libfuzzer-14-dev
FUZZ_SECONDS    ?= 60

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Goals run one at a time: two apt-get runs must never race for dpkg's lock,
# and ninja already builds in parallel.
.NOTPARALLEL:

# Installs the packages in $(1) that are not installed yet; nothing (not
# even apt-get update) when all are there.
define ensure_packages
	@missing=$$(for p in $(1); do \
	    dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | grep -q '^install ok installed$$' || echo "$$p"; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

.PHONY: all deps test-deps run test asan bench screenshot package fuzz clean

all: build-dev

deps:
	$(call ensure_packages,$(BUILD_PKGS))

test-deps:
	$(call ensure_packages,$(TEST_PKGS))

build/%/build.ninja:
	cmake --preset $*

.PHONY: build-dev build-release build-asan
build-dev build-release build-asan: build-%: build/%/build.ninja
	cmake --build --preset $* -j $(JOBS)

build/dev/build.ninja build/release/build.ninja build/asan/build.ninja: | deps

run: deps build-dev
	./build/dev/app/sockscope $(ARGS)

test: test-deps build-dev
	ctest --preset dev

asan: test-deps build-asan
	ctest --preset asan

bench: deps
	$(call ensure_packages,$(BENCH_PKGS))
	$(MAKE) build-release
	./tests/bench/run-benchmarks build/release

screenshot: deps
	$(call ensure_packages,$(SCREENSHOT_PKGS))
	$(MAKE) build-dev
	./tests/tools/screenshot.sh build/dev/app/sockscope resources/screenshot.png
	./tests/tools/screenshot.sh build/dev/app/sockscope resources/screenshot-800x600-de.png 800x600 de_DE.UTF-8
	./tests/tools/screenshot.sh build/dev/app/sockscope resources/screenshot-connect.png 1100x720 C.UTF-8 connect
	./tests/tools/screenshot.sh build/dev/app/sockscope resources/screenshot-serve-800x600-de.png 800x600 de_DE.UTF-8 serve

package: deps
	$(call ensure_packages,$(PACKAGE_PKGS))
	$(MAKE) build-release
	cd build/release && cpack -G DEB

# Runs each fuzz target for FUZZ_SECONDS on its seed corpus (copied, so the
# repository's seeds stay as they are).
fuzz:
	$(call ensure_packages,$(FUZZ_PKGS))
	[ -f build/fuzz/build.ninja ] || cmake --preset fuzz
	cmake --build --preset fuzz -j $(JOBS)
	set -o pipefail; for target in endpoint json_lines; do \
	    echo "== fuzz_$$target"; \
	    rm -rf build/fuzz/corpus-$$target && mkdir -p build/fuzz/corpus-$$target && \
	    cp tests/fuzz/corpus/$$target/* build/fuzz/corpus-$$target/ && \
	    ./build/fuzz/tests/fuzz/fuzz_$$target -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	        build/fuzz/corpus-$$target 2>&1 | grep -E '^(#[0-9]+ +DONE|Done|stat::number_of_executed_units|==.*ERROR|SUMMARY)'; \
	done

clean:
	rm -rf build
