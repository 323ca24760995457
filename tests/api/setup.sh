#!/usr/bin/env bash
# Builds the database every API test starts from (tests/api/README.md):
# the Samut Songkhram demo on 1 January 2026, a person in Bangkok (province 10),
# a volunteer's own person in Amphawa, and one user per role. Each user's
# password is its name followed by "-secret".
#
#   tests/api/setup.sh S40 DB
#
# DB is where s40 builds it: an SQLite file, or the URI of an empty PostgreSQL database.
# With S40_TEST_DEMO_CACHE (tests/run.sh sets it), the demo is copied from the file built
# once for the whole run (tests/demo-cache.sh) instead of built again.
set -euo pipefail
s40=$1
db=$2
export LC_ALL=C.UTF-8 TZ=Asia/Bangkok

if [ -n "${S40_TEST_DEMO_CACHE:-}" ]; then
	demo=$(S40=$s40 "$(dirname "${BASH_SOURCE[0]}")/../demo-cache.sh" "$S40_TEST_DEMO_CACHE" 1 2026-01-01)
	if [[ $db =~ ^postgres(ql)?:// ]]; then
		"$s40" copy "$demo" "$db" >/dev/null
	else
		cp "$demo" "$db"
	fi
else
	"$s40" demo --db "$db" --today 2026-01-01 >/dev/null
fi
# A Bangkok resident (not in the demo's province 75).
"$s40" person add 3100600445635 --db "$db" --today 2026-01-01 --title นาง --first มาลี \
	--last กรุงเทพ --birth 1980-03-01 --sex F --thai yes --village 10010100 >/dev/null
# The volunteer's own record (a resident of Amphawa, 7503).
"$s40" person add 1234545678781 --db "$db" --today 2026-01-01 --title นาย --first อาสา \
	--last ช่วยงาน --birth 1985-06-15 --sex M --thai yes --village 75030702 >/dev/null

add_user() {
	local name=$1
	shift
	echo "$name-secret" | "$s40" user add "$name" --db "$db" --insecure-test-hash "$@" >/dev/null
}
add_user admin --role admin
add_user officer75 --role officer --area 75
add_user officer10 --role officer --area 10
add_user volunteer --role volunteer --area 7503 --person 1234545678781
add_user viewer --role viewer
