name: the report counts an enrolment and an end as soon as they are committed
as: admin
> GET /api/v1/reports/asof?date=2025-12-31&area=7503
< 200
save: BEFORE rows.-1.members
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"person": {"id": "1112034563562", "first_th": "สมชาย", "last_th": "ใจดี", "birth_date": "1987-05-12", "thai": true, "village": 75030702}, "option": 1, "date": "2025-12-01"}
< 201
> GET /api/v1/reports/asof?date=2025-12-31&area=7503
< 200
! "code":7503,"name_th":"[^"]*","name_en":"[^"]*","members":${BEFORE}\}
> GET /api/v1/reports/asof?date=2025-11-30&area=7503
< 200
save: NOV rows.-1.members
> POST /api/v1/memberships/1112034563562/end
H: Content-Type: application/json
B: {"date": "2025-12-10", "reason": "resigned"}
< 200
> GET /api/v1/reports/asof?date=2025-12-31&area=7503
< 200
~ "code":7503,"name_th":"[^"]*","name_en":"[^"]*","members":${BEFORE}\}
