# s40 serve behind a proxy (nginx): with --trust-proxy ADDR, a request that comes from ADDR
# is from the last address in its X-Forwarded-For, so the login throttle per address counts
# each client apart; without it every request behind the proxy has the proxy's address, and
# one client's failed logins count against everyone behind it (three are free, then each
# attempt from that address waits). X-Forwarded-For from anyone else proves nothing
# (tests/cmd/data/proxy). The counts are read in the table login_throttle: the waits
# themselves last seconds, which a test on a busy machine cannot time.
name: s40 serve --trust-proxy: the login throttle counts the client behind the proxy

$ s40 init > /dev/null
$ echo admin-secret | s40 user add admin --role admin --insecure-test-hash > /dev/null
$ bash "$TESTDATA"/proxy/throttle.sh trust
> 401 bad_login
> 401 bad_login
> 401 bad_login
> 200 -
# the failures were counted for the client, not for the proxy; the other client's success
# left no row
$ dbsql "SELECT key, failures FROM login_throttle WHERE key LIKE 'addr:%' ORDER BY key"
> addr:203.0.113.7|3
$ bash "$TESTDATA"/proxy/throttle.sh distrust
> 401 bad_login
> 401 bad_login
> 401 bad_login
# without --trust-proxy the same failures are the proxy's (127.0.0.1): everyone's
$ dbsql "SELECT key, failures FROM login_throttle WHERE key LIKE 'addr:%' ORDER BY key"
> addr:127.0.0.1|3
> addr:203.0.113.7|3
$ s40 serve --trust-proxy nginx
? 3
! s40: bad_value (18): --trust-proxy ต้องเป็นที่อยู่ IP เช่น 127.0.0.1: nginx / --trust-proxy is an IP address such as 127.0.0.1: nginx [field trust-proxy]
