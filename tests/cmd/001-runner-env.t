# Self-test of the environment the runner gives each test.
name: runner environment: temporary directory, DB, s40 on PATH, TESTDATA, locale, time zone

# a fresh, empty directory, also TMPDIR and HOME
$ ls -A | wc -l
> 0
$ test "$PWD" = "$TMPDIR" && test "$HOME" = "$PWD"

$ test "$DB" = "$PWD/test.db" && test "$S40_DB" = "$DB" && test ! -e "$DB"
# no other S40_ variable leaks in from the caller's environment
$ env | grep '^S40_'
>~ ^S40_DB=
$ env | grep -c '^S40_'
> 1

# the first directory on PATH holds s40, a symlink to the program under test
$ test "$(readlink "${PATH%%:*}/s40")" = "$S40"
$ echo "$S40"
>~ ^/

$ test -d "$TESTDATA/runner"

$ echo "$LC_ALL"
> C.UTF-8
$ date -d @0 '+%Y-%m-%d %H:%M %z'
> 1970-01-01 07:00 +0700
