name: a CSV upload becomes an import job: progress, result, reject file; the report follows
as: admin
> POST /api/v1/imports?kind=persons&partial=1
H: Content-Type: text/csv
B: id,first_name,last_name,birth_date,village,thai
B: 1100000000016,หนึ่ง,ดี,1990-01-01,75030702,yes
B: 1234545678789,สอง,ผิด,1990-01-01,75030702,yes
B: 1112034563562,สมชาย,ใจดี,1987-05-12,75030702,yes
< 202
= {"id": "*", "kind": "persons", "partial": true, "state": "*"}
h: ^Location: /api/v1/imports/[0-9]+
save: JOB id
poll: /api/v1/imports/${JOB} state done
> GET /api/v1/imports/${JOB}
< 200
= {"state": "done", "result": {"rows": 3, "good": 2, "bad": 1, "changed": 2, "committed": true}, "problem": null, "rows_per_second": null, "seconds_left": null}
> GET /api/v1/imports/${JOB}/rejects
< 200
h: ^Content-Type: text/csv
~ 1234545678789
~ id_check
> GET /api/v1/persons/1100000000016
< 200
= {"first_th": "หนึ่ง"}
# Enrolments by import reach the report.
> GET /api/v1/reports/asof?date=2025-12-31&area=75030702
< 200
save: BEFORE rows.-1.members
> POST /api/v1/imports?kind=enrolments
H: Content-Type: text/csv
B: id,option,date
B: 1100000000016,1,2025-11-01
B: 1112034563562,2,2025-11-01
< 202
save: JOB2 id
poll: /api/v1/imports/${JOB2} state done
> GET /api/v1/imports/${JOB2}
< 200
= {"result": {"good": 2, "committed": true}}
> GET /api/v1/reports/asof?date=2025-12-31&area=75030702
< 200
! "members":${BEFORE}\}
# Without partial one bad row stops the file; wrong kind; not CSV; not an admin.
> POST /api/v1/imports?kind=persons
H: Content-Type: text/csv
B: id,first_name,last_name,birth_date,village,thai
B: 1234545678789,สอง,ผิด,1990-01-01,75030702,yes
< 202
save: JOB3 id
poll: /api/v1/imports/${JOB3} state done
> GET /api/v1/imports/${JOB3}
< 200
= {"result": {"committed": false, "bad": 1}, "problem": {"code": "rejected"}}
> POST /api/v1/imports?kind=payments-of-mars
H: Content-Type: text/csv
B: id
< 400
= {"field": "kind"}
> POST /api/v1/imports?kind=persons
H: Content-Type: application/json
B: {}
< 415
> GET /api/v1/imports/999
< 404
# Payments from a bank's own file, read through a column map; a wrong amount goes to the
# reject file with the amount due.
> POST /api/v1/imports?kind=payments&partial=1&map=id%3DID%2Creceipt%3DREF%2Cpaid_date%3DPAID%2Cfrom_month%3DMONTH%2Camount%3DBAHT
H: Content-Type: text/csv
B: ID,REF,PAID,MONTH,BAHT
B: 1100000000016,UP-1,2025-12-05,2025-12,70
B: 1112034563562,UP-2,2025-12-05,2025-12,50
< 202
= {"kind": "payments", "map": "id=ID,receipt=REF,paid_date=PAID,from_month=MONTH,amount=BAHT"}
save: JOB4 id
poll: /api/v1/imports/${JOB4} state done
> GET /api/v1/imports/${JOB4}
< 200
= {"result": {"rows": 2, "good": 1, "bad": 1, "committed": true}}
> GET /api/v1/imports/${JOB4}/rejects
< 200
~ 1112034563562
~ pay_amount
! 1100000000016
> GET /api/v1/persons/1100000000016/ledger?format=csv
< 200
~ UP-1
# A map naming a header the file does not have: the file is refused whole.
> POST /api/v1/imports?kind=payments&map=id%3DNOPE
H: Content-Type: text/csv
B: ID,REF,PAID,MONTH,BAHT
B: 1100000000016,UP-3,2025-12-06,2026-01,70
< 202
save: JOB5 id
poll: /api/v1/imports/${JOB5} state done
> GET /api/v1/imports/${JOB5}
< 200
= {"result": {"committed": false}, "problem": {"code": "csv_header", "field": "id", "line": 1}}
> GET /api/v1/persons/1100000000016/ledger?format=csv
< 200
! UP-3
# A file as Excel saves CSV on Thai Windows (Windows-874): read as such, the result says so.
> POST /api/v1/imports?kind=persons
H: Content-Type: text/csv
B: เลขประจำตัวประชาชน,ชื่อ,นามสกุล,วันเกิด,รหัสหมู่บ้าน,สัญชาติไทย
B: 1100000000024,มาลี,ศรีสุข,15/03/2525,75030702,ใช่
body-encoding: CP874
< 202
save: JOB6 id
poll: /api/v1/imports/${JOB6} state done
> GET /api/v1/imports/${JOB6}
< 200
= {"result": {"rows": 1, "good": 1, "committed": true, "encoding": "windows-874"}, "problem": null}
> GET /api/v1/persons/1100000000024
< 200
= {"first_th": "มาลี", "last_th": "ศรีสุข"}
# The same named by the upload: a Windows-874 file forced as UTF-8 is refused.
> POST /api/v1/imports?kind=persons&encoding=utf-8
H: Content-Type: text/csv
B: id,first_name,last_name,birth_date,village
B: 1100000000032,สาม,ดี,1990-01-01,75030702
body-encoding: CP874
< 202
save: JOB7 id
poll: /api/v1/imports/${JOB7} state done
> GET /api/v1/imports/${JOB7}
< 200
= {"result": {"committed": false, "bad": 1, "encoding": "utf-8"}, "problem": {"code": "rejected"}}
> POST /api/v1/imports?kind=persons&encoding=latin1
H: Content-Type: text/csv
B: id
< 400
= {"field": "encoding"}
as: officer75
> POST /api/v1/imports?kind=persons
H: Content-Type: text/csv
B: id,first_name,last_name,birth_date,village,thai
< 403
