-- 0012: a person's spells by start day carry their end day and village (issue 11), so
-- that "was this person a member in this area on this day" is answered from the index
-- alone, without reading each spell's row. The lapsed list counts the members who paid
-- the month before the day by asking it of every payment of that month in the province:
-- 33,742 times for province 30 of the national database with a tenth of the members
-- paying, 0.29–0.34 s when each spell's row was read, 0.03–0.04 s from this index (the
-- sqlite3 shell, warm). The old index was a prefix of this one.
DROP INDEX IF EXISTS spell_person;
CREATE INDEX spell_person ON spell(person, start_day, end_day, village);
