-- 0007: reads about one province find its rows without a walk over the country.
--
-- spell_province_start: a province's memberships in start order with the columns
-- the lapsed list filters on (end_day, village), so that its first page stops after
-- the earliest starts and its count reads the index alone. It also covers the
-- (village, start_day, end_day) read of every spell that builds the as-of index.
CREATE INDEX spell_province_start ON spell(province, start_day, end_day, village);

-- ledger_province_month: a province's contribution months with the sums the
-- contributions report adds up, read from the index alone (ledger_month has the
-- months of the whole country first, and the ledger's own key is the person).
CREATE INDEX ledger_province_month
	ON ledger(province, month, village, member, government, extra);
