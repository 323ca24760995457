# s40 COMMAND --help explains the options with examples: import names the columns each kind
# needs and points to docs/FORMATS.md; serve tells of the web application.
name: import and serve --help explain their options

$ s40 --lang en import --help | grep -E '^  (--partial|--rejects|--map|--encoding|--sheet|persons|payments) ' | awk '{ print $1 }'
> --partial
> --rejects
> --map
> --encoding
> --sheet
> persons
> payments
$ s40 import --help | grep -c 'docs/FORMATS.md'
> 2
# the usage line, and three examples in each language (one of a workbook's sheet)
$ s40 import --help | grep -c '^  s40 import '
> 7
$ s40 import --help | grep -c '^  s40 import persons .*\.xlsx --sheet '
> 2
$ s40 --lang en serve --help | grep -E 'web application|^  --(listen|threads|log) ' | awk '{ print $1, $2 }'
> open http://127.0.0.1:8040/
> --listen HOST:PORT
> --threads N
> --log log
$ s40 serve --help | grep -c 'เว็บแอปพลิเคชัน'
> 1
# How long the web application may keep personal data on a phone: 0 to 365 days.
$ s40 --lang en serve --help | grep -A1 -E '^  --offline-days '
>   --offline-days N        the most days personal data may stay on a phone for use
>                           offline (default 7; 0 keeps none)
$ s40 serve --offline-days 400
? 3
! s40: bad_value (18): ต้องเป็นจำนวนเต็มตั้งแต่ 0 ถึง 365: 400 / must be a whole number from 0 to 365: 400 [field offline-days]
