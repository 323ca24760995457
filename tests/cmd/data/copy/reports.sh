#!/usr/bin/env bash
# reports.sh DB: every report of the demo's province on DB, and a few people's records, as
# CSV, so that two copies of one database can be compared with cmp (080-copy.t).
set -euo pipefail
s40() { command s40 --db "$1" --today 2020-01-15 --format csv "${@:2}"; }
db=$1
s40 "$db" report asof --date 2019-10-31 --area 75 --level village
s40 "$db" report asof --date 2020-01-15 --area 75
s40 "$db" report villages --date 2019-10-31 --area 75
s40 "$db" report tambons --date 2019-10-31 --area 75
s40 "$db" report prospects --village 75020501 --date 2019-10-31
s40 "$db" report attainment --fy 2562 --date 2019-10-31 --area 75 --level subdistrict
s40 "$db" report trend --fy 2562 --area 75 --date 2019-10-31
s40 "$db" report network --fy 2562 --area 75 --date 2019-10-31
s40 "$db" report events --area 75 --fy 2562
s40 "$db" report statement --area 75 --date 2019-10-31
s40 "$db" report lapsed --date 2019-12-31 --area 75
s40 "$db" report contributions --from 2019-01 --to 2019-12 --area 75 --level district
s40 "$db" person find สม --area 7503 --limit 20
s40 "$db" person show 3750394998403
s40 "$db" ledger 3750394998403 --from 2019-01 --to 2019-12
s40 "$db" journal show areas
s40 "$db" journal show area:75
