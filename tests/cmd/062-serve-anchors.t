# s40 serve --anchor-dir DIR --anchor-key FILE writes an anchor of the journal's head when it
# starts and every --anchor-every minutes (60 by default) when the journal has grown
# (tests/cmd/data/anchors/serve.sh); s40 journal verify --anchor checks them.
name: s40 serve writes signed anchors of the journal into a folder
$ s40 init > /dev/null
$ s40 journal keygen secret.key public.key > /dev/null
$ bash "$TESTDATA"/anchors/serve.sh
> anchors: 1, temporary files: 0
$ s40 person add 1100000000016 --first หนึ่ง --last ดี --birth 1980-01-01 --village 75010201 --thai yes > /dev/null
$ bash "$TESTDATA"/anchors/serve.sh
> anchors: 2, temporary files: 0
$ s40 journal verify --public-key public.key anchors/*.txt
> บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน 2 รายการ และต่อจากหลักยึดทั้ง 2 (ล่าสุดที่รายการ 2) ข้อมูล 91,084 แถวใน 17 ตารางตรงกับที่ s40 บันทึก / journal intact, 2 entries, extending all 2 anchors (the latest at entry 2); the data (91,084 rows in 17 tables) is as s40 wrote it
$ s40 serve --anchor-dir anchors
? 2
! s40: usage (4): --anchor-dir และ --anchor-key ต้องให้คู่กัน (ดู s40 help serve) / --anchor-dir and --anchor-key go together (see s40 help serve)
$ s40 serve --anchor-dir nowhere --anchor-key secret.key --listen 127.0.0.1:0
? 1
! s40: io (2): เขียนลงโฟลเดอร์ nowhere ไม่ได้ / cannot write into the folder nowhere [field anchor-dir]
