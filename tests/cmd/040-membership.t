# s40 option, s40 leave and s40 exclude: changing the option once a year, ending a
# membership with a reason, an exclusion that ends the membership it replaces.
name: option changes, leaving and exclusions; a second change in a year is refused

$ s40 init > /dev/null
$ s40 person add 1112034563562 --title นาย --first สมชาย --last ใจดี --birth 1/1/2533 --thai yes --village 75030702 > /dev/null
$ s40 person add 3100600445635 --first มาลี --last สุขใจ --birth 1/1/2530 --thai yes --village 75030505 > /dev/null
$ s40 person add 1234545678781 --first ขวัญใจ --last มีสุข --birth 1/1/2535 --thai yes --village 75030505 > /dev/null
$ s40 enrol 1112034563562 --option 1 --date 2019-01-10 --today 2020-06-01 > /dev/null
$ s40 enrol 3100600445635 --option 2 --date 2019-01-10 --today 2020-06-01 > /dev/null
$ s40 enrol 1234545678781 --option 3 --date 2019-01-10 --today 2020-06-01 > /dev/null

# a change is in force from the next month
$ s40 option 1112034563562 --option 2 --date 15/11/2562 --today 2020-06-01
> 1-1120-34563-56-2 เปลี่ยนเป็นทางเลือกที่ 2 ตั้งแต่เดือนธันวาคม 2562 / 1-1120-34563-56-2 changes to option 2 from December 2019
$ s40 --lang en option 3100600445635 --option 3 --date 2019-12-31 --today 2020-06-01
> 3-1006-00445-63-5 changes to option 3 from January 2020

$ dbdump > before.sql
# a second change in the same calendar year
$ s40 option 1112034563562 --option 3 --date 20/12/2562 --today 2020-06-01
? 4
! s40: option_yearly (33): ปี พ.ศ. 2562 เปลี่ยนทางเลือกไปแล้วเมื่อ 15 พฤศจิกายน 2562 เปลี่ยนได้ปีละหนึ่งครั้ง / the option was changed already on 15 November 2019: once a calendar year [field option]
# the option in force
$ s40 option 1234545678781 --option 3 --date 2020-02-01 --today 2020-06-01
? 4
! s40: same_option (36): ใช้ทางเลือกที่ 3 อยู่แล้ว / option 3 is already in force [field option]
# not a member, before the spell, bad option, future
$ s40 option 1112034563562 --option 3 --date 2018-12-01 --today 2020-06-01
? 4
!~ ^s40: before_start \(35\): วันที่ขอเปลี่ยนอยู่ก่อนวันเริ่มเป็นผู้ประกันตน 10 มกราคม 2562 / .* \[field date\]$
$ s40 option 1112034563562 --option 5 --today 2020-06-01
? 3
! s40: bad_option (22): ทางเลือกการจ่ายเงินสมทบต้องเป็น 1, 2 หรือ 3: 5 / the contribution option is 1, 2 or 3: 5 [field option]
$ s40 option 1112034563562 --option 3 --date 2020-07-01 --today 2020-06-01
? 3
!~ ^s40: bad_value \(18\): วันที่ 1 กรกฎาคม 2563 อยู่หลังวันนี้ บันทึกล่วงหน้าไม่ได้ / .* \[field date\]$
$ dbdump | cmp - before.sql
# the next calendar year is fine
$ s40 option 1112034563562 --option 3 --date 2020-01-05 --today 2020-06-01
> 1-1120-34563-56-2 เปลี่ยนเป็นทางเลือกที่ 3 ตั้งแต่เดือนกุมภาพันธ์ 2563 / 1-1120-34563-56-2 changes to option 3 from February 2020
$ s40 person show 1112034563562 --today 2020-06-01 | sed -n '/^การเปลี่ยน/,$p'
> การเปลี่ยนทางเลือก
> ช่วงที่เริ่ม       วันที่ขอ         มีผลตั้งแต่    ทางเลือกเดิม  ทางเลือกใหม่
> ------------  ------------  ---------  ----------  ----------
> 10 ม.ค. 2562  15 พ.ย. 2562  ธ.ค. 2562           1           2
> 10 ม.ค. 2562  5 ม.ค. 2563   ก.พ. 2563           2           3

# leave
$ s40 leave 1234545678781 --date 2020-05-01 --reason death --today 2020-06-01
> 1-2345-45678-78-1 สิ้นสุดการเป็นผู้ประกันตนมาตรา 40 ตั้งแต่วันที่ 1 พฤษภาคม 2563 (เสียชีวิต) / 1-2345-45678-78-1 left Section 40 from 1 May 2020 (death)
$ dbdump > before.sql
$ s40 leave 1234545678781 --date 2020-05-02 --reason death --today 2020-06-01
? 4
! s40: not_member (34): 1-2345-45678-78-1 ไม่ได้เป็นผู้ประกันตนมาตรา 40 อยู่ / 1-2345-45678-78-1 is not a Section 40 member [field id]
$ s40 leave 1112034563562 --date 2018-12-01 --reason resigned --today 2020-06-01
? 4
!~ ^s40: before_start \(35\): วันสิ้นสุดอยู่ก่อนวันเริ่มเป็นผู้ประกันตน 10 มกราคม 2562 / .* \[field date\]$
$ s40 leave 1112034563562 --date 2020-05-01 --reason bored --today 2020-06-01
? 3
! s40: bad_reason (23): เหตุที่สิ้นสุดต้องเป็น death, s33, s39, civil_servant, state_enterprise, resigned หรือ correction: bored / the reason is death, s33, s39, civil_servant, state_enterprise, resigned or correction: bored [field reason]
$ s40 leave 1112034563562 --date 2020-05-01 --today 2020-06-01
? 2
! s40: usage (4): ต้องระบุ --reason (ดู s40 help leave) / --reason is required (see s40 help leave)
$ s40 leave 1100000000016 --date 2020-05-01 --reason death --today 2020-06-01
? 5
! s40: not_found (20): ไม่พบบุคคลเลขประจำตัว 1-1000-00000-01-6 ในทะเบียน / no person with ID 1-1000-00000-01-6 in the register [field id]
$ dbdump | cmp - before.sql

# an exclusion ends the membership from its first day
$ s40 exclude 3100600445635 --kind s33 --from 2020-03-01 --source "รายชื่อผู้ประกันตนมาตรา 33" --today 2020-06-01
> 3-1006-00445-63-5: บันทึกผู้ประกันตนมาตรา 33 ตั้งแต่วันที่ 1 มีนาคม 2563 แล้ว / 3-1006-00445-63-5: recorded insured under Section 33 from 1 March 2020
> และสิ้นสุดการเป็นผู้ประกันตนมาตรา 40 ตั้งแต่วันที่ 1 มีนาคม 2563 / and ended the Section 40 membership from 1 March 2020
# the same again changes nothing
$ s40 --lang en exclude 3100600445635 --kind s33 --from 2020-03-01 --source "รายชื่อผู้ประกันตนมาตรา 33" --today 2020-06-01
> 3-1006-00445-63-5: insured under Section 33 from 1 March 2020 is recorded already; nothing changed
# with an end, for someone who is not a member
$ s40 exclude 1234545678781 --kind civil_servant --from 2010-01-01 --to 2015-12-31 --source กรมบัญชีกลาง --today 2020-06-01
> 1-2345-45678-78-1: บันทึกข้าราชการ ตั้งแต่วันที่ 1 มกราคม 2553 แล้ว / 1-2345-45678-78-1: recorded civil servant from 1 January 2010
$ s40 person show 3100600445635 --today 2020-06-01 | sed -n '/^สถานะ/,$p'
> สถานะ                 ไม่ได้เป็นผู้ประกันตนมาตรา 40 (ณ วันที่ 1 มิถุนายน 2563)
>
> การเป็นผู้ประกันตนมาตรา 40
> เริ่ม           สิ้นสุด         เหตุที่สิ้นสุด                  ทางเลือกเมื่อสมัคร  ทางเลือกปัจจุบัน  ช่องทาง  ผู้ชักชวน
> ------------  -----------  ------------------------  --------------  ------------  ------  ------
> 10 ม.ค. 2562  1 มี.ค. 2563  ย้ายไปเป็นผู้ประกันตนมาตรา 33               2             3  -       -
>
> การเปลี่ยนทางเลือก
> ช่วงที่เริ่ม       วันที่ขอ         มีผลตั้งแต่    ทางเลือกเดิม  ทางเลือกใหม่
> ------------  ------------  ---------  ----------  ----------
> 10 ม.ค. 2562  31 ธ.ค. 2562  ม.ค. 2563           2           3
>
> การยกเว้น (อยู่ในระบบอื่น)
> ประเภท            ตั้งแต่         ถึง  ที่มา
> ----------------  -----------  --  ---------------------
> ผู้ประกันตนมาตรา 33  1 มี.ค. 2563  -   รายชื่อผู้ประกันตนมาตรา 33
$ s40 --lang en person show 1234545678781 --today 2020-06-01 | sed -n '/^status/,$p'
> status                not a Section 40 member (on 1 June 2020)
>
> Section 40 memberships
> start       end         end reason  option at start  option now  channel  recruited by
> ----------  ----------  ----------  ---------------  ----------  -------  ------------
> 2019-01-10  2020-05-01  death                     3           3  -        -
>
> exclusions (other schemes)
> kind           from        to          source
> -------------  ----------  ----------  ----------
> civil servant  2010-01-01  2015-12-31  กรมบัญชีกลาง
# other agencies' lists name people not in the register: their cover is kept for later
$ s40 exclude 1100000000016 --kind s39 --from 2020-03-01
> 1-1000-00000-01-6: บันทึกผู้ประกันตนมาตรา 39 ตั้งแต่วันที่ 1 มีนาคม 2563 แล้ว / 1-1000-00000-01-6: recorded insured under Section 39 from 1 March 2020
$ dbdump > before.sql
$ s40 exclude 1112034563562 --kind s40 --from 2020-03-01
? 3
! s40: bad_reason (23): ประเภทต้องเป็น s33, s39, civil_servant หรือ state_enterprise: s40 / the kind is s33, s39, civil_servant or state_enterprise: s40 [field kind]
$ s40 exclude 1112034563562 --kind s39 --from 2020-02-30
? 3
! s40: impossible_date (14): ไม่มีวันที่ 30 ในเดือนกุมภาพันธ์ 2563 (เดือนนี้มี 29 วัน): "2020-02-30" / there is no day 30 in February 2020 (that month has 29 days): "2020-02-30" [field from]
$ s40 exclude 1112034563562 --kind s39
? 2
! s40: usage (4): ต้องระบุ --from (ดู s40 help exclude) / --from is required (see s40 help exclude)
# someone under Section 33 may not enrol
$ s40 enrol 3100600445635 --option 1 --date 2020-05-01 --today 2020-06-01
? 4
! s40: ineligible (30): เป็นผู้ประกันตนมาตรา 33 / insured under Section 33 [field exclusion]
$ dbdump | cmp - before.sql
$ s40 report asof --date 2020-05-31 --area 7503 --format csv | grep -E '^7503,'
> 7503,รวมอำเภออัมพวา,Total Amphawa,1
