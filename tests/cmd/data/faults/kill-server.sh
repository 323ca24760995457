#!/usr/bin/env bash
# s40 serve killed with SIGKILL while 4 clients enrol new people as fast as it answers: every
# enrolment it acknowledged (201) is in the database afterwards, with its open membership.
# Prints the findings; how many were acknowledged varies and goes to stderr.
#
#   kill-server.sh SECONDS     (in a command test's directory, with $DB made, an officer75
#                               user with password officer75-secret, and s40 on PATH)
set -uo pipefail
secs=${1:-3}
set --
. "$TESTDATA"/abuse/serve.sh
tok=$(token officer75 officer75-secret)
[ -n "$tok" ] || { echo "no login"; exit 1; }
client() { # client K: enrols persons 1750K0000000… until the server is gone
	local i=0 d s k id
	while :; do
		d=$(printf '17509%d%06d' "$1" "$i")
		s=0
		for k in 0 1 2 3 4 5 6 7 8 9 10 11; do s=$((s + ${d:k:1} * (13 - k))); done
		id=$d$(((11 - s % 11) % 10))
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 \
			-H "Authorization: Bearer $tok" -H 'Content-Type: application/json' \
			-d "{\"person\": {\"id\": \"$id\", \"first_th\": \"ทดสอบ\", \"last_th\": \"ล้ม\", \"birth_date\": \"1985-01-01\", \"thai\": true, \"village\": 75030702}, \"option\": 1, \"date\": \"2025-12-01\"}" \
			"$base/api/v1/enrolments") || true
		[ "$code" = 201 ] && echo "$id" >>"acked.$1"
		[ "$code" = 000 ] && break
		i=$((i + 1))
	done
}
for k in 1 2 3 4; do client "$k" & done
sleep "$secs"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
pid=
wait
cat acked.* >acked 2>/dev/null
acked=$(wc -l <acked)
echo "acknowledged: $acked" >&2
[ "$acked" -gt 0 ] && echo "enrolments were acknowledged before the kill" || echo "none acknowledged"
missing=0
while read -r id; do
	n=$(dbsql "SELECT count(*) FROM spell WHERE person = $id AND end_day IS NULL")
	[ "$n" = 1 ] || missing=$((missing + 1))
done <acked
echo "acknowledged but missing after the kill: $missing"
s40 journal verify --lang en >/dev/null && echo "the journal verifies"
