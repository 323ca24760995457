-- 0014: the keys of repeated writes (the Idempotency-Key request header of s40 serve).
--
-- A phone that queued writes offline sends them again when the network returns; a write
-- sent again after its answer was lost carries the same key and must be applied once.
-- A key's row is written in the transaction of the write it belongs to (inside the
-- write's own savepoint), so that a write committed is never applied again, even when the
-- server stopped before answering; the answer (status, content type, Location, body) is
-- stored on the row afterwards, and a repeat of the request gets it back. status is NULL
-- until then. fingerprint is the SHA-256 (hex) of the method, the path with its query and
-- the body: the same key with another request is refused. Keys are per user (user_name,
-- the name the request was made as) and kept 30 days (created_at, seconds since the
-- epoch; the server removes older rows now and then). The rows are the server's state,
-- not the registry's: not journaled, not digested (0008), not copied by s40 copy.
CREATE TABLE idempotency (
	user_name TEXT NOT NULL,
	key TEXT NOT NULL,
	fingerprint TEXT NOT NULL,
	method TEXT NOT NULL,
	path TEXT NOT NULL,
	status INTEGER,
	content_type TEXT,
	location TEXT,
	body BLOB,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (user_name, key)
);
CREATE INDEX idempotency_created ON idempotency(created_at);
