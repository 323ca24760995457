-- 0013: the contributions of each village in each contribution month, summed (issue 11).
--
-- The contributions report adds up a province's ledger rows of the months asked: a row
-- per member and month paid, 360,000 for province 30's twelve months of 2025 with a tenth
-- of the national database's members paying, ten times that when all of them pay. Summed
-- here by (province, month, village), it reads one row per village and month instead:
-- about 3,900 villages in province 30. The rows are derived: kept by the triggers below
-- from the ledger, the one place contributions are written (payments, voids,
-- corrections, imports alike), in the same transaction; not digested (0008) and not
-- copied (s40 copy makes them anew through the triggers). paying counts the ledger rows,
-- one per member paying that month; a row whose paying falls to 0 stays, all zero.
CREATE TABLE ledger_sum (
	province INTEGER NOT NULL,
	month INTEGER NOT NULL,
	village INTEGER NOT NULL,
	member INTEGER NOT NULL,
	government INTEGER NOT NULL,
	extra INTEGER NOT NULL,
	paying INTEGER NOT NULL,
	PRIMARY KEY (province, month, village)
) WITHOUT ROWID;

INSERT INTO ledger_sum(province, month, village, member, government, extra, paying)
	SELECT province, month, village, sum(member), sum(government), sum(extra), count(*)
	FROM ledger GROUP BY province, month, village;

CREATE TRIGGER ledger_sum_insert AFTER INSERT ON ledger BEGIN
	INSERT INTO ledger_sum(province, month, village, member, government, extra, paying)
	VALUES (new.province, new.month, new.village, new.member, new.government, new.extra, 1)
	ON CONFLICT (province, month, village) DO UPDATE SET
		member = member + excluded.member, government = government + excluded.government,
		extra = extra + excluded.extra, paying = paying + 1;
END;

CREATE TRIGGER ledger_sum_delete AFTER DELETE ON ledger BEGIN
	UPDATE ledger_sum SET member = member - old.member,
		government = government - old.government, extra = extra - old.extra,
		paying = paying - 1
	WHERE province = old.province AND month = old.month AND village = old.village;
END;

CREATE TRIGGER ledger_sum_update AFTER UPDATE ON ledger BEGIN
	UPDATE ledger_sum SET member = member - old.member,
		government = government - old.government, extra = extra - old.extra,
		paying = paying - 1
	WHERE province = old.province AND month = old.month AND village = old.village;
	INSERT INTO ledger_sum(province, month, village, member, government, extra, paying)
	VALUES (new.province, new.month, new.village, new.member, new.government, new.extra, 1)
	ON CONFLICT (province, month, village) DO UPDATE SET
		member = member + excluded.member, government = government + excluded.government,
		extra = extra + excluded.extra, paying = paying + 1;
END;
