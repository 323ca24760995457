# Slow clients from a few addresses must not starve everyone: a connection that has not sent
# its request's headers within the deadline (--header-timeout, 10 s by default) is closed,
# and one address may hold at most 1/16 of the connections (--per-ip; 64 of the default
# 1,024), so other addresses always find room (tests/cmd/data/abuse/slow.py).
name: s40 serve keeps room for others and closes connections slow to send their headers
$ s40 init > /dev/null
$ bash "$TESTDATA"/abuse/slow.sh
> another address: HTTP/1.1 200 OK
> slow connections still open after 5 s: 0
