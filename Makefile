# mtkfw — the front door for people. CMake does the work underneath (build/).
#
#   make            build build/mtkfw (and build/mtkfw-sim)
#   make check      install missing Debian packages, build with warnings as errors, run all tests
#   make demo       install missing packages, build, and show the main job on a sample package
#   make check-asan the whole test suite again under AddressSanitizer + UBSan (build-asan/)
#   make fuzz-smoke build the libFuzzer targets with clang and run each for FUZZ_SECONDS
#   make fuzz-long  the long campaign (not in CI): every target for FUZZ_TIME seconds or
#                   FUZZ_RUNS executions, corpus kept in FUZZ_CORPUS (scripts/fuzz-long)
#   make bench      benchmarks against the anchor tools (prints ratios)
#   make check-faults  the fault campaign on the virtual phone: FAULTS seeded link faults and
#                   INTERRUPTS signals across flash, backup, restore, format (1-2 hours; docs/faults.md)
#   make install    install the program, library, headers, pkg-config file, man pages and the
#                   udev rule (also into UDEVDIR, /etc/udev/rules.d, when PREFIX is not /usr)

BUILD ?= build
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 10
FAULTS ?= 1000
INTERRUPTS ?= 100
SEED ?= 6572
UDEVDIR ?= /etc/udev/rules.d
CMAKE_FLAGS ?=
# Ninja when present (setup-deps installs it), else Makefiles; decided when the recipe runs.
GEN = $$(command -v ninja >/dev/null 2>&1 && echo "-G Ninja")

.PHONY: all deps deps-tools configure check check-asan check-faults fuzz-build fuzz-smoke fuzz-long demo bench install clean

all:
	@./scripts/setup-deps
	@$(MAKE) --no-print-directory configure
	cmake --build $(BUILD) -j $(JOBS)

deps:
	@./scripts/setup-deps

deps-tools:
	@./scripts/setup-deps --with-tools

configure:
	@[ -f $(BUILD)/CMakeCache.txt ] || cmake -S . -B $(BUILD) $(GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMTKFW_WERROR=ON $(CMAKE_FLAGS)

check:
	@./scripts/setup-deps --with-tools
	@$(MAKE) --no-print-directory configure
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

check-asan:
	@./scripts/setup-deps --with-tools
	@[ -f build-asan/CMakeCache.txt ] || CC=clang cmake -S . -B build-asan $(GEN) \
		-DCMAKE_BUILD_TYPE=Debug -DMTKFW_WERROR=ON -DMTKFW_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		ctest --output-on-failure -j $(JOBS)

check-faults: all
	python3 tests/faults/campaign.py --build $(BUILD) --faults $(FAULTS) --interrupts $(INTERRUPTS) --seed $(SEED)

fuzz-build:
	@./scripts/setup-deps --with-tools
	@[ -f build-fuzz/CMakeCache.txt ] || CC=clang cmake -S . -B build-fuzz $(GEN) \
		-DCMAKE_BUILD_TYPE=RelWithDebInfo -DMTKFW_SANITIZE=ON -DMTKFW_FUZZ=ON -DMTKFW_TESTS=ON
	cmake --build build-fuzz -j $(JOBS)

fuzz-smoke: fuzz-build
	./scripts/fuzz-smoke build-fuzz/fuzz $(FUZZ_SECONDS)

# FUZZ_TIME / FUZZ_RUNS / FUZZ_CORPUS / FUZZ_TARGETS / FUZZ_MERGE pass through the environment.
fuzz-long: fuzz-build
	./scripts/fuzz-long build-fuzz/fuzz

demo:
	@./scripts/setup-deps --with-tools
	@$(MAKE) --no-print-directory all
	./scripts/demo $(BUILD)

bench: all
	./bench/run $(BUILD)

install: all
	cmake --install $(BUILD) --prefix $(PREFIX)
	@./scripts/install-udev $(PREFIX) $(UDEVDIR)

clean:
	rm -rf $(BUILD) build-asan build-fuzz
