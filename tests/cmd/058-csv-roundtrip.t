# What s40 writes as CSV, s40 import reads back: a person's record written for Excel (a BOM,
# CRLF, the labels in Thai or in English as the header, the ID with its dashes, as Excel
# keeps it text) or plain for scripts, imported into another register, gives the same person.
name: person show as CSV, Excel's or plain, in Thai or English, imports back as the same person
$ s40 init > /dev/null
$ s40 person add 1112034563562 --title นาย --first สมชาย --last ใจดี --first-en Somchai --last-en Jaidee --birth 1/1/2533 --sex M --thai yes --village 75030702 --phone 0812345678 --address '12/3 ถนน "เพชรเกษม", ตำบลแควอ้อม' > /dev/null
$ s40 person add 3100600445635 --first มาลี --last สุขใจ --birth "5 พ.ค. 2530" --sex หญิง --village 75030505 > /dev/null
$ s40 person add 1234545678781 --title นาง --first ขวัญใจ --last มีสุข --first-en Khwanjai --last-en Meesuk --birth 2530-12-01 --sex F --thai no --village 75030702 > /dev/null

# the Excel file: a BOM, CRLF, the Thai labels, the ID dashed
$ s40 person show 1112034563562 --format csv --output th.csv && sed 's/^\xEF\xBB\xBF/<BOM>/; s/\r$/<CR>/' th.csv
> <BOM>เลขประจำตัวประชาชน,คำนำหน้า,ชื่อ,นามสกุล,ชื่อภาษาอังกฤษ,นามสกุลภาษาอังกฤษ,วันเกิด,เพศ,สัญชาติไทย,รหัสหมู่บ้าน,โทรศัพท์,ที่อยู่<CR>
> 1-1120-34563-56-2,นาย,สมชาย,ใจดี,Somchai,Jaidee,1990-01-01,M,true,75030702,0812345678,"12/3 ถนน ""เพชรเกษม"", ตำบลแควอ้อม"<CR>
$ s40 --lang en person show 3100600445635 --format csv --output en.csv && sed 's/^\xEF\xBB\xBF/<BOM>/; s/\r$/<CR>/' en.csv
> <BOM>national ID,title,first name,last name,first name (English),last name (English),birth date,sex,Thai,village,phone,address<CR>
> 3-1006-00445-63-5,,มาลี,สุขใจ,,,1987-05-05,F,,75030505,,<CR>
# the plain file, for scripts: keys, 13 digits, LF
$ s40 person show 1234545678781 --format csv > plain.csv && cat plain.csv
> id,title,first_th,last_th,first_en,last_en,birth_date,sex,thai,village,phone,address
> 1234545678781,นาง,ขวัญใจ,มีสุข,Khwanjai,Meesuk,1987-12-01,F,false,75030702,,

# each into another register: the same three persons, field for field
$ s40 --db other.db init > /dev/null
$ for f in th.csv en.csv plain.csv; do s40 --db other.db --format json import persons $f | grep -o '"rows":[0-9]*,"good":[0-9]*,"bad":[0-9]*'; done
> "rows":1,"good":1,"bad":0
> "rows":1,"good":1,"bad":0
> "rows":1,"good":1,"bad":0
$ for id in 1112034563562 3100600445635 1234545678781; do s40 person show $id --format csv --csv plain | cmp - <(s40 --db other.db person show $id --format csv --csv plain) || echo "$id differs"; done
>-
$ s40 --db other.db person show 1-1120-34563-56-2 --format json | grep -o '"address":"[^"]*\(\\"[^"]*\)*"'
> "address":"12/3 ถนน \"เพชรเกษม\", ตำบลแควอ้อม"
# imported again: nothing changes
$ s40 --db other.db --format json import persons th.csv | grep -o '"changed":[0-9]*,"unchanged":[0-9]*'
> "changed":0,"unchanged":1
