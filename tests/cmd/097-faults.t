# The database goes away in the middle of an import (PostgreSQL: the server stopped with
# pg_ctl stop -m immediate, on a cluster of the test's own; SQLite: the import killed):
# nothing half-written after the restart, and the same import goes through afterwards.
name: the database stopped in the middle of an import leaves nothing half-written

$ "$TESTDATA/faults/stop-mid-import.sh" 100000
!~ ^fault: (the server stopped in the middle of the import|the import killed in its middle)$
> the import failed
> it said why
> persons after restart: 0
> journal intact, 1 entry; the data (N rows in 17 tables) is as s40 wrote it
> committed (journal entry 2)
> all persons after the second import
> journal intact, 2 entries; the data (N rows in 17 tables) is as s40 wrote it
