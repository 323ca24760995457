#!/usr/bin/env bash
# second.sh uri|drop: a second database beside $DB, of the same engine, for a copy from one
# to the other (080-copy.t). "uri" prints its location: on PostgreSQL the URI of $DB with
# "_2" after the database's name (s40 copy creates it), else second.db in the test's folder.
# "drop" removes it from the PostgreSQL cluster (the folder goes with the test on SQLite).
# The engine is told from $DB as s40 and dbsql tell it.
set -euo pipefail
pg=0
if [[ $DB =~ ^postgres(ql)?:// || $DB =~ ^\ *[a-z_]+\ *= ]]; then
	pg=1
fi
if [[ $DB =~ ^postgres(ql)?:// ]]; then
	base=${DB%%\?*}
	name=${base##*/}_2
	uri="${base}_2${DB#"$base"}"
elif [ "$pg" = 1 ]; then
	name=${DB##*dbname=}
	name=${name%% *}_2
	uri="$DB dbname=$name"
else
	uri=$TMPDIR/second.db
fi
case ${1:-} in
uri) printf '%s\n' "$uri" ;;
drop)
	if [ "$pg" = 1 ]; then
		DB=$S40_TEST_PG dbsql "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)"
	fi
	;;
*)
	echo "usage: second.sh uri|drop" >&2
	exit 2
	;;
esac
