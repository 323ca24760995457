# s40 import persons into an empty register reads every row first, then writes them in ID
# order: the outcome must be the row-by-row import's. IDs out of order, the same row twice
# (unchanged), an ID again with other data (exists) whose ID sorts before the rows around it,
# a row refused by its checks on either side, a blank row: the counts, the persons and the
# reject file in line order, as 053-import-order-rowwise.t gets them the row-by-row way.
name: persons into an empty register: the same outcome and rejects in line order

$ s40 init > /dev/null
$ cp "$TESTDATA"/import/persons-order.csv .
$ s40 --lang en import persons persons-order.csv --partial --today 2026-01-01
> import of persons from persons-order.csv
> rows 8, good 5, bad 3, changed 3, unchanged 2
> committed (journal entry 2)
> the bad rows are in persons-order.rejects.csv
$ sed 's/^\xEF\xBB\xBF/<BOM>/; s/\r$/<CR>/' persons-order.rejects.csv
> <BOM>line,column,code,message_th,message_en,row<CR>
> 4,village,unknown_area,ไม่พบพื้นที่รหัส 99999999,there is no area with code 99999999,"5700100123451,ห้า,เจ็ด,1982-03-03,99999999"<CR>
> 8,id,exists,เลขประจำตัว 1-1001-00123-45-4 มีในทะเบียนแล้วด้วยข้อมูลอื่น (แก้ไขข้อมูลของบุคคลนั้น ไม่ใช่ลงทะเบียนใหม่),ID 1-1001-00123-45-4 is registered already with other data (change that person's record rather than registering again),"1100100123454,หนึ่ง,อื่น,1981-02-02,75030505"<CR>
> 9,birth_date,bad_value,วันเกิด 1 มกราคม 2642 อยู่หลังวันนี้,birth date 1 January 2099 is after today,"2500100123459,ยี่สิบ,ห้า,2099-01-01,75030702"<CR>
$ s40 person show 1100100123454 --format csv
> id,title,first_th,last_th,first_en,last_en,birth_date,sex,thai,village,phone,address
> 1100100123454,,หนึ่ง,หนึ่ง,,,1981-02-02,,,75030505,,
$ s40 journal verify > /dev/null

