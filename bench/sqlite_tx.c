/*
 * sqlite_tx.c — the durable-write reference of bench/server.sh: one-row
 * transactions in SQLite, WAL, synchronous=FULL, one connection, for a number
 * of seconds; each commit is on disk before the next begins. The row is the
 * size of a spell. Prints the transactions per second.
 *
 *   sqlite_tx DB [SECONDS]      (DB is made; default 10 seconds)
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int check(sqlite3 *db, int rc, const char *what)
{
	if (rc == SQLITE_OK || rc == SQLITE_DONE)
		return 0;
	fprintf(stderr, "sqlite_tx: %s: %s\n", what, sqlite3_errmsg(db));
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: sqlite_tx DB [SECONDS]\n");
		return 2;
	}
	double secs = argc > 2 ? atof(argv[2]) : 10;
	sqlite3 *db = NULL;
	sqlite3_stmt *begin, *ins, *commit;
	int rc = sqlite3_open(argv[1], &db);
	if (check(db, rc, "open") ||
	    check(db,
		  sqlite3_exec(db,
			       "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
			       "CREATE TABLE spell (spell_id INTEGER PRIMARY KEY, person INTEGER "
			       "NOT NULL, province INTEGER NOT NULL, village INTEGER NOT NULL, "
			       "start_day INTEGER NOT NULL, option INTEGER NOT NULL, "
			       "journal_seq INTEGER NOT NULL)",
			       NULL, NULL, NULL),
		  "schema") ||
	    check(db, sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL), "prepare") ||
	    check(db,
		  sqlite3_prepare_v2(db,
				     "INSERT INTO spell (person, province, village, start_day, "
				     "option, journal_seq) VALUES (?1, 75, 75030702, 20423, 1, ?2)",
				     -1, &ins, NULL),
		  "prepare") ||
	    check(db, sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL), "prepare"))
		return 1;
	long n = 0;
	double t0 = now_s(), t;
	do {
		sqlite3_bind_int64(ins, 1, 1101000000000LL + n);
		sqlite3_bind_int64(ins, 2, n + 1);
		if (check(db, sqlite3_step(begin), "begin") ||
		    check(db, sqlite3_step(ins), "insert") ||
		    check(db, sqlite3_step(commit), "commit"))
			return 1;
		sqlite3_reset(begin);
		sqlite3_reset(ins);
		sqlite3_reset(commit);
		n++;
	} while ((t = now_s() - t0) < secs);
	printf("%ld transactions in %.2f s: %.0f/s\n", n, t, n / t);
	sqlite3_finalize(begin);
	sqlite3_finalize(ins);
	sqlite3_finalize(commit);
	sqlite3_close(db);
	return 0;
}
