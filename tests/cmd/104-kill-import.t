# Durability under SIGKILL: an import killed at random points, and on SQLite in the middle of
# its commit, leaves all of its file or none of it, and the journal verifies every time
# (tests/cmd/data/faults/kill-imports.sh; how many rounds got through varies from run to run
# and is printed on stderr).
name: s40 import killed at random points and in its commit leaves all or nothing
$ s40 init > /dev/null
$ bash "$TESTDATA"/faults/kill-imports.sh 6 40000
!~ ^(killed in the commit: [0-9]+|whole: [0-9]+, none: [0-9]+)$
> rounds: 6, half-written: 0
