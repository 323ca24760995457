-- 0010 (PostgreSQL): a name search within an area reads an index, not the area's
-- persons (issue 11).
--
-- The search is "contains" (ILIKE '%text%') on first_th || ' ' || last_th and on the
-- same of the English names (PG_NAME_MATCH in lib/store/pg_sql.h). pg_trgm's GIN
-- indexes on exactly those expressions answer it for any text of three characters or
-- more; the planner combines them with person_village for a search within an area.
-- pg_trgm ships with PostgreSQL (Debian's postgresql-15) and is a trusted extension:
-- the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX person_name_th ON person USING gin ((first_th || ' ' || last_th) gin_trgm_ops);
CREATE INDEX person_name_en ON person
	USING gin ((coalesce(first_en, '') || ' ' || coalesce(last_en, '')) gin_trgm_ops);
