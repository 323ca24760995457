# s40 import: persons, enrolments, exclusions and villages from CSV; all or nothing unless
# --partial; a reject file of the bad rows; the same file twice changes nothing; broken CSV
# (an unterminated quote, a wrong column count, invalid UTF-8, a missing header) is refused.
name: import CSV files, reject bad rows and broken files with the database unchanged

$ s40 init > /dev/null
$ cp "$TESTDATA"/import/*.csv .

# UTF-8 with a BOM, CRLF, Thai headers, quoted fields with commas, quotes and line breaks
$ s40 import persons persons.csv
!-
> นำเข้า persons จาก persons.csv / import of persons from persons.csv
> แถวทั้งหมด 3 ถูกต้อง 3 ไม่ถูกต้อง 0 เปลี่ยนแปลง 3 ไม่เปลี่ยนแปลง 0 / rows 3, good 3, bad 0, changed 3, unchanged 0
> บันทึกแล้ว (บันทึกการเปลี่ยนแปลงลำดับที่ 2) / committed (journal entry 2)
$ test ! -e persons.rejects.csv
$ s40 person show 3100600445635 --format csv
> id,title,first_th,last_th,first_en,last_en,birth_date,sex,thai,village,phone,address
> 3100600445635,นาง,มาลี,สุขใจ,,,1987-05-05,F,true,75030505,,"บ้าน ""ริมน้ำ"" ซอย 4"
# the same file again changes nothing at all, not even the journal
$ dbdump > before.sql
$ s40 --lang en import persons persons.csv
> import of persons from persons.csv
> rows 3, good 3, bad 0, changed 0, unchanged 3
> everything was there already; nothing changed
$ dbdump | cmp - before.sql

$ s40 import enrolments enrolments.csv --today 2020-01-15 --format json
> {"kind":"enrolments","file":"enrolments.csv","rows":3,"good":3,"bad":0,"changed":3,"unchanged":0,"committed":true,"journal_seq":3,"rejects":null,"encoding":"utf-8","rejects_removed":null,"sheet":null}
$ s40 import exclusions exclusions.csv --today 2020-01-15 --lang en
> import of exclusions from exclusions.csv
> rows 1, good 1, bad 0, changed 1, unchanged 0
> committed (journal entry 4)
$ s40 import villages villages.csv --format csv
> kind,file,rows,good,bad,changed,unchanged,committed,journal_seq,rejects,encoding,sheet
> villages,villages.csv,2,2,0,2,0,1,5,,utf-8,
$ s40 person show 1234545678781 --today 2020-01-15 | sed -n '/^หมู่บ้าน/p;/^สถานะ/p'
> หมู่บ้าน                 75030505 หมู่ 5 บ้านเหมืองใหม่ ตำบลเหมืองใหม่ อำเภออัมพวา จังหวัดสมุทรสงคราม
> สถานะ                 ไม่ได้เป็นผู้ประกันตนมาตรา 40 (ณ วันที่ 15 มกราคม 2563)
$ s40 report asof --date 2019-10-31 --area 7503 --format csv | grep '^7503,'
> 7503,รวมอำเภออัมพวา,Total Amphawa,3
# a file's own column names, through --map
$ s40 --lang en import persons persons-own-header.csv --map "last_name=สกุล,birth_date=เกิด,village=หมู่บ้าน"
> import of persons from persons-own-header.csv
> rows 1, good 1, bad 0, changed 1, unchanged 0
> committed (journal entry 6)

# bad rows: nothing is written, every bad row is in the reject file, exit status 6
$ dbdump > before.sql
$ s40 import persons persons-bad.csv
? 6
> นำเข้า persons จาก persons-bad.csv / import of persons from persons-bad.csv
> แถวทั้งหมด 5 ถูกต้อง 1 ไม่ถูกต้อง 4 เปลี่ยนแปลง 1 ไม่เปลี่ยนแปลง 0 / rows 5, good 1, bad 4, changed 1, unchanged 0
> ไม่ได้บันทึกข้อมูลใด / nothing was written
> แถวที่ไม่ถูกต้องอยู่ในไฟล์ persons-bad.rejects.csv / the bad rows are in persons-bad.rejects.csv
!~ ^s40: rejected \(55\): 4 แถวไม่ถูกต้อง จึงไม่ได้บันทึกข้อมูลใด แถวแรกที่บรรทัด 3: เลขประจำตัวประชาชนไม่ถูกต้อง: หลักสุดท้ายควรเป็น 1 แต่เป็น 9 .* / 4 bad rows, so nothing was written; the first, on line 3: the national ID is wrong: the check digit should be 1, not 9 \(check every digit was typed right\) \[field id\] \[line 3\]$
$ dbdump | cmp - before.sql
$ sed 's/^\xEF\xBB\xBF/<BOM>/; s/\r$/<CR>/' persons-bad.rejects.csv
> <BOM>line,column,code,message_th,message_en,row<CR>
> 3,id,id_check,เลขประจำตัวประชาชนไม่ถูกต้อง: หลักสุดท้ายควรเป็น 1 แต่เป็น 9 (ตรวจว่าพิมพ์ตัวเลขถูกทุกหลัก),"the national ID is wrong: the check digit should be 1, not 9 (check every digit was typed right)","1234545678789,สอง,ผิด,1990-01-01,75030702,yes"<CR>
> 4,birth_date,impossible_date,"ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์ 2562 (เดือนนี้มี 28 วัน): ""31/02/2562""","there is no day 31 in February 2019 (that month has 28 days): ""31/02/2562""","1100000000032,สาม,วันผิด,31/02/2562,75030702,yes"<CR>
> 5,village,unknown_area,ไม่พบพื้นที่รหัส 75039902,there is no area with code 75039902,"1100000000041,สี่,ไม่มีหมู่บ้าน,1990-01-01,75039902,yes"<CR>
> 6,id,id_type,เลขที่ขึ้นต้นด้วย 0 ไม่ใช่เลขประจำตัวประชาชนตามบัตรประชาชน (ขึ้นต้นด้วย 0 หรือ 9 ไม่ได้),an ID starting with 0 is not a personal ID card number (0 and 9 are not accepted),"0100000000057,ห้า,ศูนย์,1990-01-01,75030702,yes"<CR>
# the reject file's mode follows the umask, as any file the user writes
$ umask 022 && s40 import persons persons-bad.csv --rejects m022.csv > /dev/null; stat -c %a m022.csv
> 644
$ umask 077 && s40 import persons persons-bad.csv --rejects m077.csv > /dev/null; stat -c %a m077.csv
> 600
# --rejects names the file; --partial writes the good rows
$ s40 --lang en import persons persons-bad.csv --partial --rejects bad.csv
> import of persons from persons-bad.csv
> rows 5, good 1, bad 4, changed 1, unchanged 0
> committed (journal entry 7)
> the bad rows are in bad.csv
$ sed 's/^\xEF\xBB\xBF/<BOM>/' bad.csv | cut -d, -f1-3
> <BOM>line,column,code
> 3,id,id_check
> 4,birth_date,impossible_date
> 5,village,unknown_area
> 6,id,id_type
$ s40 person show 1100000000016 --format csv | cut -d, -f1-4
> id,title,first_th,last_th
> 1100000000016,,หนึ่ง,ดี

# broken files, each refused with its code, its line and nothing written
$ dbdump > before.sql
# an unterminated quote
$ printf 'id,first_name,last_name,birth_date,village\n1100000000024,"เอ,บี,1990-01-01,75030702\n' > quote.csv
$ s40 import persons quote.csv
? 6
> นำเข้า persons จาก quote.csv / import of persons from quote.csv
> แถวทั้งหมด 1 ถูกต้อง 0 ไม่ถูกต้อง 1 เปลี่ยนแปลง 0 ไม่เปลี่ยนแปลง 0 / rows 1, good 0, bad 1, changed 0, unchanged 0
> ไม่ได้บันทึกข้อมูลใด / nothing was written
> แถวที่ไม่ถูกต้องอยู่ในไฟล์ quote.rejects.csv / the bad rows are in quote.rejects.csv
! s40: csv_quote (50): เครื่องหมายคำพูดเปิดที่บรรทัด 2 คอลัมน์ 2 ไม่มีคู่ปิดจนจบไฟล์ / the quote opened on line 2, column 2 is not closed before the end of the file [field column 2] [line 2]
$ sed 's/^\xEF\xBB\xBF/<BOM>/; s/\r$/<CR>/' quote.rejects.csv
> <BOM>line,column,code,message_th,message_en,row<CR>
> 2,first_name,csv_quote,เครื่องหมายคำพูดเปิดที่บรรทัด 2 คอลัมน์ 2 ไม่มีคู่ปิดจนจบไฟล์,"the quote opened on line 2, column 2 is not closed before the end of the file","1100000000024,""เอ,บี,1990-01-01,75030702
> "<CR>
# a wrong column count
$ printf 'id,first_name,last_name,birth_date,village\n1100000000024,เอ,บี,1990-01-01\n' > columns.csv
$ s40 import persons columns.csv
? 6
> นำเข้า persons จาก columns.csv / import of persons from columns.csv
> แถวทั้งหมด 1 ถูกต้อง 0 ไม่ถูกต้อง 1 เปลี่ยนแปลง 0 ไม่เปลี่ยนแปลง 0 / rows 1, good 0, bad 1, changed 0, unchanged 0
> ไม่ได้บันทึกข้อมูลใด / nothing was written
> แถวที่ไม่ถูกต้องอยู่ในไฟล์ columns.rejects.csv / the bad rows are in columns.rejects.csv
! s40: rejected (55): 1 แถวไม่ถูกต้อง จึงไม่ได้บันทึกข้อมูลใด แถวแรกที่บรรทัด 2: แถวที่บรรทัด 2 มี 4 คอลัมน์ แต่หัวตารางมี 5 คอลัมน์ / 1 bad row, so nothing was written; the first, on line 2: the row on line 2 has 4 columns; the header has 5 [line 2]
# invalid UTF-8
$ printf 'id,first_name,last_name,birth_date,village\n1100000000024,\xe0\xb8,บี,1990-01-01,75030702\n' > utf8.csv
$ s40 import persons utf8.csv
? 6
> นำเข้า persons จาก utf8.csv / import of persons from utf8.csv
> แถวทั้งหมด 1 ถูกต้อง 0 ไม่ถูกต้อง 1 เปลี่ยนแปลง 0 ไม่เปลี่ยนแปลง 0 / rows 1, good 0, bad 1, changed 0, unchanged 0
> ไม่ได้บันทึกข้อมูลใด / nothing was written
> แถวที่ไม่ถูกต้องอยู่ในไฟล์ utf8.rejects.csv / the bad rows are in utf8.rejects.csv
! s40: rejected (55): 1 แถวไม่ถูกต้อง จึงไม่ได้บันทึกข้อมูลใด แถวแรกที่บรรทัด 2: บรรทัด 2 คอลัมน์ 2 มีไบต์ที่ไม่ใช่ UTF-8 (0xE0) / 1 bad row, so nothing was written; the first, on line 2: line 2, column 2: byte 0xE0 is not UTF-8 [field first_name] [line 2]
# a missing header: the file starts with data
$ printf '1100000000024,เอ,บี,1990-01-01,75030702\n' > noheader.csv
$ s40 import persons noheader.csv
? 6
> นำเข้า persons จาก noheader.csv / import of persons from noheader.csv
> แถวทั้งหมด 0 ถูกต้อง 0 ไม่ถูกต้อง 0 เปลี่ยนแปลง 0 ไม่เปลี่ยนแปลง 0 / rows 0, good 0, bad 0, changed 0, unchanged 0
> ไม่ได้บันทึกข้อมูลใด / nothing was written
> แถวที่ไม่ถูกต้องอยู่ในไฟล์ noheader.rejects.csv / the bad rows are in noheader.rejects.csv
! s40: csv_header (53): ไม่มีหัวตาราง: แถวแรกเป็นข้อมูล ต้องมีคอลัมน์ เลขประจำตัวประชาชน (id), ชื่อ (first_name), นามสกุล (last_name), วันเกิด (birth_date), รหัสหมู่บ้าน (village) / no header row: the first row is data; the header needs id, first_name, last_name, birth_date, village [line 1]
# an empty file
$ : > empty.csv
$ s40 --lang en import persons empty.csv
? 6
> import of persons from empty.csv
> rows 0, good 0, bad 0, changed 0, unchanged 0
> nothing was written
> the bad rows are in empty.rejects.csv
! s40: csv_header (53): the file is empty: there is no header row [line 1]
$ dbdump | cmp - before.sql

# wrong usage, a missing file
$ s40 import people persons.csv
? 2
! s40: usage (4): ชนิดต้องเป็น persons, enrolments, exclusions, villages หรือ payments: people (ดู s40 help import) / the kind is persons, enrolments, exclusions, villages or payments: people (see s40 help import)
$ s40 import persons
? 2
! s40: usage (4): ต้องระบุชนิดและไฟล์ (ดู s40 help import) / give the kind and the file (see s40 help import)
$ s40 --lang en import persons nosuch.csv
? 1
! s40: io (2): cannot open nosuch.csv: No such file or directory [field file]
$ s40 --lang en import persons persons.csv --map "nosuch=x"
? 2
! s40: usage (4): a persons file has no column 'nosuch' [field map]
$ dbdump | cmp - before.sql
$ s40 journal verify
> บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน 7 รายการ ข้อมูล 91,092 แถวใน 17 ตารางตรงกับที่ s40 บันทึก / journal intact, 7 entries; the data (91,092 rows in 17 tables) is as s40 wrote it
