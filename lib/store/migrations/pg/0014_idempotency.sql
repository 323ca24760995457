-- 0014 (PostgreSQL): the keys of repeated writes, as migrations/sqlite/0014_idempotency.sql
-- (the Idempotency-Key request header of s40 serve): server state, not journaled, not
-- digested, not copied.
CREATE TABLE idempotency (
	user_name text COLLATE "C" NOT NULL,
	key text COLLATE "C" NOT NULL,
	fingerprint text COLLATE "C" NOT NULL,
	method text COLLATE "C" NOT NULL,
	path text COLLATE "C" NOT NULL,
	status integer,
	content_type text COLLATE "C",
	location text COLLATE "C",
	body bytea,
	created_at bigint NOT NULL,
	PRIMARY KEY (user_name, key)
);
CREATE INDEX idempotency_created ON idempotency(created_at);
