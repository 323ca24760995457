# s40 serve behind a proxy (nginx): with --trust-proxy ADDR, a request that comes from ADDR
# is from the last address in its X-Forwarded-For, so the login throttle per address counts
# each client apart; without it every request behind the proxy has the proxy's address, and
# one client's failed logins (three are free, the fourth waits) lock out the next client's
# right password. X-Forwarded-For from anyone else proves nothing (tests/cmd/data/proxy).
name: s40 serve --trust-proxy: the login throttle counts the client behind the proxy

$ s40 init > /dev/null
$ echo admin-secret | s40 user add admin --role admin --insecure-test-hash > /dev/null
$ bash "$TESTDATA"/proxy/throttle.sh trust
> 401 bad_login
> 401 bad_login
> 401 bad_login
> 429 throttled
> 200 -
# (the failures above were counted for 203.0.113.7, not for the proxy's address)
$ bash "$TESTDATA"/proxy/throttle.sh distrust
> 401 bad_login
> 401 bad_login
> 401 bad_login
> 429 throttled
> 429 throttled
$ s40 serve --trust-proxy nginx
? 3
! s40: bad_value (18): --trust-proxy ต้องเป็นที่อยู่ IP เช่น 127.0.0.1: nginx / --trust-proxy is an IP address such as 127.0.0.1: nginx [field trust-proxy]
