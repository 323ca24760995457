#!/usr/bin/env bash
# s40 serve --anchor-dir anchors --anchor-key secret.key: waits (at most 30 s) for the
# anchor the server writes when it starts, then stops the server. Prints the number of
# anchor files in anchors/ and whether a half-written one was left.
#
#   serve.sh       (in the test's directory, with $DB made, secret.key, and s40 on PATH)
set -uo pipefail
mkdir -p anchors
before=$(ls anchors | wc -l)
. "$TESTDATA"/abuse/serve.sh --anchor-dir anchors --anchor-key secret.key
for _ in $(seq 1 300); do
	[ "$(ls anchors/*.txt 2>/dev/null | wc -l)" -gt "$before" ] && break
	sleep 0.1
done
cleanup
pid=
echo "anchors: $(ls anchors/*.txt 2>/dev/null | wc -l), temporary files: $(ls anchors/*.tmp 2>/dev/null | wc -l)"
