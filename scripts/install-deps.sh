#!/usr/bin/env bash
# Installs the Debian 12 packages that s40 needs to build and test, when some are missing.
# Does nothing (and no apt-get update) when all are installed. As root it installs the
# missing ones; otherwise it prints the apt-get line to run and exits 1.
# Extra package names may be given as arguments: scripts/install-deps.sh valgrind
set -euo pipefail

# The one list. Add here what later work needs.
PACKAGES=(
	build-essential
	pkg-config
	meson
	ninja-build
	libsqlite3-dev
	sqlite3
	libpq-dev
	libmicrohttpd-dev
	libjansson-dev
	libsodium-dev
	libicu-dev
	libxlsxwriter-dev
	# Reading .xlsx workbooks (lib/io/xlsx.c): the zip container and its XML.
	libzip-dev
	libexpat1-dev
	# Compressing the server's large answers with gzip (src/server/server.c).
	zlib1g-dev
	libcmocka-dev
	# PDF reports (lib/report/pdf.c): cairo's PDF surface, and pango to shape the Thai text.
	libcairo2-dev
	libpango1.0-dev
	# The PDF tests read the reports back (pdftotext, pdfinfo, pdffonts) and render a page (pdftoppm).
	poppler-utils
	# Password strength (libpwquality) with its cracklib dictionary.
	libpwquality-dev
	cracklib-runtime
	unzip
	tzdata
	# The browser tests (tests/browser): Debian's chromium, driven by playwright-core from npm.
	chromium
	# The tests on PostgreSQL: tests/pg.sh runs a throwaway cluster with PostgreSQL 15's
	# initdb and pg_ctl (the meta package is PostgreSQL 15 on Debian 12).
	postgresql
	# The fuzz targets (fuzz/, run briefly by make test): clang's libFuzzer and sanitizers.
	clang
	# HTTP from the shell tests (tests/deploy, the restore drill, the proxy test).
	curl
)

# node and npm for the browser tests, from Debian unless a node is already installed
# (a newer one from elsewhere is kept: Debian's nodejs would conflict with it).
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

PACKAGES+=("$@")

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "install-deps.sh: no dpkg-query: not Debian; make sure these (or their equivalents) are installed:" >&2
	echo "  ${PACKAGES[*]}" >&2
	exit 0
fi

installed() {
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

missing_packages() {
	local p
	for p in "${PACKAGES[@]}"; do
		installed "$p" || printf '%s\n' "$p"
	done
}

mapfile -t missing < <(missing_packages)
[ "${#missing[@]}" -eq 0 ] && exit 0

install_line="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"

if [ "$(id -u)" -ne 0 ]; then
	echo "install-deps.sh: missing packages: ${missing[*]}" >&2
	echo "install-deps.sh: run as root (or with sudo):" >&2
	echo "  $install_line" >&2
	exit 1
fi

echo "install-deps.sh: installing: ${missing[*]}" >&2
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"

mapfile -t missing < <(missing_packages)
if [ "${#missing[@]}" -ne 0 ]; then
	echo "install-deps.sh: still missing after install: ${missing[*]}" >&2
	exit 1
fi
