# each spell's months paid (migration 0015: spell_paid, which the lapsed list's pages walk
# worst first) kept by the triggers of spell and ledger through payments in order, a run
# started after a gap, months recorded late that join two runs, a payment ahead after a
# gap, a member who left and enrolled again, an import (whose rows go in with the triggers
# off and are made anew after it) and a copy; each time compared with the same read from
# the ledger: paid_to its greatest month, run_from the first month of the run of months
# paid that ends there, since the later of the start month and paid_to + 1
name: the spells' months paid for the lapsed list

$ s40 init > /dev/null
# spell_paid's table and indexes as made (the loads below must leave them so)
$ echo '[ -n "${S40_TEST_PG:-}" ] && echo pg || sqlite3 "$DB" ".schema spell_paid"' > sc.sh
$ sh sc.sh > sc0.txt && grep -c "CREATE INDEX\|^pg" sc0.txt | sed 's/^1$/3/'
> 3
$ s40 person add 1100000000016 --first หนึ่ง --last ย้อนหลัง --birth 1980-01-01 --thai yes --village 75030702 > /dev/null
$ s40 person add 1100000000024 --first สอง --last ไม่เคยจ่าย --birth 1980-01-01 --thai yes --village 75030702 > /dev/null
$ s40 person add 1100000000032 --first สาม --last จ่ายล่วงหน้า --birth 1980-01-01 --thai yes --village 75030505 > /dev/null
$ s40 person add 1100000000041 --first สี่ --last ลาออก --birth 1980-01-01 --thai yes --village 75030505 > /dev/null
$ s40 enrol 1100000000016 --option 1 --date 2018-12-01 --today 2019-01-01 > /dev/null
$ s40 enrol 1100000000024 --option 1 --date 2018-12-01 --by 1100000000016 --today 2019-01-01 > /dev/null
$ s40 enrol 1100000000032 --option 1 --date 2018-12-01 --today 2019-01-01 > /dev/null
$ s40 enrol 1100000000041 --option 1 --date 2018-12-01 --today 2019-01-01 > /dev/null
$ dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0
$ dbsql "SELECT count(*) FROM spell_paid WHERE paid_to IS NULL AND run_from IS NULL AND since = start_month"
> 4

# January and February, then May after a gap: two runs, the last from May
$ s40 pay 1100000000016 --months 2019-01..2019-02 --amount 140 --date 2019-01-05 --receipt A-1 --today 2019-08-10 > /dev/null
$ s40 pay 1100000000016 --months 2019-05 --amount 70 --date 2019-05-03 --receipt A-2 --today 2019-08-10 > /dev/null
$ dbsql "SELECT paid_to - run_from, since - paid_to FROM spell_paid WHERE person = 1100000000016"
> 0|1
$ dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0
# April recorded late joins it to May; then March joins both runs: January to May
$ s40 pay 1100000000016 --months 2019-04 --amount 70 --date 2019-04-02 --receipt A-3 --today 2019-08-10 > /dev/null
$ dbsql "SELECT paid_to - run_from FROM spell_paid WHERE person = 1100000000016"
> 1
$ s40 pay 1100000000016 --months 2019-03 --amount 70 --date 2019-03-02 --receipt A-4 --today 2019-08-10 > /dev/null
$ dbsql "SELECT paid_to - run_from FROM spell_paid WHERE person = 1100000000016"
> 4
$ dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0

# paid June to August ahead with December to May unpaid; and the leaver's months go with
# them into their new spell
$ s40 pay 1100000000032 --months 2019-06..2019-08 --amount 210 --date 2019-06-01 --receipt C-1 --today 2019-08-10 > /dev/null
$ s40 pay 1100000000041 --months 2018-12..2019-06 --amount 490 --date 2018-12-01 --receipt D-1 --today 2019-08-10 > /dev/null
$ s40 leave 1100000000041 --date 2019-07-01 --reason resigned --today 2019-08-10 > /dev/null
$ s40 enrol 1100000000041 --option 1 --date 2019-07-15 --today 2019-08-10 > /dev/null
$ dbsql "SELECT count(*), count(end_day), count(DISTINCT paid_to) FROM spell_paid WHERE person = 1100000000041"
> 2|1|1
$ dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0

# an import: September for the first, September and October for the second
$ printf 'id,receipt,paid_date,months,amount\n1100000000016,I-1,2019-09-02,2019-09,70\n1100000000024,I-2,2019-09-02,2019-09..2019-10,140\n' > p.csv
$ s40 import payments p.csv --today 2019-09-10 > /dev/null
$ dbsql "SELECT person % 100, paid_to - run_from FROM spell_paid WHERE person IN (1100000000016, 1100000000024) ORDER BY person"
> 16|0
> 24|1
$ dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0

# an import of persons (its rows go in with the triggers off; it adds no spell or payment,
# so they are not made anew) leaves them as they were
$ dbsql "SELECT spell_id, paid_to, run_from, since FROM spell_paid ORDER BY spell_id" > before.txt
$ printf 'id,first_name,last_name,birth_date,thai,village\n1100000000059,ห้า,นำเข้า,1980-01-01,yes,75030702\n' > persons.csv
$ s40 import persons persons.csv > /dev/null
$ dbsql "SELECT spell_id, paid_to, run_from, since FROM spell_paid ORDER BY spell_id" | cmp - before.txt && dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0

# a copy (to a SQLite file) makes them anew, the same
$ s40 copy "$DB" copy.db > /dev/null
$ sqlite3 copy.db "SELECT spell_id, person, start_day, coalesce(end_day, ''), paid_to, run_from, since FROM spell_paid ORDER BY spell_id" > copied.txt && dbsql "SELECT spell_id, person, start_day, coalesce(end_day, -1), paid_to, run_from, since FROM spell_paid ORDER BY spell_id" | sed 's/|-1|/||/' | cmp - copied.txt && wc -l < copied.txt
> 5
$ sqlite3 copy.db "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0

# imports of enrolments, payments and exclusions: their rows go in with spell_paid's
# triggers deferred (migration 0017) and their members' rows are made anew after them
$ printf 'id,first_name,last_name,birth_date,thai,village\n1100000000067,หก,นำเข้า,1980-01-01,yes,75030505\n' > p2.csv
$ s40 import persons p2.csv > /dev/null
$ printf 'id,option,date\n1100000000059,1,2019-09-05\n1100000000067,2,2019-10-20\n' > e.csv
$ s40 import enrolments e.csv --today 2019-11-01 > /dev/null
$ dbsql "SELECT person % 100, start_month, coalesce(paid_to, -1), since FROM spell_paid WHERE person IN (1100000000059, 1100000000067) ORDER BY person"
> 59|596|-1|596
> 67|597|-1|597
$ dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0
$ dbsql "SELECT count(*) FROM spell_paid_load"
> 0
# September and November for one (two runs), October and November for the other; then
# October recorded late joins the first one's two runs
$ printf 'id,receipt,paid_date,months,amount\n1100000000059,J-1,2019-09-06,2019-09,70\n1100000000059,J-2,2019-11-02,2019-11,70\n1100000000067,J-3,2019-10-21,2019-10..2019-11,200\n' > p3.csv
$ s40 import payments p3.csv --today 2019-11-10 > /dev/null
$ dbsql "SELECT person % 100, paid_to - run_from, since FROM spell_paid WHERE person IN (1100000000059, 1100000000067) ORDER BY person"
> 59|0|599
> 67|1|599
$ printf 'id,receipt,paid_date,months,amount\n1100000000059,J-4,2019-10-03,2019-10,70\n' > p4.csv
$ s40 import payments p4.csv --today 2019-11-10 > /dev/null
$ dbsql "SELECT paid_to - run_from FROM spell_paid WHERE person = 1100000000059"
> 2
$ dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0
# Section 33 from December ends the second one's spell
$ printf 'id,kind,start_date,end_date,source\n1100000000067,s33,2019-12-01,,s33.csv\n' > x.csv
$ s40 import exclusions x.csv --today 2019-12-10 > /dev/null
$ dbsql "SELECT count(end_day) FROM spell_paid WHERE person = 1100000000067"
> 1
$ dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0
# the triggers keep it again after the imports: December paid at the counter
$ s40 pay 1100000000059 --months 2019-12 --amount 70 --date 2019-12-02 --receipt J-5 --today 2019-12-10 > /dev/null
$ dbsql "SELECT paid_to - run_from FROM spell_paid WHERE person = 1100000000059"
> 3
$ dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0
# an import refused for a bad row leaves everything as it was; with --partial its good
# row goes in and its member's rows are made anew
$ dbdump > before.sql
$ printf 'id,receipt,paid_date,months,amount\n1100000000059,K-1,2020-01-02,2020-01,70\n1100000000024,K-2,2020-01-02,2020-01,abc\n' > bad.csv
$ s40 import payments bad.csv --today 2020-01-10 > /dev/null 2>&1 || echo refused
> refused
$ dbdump | cmp - before.sql && echo same
> same
$ s40 import payments bad.csv --partial --today 2020-01-10 > /dev/null 2>&1
$ dbsql "SELECT paid_to - run_from FROM spell_paid WHERE person = 1100000000059"
> 4
$ dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0
$ dbsql "SELECT count(*) FROM spell_paid_load"
> 0

# A load that wrote down half as many members as there are spells, or more, makes
# every spell's row anew with spell_paid's indexes dropped and created again after the
# rows (SQLite: the schema's version moves); a load of fewer makes
# only its members' rows anew. Both leave the rows the ledger gives.
$ echo '[ -n "${S40_TEST_PG:-}" ] && echo pg || sqlite3 "$DB" "PRAGMA schema_version"' > ix.sh
$ sh ix.sh > ix0.txt && grep -c . ix0.txt
> 1
$ printf 'id,first_name,last_name,birth_date,thai,village\n' > p5.csv && for i in 1100000001004 1100000001012 1100000001021 1100000001039 1100000001047 1100000001055 1100000001063 1100000001071 1100000001080 1100000001098 1100000001101 1100000001110; do echo "$i,ชื่อ,นำเข้า,1980-01-01,yes,75030702"; done >> p5.csv && s40 import persons p5.csv > /dev/null
$ printf 'id,option,date\n' > e5.csv && tail -n +2 p5.csv | cut -d, -f1 | sed 's/$/,1,2020-01-03/' >> e5.csv && s40 import enrolments e5.csv --today 2020-01-10 > /dev/null
$ dbsql "SELECT count(*) FROM spell_paid"
> 19
$ dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0
$ sh ix.sh > ix1.txt && { [ -n "${S40_TEST_PG:-}" ] || ! cmp -s ix0.txt ix1.txt; } && sh sc.sh | cmp - sc0.txt && echo made anew
> made anew
# one member of 19 spells: only their rows
$ printf 'id,receipt,paid_date,months,amount\n1100000001004,L-1,2020-01-04,2020-01,70\n' > p6.csv
$ s40 import payments p6.csv --today 2020-01-10 > /dev/null
$ sh ix.sh | cmp - ix1.txt && dbsql "SELECT paid_to - run_from, since FROM spell_paid WHERE person = 1100000001004"
> 0|601
$ dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0
# one more enrolled (a new spell's row added), one ended by Section 39 cover (its row's end
# set) and enrolled again after it (a second row), the payments' file again (nothing
# changes): only their rows each time
$ printf 'id,first_name,last_name,birth_date,thai,village\n1100000001128,ยี่สิบ,นำเข้า,1980-01-01,yes,75030505\n' > p7.csv && s40 import persons p7.csv > /dev/null
$ printf 'id,option,date\n1100000001128,2,2020-01-05\n' > e7.csv && s40 import enrolments e7.csv --today 2020-01-10 > /dev/null
$ sh ix.sh | cmp - ix1.txt && dbsql "SELECT count(*), count(CASE WHEN since = start_month THEN 1 END) FROM spell_paid WHERE person = 1100000001128"
> 1|1
$ printf 'id,kind,start_date,end_date,source\n1100000001012,s39,2020-01-06,2020-01-07,s39.csv\n' > x7.csv
$ s40 import exclusions x7.csv --today 2020-01-10 > /dev/null
$ sh ix.sh | cmp - ix1.txt && dbsql "SELECT count(*), count(end_day) FROM spell_paid"
> 20|3
# and enrolled again after the cover: a second spell's row beside the first
$ printf 'id,option,date\n1100000001012,1,2020-01-08\n' > e8.csv && s40 import enrolments e8.csv --today 2020-01-10 > /dev/null
$ sh ix.sh | cmp - ix1.txt && dbsql "SELECT count(*), count(end_day) FROM spell_paid WHERE person = 1100000001012"
> 2|1
$ dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0
$ s40 import payments p6.csv --today 2020-01-10 > /dev/null && sh ix.sh | cmp - ix1.txt && dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0
# ten ended by Section 33 cover: every row anew again
$ printf 'id,kind,start_date,end_date,source\n' > x6.csv && tail -n +4 p5.csv | cut -d, -f1 | sed 's/$/,s33,2020-01-08,,s33.csv/' >> x6.csv
$ s40 import exclusions x6.csv --today 2020-01-10 > /dev/null
$ dbsql "SELECT count(*), count(end_day) FROM spell_paid"
> 21|13
$ dbsql "$(cat "$TESTDATA/ledger/spell_paid_check.sql")"
> 0
$ sh ix.sh > ix2.txt && { [ -n "${S40_TEST_PG:-}" ] || ! cmp -s ix1.txt ix2.txt; } && sh sc.sh | cmp - sc0.txt && dbsql "SELECT count(*) FROM spell_paid_load"
> 0
