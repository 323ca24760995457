# s40 demo: the synthetic Samut Songkhram holds the seed article's 17,093 members on
# 31 October 2019; the same seed gives the same database; a database with persons is refused.
name: demo builds Samut Songkhram with 17,093 members on 31 Oct 2019

# (the database's path or URI, as given, is written $DB here)
$ s40 --db "$DB" demo --today 2020-01-15 | sed "s|$DB|\$DB|g"
>~ ^สร้างข้อมูลสาธิตจังหวัดสมุทรสงคราม \(seed 1\) ใน \$DB แล้ว / built the Samut Songkhram demo \(seed 1\) in \$DB$
>~ ^บุคคล [0-9,]+ คน สมัคร [0-9,]+ ครั้ง สิ้นสุด [0-9,]+ ครั้ง .* / [0-9,]+ persons, [0-9,]+ enrolments, [0-9,]+ ended,
>~ ^ผู้ประกันตนมาตรา 40 ณ วันที่ 31 ตุลาคม 2562: 17,093 คน / Section 40 members on 31 October 2019: 17,093$
>~ ^จังหวัดสมุทรสงคราม ณ วันที่ 31 ตุลาคม 2562$
>~ ^7501  เมืองสมุทรสงคราม +Mueang Samut Songkhram +[0-9,]+$
>~ ^75    รวมจังหวัดสมุทรสงคราม +Total Samut Songkhram +17,093$
!-
$ s40 report asof --date 2019-10-31 --area 75 --format csv | tail -1
> 75,รวมจังหวัดสมุทรสงคราม,Total Samut Songkhram,17093
$ s40 --lang en report asof --date 2019-10-31 --area 750307 --level village --format csv | grep '^75030702,'
>~ ^75030702,หมู่ 2,Moo 2,[1-9][0-9]*$
$ s40 journal verify
> บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน 2 รายการ ข้อมูล 829,403 แถวใน 17 ตารางตรงกับที่ s40 บันทึก / journal intact, 2 entries; the data (829,403 rows in 17 tables) is as s40 wrote it

# a database that holds persons is refused and left as it was
$ dbdump > before.sql
$ s40 demo --today 2020-01-15
? 3
! s40: exists (21): ฐานข้อมูลมีบุคคลอยู่แล้ว 27143 คน: ข้อมูลสาธิตต้องสร้างในทะเบียนว่าง / the database holds 27143 persons already: the demo needs an empty register
$ dbdump | cmp - before.sql

# the same seed gives the same persons and spells, another seed others (again.db and
# other.db are SQLite files whatever the engine of $DB)
$ demo_db 1 2021-06-01 again.db
$ printf '%s\n' 'person ORDER BY id' 'spell ORDER BY spell_id' 'exclusion ORDER BY excl_id' 'option_change ORDER BY spell_id, from_month' > tables
$ while read -r t; do dbsql "SELECT * FROM $t" | md5sum; done < tables > one.sum
$ while read -r t; do DB=again.db dbsql "SELECT * FROM $t" | md5sum; done < tables | cmp - one.sum
$ s40 --db other.db demo --seed 7 --today 2020-01-15 --format json | grep -o '"members_2019_10_31":[0-9]*'
> "members_2019_10_31":17093
$ DB=other.db dbsql "SELECT * FROM person ORDER BY id" | md5sum | cmp -s - <(head -1 one.sum) && echo same || echo different
> different

# before 2020 the demo cannot be built
$ s40 --db early.db demo --today 2019-12-31
? 2
! s40: usage (4): ข้อมูลสาธิตต้องสร้างในวันที่ 1 มกราคม 2563 หรือหลังจากนั้น (วันนี้ 2019-12-31) / the demo is built on 2020-01-01 or later (today is 2019-12-31) [field today]
$ s40 demo --seed -1
? 3
! s40: bad_value (18): ต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 2147483647: -1 / must be a whole number from 0 to 2147483647: -1 [field seed]
