# Logins are bounded per user: a new session beyond S40_SESSIONS_PER_USER (10) ends that
# user's oldest (by the second it was opened), so a flood of logins costs the flooder's own sessions and no one else's.
# A password changed by another process (s40 user passwd) ends the user's sessions at once,
# even one the server had just seen and keeps in its cache (tests/cmd/data/abuse).
name: sessions per user are bounded; a password change ends sessions at once
$ s40 init > /dev/null
$ echo admin-secret | s40 user add admin --role admin --insecure-test-hash > /dev/null
$ bash "$TESTDATA"/abuse/sessions.sh
> live 10 of 12, the newest 200
> before 200 200
> after 401
$ dbsql "SELECT count(*) FROM session"
> 0
