-- deploy/partitioning.sql — declarative partitioning of s40's largest tables on
-- PostgreSQL 15 (docs/DEPLOY.md, "When one primary is no longer enough").
--
-- NOT applied by s40 and not part of its migrations: a sketch of the change, to be
-- made into a migration together with the changes to s40 that docs/DEPLOY.md lists
-- (the queries that find a row by its key alone, the key sync of s40 copy, the
-- column option_change needs). It was run once on a copy of the demo database to
-- check that it applies and what s40 does on top of it (docs/DEPLOY.md, "What was
-- tested here"). Run it only on a copy, with every s40 server stopped:
--   psql -v ON_ERROR_STOP=1 -d s40 -f partitioning.sql
--
-- What it does, in one transaction:
--   ledger  partitioned BY RANGE (month), one partition per fiscal year
--           (month counts months from January 1970: FY 2568 = October 2024 to
--           September 2025 = months 657 to 668), the primary key (person, month)
--           as it is, since it already holds the partition key;
--   person  partitioned BY LIST (province), one partition per province, the key
--           (province, id); a new table person_key (id, province), not
--           partitioned, keeps the national ID unique across provinces and is
--           what every foreign key to a person refers to;
--   spell   partitioned BY LIST (province), the key (province, spell_id); the
--           ledger's foreign key to it becomes (province, spell_id).

BEGIN;
SET LOCAL lock_timeout = '10s';

-- The partitions: one per province code present in the areas (77), one per
-- fiscal year from the ledger's first month to two years after today. The
-- function stays: the yearly step that adds the next year uses it.
CREATE FUNCTION s40_part_fy_first_month(fy integer) RETURNS integer
	LANGUAGE sql IMMUTABLE AS $$ SELECT (fy - 543 - 1 - 1970) * 12 + 9 $$;

-- ---------------------------------------------------------------- person
ALTER TABLE person RENAME TO person_old;
ALTER INDEX person_pkey RENAME TO person_old_pkey;
ALTER INDEX person_village RENAME TO person_old_village;
ALTER INDEX person_name_th RENAME TO person_old_name_th;
ALTER INDEX person_name_en RENAME TO person_old_name_en;
CREATE TABLE person_key (
	id bigint PRIMARY KEY,
	province integer NOT NULL
);
INSERT INTO person_key(id, province) SELECT id, province FROM person_old;

CREATE TABLE person (
	id bigint NOT NULL CHECK (id BETWEEN 1000000000000 AND 8999999999999),
	title text COLLATE "C",
	first_th text COLLATE "C" NOT NULL,
	last_th text COLLATE "C" NOT NULL,
	first_en text COLLATE "C",
	last_en text COLLATE "C",
	birth_day integer,
	sex integer CHECK (sex BETWEEN 1 AND 2),
	thai integer NOT NULL CHECK (thai BETWEEN -1 AND 1),
	province integer NOT NULL,
	village integer NOT NULL REFERENCES area(code),
	phone text COLLATE "C",
	address text COLLATE "C",
	journal_seq bigint NOT NULL,
	PRIMARY KEY (province, id),
	FOREIGN KEY (id) REFERENCES person_key(id) DEFERRABLE INITIALLY DEFERRED
) PARTITION BY LIST (province);
DO $$
DECLARE p integer;
BEGIN
	FOR p IN SELECT code FROM area WHERE level = 1 ORDER BY code LOOP
		EXECUTE format('CREATE TABLE person_p%s PARTITION OF person FOR VALUES IN (%s)', p, p);
	END LOOP;
END $$;
CREATE INDEX person_village ON person(village);
-- the names' trigram indexes of migration 0010, on the same expressions
CREATE INDEX person_name_th ON person USING gin ((first_th || ' ' || last_th) gin_trgm_ops);
CREATE INDEX person_name_en ON person
	USING gin ((coalesce(first_en, '') || ' ' || coalesce(last_en, '')) gin_trgm_ops);
-- a person found by the ID alone (s40's PERSON_GET today) probes this index in
-- every partition; with the province from person_key it probes one
CREATE INDEX person_id ON person(id);

-- person_key follows person: a new person, a move to another province
CREATE FUNCTION s40_person_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO person_key(id, province) VALUES (NEW.id, NEW.province)
	ON CONFLICT (id) DO UPDATE SET province = excluded.province;
	RETURN NULL;
END $$;
CREATE TRIGGER person_key_sync AFTER INSERT OR UPDATE OF province ON person
	FOR EACH ROW EXECUTE FUNCTION s40_person_key();

INSERT INTO person SELECT * FROM person_old;

-- every foreign key to person(id) now refers to person_key(id)
ALTER TABLE spell DROP CONSTRAINT spell_person_fkey;
ALTER TABLE payment DROP CONSTRAINT payment_person_fkey,
	ADD FOREIGN KEY (person) REFERENCES person_key(id);
ALTER TABLE benefit DROP CONSTRAINT benefit_person_fkey,
	ADD FOREIGN KEY (person) REFERENCES person_key(id);
ALTER TABLE survey_resident DROP CONSTRAINT survey_resident_person_fkey,
	ADD FOREIGN KEY (person) REFERENCES person_key(id);
ALTER TABLE network_member DROP CONSTRAINT network_member_person_fkey,
	ADD FOREIGN KEY (person) REFERENCES person_key(id);
ALTER TABLE network_member DROP CONSTRAINT network_member_supervisor_fkey,
	ADD FOREIGN KEY (supervisor) REFERENCES person_key(id);
ALTER TABLE event_staff DROP CONSTRAINT event_staff_person_fkey,
	ADD FOREIGN KEY (person) REFERENCES person_key(id);
ALTER TABLE followup_assign DROP CONSTRAINT followup_assign_person_fkey,
	ADD FOREIGN KEY (person) REFERENCES person_key(id);
ALTER TABLE followup_assign DROP CONSTRAINT followup_assign_assignee_fkey,
	ADD FOREIGN KEY (assignee) REFERENCES person_key(id);
ALTER TABLE followup_call DROP CONSTRAINT followup_call_person_fkey,
	ADD FOREIGN KEY (person) REFERENCES person_key(id);
ALTER TABLE followup_call DROP CONSTRAINT followup_call_caller_fkey,
	ADD FOREIGN KEY (caller) REFERENCES person_key(id);
DROP TABLE person_old;

-- ---------------------------------------------------------------- spell
-- PostgreSQL 15 has no identity column on a partitioned table: spell_id takes
-- its numbers from a sequence of its own, moved past the copied ones.
ALTER TABLE spell RENAME TO spell_old;
ALTER INDEX spell_pkey RENAME TO spell_old_pkey;
ALTER INDEX spell_one_open RENAME TO spell_old_one_open;
ALTER INDEX spell_person RENAME TO spell_old_person;
ALTER INDEX spell_event RENAME TO spell_old_event;
ALTER INDEX spell_recruited_by RENAME TO spell_old_recruited_by;
ALTER TABLE ledger DROP CONSTRAINT ledger_spell_id_fkey;
ALTER TABLE option_change DROP CONSTRAINT option_change_spell_id_fkey;
CREATE SEQUENCE spell_spell_id_seq2;
SELECT setval('spell_spell_id_seq2', (SELECT coalesce(max(spell_id), 0) + 1 FROM spell_old), false);
CREATE TABLE spell (
	spell_id bigint NOT NULL DEFAULT nextval('spell_spell_id_seq2'),
	person bigint NOT NULL REFERENCES person_key(id),
	province integer NOT NULL,
	village integer NOT NULL REFERENCES area(code),
	start_day integer NOT NULL,
	end_day integer,
	end_reason integer CHECK (end_reason BETWEEN 1 AND 7),
	option integer NOT NULL CHECK (option BETWEEN 1 AND 3),
	recruited_by bigint,
	channel text COLLATE "C",
	journal_seq bigint NOT NULL,
	event bigint REFERENCES field_event(event_id),
	CHECK (end_day IS NULL OR end_day >= start_day),
	CHECK ((end_day IS NULL) = (end_reason IS NULL)),
	PRIMARY KEY (province, spell_id)
) PARTITION BY LIST (province);
ALTER SEQUENCE spell_spell_id_seq2 OWNED BY spell.spell_id;
DO $$
DECLARE p integer;
BEGIN
	FOR p IN SELECT code FROM area WHERE level = 1 ORDER BY code LOOP
		EXECUTE format('CREATE TABLE spell_p%s PARTITION OF spell FOR VALUES IN (%s)', p, p);
	END LOOP;
END $$;
INSERT INTO spell SELECT spell_id, person, province, village, start_day, end_day, end_reason,
	option, recruited_by, channel, journal_seq, event FROM spell_old;
-- one open spell per person, now within a province only: across provinces the
-- rule is s40's own check, made under its one-writer lock
CREATE UNIQUE INDEX spell_one_open ON spell(province, person) WHERE end_day IS NULL;
CREATE INDEX spell_person ON spell(person, start_day, end_day, village);
CREATE INDEX spell_id ON spell(spell_id);
CREATE INDEX spell_event ON spell(event) WHERE event IS NOT NULL;
CREATE INDEX spell_recruited_by ON spell(recruited_by) WHERE recruited_by IS NOT NULL;
DROP TABLE spell_old;
ALTER SEQUENCE spell_spell_id_seq2 RENAME TO spell_spell_id_seq;

-- ---------------------------------------------------------------- ledger
ALTER TABLE ledger RENAME TO ledger_old;
ALTER INDEX ledger_pkey RENAME TO ledger_old_pkey;
ALTER INDEX ledger_month RENAME TO ledger_old_month;
CREATE TABLE ledger (
	person bigint NOT NULL,
	month integer NOT NULL,
	province integer NOT NULL,
	village integer NOT NULL,
	spell_id bigint NOT NULL,
	option integer NOT NULL CHECK (option BETWEEN 1 AND 3),
	member bigint NOT NULL CHECK (member >= 0),
	government bigint NOT NULL CHECK (government >= 0),
	extra bigint NOT NULL CHECK (extra BETWEEN 0 AND 100000),
	payment_id bigint NOT NULL REFERENCES payment(payment_id),
	PRIMARY KEY (person, month),
	FOREIGN KEY (province, spell_id) REFERENCES spell(province, spell_id)
) PARTITION BY RANGE (month);
DO $$
DECLARE
	first_fy integer;
	last_fy integer := extract(year FROM current_date)::integer + 543 + 2;
	fy integer;
BEGIN
	SELECT coalesce(min(month), s40_part_fy_first_month(last_fy - 2)) / 12 + 1970 + 543 + 1
		INTO first_fy FROM ledger_old;
	WHILE s40_part_fy_first_month(first_fy) > (SELECT coalesce(min(month), 1000000) FROM ledger_old) LOOP
		first_fy := first_fy - 1;
	END LOOP;
	EXECUTE format('CREATE TABLE ledger_before PARTITION OF ledger FOR VALUES FROM (MINVALUE) TO (%s)',
		       s40_part_fy_first_month(first_fy));
	FOR fy IN first_fy .. last_fy LOOP
		EXECUTE format('CREATE TABLE ledger_fy%s PARTITION OF ledger FOR VALUES FROM (%s) TO (%s)',
			       fy, s40_part_fy_first_month(fy), s40_part_fy_first_month(fy + 1));
	END LOOP;
	-- a month past the last year has a place too; each year the next year is
	-- added while this one is still empty (docs/DEPLOY.md, "The partitioning")
	EXECUTE format('CREATE TABLE ledger_after PARTITION OF ledger FOR VALUES FROM (%s) TO (MAXVALUE)',
		       s40_part_fy_first_month(last_fy + 1));
END $$;
CREATE INDEX ledger_month ON ledger(month, village);
INSERT INTO ledger SELECT * FROM ledger_old;
DROP TABLE ledger_old;
-- the ledger's sums by village and month (migration 0013) hold the rows just moved:
-- from here on they follow the new table, as they followed the old one
CREATE TRIGGER ledger_sum AFTER INSERT OR UPDATE OR DELETE ON ledger
	FOR EACH ROW EXECUTE FUNCTION s40_ledger_sum();

-- option_change keeps its spell_id; its foreign key needs the province too, a
-- column s40 does not write yet, so it is left without one here.

COMMIT;
ANALYZE person_key;
ANALYZE person;
ANALYZE spell;
ANALYZE ledger;
