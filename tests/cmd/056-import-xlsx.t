# s40 import reads .xlsx workbooks as it reads CSV: the persons of data/encodings/persons.csv
# typed into a workbook (IDs as numbers, birth dates as Excel dates, one in the Buddhist era,
# a row left empty) give the same persons; --sheet picks another sheet; line numbers are the
# sheet's row numbers; an ID Excel rounded (1.10E+12) is refused with that explanation; a
# sheet it does not have, and a damaged workbook, are refused and nothing is written.
name: import .xlsx workbooks as the same cells in CSV; refuse rounded IDs, unknown sheets, damaged files

$ python3 "$TESTDATA/xlsx/make.py" .
$ cp "$TESTDATA/encodings/persons.csv" .

# what the CSV file gives, in a database of its own
$ s40 --db ref.db init > /dev/null
$ s40 --db ref.db import persons persons.csv > /dev/null
$ for id in 1100000000016 1100000000024 1112034563562; do s40 --db ref.db person show $id --format csv; done > ref.txt

# the workbook's first sheet: the same persons; the summary names the sheet
$ s40 init > /dev/null
$ s40 import persons persons.xlsx
!-
> นำเข้า persons จาก persons.xlsx / import of persons from persons.xlsx
> อ่านแผ่นงาน ทะเบียน ของสมุดงาน Excel / read sheet ทะเบียน of the Excel workbook
> แถวทั้งหมด 3 ถูกต้อง 3 ไม่ถูกต้อง 0 เปลี่ยนแปลง 3 ไม่เปลี่ยนแปลง 0 / rows 3, good 3, bad 0, changed 3, unchanged 0
> บันทึกแล้ว (บันทึกการเปลี่ยนแปลงลำดับที่ 2) / committed (journal entry 2)
$ for id in 1100000000016 1100000000024 1112034563562; do s40 person show $id --format csv; done | cmp - ref.txt
# the journal keeps the SHA-256 of the workbook's own bytes
$ dbsql "SELECT detail FROM journal WHERE seq = 2" | grep -c "\"sha256\":\"$(sha256sum persons.xlsx | cut -c1-64)\""
> 1
# again: nothing changes; the summary in JSON and CSV names the sheet
$ s40 import persons persons.xlsx --format json
> {"kind":"persons","file":"persons.xlsx","rows":3,"good":3,"bad":0,"changed":0,"unchanged":3,"committed":false,"journal_seq":0,"rejects":null,"encoding":null,"rejects_removed":null,"sheet":"ทะเบียน"}
$ s40 import persons persons.xlsx --format csv
> kind,file,rows,good,bad,changed,unchanged,committed,journal_seq,rejects,encoding,sheet
> persons,persons.xlsx,3,3,0,0,3,0,0,,,ทะเบียน

# another sheet by its name: an enrolment with its date as an Excel date in the Buddhist era
$ s40 import enrolments persons.xlsx --sheet สมัคร --today 2020-01-15 --format csv | tail -1
> enrolments,persons.xlsx,1,1,0,1,0,1,3,,,สมัคร
$ s40 person show 1100000000016 --today 2020-01-15 | sed -n '/^สถานะ/p'
> สถานะ                 เป็นผู้ประกันตนมาตรา 40 ทางเลือกที่ 1 (ณ วันที่ 15 มกราคม 2563)
$ s40 person show 1100000000016 --today 2020-01-15 | grep -c '^1 ธ.ค. 2562 '
> 1

# a sheet the workbook does not have: refused, naming those it has; nothing written
$ dbdump > before.sql
$ s40 --lang en import persons persons.xlsx --sheet Sheet1
? 5
! s40: not_found (20): the workbook has no sheet named Sheet1 (it has ทะเบียน, สมัคร) [field sheet]
$ dbdump | cmp - before.sql

# an ID Excel rounded, shown as 1.10E+12: refused on the sheet's row 3, with why; the reject
# file is named after the workbook; nothing written
$ s40 --lang en import persons bad.xlsx
? 6
> import of persons from bad.xlsx
> read sheet ทะเบียน of the Excel workbook
> rows 2, good 1, bad 1, changed 1, unchanged 0
> nothing was written
> the bad rows are in bad.rejects.csv
! s40: rejected (55): 1 bad row, so nothing was written; the first, on line 3: the national ID 1.10E+12 is a number in scientific notation that Excel rounded, so its lost digits cannot be recovered: format the column as Text and enter the IDs again [field เลขประจำตัวประชาชน] [line 3]
$ sed 's/^\xEF\xBB\xBF/<BOM>/' bad.rejects.csv | cut -d, -f1-3
> <BOM>line,column,code
> 3,เลขประจำตัวประชาชน,bad_id
$ tail -1 bad.rejects.csv | grep -o $',"1.10E+12,,สอง,ผิด,1990-01-01,,,75030702,"\r$' | sed 's/\r$/<CR>/'
> ,"1.10E+12,,สอง,ผิด,1990-01-01,,,75030702,"<CR>
$ dbdump | cmp - before.sql

# a damaged workbook (cut short): refused whole, nothing written
$ s40 --lang en import persons cut.xlsx
? 6
!~ ^s40: csv_encoding \(56\): the \.xlsx file cannot be read: it is damaged or not an Excel workbook \(zip: .+\)$
$ dbdump | cmp - before.sql
$ s40 import persons cut.xlsx 2> err.txt || test $? -eq 6
$ grep -c '^s40: csv_encoding (56): อ่านไฟล์ .xlsx ไม่ได้ ไฟล์เสียหายหรือไม่ใช่สมุดงาน Excel (zip: ' err.txt
> 1
