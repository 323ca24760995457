# English counts in the singular when there is one: "1 entry", "1 bad row", "1 Section 40
# member", "its anchor" (Thai counts take no plural and do not change).
name: English says one entry, one row, one member

$ s40 init > /dev/null
$ s40 --lang en journal verify
> journal intact, 1 entry; the data (91,083 rows in 17 tables) is as s40 wrote it
$ s40 person add 1100000000016 --first หนึ่ง --last ทดสอบ --birth 1990-01-01 --thai yes --village 75030702 > /dev/null
$ s40 enrol 1100000000016 --option 1 --date 2019-10-01 --today 2020-01-01 > /dev/null
$ s40 --lang en report statement --area 7503 --date 2019-10-31
> On 31 October 2019, Amphawa, Samut Songkhram had 1 Section 40 member. No village was fully covered yet.
$ printf 'id,first_name,last_name,birth_date,village\n1100000000024,สอง,ทดสอบ,1990-13-01,75030702\n' > bad.csv
$ s40 import persons bad.csv > /dev/null
? 6
!~ ^s40: rejected \(55\): 1 แถวไม่ถูกต้อง จึงไม่ได้บันทึกข้อมูลใด .* / 1 bad row, so nothing was written; the first, on line 2:
$ s40 journal keygen secret.key public.key > /dev/null && s40 journal anchor --key secret.key --out a1 > /dev/null
$ s40 --lang en journal verify --public-key public.key a1
> journal intact, 3 entries, extending its anchor (the latest at entry 3); the data (91,085 rows in 17 tables) is as s40 wrote it

name: no message is cut: an import's first bad row in full, a Thai header named whole
$ s40 init > /dev/null
$ printf 'เลขประจำตัวประชาชน,first_name,last_name,birth_date,village\n1100000000017,สอง,ทดสอบ,1990-01-01,75030702\n' > b.csv
$ s40 import persons b.csv > /dev/null
? 6
! s40: rejected (55): 1 แถวไม่ถูกต้อง จึงไม่ได้บันทึกข้อมูลใด แถวแรกที่บรรทัด 2: เลขประจำตัวประชาชนไม่ถูกต้อง: หลักสุดท้ายควรเป็น 6 แต่เป็น 7 (ตรวจว่าพิมพ์ตัวเลขถูกทุกหลัก) / 1 bad row, so nothing was written; the first, on line 2: the national ID is wrong: the check digit should be 6, not 7 (check every digit was typed right) [field เลขประจำตัวประชาชน] [line 2]
