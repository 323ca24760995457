# Names that look the same are the same (issue 13): one spelling for SARA AM typed as
# NIKHAHIT + SARA AA, for invisible characters, for marks typed in either order; search
# text goes the same way; a doubled mark or a name with no letter is refused with the
# database unchanged. $'…' writes the code points typed (LC_ALL=C.UTF-8).
name: names typed different ways that look the same are one name; what is no name is refused

$ s40 init > /dev/null

# SARA AM typed as NIKHAHIT + SARA AA (U+0E4D U+0E32) is found by the composed spelling
$ s40 person add 1112034563562 --first $'\u0e08\u0e4d\u0e32\u0e40\u0e19\u0e35\u0e22\u0e23' --last ใจดี --birth 1/1/2533 --village 75030702
> เพิ่มบุคคล 1-1120-34563-56-2 จำเนียร ใจดี แล้ว / added 1-1120-34563-56-2 จำเนียร ใจดี
$ s40 person find จำเนียร --format csv
> id,name_th,name_en,birth_date,village,village_name
> 1112034563562,จำเนียร ใจดี,,1990-01-01,75030702,หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม
$ dbsql "SELECT first_th FROM person WHERE id = 1112034563562" | od -An -tx1 | tr -d ' \n'; echo
> e0b888e0b8b3e0b980e0b899e0b8b5e0b8a2e0b8a30a
# the other spelling of the same person is the same data, not another name
$ dbdump > before.sql
$ s40 person add 1112034563562 --first จำเนียร --last ใจดี --birth 1/1/2533 --village 75030702
> มีบุคคล 1-1120-34563-56-2 จำเนียร ใจดี อยู่แล้วด้วยข้อมูลเดียวกัน ไม่มีการเปลี่ยนแปลง / 1-1120-34563-56-2 จำเนียร ใจดี is registered already with the same data; nothing changed
$ dbdump | cmp - before.sql
# and the search typed decomposed finds it too
$ s40 person find $'\u0e08\u0e4d\u0e32\u0e40\u0e19' --format csv
> id,name_th,name_en,birth_date,village,village_name
> 1112034563562,จำเนียร ใจดี,,1990-01-01,75030702,หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม

# a zero-width space (and ZWNJ, ZWJ, BOM) inside a name is removed
$ s40 person add 3100600445635 --first $'\u0e2a\u0e21\u200b\u0e0a\u0e32\u0e22' --last $'\ufeff\u0e21\u0e35\u200c\u0e2a\u0e38\u200d\u0e02' --birth 5/5/2530 --village 75030505
> เพิ่มบุคคล 3-1006-00445-63-5 สมชาย มีสุข แล้ว / added 3-1006-00445-63-5 สมชาย มีสุข
$ s40 person find สมชาย --format csv
> id,name_th,name_en,birth_date,village,village_name
> 3100600445635,สมชาย มีสุข,,1987-05-05,75030505,หมู่ 5 ตำบลเหมืองใหม่ อำเภออัมพวา จังหวัดสมุทรสงคราม
$ s40 person find $'\u0e21\u0e35\u200b\u0e2a\u0e38\u0e02' --format csv
> id,name_th,name_en,birth_date,village,village_name
> 3100600445635,สมชาย มีสุข,,1987-05-05,75030505,หมู่ 5 ตำบลเหมืองใหม่ อำเภออัมพวา จังหวัดสมุทรสงคราม

# a tone typed before the vowel above (ก U+0E48 U+0E34) is the vowel first (ก U+0E34 U+0E48)
$ s40 person add 1234545678781 --first $'\u0e01\u0e48\u0e34\u0e07' --last $'\u0e19\u0e4d\u0e49\u0e32\u0e1d\u0e19' --birth 2530-12-01 --village 75030702
> เพิ่มบุคคล 1-2345-45678-78-1 กิ่ง น้ำฝน แล้ว / added 1-2345-45678-78-1 กิ่ง น้ำฝน
$ dbsql "SELECT first_th, last_th FROM person WHERE id = 1234545678781" | od -An -tx1 | tr -d ' \n'; echo
> e0b881e0b8b4e0b988e0b8877ce0b899e0b989e0b8b3e0b89de0b8990a
$ s40 person find $'\u0e01\u0e34\u0e48\u0e07' --format csv
> id,name_th,name_en,birth_date,village,village_name
> 1234545678781,กิ่ง น้ำฝน,,1987-12-01,75030702,หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม
$ s40 person find $'\u0e19\u0e33\u0e49\u0e1d\u0e19' --format csv
> id,name_th,name_en,birth_date,village,village_name
> 1234545678781,กิ่ง น้ำฝน,,1987-12-01,75030702,หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม

# a doubled tone mark (ก้้องภพ) is refused, and nothing is written
$ dbdump > before.sql
$ s40 person add 1100000000016 --first $'\u0e01\u0e49\u0e49\u0e2d\u0e07\u0e20\u0e1e' --last ทดสอบ --birth 1995-06-30 --village 75030700
? 3
! s40: bad_value (18): มีเครื่องหมาย ◌้ (U+0E49) ซ้ำสองครั้งบนตัวอักษรเดียวกัน / the mark ◌้ (U+0E49) is typed twice on one letter [field first_name]
$ s40 person add 1100000000016 --first ก่้อง --last ทดสอบ --birth 1995-06-30 --village 75030700
? 3
! s40: bad_value (18): มีวรรณยุกต์สองตัว ◌่ และ ◌้ บนตัวอักษรเดียวกัน / two tone marks, ◌่ and ◌้, on one letter [field first_name]
$ dbdump | cmp - before.sql

# a name of only a tone mark, or only invisible characters, has no letter: refused
$ s40 person add 1100000000016 --first $'\u0e48' --last ทดสอบ --birth 1995-06-30 --village 75030700
? 3
! s40: bad_value (18): ชื่อต้องมีตัวอักษรอย่างน้อยหนึ่งตัว ไม่ใช่มีแต่อักขระที่มองไม่เห็น สระบนล่าง หรือวรรณยุกต์ / a name must hold at least one letter, not only invisible characters, vowel marks or tone marks [field first_name]
$ s40 --lang en person add 1100000000016 --first เอก --last $'\u200b\u200c' --birth 1995-06-30 --village 75030700
? 3
! s40: bad_value (18): a name must hold at least one letter, not only invisible characters, vowel marks or tone marks [field last_name]
$ s40 person update 1234545678781 --last $'\u0e34\u0e48'
? 3
! s40: bad_value (18): ชื่อต้องมีตัวอักษรอย่างน้อยหนึ่งตัว ไม่ใช่มีแต่อักขระที่มองไม่เห็น สระบนล่าง หรือวรรณยุกต์ / a name must hold at least one letter, not only invisible characters, vowel marks or tone marks [field last_name]
$ dbdump | cmp - before.sql

# a CSV import goes the same way: the row with a ZWSP in its name is written as typed
# without it, the one with a doubled mark is rejected
$ printf 'id,first_name,last_name,birth_date,village\n1100000000016,\u0e40\u0e2d\u0e01,\u0e17\u200b\u0e14\u0e2a\u0e2d\u0e1a,1995-06-30,75030700\n3101200332443,\u0e01\u0e49\u0e49\u0e2d\u0e07,\u0e17\u0e14\u0e2a\u0e2d\u0e1a,1995-06-30,75030700\n' > people.csv
$ s40 import persons people.csv --partial --reject rejects.csv
> นำเข้า persons จาก people.csv / import of persons from people.csv
> แถวทั้งหมด 2 ถูกต้อง 1 ไม่ถูกต้อง 1 เปลี่ยนแปลง 1 ไม่เปลี่ยนแปลง 0 / rows 2, good 1, bad 1, changed 1, unchanged 0
> บันทึกแล้ว (บันทึกการเปลี่ยนแปลงลำดับที่ 5) / committed (journal entry 5)
> แถวที่ไม่ถูกต้องอยู่ในไฟล์ rejects.csv / the bad rows are in rejects.csv
$ sed 's/^\xEF\xBB\xBF/<BOM>/' rejects.csv | cut -d, -f1-3
> <BOM>line,column,code
> 3,first_name,bad_value
$ s40 person find ทดสอบ --format csv
> id,name_th,name_en,birth_date,village,village_name
> 1100000000016,เอก ทดสอบ,,1995-06-30,75030700,นอกเขตหมู่บ้าน ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม

# a database of the schema before (8) is brought to this spelling by the first command
# that opens it, which tells what it did; once (the rows here are normal already: the
# unit test tests/unit/registry/upgrade.c writes older spellings through the store); what
# the later migrations made is taken away first (0010: the names' index; 0011: the follow-up
# tables; 0013: the ledger's sums; 0014: the keys of repeated writes; 0015: the spells' months paid), as it was not there
$ if [ -n "${S40_TEST_PG:-}" ]; then dbsql "DROP INDEX person_name_th; DROP INDEX person_name_en"; else dbsql "DROP TRIGGER person_name_insert; DROP TRIGGER person_name_delete; DROP TRIGGER person_name_update; DROP TABLE person_name"; fi
$ dbsql "DROP TABLE followup_call; DROP TABLE followup_assign"
$ if [ -n "${S40_TEST_PG:-}" ]; then dbsql "DROP TRIGGER ledger_sum ON ledger; DROP FUNCTION s40_ledger_sum(); DROP TABLE ledger_sum"; else dbsql "DROP TRIGGER ledger_sum_insert; DROP TRIGGER ledger_sum_delete; DROP TRIGGER ledger_sum_update; DROP TABLE ledger_sum"; fi
$ dbsql "DROP TABLE idempotency"
$ if [ -n "${S40_TEST_PG:-}" ]; then dbsql "DROP TRIGGER spell_paid ON spell; DROP TRIGGER spell_paid ON ledger; DROP FUNCTION s40_spell_paid_spell(); DROP FUNCTION s40_spell_paid_ledger(); DROP FUNCTION s40_paid_run(bigint); DROP FUNCTION s40_day_month(integer); DROP TABLE spell_paid; DROP TABLE spell_paid_load"; else dbsql "DROP TRIGGER spell_paid_spell_insert; DROP TRIGGER spell_paid_spell_update; DROP TRIGGER spell_paid_spell_delete; DROP TRIGGER spell_paid_ledger_insert; DROP TRIGGER spell_paid_ledger_delete; DROP TRIGGER spell_paid_ledger_update; DROP TRIGGER spell_paid_load_spell_insert; DROP TRIGGER spell_paid_load_spell_update; DROP TRIGGER spell_paid_load_spell_delete; DROP TRIGGER spell_paid_load_ledger_insert; DROP TRIGGER spell_paid_load_ledger_update; DROP TRIGGER spell_paid_load_ledger_delete; DROP TABLE spell_paid; DROP TABLE spell_paid_load"; fi
$ dbsql "UPDATE meta SET value = '8' WHERE key = 'schema_version'"
$ s40 person find จำเนียร --format csv > /dev/null
! s40: ปรับชื่อในทะเบียนเป็นรูปมาตรฐาน: ตรวจ 4 คน แก้ 0 คน (0 ชื่อ) คงไว้ตามเดิม 0 ชื่อ / names in the register normalised: 4 persons looked at, 0 changed (0 names), 0 names left as they were
$ dbsql "SELECT value FROM meta WHERE key IN ('schema_version', 'upgrade.names') ORDER BY key"
> 17
> done
$ dbsql "SELECT seq, op, entity, detail FROM journal WHERE op = 'names.normalize'"
> 6|names.normalize|persons|{"persons":4,"changed":0,"names":0,"left":0}
$ s40 journal verify
>~ ^บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน 6 รายการ
$ s40 person find จำเนียร --format csv > /dev/null
!-
# the names' index, made anew by migration 0010, holds the persons registered before it
$ s40 person find "ทดสอบ" --format csv | cut -d, -f1
> id
> 1100000000016

name: person find orders by first name, then last name, each on its own
$ s40 init > /dev/null
$ s40 person add 1100000005107 --first กาญจนา --last สุข --birth 1990-01-01 --village 75030702 > /dev/null
$ s40 person add 1100000005204 --first กา --last สุข --birth 1990-01-01 --village 75030702 > /dev/null
$ s40 person add 1100000005301 --first กา --last กล้า --birth 1990-01-01 --village 75030702 > /dev/null
$ s40 person find กา --format csv | cut -d, -f2
> name_th
> กา กล้า
> กา สุข
> กาญจนา สุข
