-- 0008 (PostgreSQL): the digest of each table's rows, as migrations/sqlite/0008_digest.sql.
-- SQLite tells s40 of each changed row itself (its pre-update hook); here statement
-- triggers copy the rows a statement inserted, deleted or updated (old and new) into
-- the session's temporary table s40_delta as row_to_json text, and each commit of s40
-- reads and empties it and adds the rows' digests to data_digest (pg.c). A session
-- other than s40's fills its own s40_delta, which no one reads: its changes show as a
-- difference when the digests are checked.
CREATE TABLE data_digest (
	tbl text COLLATE "C" PRIMARY KEY,
	v bytea NOT NULL
);

CREATE FUNCTION s40_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF to_regclass('pg_temp.s40_delta') IS NULL THEN
		CREATE TEMP TABLE s40_delta (sign integer NOT NULL, tbl text NOT NULL,
					     img text NOT NULL);
	END IF;
	IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
		INSERT INTO pg_temp.s40_delta
			SELECT 1, TG_TABLE_NAME, row_to_json(s40_row)::text FROM new_rows s40_row;
	END IF;
	IF TG_OP = 'DELETE' OR TG_OP = 'UPDATE' THEN
		INSERT INTO pg_temp.s40_delta
			SELECT -1, TG_TABLE_NAME, row_to_json(s40_row)::text FROM old_rows s40_row;
	END IF;
	RETURN NULL;
END
$$;

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['area', 'person', 'spell', 'option_change', 'exclusion',
				 'payment', 'ledger', 'benefit', 'survey', 'survey_resident',
				 'target', 'app_user', 'network_member', 'field_event',
				 'event_staff'] LOOP
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE '
			       'AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION s40_capture()',
			       t || '_digest_ins', t);
		EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE '
			       'AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION s40_capture()',
			       t || '_digest_del', t);
		EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE '
			       'AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT '
			       'EXECUTE FUNCTION s40_capture()', t || '_digest_upd', t);
	END LOOP;
END
$$;
