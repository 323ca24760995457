# The demo's payment history: every member pays, stops or pays ahead; the 17,093 members of
# 31 October 2019 stay; the same seed gives the same payments up to December 2019 whatever
# today is, and the members who still pay go on up to the month before today's; the reports
# run on it.
name: the demo holds a payment history and the contribution reports run on it

$ demo_db 1 2020-01-15
$ s40 report asof --date 2019-10-31 --area 75 --format csv | tail -1
> 75,รวมจังหวัดสมุทรสงคราม,Total Samut Songkhram,17093
# payments from October 2016, some paid ahead into 2020 (at most 12 months after December 2019)
$ dbsql "SELECT CASE WHEN min(month) = 561 THEN 1 ELSE 0 END, CASE WHEN max(month) BETWEEN 600 AND 611 THEN 1 ELSE 0 END, CASE WHEN count(DISTINCT person) > 15000 THEN 1 ELSE 0 END FROM ledger"
> 1|1|1
# every ledger month lies in a spell of its person
$ dbsql "SELECT count(*) FROM ledger l JOIN spell s ON s.spell_id = l.spell_id WHERE s.person <> l.person"
> 0
# the ledger's sums by village and month (migration 0013) are the demo's 1.6 M rows added up
$ dbsql "SELECT count(*) FROM (SELECT province, month, village, member, government, extra, paying FROM ledger_sum WHERE paying > 0 EXCEPT SELECT province, month, village, sum(member), sum(government), sum(extra), count(*) FROM ledger GROUP BY province, month, village) d"
> 0
$ dbsql "SELECT count(*) FROM (SELECT province, month, village, sum(member), sum(government), sum(extra), count(*) FROM ledger GROUP BY province, month, village EXCEPT SELECT province, month, village, member, government, extra, paying FROM ledger_sum) d"
> 0
# each spell's months paid (migration 0015), which the demo's load wrote with the triggers
# off, made anew after it: the same as read from the ledger
$ dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0
$ dbsql "SELECT CASE WHEN count(*) > 15000 THEN 1 ELSE 0 END FROM spell_paid WHERE paid_to IS NOT NULL"
> 1
# members who stopped paying are on the follow-up list, worst first
$ s40 report lapsed --date 2019-10-31 --area 75 --format csv | awk -F, 'NR > 1 { print $5 }' | sort -u
> arrears
> lapsed
$ s40 report lapsed --date 2019-10-31 --area 75 --format csv | awk -F, 'NR > 1 { if ($6 > prev && NR > 2) bad = 1; prev = $6 } END { print bad ? "unsorted" : "sorted" }'
> sorted
$ s40 report contributions --from 2019-10 --to 2019-10 --area 75 --format csv | tail -1
>~ ^2019-10,75,รวมจังหวัดสมุทรสงคราม,Total Samut Songkhram,[0-9]+\.[0-9]{2},[0-9]+\.[0-9]{2},[0-9.]+,1[0-9]{4}$
$ s40 benefit check 1750100787896 --case child --date 2019-11-08 --children 2 --format csv | tail -1
>~ ^result,
# built on 15 January 2020 the demo pays nothing from January 2020 (month 600) on: no month is
# wholly past yet
$ dbsql "SELECT count(*) FROM payment WHERE first_month >= 600"
> 0
# the same seed gives the same payments up to December 2019 (month 599) whatever today is,
# row for row (again.db, later.db: SQLite files whatever the engine of $DB)
$ demo_db 1 2021-06-01 again.db
$ for db in "$DB" again.db; do DB=$db dbsql "SELECT * FROM payment WHERE first_month <= 599 ORDER BY payment_id; SELECT l.* FROM ledger l JOIN payment p USING (payment_id) WHERE p.first_month <= 599 ORDER BY l.person, l.month" | md5sum; done | uniq | wc -l
> 1
# built on 1 June 2021, payments go on from January 2020, paid from then on, up to May 2021
# (month 616) and paid by 31 May 2021 (day 18778)
$ sqlite3 again.db "SELECT min(first_month), max(last_month), min(paid_day) >= 18262, max(paid_day) <= 18778 FROM payment WHERE first_month >= 600"
> 600|616|1|1

# Built on 1 January 2026, most members are paying: the follow-up list holds a minority
# (lapsed 3,344 and in arrears 365 of the 17,443 members, as the spells and ledger give them)
$ demo_db 1 2026-01-01 later.db
$ s40 --db later.db report asof --date 2026-01-01 --area 75 --format csv | tail -1
> 75,รวมจังหวัดสมุทรสงคราม,Total Samut Songkhram,17443
$ s40 --db later.db report lapsed --date 2026-01-01 --area 75 --format csv | awk -F, 'NR > 1 { n[$5]++ } END { print n["lapsed"], n["arrears"] }'
> 3344 365
$ sqlite3 later.db "WITH s AS (SELECT sp.person, CAST(strftime('%Y', sp.start_day * 86400, 'unixepoch') AS INT) * 12 + CAST(strftime('%m', sp.start_day * 86400, 'unixepoch') AS INT) - 23641 AS first, (SELECT max(month) FROM ledger l WHERE l.person = sp.person AND l.month < 672) AS paid FROM spell sp WHERE sp.end_day IS NULL), r AS (SELECT 671 - max(coalesce(paid, -1), first - 1) AS run FROM s) SELECT count(*), sum(run = 0), sum(run BETWEEN 1 AND 5), sum(run >= 6) FROM r"
> 17443|13734|365|3344
# payments up to December 2025 (month 671), none paid after today (day 20454), each paid in
# its first month and for at most 12 months ahead of it
$ sqlite3 later.db "SELECT max(last_month), max(paid_day) <= 20454, sum(first_month <> CAST(strftime('%Y', paid_day * 86400, 'unixepoch') AS INT) * 12 + CAST(strftime('%m', paid_day * 86400, 'unixepoch') AS INT) - 23641), max(last_month - first_month) FROM payment"
> 671|1|0|12
# the reduced rates of August 2021 (month 619) and the full ones again from August 2022
$ sqlite3 later.db "SELECT month, option, member FROM ledger WHERE month IN (619, 631) GROUP BY 1, 2, 3"
> 619|1|4200
> 619|2|6000
> 619|3|18000
> 631|1|7000
> 631|2|10000
> 631|3|30000
# a member who pays a year at a time by bank debit: all of 2025, paid on 21 January 2025
$ s40 --lang en --db later.db --today 2026-01-01 ledger 1750100787896 --from 2025-01 --to 2025-12 --format json | grep -o '"subtitle_en":"[^:]*: [a-z]*;'
> "subtitle_en":"1-7501-00787-89-6 Thawatchai Chuenchai on 1 January 2026: paying;
$ s40 --db later.db --today 2026-01-01 ledger 1750100787896 --from 2025-01 --to 2025-12 --format csv | awk -F, 'NR > 1 && $5 > 0 { print $8, $9, $10 }' | uniq -c
>      12 DEMO-7984-14 2025-01-21 bank
# a demo built later holds the same payments as one built earlier, but for the batches the
# earlier one cut at its today (those up to April 2021, month 615, are whole in both)
$ for db in again.db later.db; do sqlite3 "$db" "SELECT person, receipt, paid_day, channel, first_month, last_month, total, extra FROM payment WHERE last_month <= 615 ORDER BY receipt" | md5sum; done | uniq | wc -l
> 1
