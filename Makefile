# Entry points for people and CI. The build itself is Meson + ninja; this file only
# strings the steps together.
#
#   make          build build/ (configured on first use)
#   make deps     install the Debian packages that are missing (scripts/install-deps.sh)
#   make test     deps (+ npm ci), build, sanitizer build, every test (unit, command, API,
#                 deployment, browser) and the fuzz targets briefly, and the unit, command
#                 and API tests again on the sanitizer build (tests/run.sh says which);
#                 last line "N passed, N failed"
#   make demo     build, create demo.db with demo users, and serve it on 127.0.0.1:8040
#   make clean    remove the build directories
#   make format   clang-format the C sources in place

BUILD := build
ASAN_BUILD := build-asan
S40 := ./$(BUILD)/src/cli/s40
C_DIRS := lib src tests/unit tests/api tools fuzz bench
# The demo volunteer's own person: the demo's busiest recruiter in Amphawa (7503).
DEMO_VOLUNTEER := 3750394998403

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

# -O1 with frame pointers, as the sanitizers' manual advises: about 1.2 times faster
# than -O0, with whole stack traces.
$(ASAN_BUILD)/build.ninja:
	meson setup $(ASAN_BUILD) -Db_sanitize=address,undefined -Db_lundef=false --werror \
		-Ddebug=true -Doptimization=1 -Dc_args=-fno-omit-frame-pointer

test: deps node_modules/.package-lock.json all asan
	tests/run.sh $(BUILD) $(ASAN_BUILD)

# The tests' npm packages: playwright-core for the browser tests (no browser is downloaded)
# and axe-core for their accessibility checks, the OpenAPI document's linters and ajv for tests/api/schema-check.mjs.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

demo: deps all
	rm -f demo.db demo.db-wal demo.db-shm
	$(S40) demo --db demo.db
	@for u in admin:admin: officer75:officer:75 volunteer:volunteer:7503 viewer:viewer:; do \
		name=$${u%%:*}; rest=$${u#*:}; role=$${rest%%:*}; area=$${rest#*:}; \
		opts=; [ -n "$$area" ] && opts="--area $$area"; \
		[ "$$role" = volunteer ] && opts="$$opts --person $(DEMO_VOLUNTEER)"; \
		echo "$$name-demo-2562" | $(S40) user add $$name --role $$role $$opts \
			--db demo.db >/dev/null || exit 1; \
	done
	@echo
	@echo "s40 demo: http://127.0.0.1:8040/api/v1/health  (Ctrl-C stops)"
	@echo "logins (name / password):  admin / admin-demo-2562   officer75 / officer75-demo-2562"
	@echo "                           volunteer / volunteer-demo-2562   viewer / viewer-demo-2562"
	@echo "try: curl -s -H 'Content-Type: application/json' -d '{\"name\":\"officer75\",\"password\":\"officer75-demo-2562\"}' http://127.0.0.1:8040/api/v1/auth/login"
	$(S40) serve --db demo.db --listen 127.0.0.1:8040

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz

format:
	find $(C_DIRS) -name '*.[ch]' -type f -print0 2>/dev/null | xargs -0 -r clang-format -i
