# Every command that changes something honours --format json|csv for its confirmation:
# stable keys (IDs, codes, ISO dates, numbers) and the message in both languages.
name: confirmations in JSON and CSV

$ s40 init > /dev/null
$ s40 person add 1100000000016 --first หนึ่ง --last ทดสอบ --birth 1990-01-01 --thai yes --village 75030702 --format json
> {"id":"1100000000016","changed":true,"village":75030702,"message_th":"เพิ่มบุคคล 1-1000-00000-01-6 หนึ่ง ทดสอบ แล้ว","message_en":"added 1-1000-00000-01-6 หนึ่ง ทดสอบ"}
$ s40 person update 1100000000016 --phone 0812345678 --format csv
> id,changed,village,message_th,message_en
> 1100000000016,true,75030702,แก้ไขข้อมูล 1-1000-00000-01-6 หนึ่ง ทดสอบ แล้ว,updated 1-1000-00000-01-6 หนึ่ง ทดสอบ
$ s40 enrol 1100000000016 --option ๒ --date 2019-10-01 --today 2020-01-15 --format json | sed -E 's/,"message_th":.*$/}/'
> {"id":"1100000000016","option":2,"start":"2019-10-01","spell_id":1,"village":75030702}
$ s40 option 1100000000016 --option 3 --date 2020-01-10 --today 2020-01-15 --format json | sed -E 's/,"message_th":.*$/}/'
> {"id":"1100000000016","option":3,"from_month":"2020-02"}
$ s40 leave 1100000000016 --date 2020-01-12 --reason resigned --today 2020-01-15 --format csv | cut -d, -f1-3
> id,end,reason
> 1100000000016,2020-01-12,resigned
$ s40 event add --village 75030702 --date 2020-01-10 --kind visit --today 2020-01-15 --format json | sed -E 's/,"message_th":.*$/}/'
> {"event":1,"kind":"visit","village":75030702,"date":"2020-01-10","n_staff":0}
$ s40 target set --fy 2563 --area 75 --target 1000 --today 2020-01-15 --format json | sed -E 's/,"message_th":.*$/}/'
> {"fy":2563,"area":75,"target":1000,"allocations_removed":0}
# the text stays as it was
$ s40 target set --fy 2563 --area 75 --target 1200 --today 2020-01-15
> เป้าหมายปีงบประมาณ 2563 ของจังหวัดสมุทรสงคราม: 1,200 คน / target for fiscal year 2563, 1,200
# a payment: the API's keys, money in satang and as baht; a receipt again changes nothing
$ s40 person add 1100000000024 --first สอง --last ทดสอบ --birth 1990-01-01 --thai yes --village 75030702 > /dev/null
$ s40 enrol 1100000000024 --option 1 --date 2019-10-01 --today 2020-01-15 > /dev/null
$ s40 pay 1100000000024 --months 2020-01..2020-03 --amount 210 --receipt R1 --date 2020-01-10 --today 2020-01-15 --format json | sed -E 's/,"message_th":.*$/}/'
> {"id":"1100000000024","receipt":"R1","first_month":"2020-01","last_month":"2020-03","date":"2020-01-10","channel":"office","total":21000,"extra":0,"total_baht":"210.00","changed":true}
$ s40 pay 1100000000024 --months 2020-01..2020-03 --amount 210 --receipt R1 --date 2020-01-10 --today 2020-01-15 --format csv --lang en
> id,receipt,first_month,last_month,date,channel,total,extra,total_baht,changed,message_th,message_en
> 1100000000024,R1,2020-01,2020-03,2020-01-10,office,21000,0,210.00,false,ใบเสร็จ R1 บันทึกไว้แล้ว ไม่มีการเปลี่ยนแปลง,receipt R1 was recorded already: nothing changed
# an exclusion that ends the membership: both facts, one message
$ s40 exclude 1100000000024 --kind s33 --from 2020-01-12 --today 2020-01-15 --format json | sed -E 's/,"message_th":.*$/}/'
> {"id":"1100000000024","kind":"s33","from":"2020-01-12","to":null,"changed":true,"membership_ended":true}
$ s40 exclude 1100000000024 --kind s33 --from 2020-01-12 --today 2020-01-15 --format csv | cut -d, -f1-6
> id,kind,from,to,changed,membership_ended
> 1100000000024,s33,2020-01-12,,false,false
# the network and the users
$ s40 network add 1100000000016 --role volunteer --area 750307 --date 2020-01-01 --today 2020-01-15 --format json | sed -E 's/,"message_th":.*$/}/'
> {"id":"1100000000016","role":"volunteer","area":750307,"from":"2020-01-01"}
$ s40 network end 1100000000016 --date 2020-01-14 --today 2020-01-15 --format csv | cut -d, -f1-2
> id,end
> 1100000000016,2020-01-14
$ echo 'Kh@o-Niao-Mamuang-2563' | s40 user add clerk --role officer --area 75 --insecure-test-hash --format json | sed -E 's/,"message_th":.*$/}/'
> {"name":"clerk","role":"officer","area":75,"person":null}
$ echo 'Som-Tam-Pu-Pla-Ra-9917' | s40 user passwd clerk --insecure-test-hash --format csv | cut -d, -f1-2
> name,sessions_ended
> clerk,true
$ s40 user unlock clerk --format json | sed -E 's/,"message_th":.*$/}/'
> {"name":"clerk","addresses_cleared":0}
# text stays text
$ s40 user unlock clerk --lang en
> unlocked clerk (cleared the failed logins from 0 addresses)
