name: a volunteer enrols in its area as the recruiter, sees only its recruits, with IDs masked in lists
as: volunteer
# Register and enrol in one request, in Amphawa (7503).
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"person": {"id": "1-1120-34563-56-2", "title": "นาย", "first_th": "สมชาย", "last_th": "ใจดี", "birth_date": "1987-05-12", "sex": "M", "thai": true, "village": "75030702"}, "option": 1, "date": "2025-12-01"}
< 201
= {"id": "1112034563562", "recruited_by": "1234545678781", "channel": "volunteer", "option": 1, "start_date": "2025-12-01", "end_date": null}
h: ^Location: /api/v1/persons/1112034563562
> GET /api/v1/persons/1112034563562
< 200
= {"first_th": "สมชาย", "memberships": [{"recruited_by": "1234545678781"}]}
> GET /api/v1/persons
< 200
= {"total": 1, "items": [{"id": "1-xxxx-xxxxx-56-2", "first_th": "สมชาย"}]}
! 1112034563562
# Its own record (setup.sh: the volunteer's person), which it did not recruit, it reads.
> GET /api/v1/persons/1234545678781
< 200
= {"id": "1234545678781"}
# A person of its area it did not recruit: not found.
as: officer75
> GET /api/v1/persons?area=7501&limit=1
< 200
save: OTHER items.0.id
as: volunteer
> GET /api/v1/persons/${OTHER}
< 404
= {"code": "not_found"}
# Outside its area (Mueang, 7501): refused.
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"person": {"id": "1100000000016", "first_th": "หนึ่ง", "last_th": "ดี", "birth_date": "1990-01-01", "thai": true, "village": 75010101}, "option": 1, "date": "2025-12-01"}
< 403
= {"code": "forbidden", "field": "village"}
# Not the volunteer's to do.
> POST /api/v1/memberships/1112034563562/end
H: Content-Type: application/json
B: {"reason": "resigned"}
< 403
> PATCH /api/v1/persons/1112034563562
H: Content-Type: application/json
B: {"phone": "0812345678"}
< 403
> GET /api/v1/reports/asof?area=7503&date=2025-12-31
< 200
> GET /api/v1/reports/asof?area=7501&date=2025-12-31
< 403
