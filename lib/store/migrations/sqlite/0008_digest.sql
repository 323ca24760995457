-- 0008: the digest of each table's rows (lib/store/digest.h). Every commit that
-- changes a digested table adds what it changed to that table's digest, in the same
-- transaction; s40 journal verify recomputes the digests from the rows and compares.
-- A row changed by anything other than s40 shows as a difference. The digests of the
-- rows already here are computed when the database is first opened after this
-- migration (sqlite.c: sq_digest_seed).
CREATE TABLE data_digest (
	tbl TEXT PRIMARY KEY,
	v BLOB NOT NULL
) WITHOUT ROWID;
