# The network, field events, enrolments at an event, the network and events reports, the
# progress statement compared with its expected text, and reports exported to XLSX and read
# back (unzip: the sheet's XML holds numbers as numbers and dates as date serials with the
# Thai Buddhist-era format).
name: network, events, the statement and XLSX export

$ s40 init > /dev/null
$ s40 person add 1112034563562 --first สมชาย --last ใจดี --birth 1/1/2533 --thai yes --village 75030702 --today 2020-01-15 > /dev/null
$ s40 person add 3100600445635 --first มาลี --last สุขใจ --birth 1/1/2530 --thai yes --village 75030702 --today 2020-01-15 > /dev/null
$ s40 person add 1234545678781 --first สมศรี --last มีสุข --birth 1/1/2520 --thai yes --village 75030505 --today 2020-01-15 > /dev/null
$ s40 person add 3101000000013 --first ประยุทธ --last ขยัน --birth 1/1/2515 --thai yes --village 75030505 --today 2020-01-15 > /dev/null
$ s40 network add 1234545678781 --role staff --area 75 --date 2018-01-01 --today 2020-01-15
> 1-2345-45678-78-1 สมศรี มีสุข เป็นเจ้าหน้าที่สำนักงานประกันสังคม พื้นที่ 75 ตั้งแต่วันที่ 1 มกราคม 2561 / 1-2345-45678-78-1 สมศรี มีสุข joined the network as SSO staff, area 75, from 1 January 2018

# refusals write nothing: a supervisor not yet in the network, outside the area, a bad role
$ dbdump > before.sql
$ s40 network add 3101000000013 --role volunteer --area 750305 --supervisor 1234545678781 --date 2017-06-01 --today 2020-01-15
? 4
!~ ^s40: not_network \(130\): ผู้กำกับดูแล 1-2345-45678-78-1 ไม่ได้เป็นสมาชิกเครือข่าย ณ วันที่ 1 มิถุนายน 2560 / the supervisor 1-2345-45678-78-1 is not in the network on 1 June 2017 \[field supervisor\]$
$ s40 network add 1112034563562 --role volunteer --area 750305 --supervisor 3101000000013 --today 2020-01-15
? 4
!~ ^s40: not_network \(130\):
$ s40 network add 3101000000013 --role boss --area 750305 --today 2020-01-15
? 3
! s40: bad_value (18): บทบาทต้องเป็น volunteer, representative, leader หรือ staff: boss / the role is volunteer, representative, leader or staff: boss [field role]
$ s40 network end 3101000000013 --today 2020-01-15
? 4
!~ ^s40: not_network \(130\): 3-1010-00000-01-3 ไม่ได้เป็นสมาชิกเครือข่ายประกันสังคมอยู่
$ dbdump | cmp - before.sql

$ s40 network add 3101000000013 --role volunteer --area 750305 --supervisor 1234545678781 --date 2018-06-01 --today 2020-01-15 > /dev/null
$ s40 network list --date 2019-10-31 --format csv --today 2020-01-15
> id,name_th,name_en,role,role_th,area,area_name,supervisor,supervisor_name,from,end
> 1-xxxx-xxxxx-78-1,สมศรี มีสุข,สมศรี มีสุข,staff,เจ้าหน้าที่สำนักงานประกันสังคม,75,สมุทรสงคราม,,,2018-01-01,
> 3-xxxx-xxxxx-01-3,ประยุทธ ขยัน,ประยุทธ ขยัน,volunteer,อาสาสมัครแรงงาน,750305,เหมืองใหม่,1-xxxx-xxxxx-78-1,สมศรี มีสุข,2018-06-01,

# an event with its staff, and an enrolment made at it; one on another day is refused
$ s40 event add --village 75030702 --kind campaign --date 2019-03-15 --staff 1234545678781,3101000000013 --place "ศาลาประชาคม" --today 2020-01-15
> บันทึกกิจกรรมหมายเลข 1: รณรงค์ประชาสัมพันธ์ หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม วันที่ 15 มีนาคม 2562 ผู้ร่วมงาน 2 คน / recorded event 1: campaign, Moo 2, Khwae Om, Amphawa, Samut Songkhram, 15 March 2019, 2 staff
$ s40 enrol 1112034563562 --option 1 --date 2019-03-16 --by 3101000000013 --channel event --event 1 --today 2020-01-15
? 4
! s40: event_day (133): กิจกรรมหมายเลข 1 จัดวันที่ 15 มีนาคม 2562 ไม่ใช่วันที่สมัคร 16 มีนาคม 2562 / event 1 was held on 15 March 2019, not on the day of enrolment 16 March 2019 [field event]
$ s40 enrol 1112034563562 --option 1 --date 2019-03-15 --by 3101000000013 --channel event --event 1 --today 2020-01-15 > /dev/null
$ s40 enrol 3100600445635 --option 2 --date 2019-05-01 --by 3101000000013 --channel volunteer --today 2020-01-15 > /dev/null
$ dbsql "SELECT person, event FROM spell ORDER BY person"
> 1112034563562|1
> 3100600445635|

$ s40 report events --area 7503 --fy 2562 --format csv
> event,date,village,village_name,kind,kind_th,place,n_staff,staff,enrolments
> 1,2019-03-15,75030702,หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม,campaign,รณรงค์ประชาสัมพันธ์,ศาลาประชาคม,2,"สมศรี มีสุข (เจ้าหน้าที่สำนักงานประกันสังคม), ประยุทธ ขยัน (อาสาสมัครแรงงาน)",1
$ s40 event list --area 7501 --format csv
> event,date,village,village_name,kind,kind_th,place,n_staff,staff,enrolments

# the network's results: recruits ranked within the area, none paying (no payments recorded)
$ s40 report network --fy 2562 --area 75 --format csv
> rank,id,name_th,name_en,role,role_th,area,area_name,recruits,recruits_active,recruits_paying
> 1,3-xxxx-xxxxx-01-3,ประยุทธ ขยัน,ประยุทธ ขยัน,volunteer,อาสาสมัครแรงงาน,750305,เหมืองใหม่,2,2,0
> 2,1-xxxx-xxxxx-78-1,สมศรี มีสุข,สมศรี มีสุข,staff,เจ้าหน้าที่สำนักงานประกันสังคม,75,สมุทรสงคราม,0,0,0
> ,,รวม,Total,,,75,,2,2,0

# the statement: members, the FY2562 target and attainment, districts with events, fully covered villages
$ s40 target set --fy 2562 --area 75 --target 2878 --today 2020-01-15 > /dev/null
$ s40 survey add 75030702 --date 2019-09-01 --resident 1112034563562:member --resident 3100600445635:member --today 2020-01-15 > /dev/null
$ s40 report statement --area 75 --date 2019-10-31
> ณ วันที่ 31 ตุลาคม 2562 จังหวัดสมุทรสงครามมีผู้ประกันตนตามมาตรา 40 จำนวน 2 คน ปีงบประมาณ 2562 (1 ตุลาคม 2561 ถึง 30 กันยายน 2562) กำหนดเป้าหมายแรงงานอิสระเข้าสู่การประกันสังคมมาตรา 40 จำนวน 2,878 คน มีผู้สมัครใหม่ 2 คน คิดเป็นร้อยละ 0.06 ของเป้าหมาย ได้ดำเนินการลงพื้นที่ใน 1 อำเภอ คือ อำเภออัมพวา และมีหมู่บ้านประกันสังคมถ้วนหน้าแล้ว 1 หมู่บ้าน คือ หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา
$ s40 --lang en report statement --area 75 --date 2019-10-31
> On 31 October 2019, Samut Songkhram had 2 Section 40 members. For fiscal year 2562 (BE; 1 October 2018 to 30 September 2019) the target was 2,878 new Section 40 members; 2 joined, 0.06% of the target. Field events were held in 1 district: Amphawa. 1 village was fully covered (every eligible resident a member): Moo 2, Khwae Om, Amphawa.
# before any target year began: no target sentence; no event yet; not yet covered
$ s40 report statement --area 7503 --date 2018-09-01
> ณ วันที่ 1 กันยายน 2561 อำเภออัมพวา จังหวัดสมุทรสงครามมีผู้ประกันตนตามมาตรา 40 จำนวน 0 คน ยังไม่มีหมู่บ้านประกันสังคมถ้วนหน้า
$ s40 report statement --area 75030702 --date 2019-10-31
? 3
!~ ^s40: bad_area \(16\):

# XLSX: to a file, read back; a pipe gets the same workbook; a terminal is refused
$ s40 report events --area 7503 --format xlsx --output ev.xlsx
>-
$ unzip -p ev.xlsx xl/worksheets/sheet1.xml | grep -o '<pane[^>]*>'
> <pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/>
$ unzip -p ev.xlsx xl/worksheets/sheet1.xml | grep -o '<c r="[ABCHJ]4"[^>]*><v>[^<]*</v>' | sed 's/ s="[0-9]*"//'
> <c r="A4"><v>1</v>
> <c r="B4"><v>43539</v>
> <c r="C4"><v>75030702</v>
> <c r="H4"><v>2</v>
> <c r="J4"><v>1</v>
$ unzip -p ev.xlsx xl/worksheets/sheet1.xml | grep -o '<c r="B4" s="[0-9]*"' | grep -o '[0-9]*"$' | tr -d '"' > s.txt && unzip -p ev.xlsx xl/styles.xml | grep -o '<cellXfs.*</cellXfs>' | grep -o '<xf [^>]*>' | sed -n "$(( $(cat s.txt) + 1 ))p" | grep -o 'numFmtId="[0-9]*"'
> numFmtId="165"
$ unzip -p ev.xlsx xl/styles.xml | grep -o '<numFmt numFmtId="165" formatCode="[^"]*"/>'
> <numFmt numFmtId="165" formatCode="[$-107041E]d mmmm yyyy"/>
$ unzip -p ev.xlsx xl/sharedStrings.xml | grep -o '<t>[^<]*</t>' | head -4
> <t>กิจกรรมภาคสนาม</t>
> <t>อำเภออัมพวา จังหวัดสมุทรสงคราม ทุกปี</t>
> <t>กิจกรรม</t>
> <t>วันที่</t>
$ s40 report events --area 7503 --format xlsx | cat > piped.xlsx && unzip -tq piped.xlsx
> No errors detected in compressed data of piped.xlsx.
$ s40 report asof --area 75 --date 2019-10-31 --format xlsx --output asof.xlsx && unzip -p asof.xlsx xl/worksheets/sheet1.xml | grep -o '<c r="D7"[^>]*><v>[^<]*</v>' | sed 's/ s="[0-9]*"//'
> <c r="D7"><v>2</v>
$ script -qec "s40 report events --format xlsx" /dev/null > tty.txt; echo $?; grep -c 'XLSX is binary' tty.txt
> 2
> 1
# an --output file is made as any other the user writes: its mode from the umask, not 0600
$ umask 022 && s40 report events --area 7503 --format csv --output mode.csv && stat -c %a mode.csv && rm mode.csv
> 644
$ umask 077 && s40 report events --area 7503 --format csv --output mode.csv && stat -c %a mode.csv && rm mode.csv
> 600
$ umask 027 && s40 report events --area 7503 --format xlsx --output mode.xlsx && stat -c %a mode.xlsx && rm mode.xlsx
> 640
$ s40 report events --output nodir/x.csv
? 1
!~ ^s40: io \(2\): สร้างไฟล์ nodir/x.csv ไม่ได้
# the files written here (test.db aside, the database when it is an SQLite file)
# a CSV file is for Excel (docs/FORMATS.md): a BOM, CRLF, the labels in the language of output
$ s40 report events --area 7503 --format csv --output ev.csv && head -1 ev.csv | sed 's/^\xEF\xBB\xBF/<BOM>/; s/\r$/<CR>/' && ls -I test.db
> <BOM>กิจกรรม,วันที่,หมู่บ้าน,ชื่อหมู่บ้าน,ชนิด (รหัส),ชนิดกิจกรรม,สถานที่,ผู้ร่วมงาน,รายชื่อผู้ร่วมงาน,ผู้สมัครในงาน<CR>
> asof.xlsx
> before.sql
> ev.csv
> ev.xlsx
> piped.xlsx
> s.txt
> tty.txt
# the CSV for scripts: plain on standard output, or into a file with --csv plain; --csv excel
# on standard output (a pipe into a file for people); labels in English with --lang en
$ s40 report events --area 7503 --format csv --csv plain --output plain.csv && head -1 plain.csv | od -An -c | head -1 && cmp plain.csv <(s40 report events --area 7503 --format csv) && s40 --lang en report events --area 7503 --format csv | head -1
>    e   v   e   n   t   ,   d   a   t   e   ,   v   i   l   l   a
> event,date,village,village_name,kind,kind_th,place,n_staff,staff,enrolments
$ s40 --lang en report events --area 7503 --format csv --csv excel | head -1 | sed 's/^\xEF\xBB\xBF/<BOM>/; s/\r$/<CR>/'
> <BOM>event,date,village,village name,kind,kind (Thai),place,staff,staff names,enrolments<CR>
$ s40 report events --format csv --csv xls
? 2
! s40: usage (4): --csv ต้องเป็น excel หรือ plain: xls (ดู s40 help) / --csv is excel or plain: xls (see s40 help)
