# Durability under SIGKILL: s40 serve killed while 4 clients enrol new people; every
# enrolment it answered 201 is in the database afterwards with its open membership, and the
# journal verifies (tests/cmd/data/faults/kill-server.sh; how many were acknowledged varies
# and is printed on stderr).
name: s40 serve killed under concurrent enrolments loses no acknowledged one
$ s40 init > /dev/null
$ echo officer75-secret | s40 user add officer75 --role officer --area 75 --insecure-test-hash > /dev/null
$ bash "$TESTDATA"/faults/kill-server.sh 3
!~ ^acknowledged: [0-9]+$
> enrolments were acknowledged before the kill
> acknowledged but missing after the kill: 0
> the journal verifies
