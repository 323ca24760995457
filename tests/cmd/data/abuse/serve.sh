# Sourced by the abuse scripts: start s40 serve on a free loopback port (in the test's
# directory, with $DB made and s40 on PATH), set $port and $pid, and stop it on exit.
pid=
cleanup()
{
	[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	return 0
}
trap cleanup EXIT
# The files exist before the first look at them: the server's shell opens them only when
# it has started, which may come after.
: >serve.out
: >serve.err
s40 serve --listen 127.0.0.1:0 "$@" >serve.out 2>serve.err &
pid=$!
port=
for _ in $(seq 1 100); do
	port=$(sed -n 's|^s40: listening on http://127\.0\.0\.1:\([0-9]*\) .*|\1|p' serve.out)
	[ -n "$port" ] && break
	kill -0 "$pid" 2>/dev/null || { echo "s40 serve did not start" >&2; cat serve.err >&2; exit 1; }
	sleep 0.1
done
[ -n "$port" ] || { echo "s40 serve printed no port" >&2; exit 1; }
base=http://127.0.0.1:$port

# token NAME PASSWORD: prints a session token.
token()
{
	curl -s --max-time 30 -H 'Content-Type: application/json' \
		-d "{\"name\":\"$1\",\"password\":\"$2\"}" "$base/api/v1/auth/login" |
		sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
