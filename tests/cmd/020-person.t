# s40 person add|update|show|find, and every bad value refused with the database unchanged.
name: person add, show, find and update; bad IDs, areas, dates and values are refused

$ s40 init > /dev/null

$ s40 person add 1112034563562 --title นาย --first สมชาย --last ใจดี --first-en Somchai --last-en Jaidee --birth 1/1/2533 --sex M --thai yes --village 75030702 --phone 0812345678 --address "12/3 ถนนเพชรเกษม"
!-
> เพิ่มบุคคล 1-1120-34563-56-2 นายสมชาย ใจดี แล้ว / added 1-1120-34563-56-2 Somchai Jaidee
# IDs typed with dashes, spaces or Thai digits; dates in every form
$ s40 person add "3-1006-00445-63-5" --first มาลี --last สุขใจ --birth "5 พ.ค. 2530" --sex หญิง --thai yes --village 75030505
> เพิ่มบุคคล 3-1006-00445-63-5 มาลี สุขใจ แล้ว / added 3-1006-00445-63-5 มาลี สุขใจ
$ s40 person add "๑๒๓๔๕ ๔๕๖๗๘ ๗๘๑" --title นาง --first ขวัญใจ --last มีสุข --birth 2530-12-01 --sex F --thai no --village 75030702
> เพิ่มบุคคล 1-2345-45678-78-1 นางขวัญใจ มีสุข แล้ว / added 1-2345-45678-78-1 นางขวัญใจ มีสุข
$ s40 --lang en person add 1100000000016 --first เอก --last ทดสอบ --birth 1995-06-30 --village 75030700
> added 1-1000-00000-01-6 เอก ทดสอบ

# the same again changes nothing
$ dbdump > before.sql
$ s40 person add 1112034563562 --title นาย --first สมชาย --last ใจดี --first-en Somchai --last-en Jaidee --birth 01/01/2533 --sex M --thai yes --village 75030702 --phone 0812345678 --address "12/3 ถนนเพชรเกษม"
> มีบุคคล 1-1120-34563-56-2 นายสมชาย ใจดี อยู่แล้วด้วยข้อมูลเดียวกัน ไม่มีการเปลี่ยนแปลง / 1-1120-34563-56-2 Somchai Jaidee is registered already with the same data; nothing changed
$ dbdump | cmp - before.sql

$ s40 person show 1-1120-34563-56-2 --today 2020-01-15
> เลขประจำตัวประชาชน     1-1120-34563-56-2
> ชื่อ                    นายสมชาย ใจดี
> ชื่อภาษาอังกฤษ           Somchai Jaidee
> วันเกิด                 1 มกราคม 2533 (อายุ 30 ปี)
> เพศ                   ชาย
> สัญชาติไทย              ใช่
> หมู่บ้าน                 75030702 หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม
> โทรศัพท์                0812345678
> ที่อยู่                   12/3 ถนนเพชรเกษม
> สถานะ                 ไม่ได้เป็นผู้ประกันตนมาตรา 40 (ณ วันที่ 15 มกราคม 2563)
>
> การเป็นผู้ประกันตนมาตรา 40: ไม่มี
$ s40 --lang en person show 1112034563562 --today 2020-01-15
> national ID           1-1120-34563-56-2
> name (Thai)           นายสมชาย ใจดี
> name                  Somchai Jaidee
> born                  1 January 1990 (age 30)
> sex                   male
> Thai nationality      yes
> village               75030702 Moo 2, Khwae Om, Amphawa, Samut Songkhram
> phone                 0812345678
> address               12/3 ถนนเพชรเกษม
> status                not a Section 40 member (on 15 January 2020)
>
> memberships: none
$ s40 person show 1234545678781 --today 2020-01-15 --format json
> {"id":"1234545678781","id_formatted":"1-2345-45678-78-1","title":"นาง","first_th":"ขวัญใจ","last_th":"มีสุข","first_en":"","last_en":"","birth_date":"1987-12-01","age":32,"sex":"F","thai":false,"village":75030702,"village_name":"หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม","phone":"","address":"","today":"2020-01-15","member_today":false,"memberships":[],"exclusions":[]}
$ s40 person show 1234545678781 --format csv
> id,title,first_th,last_th,first_en,last_en,birth_date,sex,thai,village,phone,address
> 1234545678781,นาง,ขวัญใจ,มีสุข,,,1987-12-01,F,false,75030702,,

# find: Thai dictionary order (ข before ม before ส), within an area, with a limit
$ s40 person find ส --today 2020-01-15
> ค้นหาบุคคล "ส"
> พบ 4 คน
> เลขประจำตัวประชาชน  ชื่อ-นามสกุล     ชื่อภาษาอังกฤษ     วันเกิด         รหัสหมู่บ้าน  หมู่บ้าน
> -----------------  ------------  --------------  ------------  --------  -------------------------------------------------
> 1-2345-45678-78-1  นางขวัญใจ มีสุข  -               1 ธ.ค. 2530   75030702  หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม
> 3-1006-00445-63-5  มาลี สุขใจ      -               5 พ.ค. 2530   75030505  หมู่ 5 ตำบลเหมืองใหม่ อำเภออัมพวา จังหวัดสมุทรสงคราม
> 1-1120-34563-56-2  นายสมชาย ใจดี  Somchai Jaidee  1 ม.ค. 2533   75030702  หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม
> 1-1000-00000-01-6  เอก ทดสอบ     -               30 มิ.ย. 2538  75030700  นอกเขตหมู่บ้าน ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม
$ s40 person find ส --area 750305 --format csv
> id,name_th,name_en,birth_date,village,village_name
> 3100600445635,มาลี สุขใจ,,1987-05-05,75030505,หมู่ 5 ตำบลเหมืองใหม่ อำเภออัมพวา จังหวัดสมุทรสงคราม
$ s40 person find Somchai --format csv
> id,name_th,name_en,birth_date,village,village_name
> 1112034563562,นายสมชาย ใจดี,Somchai Jaidee,1990-01-01,75030702,หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม
$ s40 person find ส --limit 1 --format csv | wc -l
> 2
# the limit keeps the first in Thai order, not the first by ID
$ s40 person find ส --limit 1 --format csv | sed -n 2p | cut -d, -f2
> นางขวัญใจ มีสุข
$ s40 person find ส --limit 1 --lang en | sed -n 2p
> the first 1 (--limit)
$ s40 person find ส --limit 0
? 3
! s40: bad_value (18): ต้องเป็นจำนวนเต็มตั้งแต่ 1 ถึง 1000000: 0 / must be a whole number from 1 to 1000000: 0 [field limit]
$ s40 --lang en person find nobody
> people matching "nobody"
> 0 found
> national ID  name (Thai)  name  born  village  village name
> -----------  -----------  ----  ----  -------  ------------
$ s40 person find ส --area 99
? 3
! s40: unknown_area (17): ไม่พบพื้นที่รหัส 99 / there is no area with code 99 [field area]

# update changes only what is given
$ s40 person update 1100000000016 --phone 0899999999 --thai yes
> แก้ไขข้อมูล 1-1000-00000-01-6 เอก ทดสอบ แล้ว / updated 1-1000-00000-01-6 เอก ทดสอบ
$ s40 person update 1100000000016 --phone 0899999999
> ข้อมูล 1-1000-00000-01-6 เอก ทดสอบ เหมือนเดิม ไม่มีการเปลี่ยนแปลง / 1-1000-00000-01-6 เอก ทดสอบ: the data is the same; nothing changed
$ s40 person show 1100000000016 --format json --today 2020-01-15
> {"id":"1100000000016","id_formatted":"1-1000-00000-01-6","title":"","first_th":"เอก","last_th":"ทดสอบ","first_en":"","last_en":"","birth_date":"1995-06-30","age":24,"sex":null,"thai":true,"village":75030700,"village_name":"นอกเขตหมู่บ้าน ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม","phone":"0899999999","address":"","today":"2020-01-15","member_today":false,"memberships":[],"exclusions":[]}

# --- refusals: each exits non-zero with one line, and the database stays as it was
$ dbdump > before.sql

# a malformed ID
$ s40 person add 12345 --first ก --last ข --birth 1/1/2530 --village 75030702
? 3
! s40: bad_id (10): เลขประจำตัวประชาชนต้องมี 13 หลัก แต่พบ 5 หลัก / a national ID has 13 digits; 5 found [field id]
$ s40 person add 1-1120-34563-56-2x --first ก --last ข --birth 1/1/2530 --village 75030702
? 3
! s40: bad_id (10): เลขประจำตัวประชาชนมีอักขระ "x" ซึ่งไม่ใช่ตัวเลข (ใช้ได้เฉพาะตัวเลข ขีด และช่องว่าง) / the national ID contains "x", which is not a digit (only digits, dashes and spaces are allowed) [field id]
# a wrong check digit
$ s40 person add 1234545678789 --first ก --last ข --birth 1/1/2530 --village 75030702
? 3
! s40: id_check (11): เลขประจำตัวประชาชนไม่ถูกต้อง: หลักสุดท้ายควรเป็น 1 แต่เป็น 9 (ตรวจว่าพิมพ์ตัวเลขถูกทุกหลัก) / the national ID is wrong: the check digit should be 1, not 9 (check every digit was typed right) [field id]
# IDs starting with 0 or 9
$ s40 person add 0112034563562 --first ก --last ข --birth 1/1/2530 --village 75030702
? 3
! s40: id_type (12): เลขที่ขึ้นต้นด้วย 0 ไม่ใช่เลขประจำตัวประชาชนตามบัตรประชาชน (ขึ้นต้นด้วย 0 หรือ 9 ไม่ได้) / an ID starting with 0 is not a personal ID card number (0 and 9 are not accepted) [field id]
$ s40 person add 9112034563562 --first ก --last ข --birth 1/1/2530 --village 75030702
? 3
! s40: id_type (12): เลขที่ขึ้นต้นด้วย 9 ไม่ใช่เลขประจำตัวประชาชนตามบัตรประชาชน (ขึ้นต้นด้วย 0 หรือ 9 ไม่ได้) / an ID starting with 9 is not a personal ID card number (0 and 9 are not accepted) [field id]
$ dbdump | cmp - before.sql

# an unknown area, an area of the wrong level or form
$ s40 person add 1100000000024 --first ก --last ข --birth 1/1/2530 --village 75039902
? 3
! s40: unknown_area (17): ไม่พบพื้นที่รหัส 75039902 / there is no area with code 75039902 [field village]
$ s40 person add 1100000000024 --first ก --last ข --birth 1/1/2530 --village 99999999
? 3
! s40: unknown_area (17): ไม่พบพื้นที่รหัส 99999999 / there is no area with code 99999999 [field village]
$ s40 person add 1100000000024 --first ก --last ข --birth 1/1/2530 --village 750307
? 3
! s40: bad_area (16): รหัสหมู่บ้านต้องมี 8 หลัก: 750307 / a village code has 8 digits: 750307 [field village]
$ s40 person add 1100000000024 --first ก --last ข --birth 1/1/2530 --village 7503070x
? 3
! s40: bad_area (16): รหัสพื้นที่ต้องเป็นตัวเลขเท่านั้น (2, 4, 6 หรือ 8 หลัก เช่น 75, 7503, 750307, 75030702) / an area code has digits only (2, 4, 6 or 8, as 75, 7503, 750307, 75030702) [field village]
$ dbdump | cmp - before.sql

# an impossible date, an unreadable one, one in the future
$ s40 person add 1100000000024 --first ก --last ข --birth 31/02/2562 --village 75030702
? 3
! s40: impossible_date (14): ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์ 2562 (เดือนนี้มี 28 วัน): "31/02/2562" / there is no day 31 in February 2019 (that month has 28 days): "31/02/2562" [field birth_date]
$ s40 person add 1100000000024 --first ก --last ข --birth 29/02/2561 --village 75030702
? 3
! s40: impossible_date (14): ไม่มีวันที่ 29 ในเดือนกุมภาพันธ์ 2561 (เดือนนี้มี 28 วัน): "29/02/2561" / there is no day 29 in February 2018 (that month has 28 days): "29/02/2561" [field birth_date]
$ s40 person add 1100000000024 --first ก --last ข --birth yesterday --village 75030702
? 3
! s40: bad_date (13): อ่านวันที่ "yesterday" ไม่ได้ ใช้รูปแบบ 31/10/2562, 31/10/62, 31-10-2562, 2562-10-31, 2019-10-31, 31 ต.ค. 2562 / cannot read the date "yesterday"; use 31/10/2562, 31/10/62, 31-10-2562, 2562-10-31, 2019-10-31, 31 ต.ค. 2562 [field birth_date]
$ s40 person add 1100000000024 --first ก --last ข --birth 1/1/2600 --village 75030702
? 3
!~ ^s40: bad_value \(18\): วันเกิด 1 มกราคม 2600 อยู่หลังวันนี้ / birth date .* is after today \[field birth_date\]$
$ dbdump | cmp - before.sql

# other values
$ s40 person add 1100000000024 --first ก --last ข --birth 1/1/2530 --village 75030702 --sex X
? 3
! s40: bad_value (18): เพศต้องเป็น M (ชาย) หรือ F (หญิง): X / sex is M or F: X [field sex]
$ s40 person add 1100000000024 --first ก --last ข --birth 1/1/2530 --village 75030702 --thai maybe
? 3
! s40: bad_value (18): สัญชาติไทยต้องเป็น yes หรือ no: maybe / thai is yes or no: maybe [field thai]
$ s40 person add 1100000000024 --first ก --last ข --birth 1/1/2530 --village 75030702 --phone 08-abc
? 3
! s40: bad_value (18): หมายเลขโทรศัพท์มีอักขระ 'a' ที่ไม่ใช่ตัวเลข / the phone number holds 'a', not a digit [field phone]
$ s40 person add 1100000000024 --first "  " --last ข --birth 1/1/2530 --village 75030702
? 3
! s40: missing (19): ไม่ได้ระบุ first_name / first_name is required [field first_name]
# the same ID with other data
$ s40 person add 1112034563562 --first สมชาย --last ใจร้าย --birth 1/1/2533 --village 75030702
? 3
! s40: exists (21): เลขประจำตัว 1-1120-34563-56-2 มีในทะเบียนแล้วด้วยข้อมูลอื่น (แก้ไขข้อมูลของบุคคลนั้น ไม่ใช่ลงทะเบียนใหม่) / ID 1-1120-34563-56-2 is registered already with other data (change that person's record rather than registering again) [field id]
$ dbdump | cmp - before.sql

# wrong usage
$ s40 person add 1100000000024 --last ข --birth 1/1/2530 --village 75030702
? 2
! s40: usage (4): ต้องระบุ --first (ดู s40 help person) / --first is required (see s40 help person)
$ s40 person add --first ก --last ข --birth 1/1/2530 --village 75030702
? 2
! s40: usage (4): ไม่ได้ระบุเลขประจำตัวประชาชน (ดู s40 help person) / the national ID is missing (see s40 help person)
$ s40 person update 1112034563562
? 2
! s40: usage (4): ไม่ได้ระบุข้อมูลที่จะแก้ไข (ดู s40 help person) / nothing to change was given (see s40 help person)
$ s40 person frob
? 2
! s40: usage (4): ไม่รู้จักคำสั่งย่อย frob (ดู s40 help person) / unknown subcommand frob (see s40 help person)
# not found
$ s40 person show 1100000000024
? 5
! s40: not_found (20): ไม่พบบุคคลเลขประจำตัว 1-1000-00000-02-4 ในทะเบียน / no person with ID 1-1000-00000-02-4 in the register [field id]
$ s40 person update 1100000000024 --phone 0811111111
? 5
! s40: not_found (20): ไม่พบบุคคลเลขประจำตัว 1-1000-00000-02-4 ในทะเบียน / no person with ID 1-1000-00000-02-4 in the register [field id]
$ dbdump | cmp - before.sql
