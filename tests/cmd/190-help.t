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
