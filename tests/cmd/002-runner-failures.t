# Self-test of the runner: it must notice each kind of failure. The failing files are in
# data/runner/ (outside the suite) and are run by a nested runner.
name: runner reports failures and bad files

$ "$TESTDATA/../run.sh" "$TESTDATA/runner/pass.t"
>~ ^ok tests/cmd/data/runner/pass\.t \([0-9]+s\)$
>~ ^1 passed, 0 failed$

$ "$TESTDATA/../run.sh" "$TESTDATA/runner/fail-stdout.t"
? 1
> FAIL tests/cmd/data/runner/fail-stdout.t: stdout differs from the expected lines
>   step 2 (line 5): $ printf 'one\nTWO\n'
>   stdout differs (- expected, + actual):
>     --- expected stdout
>     +++ actual stdout
>     @@ -1,2 +1,2 @@
>      one
>     -two
>     +TWO
> 0 passed, 1 failed

$ "$TESTDATA/../run.sh" "$TESTDATA/runner/fail-status.t"
? 1
>~ ^  exit status 2, expected 0$
>~ ^    why not$
>~ ^0 passed, 1 failed$

$ "$TESTDATA/../run.sh" "$TESTDATA/runner/fail-stderr.t"
? 1
>~ ^    -expected error$
>~ ^    \+actual error$

$ "$TESTDATA/../run.sh" "$TESTDATA/runner/fail-regex.t"
? 1
>~ ^  stdout has no line matching: \^id=\[0-9\]\+\$$

$ "$TESTDATA/../run.sh" "$TESTDATA/runner/fail-empty.t"
? 1
>~ ^    \+something$

$ CMD_TIMEOUT=1 "$TESTDATA/../run.sh" "$TESTDATA/runner/fail-timeout.t"
? 1
>~ ^  timed out after 1s

# a failing step stops the file: the later step does not run
$ "$TESTDATA/../run.sh" "$TESTDATA/runner/fail-first.t"
? 1
>~ ^  step 1
$ ls
>-

$ "$TESTDATA/../run.sh" "$TESTDATA/runner/bad-syntax.t"
? 1
>~ ^  line 3: expected output before any '\$ ' step: > orphan$

$ "$TESTDATA/../run.sh" "$TESTDATA/runner/bad-stdin.t"
? 1
>~ ^  line 4: '<' lines with no step after them$

$ "$TESTDATA/../run.sh" "$TESTDATA/runner/pass.t" "$TESTDATA/runner/fail-status.t" "$TESTDATA/runner/pass.t"
? 1
>~ ^2 passed, 1 failed$

# KEEP=1 keeps the failed test's directory
$ KEEP=1 "$TESTDATA/../run.sh" "$TESTDATA/runner/fail-first.t" > log
? 1
$ sed -n 's/^  kept: \([^ ]*\) .*/\1/p' log > kept; ls "$(cat kept)"
> first
# on PostgreSQL the runner says how to drop the kept database; it is dropped here
$ sed -n 's/^  kept database: .* (drop it with: \(.*\))$/\1/p' log > drop.sql
$ test ! -s drop.sql || DB=$S40_TEST_PG dbsql < drop.sql

# the database of a failed test goes with it, and is kept with KEEP=1
$ OUT=$PWD "$TESTDATA/../run.sh" "$TESTDATA/runner/fail-db.t" > log
? 1
$ DB=$(cat db) dbsql "SELECT x FROM t" 2> /dev/null
? 1
$ KEEP=1 OUT=$PWD "$TESTDATA/../run.sh" "$TESTDATA/runner/fail-db.t" > log
? 1
$ DB=$(cat db) dbsql "SELECT x FROM t"
> 7
$ sed -n 's/^  kept database: .* (drop it with: \(.*\))$/\1/p' log > drop.sql
$ test ! -s drop.sql || DB=$S40_TEST_PG dbsql < drop.sql
