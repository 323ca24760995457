# The restore drill (tests/cmd/data/backup/drill.sh): s40 serve takes enrolments from four
# clients at once on a SQLite file; s40 backup copies it in the middle of the load; the
# copy is put in the database's place, verified and served again. Every enrolment
# acknowledged before the backup began is in it, and it is the live database as of one
# journal entry. The script checks and says what it found; its exit status is the verdict.
# SQLite only: on the PostgreSQL pass the script says it is skipped (PostgreSQL is backed
# up with pg_basebackup, docs/DEPLOY.md; 085-backup.t tests the refusal there).
name: restore drill: a backup taken under load holds every enrolment acknowledged before it

$ "$TESTDATA/backup/drill.sh" 4 60
!-
