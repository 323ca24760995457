name: an officer of province 75 sees and changes nothing of a person in province 10, not even existence
as: officer75
> GET /api/v1/persons/3100600445635
< 404
= {"code": "not_found", "field": "id"}
save: THEIRS message_en
# The same answer as for a valid ID nobody registered.
> GET /api/v1/persons/1112034563562
< 404
= {"code": "not_found", "field": "id"}
> GET /api/v1/persons?q=3100600445635
< 200
= {"items": [], "total": 0}
> GET /api/v1/persons?q=%E0%B8%81%E0%B8%A3%E0%B8%B8%E0%B8%87%E0%B9%80%E0%B8%97%E0%B8%9E
< 200
= {"items": [], "total": 0}
> PATCH /api/v1/persons/3100600445635
H: Content-Type: application/json
B: {"phone": "0811111111"}
< 404
= {"code": "not_found"}
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "3100600445635", "option": 1, "date": "2025-12-01"}
< 404
= {"code": "not_found"}
> POST /api/v1/memberships/3100600445635/end
H: Content-Type: application/json
B: {"reason": "resigned"}
< 404
> POST /api/v1/exclusions
H: Content-Type: application/json
B: {"id": "3100600445635", "kind": "s33", "start_date": "2025-01-01"}
< 404
> GET /api/v1/persons?area=10
< 403
= {"code": "forbidden", "field": "area"}
> GET /api/v1/reports/asof?area=10&date=2019-10-31
< 403
# Its own province works.
> GET /api/v1/persons?limit=2
< 200
= {"limit": 2, "offset": 0, "next_offset": 2}
~ "id":"[0-9]{13}"
save: MINE items.0.id
> GET /api/v1/persons/${MINE}
< 200
= {"id": "${MINE}", "memberships": "*", "exclusions": "*"}
> GET /api/v1/reports/asof?date=2019-10-31
< 200
= {"subtitle_en": "Samut Songkhram on 31 October 2019"}
~ "members":17093
# The officer of province 10 does see the Bangkok resident.
as: officer10
> GET /api/v1/persons/3100600445635
< 200
= {"id": "3100600445635", "first_th": "มาลี", "village": 10010100}
> GET /api/v1/persons/${MINE}
< 404
= {"code": "not_found"}
# Nothing was written for the refused requests: the journal shows only reads by officer10.
as: admin
> GET /api/v1/journal?entity=person:3100600445635
< 200
! officer75
~ "op":"person.read"
