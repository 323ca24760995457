-- 0004: the server's users, their sessions and the login throttle.
-- A user has one role and one area: the area code prefix it may read and
-- change (0 for the whole country). A volunteer may point to the registered
-- person it is (recruits are the spells whose recruited_by is that person).
-- Passwords are argon2id strings from libsodium (crypto_pwhash_str): the
-- algorithm, its cost and the salt are in the string; no password is stored.

-- role: 1 admin, 2 officer, 3 volunteer, 4 viewer.
CREATE TABLE app_user (
	user_id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	role INTEGER NOT NULL CHECK (role BETWEEN 1 AND 4),
	area INTEGER NOT NULL,
	person INTEGER,
	pw_hash TEXT NOT NULL,
	disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled BETWEEN 0 AND 1),
	created_at INTEGER NOT NULL,
	journal_seq INTEGER NOT NULL
);

-- A session is a random 32-byte token given to the client once; only its
-- SHA-256 is kept, so a copy of the database opens no session.
CREATE TABLE session (
	token_hash BLOB PRIMARY KEY,
	user_id INTEGER NOT NULL REFERENCES app_user(user_id),
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	addr TEXT
) WITHOUT ROWID;
CREATE INDEX session_user ON session(user_id);
CREATE INDEX session_expires ON session(expires_at);

-- Failed logins, per key: "user:NAME" or "addr:ADDRESS". failures counts the
-- failures since window_start; locked_until is the unix second before which
-- the next attempt is refused (slowed, then refused for a while).
CREATE TABLE login_throttle (
	key TEXT PRIMARY KEY,
	failures INTEGER NOT NULL,
	window_start INTEGER NOT NULL,
	locked_until INTEGER NOT NULL
) WITHOUT ROWID;
