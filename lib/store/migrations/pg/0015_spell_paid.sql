-- 0015 (PostgreSQL): each membership spell with its member's months paid, for the lapsed
-- list, as migrations/sqlite/0015_spell_paid.sql: derived rows kept by row triggers on
-- spell and ledger in the same transaction, not digested and not copied.
-- The month of a day (core/date.h), in integer arithmetic (the days from the civil
-- calendar's algorithm of H. Hinnant), for any day the store holds: the date type stops at
-- 4713 BC, and the store keeps days beyond it.
-- PL/pgSQL, not SQL: a SQL function of nested subqueries is planned again at each
-- statement that calls it, and its flattened expression repeats each step's terms (a
-- trigger's row took about 12 ms); PL/pgSQL keeps its plans and evaluates each step once.
CREATE FUNCTION s40_day_month(d integer) RETURNS integer LANGUAGE plpgsql IMMUTABLE STRICT
AS $$
DECLARE
	z bigint := d::bigint + 719468;
	era bigint;
	doe bigint;
	yoe bigint;
	mp bigint;
	m bigint;
BEGIN
	era := (CASE WHEN z >= 0 THEN z ELSE z - 146096 END) / 146097;
	doe := z - era * 146097;
	yoe := (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	mp := (5 * (doe - (365 * yoe + yoe / 4 - yoe / 100)) + 2) / 153;
	m := CASE WHEN mp < 10 THEN mp + 3 ELSE mp - 9 END;
	RETURN ((yoe + era * 400 + (m <= 2)::integer - 1970) * 12 + m - 1)::integer;
END
$$;

CREATE TABLE spell_paid (
	spell_id bigint PRIMARY KEY,
	person bigint NOT NULL,
	province integer NOT NULL,
	village integer NOT NULL,
	start_day integer NOT NULL,
	end_day integer,
	recruited_by bigint,
	start_month integer NOT NULL,
	paid_to integer,
	run_from integer,
	since integer NOT NULL
);

INSERT INTO spell_paid(spell_id, person, province, village, start_day, end_day, recruited_by,
		       start_month, paid_to, run_from, since)
	WITH runs AS (
		SELECT person, max(month) AS paid_to,
			max(CASE WHEN prev IS NULL OR prev < month - 1 THEN month END) AS run_from
		FROM (SELECT person, month,
			lag(month) OVER (PARTITION BY person ORDER BY month) AS prev FROM ledger) l
		GROUP BY person)
	SELECT s.spell_id, s.person, s.province, s.village, s.start_day, s.end_day,
		s.recruited_by, s40_day_month(s.start_day), r.paid_to, r.run_from,
		greatest(s40_day_month(s.start_day), r.paid_to + 1)
	FROM spell s LEFT JOIN runs r ON r.person = s.person;

CREATE INDEX spell_paid_since ON spell_paid(province, since, village, person, start_day, end_day);
CREATE INDEX spell_paid_paid
	ON spell_paid(province, paid_to, run_from, start_day, end_day, village);
CREATE INDEX spell_paid_person ON spell_paid(person);

-- A member's greatest month paid and the first month of the run of months paid that
-- ends there (NULL, NULL: none paid).
CREATE FUNCTION s40_paid_run(p bigint, OUT paid_to integer, OUT run_from integer)
LANGUAGE plpgsql STABLE AS $$
BEGIN
	SELECT max(l.month), max(l.month) FILTER (WHERE NOT EXISTS (SELECT 1 FROM ledger x
		WHERE x.person = p AND x.month = l.month - 1))
	INTO paid_to, run_from
	FROM ledger l WHERE l.person = p;
END
$$;

CREATE FUNCTION s40_spell_paid_spell() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r record;
BEGIN
	IF TG_OP = 'DELETE' THEN
		DELETE FROM spell_paid WHERE spell_id = OLD.spell_id;
		RETURN NULL;
	END IF;
	IF TG_OP = 'UPDATE' THEN
		DELETE FROM spell_paid WHERE spell_id = OLD.spell_id;
	END IF;
	SELECT * INTO r FROM s40_paid_run(NEW.person);
	INSERT INTO spell_paid(spell_id, person, province, village, start_day, end_day,
			       recruited_by, start_month, paid_to, run_from, since)
	VALUES (NEW.spell_id, NEW.person, NEW.province, NEW.village, NEW.start_day,
		NEW.end_day, NEW.recruited_by, s40_day_month(NEW.start_day), r.paid_to,
		r.run_from, greatest(s40_day_month(NEW.start_day), r.paid_to + 1));
	RETURN NULL;
END
$$;

CREATE TRIGGER spell_paid AFTER INSERT OR DELETE
	OR UPDATE OF person, province, village, start_day, end_day, recruited_by ON spell
	FOR EACH ROW EXECUTE FUNCTION s40_spell_paid_spell();

-- A month paid after the greatest continues the last run or starts a new one, and one
-- just before the last run joins it to the months below; a month no longer paid, or
-- moved, has its member's months read again.
CREATE FUNCTION s40_spell_paid_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	r record;
BEGIN
	IF TG_OP = 'INSERT' THEN
		UPDATE spell_paid SET
			run_from = CASE
				WHEN paid_to IS NULL OR NEW.month > paid_to + 1 THEN NEW.month
				WHEN NEW.month <> run_from - 1 THEN run_from
				ELSE (SELECT max(l.month) FROM ledger l WHERE l.person = NEW.person
				      AND l.month <= NEW.month AND NOT EXISTS (SELECT 1 FROM ledger x
				      WHERE x.person = NEW.person AND x.month = l.month - 1)) END,
			paid_to = greatest(paid_to, NEW.month),
			since = greatest(start_month, greatest(paid_to, NEW.month) + 1)
		WHERE person = NEW.person;
		RETURN NULL;
	END IF;
	IF TG_OP = 'UPDATE' AND OLD.person = NEW.person AND OLD.month = NEW.month THEN
		RETURN NULL;
	END IF;
	SELECT * INTO r FROM s40_paid_run(OLD.person);
	UPDATE spell_paid SET paid_to = r.paid_to, run_from = r.run_from,
		since = greatest(start_month, r.paid_to + 1)
	WHERE person = OLD.person;
	IF TG_OP = 'UPDATE' AND OLD.person <> NEW.person THEN
		SELECT * INTO r FROM s40_paid_run(NEW.person);
		UPDATE spell_paid SET paid_to = r.paid_to, run_from = r.run_from,
			since = greatest(start_month, r.paid_to + 1)
		WHERE person = NEW.person;
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER spell_paid AFTER INSERT OR UPDATE OR DELETE ON ledger
	FOR EACH ROW EXECUTE FUNCTION s40_spell_paid_ledger();
