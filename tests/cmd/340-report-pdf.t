# s40 report … --format pdf: an A4 document laid out with pango in the Sarabun built into
# the program. pdftotext reads the PDF back: the Thai title, the area names and every row's
# figures are those of the terminal table (and so of the CSV); the header row repeats on
# every page with "หน้า N / M" and the day printed in the footer. Page 1 of the lapsed list
# is rendered to test-output/pdf/ (PNG, 60 dpi) to look at. The as-of report's last page is
# its map (345-report-map.t); the table's pages are read here.
name: reports as PDF: A4, Thai text and figures as in the table, pages numbered, Sarabun embedded

$ demo_db 1 2020-01-15
$ s40 report asof --area 75 --date 2019-10-31 --format pdf --output asof.pdf --today 2026-12-06
>-
$ pdfinfo asof.pdf | grep -E '^(Title|Pages|Page size|Page rot):' | tr -s ' '
> Title: ผู้ประกันตนมาตรา 40 ที่เป็นสมาชิกอยู่
> Pages: 2
> Page size: 595.276 x 841.89 pts (A4)
> Page rot: 0
# the font is Sarabun, embedded (a subset), and no other
$ pdffonts asof.pdf | awk 'NR > 2 { sub(/^[A-Z]+\+/, "", $1); print $1, $(NF-4), $(NF-3) }' | sort -u
> Sarabun-Regular yes yes
> Sarabun-SemiBold yes yes
$ pdftotext -raw -nopgbrk -l 1 asof.pdf -
> ผู้ประกันตนมาตรา 40 ที่เป็นสมาชิกอยู่
> จังหวัดสมุทรสงคราม ณ วันที่ 31 ตุลาคม 2562
> รหัส พื้นที่ ชื่อภาษาอังกฤษ ผู้ประกันตน
> 7501 เมืองสมุทรสงคราม Mueang Samut Songkhram 5,358
> 7502 บางคนที Bang Khonthi 5,657
> 7503 อัมพวา Amphawa 6,078
> 75 รวมจังหวัดสมุทรสงคราม Total Samut Songkhram 17,093
> หน้า 1 / 2
> พิมพ์วันที่ 6 ธันวาคม 2569
# the total is the CSV's
$ s40 report asof --area 75 --date 2019-10-31 --format csv | tail -1 | cut -d, -f4
> 17093
$ pdftotext -raw -nopgbrk -l 1 asof.pdf - | grep '^75 ' | awk '{ print $NF }' | tr -d ,
> 17093
# in English
$ s40 --lang en report asof --area 75 --date 2019-10-31 --format pdf --output en.pdf --today 2026-12-06
$ pdftotext -raw -nopgbrk -l 1 en.pdf - | sed -n '1p;3p;$p'
> Active Section 40 members
> code area (Thai) area members
> Printed 6 December 2026
$ pdftotext -raw -nopgbrk -l 1 en.pdf - | grep -c '^Page 1 of 2$'
> 1

# every province: a second page, with the header row again and "หน้า 2 / 3" (the map third)
$ s40 report asof --date 2019-10-31 --format pdf --output all.pdf --today 2026-12-06
$ pdfinfo all.pdf | grep -E '^(Pages|Page size):' | tr -s ' '
> Pages: 3
> Page size: 595.276 x 841.89 pts (A4)
$ pdftotext -raw -nopgbrk -f 2 -l 2 all.pdf - | grep -E '^(รหัส|หน้า|พิมพ์)'
> รหัส พื้นที่ ชื่อภาษาอังกฤษ ผู้ประกันตน
> หน้า 2 / 3
> พิมพ์วันที่ 6 ธันวาคม 2569
$ pdftotext -raw -nopgbrk -f 1 -l 1 all.pdf - | grep -c '^หน้า 1 / 3$'
> 1
# every row of the terminal table is a line of the PDF, and no other row
$ s40 report asof --date 2019-10-31 | tail -n +5 | tr -s ' ' | sed 's/ $//' | sort > table.txt && wc -l < table.txt
> 78
$ pdftotext -raw -nopgbrk -l 2 all.pdf - | grep -E '^([0-9]+|-) ' | sort > pdf.txt && diff table.txt pdf.txt

# the contributions report: money in baht and months in Thai, as in the table
$ s40 report contributions --from 2019-09 --to 2019-10 --area 7503 --format pdf --output contrib.pdf
$ s40 report contributions --from 2019-09 --to 2019-10 --area 7503 | tail -n +5 | tr -s ' ' | sed 's/^ //; s/ $//' > table.txt && head -1 table.txt
> ก.ย. 2562 750301 อัมพวา Amphawa 24,730.00 11,570.00 0.00 249
$ pdftotext -raw -nopgbrk contrib.pdf - | grep -E '^(ก\.ย\.|ต\.ค\.) 2562 ' | diff table.txt -
$ s40 report contributions --from 2019-09 --to 2019-10 --area 7503 --format csv | grep -c '^2019-09,750301,อัมพวา,Amphawa,24730.00,11570.00,0.00,249$'
> 1

# the lapsed list is wide: landscape A4, many pages, each with its header and number
$ s40 report lapsed --date 2020-01-15 --area 7503 --format pdf --output lapsed.pdf --today 2026-12-06
$ pdfinfo lapsed.pdf | grep -E '^Page size:' | tr -s ' '
> Page size: 841.89 x 595.276 pts (A4)
$ n=$(pdfinfo lapsed.pdf | awk '/^Pages:/ { print $2 }'); test "$n" -gt 10 && pdftotext -raw -nopgbrk -f "$n" -l "$n" lapsed.pdf - | grep -c "^หน้า $n / $n\$"
> 1
$ test "$(pdftotext -raw -nopgbrk lapsed.pdf - | grep -c '^ชื่อ-นามสกุล หมู่บ้าน ชื่อหมู่บ้าน สถานะ ')" = "$(pdfinfo lapsed.pdf | awk '/^Pages:/ { print $2 }')"
# the masked IDs, names and statuses in Thai of the table, row for row
$ s40 report lapsed --date 2020-01-15 --area 7503 | tail -n +5 | tr -s ' ' | sed 's/ $//' > table.txt && wc -l < table.txt
> 1202
$ pdftotext -raw -nopgbrk lapsed.pdf - | grep -E '^[0-9]-xxxx-xxxxx-' | diff table.txt -
$ s40 report lapsed --date 2020-01-15 --area 7503 --format csv | sed -n 2p | cut -d, -f1,2,5,6
> 3-xxxx-xxxxx-54-9,นายวีระ แก้วมณี,lapsed,89
$ sed -n 1p table.txt | cut -d' ' -f1-3,7-8
> 3-xxxx-xxxxx-54-9 นายวีระ แก้วมณี ขาดส่ง 89
# page 1 as a picture, kept to look at
$ out="$TESTDATA/../../../test-output/pdf" && mkdir -p "$out" && pdftoppm -png -r 60 -f 1 -l 1 -singlefile lapsed.pdf "$out/lapsed-page1" && head -c 4 "$out/lapsed-page1.png" | tail -c 3; echo
> PNG

# a pipe takes the PDF; a terminal does not
$ s40 report asof --area 75 --date 2019-10-31 --format pdf | cat > piped.pdf && pdfinfo piped.pdf | grep -c 'A4'
> 1
$ script -qec "s40 report asof --area 75 --format pdf" /dev/null > tty.txt; echo $?; grep -c 'PDF is binary' tty.txt
> 2
> 1
$ s40 report asof --area 75 --format docx
? 2
!~ --format is table, json, csv, xlsx or pdf: docx
