# s40 copy: a whole database into an empty one, of either engine. The demo (a SQLite file)
# goes into the test's database $DB (SQLite, or PostgreSQL when the runner runs there), from
# there into a second database of the same engine, and back into a SQLite file: each copy
# verifies its journal, gives the same reports as the demo, and the round trip gives the
# demo back row for row. A destination that holds data is refused and left as it was.
name: copy takes the demo through $DB and back with the same reports and journals

$ demo_db 1 2020-01-15 demo.db
$ s40 copy demo.db "$DB"
>~ ^คัดลอก demo\.db ไปยัง .+ แล้ว: [0-9]+ ตาราง [0-9,]+ แถว ใน [0-9]+\.[0-9] วินาที / copied demo\.db to .+: [0-9]+ tables, [0-9,]+ rows in [0-9]+\.[0-9] s$
>~ ^  meta +2$
>~ ^  person +27,143$
>~ ^  journal +2$
>~ ^  session +0$
>~ ^บันทึกการเปลี่ยนแปลงของ .+ ถูกต้องครบถ้วน 2 รายการ ล่าสุดลำดับที่ 2 hash [0-9a-f]{64} / the journal of .+ is intact, 2 entries, the last number 2 hash [0-9a-f]{64}$
!-
$ s40 journal verify
> บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน 2 รายการ ข้อมูล 829,403 แถวใน 17 ตารางตรงกับที่ s40 บันทึก / journal intact, 2 entries; the data (829,403 rows in 17 tables) is as s40 wrote it
$ s40 report asof --date 2019-10-31 --area 75 --format csv | tail -1
> 75,รวมจังหวัดสมุทรสงคราม,Total Samut Songkhram,17093
# every report of the province, and a few people's records, as on the demo
$ "$TESTDATA/copy/reports.sh" demo.db > demo.csv
$ "$TESTDATA/copy/reports.sh" "$DB" | cmp - demo.csv

# from $DB into a second database of its engine (PostgreSQL to PostgreSQL, or SQLite to SQLite)
$ s40 copy "$DB" "$("$TESTDATA/copy/second.sh" uri)" > /dev/null
$ s40 --db "$("$TESTDATA/copy/second.sh" uri)" journal verify
> บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน 2 รายการ ข้อมูล 829,403 แถวใน 17 ตารางตรงกับที่ s40 บันทึก / journal intact, 2 entries; the data (829,403 rows in 17 tables) is as s40 wrote it
$ "$TESTDATA/copy/reports.sh" "$("$TESTDATA/copy/second.sh" uri)" | cmp - demo.csv

# and back into a SQLite file: the demo row for row, ending on the same journal entry
$ s40 --format json copy "$("$TESTDATA/copy/second.sh" uri)" back.db | grep -o '"journal":{[^}]*}'
>~ ^"journal":\{"intact":true,"entries":2,"head_seq":2,"head_hash":"[0-9a-f]{64}"\}$
$ "$TESTDATA/copy/second.sh" drop
$ s40 --db back.db journal verify
> บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน 2 รายการ ข้อมูล 829,403 แถวใน 17 ตารางตรงกับที่ s40 บันทึก / journal intact, 2 entries; the data (829,403 rows in 17 tables) is as s40 wrote it
$ "$TESTDATA/copy/reports.sh" back.db | cmp - demo.csv
# (the names' index, person_name's own tables, is built by the copy's inserts in another
# order than the demo's: its pages differ, what it finds does not)
$ sqlite3 back.db .dump | grep -v '^INSERT INTO person_name_' | cmp - <(sqlite3 demo.db .dump | grep -v '^INSERT INTO person_name_')
$ s40 --db back.db person find "สมชาย" --area 7503 --limit 1000 | cmp - <(s40 --db demo.db person find "สมชาย" --area 7503 --limit 1000)
$ s40 --db back.db person find "สมชาย" --area 7503 --limit 1000 | grep -c "สมชาย"
>~ ^[1-9][0-9]+$

# a destination that holds data is refused, whichever its engine, and left as it was: the
# copy above, and a database made by init (its areas are data)
$ dbdump > before.sql
$ s40 copy demo.db "$DB"
? 3
>-
!~ ^s40: exists \(21\): .+: ฐานข้อมูลปลายทางมีข้อมูลอยู่แล้ว \(ตาราง area\) จึงไม่ได้คัดลอก: ต้องคัดลอกลงฐานข้อมูลใหม่หรือว่าง / .+: the destination holds data already \(table area\), so nothing was copied: copy into a new or empty database \[field dest\]$
$ dbdump | cmp - before.sql
$ s40 --db init.db init > /dev/null
$ sqlite3 init.db .dump > init.sql
$ s40 copy demo.db init.db
? 3
! s40: exists (21): init.db: ฐานข้อมูลปลายทางมีข้อมูลอยู่แล้ว (ตาราง area) จึงไม่ได้คัดลอก: ต้องคัดลอกลงฐานข้อมูลใหม่หรือว่าง / init.db: the destination holds data already (table area), so nothing was copied: copy into a new or empty database [field dest]
$ s40 --lang en copy demo.db init.db
? 3
! s40: exists (21): init.db: the destination holds data already (table area), so nothing was copied: copy into a new or empty database [field dest]
$ sqlite3 init.db .dump | cmp - init.sql

# the summary in CSV (of the small database init made: its areas and journal)
$ s40 --format csv copy init.db csv.db
>~ ^table,rows$
>~ ^area,[1-9][0-9]*$
>~ ^person,0$
>~ ^journal,[1-9][0-9]*$

# a source that does not exist is not found, and nothing is made, not even the destination
$ s40 copy missing.db new.db
? 5
! s40: not_found (20): ไม่พบฐานข้อมูล missing.db (สร้างด้วย s40 init) / no database at missing.db (create it with s40 init) [field source]
$ find . -name 'missing.db*' -o -name 'new.db*' | wc -l
> 0

# the same database on both sides, and a missing operand, are wrong usage
$ s40 copy demo.db ./demo.db
? 2
! s40: usage (4): ต้นทางและปลายทางเป็นฐานข้อมูลเดียวกัน: demo.db (ดู s40 help copy) / the source and the destination are the same database: demo.db (see s40 help copy)
$ s40 copy demo.db
? 2
! s40: usage (4): ต้องระบุฐานข้อมูลต้นทางและปลายทาง (ดู s40 help copy) / give the source and the destination databases (see s40 help copy)
$ s40 help | grep -c '^  s40 copy SOURCE DEST'
> 1
