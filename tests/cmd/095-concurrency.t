# Several processes writing one database at once, on either engine: the writers take turns
# (SQLite's write lock, PostgreSQL's advisory lock: docs/DECISIONS.md), every acknowledged
# write is there, nothing is written twice, and the journal stays one unbroken chain.
name: 16 processes enrol at once, two enrol one person, an import runs while enrolments arrive

$ s40 init > /dev/null
$ for id in 3100600401000 3100600401018 3100600401026 3100600401034 3100600401042 3100600401051 3100600401069 3100600401077 3100600401085 3100600401093 3100600401107 3100600401115 3100600401123 3100600401131 3100600401140 3100600401158  3100600401166; do s40 person add $id --first คน --last พร้อมกัน --birth 1985-01-01 --thai yes --village 75030702 > /dev/null || exit 1; done

# 16 different people at once: every one succeeds, each once
$ for id in 3100600401000 3100600401018 3100600401026 3100600401034 3100600401042 3100600401051 3100600401069 3100600401077 3100600401085 3100600401093 3100600401107 3100600401115 3100600401123 3100600401131 3100600401140 3100600401158 ; do s40 enrol $id --option 1 --date 2019-10-01 --today 2020-01-01 > /dev/null 2> err.$id & echo $! > pid.$id; done; fails=0; for id in 3100600401000 3100600401018 3100600401026 3100600401034 3100600401042 3100600401051 3100600401069 3100600401077 3100600401085 3100600401093 3100600401107 3100600401115 3100600401123 3100600401131 3100600401140 3100600401158 ; do wait $(cat pid.$id) || { fails=$((fails + 1)); cat err.$id; }; done; echo "failed $fails"
> failed 0
$ s40 report asof --date 2019-12-31 --area 750307 --format csv | grep -E '^75030702,'
> 75030702,หมู่ 2,Moo 2,16
$ s40 journal verify --lang en
> journal intact, 34 entries; the data (91,116 rows in 17 tables) is as s40 wrote it

# one person, two processes at once: exactly one succeeds, the other is refused by the
# Section 40 rule (already a member), not by a failure of the system
$ for i in 1 2; do s40 enrol 3100600401166 --option 2 --date 2019-11-01 --today 2020-01-01 > out.$i 2> err.$i & echo $! > pid.$i; done; for i in 1 2; do wait $(cat pid.$i); echo $? >> rcs; done; sort rcs | tr '\n' ' '; echo
> 0 4 
$ cat err.1 err.2
!-
>~ ^s40: already_member \(31\): 3-1006-00401-16-6 เป็นผู้ประกันตนมาตรา 40 อยู่แล้ว
$ s40 person show 3100600401166 --format json | grep -o '"option":2' | sort -u
> "option":2
$ s40 report asof --date 2019-12-31 --area 750307 --format csv | grep -E '^75030702,'
> 75030702,หมู่ 2,Moo 2,17

# an import of 3,000 persons while 8 enrolments arrive: all of them land, none twice
$ s40 leave 3100600401000 3100600401018 3100600401026 3100600401034 3100600401042 3100600401051 3100600401069 3100600401077 3100600401085 3100600401093 3100600401107 3100600401115 3100600401123 3100600401131 3100600401140 3100600401158  --date 2019-12-01 --reason resigned --today 2020-01-01 > /dev/null 2>&1 || true
$ s40 import persons "$TESTDATA/import/persons-3000.csv" > import.out 2> import.err & echo $! > pid.import; for id in 3100600401000 3100600401018 3100600401026 3100600401034 3100600401042 3100600401051 3100600401069 3100600401077; do s40 option $id --option 3 --date 2019-12-15 --today 2020-01-01 > /dev/null 2> err.opt.$id & echo $! > pid.opt.$id; done; fails=0; for id in 3100600401000 3100600401018 3100600401026 3100600401034 3100600401042 3100600401051 3100600401069 3100600401077; do wait $(cat pid.opt.$id) || { fails=$((fails + 1)); cat err.opt.$id; }; done; wait $(cat pid.import) || { fails=$((fails + 1)); cat import.err; }; echo "failed $fails"
> failed 0
$ grep -c . import.out
> 3
$ s40 person find ชื่อ2999 --format csv | cut -d, -f1
> id
> 1507503029998
$ s40 journal verify --lang en
> journal intact, 44 entries; the data (94,125 rows in 17 tables) is as s40 wrote it
