# s40 receipt REF: a payment's receipt as an A4 PDF, read back with pdftotext: the office of
# the payer's province, the number and the day in the Buddhist era, the payer's name and
# masked ID, the months with their amounts, the total in figures and in Thai words.
name: a payment's receipt as a PDF, in Thai and in English

$ s40 init > /dev/null
$ s40 person add 1100000000016 --first หนึ่ง --last อาสา --birth 1980-01-01 --thai yes --village 75030702 --phone 0811111111 > /dev/null
$ s40 enrol 1100000000016 --option 1 --date 2018-12-01 --today 2019-01-01 > /dev/null
$ s40 pay 1100000000016 --months 2019-01..2019-02 --amount 240 --extra 50 --date 2019-01-05 --receipt OF-1 --today 2019-01-10 > /dev/null
$ s40 receipt OF-1 --output r.pdf --today 2026-12-06
>-
# the file's mode follows the umask, as any file the user writes
$ umask 022 && s40 receipt OF-1 --output m022.pdf && stat -c %a m022.pdf
> 644
$ umask 077 && s40 receipt OF-1 --output m077.pdf && stat -c %a m077.pdf
> 600
$ pdfinfo r.pdf | grep -E '^(Title|Pages|Page size):' | tr -s ' '
> Title: ใบเสร็จรับเงิน OF-1
> Pages: 1
> Page size: 595.276 x 841.89 pts (A4)
$ pdffonts r.pdf | awk 'NR > 2 { sub(/^[A-Z]+\+/, "", $1); print $1, $(NF-4) }' | sort -u
> Sarabun-Regular yes
> Sarabun-SemiBold yes
$ pdftotext -raw -nopgbrk r.pdf - | grep -v '^(บาท)$'
> สำนักงานประกันสังคมจังหวัดสมุทรสงคราม เลขที่ OF-1
> วันที่ 5 มกราคม 2562
> ใบเสร็จรับเงินสมทบ ผู้ประกันตนมาตรา 40
> ได้รับเงินจาก หนึ่ง อาสา
> เลขประจำตัวประชาชน 1-xxxx-xxxxx-01-6
> ที่อยู่ หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม
> ช่องทางการชำระ สำนักงานประกันสังคม
> เงินสมทบเดือน มกราคม 2562 ถึง กุมภาพันธ์ 2562 (2 เดือน)
> เดือน ทางเลือก เงินสมทบ (บาท) เงินออมเพิ่ม (บาท) รวม (บาท)
> มกราคม 2562 1 70.00 50.00 120.00
> กุมภาพันธ์ 2562 1 70.00 50.00 120.00
> รวม 140.00 100.00 240.00
> จำนวนเงินที่ได้รับ 240.00 บาท (สองร้อยสี่สิบบาทถ้วน)
> ลงชื่อ ................................................ ผู้รับเงิน
> (................................................)
> พิมพ์วันที่ 6 ธันวาคม 2569
# the figures are the ledger's
$ s40 ledger 1100000000016 --from 2019-01 --to 2019-02 --today 2019-01-10 --format csv | cut -d, -f1,5,7,8
> month,paid,extra,receipt
> 2019-01,70.00,50.00,OF-1
> 2019-02,70.00,50.00,OF-1
# in English
$ s40 --lang en receipt OF-1 --today 2026-12-06 > en.pdf && pdftotext -raw -nopgbrk en.pdf - | grep -E '^(Social|Received|National|Total|Amount received)'
> Social Security Office, Samut Songkhram No. OF-1
> Received from หนึ่ง อาสา
> National ID 1-xxxx-xxxxx-01-6
> Total 140.00 100.00 240.00
> Amount received: 240.00 baht
# a receipt there is none of; a format other than PDF; a terminal
$ s40 receipt NOPE --output n.pdf
? 5
! s40: not_found (20): ไม่พบใบเสร็จเลขที่ NOPE / there is no receipt NOPE [field receipt]
$ test ! -e n.pdf
$ s40 receipt OF-1 --format csv
? 2
!~ a receipt is a PDF only
$ script -qec "s40 receipt OF-1" /dev/null > tty.txt; echo $?; grep -c 'PDF is binary' tty.txt
> 2
> 1
