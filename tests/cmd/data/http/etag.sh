#!/usr/bin/env bash
# The files built into the program (the web UI, the OpenAPI document) carry an ETag and may
# be kept by a browser, which asks again with If-None-Match; the API's answers are never
# kept. Prints one line per request: status, Cache-Control, whether an ETag came, the
# Content-Length and the bytes of body received.
#   etag.sh PATH...   (in the test's directory, with $DB made and s40 on PATH)
set -uo pipefail
paths=("$@")
set -- # serve.sh passes its arguments to s40 serve
. "$TESTDATA"/abuse/serve.sh
# get PATH [IF-NONE-MATCH]: one request; the ETag it answered in etag.txt
get()
{
	rm -f headers.txt body.bin
	curl -s --max-time 30 -D headers.txt -o body.bin ${2:+-H "If-None-Match: $2"} "$base$1" >/dev/null
	local status cache length tag
	status=$(sed -n '1s/^HTTP\/1.1 \([0-9]*\).*/\1/p' headers.txt)
	cache=$(sed -n 's/^Cache-Control: \(.*\)\r$/\1/ip' headers.txt)
	length=$(sed -n 's/^Content-Length: \([0-9]*\)\r$/\1/ip' headers.txt)
	tag=$(sed -n 's/^ETag: \(.*\)\r$/\1/ip' headers.txt)
	printf '%s\n' "$tag" >etag.txt
	echo "$1 ${2:+(if-none-match) }$status $cache etag=$([ -n "$tag" ] && echo yes || echo no) length=${length:--} body=$(wc -c <body.bin 2>/dev/null || echo 0)"
}
for path in "${paths[@]}"; do
	get "$path"
	tag=$(cat etag.txt)
	[ -z "$tag" ] && continue
	get "$path" "$tag"
	get "$path" "W/$tag"
	get "$path" '"another"'
done
exit 0
