# Anchors of the journal kept outside the database (docs/SECURITY.md): the head's number and
# hash signed with an Ed25519 key the database never holds. The chain alone cannot tell a
# journal cut short, or rewritten with every hash recomputed (tests/cmd/data/rechain.py
# plays the forger), from an honest one; an anchor taken before can.
name: s40 journal anchor and verify --anchor find a journal cut short or rewritten
$ s40 init > /dev/null
$ s40 person add 1100000000016 --first หนึ่ง --last ดี --birth 1980-01-01 --village 75010201 --thai yes > /dev/null
$ s40 journal keygen secret.key public.key > /dev/null
$ stat -c %a secret.key
> 600
$ s40 journal anchor --key secret.key --out first.anchor
> เขียนหลักยึดของรายการที่ 2 ลงใน first.anchor แล้ว / wrote the anchor of entry 2 to first.anchor
$ s40 person add 1100000000024 --first สอง --last ดี --birth 1980-01-01 --village 75010201 --thai yes > /dev/null
$ s40 person add 1100000000032 --first สาม --last ดี --birth 1980-01-01 --village 75010201 --thai yes > /dev/null
$ s40 journal anchor --key secret.key > last.anchor
$ head -2 last.anchor
> s40-anchor 1
> seq 4
# the journal extends both
$ s40 journal verify --anchor first.anchor --anchor last.anchor --public-key public.key
> บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน 4 รายการ และต่อจากหลักยึดทั้ง 2 (ล่าสุดที่รายการ 4) ข้อมูล 91,086 แถวใน 17 ตารางตรงกับที่ s40 บันทึก / journal intact, 4 entries, extending all 2 anchors (the latest at entry 4); the data (91,086 rows in 17 tables) is as s40 wrote it
# another key, or an anchor edited, is not believed
$ s40 journal keygen other.key other.pub > /dev/null
$ s40 journal verify --anchor last.anchor --public-key other.pub
? 3
! s40: bad_value (18): last.anchor: หลักยึดไม่ถูกต้อง: ลายเซ็นไม่ตรงกับกุญแจสาธารณะ / last.anchor: the anchor is not valid: the signature does not match the public key [field anchor]
$ sed 's/^seq 4$/seq 3/' last.anchor > edited.anchor
$ s40 journal verify --anchor edited.anchor --public-key public.key
? 3
! s40: bad_value (18): edited.anchor: หลักยึดไม่ถูกต้อง: ลายเซ็นไม่ตรงกับกุญแจสาธารณะ / edited.anchor: the anchor is not valid: the signature does not match the public key [field anchor]
$ s40 journal verify --anchor last.anchor
? 2
# cut short: the last entry removed (past the guard, as a forger would); the chain of what is
# left is intact, the later anchor is not
$ if [ -n "${S40_TEST_PG:-}" ]; then on=' ON journal'; else on=; fi; dbsql "DROP TRIGGER journal_no_delete$on; DROP TRIGGER journal_no_update$on; DELETE FROM person WHERE id = 1100000000032; DELETE FROM journal WHERE seq = 4"
$ s40 journal verify --chain-only
> บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน 3 รายการ / journal intact, 3 entries
# (the person row removed behind s40's back shows against the data's digest: 063-journal-data.t)
$ s40 journal verify
? 1
! s40: journal (73): ข้อมูลไม่ตรงกับที่ s40 บันทึกไว้ในตาราง person (ฐานข้อมูลถูกแก้ไขโดยไม่ผ่าน s40) / the rows of person differ from what s40 wrote (the database was changed other than through s40)
$ s40 journal verify --anchor last.anchor --public-key public.key
? 1
! s40: journal (73): last.anchor: บันทึกการเปลี่ยนแปลงไม่มีรายการที่ 4 ของหลักยึด (รายการท้ายถูกตัดออก) / last.anchor: the journal has no entry 4, which the anchor holds (its last entries were cut off) [field anchor]
# rewritten: entry 2 given to someone else and every hash recomputed; the chain holds, the
# earlier anchor does not
$ dbsql "UPDATE journal SET \"user\" = 'mallory' WHERE seq = 2"
$ dbsql "SELECT seq, at, \"user\", op, entity, detail FROM journal ORDER BY seq" | python3 "$TESTDATA"/rechain.py "$([ -n "${S40_TEST_PG:-}" ] && echo pg || echo sqlite)" | dbsql
$ s40 journal verify --chain-only
> บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน 3 รายการ / journal intact, 3 entries
$ s40 journal verify --anchor first.anchor --public-key public.key
? 1
! s40: journal (73): first.anchor: รายการที่ 2 ไม่ตรงกับหลักยึด (บันทึกการเปลี่ยนแปลงถูกเขียนใหม่) / first.anchor: entry 2 differs from the anchor (the journal was rewritten) [field anchor]
