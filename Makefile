# Entry points for people and CI. The build itself is Meson + ninja; this file only
# strings the steps together.
#
#   make          build build/ (configured on first use)
#   make deps     install the Debian packages that are missing (scripts/install-deps.sh)
#   make test     deps, build, sanitizer build, every test on both; last line "N passed, N failed"
#   make demo     build, create demo.db and print a report from it
#   make clean    remove the build directories
#   make format   clang-format the C sources in place

BUILD := build
ASAN_BUILD := build-asan
S40 := ./$(BUILD)/src/cli/s40
C_DIRS := lib src tests/unit tools fuzz

# Steps run in the order written (deps before the build); ninja builds in parallel itself.
.NOTPARALLEL:
.PHONY: all deps test asan demo clean format

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

$(BUILD)/build.ninja:
	meson setup $(BUILD) --werror -Dbuildtype=debugoptimized

deps:
	scripts/install-deps.sh

asan: $(ASAN_BUILD)/build.ninja
	ninja -C $(ASAN_BUILD)

$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false --werror \
		-Dbuildtype=debug

test: deps all asan
	tests/run.sh $(BUILD) $(ASAN_BUILD)

demo: deps all
	rm -f demo.db demo.db-wal demo.db-shm
	$(S40) demo --db demo.db
	$(S40) report asof --db demo.db --date 2019-10-31 --area 75

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)

format:
	find $(C_DIRS) -name '*.[ch]' -type f -print0 2>/dev/null | xargs -0 -r clang-format -i
