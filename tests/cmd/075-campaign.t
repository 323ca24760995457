# The campaign (issue 5): on the demo, หมู่ 2 ตำบลแควอ้อม is fully covered on 31 Oct 2019 and
# province 75's FY2562 attainment is reported against 2,878; surveys, targets and the
# campaign reports from the command line; refusals write nothing.
name: the demo's fully covered village and FY2562 attainment against 2,878

$ demo_db 1 2020-01-15
$ s40 report villages --date 2019-10-31 --area 750307 --format csv | grep '^75030702,'
>~ ^75030702,หมู่ 2,แควอ้อม,2019-09-[0-9]{2},[0-9]+,[0-9]+,[0-9]+,0,[0-9]+,100\.00,[0-9.]+,true,2019-[0-9]{2}-[0-9]{2},[0-9]+$
$ s40 report tambons --date 2019-10-31 --area 7503 --format csv | grep '^750307,'
>~ ^750307,แควอ้อม,อัมพวา,[0-9]+,[0-9]+,[1-9],true,.*หมู่ 2
$ s40 report attainment --fy 2562 --date 2019-10-31 --area 75 --format csv | tail -1
> 75,รวมจังหวัดสมุทรสงคราม,Total Samut Songkhram,2878,3374,117.23,0
# The coverage report's province total says what the subdistricts' report says: 36
# subdistricts, 10 with a fully covered village, 284 villages surveyed, 10 fully covered
$ s40 report coverage --date 2019-10-31 --area 75 --format csv | tail -1
>~ ^75,รวมจังหวัดสมุทรสงคราม,Total Samut Songkhram,36,10,284,10,[0-9]+,[0-9]+,[0-9]+,[0-9]+,[0-9]+,[0-9]+\.[0-9]{2},[0-9]+$
$ s40 report tambons --date 2019-10-31 --area 75 --format csv | tail -1
> 75,รวม (10 ตำบลมีหมู่บ้านถ้วนหน้า),,284,284,10,,
$ s40 --lang en report coverage --area 75 --level province 2>&1; echo "exit $?"
> s40: bad_value (18): the level must be below area 75 [field level]
> exit 3
# Thai digits in number options, as in files; one range of fiscal years for every command
$ s40 report attainment --fy ๒๕๖๒ --date 2019-10-31 --area 75 --format csv | tail -1
> 75,รวมจังหวัดสมุทรสงคราม,Total Samut Songkhram,2878,3374,117.23,0
$ s40 person find สม --limit ๒ --format csv | wc -l
> 3
$ for c in "report attainment" "report trend --area 75" "target show" "report network"; do s40 --lang en $c --fy 2554 2>&1; echo "exit $?"; done | sort | uniq -c | sed 's/^ *//'
> 4 exit 3
> 4 s40: bad_value (18): must be a whole number from 2555 to 2700: 2554 [field fy]
# the attainment is the spells started in FY2562, by the SQL of the store itself
$ dbsql "SELECT count(*) FROM spell WHERE start_day BETWEEN 17805 AND 18169 AND village / 1000000 = 75 AND (end_day IS NULL OR end_day <> start_day)"
> 3374
$ s40 target show --fy 2562 --date 2019-10-31 --format csv
>~ ^75,สมุทรสงคราม,2878,กำหนดเอง,2878,3374,117.23$
>~ ^7501,เมืองสมุทรสงคราม,[0-9]+,จัดสรรตามสัดส่วนผู้มีสิทธิที่สำรวจ,,[0-9]+,[0-9.]+$
$ dbsql "SELECT count(DISTINCT village) FROM survey"
> 284
$ s40 report trend --fy 2562 --area 75 --date 2019-10-31 --format csv | tail -1
> ก.ย. 2562,2019-09-01,2019-09-30,238,3374,2878,117.23,496
$ s40 journal verify
> บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน 2 รายการ ข้อมูล 829,403 แถวใน 17 ตารางตรงกับที่ s40 บันทึก / journal intact, 2 entries; the data (829,403 rows in 17 tables) is as s40 wrote it

name: an allocation that does not add up is refused and writes nothing
$ dbdump > before.sql
$ s40 target allocate --fy 2562 --area 75 --set 7501=1000 --set 7502=1000 --set 7503=1000
? 4
! s40: alloc_sum (110): เป้าหมายของพื้นที่ย่อยรวมกันได้ 3000 แต่เป้าหมายของพื้นที่ 75 ปีงบประมาณ 2562 คือ 2878 (ต่างกัน +122) / the areas under it would add up to 3000, but the target of area 75 for fiscal year 2562 is 2878 (+122) [field target]
$ dbdump | cmp - before.sql
$ s40 target set --fy 2562 --area 7501 --target 5
? 4
!~ ^s40: target_allocated \(113\)
$ s40 target allocate --fy 2563 --area 75 --by share
? 5
!~ ^s40: no_target \(111\)
$ dbdump | cmp - before.sql
$ s40 target allocate --fy 2562 --area 75 --set 7501=900 --set 7502=1000 --set 7503=978 --format csv
>~ ^7501,เมืองสมุทรสงคราม,900,จัดสรรโดยผู้ใช้,,[0-9]+,[0-9.]+$
$ s40 journal verify
> บันทึกการเปลี่ยนแปลงถูกต้องครบถ้วน 3 รายการ ข้อมูล 829,403 แถวใน 17 ตารางตรงกับที่ s40 บันทึก / journal intact, 3 entries; the data (829,403 rows in 17 tables) is as s40 wrote it

