#!/usr/bin/env bash
# Sessions of one user under a flood of logins, and a password changed by another process.
# Prints: how many of 12 sessions of admin answer /auth/me (a user keeps its 10 newest)
# and the answer for the newest, then for a session the server has just seen, before and right after
# `s40 user passwd admin` run beside the server.
#
#   sessions.sh       (in the test's directory, with $DB made and s40 on PATH)
set -uo pipefail
. "$TESTDATA"/abuse/serve.sh
me()
{
	curl -s --max-time 30 -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $1" \
		"$base/api/v1/auth/me"
}
tokens=()
for i in $(seq 1 12); do
	tokens+=("$(token admin admin-secret)")
done
live=0
for t in "${tokens[@]}"; do
	[ "$(me "$t")" = 200 ] && live=$((live + 1))
done
echo "live $live of 12, the newest $(me "${tokens[11]}")"
t=$(token admin admin-secret)
echo "before $(me "$t") $(me "$t")"
echo admin-changed-2569 | s40 user passwd admin --insecure-test-hash >/dev/null
echo "after $(me "$t")"
exit 0
