# Following members up: a member assigned to a network member whose area holds the member's
# village, the outcome of each call kept with its day, both shown by s40 followup show and
# in the lapsed list (its filters by assignee, status and order), each refusal naming its
# field and writing nothing, and the journal and the digests of the two new tables intact.
name: followup assign, call, show, and the lapsed list's follow-up columns and filters

$ s40 init > /dev/null
# a staff member of the province, a volunteer of แควอ้อม (750307), two members who stopped paying
$ s40 person add 1234545678781 --first สมศรี --last มีสุข --birth 1/1/2520 --thai yes --village 75030505 --phone 0810000001 --today 2020-01-15 > /dev/null
$ s40 person add 3101000000013 --first ประยุทธ --last ขยัน --birth 1/1/2515 --thai yes --village 75030702 --phone 0810000002 --today 2020-01-15 > /dev/null
$ s40 person add 1112034563562 --first สมชาย --last ใจดี --birth 1/1/2533 --thai yes --village 75030702 --phone 0812345678 --today 2020-01-15 > /dev/null
$ s40 person add 3100600445635 --first มาลี --last สุขใจ --birth 1/1/2530 --thai yes --village 75030505 --today 2020-01-15 > /dev/null
$ s40 person add 1100400000013 --first ไม่เคย --last สมัคร --birth 1/1/2530 --thai yes --village 75030702 --today 2020-01-15 > /dev/null
$ s40 network add 1234545678781 --role staff --area 75 --date 2018-01-01 --today 2020-01-15 > /dev/null
$ s40 network add 3101000000013 --role volunteer --area 750307 --supervisor 1234545678781 --date 2018-06-01 --today 2020-01-15 > /dev/null
$ s40 enrol 1112034563562 --option 1 --date 2019-01-10 --today 2020-01-15 > /dev/null
$ s40 enrol 3100600445635 --option 2 --date 2019-06-10 --today 2020-01-15 > /dev/null

$ s40 followup assign 1112034563562 --to 3101000000013 --date 2019-08-01 --today 2020-01-15
> มอบหมาย 1-1120-34563-56-2 สมชาย ใจดี ให้ 3-1010-00000-01-3 ประยุทธ ขยัน ติดตาม ตั้งแต่วันที่ 1 สิงหาคม 2562 / 1-1120-34563-56-2 สมชาย ใจดี assigned to 3-1010-00000-01-3 ประยุทธ ขยัน for follow-up from 1 August 2019

# refusals write nothing
$ dbdump > before.sql
$ s40 followup assign 1100400000013 --to 3101000000013 --date 2019-08-01 --today 2020-01-15
? 4
! s40: not_member (34): 1-1004-00000-01-3 ไม่เคยเป็นผู้ประกันตนมาตรา 40: ไม่มีอะไรให้ติดตาม / 1-1004-00000-01-3 has never been a Section 40 member: there is nothing to follow up [field id]
$ s40 followup assign 3100600445635 --to 3101000000013 --date 2019-08-01 --today 2020-01-15
? 3
! s40: bad_value (18): 3-1010-00000-01-3 ดูแลพื้นที่ 750307 ซึ่งไม่รวมหมู่บ้าน 75030505 ของ 3-1006-00445-63-5 / 3-1010-00000-01-3 works in area 750307, which does not hold village 75030505 of 3-1006-00445-63-5 [field assignee]
$ s40 followup assign 3100600445635 --to 1100400000013 --date 2019-08-01 --today 2020-01-15
? 4
! s40: not_network (130): 1-1004-00000-01-3 ไม่ได้เป็นสมาชิกเครือข่าย ณ วันที่ 1 สิงหาคม 2562 / 1-1004-00000-01-3 is not in the network on 1 August 2019 [field assignee]
$ s40 followup assign 3100600445635 --to 3101000000013 --date 2018-01-01 --today 2020-01-15
? 4
!~ ^s40: not_network \(130\): .* \[field assignee\]$
$ s40 followup assign 1112034563562 --to 1112034563562 --today 2020-01-15
? 3
!~ ^s40: bad_value \(18\): .*ตนเอง.* \[field assignee\]$
$ s40 followup assign 3100600445635 --to 1234545678781 --date 2020-02-01 --today 2020-01-15
? 3
!~ ^s40: bad_value \(18\): วันที่ 1 กุมภาพันธ์ 2563 อยู่หลังวันนี้.* \[field date\]$
$ s40 followup assign 1101400000014 --to 1234545678781 --today 2020-01-15
? 5
!~ ^s40: not_found \([0-9]+\): .* \[field id\]$
$ s40 followup call 1112034563562 --outcome maybe --today 2020-01-15
? 3
! s40: bad_value (18): ผลการติดตามต้องเป็น reached, promised, refused, moved, died หรือ wrong_number: maybe / the outcome is reached, promised, refused, moved, died or wrong_number: maybe [field outcome]
$ s40 followup call 1112034563562 --outcome reached --by 1100400000013 --date 2019-08-02 --today 2020-01-15
? 4
!~ ^s40: not_network \(130\): .* \[field by\]$
$ s40 followup call 1112034563562 --outcome reached --note "$(printf 'ก%.0s' $(seq 1 200))" --today 2020-01-15
? 3
!~ ^s40: bad_value \(18\): บันทึกยาวเกิน 500 ไบต์ .* \[field note\]$
$ s40 followup call 1112034563562 --today 2020-01-15
? 2
!~ --outcome
$ dbdump | cmp - before.sql

# the calls, newest first, in Thai or by their keys
$ s40 followup call 1112034563562 --outcome wrong_number --by 3101000000013 --date 2019-08-02 --today 2020-01-15
> บันทึกการติดตาม 1-1120-34563-56-2 สมชาย ใจดี วันที่ 2 สิงหาคม 2562: เบอร์ผิด / recorded a call on 1-1120-34563-56-2 สมชาย ใจดี, 2 August 2019: wrong number
$ s40 followup call 1112034563562 --outcome รับปากว่าจะชำระ --by 3101000000013 --date 2019-08-05 --note "  เยี่ยมบ้าน   จะจ่ายสิ้นเดือน " --today 2020-01-15 > /dev/null
$ s40 --format csv followup show 1112034563562
> date,outcome,by,by_name,note
> 2019-08-05,promised,3101000000013,ประยุทธ ขยัน,เยี่ยมบ้าน จะจ่ายสิ้นเดือน
> 2019-08-02,wrong_number,3101000000013,ประยุทธ ขยัน,
$ s40 followup show 1112034563562 | head -2
> การติดตามผู้ประกันตน
> 1-1120-34563-56-2 สมชาย ใจดี: ผู้ติดตาม 3-1010-00000-01-3 ประยุทธ ขยัน ตั้งแต่วันที่ 1 สิงหาคม 2562

# the lapsed list carries the assignee and the latest call; filters by assignee, status, order
$ s40 report lapsed --date 2019-08-10 --area 75 --format csv | cut -d, -f1,5,6,13-16
> id,status,unpaid_months,assignee,assignee_name,last_call,last_call_date
> 1-xxxx-xxxxx-56-2,lapsed,7,3-xxxx-xxxxx-01-3,ประยุทธ ขยัน,promised,2019-08-05
> 3-xxxx-xxxxx-63-5,arrears,2,,,,
$ s40 report lapsed --date 2019-08-10 --area 75 --assignee 3101000000013 --format csv | cut -d, -f1
> id
> 1-xxxx-xxxxx-56-2
$ s40 report lapsed --date 2019-08-10 --area 75 --assignee none --format csv | cut -d, -f1
> id
> 3-xxxx-xxxxx-63-5
$ s40 report lapsed --date 2019-08-10 --area 75 --order newest --format csv | cut -d, -f1
> id
> 3-xxxx-xxxxx-63-5
> 1-xxxx-xxxxx-56-2
$ s40 report lapsed --date 2019-08-10 --area 75 --status arrears --format csv | cut -d, -f1
> id
> 3-xxxx-xxxxx-63-5
$ s40 report lapsed --date 2019-08-10 --order oldest
? 3
!~ ^s40: bad_value \(18\): .* \[field order\]$
$ s40 report lapsed --date 2019-08-10 --status paid
? 3
!~ ^s40: bad_value \(18\): .* \[field status\]$

# the same assignment again changes nothing; unassigning leaves the calls
$ s40 --format json followup assign 1112034563562 --to 3101000000013 --date 2019-09-01 --today 2020-01-15
> {"id":"1112034563562","assignee":"3101000000013","date":"2019-09-01","changed":false,"message_th":"1-1120-34563-56-2 สมชาย ใจดี อยู่ในความดูแลของผู้ติดตามนี้อยู่แล้ว: ไม่มีอะไรเปลี่ยน","message_en":"1-1120-34563-56-2 สมชาย ใจดี is already assigned to that network member: nothing changed"}
$ s40 followup unassign 1112034563562 --date 2019-09-01 --today 2020-01-15
> ยกเลิกการมอบหมายติดตาม 1-1120-34563-56-2 สมชาย ใจดี ตั้งแต่วันที่ 1 กันยายน 2562 / 1-1120-34563-56-2 สมชาย ใจดี assigned to no one from 1 September 2019
$ s40 followup show 1112034563562 --format csv | wc -l
> 3
$ dbsql "SELECT count(*) FROM followup_assign"
> 0
$ s40 journal verify
> บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน 14 รายการ ข้อมูล 91,094 แถวใน 17 ตารางตรงกับที่ s40 บันทึก / journal intact, 14 entries; the data (91,094 rows in 17 tables) is as s40 wrote it
$ s40 --format csv journal show 1112034563562 | grep -o 'followup\.[a-z]*' | sort | uniq -c | sed 's/^ *//'
> 2 followup.assign
> 2 followup.call
