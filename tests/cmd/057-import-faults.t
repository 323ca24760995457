# A row with several faults is reported with all of them: one line of the reject file for each
# fault, in the same words as alone, with the row repeated; the row counts once as bad. The
# persons import gives the same lines into an empty register (read in bulk) and into one that
# holds persons (row by row); enrolments and payments list every fault of their fields too.
name: an import reports every fault of a row, not only the first

$ printf 'id,first_name,last_name,birth_date,village,sex,phone\n1100000000016,สมชาย,ใจดี,1980-01-01,75030702,ชาย,0812345678\n1234545678789,,ผิด,31/02/2530,7503070,x,12\n1100000000024,มาลี,,2099-01-01,75030702,หญิง,\n' > persons.csv
$ s40 init > /dev/null
$ s40 --lang en import persons persons.csv --partial --today 2020-01-15
> import of persons from persons.csv
> rows 3, good 1, bad 2, changed 1, unchanged 0
> committed (journal entry 2)
> the bad rows are in persons.rejects.csv
$ sed 's/^\xEF\xBB\xBF/<BOM>/' persons.rejects.csv | cut -d, -f1-3
> <BOM>line,column,code
> 3,id,id_check
> 3,birth_date,impossible_date
> 3,sex,bad_value
> 3,village,bad_area
> 3,first_name,missing
> 3,phone,bad_value
> 4,last_name,missing
> 4,birth_date,bad_value
# each line says its fault as it would alone, and carries the whole row
$ sed -n '3p;7p' persons.rejects.csv | sed 's/\r$/<CR>/'
> 3,birth_date,impossible_date,"ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์ 2530 (เดือนนี้มี 28 วัน): ""31/02/2530""","there is no day 31 in February 1987 (that month has 28 days): ""31/02/2530""","1234545678789,,ผิด,31/02/2530,7503070,x,12"<CR>
> 3,phone,bad_value,หมายเลขโทรศัพท์ต้องมี 9 หรือ 10 หลักและขึ้นต้นด้วย 0 (พบ 2 หลัก),a phone number has 9 or 10 digits starting with 0 (found 2),"1234545678789,,ผิด,31/02/2530,7503070,x,12"<CR>
$ grep -c $',"1100000000024,มาลี,,2099-01-01,75030702,หญิง,"\r$' persons.rejects.csv
> 2

# row by row (the register holds a person now): the same lines
$ s40 --lang en import persons persons.csv --partial --today 2020-01-15 --rejects again.csv
> import of persons from persons.csv
> rows 3, good 1, bad 2, changed 0, unchanged 1
> nothing was written
> the bad rows are in again.csv
$ cmp again.csv persons.rejects.csv

# without --partial the summary names the first fault; nothing is written
$ dbdump > before.sql
$ printf 'id,option,date,channel\n1100000000016,4,32/13/2562,ไปรษณีย์\n' > enrol.csv
$ s40 --lang en import enrolments enrol.csv --today 2020-01-15
? 6
> import of enrolments from enrol.csv
> rows 1, good 0, bad 1, changed 0, unchanged 0
> nothing was written
> the bad rows are in enrol.rejects.csv
! s40: rejected (55): 1 bad row, so nothing was written; the first, on line 2: option '4' is not 1, 2 or 3 [field option] [line 2]
$ sed 's/^\xEF\xBB\xBF/<BOM>/' enrol.rejects.csv | cut -d, -f1-3
> <BOM>line,column,code
> 2,option,bad_option
> 2,date,impossible_date
> 2,channel,bad_value
$ printf 'id,receipt,paid_date,from_month,amount,channel\n110000000001,,2020-01-05,2019-13,สิบ,นกพิราบ\n' > pay.csv
$ s40 --lang en import payments pay.csv --today 2020-01-15 > /dev/null
? 6
! s40: rejected (55): 1 bad row, so nothing was written; the first, on line 2: a national ID has 13 digits; 12 found [field id] [line 2]
$ sed 's/^\xEF\xBB\xBF/<BOM>/' pay.rejects.csv | cut -d, -f1-3
> <BOM>line,column,code
> 2,id,bad_id
> 2,receipt,missing
> 2,from_month,impossible_date
> 2,amount,bad_value
> 2,channel,bad_value
$ dbdump | cmp - before.sql
