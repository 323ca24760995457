# The README's short tour runs as written, line by line, on a fresh database: the files it
# imports it makes itself, and the lines that need the demo say so and build it.
name: the README's tour runs as written on a fresh database

$ sed -n '/^## ทดลองใช้ \/ A short tour/,/^### /p' "$TESTDATA/../../../README.md" | sed -n '/^```sh$/,/^```$/p' | sed '1d;$d' > tour.sh
$ grep -c '^s40 ' tour.sh | awk '{ print ($1 > 15) ? "many commands" : "too few: " $1 }'
> many commands
$ bash -e -o pipefail tour.sh > tour.out 2> tour.err; echo "exit $?"; cat tour.err
> exit 0
# what it shows: the member, the import, the journal, the demo's fully covered village
$ grep -c 'สมชาย' tour.out | awk '{ print ($1 > 0) }'
> 1
$ grep -E '^(rows|แถวทั้งหมด)' tour.out | head -1
> แถวทั้งหมด 1 ถูกต้อง 1 ไม่ถูกต้อง 0 เปลี่ยนแปลง 1 ไม่เปลี่ยนแปลง 0 / rows 1, good 1, bad 0, changed 1, unchanged 0
$ grep -c '^บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน' tour.out
> 1
$ test -s villages.xlsx && test -s office-copy.db && echo files
> files
$ for f in receipt-CS-0001.pdf follow-up.pdf sso-1-40.pdf; do pdfinfo "$f" | grep -c '(A4)'; done
> 1
> 1
> 1
