name: bad requests get a 4xx problem+json, the server keeps serving and nothing changes
as: admin
> GET /api/v1/journal/verify
< 200
save: N entries
# Invalid JSON, not an object, wrong types, missing and unknown fields.
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "1112034563562", "option": 
< 400
= {"code": "bad_json", "line": 1}
> POST /api/v1/enrolments
H: Content-Type: application/json
B: [1, 2, 3]
< 400
= {"code": "bad_json"}
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "1112034563562", "option": "one"}
< 400
= {"code": "bad_value", "field": "option"}
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": 12, "option": 1}
< 400
= {"code": "bad_id", "field": "id"}
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"option": 1}
< 400
= {"code": "missing", "field": "id"}
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "1234545678789", "option": 1}
< 400
= {"code": "id_check", "field": "id"}
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "1112034563562", "option": 1, "colour": "red"}
< 400
= {"code": "bad_value", "field": "colour"}
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "1112034563562", "option": 1, "date": "31/02/2562"}
< 400
= {"code": "impossible_date", "field": "date"}
> POST /api/v1/persons
H: Content-Type: application/json
B: {"id": "1112034563562", "first_th": "ก", "last_th": "ข", "village": 75030702, "sex": "X"}
< 400
= {"code": "bad_value", "field": "sex"}
> POST /api/v1/enrolments
H: Content-Type: text/plain
B: {"id": "1112034563562", "option": 1}
< 415
= {"code": "media_type"}
> POST /api/v1/enrolments
H: Content-Type: application/json
< 400
= {"code": "bad_json"}
# Duplicate keys are refused too.
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "1112034563562", "option": 1, "option": 2}
< 400
= {"code": "bad_json"}
# A body larger than allowed (1 MiB).
> POST /api/v1/enrolments
H: Content-Type: application/json
pad-body: 2000000
< 413
= {"code": "too_large", "status": 413}
# Unknown routes and path tricks.
> GET /api/v1/personz
< 404
= {"code": "no_route"}
> GET /api/v1/../../etc/passwd
< 400
= {"code": "bad_path"}
> GET /api/v1/persons/./1112034563562
< 400
= {"code": "bad_path"}
> GET /api/v1//persons
< 400
= {"code": "bad_path"}
> GET /api/v1/persons/3100600445635%00.json
< 400
= {"code": "bad_path"}
> GET /api/v1/persons/%2e%2e
< 400
= {"code": "bad_path"}
> GET /api/v1/health%0d%0aX-Injected:%201
< 400
= {"code": "bad_path"}
> GET /api/v1/persons/
pad-path: 5000
< 400
= {"code": "bad_path"}
> GET /api/v1/persons/123
< 400
= {"code": "bad_id"}
> GET /api/v1/persons?limit=100000
< 400
= {"code": "bad_value", "field": "limit"}
> GET /api/v1/persons?limit=-1
< 400
> GET /api/v1/reports/asof?date=not-a-date
< 400
= {"code": "bad_date", "field": "date"}
# Bytes that are not UTF-8, quoted back in the message, become '?': the server used to
# abort on a message it could not put into JSON (found by fuzz/api_read.c).
> GET /api/v1/reports/asof?date=%FF%FE
< 400
= {"code": "bad_date", "field": "date"}
~ "message_en":"cannot read the date \\"\?\?\\"
# A Thai letter in a phone number is quoted whole, not its first byte alone (found by
# fuzz/api_write.c).
> PATCH /api/v1/persons/3100600445635
H: Content-Type: application/json
B: {"phone": "0899999999 หมู่ 2"}
< 400
= {"code": "bad_value", "field": "phone"}
~ "message_en":"the phone number holds 'ห', not a digit"
> GET /api/v1/reports/asof?area=123
< 400
= {"code": "bad_area", "field": "area"}
> GET /api/v1/reports/asof?area=75&level=province
< 400
= {"code": "bad_value", "field": "level"}
> GET /api/v1/persons?q=%FF%FE
< 400
# A list of persons asked for in a format there is none of: refused before any read is
# journaled (the journal used to say the list was read; found by fuzz/api_read.c). The
# count of entries at the end shows it.
> GET /api/v1/reports/prospects?village=75030505&date=2025-12-31&format=ods
< 400
= {"code": "bad_value", "field": "format"}
# A huge number of headers.
> GET /api/v1/health
pad-headers: 500
< 431
= {"code": "headers", "status": 431}
# Still serving, and nothing changed: the journal has as many entries as before.
> GET /api/v1/health
< 200
> GET /api/v1/journal/verify
< 200
= {"ok": true, "entries": ${N}}
