name: persons are registered, read, updated; areas are browsed and searched
as: officer75
> POST /api/v1/persons
H: Content-Type: application/json
B: {"id": "1112034563562", "title": "นาย", "first_th": "สมชาย", "last_th": "ใจดี", "first_en": "Somchai", "last_en": "Jaidee", "birth_date": "12/05/2530", "sex": "M", "thai": true, "village": 75030702, "phone": "081-234-5678"}
< 201
= {"id": "1112034563562", "id_display": "1-1120-34563-56-2", "birth_date": "1987-05-12", "phone": "0812345678", "thai": true, "sex": "M"}
# The same again changes nothing; other data for the same ID is a conflict.
> POST /api/v1/persons
H: Content-Type: application/json
B: {"id": "1112034563562", "title": "นาย", "first_th": "สมชาย", "last_th": "ใจดี", "first_en": "Somchai", "last_en": "Jaidee", "birth_date": "12/05/2530", "sex": "M", "thai": true, "village": 75030702, "phone": "081-234-5678"}
< 200
> POST /api/v1/persons
H: Content-Type: application/json
B: {"id": "1112034563562", "first_th": "อื่น", "last_th": "ใจดี", "birth_date": "1987-05-12", "village": 75030702}
< 409
= {"code": "exists"}
# Outside the officer's area: refused.
> POST /api/v1/persons
H: Content-Type: application/json
B: {"id": "1100000000016", "first_th": "หนึ่ง", "last_th": "ดี", "village": 10010100}
< 403
= {"code": "forbidden", "field": "village"}
> PATCH /api/v1/persons/1112034563562
H: Content-Type: application/json
B: {"phone": "0899999999", "address": "12/3 หมู่ 2"}
< 200
= {"phone": "0899999999", "address": "12/3 หมู่ 2", "first_th": "สมชาย"}
> PATCH /api/v1/persons/1112034563562
H: Content-Type: application/json
B: {"village": 10010100}
< 403
= {"code": "forbidden", "field": "village"}
> PUT /api/v1/persons/1112034563562
H: Content-Type: application/json
B: {"last_th": "ใจดี", "village": 75030702}
< 400
= {"code": "missing", "field": "first_th"}
> GET /api/v1/persons/1112034563562
< 200
= {"phone": "0899999999", "memberships": [], "exclusions": []}
h: ^Cache-Control: no-store
> GET /api/v1/persons?q=Jaidee
< 200
= {"total": 1, "items": [{"id": "1112034563562"}]}
> GET /api/v1/persons?q=1-1120-34563-56-2
< 200
= {"total": 1, "items": [{"cover": "none"}]}
# Each listed person's cover on the day (default today): a member with the option in force,
# another scheme, or none; before the member joined, none.
> GET /api/v1/persons?q=1750101382296
< 200
= {"items": [{"cover": "s40", "option": 2}]}
> GET /api/v1/persons?q=1750101382296&date=2017-01-01
< 200
= {"items": [{"cover": "none"}]}
> GET /api/v1/persons?q=3750305072054
< 200
= {"items": [{"cover": "excluded", "exclusion": "s39", "cover_th": "ผู้ประกันตนมาตรา 39"}]}
> GET /api/v1/persons?q=1750101382296&date=31/02/2562
< 400
= {"field": "date"}
# An area that does not exist: 404 unknown_area naming the field, the answer of the reports
# (not an empty page, which would read as "nobody lives there"); outside the officer's
# area, 403 first, as theirs.
> GET /api/v1/persons?area=7599
< 404
= {"code": "unknown_area", "field": "area", "message_th": "ไม่พบพื้นที่รหัส 7599", "message_en": "there is no area with code 7599"}
> GET /api/v1/reports/asof?area=7599
< 404
= {"code": "unknown_area", "field": "area", "message_th": "ไม่พบพื้นที่รหัส 7599", "message_en": "there is no area with code 7599"}
> GET /api/v1/persons?area=99
< 403
= {"code": "forbidden", "field": "area"}
as: admin
> GET /api/v1/persons?area=99&q=Jaidee
< 404
= {"code": "unknown_area", "field": "area"}
> GET /api/v1/persons?area=75&q=Jaidee
< 200
= {"total": 1}
as: officer75
# Areas.
> GET /api/v1/areas
< 200
= {"total": 77}
> GET /api/v1/areas?parent=7503
< 200
~ "name_en":"Khwae Om"
> GET /api/v1/areas?q=%E0%B9%81%E0%B8%84%E0%B8%A7%E0%B8%AD%E0%B9%89%E0%B8%AD%E0%B8%A1
< 200
= {"total": 1, "items": [{"code": 750307, "level": "subdistrict"}]}
> GET /api/v1/areas?q=Amphawa
< 200
~ "code":7503
> GET /api/v1/areas/75030702
< 200
= {"code": 75030702, "moo": 2, "full_name_th": "หมู่ 2 ตำบลแควอ้อม อำเภออัมพวา จังหวัดสมุทรสงคราม"}
> GET /api/v1/areas/99
< 404
= {"code": "unknown_area"}
# A search counts its matches up to 1,000 past the page's offset (registry/search.h): a
# common name has tens of thousands in a large province. Past that, total is the number
# counted, total_exact false and a next page is offered; near the end the count is exact.
> GET /api/v1/persons?area=75&limit=2
< 200
= {"total": 1000, "total_exact": false, "limit": 2, "offset": 0, "next_offset": 2}
> GET /api/v1/persons?area=75&limit=500&offset=1000
< 200
= {"total": 2000, "total_exact": false, "offset": 1000, "next_offset": 1500}
> GET /api/v1/persons?area=75&limit=500&offset=27000
< 200
= {"total": 27145, "total_exact": true, "offset": 27000, "next_offset": null}
> GET /api/v1/persons?q=Jaidee
< 200
= {"total": 1, "total_exact": true, "next_offset": null}
