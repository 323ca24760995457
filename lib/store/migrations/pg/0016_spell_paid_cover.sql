-- 0016 (PostgreSQL): as migrations/sqlite/0016_spell_paid_cover.sql, spell_paid's index by
-- since covers the lapsed list's read (the month paid and the recruiter too): a province's
-- whole list is read from it alone, not from the table's rows one by one.
DROP INDEX spell_paid_since;
CREATE INDEX spell_paid_since
	ON spell_paid(province, since, village, person, start_day, end_day, paid_to, recruited_by);

-- Migration 0015's two functions, s40_day_month and s40_paid_run, in PL/pgSQL, for a
-- database that ran 0015 when they were SQL functions. A SQL function of subqueries is
-- planned again at each statement that calls it, and the month's nested subqueries
-- flatten into an expression that repeats each step's terms: each membership written ran
-- spell_paid's trigger for about 12 ms. The values are the same; 0015 now makes them so
-- itself.
CREATE OR REPLACE FUNCTION s40_day_month(d integer) RETURNS integer LANGUAGE plpgsql IMMUTABLE STRICT
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

CREATE OR REPLACE FUNCTION s40_paid_run(p bigint, OUT paid_to integer, OUT run_from integer)
LANGUAGE plpgsql STABLE AS $$
BEGIN
	SELECT max(l.month), max(l.month) FILTER (WHERE NOT EXISTS (SELECT 1 FROM ledger x
		WHERE x.person = p AND x.month = l.month - 1))
	INTO paid_to, run_from
	FROM ledger l WHERE l.person = p;
END
$$;
