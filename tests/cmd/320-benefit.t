# s40 benefit check|record|list: conditions with their windows, the amount under the rule
# version in force, the yearly caps against recorded benefits; refusals write nothing.
name: benefit checks and records, with the sickness window and the yearly cap

$ s40 init > /dev/null
$ s40 person add 1100000000016 --first หนึ่ง --last เจ็บป่วย --birth 1959-03-01 --thai yes --village 75030702 > /dev/null
$ s40 enrol 1100000000016 --option 2 --date 2018-10-01 --today 2019-01-01 > /dev/null
$ s40 pay 1100000000016 --months 2018-10..2018-12 --amount 300 --date 2018-10-02 --receipt A1 --today 2019-01-01 > /dev/null
$ s40 pay 1100000000016 --months 2019-02..2019-06 --amount 500 --date 2019-02-02 --receipt A2 --today 2019-02-02 > /dev/null

# 20 February 2019: the window is October 2018 – January 2019, 3 of 4 paid
$ s40 benefit check 1100000000016 --case inpatient --date 2019-02-20 --days 25 --format csv --today 2019-03-01
> condition,text_th,text_en,window_from,window_to,needed,found,holds,amount
> member,เป็นผู้ประกันตนมาตรา 40 ในวันที่ 20 กุมภาพันธ์ 2562,a Section 40 member on 20 February 2019,,,,,true,
> window,จ่ายเงินสมทบอย่างน้อย 3 เดือน ใน 4 เดือนก่อนเดือนที่เกิดเหตุ,at least 3 months paid in the 4 months before the month of the event,2018-10,2019-01,3,3,true,
> cap,ใช้สิทธิในปี พ.ศ. 2562 ไม่เกิน 30 วัน (ใช้ไปแล้ว 0),at most 30 days paid in 2019 (0 used),,,30,0,true,
> result,ผลการตรวจสิทธิ (ขอ 25 จ่าย 25),"result (25 asked, 25 paid)",,,25,25,true,7500.00
# 5 January 2019: October – December 2018 paid, September not a member: 3 of 4
$ s40 --lang en benefit check 1100000000016 --case inpatient --date 2019-01-05 --days 1 --today 2019-03-01 | head -2
> benefit check
> 1-1000-00000-01-6 หนึ่ง เจ็บป่วย, sickness (in-patient) on 5 January 2019, option 2, rules 2561: eligible: 300.00 baht
# 10 March 2019: November 2018 – February 2019, January unpaid: 3 of 4
$ s40 benefit check 1100000000016 --case rest --date 2019-03-10 --days 3 --format json --today 2019-04-01 | grep -o '"key":"result"\|"holds":[a-z]*' | tail -1
> "holds":true
$ s40 benefit record 1100000000016 --case inpatient --date 2019-02-20 --days 25 --today 2019-03-01
> บันทึกประโยชน์ทดแทนกรณีเจ็บป่วย (ผู้ป่วยใน) ของ 1-1000-00000-01-6 วันที่ 20 กุมภาพันธ์ 2562 จำนวน 7,500.00 บาท (25 หน่วย) / recorded sickness (in-patient) for 1-1000-00000-01-6 on 20 February 2019: 7,500.00 baht (25 units)
# 8 more days asked: 5 are left of the 30 a year
$ s40 benefit check 1100000000016 --case rest --date 2019-05-10 --days 8 --format csv --today 2019-06-01 | tail -1
> result,ผลการตรวจสิทธิ (ขอ 8 จ่าย 5),"result (8 asked, 5 paid)",,,8,5,true,1000.00
$ s40 benefit record 1100000000016 --case rest --date 2019-05-10 --days 8 --today 2019-06-01 --lang en
> recorded sickness (ordered rest) for 1-1000-00000-01-6 on 10 May 2019: 1,000.00 baht (5 units)
$ dbdump > before.sql
$ s40 benefit record 1100000000016 --case inpatient --date 2019-06-01 --days 2 --today 2019-07-01
? 4
! s40: benefit_cap (98): ไม่ครบเงื่อนไข: ใช้สิทธิในปี พ.ศ. 2562 ไม่เกิน 30 วัน (ใช้ไปแล้ว 30) / not met: at most 30 days paid in 2019 (30 used) [field case]
# 1 September 2019: the window May – August holds 2 paid months, and the cap is used up
$ s40 --lang en benefit record 1100000000016 --case inpatient --date 2019-09-01 --days 2 --today 2019-10-01
? 4
! s40: benefit_ineligible (97): not met: at least 3 months paid in the 4 months before the month of the event (found 2); not met: at most 30 days paid in 2019 (30 used) [field case]
$ s40 benefit record 1100000000016 --case child --date 2019-09-01 --today 2019-10-01
? 4
! s40: benefit_not_covered (99): ทางเลือกที่ 2 คุ้มครองกรณีสงเคราะห์บุตร / option 2 covers child allowance [field case]
# death on 15 November 2018: one month paid in the 12 before
$ s40 benefit record 1100000000016 --case death --date 2018-11-15 --today 2019-10-01
? 4
! s40: benefit_ineligible (97): ไม่ครบเงื่อนไข: จ่ายเงินสมทบอย่างน้อย 6 เดือน ใน 12 เดือนก่อนเดือนที่เกิดเหตุ: ค่าทำศพ 20,000.00 บาท (พบ 1) / not met: at least 6 months paid in the 12 months before the month of the event: funeral grant 20,000.00 baht (found 1) [field case]
# death on 20 September 2019: 8 of the 12 months paid: funeral grant and survivor grant
$ s40 benefit check 1100000000016 --case death --date 2019-09-20 --format csv --today 2019-10-01 | tail -1
> result,ผลการตรวจสิทธิ,result,,,,,true,23000.00
$ s40 benefit check 1100000000016 --case flood
? 3
$ dbdump | cmp - before.sql
$ s40 benefit list 1100000000016 --format csv
> case,case_th,date,units,amount
> inpatient,เจ็บป่วย (ผู้ป่วยใน),2019-02-20,25,7500.00
> rest,เจ็บป่วย (แพทย์สั่งให้หยุดพัก),2019-05-10,5,1000.00

# old-age savings for option 2: 50 baht a month credited, provisional; 60 on 1 March 2019
$ s40 --lang en benefit check 1100000000016 --case oldage --date 2019-07-01 --today 2019-07-01 | sed -n 2p
> 1-1000-00000-01-6 หนึ่ง เจ็บป่วย, old age on 1 July 2019, option 2, rules 2561: due; old-age savings 400.00 baht (provisional: formula to be confirmed)
