-- 0013 (PostgreSQL): the contributions of each village in each contribution month,
-- summed, as migrations/sqlite/0013_ledger_sum.sql: derived rows kept by a row trigger on
-- the ledger in the same transaction, not digested and not copied.
CREATE TABLE ledger_sum (
	province integer NOT NULL,
	month integer NOT NULL,
	village integer NOT NULL,
	member bigint NOT NULL,
	government bigint NOT NULL,
	extra bigint NOT NULL,
	paying bigint NOT NULL,
	PRIMARY KEY (province, month, village)
);

INSERT INTO ledger_sum(province, month, village, member, government, extra, paying)
	SELECT province, month, village, sum(member), sum(government), sum(extra), count(*)
	FROM ledger GROUP BY province, month, village;

CREATE FUNCTION s40_ledger_sum() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('DELETE', 'UPDATE') THEN
		UPDATE ledger_sum SET member = member - OLD.member,
			government = government - OLD.government, extra = extra - OLD.extra,
			paying = paying - 1
		WHERE province = OLD.province AND month = OLD.month AND village = OLD.village;
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		INSERT INTO ledger_sum AS s(province, month, village, member, government, extra,
			paying)
		VALUES (NEW.province, NEW.month, NEW.village, NEW.member, NEW.government, NEW.extra,
			1)
		ON CONFLICT (province, month, village) DO UPDATE SET
			member = s.member + EXCLUDED.member,
			government = s.government + EXCLUDED.government,
			extra = s.extra + EXCLUDED.extra, paying = s.paying + 1;
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER ledger_sum AFTER INSERT OR UPDATE OR DELETE ON ledger
	FOR EACH ROW EXECUTE FUNCTION s40_ledger_sum();
