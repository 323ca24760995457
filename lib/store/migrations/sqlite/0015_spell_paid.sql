-- 0015: each membership spell with its member's months paid, for the lapsed list (issue 11).
--
-- The lapsed list of a day in month M lists the members whose month M - 1 is unpaid, worst
-- first: by the month their unpaid months count from, the later of the spell's start month
-- and the month after the last month paid before M. It walked a province's spells in start
-- order, looking up each member's ledger, until it knew the worst: when most members pay,
-- nearly every spell of the province (all 17,443 of the demo's).
--
-- Here each spell carries its member's greatest month paid (paid_to) and the first month
-- of the run of consecutive months paid that ends there (run_from), and since, the later
-- of the start month and paid_to + 1. For a member with paid_to before M, since is the
-- month the unpaid months count from, exactly, so the worst of a province are the first
-- entries of spell_paid_since. A member with paid_to at M or later is paid up to M - 1 when
-- run_from is before M; only those whose run starts at M or later need their ledger read,
-- and spell_paid_paid finds them among those paid to M or later (lib/report/ledger.c), as
-- it counts the members who paid M - 1.
--
-- The rows are derived: kept by the triggers below from spell and ledger in the same
-- transaction, made anew after a bulk load (lib/store/sqlite.c), not digested and not
-- copied, as ledger_sum (0013). start_month is the spell's start day's month (core/date.h:
-- months since January 1970), in integer arithmetic (the days from the civil calendar's
-- algorithm of H. Hinnant) for any day the store holds: SQLite's date functions stop at
-- the years 0–9999, and the store keeps days beyond them.
CREATE TABLE spell_paid (
	spell_id INTEGER PRIMARY KEY,
	person INTEGER NOT NULL,
	province INTEGER NOT NULL,
	village INTEGER NOT NULL,
	start_day INTEGER NOT NULL,
	end_day INTEGER,
	recruited_by INTEGER,
	start_month INTEGER NOT NULL,
	paid_to INTEGER,
	run_from INTEGER,
	since INTEGER NOT NULL
);

INSERT INTO spell_paid(spell_id, person, province, village, start_day, end_day, recruited_by,
		       start_month, paid_to, run_from, since)
	WITH runs AS (
		SELECT person, max(month) AS paid_to,
			max(CASE WHEN prev IS NULL OR prev < month - 1 THEN month END) AS run_from
		FROM (SELECT person, month,
			lag(month) OVER (PARTITION BY person ORDER BY month) AS prev FROM ledger)
		GROUP BY person),
	spells AS (
		SELECT spell_id, person, province, village, start_day, end_day, recruited_by,
			(SELECT (y + (m <= 2) - 1970) * 12 + m - 1 FROM (SELECT yoe + era * 400 AS y, CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END AS m FROM (SELECT era, yoe, (5 * (doe - (365 * yoe + yoe / 4 - yoe / 100)) + 2) / 153 AS mp FROM (SELECT era, doe, (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 AS yoe FROM (SELECT era, z - era * 146097 AS doe FROM (SELECT z, (CASE WHEN z >= 0 THEN z ELSE z - 146096 END) / 146097 AS era FROM (SELECT start_day + 719468 AS z) a) b) c) d) e) f) AS sm
		FROM spell)
	SELECT s.spell_id, s.person, s.province, s.village, s.start_day, s.end_day,
		s.recruited_by, s.sm, r.paid_to, r.run_from, max(s.sm, coalesce(r.paid_to + 1, s.sm))
	FROM spells s LEFT JOIN runs r ON r.person = s.person;

CREATE INDEX spell_paid_since ON spell_paid(province, since, village, person, start_day, end_day);
CREATE INDEX spell_paid_paid
	ON spell_paid(province, paid_to, run_from, start_day, end_day, village);
CREATE INDEX spell_paid_person ON spell_paid(person);

-- A new spell: its member's months paid so far (a member enrolled again keeps them). The
-- values are scalar subqueries, not subqueries in FROM, which SQLite would make into a
-- table for each row (an import of enrolments took five times as long so).
CREATE TRIGGER spell_paid_spell_insert AFTER INSERT ON spell BEGIN
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
AFTER UPDATE OF person, province, village, start_day, end_day, recruited_by ON spell BEGIN
	UPDATE spell_paid SET person = new.person, province = new.province,
		village = new.village, start_day = new.start_day, end_day = new.end_day,
		recruited_by = new.recruited_by,
		start_month = (SELECT (y + (m <= 2) - 1970) * 12 + m - 1 FROM (SELECT yoe + era * 400 AS y, CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END AS m FROM (SELECT era, yoe, (5 * (doe - (365 * yoe + yoe / 4 - yoe / 100)) + 2) / 153 AS mp FROM (SELECT era, doe, (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 AS yoe FROM (SELECT era, z - era * 146097 AS doe FROM (SELECT z, (CASE WHEN z >= 0 THEN z ELSE z - 146096 END) / 146097 AS era FROM (SELECT new.start_day + 719468 AS z) a) b) c) d) e) f),
		since = max((SELECT (y + (m <= 2) - 1970) * 12 + m - 1 FROM (SELECT yoe + era * 400 AS y, CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END AS m FROM (SELECT era, yoe, (5 * (doe - (365 * yoe + yoe / 4 - yoe / 100)) + 2) / 153 AS mp FROM (SELECT era, doe, (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 AS yoe FROM (SELECT era, z - era * 146097 AS doe FROM (SELECT z, (CASE WHEN z >= 0 THEN z ELSE z - 146096 END) / 146097 AS era FROM (SELECT new.start_day + 719468 AS z) a) b) c) d) e) f),
			    coalesce(paid_to + 1, (SELECT (y + (m <= 2) - 1970) * 12 + m - 1 FROM (SELECT yoe + era * 400 AS y, CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END AS m FROM (SELECT era, yoe, (5 * (doe - (365 * yoe + yoe / 4 - yoe / 100)) + 2) / 153 AS mp FROM (SELECT era, doe, (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 AS yoe FROM (SELECT era, z - era * 146097 AS doe FROM (SELECT z, (CASE WHEN z >= 0 THEN z ELSE z - 146096 END) / 146097 AS era FROM (SELECT new.start_day + 719468 AS z) a) b) c) d) e) f)))
	WHERE spell_id = old.spell_id;
END;

CREATE TRIGGER spell_paid_spell_delete AFTER DELETE ON spell BEGIN
	DELETE FROM spell_paid WHERE spell_id = old.spell_id;
END;

-- A month paid: after the greatest, it continues the last run or starts a new one; just
-- before the last run, it joins the run to the months below it (read down the ledger);
-- anywhere else it changes neither.
CREATE TRIGGER spell_paid_ledger_insert AFTER INSERT ON ledger BEGIN
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

-- A month no longer paid (a void, a correction): the member's months read again.
CREATE TRIGGER spell_paid_ledger_delete AFTER DELETE ON ledger BEGIN
	UPDATE spell_paid SET
		paid_to = (SELECT max(month) FROM ledger WHERE person = old.person),
		run_from = (SELECT max(l.month) FROM ledger l WHERE l.person = old.person
			    AND NOT EXISTS (SELECT 1 FROM ledger p WHERE p.person = old.person
					    AND p.month = l.month - 1))
	WHERE person = old.person;
	UPDATE spell_paid SET since = max(start_month, coalesce(paid_to + 1, start_month))
	WHERE person = old.person;
END;

CREATE TRIGGER spell_paid_ledger_update AFTER UPDATE OF person, month ON ledger
WHEN old.person <> new.person OR old.month <> new.month BEGIN
	UPDATE spell_paid SET
		paid_to = (SELECT max(month) FROM ledger l WHERE l.person = spell_paid.person),
		run_from = (SELECT max(l.month) FROM ledger l WHERE l.person = spell_paid.person
			    AND NOT EXISTS (SELECT 1 FROM ledger p WHERE p.person = l.person
					    AND p.month = l.month - 1))
	WHERE person IN (old.person, new.person);
	UPDATE spell_paid SET since = max(start_month, coalesce(paid_to + 1, start_month))
	WHERE person IN (old.person, new.person);
END;
