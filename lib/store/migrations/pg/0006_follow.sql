-- 0006 (PostgreSQL): servers on one database follow each other. Every commit that
-- appends to the journal notifies the channel s40_journal, and every commit that ends
-- a session (a logout, a password change, an expiry sweep) the channel s40_session;
-- each s40 serve LISTENs on both (s40_store_wait_change) and then reads the journal
-- after the last entry it has applied, or forgets its cached sessions. The trigger is
-- per statement and NOTIFY folds equal notifications of one transaction, so a group
-- commit of a thousand enrolments sends one notification. A notification is only a
-- hint: a server also checks the journal's head every second, so one lost while a
-- server was reconnecting costs at most that second.
CREATE FUNCTION s40_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify(TG_ARGV[0], '');
	RETURN NULL;
END
$$;
CREATE TRIGGER journal_notify AFTER INSERT ON journal
	FOR EACH STATEMENT EXECUTE FUNCTION s40_notify('s40_journal');
CREATE TRIGGER session_notify AFTER DELETE ON session
	FOR EACH STATEMENT EXECUTE FUNCTION s40_notify('s40_session');
