-- 0006: servers on one database follow each other. PostgreSQL's 0006 adds the
-- triggers that notify listening servers of each commit to the journal and of each
-- ended session. SQLite has no notifications: a server on a SQLite file checks the
-- journal's head every second instead. Nothing changes here; the number keeps the two
-- engines' schema versions meaning the same tables.
SELECT 1;
