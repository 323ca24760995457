# The as-of report's PDF ends with a map of its areas (lib/report/map.c): a page of its own
# after the table's, a circle per area at its point (data/geo) sized by its members, each
# labelled with its name (and, on a map of few circles, its members), a legend, and the
# areas that have no point listed by name, never left out. The map pages are rendered to
# test-output/map/ (PNG, 80 dpi) to look at.
name: the as-of PDF's map page: one more page, the areas' names and members, the legend, the areas without a point

$ demo_db 1 2020-01-15
# Samut Songkhram on 31/10/2562: the table's page, then the map's (landscape: its three
# districts lie wider than tall), numbered with it
$ s40 report asof --area 75 --date 2019-10-31 --format pdf --output asof.pdf --today 2026-12-06
$ pdfinfo asof.pdf | grep -E '^Pages:' | tr -s ' '
> Pages: 2
$ pdfinfo -f 2 -l 2 asof.pdf | grep -E '^Page +2 size:' | tr -s ' '
> Page 2 size: 841.89 x 595.276 pts (A4)
$ pdftotext -raw -nopgbrk -f 2 -l 2 asof.pdf -
> แผนที่ผู้ประกันตนมาตรา 40 ที่เป็นสมาชิกอยู่ รายอำเภอ
> จังหวัดสมุทรสงคราม ณ วันที่ 31 ตุลาคม 2562
> อัมพวา
> 6,078
> บางคนที
> 5,657
> เมืองสมุทรสงคราม
> 5,358
> ผู้ประกันตน (คน)
> 5,000
> 1,000
> 200
> วงกลมอยู่ที่จุดในพื้นที่ (อำเภอ: ค่าเฉลี่ยของจุดของ
> ตำบล) ไม่ใช่ขอบเขต พื้นที่ของวงกลมเป็นสัดส่วนกับ
> ค่า
> หน้า 2 / 2
> พิมพ์วันที่ 6 ธันวาคม 2569
# the table's page is as before, one page of two
$ pdftotext -raw -nopgbrk -l 1 asof.pdf - | grep -c '^หน้า 1 / 2$'
> 1
# in English
$ s40 --lang en report asof --area 75 --date 2019-10-31 --format pdf --output en.pdf --today 2026-12-06
$ pdftotext -raw -nopgbrk -f 2 -l 2 en.pdf - | sed -n '1,9p;$p'
> Map of active Section 40 members by district
> Samut Songkhram on 31 October 2019
> Amphawa
> 6,078
> Bang Khonthi
> 5,657
> Mueang Samut Songkhram
> 5,358
> Members
> Printed 6 December 2026

# Amphawa (7503): its 12 subdistricts, each named
$ s40 report asof --area 7503 --date 2019-10-31 --format pdf --output amphawa.pdf --today 2026-12-06
$ pdfinfo amphawa.pdf | grep -E '^Pages:' | tr -s ' '
> Pages: 2
$ s40 report asof --area 7503 --date 2019-10-31 --format csv | sed '1d;$d' | cut -d, -f2 | sort > names.txt && wc -l < names.txt
> 12
$ pdftotext -raw -nopgbrk -f 2 -l 2 amphawa.pdf - | grep -Fx -f names.txt | sort | diff names.txt -
$ pdftotext -raw -nopgbrk -f 2 -l 2 amphawa.pdf - | grep -c '^แผนที่ผู้ประกันตนมาตรา 40 ที่เป็นสมาชิกอยู่ รายตำบล$'
> 1

# the whole country: the map after the table's two pages; 77 provinces, each named
# beside its circle or numbered and named in the key under the map
$ s40 report asof --date 2019-10-31 --format pdf --output all.pdf --today 2026-12-06
$ pdfinfo all.pdf | grep -E '^Pages:' | tr -s ' '
> Pages: 3
$ pdftotext -raw -nopgbrk -f 3 -l 3 all.pdf - | grep -E '^(แผนที่|หน้า)'
> แผนที่ผู้ประกันตนมาตรา 40 ที่เป็นสมาชิกอยู่ รายจังหวัด
> หน้า 3 / 3
$ s40 report asof --date 2019-10-31 --format csv | sed '1d;$d' | cut -d, -f2 | sort > names.txt && wc -l < names.txt
> 77
$ pdftotext -raw -nopgbrk -f 3 -l 3 all.pdf - | tr '\n' ' ' | sed 's/\xc2\xa0/ /g' > map.txt && while read -r n; do grep -qF "$n" map.txt || echo "missing $n"; done < names.txt

# Bangkok: the districts 1047 and 1050 have no point; they are listed under the map
$ s40 report asof --area 10 --date 2019-10-31 --format pdf --output bkk.pdf --today 2026-12-06
$ pdftotext -raw -nopgbrk -f 3 -l 3 bkk.pdf - | grep '^ไม่มีพิกัด'
> ไม่มีพิกัด: บางนา (1047) 0, บางบอน (1050) 0
$ s40 --lang en report asof --area 10 --date 2019-10-31 --format pdf --output bkk-en.pdf
$ pdftotext -raw -nopgbrk -f 3 -l 3 bkk-en.pdf - | grep '^No point'
> No point: Bang Na (1047) 0, Bang Bon (1050) 0

# villages have no points: a report by village has no map
$ s40 report asof --area 750307 --date 2019-10-31 --format pdf --output villages.pdf
$ pdfinfo villages.pdf | grep -E '^Pages:' | tr -s ' '
> Pages: 1

# the map pages as pictures, kept to look at
$ out="$TESTDATA/../../../test-output/map" && mkdir -p "$out" && pdftoppm -png -r 80 -f 2 -l 2 -singlefile asof.pdf "$out/samut-songkhram" && pdftoppm -png -r 80 -f 2 -l 2 -singlefile amphawa.pdf "$out/amphawa" && pdftoppm -png -r 80 -f 3 -l 3 -singlefile all.pdf "$out/country" && head -c 4 "$out/country.png" | tail -c 3; echo
> PNG
