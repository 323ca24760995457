-- 0009: names that look the same are the same (issue 13). s40_thai_normalize now
-- also removes invisible characters, puts the Thai marks of a letter in one order
-- and makes NIKHAHIT + SARA AA one SARA AM; the names already stored are brought to
-- that form by C code, which needs that very function: SQL cannot do it. This
-- migration only leaves a note that the work is due, when there are persons to
-- look at; lib/registry/upgrade.c (s40_reg_upgrade) does it through the registry's
-- statements in one write transaction, so the data digests and the journal follow,
-- and sets the note to 'done' in that same transaction. A new database has no
-- persons, so no note and no journal entry.
INSERT INTO meta(key, value)
	SELECT 'upgrade.names', 'pending' WHERE EXISTS (SELECT 1 FROM person);
