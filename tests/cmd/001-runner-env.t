# Self-test of the environment the runner gives each test.
name: runner environment: temporary directory, DB, s40 on PATH, TESTDATA, locale, time zone

# a fresh, empty directory, also TMPDIR and HOME
$ ls -A | wc -l
> 0
$ test "$PWD" = "$TMPDIR" && test "$HOME" = "$PWD"

# DB, also S40_DB, is a new database of the test's own: the file test.db, not made yet, in
# its directory; or, when the tests run on PostgreSQL (S40_TEST_PG set), an empty database
# of its own on that cluster
$ test "$S40_DB" = "$DB"
$ if [ -n "${S40_TEST_PG:-}" ]; then test "$DB" != "$S40_TEST_PG" && dbsql "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'"; else test "$DB" = "$PWD/test.db" && test ! -e "$DB" && echo 0; fi
> 0
# no other S40_ variable leaks in from the caller's environment (S40_TEST_PG is the
# runner's own, passed on to a runner run by a step)
$ env | grep '^S40_'
>~ ^S40_DB=
$ env | grep '^S40_' | grep -cv '^S40_TEST_PG='
> 1

# dbsql prints rows as sqlite3 does (columns joined by "|", NULL as nothing); dbdump gives
# the same text for the same rows, whatever the order they were written in
$ dbsql "CREATE TABLE t (a integer, b text); INSERT INTO t VALUES (2, 'b'), (1, NULL), (3, 'ไทย')"
>-
$ dbsql "SELECT a, b, a * 2 FROM t ORDER BY a"
> 1||2
> 2|b|4
> 3|ไทย|6
$ dbdump > before.sql
$ dbsql "UPDATE t SET b = 'c' WHERE a = 2; UPDATE t SET b = 'b' WHERE a = 2"
$ dbdump | cmp - before.sql
$ dbsql "DELETE FROM t WHERE a = 1"; dbdump | cmp -s - before.sql || echo changed
> changed
$ dbsql "SELECT nosuch FROM t"
? 1
$ echo "SELECT count(*) FROM t" | dbsql
> 2

# the first directory on PATH holds s40, a symlink to the program under test
$ test "$(readlink "${PATH%%:*}/s40")" = "$S40"
$ echo "$S40"
>~ ^/

$ test -d "$TESTDATA/runner"

$ echo "$LC_ALL"
> C.UTF-8
$ date -d @0 '+%Y-%m-%d %H:%M %z'
> 1970-01-01 07:00 +0700
