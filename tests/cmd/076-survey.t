# s40 survey and the village reports from the command line: a survey typed and read from
# standard input, refused residents, a village becoming fully covered when one resident
# joins and the other moves to Section 33, the door-to-door list, the threshold.
name: a survey from the command line and from a file; the village covered and not
$ s40 init > /dev/null
$ s40 person add 1-1120-34563-56-2 --first สมชาย --last ใจดี --birth 12/05/2530 --thai yes --village 75030702 --phone 0812345678 > /dev/null
$ s40 person add 3100600445635 --first มาลี --last ศรีสุข --birth 1/1/2520 --thai yes --village 75030702 > /dev/null
$ s40 survey add 75030702 --date 1/9/2562 --resident 1112034563562:uninsured --resident 3100600445635:ineligible
? 3
!~ ^s40: bad_reason \(23\)
$ s40 survey add 75030702 --date 1/9/2562 --resident 1112034563562:nonsense
? 3
!~ ^s40: bad_value \(18\)
< 1112034563562:uninsured
< # the second resident works at home
< 3100600445635 uninsured
$ s40 survey add 75030702 --date 1/9/2562 --from -
> ผลสำรวจหมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม วันที่ 1 กันยายน 2562: เพิ่ม 2 คน แก้ไข 0 คน ไม่เปลี่ยน 0 คน / survey of Moo 2, Khwae Om, Amphawa, Samut Songkhram on 1 September 2019: 2 added, 0 changed, 0 unchanged
$ s40 report villages --area 75030702 --date 2019-10-31 --format csv | head -2 | tail -1
> 75030702,หมู่ 2,แควอ้อม,2019-09-01,2,2,0,2,0,0.00,0.00,false,,0
# the survey beside the register, in Thai order of names (มาลี before สมชาย): keys in CSV
# and JSON, their names in the table
$ s40 survey show 75030702 --date 2019-10-31 --format csv
> id,name,survey,reason,register,differs
> 3100600445635,มาลี ศรีสุข,uninsured,,uninsured,false
> 1112034563562,สมชาย ใจดี,uninsured,,uninsured,false
$ s40 survey show 75030702 --date 2019-10-31 | grep -c 'ยังไม่มีหลักประกัน'
> 2
$ s40 report prospects --village 75030702 --date 2019-10-31 --format csv
>~ ^1-xxxx-xxxxx-56-2,สมชาย ใจดี,32,0812345678,,
>~ ^3-xxxx-xxxxx-63-5,มาลี ศรีสุข,42,,,uninsured,
$ s40 enrol 1112034563562 --option 1 --date 2019-10-01 > /dev/null
$ s40 exclude 3100600445635 --kind s33 --from 2019-10-15 > /dev/null
$ s40 report villages --area 75030702 --date 2019-10-31 --format csv | head -2 | tail -1
> 75030702,หมู่ 2,แควอ้อม,2019-09-01,2,1,1,0,1,100.00,100.00,true,2019-10-15,2
$ s40 report villages --area 75030702 --date 2019-10-14 --format csv | head -2 | tail -1
> 75030702,หมู่ 2,แควอ้อม,2019-09-01,2,2,1,1,0,50.00,50.00,false,,1
$ s40 report prospects --village 75010201 --date 2019-10-31
? 5
!~ ^s40: no_survey \(114\)
$ s40 survey threshold 50
> เกณฑ์หมู่บ้านประกันสังคมถ้วนหน้า: ผู้มีสิทธิเป็นผู้ประกันตนอย่างน้อย 50.00% / fully covered village threshold: at least 50.00% of the eligible are members
$ s40 report villages --area 75030702 --date 2019-10-14 --format csv | head -2 | tail -1
> 75030702,หมู่ 2,แควอ้อม,2019-09-01,2,2,1,1,0,50.00,50.00,true,2019-10-01,1

name: import survey: a bad row rejects the file and writes nothing; a good file twice changes nothing the second time
$ s40 --db imp.db init > /dev/null
$ s40 --db imp.db person add 1-1120-34563-56-2 --first สมชาย --last ใจดี --birth 12/05/2530 --thai yes --village 75030702 > /dev/null
$ s40 --db imp.db person add 3100600445635 --first มาลี --last ศรีสุข --birth 1/1/2520 --thai yes --village 75030702 > /dev/null
$ printf 'รหัสหมู่บ้าน,วันที่สำรวจ,เลขประจำตัวประชาชน,สถานะ,เหตุผล\n75030702,1/9/2562,1-1120-34563-56-2,ไม่มีหลักประกัน,\n75030702,1/9/2562,3100600445635,ไม่มีสิทธิ,\n' > bad.csv
$ sqlite3 imp.db .dump > before.sql
$ s40 --db imp.db import survey bad.csv
? 6
!~ ^s40: rejected \(55\).*line 3
$ sqlite3 imp.db .dump | cmp - before.sql
$ printf 'รหัสหมู่บ้าน,วันที่สำรวจ,เลขประจำตัวประชาชน,สถานะ,เหตุผล\n75030702,1/9/2562,1-1120-34563-56-2,ไม่มีหลักประกัน,\n75030702,1/9/2562,3100600445635,ไม่มีสิทธิ,นักเรียน\n' > good.csv
$ s40 --db imp.db import survey good.csv
>~ ^แถวทั้งหมด 2 ถูกต้อง 2 ไม่ถูกต้อง 0 เปลี่ยนแปลง 2 ไม่เปลี่ยนแปลง 0
$ s40 --db imp.db import survey good.csv
>~ ^แถวทั้งหมด 2 ถูกต้อง 2 ไม่ถูกต้อง 0 เปลี่ยนแปลง 0 ไม่เปลี่ยนแปลง 2
$ s40 --db imp.db report villages --area 75030702 --date 2019-10-31 --format csv | head -2 | tail -1
> 75030702,หมู่ 2,แควอ้อม,2019-09-01,2,1,0,1,0,0.00,0.00,false,,1
