# s40 enrol: eligibility by age (both rules by date), nationality and exclusions; one open
# membership; no overlapping spells. Every refusal leaves the database as it was.
name: enrol, with the age rules, enrolling twice and overlapping spells refused

$ s40 init > /dev/null
# 15 on 2019-10-01 / 14 on 2019-10-01 / 61 on 2019-10-01 and 62 on 2020-07-01 /
# 66 on 2020-07-01 / 65 on 2020-07-01 / nationality not recorded / not Thai
$ s40 person add 1100000000016 --first หนึ่ง --last อายุสิบห้า --birth 2004-10-01 --thai yes --village 75030702 > /dev/null
$ s40 person add 1100000000024 --first สอง --last อายุสิบสี่ --birth 2005-01-01 --thai yes --village 75030702 > /dev/null
$ s40 person add 1100000000032 --first สาม --last อายุหกสิบเอ็ด --birth 1958-01-01 --thai yes --village 75030702 > /dev/null
$ s40 person add 1100000000041 --first สี่ --last อายุหกสิบหก --birth 1954-01-01 --thai yes --village 75030505 > /dev/null
$ s40 person add 1100000000059 --first ห้า --last อายุหกสิบห้า --birth 1955-01-01 --thai yes --village 75030505 > /dev/null
$ s40 person add 1100000000067 --first หก --last ไม่ระบุสัญชาติ --birth 1990-01-01 --village 75030505 > /dev/null
$ s40 person add 1100000000075 --first เจ็ด --last ต่างชาติ --birth 1990-01-01 --thai no --village 75030505 > /dev/null
$ s40 person add 3100000000012 --first แปด --last เด็กต่างชาติ --birth 2006-01-01 --thai no --village 75030505 > /dev/null
$ s40 person add 3100000000021 --first เก้า --last วันนี้ --birth 1990-01-01 --thai yes --village 75030505 > /dev/null

$ s40 enrol 1100000000016 --option 1 --date 2019-10-01 --channel office --today 2020-08-01
> 1-1000-00000-01-6 หนึ่ง อายุสิบห้า เป็นผู้ประกันตนมาตรา 40 ทางเลือกที่ 1 ตั้งแต่วันที่ 1 ตุลาคม 2562 / 1-1000-00000-01-6 หนึ่ง อายุสิบห้า enrolled in Section 40, option 1, from 1 October 2019
$ s40 --lang en enrol 1100000000059 --option 3 --date 1/7/2563 --by 1100000000016 --channel volunteer --today 2020-08-01
> 1-1000-00000-05-9 ห้า อายุหกสิบห้า enrolled in Section 40, option 3, from 1 July 2020
# age 61 before 24 Jun 2020 (the limit was 60) is refused; 62 after it is fine (the limit is 65)
$ dbdump > before.sql
$ s40 enrol 1100000000032 --option 1 --date 2019-10-01 --today 2020-08-01
? 4
! s40: ineligible (30): อายุ 61 ปีบริบูรณ์ เกินกว่า 60 ปี (วันที่ 1 ต.ค. 2562) / aged 61 full years, over the maximum of 60 (on 2019-10-01) [field birth_date]
$ dbdump | cmp - before.sql
$ s40 enrol 1100000000032 --option 2 --date "1 ก.ค. 2563" --today 2020-08-01
> 1-1000-00000-03-2 สาม อายุหกสิบเอ็ด เป็นผู้ประกันตนมาตรา 40 ทางเลือกที่ 2 ตั้งแต่วันที่ 1 กรกฎาคม 2563 / 1-1000-00000-03-2 สาม อายุหกสิบเอ็ด enrolled in Section 40, option 2, from 1 July 2020
# before Section 40's contributions began (the rate table's first month, January 2012) no one
# can be enrolled: refused with that reason, and nothing written
$ dbdump > before.sql
$ s40 enrol 1100000000067 --option 1 --date 1950-02-06 --today 2020-08-01
? 4
! s40: ineligible (30): การสมัครมาตรา 40 เริ่มได้ตั้งแต่วันที่ 1 มกราคม 2555 ซึ่งเป็นเดือนแรกที่มีอัตราเงินสมทบของทางเลือกที่ 1 (ขอสมัครวันที่ 6 กุมภาพันธ์ 2493) / Section 40 enrolments start on 1 January 2012 or later, the first month with contribution rates for option 1 (asked for 6 February 1950) [field date]
$ s40 enrol 3100000000021 --option 3 --date 2011-12-31 --today 2020-08-01
? 4
!~ ^s40: ineligible \(30\): .* \(asked for 31 December 2011\) \[field date\]$
$ dbdump | cmp - before.sql
# --date defaults to today
# (the option in Thai digits, as in files)
$ s40 enrol 3100000000021 --option ๑ --today 2020-08-01
> 3-1000-00000-02-1 เก้า วันนี้ เป็นผู้ประกันตนมาตรา 40 ทางเลือกที่ 1 ตั้งแต่วันที่ 1 สิงหาคม 2563 / 3-1000-00000-02-1 เก้า วันนี้ enrolled in Section 40, option 1, from 1 August 2020
$ s40 report asof --date 2020-07-31 --area 750307 --format csv | grep -E '^(75030702|750307),'
> 75030702,หมู่ 2,Moo 2,2
> 750307,รวมตำบลแควอ้อม,Total Khwae Om,2
$ s40 report asof --date 2020-07-31 --area 7503 --format csv | grep -E '^(750305|750307|7503),'
> 750305,เหมืองใหม่,Mueang Mai,1
> 750307,แควอ้อม,Khwae Om,2
> 7503,รวมอำเภออัมพวา,Total Amphawa,3

$ dbdump > before.sql
# age 14
$ s40 enrol 1100000000024 --option 1 --date 2019-10-01 --today 2020-08-01
? 4
! s40: ineligible (30): อายุ 14 ปีบริบูรณ์ ยังไม่ถึง 15 ปี (วันที่ 1 ต.ค. 2562) / aged 14 full years, under the minimum of 15 (on 2019-10-01) [field birth_date]
# age 66 after 24 Jun 2020 (the limit is 65)
$ s40 enrol 1100000000041 --option 1 --date 2020-07-01 --today 2020-08-01
? 4
! s40: ineligible (30): อายุ 66 ปีบริบูรณ์ เกินกว่า 65 ปี (วันที่ 1 ก.ค. 2563) / aged 66 full years, over the maximum of 65 (on 2020-07-01) [field birth_date]
# nationality not recorded, not Thai
$ s40 enrol 1100000000067 --option 1 --date 2020-07-01 --today 2020-08-01
? 4
! s40: ineligible (30): ไม่ได้บันทึกว่ามีสัญชาติไทยตามบัตรประชาชน / not recorded as Thai nationality on the ID card [field nationality]
$ s40 --lang en enrol 1100000000075 --option 1 --date 2020-07-01 --today 2020-08-01
? 4
! s40: ineligible (30): not recorded as Thai nationality on the ID card [field nationality]
# every reason at once
$ s40 enrol 3100000000012 --option 1 --date 2020-07-01 --today 2020-08-01
? 4
! s40: ineligible (30): อายุ 14 ปีบริบูรณ์ ยังไม่ถึง 15 ปี (วันที่ 1 ก.ค. 2563); ไม่ได้บันทึกว่ามีสัญชาติไทยตามบัตรประชาชน / aged 14 full years, under the minimum of 15 (on 2020-07-01); not recorded as Thai nationality on the ID card [field birth_date]
$ dbdump | cmp - before.sql

# enrolling twice
$ s40 enrol 1100000000016 --option 2 --date 2020-01-01 --today 2020-08-01
? 4
!~ ^s40: already_member \(31\): 1-1000-00000-01-6 เป็นผู้ประกันตนมาตรา 40 อยู่แล้วตั้งแต่ 1 ตุลาคม 2562 / .* \[field id\]$
$ s40 enrol 1100000000016 --option 1 --date 2019-10-01 --today 2020-08-01
? 4
!~ ^s40: already_member \(31\): 1-1000-00000-01-6 เป็นผู้ประกันตนมาตรา 40 อยู่แล้วตั้งแต่ 1 ตุลาคม 2562 / .* \[field id\]$
$ dbdump | cmp - before.sql

# an overlapping spell: leave, then try to start again inside the old spell
$ s40 leave 1100000000016 --date 2020-03-01 --reason resigned --today 2020-08-01
> 1-1000-00000-01-6 สิ้นสุดการเป็นผู้ประกันตนมาตรา 40 ตั้งแต่วันที่ 1 มีนาคม 2563 (ลาออก) / 1-1000-00000-01-6 left Section 40 from 1 March 2020 (resigned)
$ dbdump > before.sql
$ s40 enrol 1100000000016 --option 1 --date 2019-12-01 --today 2020-08-01
? 4
!~ ^s40: overlap \(32\): ช่วงใหม่ที่เริ่ม 1 ธันวาคม 2562 ซ้อนกับช่วงเดิม 1 ตุลาคม 2562 ถึง 1 มีนาคม 2563 / .* \[field date\]$
$ s40 enrol 1100000000016 --option 1 --date 2019-09-01 --today 2020-08-01
? 4
!~ ^s40: overlap \(32\): ช่วงใหม่ที่เริ่ม 1 กันยายน 2562 ซ้อนกับช่วงเดิม 1 ตุลาคม 2562 ถึง 1 มีนาคม 2563 / .* \[field date\]$
$ dbdump | cmp - before.sql
# from the day it ended is fine
$ s40 enrol 1100000000016 --option 1 --date 2020-03-01 --today 2020-08-01
> 1-1000-00000-01-6 หนึ่ง อายุสิบห้า เป็นผู้ประกันตนมาตรา 40 ทางเลือกที่ 1 ตั้งแต่วันที่ 1 มีนาคม 2563 / 1-1000-00000-01-6 หนึ่ง อายุสิบห้า enrolled in Section 40, option 1, from 1 March 2020
$ s40 person show 1100000000016 --today 2020-08-01 | sed -n '/^การเป็น/,$p'
> การเป็นผู้ประกันตนมาตรา 40
> เริ่ม          สิ้นสุด         เหตุที่สิ้นสุด  ทางเลือกเมื่อสมัคร  ทางเลือกปัจจุบัน  ช่องทาง  ผู้ชักชวน
> -----------  -----------  --------  --------------  ------------  ------  ------
> 1 ต.ค. 2562  1 มี.ค. 2563  ลาออก                  1             1  office  -
> 1 มี.ค. 2563  -            -                      1             1  -       -

# other bad values
$ dbdump > before.sql
$ s40 enrol 1100000000083 --option 1 --date 2020-07-01 --today 2020-08-01
? 5
! s40: not_found (20): ไม่พบบุคคลเลขประจำตัว 1-1000-00000-08-3 ในทะเบียน / no person with ID 1-1000-00000-08-3 in the register [field id]
$ s40 enrol 1100000000024 --option 4 --date 2020-07-01 --today 2020-08-01
? 3
! s40: bad_option (22): ทางเลือกการจ่ายเงินสมทบต้องเป็น 1, 2 หรือ 3: 4 / the contribution option is 1, 2 or 3: 4 [field option]
$ s40 enrol 1100000000024 --option x --date 2020-07-01 --today 2020-08-01
? 3
! s40: bad_option (22): ทางเลือกการจ่ายเงินสมทบต้องเป็น 1, 2 หรือ 3: x / the contribution option is 1, 2 or 3: x [field option]
$ s40 enrol 1100000000024 --option 1 --date 2020-07-01 --today 2020-08-01 --channel phone
? 3
! s40: bad_value (18): ช่องทาง 'phone' ไม่อยู่ในรายการ (office, event, volunteer, online, counter, representative) / channel 'phone' is not one of office, event, volunteer, online, counter, representative [field channel]
$ s40 enrol 1100000000024 --option 1 --date 2020-07-01 --today 2020-08-01 --by 1100000000083
? 5
! s40: not_found (20): ไม่พบผู้แนะนำเลขประจำตัว 1-1000-00000-08-3 ในทะเบียน / no recruiter with ID 1-1000-00000-08-3 in the register [field recruited_by]
$ s40 enrol 1100000000024 --option 1 --date 2020-07-01 --today 2020-08-01 --by 1234545678789
? 3
! s40: id_check (11): เลขประจำตัวประชาชนไม่ถูกต้อง: หลักสุดท้ายควรเป็น 1 แต่เป็น 9 (ตรวจว่าพิมพ์ตัวเลขถูกทุกหลัก) / the national ID is wrong: the check digit should be 1, not 9 (check every digit was typed right) [field recruited_by]
$ s40 enrol 1100000000024 --option 1 --date 2020-08-02 --today 2020-08-01
? 3
!~ ^s40: bad_value \(18\): วันที่ 2 สิงหาคม 2563 อยู่หลังวันนี้ บันทึกล่วงหน้าไม่ได้ / .* \[field date\]$
$ s40 enrol 1100000000024 --option 1 --date 31/02/2563 --today 2020-08-01
? 3
! s40: impossible_date (14): ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์ 2563 (เดือนนี้มี 29 วัน): "31/02/2563" / there is no day 31 in February 2020 (that month has 29 days): "31/02/2563" [field date]
$ s40 enrol 1234545678789 --option 1 --date 2020-07-01
? 3
! s40: id_check (11): เลขประจำตัวประชาชนไม่ถูกต้อง: หลักสุดท้ายควรเป็น 1 แต่เป็น 9 (ตรวจว่าพิมพ์ตัวเลขถูกทุกหลัก) / the national ID is wrong: the check digit should be 1, not 9 (check every digit was typed right) [field id]
$ s40 enrol 1100000000024 --date 2020-07-01
? 2
! s40: usage (4): ต้องระบุ --option 1, 2 หรือ 3 (ดู s40 help enrol) / --option 1, 2 or 3 is required (see s40 help enrol)
$ s40 enrol --option 1
? 2
! s40: usage (4): ต้องระบุเลขประจำตัวประชาชนหนึ่งเลข (ดู s40 help enrol) / give one national ID (see s40 help enrol)
$ dbdump | cmp - before.sql
