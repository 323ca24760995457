# s40 import on a terminal keeps one progress line on stderr (the verb, a bar, the percent of
# the file read, the rows; their speed and the time left once a second has passed) and
# erases it before the summary; when stderr is not a terminal it prints none (050-import.t's
# "!-" lines). script(1) gives the command a terminal.
name: the import's progress line on a terminal, in Thai and in English

$ s40 init > /dev/null
$ cp "$TESTDATA"/import/persons.csv .
$ script -qec 's40 import persons persons.csv' /dev/null > th.out
$ tr '\r' '\n' < th.out | grep -a -c '^กำลังนำเข้า ████████████████████ 100% 3 แถว'
> 1
# the line is erased (carriage return, erase to the end of the line) before the summary
$ grep -a -c $'\r\033\\[K' th.out
> 1
$ tr '\r' '\n' < th.out | grep -a '^แถวทั้งหมด'
> แถวทั้งหมด 3 ถูกต้อง 3 ไม่ถูกต้อง 0 เปลี่ยนแปลง 3 ไม่เปลี่ยนแปลง 0 / rows 3, good 3, bad 0, changed 3, unchanged 0
$ script -qec 's40 --lang en import persons persons.csv' /dev/null > en.out
$ tr '\r' '\n' < en.out | grep -a -c '^importing ████████████████████ 100% 3 rows'
> 1
