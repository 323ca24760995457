-- 0012 (PostgreSQL): a person's spells by start day carry their end day and village, as
-- migrations/sqlite/0012_spell_person.sql, so that the lapsed list's count of the members
-- who paid is an index-only scan where the visibility map allows.
DROP INDEX IF EXISTS spell_person;
CREATE INDEX spell_person ON spell(person, start_day, end_day, village);
