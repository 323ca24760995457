# s40 init, help, version and the handling of wrong usage.
name: init creates the database and loads the geography; help and usage errors

# (the database's path or URI, as given, is written $DB here)
$ s40 --db "$DB" init | sed "s|$DB|\$DB|g"
> สร้างฐานข้อมูล $DB แล้ว / created the database $DB
> โหลดข้อมูลพื้นที่แล้ว: 77 จังหวัด 928 อำเภอ 7,436 ตำบล 75,206 หมู่บ้าน
!-

# a second init changes nothing
$ dbdump > before.sql
$ s40 init --db "$DB" --lang en | sed "s|$DB|\$DB|g"
> the database $DB holds the areas already; nothing changed
> areas held: 77 provinces, 928 districts, 7,436 subdistricts, 75,206 villages
$ dbdump | cmp - before.sql

$ s40 init --format json | sed "s|$DB|\$DB|g"
> {"db":"$DB","loaded":false,"provinces":77,"districts":928,"subdistricts":7436,"villages":75206}

# S40_DB is the default database; --db after the command wins
$ S40_DB=other.db s40 init --lang en --format csv
> loaded,provinces,districts,subdistricts,villages
> 1,77,928,7436,75206
$ test -f other.db

# the villages of ตำบลแควอ้อม, with the part-00 code "not in a village"
$ s40 report asof --date 2019-10-31 --area 750307 --format csv | head -4
> code,name_th,name_en,members
> 75030700,นอกเขตหมู่บ้าน,Not in a village,0
> 75030701,หมู่ 1,Moo 1,0
> 75030702,หมู่ 2,Moo 2,0

# a command on a database that does not exist
$ s40 --db missing.db person show 1112034563562
? 5
! s40: not_found (20): ไม่พบฐานข้อมูล missing.db (สร้างด้วย s40 init) / no database at missing.db (create it with s40 init) [field db]
$ test ! -e missing.db

$ s40 --version
>~ ^s40 [0-9]+\.[0-9]+\.[0-9]+$

# every command of the table has its usage in the help
$ s40 --help > help.txt
$ for c in init person enrol option leave exclude import report journal demo help; do grep -q "^  s40 $c " help.txt || echo "missing $c"; done
>-
$ s40 help | grep -A7 '^รหัสสถานะ' | head -3
> รหัสสถานะเมื่อจบ / exit status:
>   0  สำเร็จ
>      success
$ s40 --lang en help | grep -A7 '^exit status'
> exit status:
>   0  success
>   1  failure of the system: database, file, internal (codes 1–9, 70–89)
>   2  wrong usage (usage, 4)
>   3  an invalid input value (codes 10–29 but 20)
>   4  refused by a Section 40 rule (codes 30–49)
>   5  not found: the person, the database… (not_found, 20)
>   6  an import was rejected (codes 50–69)
$ s40 --lang en help leave
> usage:
>   s40 leave ID --date D --reason death|s33|s39|civil_servant|state_enterprise|resigned|correction
>
>   end a Section 40 membership from a day, with the reason
$ s40 enrol --help --lang en
> usage:
>   s40 enrol ID --option 1|2|3 [--date D] [--by RECRUITER_ID] [--channel office|event|volunteer|online|counter] [--event EVENT_NUMBER]
>
>   enrol a registered person in Section 40 (on today unless --date)

# wrong usage: exit status 2, one line on stderr
$ s40
? 2
! s40: usage (4): ไม่ได้ระบุคำสั่ง (ดู s40 help) / no command given (see s40 help)
>-
$ s40 frobnicate
? 2
! s40: usage (4): ไม่รู้จักคำสั่ง frobnicate (ดู s40 help) / unknown command frobnicate (see s40 help)
$ s40 --lang en init --frob
? 2
! s40: usage (4): unknown option --frob (see s40 help init)
$ s40 --lang en enrol 1112034563562 --option
? 2
! s40: usage (4): option --option needs a value (see s40 help enrol)
$ s40 --lang en --format xml init
? 2
! s40: usage (4): --format is table, json, csv, xlsx or pdf: xml (see s40 help)
$ s40 --lang fr init
? 2
! s40: usage (4): --lang ต้องเป็น th หรือ en: fr (ดู s40 help) / --lang is th or en: fr (see s40 help)
$ s40 --lang en help nosuch
? 2
! s40: usage (4): unknown command nosuch (see s40 help help)
$ s40 --lang en person
? 2
! s40: usage (4): give add, update, show or find (see s40 help person)
$ s40 --lang en report monthly
? 2
! s40: usage (4): unknown report monthly (see s40 help report)
# --today is a date like any other
$ s40 --today 31/02/2562 init
? 3
! s40: impossible_date (14): ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์ 2562 (เดือนนี้มี 28 วัน): "31/02/2562" / there is no day 31 in February 2019 (that month has 28 days): "31/02/2562" [field today]
