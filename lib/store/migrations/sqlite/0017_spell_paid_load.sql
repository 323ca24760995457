-- 0017 (SQLite): a load (an import of enrolments, exclusions or payments) makes spell_paid
-- anew only for the members it touched, after its rows, instead of row by row (issue 11).
--
-- Kept by 0015's triggers, a spell's row of spell_paid and its three index entries were
-- written as each enrolment went in: `s40 import enrolments` of bench/national_build.sh's
-- 499,534 enrolments into its register of 1 M persons took 47 s with the triggers and 20 s
-- with them dropped. Inside a
-- load's transaction spell_paid_load holds the mark 0 (lib/store/sqlite.c: the load's
-- DEFER): while it is there, those triggers do nothing and the ones below write down each
-- member whose spells or months paid changed; the load's BUILD makes those members' rows
-- anew in one statement and empties the table before its commit. Other connections never
-- see a row of it (a load writes in one transaction), so for them the triggers work as
-- before.
CREATE TABLE spell_paid_load (person INTEGER PRIMARY KEY);

DROP TRIGGER spell_paid_spell_insert;
DROP TRIGGER spell_paid_spell_update;
DROP TRIGGER spell_paid_spell_delete;
DROP TRIGGER spell_paid_ledger_insert;
DROP TRIGGER spell_paid_ledger_delete;
DROP TRIGGER spell_paid_ledger_update;

CREATE TRIGGER spell_paid_spell_insert
 AFTER INSERT ON spell
WHEN NOT EXISTS (SELECT 1 FROM spell_paid_load WHERE person = 0) BEGIN
	INSERT INTO spell_paid(spell_id, person, province, village, start_day, end_day,
			       recruited_by, start_month, paid_to, run_from, since)
	VALUES (new.spell_id, new.person, new.province, new.village, new.start_day,
		new.end_day, new.recruited_by,
		(SELECT (y + (m <= 2) - 1970) * 12 + m - 1 FROM (SELECT yoe + era * 400 AS y, CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END AS m FROM (SELECT era, yoe, (5 * (doe - (365 * yoe + yoe / 4 - yoe / 100)) + 2) / 153 AS mp FROM (SELECT era, doe, (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 AS yoe FROM (SELECT era, z - era * 146097 AS doe FROM (SELECT z, (CASE WHEN z >= 0 THEN z ELSE z - 146096 END) / 146097 AS era FROM (SELECT new.start_day + 719468 AS z) a) b) c) d) e) f),
		(SELECT max(month) FROM ledger WHERE person = new.person),
		(SELECT max(l.month) FROM ledger l WHERE l.person = new.person
		 AND NOT EXISTS (SELECT 1 FROM ledger p WHERE p.person = new.person
				 AND p.month = l.month - 1)),
		max((SELECT (y + (m <= 2) - 1970) * 12 + m - 1 FROM (SELECT yoe + era * 400 AS y, CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END AS m FROM (SELECT era, yoe, (5 * (doe - (365 * yoe + yoe / 4 - yoe / 100)) + 2) / 153 AS mp FROM (SELECT era, doe, (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 AS yoe FROM (SELECT era, z - era * 146097 AS doe FROM (SELECT z, (CASE WHEN z >= 0 THEN z ELSE z - 146096 END) / 146097 AS era FROM (SELECT new.start_day + 719468 AS z) a) b) c) d) e) f),
		    coalesce((SELECT max(month) FROM ledger WHERE person = new.person) + 1,
			     (SELECT (y + (m <= 2) - 1970) * 12 + m - 1 FROM (SELECT yoe + era * 400 AS y, CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END AS m FROM (SELECT era, yoe, (5 * (doe - (365 * yoe + yoe / 4 - yoe / 100)) + 2) / 153 AS mp FROM (SELECT era, doe, (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 AS yoe FROM (SELECT era, z - era * 146097 AS doe FROM (SELECT z, (CASE WHEN z >= 0 THEN z ELSE z - 146096 END) / 146097 AS era FROM (SELECT new.start_day + 719468 AS z) a) b) c) d) e) f))));
END;

CREATE TRIGGER spell_paid_spell_update
AFTER UPDATE OF person, province, village, start_day, end_day, recruited_by ON spell
WHEN NOT EXISTS (SELECT 1 FROM spell_paid_load WHERE person = 0) BEGIN
	UPDATE spell_paid SET person = new.person, province = new.province,
		village = new.village, start_day = new.start_day, end_day = new.end_day,
		recruited_by = new.recruited_by,
		start_month = (SELECT (y + (m <= 2) - 1970) * 12 + m - 1 FROM (SELECT yoe + era * 400 AS y, CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END AS m FROM (SELECT era, yoe, (5 * (doe - (365 * yoe + yoe / 4 - yoe / 100)) + 2) / 153 AS mp FROM (SELECT era, doe, (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 AS yoe FROM (SELECT era, z - era * 146097 AS doe FROM (SELECT z, (CASE WHEN z >= 0 THEN z ELSE z - 146096 END) / 146097 AS era FROM (SELECT new.start_day + 719468 AS z) a) b) c) d) e) f),
		since = max((SELECT (y + (m <= 2) - 1970) * 12 + m - 1 FROM (SELECT yoe + era * 400 AS y, CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END AS m FROM (SELECT era, yoe, (5 * (doe - (365 * yoe + yoe / 4 - yoe / 100)) + 2) / 153 AS mp FROM (SELECT era, doe, (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 AS yoe FROM (SELECT era, z - era * 146097 AS doe FROM (SELECT z, (CASE WHEN z >= 0 THEN z ELSE z - 146096 END) / 146097 AS era FROM (SELECT new.start_day + 719468 AS z) a) b) c) d) e) f),
			    coalesce(paid_to + 1, (SELECT (y + (m <= 2) - 1970) * 12 + m - 1 FROM (SELECT yoe + era * 400 AS y, CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END AS m FROM (SELECT era, yoe, (5 * (doe - (365 * yoe + yoe / 4 - yoe / 100)) + 2) / 153 AS mp FROM (SELECT era, doe, (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 AS yoe FROM (SELECT era, z - era * 146097 AS doe FROM (SELECT z, (CASE WHEN z >= 0 THEN z ELSE z - 146096 END) / 146097 AS era FROM (SELECT new.start_day + 719468 AS z) a) b) c) d) e) f)))
	WHERE spell_id = old.spell_id;
END;

CREATE TRIGGER spell_paid_spell_delete
 AFTER DELETE ON spell
WHEN NOT EXISTS (SELECT 1 FROM spell_paid_load WHERE person = 0) BEGIN
	DELETE FROM spell_paid WHERE spell_id = old.spell_id;
END;

CREATE TRIGGER spell_paid_ledger_insert
 AFTER INSERT ON ledger
WHEN NOT EXISTS (SELECT 1 FROM spell_paid_load WHERE person = 0) BEGIN
	UPDATE spell_paid SET
		run_from = CASE
			WHEN paid_to IS NULL OR new.month > paid_to + 1 THEN new.month
			WHEN new.month <> run_from - 1 THEN run_from
			ELSE (SELECT max(l.month) FROM ledger l WHERE l.person = new.person
			      AND l.month <= new.month AND NOT EXISTS (SELECT 1 FROM ledger p
			      WHERE p.person = new.person AND p.month = l.month - 1)) END,
		paid_to = max(coalesce(paid_to, new.month), new.month),
		since = max(start_month, max(coalesce(paid_to, new.month), new.month) + 1)
	WHERE person = new.person;
END;

CREATE TRIGGER spell_paid_ledger_delete
 AFTER DELETE ON ledger
WHEN NOT EXISTS (SELECT 1 FROM spell_paid_load WHERE person = 0) BEGIN
	UPDATE spell_paid SET
		paid_to = (SELECT max(month) FROM ledger WHERE person = old.person),
		run_from = (SELECT max(l.month) FROM ledger l WHERE l.person = old.person
			    AND NOT EXISTS (SELECT 1 FROM ledger p WHERE p.person = old.person
					    AND p.month = l.month - 1))
	WHERE person = old.person;
	UPDATE spell_paid SET since = max(start_month, coalesce(paid_to + 1, start_month))
	WHERE person = old.person;
END;

CREATE TRIGGER spell_paid_ledger_update
 AFTER UPDATE OF person, month ON ledger
WHEN (old.person <> new.person OR old.month <> new.month)
	AND NOT EXISTS (SELECT 1 FROM spell_paid_load WHERE person = 0) BEGIN
	UPDATE spell_paid SET
		paid_to = (SELECT max(month) FROM ledger l WHERE l.person = spell_paid.person),
		run_from = (SELECT max(l.month) FROM ledger l WHERE l.person = spell_paid.person
			    AND NOT EXISTS (SELECT 1 FROM ledger p WHERE p.person = l.person
					    AND p.month = l.month - 1))
	WHERE person IN (old.person, new.person);
	UPDATE spell_paid SET since = max(start_month, coalesce(paid_to + 1, start_month))
	WHERE person IN (old.person, new.person);
END;

-- While a load defers: the members whose rows its BUILD makes anew.
CREATE TRIGGER spell_paid_load_spell_insert AFTER INSERT ON spell
WHEN EXISTS (SELECT 1 FROM spell_paid_load WHERE person = 0) BEGIN
	INSERT OR IGNORE INTO spell_paid_load(person) VALUES (new.person);
END;

CREATE TRIGGER spell_paid_load_spell_update
AFTER UPDATE OF person, province, village, start_day, end_day, recruited_by ON spell
WHEN EXISTS (SELECT 1 FROM spell_paid_load WHERE person = 0) BEGIN
	INSERT OR IGNORE INTO spell_paid_load(person) VALUES (old.person), (new.person);
END;

CREATE TRIGGER spell_paid_load_spell_delete AFTER DELETE ON spell
WHEN EXISTS (SELECT 1 FROM spell_paid_load WHERE person = 0) BEGIN
	INSERT OR IGNORE INTO spell_paid_load(person) VALUES (old.person);
END;

CREATE TRIGGER spell_paid_load_ledger_insert AFTER INSERT ON ledger
WHEN EXISTS (SELECT 1 FROM spell_paid_load WHERE person = 0) BEGIN
	INSERT OR IGNORE INTO spell_paid_load(person) VALUES (new.person);
END;

CREATE TRIGGER spell_paid_load_ledger_update AFTER UPDATE OF person, month ON ledger
WHEN EXISTS (SELECT 1 FROM spell_paid_load WHERE person = 0) BEGIN
	INSERT OR IGNORE INTO spell_paid_load(person) VALUES (old.person), (new.person);
END;

CREATE TRIGGER spell_paid_load_ledger_delete AFTER DELETE ON ledger
WHEN EXISTS (SELECT 1 FROM spell_paid_load WHERE person = 0) BEGIN
	INSERT OR IGNORE INTO spell_paid_load(person) VALUES (old.person);
END;
