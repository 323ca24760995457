# used by 002-runner-failures.t: a failed test that wrote to its database, whose URI or
# path it leaves in $OUT/db
$ dbsql "CREATE TABLE t (x integer); INSERT INTO t VALUES (7)"; echo "$DB" > "$OUT/db"
$ false
