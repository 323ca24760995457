-- 0001: the register. Codes and IDs are integers; days are day numbers since
-- 1970-01-01; money is integer satang. Every large table keeps the province code
-- so that a national deployment can be distributed by province.
-- CHECKs use BETWEEN, not IN (…): SQLite builds a temporary b-tree for an IN list of
-- three or more values on every insert, a third of an import's time.

CREATE TABLE meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- DOPA areas: province (level 1), district (2), subdistrict (3), village (4).
-- moo is the หมู่ที่ of a village; 0 for the "in no village" code (part 00).
CREATE TABLE area (
	code INTEGER PRIMARY KEY,
	level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
	parent INTEGER REFERENCES area(code),
	moo INTEGER,
	name_th TEXT NOT NULL,
	name_en TEXT,
	postcode TEXT
);
CREATE INDEX area_parent ON area(parent);

-- The person register, keyed by the 13-digit national ID.
-- thai: 1 Thai nationality recorded from the card, 0 not Thai, -1 not recorded.
-- sex: 1 male, 2 female, NULL not recorded.
CREATE TABLE person (
	id INTEGER PRIMARY KEY CHECK (id BETWEEN 1000000000000 AND 8999999999999),
	title TEXT,
	first_th TEXT NOT NULL,
	last_th TEXT NOT NULL,
	first_en TEXT,
	last_en TEXT,
	birth_day INTEGER,
	sex INTEGER CHECK (sex BETWEEN 1 AND 2),
	thai INTEGER NOT NULL CHECK (thai BETWEEN -1 AND 1),
	province INTEGER NOT NULL,
	village INTEGER NOT NULL REFERENCES area(code),
	phone TEXT,
	address TEXT,
	journal_seq INTEGER NOT NULL
);
CREATE INDEX person_village ON person(village);

-- Section 40 membership spells: a member from start_day until the day before
-- end_day (half-open), or still a member when end_day is NULL.
CREATE TABLE spell (
	spell_id INTEGER PRIMARY KEY,
	person INTEGER NOT NULL REFERENCES person(id),
	province INTEGER NOT NULL,
	village INTEGER NOT NULL REFERENCES area(code),
	start_day INTEGER NOT NULL,
	end_day INTEGER,
	end_reason INTEGER CHECK (end_reason BETWEEN 1 AND 7),
	option INTEGER NOT NULL CHECK (option BETWEEN 1 AND 3),
	recruited_by INTEGER,
	channel TEXT,
	journal_seq INTEGER NOT NULL,
	CHECK (end_day IS NULL OR end_day >= start_day),
	CHECK ((end_day IS NULL) = (end_reason IS NULL))
);
CREATE UNIQUE INDEX spell_one_open ON spell(person) WHERE end_day IS NULL;
CREATE INDEX spell_person ON spell(person, start_day);

-- Option changes: in force from from_month (a month number) on.
CREATE TABLE option_change (
	spell_id INTEGER NOT NULL REFERENCES spell(spell_id),
	request_day INTEGER NOT NULL,
	from_month INTEGER NOT NULL,
	old_option INTEGER NOT NULL CHECK (old_option BETWEEN 1 AND 3),
	new_option INTEGER NOT NULL CHECK (new_option BETWEEN 1 AND 3),
	journal_seq INTEGER NOT NULL,
	PRIMARY KEY (spell_id, from_month)
);

-- Exclusions: cover under another scheme (s.33, s.39) or status (civil servant,
-- state enterprise), from lists of other agencies. The person need not be in
-- the register yet, so there is no foreign key; province is known when they are.
CREATE TABLE exclusion (
	excl_id INTEGER PRIMARY KEY,
	person INTEGER NOT NULL,
	province INTEGER,
	kind INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 4),
	start_day INTEGER,
	end_day INTEGER,
	source TEXT,
	journal_seq INTEGER NOT NULL,
	CHECK (end_day IS NULL OR start_day IS NULL OR end_day >= start_day)
);
CREATE INDEX exclusion_person ON exclusion(person, kind, start_day);

-- The journal: append-only and hash-chained (lib/registry/journal.c).
CREATE TABLE journal (
	seq INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	user TEXT NOT NULL,
	op TEXT NOT NULL,
	entity TEXT NOT NULL,
	detail TEXT NOT NULL,
	prev_hash BLOB NOT NULL,
	hash BLOB NOT NULL
);
CREATE INDEX journal_entity ON journal(entity);
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
BEGIN
	SELECT RAISE(ABORT, 'the journal is append-only');
END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
BEGIN
	SELECT RAISE(ABORT, 'the journal is append-only');
END;
