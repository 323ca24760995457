#!/usr/bin/env bash
# The login throttle per client address behind a proxy: s40 serve started with or without
# --trust-proxy 127.0.0.1 (curl connects from there, standing for nginx). Three failed
# logins carrying "X-Forwarded-For: 203.0.113.7" (three are free: no wait depends on the
# machine's speed), then, with --trust-proxy, admin's right password carrying
# "X-Forwarded-For: 10.9.9.9, 198.51.100.9". Prints one line per answer: "STATUS CODE" (the
# problem's code, or "-" for a success). Which address the failures were counted for is in
# the table login_throttle, which the test reads.
#
#   throttle.sh trust|distrust        (in the test's directory, with $DB made and s40 on PATH)
set -uo pipefail
mode=$1
args=()
[ "$mode" = trust ] && args=(--trust-proxy 127.0.0.1)
set -- "${args[@]}" # serve.sh passes its arguments to s40 serve
. "$TESTDATA"/abuse/serve.sh

# login FORWARDED_FOR NAME PASSWORD: prints "STATUS CODE".
login()
{
	local out status code
	out=$(curl -s --max-time 30 -w '\n%{http_code}' -H 'Content-Type: application/json' \
		-H "X-Forwarded-For: $1" -d "{\"name\":\"$2\",\"password\":\"$3\"}" \
		"http://127.0.0.1:$port/api/v1/auth/login")
	status=${out##*$'\n'}
	code=$(sed -n 's/.*"code":"\([a-z_]*\)".*/\1/p' <<<"${out%$'\n'*}")
	echo "$status ${code:--}"
}
for i in 1 2 3; do
	login 203.0.113.7 "nobody$i" wrong-password
done
[ "$mode" = trust ] && login "10.9.9.9, 198.51.100.9" admin admin-secret
exit 0
