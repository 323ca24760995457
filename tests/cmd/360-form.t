# s40 form ID: a person's application on the layout of the form สปส. 1-40, read back with
# pdftotext: the code of the form, the applicant from the register (the ID in 13 boxes),
# the option chosen at enrolment ticked, the lines to sign and the thumbprint box.
name: the application form สปส. 1-40 of a registered person, in Thai and in English

$ s40 init > /dev/null
$ s40 person add 1100000000016 --title นาย --first หนึ่ง --last อาสา --birth 1980-01-01 --thai yes --village 75030702 --phone 0811111111 --address "99/1 ถนนเพชรเกษม" > /dev/null
$ s40 enrol 1100000000016 --option 2 --date 2018-12-01 --today 2019-01-01 > /dev/null
$ s40 form 1100000000016 --output f.pdf --today 2026-12-06
>-
# the file's mode follows the umask, as any file the user writes
$ umask 022 && s40 form 1100000000016 --output m022.pdf && stat -c %a m022.pdf
> 644
$ umask 077 && s40 form 1100000000016 --output m077.pdf && stat -c %a m077.pdf
> 600
$ pdfinfo f.pdf | grep -E '^(Title|Pages|Page size):' | tr -s ' '
> Title: แบบคำขอ สปส. 1-40 1100000000016
> Pages: 1
> Page size: 595.276 x 841.89 pts (A4)
$ pdftotext -raw -nopgbrk f.pdf - | grep -E '^(สปส|แบบคำขอ|วันที่ 1|ชื่อ|วันเดือนปีเกิด|สัญชาติ|ที่อยู่|โทรศัพท์|ทางเลือกที่|ลงชื่อ|\(นาย|ลายพิมพ์|พิมพ์จาก)'
> สปส. 1-40
> แบบคำขอสมัครเป็นผู้ประกันตนตามมาตรา 40
> วันที่ 1 ธันวาคม 2561
> ชื่อ-นามสกุล นายหนึ่ง อาสา
> วันเดือนปีเกิด 1 มกราคม 2523 อายุ 38 ปี
> สัญชาติ ไทย
> ที่อยู่ตามทะเบียนบ้าน 99/1 ถนนเพชรเกษม หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม 75110
> โทรศัพท์ 0811111111
> ทางเลือกที่ 1 จ่าย 70.00 บาทต่อเดือน (คุ้มครอง 3 กรณี)
> ทางเลือกที่ 2 จ่าย 100.00 บาทต่อเดือน (คุ้มครอง 4 กรณี)
> ทางเลือกที่ 3 จ่าย 300.00 บาทต่อเดือน (คุ้มครอง 5 กรณี)
> ลายพิมพ์นิ้วหัวแม่มือซ้าย
> ลงชื่อ .............................................. ผู้สมัคร
> (นายหนึ่ง อาสา)
> ลงชื่อ .............................................. ผู้รับคำขอ วันที่ ........ / ........ / ............
> พิมพ์จากทะเบียนวันที่ 6 ธันวาคม 2569
# the ID in its boxes, digit by digit
$ pdftotext -raw -nopgbrk f.pdf - | grep '^เลขประจำตัวประชาชน' | tr -d ' '
> เลขประจำตัวประชาชน1100000000016
# the page as a picture, kept to look at (the option chosen is ticked)
$ out="$TESTDATA/../../../test-output/pdf" && mkdir -p "$out" && pdftoppm -png -r 60 -singlefile f.pdf "$out/form-page1" && head -c 4 "$out/form-page1.png" | tail -c 3; echo
> PNG
# in English
$ s40 --lang en form 1100000000016 --today 2026-12-06 > en.pdf && pdftotext -raw -nopgbrk en.pdf - | grep -E '^(Application|Name|Born|Option)'
> Application to be insured under Section 40
> Name นายหนึ่ง อาสา
> Born 1 January 1980 Age 38 years
> Option 1: 70.00 baht a month (3 kinds of benefit)
> Option 2: 100.00 baht a month (4 kinds of benefit)
> Option 3: 300.00 baht a month (5 kinds of benefit)
# a person not in the register; a terminal
$ s40 form 1112034563562 --output n.pdf
? 5
!~ ^s40: not_found \(20\)
$ test ! -e n.pdf
$ script -qec "s40 form 1100000000016" /dev/null > tty.txt; echo $?; grep -c 'PDF is binary' tty.txt
> 2
> 1
