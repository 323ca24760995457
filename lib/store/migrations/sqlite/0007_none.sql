-- 0007: no change to the schema. The number is kept so that the migrations run in
-- order without a gap on both engines.
SELECT 1;
