# "Today" is the day in Thailand (Asia/Bangkok, UTC+7 all year), whatever the machine's time
# zone: a machine twelve hours behind UTC, one fourteen ahead, and one on UTC all say the
# day Bangkok's clock says. (Between them the first two differ from Bangkok's day at every
# hour, so a program that took the machine's day would fail here at any time.)
name: today is the day in Bangkok whatever the machine's time zone

$ s40 init > /dev/null
$ TZ=Asia/Bangkok date '+%-d %B %Y' > want
$ for tz in '<-12>12' '<+14>-14' UTC0; do TZ=$tz s40 --lang en report asof --area 75 --format json | grep -o '"subtitle_en":"[^"]*"'; done | sort -u > got; wc -l < got; grep -c -F "$(cat want)" got
> 1
> 1
# the journal's times are Bangkok's too: the entry init wrote, read on a UTC machine
$ TZ=UTC0 s40 journal show areas --format csv | awk -F, 'NR == 2 { print substr($2, 1, 10) }' > got
$ TZ=Asia/Bangkok date +%F | cmp - got
