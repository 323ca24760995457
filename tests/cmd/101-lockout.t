# Anyone can try wrong passwords for any name; that must slow the guesser, not lock the owner
# out (docs/SECURITY.md). Failures count for the name at the address and for the address
# (tests/cmd/data/abuse/lockout.sh). A lock is made by hand in login_throttle: reaching it
# through ten failures means waiting out the doubling waits in between.
name: failed logins lock the guesser's address, not the account; s40 user unlock
$ s40 init > /dev/null
$ echo admin-secret | s40 user add admin --role admin --insecure-test-hash > /dev/null
$ bash "$TESTDATA"/abuse/lockout.sh fail 203.0.113.7 admin 3
> 401 bad_login
> 401 bad_login
> 401 bad_login
$ dbsql "SELECT key, failures FROM login_throttle ORDER BY key"
> addr:203.0.113.7|3
> user:admin|203.0.113.7|3
# the pair is locked for a quarter of an hour, as after ten failures
$ dbsql "UPDATE login_throttle SET failures = 10, locked_until = 4102444800 WHERE key = 'user:admin|203.0.113.7'"
$ bash "$TESTDATA"/abuse/lockout.sh login 203.0.113.7 admin admin-secret
> 429 throttled wait-in-minutes retry-after-over-a-minute=yes
# the owner, from another address, is let in
$ bash "$TESTDATA"/abuse/lockout.sh login 198.51.100.9 admin admin-secret
> 200 -
$ s40 user unlock admin
> ปลดล็อก admin แล้ว (ล้างการนับรหัสผ่านผิดจาก 1 ที่อยู่) / unlocked admin (cleared the failed logins from 1 address)
$ bash "$TESTDATA"/abuse/lockout.sh login 203.0.113.7 admin admin-secret
> 200 -
$ s40 user unlock nobody
? 5
! s40: not_found (20): ไม่พบผู้ใช้ nobody / no user called nobody [field name]
