# s40 import at its edges: a village code among spaces is read as every other field is;
# --partial that writes nothing at all fails (exit 6); a reject file never overwrites the
# input; a clean import removes the reject file an earlier run of the same file left.
name: import trims the village code, fails a --partial that wrote nothing, guards its files

$ s40 init > /dev/null
# a village code with spaces around it, as a spreadsheet leaves it
$ printf 'id,first_name,last_name,birth_date,village,thai\n1100000000016,หนึ่ง,ทดสอบ,1990-01-01, 75030702 ,yes\n' > spaces.csv
$ s40 import persons spaces.csv --format csv | cut -d, -f3-8
> rows,good,bad,changed,unchanged,committed
> 1,1,0,1,0,1
$ s40 person show 1100000000016 --format csv | cut -d, -f10
> village
> 75030702

# --partial with every row bad writes nothing: exit 6, the rows in the reject file
$ printf 'id,first_name,last_name,birth_date,village\n1100000000017,สอง,ทดสอบ,1990-01-01,75030702\n1100000000025,สาม,ทดสอบ,1990-13-01,75030702\n' > allbad.csv
$ dbdump > before.sql
$ s40 --lang en import persons allbad.csv --partial
? 6
> import of persons from allbad.csv
> rows 2, good 0, bad 2, changed 0, unchanged 0
> nothing was written
> the bad rows are in allbad.rejects.csv
! s40: rejected (55): no row was good, so nothing was written (--partial writes the good rows, and there were none) [field file]
$ dbdump | cmp - before.sql
$ sed 's/^\xEF\xBB\xBF/<BOM>/' allbad.rejects.csv | cut -d, -f1-3
> <BOM>line,column,code
> 2,id,id_check
> 3,id,id_check
> 3,birth_date,impossible_date

# --rejects naming the input itself is refused before anything is read, the file as it was
$ cp allbad.csv keep.csv
$ s40 import persons allbad.csv --rejects allbad.csv
? 2
!~ ^s40: usage \(4\): .* / the reject file allbad\.csv is the input file itself: name another \[field rejects\]$
$ cmp allbad.csv keep.csv
$ ln -s allbad.csv link.csv && s40 import persons allbad.csv --rejects link.csv
? 2
!~ the reject file link\.csv is the input file itself
$ cmp allbad.csv keep.csv

# the earlier run's reject file goes once the same file imports cleanly
$ printf 'id,first_name,last_name,birth_date,village\n1100000000024,สอง,ทดสอบ,1990-01-01,75030702\n' > allbad.csv
$ s40 --lang en import persons allbad.csv
> import of persons from allbad.csv
> rows 1, good 1, bad 0, changed 1, unchanged 0
> committed (journal entry 3)
> removed allbad.rejects.csv, the bad rows of an earlier import
$ test ! -e allbad.rejects.csv
# a file of that name that is not a reject file is left alone
$ echo mine > allbad.rejects.csv
$ s40 import persons allbad.csv > /dev/null
$ cat allbad.rejects.csv
> mine
# nor one that has the header as a line further down
$ printf 'mine\r\nline,column,code,message_th,message_en,row\r\n' > allbad.rejects.csv && s40 import persons allbad.csv > /dev/null && head -1 allbad.rejects.csv | tr -d '\r'
> mine
# a reject file written without the BOM and CRLF (by an earlier s40) is known as one too
$ printf 'line,column,code,message_th,message_en,row\n3,id,id_check,x,x,"1"\n' > allbad.rejects.csv
$ s40 --lang en import persons allbad.csv | tail -1
> removed allbad.rejects.csv, the bad rows of an earlier import
