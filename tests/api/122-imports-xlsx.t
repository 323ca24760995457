name: an .xlsx workbook upload imports as its cells would in CSV: the first sheet, or one by name
as: admin
# data/persons.xlsx is tests/cmd/data/xlsx/make.py's: the sheet ทะเบียน holds three persons
# (IDs as numbers, birth dates as Excel dates), the sheet สมัคร one enrolment.
> POST /api/v1/imports?kind=persons
H: Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
body-file: data/persons.xlsx
< 202
save: JOB id
poll: /api/v1/imports/${JOB} state done
> GET /api/v1/imports/${JOB}
< 200
= {"result": {"rows": 3, "good": 3, "bad": 0, "committed": true, "encoding": null, "sheet": "ทะเบียน"}, "problem": null}
> GET /api/v1/persons/1100000000016
< 200
= {"first_th": "สมชาย", "last_th": "ใจดี", "birth_date": "1980-05-01", "village": 75030702, "address": "12/3 หมู่ 2, ถนนเอกชัย"}
> GET /api/v1/persons/1100000000024
< 200
= {"first_th": "มาลี", "birth_date": "1982-03-15"}
# Another sheet by its name.
> POST /api/v1/imports?kind=enrolments&sheet=%E0%B8%AA%E0%B8%A1%E0%B8%B1%E0%B8%84%E0%B8%A3
H: Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
body-file: data/persons.xlsx
< 202
save: JOB2 id
poll: /api/v1/imports/${JOB2} state done
> GET /api/v1/imports/${JOB2}
< 200
= {"result": {"rows": 1, "good": 1, "committed": true, "sheet": "สมัคร"}, "problem": null}
> GET /api/v1/persons/1100000000016
< 200
~ "start_date": *"2019-12-01"
# A sheet it does not have: the job ends refused, naming the sheets there are.
> POST /api/v1/imports?kind=persons&sheet=Sheet1
H: Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
body-file: data/persons.xlsx
< 202
save: JOB3 id
poll: /api/v1/imports/${JOB3} state done
> GET /api/v1/imports/${JOB3}
< 200
= {"result": {"committed": false, "sheet": null}, "problem": {"code": "not_found", "field": "sheet"}}
~ ทะเบียน, สมัคร
# Another media type is still refused.
> POST /api/v1/imports?kind=persons
H: Content-Type: application/pdf
B: x
< 415
~ spreadsheetml
