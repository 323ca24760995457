# The data against the journal (docs/DECISIONS.md, "What the journal proves"): every commit
# of s40 adds what it changed to a digest of each table's rows (lib/store/digest.h), and
# s40 journal verify recomputes the digests from the rows. A person, spell, payment or user
# row changed, inserted or deleted behind s40's back (here with the engine's own shell) is
# found and its table named; a row whose journal entry does not exist is counted; putting
# the row back as it was makes the data whole again.
name: s40 journal verify finds person, spell, payment and user rows changed or inserted behind s40's back
$ s40 init > /dev/null
$ s40 person add 1100000000016 --first หนึ่ง --last ดี --birth 1980-01-01 --village 75010201 --thai yes > /dev/null
$ s40 enrol 1100000000016 --option 1 --date 2019-10-01 --today 2020-01-01 > /dev/null
$ s40 pay 1100000000016 --months 2019-10..2019-12 --amount 210 --date 2019-10-05 --channel counter --receipt CS-001 --today 2020-01-01 > /dev/null
$ echo officer-secret | s40 user add somchai --role officer --area 75 --insecure-test-hash > /dev/null
$ s40 journal verify --lang en
> journal intact, 5 entries; the data (91,090 rows in 17 tables) is as s40 wrote it
# a person's phone changed
$ dbsql "UPDATE person SET phone = '0899999999' WHERE id = 1100000000016"
$ s40 journal verify --lang en
? 1
! s40: journal (73): the rows of person differ from what s40 wrote (the database was changed other than through s40)
$ dbsql "UPDATE person SET phone = NULL WHERE id = 1100000000016"
$ s40 journal verify --lang en
> journal intact, 5 entries; the data (91,090 rows in 17 tables) is as s40 wrote it
# a membership backdated
$ dbsql "UPDATE spell SET start_day = start_day - 365"
$ s40 journal verify --lang en --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print([t["table"] for t in d["data"]["tables"] if not t["match"]])'
> ['spell']
? 1
$ dbsql "UPDATE spell SET start_day = start_day + 365"
# a payment's amount changed, and a user given the admin role
$ dbsql "UPDATE payment SET total = total + 100"
$ dbsql "UPDATE app_user SET role = 1 WHERE name = 'somchai'"
$ s40 journal verify
? 1
! s40: journal (73): ข้อมูลไม่ตรงกับที่ s40 บันทึกไว้ในตาราง payment, app_user (ฐานข้อมูลถูกแก้ไขโดยไม่ผ่าน s40) / the rows of payment, app_user differ from what s40 wrote (the database was changed other than through s40)
$ dbsql "UPDATE payment SET total = total - 100"
$ dbsql "UPDATE app_user SET role = 2 WHERE name = 'somchai'"
# a person inserted with a journal entry that does not exist, and one with an entry that does
$ dbsql "INSERT INTO person(id, first_th, last_th, thai, province, village, journal_seq) VALUES (1100000000024, 'แทรก', 'เข้ามา', 1, 75, 75010201, 99)"
$ s40 journal verify --lang en
? 1
! s40: journal (73): the rows of person differ from what s40 wrote (the database was changed other than through s40), and rows no journal entry wrote: person 1 row
$ dbsql "UPDATE person SET journal_seq = 2 WHERE id = 1100000000024"
$ s40 journal verify --lang en
? 1
! s40: journal (73): the rows of person differ from what s40 wrote (the database was changed other than through s40)
$ dbsql "DELETE FROM person WHERE id = 1100000000024"
$ s40 journal verify --lang en
> journal intact, 5 entries; the data (91,090 rows in 17 tables) is as s40 wrote it
# a forger who also recomputes the digests (here: s40 copy of the changed rows into a new
# file) passes the data check, but not an anchor taken before with no entry since
$ s40 journal keygen secret.key public.key > /dev/null
$ s40 journal anchor --key secret.key --out before.anchor > /dev/null
$ grep -c '^data [0-9a-f]\{64\}$' before.anchor
> 1
$ s40 journal verify --lang en --public-key public.key before.anchor
> journal intact, 5 entries, extending its anchor (the latest at entry 5); the data (91,090 rows in 17 tables) is as s40 wrote it
$ dbsql "UPDATE person SET phone = '0811111111' WHERE id = 1100000000016"
$ s40 copy "$DB" forged.db > /dev/null
$ s40 --db forged.db journal verify --lang en
> journal intact, 5 entries; the data (91,090 rows in 17 tables) is as s40 wrote it
$ s40 --db forged.db journal verify --lang en --public-key public.key before.anchor
? 1
! s40: journal (73): before.anchor: the data differs from what it was at the anchor, and the journal has no entry since (the data was changed other than through s40) [field anchor]
$ dbsql "UPDATE person SET phone = NULL WHERE id = 1100000000016"
$ s40 journal verify --lang en --public-key public.key before.anchor
> journal intact, 5 entries, extending its anchor (the latest at entry 5); the data (91,090 rows in 17 tables) is as s40 wrote it
# --chain-only skips the data
$ dbsql "DELETE FROM ledger"
$ s40 journal verify --lang en --chain-only
> journal intact, 5 entries
