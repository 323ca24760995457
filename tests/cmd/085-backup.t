# s40 backup DEST: a copy of the SQLite database (--db) written beside DEST under a
# temporary name, checked (integrity_check, or quick_check with --quick), and renamed into
# place; what it cannot do is refused with the field at fault, leaving no file behind.
# The database is a SQLite file made by name (live.db), on either engine's pass; the test's
# own database $DB is backed up only at the end: on the PostgreSQL pass it is a URI, refused.
name: backup copies a SQLite database and checks the copy; refusals leave no file

$ s40 --db live.db init --today 2026-01-01 > /dev/null
$ s40 --db live.db person add 3100600445635 --title นาง --first มาลี --last กรุงเทพ --birth 1980-03-01 --sex F --thai yes --village 10010100 --today 2026-01-01 > /dev/null
$ s40 --db live.db enrol 3100600445635 --option 1 --date 2025-12-01 --today 2026-01-01 > /dev/null
$ s40 --db live.db backup copy.db
>~ ^สำรองฐานข้อมูล live\.db ไปยัง copy\.db แล้ว: [0-9,]+ ไบต์ [0-9,]+ หน้า ใน [0-9]+\.[0-9] วินาที / backed up live\.db to copy\.db: [0-9,]+ bytes, [0-9,]+ pages in [0-9]+\.[0-9] s$
>~ ^สำเนาผ่านการตรวจ integrity_check โครงสร้างรุ่น [0-9]+ บันทึกการเปลี่ยนแปลงล่าสุดลำดับที่ 3 hash [0-9a-f]{64} / the copy passed integrity_check: schema version [0-9]+, the journal's last number 3 hash [0-9a-f]{64}$
!-
# the copy is the database, row for row, its journal verifies, and only its owner reads it
$ s40 --db copy.db journal verify
> บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน 3 รายการ ข้อมูล 91,085 แถวใน 17 ตารางตรงกับที่ s40 บันทึก / journal intact, 3 entries; the data (91,085 rows in 17 tables) is as s40 wrote it
$ sqlite3 copy.db .dump | cmp - <(sqlite3 live.db .dump)
$ stat -c %a copy.db
> 600
# whatever the umask: the copy holds every person's record and the users' password hashes
# (docs/CLI.md, backup)
$ umask 022 && s40 --db live.db backup mode.db > /dev/null && stat -c %a mode.db
> 600
# the size, schema version and journal head printed are the copy's own
$ s40 --db live.db --format json backup json.db > backup.json
$ grep -o '"bytes":[0-9]*,' backup.json | tr -dc 0-9 | cmp - <(stat -c %s json.db | tr -dc 0-9)
$ grep -o '"schema_version":[0-9]*,' backup.json | tr -dc 0-9 | cmp - <(sqlite3 json.db "SELECT value FROM meta WHERE key = 'schema_version'" | tr -dc 0-9)
$ grep -o '"journal":{.*}' backup.json | cmp - <(sqlite3 json.db "SELECT '\"journal\":{\"head_seq\":' || seq || ',\"head_hash\":\"' || lower(hex(hash)) || '\"}}' FROM journal ORDER BY seq DESC LIMIT 1")
$ grep -o '"check":"integrity_check","ok":true' backup.json
> "check":"integrity_check","ok":true
$ s40 --db live.db --format csv backup --quick csv.db
>~ ^bytes,pages,check,schema_version,head_seq,head_hash$
>~ ^[0-9]+,[0-9]+,quick_check,[0-9]+,3,[0-9a-f]{64}$
$ s40 --db live.db --lang en backup --quick quick.db
>~ ^the copy passed quick_check: schema version [0-9]+, the journal's last number 3 hash [0-9a-f]{64}$

# DEST exists: refused and left as it was, unless --force replaces it
$ cp copy.db copy.before
$ s40 --db live.db backup copy.db
? 3
>-
! s40: exists (21): มีไฟล์ copy.db อยู่แล้ว จึงไม่ได้เขียนทับ (ใช้ --force เพื่อเขียนทับ) / copy.db exists already, so it was not replaced (give --force to replace it) [field dest]
$ cmp copy.db copy.before
$ s40 --db live.db leave 3100600445635 --date 2025-12-20 --reason resigned --today 2026-01-01 > /dev/null
$ s40 --db live.db --lang en backup --force copy.db | tail -1
>~ ^the copy passed integrity_check: schema version [0-9]+, the journal's last number 4 hash [0-9a-f]{64}$
$ sqlite3 copy.db .dump | cmp - <(sqlite3 live.db .dump)
# … but not a DEST some program has open (a -wal or -journal file beside it)
$ touch copy.db-wal
$ s40 --db live.db backup --force copy.db
? 3
! s40: exists (21): มีไฟล์ copy.db-wal หรือ -journal อยู่ข้างกัน: มีโปรแกรมเปิด copy.db อยู่ หรือปิดไม่เรียบร้อย จึงไม่ได้เขียนทับ / copy.db-wal or -journal is beside it: a program has copy.db open, or did not close it cleanly, so it was not replaced [field dest]
$ rm copy.db-wal

# bad input, each with its field; none leaves a file
$ ls -A > files.before
$ s40 --db live.db backup
? 2
! s40: usage (4): ต้องระบุไฟล์ปลายทางของสำเนาหนึ่งไฟล์ (ดู s40 help backup) / give the one file to write the copy to (see s40 help backup)
$ s40 --db live.db backup one.db two.db
? 2
! s40: usage (4): ต้องระบุไฟล์ปลายทางของสำเนาหนึ่งไฟล์ (ดู s40 help backup) / give the one file to write the copy to (see s40 help backup)
$ s40 --db missing.db backup new.db
? 5
! s40: not_found (20): ไม่พบฐานข้อมูล missing.db / no database at missing.db [field db]
$ s40 --db live.db backup nowhere/new.db
? 1
! s40: io (2): สร้างไฟล์ชั่วคราวข้าง nowhere/new.db ไม่ได้: No such file or directory / cannot create a temporary file beside nowhere/new.db: No such file or directory [field dest]
$ s40 --db live.db --lang en backup live.db/new.db
? 1
! s40: io (2): cannot create a temporary file beside live.db/new.db: Not a directory [field dest]
# a folder no one may write in (sysfs: not even root)
$ s40 --db live.db --lang en backup /sys/new.db
? 1
!~ ^s40: io \(2\): cannot create a temporary file beside /sys/new\.db: .+ \[field dest\]$
$ mkdir folder
$ s40 --db live.db backup folder
? 3
! s40: bad_value (18): folder เป็นโฟลเดอร์: ต้องระบุชื่อไฟล์ของสำเนา / folder is a folder: give the copy's file name [field dest]
$ s40 --db live.db backup --force ./live.db
? 2
! s40: usage (4): ปลายทาง ./live.db คือฐานข้อมูลที่จะสำรองเอง / the destination ./live.db is the database being backed up [field dest]
$ s40 --db live.db --lang en backup postgresql:///s40
? 2
! s40: usage (4): the destination is a file, not a PostgreSQL database: postgresql:///s40 [field dest]
$ sqlite3 other.db "CREATE TABLE t(x)"; printf 'not a database\n' > text.db
$ s40 --db other.db --lang en backup new.db
? 1
! s40: db (70): other.db is not an s40 database [field db]
$ s40 --db text.db --lang en backup new.db
? 1
! s40: db (70): database text.db: file is not a database [field db]
$ rmdir folder; rm other.db text.db; ls -A | cmp - files.before

# a copy that fails its check is not kept: an index that no longer matches its table
# (quick_check does not compare indexes with their tables: it passes)
$ cp live.db bad.db && sqlite3 bad.db "CREATE INDEX person_last ON person(last_th); PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE INDEX person_last ON person(first_th)' WHERE name = 'person_last'"
$ s40 --db bad.db backup bad-copy.db
? 1
>-
! s40: db (70): สำเนา bad-copy.db ไม่ผ่านการตรวจ integrity_check: row 1 missing from index person_last / the copy bad-copy.db failed its integrity_check: row 1 missing from index person_last [field dest]
$ find . -name 'bad-copy*' | wc -l
> 0
$ s40 --db bad.db --lang en backup --quick bad-quick.db | tail -1
>~ ^the copy passed quick_check: 

# PostgreSQL is backed up with pg_basebackup and WAL archiving: refused, nothing made. On
# the PostgreSQL pass the test's database $DB itself; on SQLite's a URI (refused before any
# connection). The one step that names the engine (tests/cmd/README.md): it picks the URI.
$ if [ -n "${S40_TEST_PG:-}" ]; then db=$DB; else db=postgresql:///s40; fi; s40 --db "$db" backup pg.db
? 2
>-
! s40: usage (4): สำรองแบบนี้ได้เฉพาะไฟล์ SQLite ฐานข้อมูล PostgreSQL สำรองด้วย pg_basebackup และการเก็บไฟล์ WAL (ดู docs/DEPLOY.md) / only a SQLite file is backed up this way: a PostgreSQL database is backed up with pg_basebackup and WAL archiving (see docs/DEPLOY.md) [field db]
$ find . -name 'pg.db*' | wc -l
> 0

$ s40 help | grep -c '^  s40 backup \[--force\] \[--quick\] DEST'
> 1
