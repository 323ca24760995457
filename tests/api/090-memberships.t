name: enrol, change option, end, exclude: the rules refuse what they must and the report follows at once
as: officer75
> GET /api/v1/reports/asof?date=2025-12-31&area=75
< 200
save: BEFORE rows.-1.members
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"person": {"id": "1112034563562", "first_th": "สมชาย", "last_th": "ใจดี", "birth_date": "1987-05-12", "thai": true, "village": 75030702}, "option": 1, "date": "2025-12-01", "channel": "office"}
< 201
= {"option": 1, "channel": "office", "village": 75030702}
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "1112034563562", "option": 2, "date": "2025-12-02"}
< 409
= {"code": "already_member"}
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "1112034563562", "option": 1, "date": "2026-02-01"}
< 400
= {"code": "bad_value", "field": "date"}
> POST /api/v1/memberships/1112034563562/option
H: Content-Type: application/json
B: {"option": 3, "date": "2025-12-15"}
< 200
= {"option": 3, "from_month": "2026-01"}
> POST /api/v1/memberships/1112034563562/option
H: Content-Type: application/json
B: {"option": 2, "date": "2025-12-20"}
< 422
= {"code": "option_yearly"}
> GET /api/v1/reports/asof?date=2025-12-31&area=75
< 200
save: AFTER rows.-1.members
> POST /api/v1/memberships/1112034563562/end
H: Content-Type: application/json
B: {"date": "2025-12-31", "reason": "sometimes"}
< 400
= {"code": "bad_reason", "field": "reason"}
> POST /api/v1/exclusions
H: Content-Type: application/json
B: {"id": "1112034563562", "kind": "s33", "start_date": "2025-12-20", "source": "SSO s33 list"}
< 201
= {"ended_membership": true, "kind": "s33"}
> GET /api/v1/persons/1112034563562
< 200
= {"memberships": [{"end_date": "2025-12-20", "end_reason": "s33"}], "exclusions": [{"kind": "s33"}]}
> POST /api/v1/memberships/1112034563562/end
H: Content-Type: application/json
B: {"date": "2025-12-31", "reason": "resigned"}
< 422
= {"code": "not_member"}
# A person under 15 is refused with the reason.
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"person": {"id": "1100000000016", "first_th": "เด็ก", "last_th": "ดี", "birth_date": "2015-01-01", "thai": true, "village": 75030702}, "option": 1, "date": "2025-12-01"}
< 422
= {"code": "ineligible"}
# Nothing of that refused request was kept: the person was not registered either.
> GET /api/v1/persons/1100000000016
< 404
