#!/usr/bin/env bash
# An upload the server will refuse is answered before its body is read: curl sends
# "Expect: 100-continue" and waits, so the bytes it uploaded show whether the server read
# the body first. Prints "STATUS CODE uploaded=BYTES" for: no token, a viewer (no right to
# import), an admin with the wrong type, and an admin with the right one (the body is
# read: it is a real import of 3 rows).
#
#   upload.sh       (in the test's directory, with $DB made and s40 on PATH)
set -uo pipefail
. "$TESTDATA"/abuse/serve.sh
head -c 20000000 /dev/zero | tr '\0' 'x' >big.csv
printf 'id,first_name,last_name,birth_date,thai,village\n' >ok.csv
printf '1100000000016,หนึ่ง,ดี,1990-01-01,yes,75010101\n' >>ok.csv
viewer=$(token viewer viewer-secret)
admin=$(token admin admin-secret)
# post FILE TYPE TOKEN
post()
{
	local auth=()
	[ -n "$3" ] && auth=(-H "Authorization: Bearer $3")
	curl -s --max-time 60 -o body.json -w '%{http_code} %{size_upload}\n' \
		-H 'Expect: 100-continue' --expect100-timeout 30 -H "Content-Type: $2" "${auth[@]}" \
		--data-binary @"$1" "$base/api/v1/imports?kind=persons" >out.txt
	read -r status up <out.txt
	code=$(sed -n 's/.*"code":"\([a-z_]*\)".*/\1/p' body.json)
	echo "$status ${code:--} uploaded=$up"
}
post big.csv text/csv ""
post big.csv text/csv "$viewer"
post big.csv application/json "$admin"
post ok.csv text/csv "$admin"
exit 0
