#!/usr/bin/env bash
# The login throttle and the account's owner: failures are counted for a name at an address
# and for the address, never for the name alone. s40 serve runs with --trust-proxy 127.0.0.1,
# so "X-Forwarded-For" stands for the client's address.
#
#   lockout.sh fail ADDR NAME N     N failed logins of NAME from ADDR
#   lockout.sh login ADDR NAME PW   one login; prints "STATUS CODE", and for a 429 whether
#                                   the wait is said in minutes and Retry-After
# (in the test's directory, with $DB made and s40 on PATH)
set -uo pipefail
. "$TESTDATA"/abuse/serve.sh --trust-proxy 127.0.0.1
# login ADDR NAME PASSWORD
login()
{
	local status code try
	for try in 1 2; do
		rm -f body.json headers.txt
		curl -s --max-time 60 -D headers.txt -o body.json -w '%{http_code}' \
			-H 'Content-Type: application/json' -H "X-Forwarded-For: $1" \
			-d "{\"name\":\"$2\",\"password\":\"$3\"}" "$base/api/v1/auth/login" \
			>status.txt
		status=$(cat status.txt)
		[ "$status" != 000 ] && break
		# No answer at all: say what the server said, and try once more.
		echo "no answer from s40 serve (try $try); its stderr:" >&2
		tail -n 5 serve.err >&2
	done
	code=$(sed -n 's/.*"code":"\([a-z_]*\)".*/\1/p' body.json 2>/dev/null)
	if [ "$status" = 429 ]; then
		local unit=seconds retry
		grep -q 'นาที' body.json && grep -q 'minute' body.json && unit=minutes
		retry=$(sed -n 's/^Retry-After: \([0-9]*\).*/\1/ip' headers.txt)
		echo "$status $code wait-in-$unit retry-after-over-a-minute=$([ "${retry:-0}" -gt 60 ] && echo yes || echo no)"
	else
		echo "$status ${code:--}"
	fi
}
case $1 in
fail) for i in $(seq 1 "$4"); do login "$2" "$3" "wrong-password-$i"; done ;;
login) login "$2" "$3" "$4" ;;
esac
exit 0
