# The same file as 052-import-order.t: all or nothing into an empty register (nothing
# written, the same rejects), then with --partial into a register that already holds
# someone, which imports row by row: the same counts and the same reject file.
name: persons row by row: the outcome and rejects of the two-pass import

$ s40 init > /dev/null
$ cp "$TESTDATA"/import/persons-order.csv .
$ dbdump > before.sql
$ s40 --lang en import persons persons-order.csv --today 2026-01-01 2> /dev/null
? 6
> import of persons from persons-order.csv
> rows 8, good 5, bad 3, changed 3, unchanged 2
> nothing was written
> the bad rows are in persons-order.rejects.csv
$ dbdump | cmp - before.sql
$ sed 's/^\xEF\xBB\xBF/<BOM>/' persons-order.rejects.csv | cut -d, -f1-3
> <BOM>line,column,code
> 4,village,unknown_area
> 8,id,exists
> 9,birth_date,bad_value
$ printf 'id,first_name,last_name,birth_date,village\n3100600445635,มาลี,สุขใจ,1987-05-05,75030505\n' > one.csv
$ s40 import persons one.csv > /dev/null
$ s40 --lang en import persons persons-order.csv --partial --today 2026-01-01
> import of persons from persons-order.csv
> rows 8, good 5, bad 3, changed 3, unchanged 2
> committed (journal entry 3)
> the bad rows are in persons-order.rejects.csv
$ sed 's/^\xEF\xBB\xBF/<BOM>/; s/\r$/<CR>/' persons-order.rejects.csv
> <BOM>line,column,code,message_th,message_en,row<CR>
> 4,village,unknown_area,ไม่พบพื้นที่รหัส 99999999,there is no area with code 99999999,"5700100123451,ห้า,เจ็ด,1982-03-03,99999999"<CR>
> 8,id,exists,เลขประจำตัว 1-1001-00123-45-4 มีในทะเบียนแล้วด้วยข้อมูลอื่น (แก้ไขข้อมูลของบุคคลนั้น ไม่ใช่ลงทะเบียนใหม่),ID 1-1001-00123-45-4 is registered already with other data (change that person's record rather than registering again),"1100100123454,หนึ่ง,อื่น,1981-02-02,75030505"<CR>
> 9,birth_date,bad_value,วันเกิด 1 มกราคม 2642 อยู่หลังวันนี้,birth date 1 January 2099 is after today,"2500100123459,ยี่สิบ,ห้า,2099-01-01,75030702"<CR>
$ s40 person show 1100100123454 --format csv | tail -1
> 1100100123454,,หนึ่ง,หนึ่ง,,,1981-02-02,,,75030505,,
