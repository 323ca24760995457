# s40 pay, s40 ledger and s40 import payments: payments at every boundary of DOMAIN.md §3,
# each refusal leaving the database exactly as it was; the same receipt counted once.
name: pay and ledger, with past months, 13 periods, wrong amounts and receipts refused

$ s40 init > /dev/null
$ s40 person add 1100000000016 --first หนึ่ง --last จ่ายดี --birth 1980-01-01 --thai yes --village 75030702 --phone 0812345678 > /dev/null
$ s40 person add 1100000000024 --first สอง --last ทางเลือกสาม --birth 1980-01-01 --thai yes --village 75030505 > /dev/null
$ s40 enrol 1100000000016 --option 1 --date 2019-10-01 --today 2020-01-01 > /dev/null
$ s40 enrol 1100000000024 --option 3 --date 2021-07-01 --today 2021-07-01 > /dev/null

$ s40 pay 1100000000016 --months 2019-10..2019-12 --amount 210 --date 2019-10-05 --channel counter --receipt CS-001 --today 2020-01-01
> 1-1000-00000-01-6 หนึ่ง จ่ายดี ชำระเงินสมทบเดือน ต.ค. 2562 ถึง ธ.ค. 2562 จำนวน 210.00 บาท ใบเสร็จ CS-001 / 1-1000-00000-01-6 หนึ่ง จ่ายดี paid contributions for 2019-10 to 2019-12, 210.00 baht, receipt CS-001
# the same receipt again: nothing changes, not even the journal
$ dbdump > before.sql
$ s40 pay 1100000000016 --months 2019-10..2019-12 --amount 210 --date 2019-10-05 --channel counter --receipt CS-001 --today 2020-01-01
> ใบเสร็จ CS-001 บันทึกไว้แล้ว ไม่มีการเปลี่ยนแปลง / receipt CS-001 was recorded already: nothing changed
$ dbdump | cmp - before.sql

# every refusal: exit 4, one line, the database unchanged
$ s40 pay 1100000000016 --months 2019-10..2019-12 --amount 200 --date 2019-10-05 --channel counter --receipt CS-001 --today 2020-01-01
? 4
! s40: pay_receipt (96): ใบเสร็จ CS-001 บันทึกแล้วเมื่อชำระวันที่ 5 ตุลาคม 2562 สำหรับ 1-1000-00000-01-6 ด้วยข้อมูลอื่น / receipt CS-001 was recorded already, paid on 5 October 2019 for 1-1000-00000-01-6, with other content [field receipt]
$ s40 pay 1100000000016 --months 2019-12..2020-01 --amount 140 --date 2020-01-05 --receipt CS-002 --today 2020-02-01
? 4
! s40: pay_past (90): เดือน ธ.ค. 2562 อยู่ก่อนเดือนที่ชำระ (ม.ค. 2563) ชำระเงินสมทบย้อนหลังไม่ได้ / 2019-12 is before the month of payment (2020-01): past months cannot be paid [field months]
$ s40 pay 1100000000016 --months 2020-01..2021-02 --amount 980 --date 2020-01-05 --receipt CS-002 --today 2020-02-01
? 4
! s40: pay_ahead (91): ชำระได้ถึงเดือน ม.ค. 2564 (เดือนปัจจุบันและล่วงหน้า 12 เดือน) แต่ระบุถึง ก.พ. 2564 / months up to 2021-01 may be paid (the current month and 12 ahead), not 2021-02 [field months]
$ s40 pay 1100000000016 --months 2020-01..2020-03 --amount 200 --date 2020-01-05 --receipt CS-002 --today 2020-02-01
? 4
! s40: pay_amount (92): จำนวนเงิน 200.00 บาท ไม่ถูกต้อง ต้องชำระ 210.00 บาท สำหรับ ม.ค. 2563 ถึง มี.ค. 2563 (3 เดือน รวมเงินออมเพิ่ม 0.00 บาท) / 200.00 baht is wrong: 210.00 baht is due for 2020-01 to 2020-03 (3 months, with 0.00 baht of extra savings) [field amount]
$ s40 pay 1100000000016 --months 2019-12 --amount 70 --date 2019-12-05 --receipt CS-003 --today 2020-02-01
? 4
! s40: pay_paid (93): เดือน ธ.ค. 2562 ชำระแล้วตามใบเสร็จ CS-001 วันที่ 5 ตุลาคม 2562 / 2019-12 is paid already by receipt CS-001 of 5 October 2019 [field months]
$ s40 pay 1100000000016 --months 2019-09 --amount 70 --date 2019-09-05 --receipt CS-004 --today 2020-02-01
? 4
! s40: pay_not_member (94): 1-1000-00000-01-6 ไม่ได้เป็นผู้ประกันตนมาตรา 40 ในเดือน ก.ย. 2562 / 1-1000-00000-01-6 is not a Section 40 member in 2019-09 [field months]
$ s40 pay 1100000000016 --months 2020-01 --amount 1070.01 --extra 1000.01 --date 2020-01-05 --receipt CS-005 --today 2020-02-01
? 4
! s40: pay_extra (95): เงินออมเพิ่มเดือนละ 1,000.01 บาท เกิน 1,000 บาท / extra savings of 1,000.01 baht a month are over 1,000 baht [field extra]
$ s40 pay 1100000000016 --months 2020-01 --amount 70 --date 2020-01-05 --channel pigeon --receipt CS-006 --today 2020-02-01
? 3
! s40: bad_value (18): ช่องทางต้องเป็น office, counter, bank, app หรือ representative: pigeon / the channel is office, counter, bank, app or representative: pigeon [field channel]
$ s40 pay 1100000000016 --months 2020-01 --amount 70 --date 2020-03-05 --receipt CS-007 --today 2020-02-01
? 3
! s40: bad_value (18): วันที่ชำระ 5 มีนาคม 2563 อยู่หลังวันนี้ บันทึกล่วงหน้าไม่ได้ / the paid day 5 March 2020 is after today: it cannot be recorded in advance [field date]
$ s40 pay 1100000000016 --months 2020-01 --amount 70 --date 2020-01-05 --today 2020-02-01
? 2
$ dbdump | cmp - before.sql

# 13 periods at once (the current month and 12 ahead), with 1,000 baht a month of extra savings
$ s40 pay 1100000000016 --months 2020-01..2021-01 --amount 13910 --extra 1000 --date 2020-01-05 --channel bank --receipt BK-100 --today 2020-02-01 --lang en
> 1-1000-00000-01-6 หนึ่ง จ่ายดี paid contributions for 2020-01 to 2021-01, 13,910.00 baht, receipt BK-100
# the reductions: option 3 pays 300 in July 2021 and 180 from August 2021
$ s40 pay 1100000000024 --months 2021-07..2021-08 --amount 480 --date 2021-07-02 --receipt APP-9 --channel app --today 2021-07-02 --lang en
> 1-1000-00000-02-4 สอง ทางเลือกสาม paid contributions for 2021-07 to 2021-08, 480.00 baht, receipt APP-9
$ s40 pay 1100000000024 --months 2021-09 --amount 300 --date 2021-09-02 --receipt APP-10 --today 2021-09-02 --lang en
? 4
! s40: pay_amount (92): 300.00 baht is wrong: 180.00 baht is due for 2021-09 to 2021-09 (1 months, with 0.00 baht of extra savings) [field amount]

# the ledger month by month, with the standing on a day
$ s40 ledger 1100000000016 --from 2019-09 --to 2020-02 --date 2020-02-15 --format csv --today 2020-02-15
> month,member,option,due,paid,government,extra,receipt,paid_day,channel
> 2019-09,false,,,,,,,,
> 2019-10,true,1,70.00,70.00,30.00,0.00,CS-001,2019-10-05,counter
> 2019-11,true,1,70.00,70.00,30.00,0.00,CS-001,2019-10-05,counter
> 2019-12,true,1,70.00,70.00,30.00,0.00,CS-001,2019-10-05,counter
> 2020-01,true,1,70.00,70.00,30.00,1000.00,BK-100,2020-01-05,bank
> 2020-02,true,1,70.00,70.00,30.00,1000.00,BK-100,2020-01-05,bank
$ s40 --lang en ledger 1100000000024 --from 2021-07 --to 2021-09 --date 2021-10-20 --today 2021-10-20
> monthly contribution ledger
> 1-1000-00000-02-4 สอง ทางเลือกสาม on 20 October 2021: in arrears; paid 2 of 4, 2 of 10, 2 of 12, 2 of 36 months before this month; 1 consecutive months unpaid
> month    member  option     due    paid  government  extra savings  receipt  paid on     channel
> -------  ------  ------  ------  ------  ----------  -------------  -------  ----------  -------
> 2021-07  yes          3  300.00  300.00      150.00           0.00  APP-9    2021-07-02  app
> 2021-08  yes          3  180.00  180.00       90.00           0.00  APP-9    2021-07-02  app
> 2021-09  yes          3  180.00       -           -              -  -        -           -
$ s40 ledger 1234545678781
? 5
