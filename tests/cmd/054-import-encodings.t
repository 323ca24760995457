# s40 import reads files as offices save them: the same persons file saved as Windows-874
# (Excel's CSV on Thai Windows) and as UTF-16LE (Excel's Unicode text) gives the persons the
# UTF-8 file gives; the summary names the encoding; lines and rejects are the file's; a file
# in neither UTF-8 nor Windows-874 is refused whole and the database is as it was.
name: import files in Windows-874 and UTF-16 as from UTF-8; refuse an undecidable one

$ cp "$TESTDATA"/encodings/*.csv .
$ iconv -f UTF-8 -t CP874 persons.csv > persons-874.csv
$ iconv -f UTF-8 -t UTF-16LE persons.csv | { printf '\xff\xfe'; cat; } > persons-16.csv
$ iconv -f UTF-8 -t CP874 enrolments.csv > enrolments-874.csv
$ iconv -f UTF-8 -t CP874 persons-bad.csv > persons-bad-874.csv
# the copies are not UTF-8 (iconv -f UTF-8 refuses them)
$ ! iconv -f UTF-8 -t UTF-8 persons-874.csv > /dev/null 2>&1
$ ! iconv -f UTF-8 -t UTF-8 persons-16.csv > /dev/null 2>&1

# what the UTF-8 file gives, in a database of its own
$ s40 --db ref.db init > /dev/null
$ s40 --db ref.db import persons persons.csv --format csv
> kind,file,rows,good,bad,changed,unchanged,committed,journal_seq,rejects,encoding,sheet
> persons,persons.csv,3,3,0,3,0,1,2,,utf-8,
$ for id in 1100000000016 1100000000024 1112034563562; do s40 --db ref.db person show $id --format csv; done > ref.txt

# Windows-874: the same persons, and the summary says how the file was read
$ s40 init > /dev/null
$ s40 import persons persons-874.csv
!-
> นำเข้า persons จาก persons-874.csv / import of persons from persons-874.csv
> อ่านไฟล์เป็น Windows-874 (TIS-620) แปลงเป็น UTF-8 แล้ว / read as Windows-874 (TIS-620), converted to UTF-8
> แถวทั้งหมด 3 ถูกต้อง 3 ไม่ถูกต้อง 0 เปลี่ยนแปลง 3 ไม่เปลี่ยนแปลง 0 / rows 3, good 3, bad 0, changed 3, unchanged 0
> บันทึกแล้ว (บันทึกการเปลี่ยนแปลงลำดับที่ 2) / committed (journal entry 2)
$ for id in 1100000000016 1100000000024 1112034563562; do s40 person show $id --format csv; done | cmp - ref.txt
$ s40 person show 1100000000016 --format csv
> id,title,first_th,last_th,first_en,last_en,birth_date,sex,thai,village,phone,address
> 1100000000016,นาย,สมชาย,ใจดี,,,1980-05-01,M,true,75030702,,"12/3 หมู่ 2, ถนนเอกชัย"
# the journal keeps the SHA-256 of the file's own bytes
$ dbsql "SELECT detail FROM journal WHERE seq = 2" | grep -c "\"sha256\":\"$(sha256sum persons-874.csv | cut -c1-64)\""
> 1

# UTF-16LE with its BOM: the same persons again, so nothing changes
$ dbdump > before.sql
$ s40 import persons persons-16.csv --format json
> {"kind":"persons","file":"persons-16.csv","rows":3,"good":3,"bad":0,"changed":0,"unchanged":3,"committed":false,"journal_seq":0,"rejects":null,"encoding":"utf-16le","rejects_removed":null,"sheet":null}
$ dbdump | cmp - before.sql
# and into a database of its own, the same persons as from UTF-8
$ s40 --db u16.db init > /dev/null
$ s40 --db u16.db --lang en import persons persons-16.csv
> import of persons from persons-16.csv
> read as UTF-16LE, converted to UTF-8
> rows 3, good 3, bad 0, changed 3, unchanged 0
> committed (journal entry 2)
$ for id in 1100000000016 1100000000024 1112034563562; do s40 --db u16.db person show $id --format csv; done | cmp - ref.txt

# an enrolments file with Thai headers and values in Windows-874 (read row by row)
$ s40 import enrolments enrolments-874.csv --today 2020-01-15 --format csv
> kind,file,rows,good,bad,changed,unchanged,committed,journal_seq,rejects,encoding,sheet
> enrolments,enrolments-874.csv,1,1,0,1,0,1,3,,windows-874,
$ s40 person show 1100000000016 --today 2020-01-15 | sed -n '/^สถานะ/p'
> สถานะ                 เป็นผู้ประกันตนมาตรา 40 ทางเลือกที่ 1 (ณ วันที่ 15 มกราคม 2563)

# line numbers and rejects are the file's: a quoted line break, then a bad ID on line 4;
# the reject file is UTF-8
$ s40 --lang en import persons persons-bad-874.csv --partial --rejects rej.csv
> import of persons from persons-bad-874.csv
> read as Windows-874 (TIS-620), converted to UTF-8
> rows 2, good 1, bad 1, changed 1, unchanged 0
> committed (journal entry 4)
> the bad rows are in rej.csv
$ sed 's/^\xEF\xBB\xBF/<BOM>/' rej.csv | cut -d, -f1-3
> <BOM>line,column,code
> 4,id,id_check
$ grep -c '1234545678789,สอง,ผิด' rej.csv
> 1

# neither UTF-8 nor Windows-874 (0xFC is in neither): refused whole, nothing written
$ dbdump > before.sql
$ { head -2 persons-874.csv; printf '1100000000041,\xfc\xa1,x,1990-01-01,,,,75030702,\n'; tail -1 persons-874.csv; } > undecidable.csv
$ s40 import persons undecidable.csv
? 6
>-
! s40: csv_encoding (56): ไฟล์ไม่ใช่ทั้ง UTF-8 และ Windows-874 (น่าจะเป็น Windows-874 แต่ไบต์ 0xFC ที่บรรทัด 3 ไม่ใช่ Windows-874) ให้บันทึกเป็น CSV UTF-8 แล้วนำเข้าใหม่ / the file is neither UTF-8 nor Windows-874 (most likely Windows-874, but byte 0xFC on line 3 is not Windows-874): save it as CSV UTF-8 and import it again [line 3]
$ dbdump | cmp - before.sql
# two encodings in one file: Windows-874 rows, then a UTF-8 one
$ { cat persons-874.csv; tail -1 persons.csv | sed 's/^1112034563562/1100000000041/'; } > mixed.csv
$ s40 --lang en import persons mixed.csv --partial
? 6
!~ ^s40: csv_encoding \(56\): the file is neither UTF-8 nor Windows-874 \(most likely Windows-874, but byte 0x[0-9A-F]{2} on line 5 is not Windows-874\)
$ dbdump | cmp - before.sql

# --encoding names it: UTF-8 forced on a Windows-874 file refuses it as before (its
# header is not UTF-8)
$ s40 --lang en import persons persons-874.csv --encoding utf-8 --format csv
? 6
> kind,file,rows,good,bad,changed,unchanged,committed,journal_seq,rejects,encoding,sheet
> persons,persons-874.csv,0,0,0,0,0,0,0,persons-874.rejects.csv,utf-8,
! s40: csv_utf8 (52): line 1, column 1: byte 0xE0 is not UTF-8 [field column 1] [line 1]
$ s40 import persons persons-16.csv --encoding utf-16 --format csv | tail -1
> persons,persons-16.csv,3,3,0,0,3,0,0,,utf-16le,
$ s40 import persons persons.csv --encoding latin1
? 2
! s40: usage (4): การเข้ารหัสต้องเป็น auto, utf-8, utf-16, utf-16le, utf-16be หรือ windows-874: latin1 (ดู s40 help import) / the encoding is auto, utf-8, utf-16, utf-16le, utf-16be or windows-874: latin1 (see s40 help import)
$ dbdump | cmp - before.sql
