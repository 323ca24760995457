# s40 report asof in every format and s40 journal verify|show, including a tampered journal.
name: the as-of report, and the journal verified, listed and found broken

$ s40 init > /dev/null
$ s40 person add 1112034563562 --first สมชาย --last ใจดี --birth 1/1/2533 --thai yes --village 75030702 --user somsri > /dev/null
$ s40 person add 3100600445635 --first มาลี --last สุขใจ --birth 1/1/2530 --thai yes --village 75010201 --user somsri > /dev/null
$ s40 enrol 1112034563562 --option 1 --date 2019-10-01 --today 2020-01-15 --user somsri > /dev/null
$ s40 enrol 3100600445635 --option 2 --date 2018-01-01 --today 2020-01-15 --user somsri > /dev/null
$ s40 leave 3100600445635 --date 2019-11-01 --reason s39 --today 2020-01-15 --user somsri > /dev/null

$ s40 report asof --date 2019-10-31 --area 75
> ผู้ประกันตนมาตรา 40 ที่เป็นสมาชิกอยู่
> จังหวัดสมุทรสงคราม ณ วันที่ 31 ตุลาคม 2562
> รหัส   พื้นที่                 ชื่อภาษาอังกฤษ             ผู้ประกันตน
> ----  ------------------  ----------------------  --------
> 7501  เมืองสมุทรสงคราม      Mueang Samut Songkhram         1
> 7502  บางคนที              Bang Khonthi                   0
> 7503  อัมพวา               Amphawa                        1
> 75    รวมจังหวัดสมุทรสงคราม  Total Samut Songkhram          2
$ s40 --lang en report asof --date 31/10/2562 --area 75
> Active Section 40 members
> Samut Songkhram on 31 October 2019
> code  area (Thai)         area                    members
> ----  ------------------  ----------------------  -------
> 7501  เมืองสมุทรสงคราม      Mueang Samut Songkhram        1
> 7502  บางคนที              Bang Khonthi                  0
> 7503  อัมพวา               Amphawa                       1
> 75    รวมจังหวัดสมุทรสงคราม  Total Samut Songkhram         2
$ s40 report asof --date 2019-11-01 --area 75 --level subdistrict --format csv | grep -v ',0$'
> code,name_th,name_en,members
> 750307,แควอ้อม,Khwae Om,1
> 75,รวมจังหวัดสมุทรสงคราม,Total Samut Songkhram,1
$ s40 report asof --date 2019-10-31 --area 7503 --level village --format json | grep -o '"code":75030702,[^}]*}'
> "code":75030702,"name_th":"หมู่ 2","name_en":"Moo 2","members":1}
$ s40 report asof --date 2019-10-31 --format csv | grep -E '^(75|10),|^,'
> 10,กรุงเทพมหานคร,Bangkok,0
> 75,สมุทรสงคราม,Samut Songkhram,2
> ,รวมทั้งประเทศ,"Total, whole country",2
$ s40 report asof --date 2019-10-31 --format csv | tail -1
> ,รวมทั้งประเทศ,"Total, whole country",2

$ s40 report asof --date 2019-10-31 --area 76
> ผู้ประกันตนมาตรา 40 ที่เป็นสมาชิกอยู่
> จังหวัดเพชรบุรี ณ วันที่ 31 ตุลาคม 2562
> รหัส   พื้นที่             ชื่อภาษาอังกฤษ         ผู้ประกันตน
> ----  --------------  ------------------  --------
> 7601  เมืองเพชรบุรี      Mueang Phetchaburi         0
> 7602  เขาย้อย          Khao Yoi                   0
> 7603  หนองหญ้าปล้อง     Nong Ya Plong              0
> 7604  ชะอำ            Cha-am                     0
> 7605  ท่ายาง           Tha Yang                   0
> 7606  บ้านลาด          Ban Lat                    0
> 7607  บ้านแหลม         Ban Laem                   0
> 7608  แก่งกระจาน       Kaeng Krachan              0
> 76    รวมจังหวัดเพชรบุรี  Total Phetchaburi          0
$ s40 report asof --date 2019-10-31 --area 7x
? 3
! s40: bad_area (16): รหัสพื้นที่ต้องเป็นตัวเลขเท่านั้น (2, 4, 6 หรือ 8 หลัก เช่น 75, 7503, 750307, 75030702) / an area code has digits only (2, 4, 6 or 8, as 75, 7503, 750307, 75030702) [field area]
$ s40 report asof --date 2019-10-31 --area 7503 --level province
? 3
! s40: bad_value (18): ระดับต้องต่ำกว่าพื้นที่ 7503 / the level must be below area 7503 [field level]
$ s40 report asof --date 2019-10-31 --level town
? 3
! s40: bad_value (18): ระดับต้องเป็น province, district, subdistrict หรือ village: town / the level is province, district, subdistrict or village: town [field level]
$ s40 report asof --date 2019-02-29
? 3
! s40: impossible_date (14): ไม่มีวันที่ 29 ในเดือนกุมภาพันธ์ 2562 (เดือนนี้มี 28 วัน): "2019-02-29" / there is no day 29 in February 2019 (that month has 28 days): "2019-02-29" [field date]
$ s40 report asof extra
? 2
! s40: usage (4): มีอาร์กิวเมนต์เกิน: extra (ดู s40 help report) / extra argument: extra (see s40 help report)

$ s40 journal verify
> บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน 6 รายการ ข้อมูล 91,087 แถวใน 17 ตารางตรงกับที่ s40 บันทึก / journal intact, 6 entries; the data (91,087 rows in 17 tables) is as s40 wrote it
$ s40 --lang en journal verify --format json
> {"intact":true,"entries":6,"data":{"rows":91087,"tables":[{"table":"area","rows":91083,"match":true,"unjournaled":0},{"table":"person","rows":2,"match":true,"unjournaled":0},{"table":"spell","rows":2,"match":true,"unjournaled":0},{"table":"option_change","rows":0,"match":true,"unjournaled":0},{"table":"exclusion","rows":0,"match":true,"unjournaled":0},{"table":"payment","rows":0,"match":true,"unjournaled":0},{"table":"ledger","rows":0,"match":true,"unjournaled":0},{"table":"benefit","rows":0,"match":true,"unjournaled":0},{"table":"survey","rows":0,"match":true,"unjournaled":0},{"table":"survey_resident","rows":0,"match":true,"unjournaled":0},{"table":"target","rows":0,"match":true,"unjournaled":0},{"table":"app_user","rows":0,"match":true,"unjournaled":0},{"table":"network_member","rows":0,"match":true,"unjournaled":0},{"table":"field_event","rows":0,"match":true,"unjournaled":0},{"table":"event_staff","rows":0,"match":true,"unjournaled":0}]}}
$ s40 journal show 1-1120-34563-56-2 --format csv | cut -d, -f1,3-4
> seq,user,op
> 2,somsri,person.add
> 4,somsri,membership.enrol
$ s40 journal show person:3100600445635 --lang en | sed -n '1,2p'
> journal entries about person:3100600445635
> seq  time                 user    operation         detail
$ s40 journal show person:3100600445635 --lang en | sed -n '3,$p' | sed -E 's/ [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8} / TIME /'
> ---  -------------------  ------  ----------------  ----------------------------------------------------
> 3    TIME  somsri  person.add        {"village":75010201}
> 5    TIME  somsri  membership.enrol  {"option":2,"start":"2018-01-01","village":75010201}
> 6    TIME  somsri  membership.end    {"end":"2019-11-01","reason":"s39"}
$ s40 journal show person:1234545678781 --format csv
> seq,at,user,op,detail
$ s40 journal show person:123
? 3
! s40: bad_id (10): เลขประจำตัวประชาชนต้องมี 13 หลัก แต่พบ 3 หลัก / a national ID has 13 digits; 3 found [field entity]
$ s40 journal
? 2
! s40: usage (4): ต้องระบุ verify, show, anchor หรือ keygen (ดู s40 help journal) / give verify, show, anchor or keygen (see s40 help journal)
$ s40 journal fix
? 2
! s40: usage (4): ไม่รู้จักคำสั่งย่อย fix (ดู s40 help journal) / unknown subcommand fix (see s40 help journal)

# change one entry behind the program's back: verify finds it
$ dbsql "UPDATE journal SET \"user\" = 'mallory' WHERE seq = 3" 2>&1 | grep -o 'the journal is append-only'; true
> the journal is append-only
# the database refuses it; a forger drops the guard first. The one step here that names its
# engine: SQLite's DROP TRIGGER takes the trigger alone, PostgreSQL's its table too.
$ if [ -n "${S40_TEST_PG:-}" ]; then on=' ON journal'; else on=; fi; dbsql "DROP TRIGGER journal_no_update$on; UPDATE journal SET \"user\" = 'mallory' WHERE seq = 3"
$ s40 journal verify
? 1
! s40: journal (73): รายการที่ 3: เนื้อหาของรายการถูกแก้ไข / entry 3: the entry's content was changed
$ s40 --lang en journal verify --format json
? 1
> {"intact":false,"entries":2,"first_bad":3}
! s40: journal (73): entry 3: the entry's content was changed
