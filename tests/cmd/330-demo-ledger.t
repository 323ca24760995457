# The demo's payment history: every member pays, stops or pays ahead; the 17,093 members of
# 31 October 2019 stay; the same seed gives the same payments; the reports run on it.
name: the demo holds a payment history and the contribution reports run on it

$ s40 --db test.db demo --today 2020-01-15 > /dev/null
$ s40 report asof --date 2019-10-31 --area 75 --format csv | tail -1
> 75,รวมจังหวัดสมุทรสงคราม,Total Samut Songkhram,17093
# payments from October 2016, some paid ahead into 2020 (at most 12 months after December 2019)
$ sqlite3 "$DB" "SELECT min(month) = 561, max(month) BETWEEN 600 AND 611, count(DISTINCT person) > 15000 FROM ledger"
> 1|1|1
# every ledger month lies in a spell of its person
$ sqlite3 "$DB" "SELECT count(*) FROM ledger l JOIN spell s ON s.spell_id = l.spell_id WHERE s.person <> l.person"
> 0
# members who stopped paying are on the follow-up list, worst first
$ s40 report lapsed --date 2019-10-31 --area 75 --format csv | awk -F, 'NR > 1 { print $5 }' | sort -u
> arrears
> lapsed
$ s40 report lapsed --date 2019-10-31 --area 75 --format csv | awk -F, 'NR > 1 { if ($6 > prev && NR > 2) bad = 1; prev = $6 } END { print bad ? "unsorted" : "sorted" }'
> sorted
$ s40 report contributions --from 2019-10 --to 2019-10 --area 75 --format csv | tail -1
>~ ^2019-10,75,รวมจังหวัดสมุทรสงคราม,Total Samut Songkhram,[0-9]+\.[0-9]{2},[0-9]+\.[0-9]{2},[0-9.]+,1[0-9]{4}$
$ s40 benefit check 1750100787896 --case child --date 2019-11-08 --children 2 --format csv | tail -1
>~ ^result,
# the same seed gives the same payments
$ s40 --db again.db demo --today 2021-06-01 > /dev/null
$ for t in payment ledger; do sqlite3 "$DB" "SELECT * FROM $t" | md5sum; done > one.sum
$ for t in payment ledger; do sqlite3 again.db "SELECT * FROM $t" | md5sum; done | cmp - one.sum
