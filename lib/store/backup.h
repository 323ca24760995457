/*
 * backup.h — a consistent copy of a SQLite database file while it is served
 * and written (s40 backup): SQLite's online backup API reads one snapshot of
 * the database into a new file beside the destination, which is checked and
 * made durable before it is renamed into place. The copy is an ordinary s40
 * database: restoring it is putting the file where the database was.
 *
 * A PostgreSQL database is not copied here: it is backed up with
 * pg_basebackup and WAL archiving (docs/DEPLOY.md).
 */
#ifndef S40_STORE_BACKUP_H
#define S40_STORE_BACKUP_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

/* The pages copied in one step of the backup (4 MiB at SQLite's 4 KiB pages). */
#define S40_BACKUP_STEP_PAGES 1024

/* Flags of s40_store_backup. */
#define S40_BACKUP_FORCE 0x1 /* replace a DEST that exists */
#define S40_BACKUP_QUICK 0x2 /* check with PRAGMA quick_check, not integrity_check */

/* What the copy holds, as its check found it. */
struct s40_backup_info {
	int schema_version; /* the schema version written in its meta table */
	int64_t journal_seq; /* the number of its journal's last entry (0: no entry) */
	char journal_hash[65]; /* that entry's hash in hex ("" with no entry) */
	int64_t bytes; /* the size of DEST */
	int64_t pages; /* the pages copied */
	const char *check; /* "integrity_check" or "quick_check" (static) */
};

/*
 * Copy the SQLite database at db into the file dest. db may be open and
 * written by other processes (s40 serve) meanwhile: the copy is the state of
 * one instant, the one at which its read began, and the writers are not held
 * up by it (in WAL mode a reader does not block a writer; the WAL grows until
 * the copy ends). The pages are copied S40_BACKUP_STEP_PAGES at a time; a
 * step that finds a lock sleeps a few milliseconds and tries again, for up to
 * ten seconds (then S40_E_DB_BUSY).
 *
 * The copy is written to a temporary file beside dest ("DEST.tmpXXXXXX",
 * readable by its owner only), checked (PRAGMA integrity_check, or
 * quick_check with S40_BACKUP_QUICK, and its schema version and journal head
 * the same as db's at that instant), fsync'd, and renamed over dest, whose
 * folder is fsync'd in turn. On any failure before the rename nothing is
 * left: not the temporary file, and dest as it was (a folder that cannot be
 * fsync'd after it is reported with the copy in place).
 *
 * Refused (field "db" or "dest" on ctx): db a PostgreSQL URI (S40_E_USAGE:
 * pg_basebackup and WAL archiving, docs/DEPLOY.md); no file at db
 * (S40_E_NOT_FOUND); a file that is not an s40 database (S40_E_DB); dest empty
 * (S40_E_MISSING), a PostgreSQL URI or db itself (S40_E_USAGE), a folder
 * (S40_E_BAD_VALUE); dest existing without S40_BACKUP_FORCE, or with a -wal
 * or -journal file beside it (a program has it open) (S40_E_EXISTS); a folder
 * where the temporary file cannot be made (S40_E_IO).
 *
 * progress (may be NULL) is called with arg, the pages copied so far and the
 * pages in all after each step. info is filled on success. Returns S40_OK or
 * the error, with ctx set.
 */
enum s40_err s40_store_backup(const char *db, const char *dest, unsigned flags,
			      void (*progress)(void *arg, int64_t done, int64_t total), void *arg,
			      struct s40_backup_info *info, struct s40_ctx *ctx);

#endif
