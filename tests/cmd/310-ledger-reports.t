# s40 import payments with a column map and reject file (all or nothing, twice changes
# nothing), s40 report lapsed (worst first, the recruiter's name and phone) and
# s40 report contributions (per area per month, member and government shares).
name: import payments, the lapsed list and the contributions report

$ s40 init > /dev/null
$ s40 person add 1100000000016 --first หนึ่ง --last อาสา --birth 1980-01-01 --thai yes --village 75030702 --phone 0811111111 > /dev/null
$ s40 person add 1100000000024 --first สอง --last ขาดส่ง --birth 1980-01-01 --thai yes --village 75030702 --phone 0822222222 > /dev/null
$ s40 person add 1100000000032 --first สาม --last จ่ายล่วงหน้า --birth 1980-01-01 --thai yes --village 75030505 > /dev/null
$ s40 enrol 1100000000016 --option 1 --date 2018-12-01 --today 2019-01-01 > /dev/null
$ s40 enrol 1100000000024 --option 1 --date 2018-12-01 --by 1100000000016 --today 2019-01-01 > /dev/null
$ s40 enrol 1100000000032 --option 2 --date 2018-12-01 --today 2019-01-01 > /dev/null

# a counter service's file with Thai headers
$ s40 import payments "$TESTDATA/ledger/counter.csv" --rejects r.csv --today 2019-04-01
>~ ^นำเข้า payments จาก .*counter.csv / import of payments from .*counter.csv$
>~ ^แถวทั้งหมด 3 ถูกต้อง 3 ไม่ถูกต้อง 0 เปลี่ยนแปลง 3 ไม่เปลี่ยนแปลง 0 / rows 3, good 3, bad 0, changed 3, unchanged 0$
>~ ^บันทึกแล้ว
$ dbdump > before.sql
$ s40 import payments "$TESTDATA/ledger/counter.csv" --rejects r.csv --today 2019-04-01 --format csv
>~ ^kind,file,rows,good,bad,changed,unchanged,committed,journal_seq,rejects,encoding,sheet$
>~ ^payments,.*counter.csv,3,3,0,0,3,0,0,
$ dbdump | cmp - before.sql
# a bank's file with its own headers: one good row, two bad, nothing written
$ s40 import payments "$TESTDATA/ledger/bad.csv" --map "id=ID,receipt=REF,paid_date=PAID,from_month=MONTH,amount=BAHT" --rejects rej.csv --today 2019-04-10 > /dev/null
? 6
!~ ^s40: rejected \(55\): 2 แถวไม่ถูกต้อง .* \[field months\] \[line 3\]$
$ dbdump | cmp - before.sql
$ sed 's/^\xEF\xBB\xBF/<BOM>/' rej.csv | cut -d, -f1-3
> <BOM>line,column,code
> 3,months,pay_past
> 4,BAHT,pay_amount
$ grep -c '70.00 baht is due for 2019-04 to 2019-04' rej.csv
> 1

# on 10 August 2019: one paid to March, one to January, one to June (option 2)
$ s40 pay 1100000000016 --months 2019-04 --amount 70 --date 2019-04-05 --receipt OF-1 --today 2019-08-10 > /dev/null
$ s40 report lapsed --date 2019-08-10 --area 7503 --format csv
> id,name,village,village_name,status,unpaid_months,last_paid,phone,recruiter_name,recruiter_phone,first_name,last_name,assignee,assignee_name,last_call,last_call_date
> 1-xxxx-xxxxx-02-4,สอง ขาดส่ง,75030702,หมู่ 2,lapsed,6,2019-01,0822222222,หนึ่ง อาสา,0811111111,สอง,ขาดส่ง,,,,
> 1-xxxx-xxxxx-01-6,หนึ่ง อาสา,75030702,หมู่ 2,arrears,3,2019-04,0811111111,,,หนึ่ง,อาสา,,,,
> 1-xxxx-xxxxx-03-2,สาม จ่ายล่วงหน้า,75030505,หมู่ 5,arrears,1,2019-06,,,,สาม,จ่ายล่วงหน้า,,,,
# the sheet's name is the title cut at Excel's 31 characters between two letters: the last
# ง keeps its sara i or goes with it (not "…ค้างชำระเง")
$ s40 report lapsed --date 2019-08-10 --area 7503 --format xlsx --output l.xlsx && unzip -p l.xlsx xl/workbook.xml | grep -o '<sheet name="[^"]*"'
> <sheet name="รายชื่อผู้ประกันตนที่ค้างชำระเ"
$ s40 report lapsed --date 2019-08-10 --area 750305 --lapse 1 --format json | grep -o '"status":"[a-z]*"'
> "status":"lapsed"
$ s40 report lapsed --date 2019-08-10 --area 99
? 3
! s40: unknown_area (17): ไม่พบพื้นที่รหัส 99 / there is no area with code 99 [field area]
$ s40 report contributions --from 2019-01 --to 2019-02 --area 7503 --format csv | grep -E '^2019-0[12],(750305|750307|7503),'
> 2019-01,750305,เหมืองใหม่,Mueang Mai,100.00,50.00,0.00,1
> 2019-01,750307,แควอ้อม,Khwae Om,140.00,60.00,0.00,2
> 2019-01,7503,รวมอำเภออัมพวา,Total Amphawa,240.00,110.00,0.00,3
> 2019-02,750305,เหมืองใหม่,Mueang Mai,100.00,50.00,0.00,1
> 2019-02,750307,แควอ้อม,Khwae Om,70.00,30.00,0.00,1
> 2019-02,7503,รวมอำเภออัมพวา,Total Amphawa,170.00,80.00,0.00,2
$ s40 report contributions --from 2019-03 --to 2019-01 --area 7503
? 3
# the report reads the ledger's sums by village and month (migration 0013), kept by the
# ledger's triggers through the imports and payments above: the same as the ledger's rows
# added up, both ways
$ dbsql "SELECT count(*) FROM (SELECT province, month, village, member, government, extra, paying FROM ledger_sum WHERE paying > 0 EXCEPT SELECT province, month, village, sum(member), sum(government), sum(extra), count(*) FROM ledger GROUP BY province, month, village) d"
> 0
$ dbsql "SELECT count(*) FROM (SELECT province, month, village, sum(member), sum(government), sum(extra), count(*) FROM ledger GROUP BY province, month, village EXCEPT SELECT province, month, village, member, government, extra, paying FROM ledger_sum) d"
> 0
$ dbsql "SELECT CASE WHEN count(*) > 0 THEN 1 ELSE 0 END FROM ledger_sum"
> 1
