/*
 * backup.c — s40_store_backup: a SQLite database copied while it is served,
 * through SQLite's online backup API, inside one read transaction of the
 * source so that every step copies the same snapshot (a step outside one
 * would start the copy again whenever another process commits), into a
 * temporary file that is checked, fsync'd and renamed into place.
 */
#include "backup.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"

/* A step that finds a lock sleeps this long, and gives up after BUSY_MAX_MS. */
#define BUSY_SLEEP_MS 5
#define BUSY_MAX_MS 10000

/* What a database holds at one instant: checked equal in the copy. */
struct bk_state {
	int version;
	int64_t seq;
	char hash[65];
};

/* SQLite's failure rc on the connection db (may be NULL) about the file at
 * path, as our code on ctx, with field. */
static enum s40_err bk_error(sqlite3 *db, int rc, const char *field, const char *path,
			     struct s40_ctx *ctx)
{
	enum s40_err code = S40_E_DB;
	int prim = rc & 0xff;
	if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED)
		code = S40_E_DB_BUSY;
	else if (prim == SQLITE_NOMEM)
		code = S40_E_NOMEM;
	const char *m = db != NULL && sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errmsg(db) :
									 sqlite3_errstr(rc);
	return s40_errorf(ctx, code, field, "ฐานข้อมูล %s: %s", "database %s: %s", path, m);
}

/* Open the file at path (which exists) read-write, with a busy timeout. */
static enum s40_err bk_open(const char *path, const char *field, sqlite3 **db, struct s40_ctx *ctx)
{
	int rc = sqlite3_open_v2(path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		enum s40_err e = bk_error(*db, rc, field, path, ctx);
		sqlite3_close(*db);
		*db = NULL;
		return e;
	}
	sqlite3_extended_result_codes(*db, 1);
	sqlite3_busy_timeout(*db, BUSY_MAX_MS);
	return S40_OK;
}

static enum s40_err bk_exec(sqlite3 *db, const char *sql, const char *field, const char *path,
			    struct s40_ctx *ctx)
{
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? S40_OK : bk_error(db, rc, field, path, ctx);
}

/* Read db's schema version and journal head into s. A file without s40's
 * meta and journal tables is S40_E_DB. */
static enum s40_err bk_state_read(sqlite3 *db, const char *field, const char *path,
				  struct bk_state *s, struct s40_ctx *ctx)
{
	memset(s, 0, sizeof *s);
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(db,
				    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
				    "AND name IN ('meta', 'journal')",
				    -1, &q, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		int n = sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
		q = NULL;
		if (n != 2)
			return s40_errorf(ctx, S40_E_DB, field, "%s ไม่ใช่ฐานข้อมูลของ s40",
					  "%s is not an s40 database", path);
		rc = sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'schema_version'",
					-1, &q, NULL);
	}
	if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(q, 0);
		s->version = v != NULL ? (int)strtol(v, NULL, 10) : 0;
		rc = SQLITE_DONE;
	}
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(q);
		q = NULL;
		rc = sqlite3_prepare_v2(db,
					"SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1",
					-1, &q, NULL);
	}
	if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		s->seq = sqlite3_column_int64(q, 0);
		const unsigned char *h = sqlite3_column_blob(q, 1);
		int n = sqlite3_column_bytes(q, 1);
		for (int i = 0; h != NULL && i < n && 2 * i + 2 < (int)sizeof s->hash; i++)
			snprintf(s->hash + 2 * i, 3, "%02x", h[i]);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_DONE ? S40_OK : bk_error(db, rc, field, path, ctx);
}

/* Run PRAGMA check (integrity_check or quick_check) on the copy at path:
 * S40_OK when it answers the one row "ok", else S40_E_DB with its first row. */
static enum s40_err bk_check(sqlite3 *db, const char *check, const char *path, struct s40_ctx *ctx)
{
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA %s", check);
	sqlite3_stmt *q = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &q, NULL);
	if (rc != SQLITE_OK)
		return bk_error(db, rc, "dest", path, ctx);
	enum s40_err e = S40_OK;
	int rows = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(q, 0);
		if (rows++ == 0 && v != NULL && strcmp(v, "ok") == 0)
			continue;
		if (e == S40_OK)
			e = s40_errorf(ctx, S40_E_DB, "dest", "สำเนา %s ไม่ผ่านการตรวจ %s: %s",
				       "the copy %s failed its %s: %s", path, check,
				       v != NULL ? v : "?");
	}
	if (e == S40_OK && rc != SQLITE_DONE)
		e = bk_error(db, rc, "dest", path, ctx);
	sqlite3_finalize(q);
	return e;
}

/* Remove the temporary copy at tmp and the files SQLite may have made beside it. */
static void bk_remove(const char *tmp)
{
	static const char *const sides[] = { "", "-journal", "-wal", "-shm" };
	char path[4096];
	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		snprintf(path, sizeof path, "%s%s", tmp, sides[i]);
		unlink(path);
	}
}

/* Whether a file path followed by suffix exists. */
static bool bk_beside(const char *path, const char *suffix)
{
	char p[4096];
	struct stat sb;
	snprintf(p, sizeof p, "%s%s", path, suffix);
	return stat(p, &sb) == 0;
}

/* fsync the file at path, and set *bytes to its size. */
static enum s40_err bk_sync_file(const char *path, const char *shown, int64_t *bytes,
				 struct s40_ctx *ctx)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fsync(fd) != 0 || fstat(fd, &sb) != 0) {
		int err = errno;
		if (fd >= 0)
			close(fd);
		return s40_errorf(ctx, S40_E_IO, "dest", "เขียน %s ลงดิสก์ไม่สำเร็จ: %s",
				  "could not write %s to disk: %s", shown, strerror(err));
	}
	close(fd);
	*bytes = (int64_t)sb.st_size;
	return S40_OK;
}

/* fsync the folder that holds path, so that a rename into it is on disk. */
static enum s40_err bk_sync_dir(const char *path, struct s40_ctx *ctx)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash == NULL)
		snprintf(dir, sizeof dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fsync(fd) != 0) {
		int err = errno;
		if (fd >= 0)
			close(fd);
		return s40_errorf(ctx, S40_E_IO, "dest", "บันทึกโฟลเดอร์ %s ลงดิสก์ไม่สำเร็จ: %s",
				  "could not write the folder %s to disk: %s", dir, strerror(err));
	}
	close(fd);
	return S40_OK;
}

/* The checks of db and dest that need no database opened. */
static enum s40_err bk_args(const char *db, const char *dest, unsigned flags, struct s40_ctx *ctx)
{
	if (s40_store_uri_is_pg(db))
		return s40_errorf(ctx, S40_E_USAGE, "db",
				  "สำรองแบบนี้ได้เฉพาะไฟล์ SQLite ฐานข้อมูล PostgreSQL สำรองด้วย "
				  "pg_basebackup และการเก็บไฟล์ WAL (ดู docs/DEPLOY.md)",
				  "only a SQLite file is backed up this way: a PostgreSQL database "
				  "is backed up with pg_basebackup and WAL archiving "
				  "(see docs/DEPLOY.md)");
	if (dest == NULL || dest[0] == '\0')
		return s40_errorf(ctx, S40_E_MISSING, "dest", "ไม่ได้ระบุไฟล์ปลายทาง",
				  "no destination file given");
	if (strlen(dest) > 4000)
		return s40_errorf(ctx, S40_E_BAD_VALUE, "dest", "ชื่อไฟล์ปลายทางยาวเกินไป",
				  "the destination's name is too long");
	if (s40_store_uri_is_pg(dest))
		return s40_errorf(ctx, S40_E_USAGE, "dest",
				  "ปลายทางต้องเป็นไฟล์ ไม่ใช่ฐานข้อมูล PostgreSQL: %s",
				  "the destination is a file, not a PostgreSQL database: %s", dest);
	struct stat sdb, sdest;
	if (stat(db, &sdb) != 0) {
		if (errno == ENOENT)
			return s40_errorf(ctx, S40_E_NOT_FOUND, "db", "ไม่พบฐานข้อมูล %s",
					  "no database at %s", db);
		return s40_errorf(ctx, S40_E_IO, "db", "อ่านฐานข้อมูล %s ไม่ได้: %s",
				  "cannot read the database %s: %s", db, strerror(errno));
	}
	if (!S_ISREG(sdb.st_mode))
		return s40_errorf(ctx, S40_E_DB, "db", "%s ไม่ใช่ฐานข้อมูลของ s40",
				  "%s is not an s40 database", db);
	if (stat(dest, &sdest) != 0)
		return S40_OK; /* a new file: its folder is tried with the temporary file */
	if (sdest.st_dev == sdb.st_dev && sdest.st_ino == sdb.st_ino)
		return s40_errorf(ctx, S40_E_USAGE, "dest", "ปลายทาง %s คือฐานข้อมูลที่จะสำรองเอง",
				  "the destination %s is the database being backed up", dest);
	if (S_ISDIR(sdest.st_mode))
		return s40_errorf(ctx, S40_E_BAD_VALUE, "dest",
				  "%s เป็นโฟลเดอร์: ต้องระบุชื่อไฟล์ของสำเนา",
				  "%s is a folder: give the copy's file name", dest);
	if (!(flags & S40_BACKUP_FORCE))
		return s40_errorf(ctx, S40_E_EXISTS, "dest", "มีไฟล์ %s อยู่แล้ว จึงไม่ได้เขียนทับ",
				  "%s exists already, so it was not replaced", dest);
	if (bk_beside(dest, "-wal") || bk_beside(dest, "-journal"))
		return s40_errorf(ctx, S40_E_EXISTS, "dest",
				  "มีไฟล์ %s-wal หรือ -journal อยู่ข้างกัน: มีโปรแกรมเปิด %s อยู่ "
				  "หรือปิดไม่เรียบร้อย จึงไม่ได้เขียนทับ",
				  "%s-wal or -journal is beside it: a program has %s open, or did "
				  "not close it cleanly, so it was not replaced",
				  dest, dest);
	return S40_OK;
}

/* Copy src (in a read transaction) into the empty file tmp, step by step. */
static enum s40_err bk_copy(sqlite3 *src, const char *db, const char *tmp, const char *dest,
			    void (*progress)(void *arg, int64_t done, int64_t total), void *arg,
			    int64_t *pages, struct s40_ctx *ctx)
{
	sqlite3 *dst = NULL;
	enum s40_err e = bk_open(tmp, "dest", &dst, ctx);
	/* Nothing of the file matters before it is complete: a failure removes it. */
	if (e == S40_OK)
		e = bk_exec(dst, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", "dest",
			    dest, ctx);
	sqlite3_backup *b = NULL;
	if (e == S40_OK && (b = sqlite3_backup_init(dst, "main", src, "main")) == NULL)
		e = bk_error(dst, sqlite3_errcode(dst), "dest", dest, ctx);
	int rc = SQLITE_OK, waited = 0;
	while (e == S40_OK) {
		rc = sqlite3_backup_step(b, S40_BACKUP_STEP_PAGES);
		int total = sqlite3_backup_pagecount(b);
		if (progress != NULL)
			progress(arg, total - sqlite3_backup_remaining(b), total);
		if (rc == SQLITE_DONE)
			break;
		if (rc == SQLITE_OK) {
			waited = 0;
			continue;
		}
		int prim = rc & 0xff;
		if ((prim == SQLITE_BUSY || prim == SQLITE_LOCKED) && waited < BUSY_MAX_MS) {
			sqlite3_sleep(BUSY_SLEEP_MS);
			waited += BUSY_SLEEP_MS;
			continue;
		}
		e = bk_error(NULL, rc, "db", db, ctx);
	}
	if (b != NULL) {
		*pages = sqlite3_backup_pagecount(b);
		int frc = sqlite3_backup_finish(b);
		if (e == S40_OK && frc != SQLITE_OK)
			e = bk_error(dst, frc, "dest", dest, ctx);
	}
	if (dst != NULL && sqlite3_close(dst) != SQLITE_OK && e == S40_OK)
		e = s40_errorf(ctx, S40_E_IO, "dest", "ปิดไฟล์ %s ไม่สำเร็จ", "could not close %s",
			       dest);
	return e;
}

/* Check the copy at tmp and that it holds what src held (want). */
static enum s40_err bk_verify(const char *tmp, const char *dest, const char *check,
			      const struct bk_state *want, struct bk_state *got,
			      struct s40_ctx *ctx)
{
	sqlite3 *c = NULL;
	enum s40_err e = bk_open(tmp, "dest", &c, ctx);
	if (e == S40_OK)
		e = bk_check(c, check, dest, ctx);
	if (e == S40_OK)
		e = bk_state_read(c, "dest", dest, got, ctx);
	if (e == S40_OK && (got->version != want->version || got->seq != want->seq ||
			    strcmp(got->hash, want->hash) != 0))
		e = s40_errorf(ctx, S40_E_DB, "dest",
			       "สำเนา %s จบที่บันทึกลำดับ %lld รุ่น %d ไม่ตรงกับฐานข้อมูล (%lld รุ่น %d)",
			       "the copy %s ends at journal entry %lld, schema %d, not where the "
			       "database did (%lld, schema %d)",
			       dest, (long long)got->seq, got->version, (long long)want->seq,
			       want->version);
	if (c != NULL)
		sqlite3_close(c);
	return e;
}

enum s40_err s40_store_backup(const char *db, const char *dest, unsigned flags,
			      void (*progress)(void *arg, int64_t done, int64_t total), void *arg,
			      struct s40_backup_info *info, struct s40_ctx *ctx)
{
	memset(info, 0, sizeof *info);
	info->check = flags & S40_BACKUP_QUICK ? "quick_check" : "integrity_check";
	enum s40_err e = bk_args(db, dest, flags, ctx);
	if (e != S40_OK)
		return e;

	/* The source, in a read transaction begun by its first read: the snapshot. */
	sqlite3 *src = NULL;
	struct bk_state want, got;
	if ((e = bk_open(db, "db", &src, ctx)) != S40_OK)
		return e;
	if ((e = bk_exec(src, "PRAGMA query_only = 1; BEGIN", "db", db, ctx)) == S40_OK)
		e = bk_state_read(src, "db", db, &want, ctx);
	if (e != S40_OK) {
		sqlite3_close(src);
		return e;
	}

	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", dest);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		e = s40_errorf(ctx, S40_E_IO, "dest", "สร้างไฟล์ชั่วคราวข้าง %s ไม่ได้: %s",
			       "cannot create a temporary file beside %s: %s", dest,
			       strerror(errno));
		sqlite3_exec(src, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(src);
		return e;
	}
	close(fd);

	e = bk_copy(src, db, tmp, dest, progress, arg, &info->pages, ctx);
	sqlite3_exec(src, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(src);
	if (e == S40_OK)
		e = bk_verify(tmp, dest, info->check, &want, &got, ctx);
	if (e == S40_OK)
		e = bk_sync_file(tmp, dest, &info->bytes, ctx);
	if (e == S40_OK && rename(tmp, dest) != 0)
		e = s40_errorf(ctx, S40_E_IO, "dest", "เขียน %s ไม่ได้: %s", "cannot write %s: %s",
			       dest, strerror(errno));
	if (e != S40_OK) {
		bk_remove(tmp);
		return e;
	}
	info->schema_version = got.version;
	info->journal_seq = got.seq;
	memcpy(info->journal_hash, got.hash, sizeof info->journal_hash);
	/* The copy is in place; a folder that cannot be synced is still reported. */
	return bk_sync_dir(dest, ctx);
}
