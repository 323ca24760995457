name: nothing reaches outside the caller's area: survey residents, recruiters, receipts, prospects, the volunteer's lists
# The Bangkok resident 3100600445635 (มาลี กรุงเทพ, province 10) is out of officer75's sight.
# 1. A survey of a village of 75 naming a resident of another province is refused
# exactly as an unknown ID is, and nothing is written.
as: officer75
> GET /api/v1/reports/villages?date=2025-12-31&area=75030702
< 200
save: SURVEYED rows.0.surveyed
> POST /api/v1/surveys
H: Content-Type: application/json
B: {"village": 75030702, "date": "2025-12-02", "residents": [{"id": "1112034563562", "status": "uninsured"}]}
< 404
= {"code": "not_found", "field": "resident"}
> POST /api/v1/surveys
H: Content-Type: application/json
B: {"village": 75030702, "date": "2025-12-02", "residents": [{"id": "3100600445635", "status": "uninsured"}]}
< 404
= {"code": "not_found", "field": "resident"}
~ "message_en":"3-1006-00445-63-5 is not in the person register
! มาลี|กรุงเทพ|10010100
> GET /api/v1/reports/villages?date=2025-12-31&area=75030702
< 200
~ "code":75030702,[^}]*"survey_date":"2019-09-19","surveyed":${SURVEYED},
> GET /api/v1/reports/prospects?village=75030702&date=2025-12-31
< 200
! มาลี|กรุงเทพ
# A survey an admin recorded with her in it still shows her to no officer of 75.
as: admin
> POST /api/v1/surveys
H: Content-Type: application/json
B: {"village": 75030702, "date": "2025-12-03", "residents": [{"id": "3100600445635", "status": "uninsured"}]}
< 201
> GET /api/v1/reports/prospects?village=75030702&date=2025-12-31
< 200
~ มาลี
as: officer75
> GET /api/v1/reports/prospects?village=75030702&date=2025-12-31
< 200
! มาลี|กรุงเทพ
> GET /api/v1/reports/prospects?village=75030702&date=2025-12-31&format=csv
< 200
! มาลี|กรุงเทพ
# She becomes a member who paid with receipt BKK-170-1.
as: admin
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "3100600445635", "option": 1, "date": "2025-12-01", "channel": "office"}
< 201
> POST /api/v1/payments
H: Content-Type: application/json
B: {"id": "3100600445635", "months": "2026-01", "amount": "70", "channel": "office", "receipt": "BKK-170-1"}
< 201
as: officer75
# 2. Reusing another province's receipt is refused without naming that member.
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"person": {"id": "3750300000012", "first_th": "สมหญิง", "last_th": "ทดสอบ", "birth_date": "1988-02-02", "thai": true, "village": 75030702}, "option": 1, "date": "2025-12-01", "channel": "office"}
< 201
> POST /api/v1/payments
H: Content-Type: application/json
B: {"id": "3750300000012", "months": "2026-01", "amount": "70", "channel": "office", "receipt": "BKK-170-1"}
< 409
= {"code": "pay_receipt", "field": "receipt"}
! 3100600445635|3-1006-00445-63-5|มาลี
# 3. A recruiter outside the caller's area answers like an unknown one, and nothing is written.
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"person": {"id": "3750300000021", "first_th": "สมศรี", "last_th": "ทดสอบ", "birth_date": "1988-03-03", "thai": true, "village": 75030702}, "option": 1, "date": "2025-12-01", "channel": "office", "recruited_by": "3100600445708"}
< 404
= {"code": "not_found", "field": "recruited_by"}
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"person": {"id": "3750300000021", "first_th": "สมศรี", "last_th": "ทดสอบ", "birth_date": "1988-03-03", "thai": true, "village": 75030702}, "option": 1, "date": "2025-12-01", "channel": "office", "recruited_by": "3100600445635"}
< 404
= {"code": "not_found", "field": "recruited_by"}
! มาลี|10010100
> GET /api/v1/persons/3750300000021
< 404
# 4. The volunteer's follow-up list holds only the members it recruited.
as: volunteer
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"person": {"id": "1-1120-34563-56-2", "first_th": "สมชาย", "last_th": "ใจดี", "birth_date": "1987-05-12", "thai": true, "village": "75030702"}, "option": 1, "date": "2025-06-01"}
< 201
# A volunteer reusing the receipt of a member of its area it did not recruit is
# not told who that member is.
as: officer75
> POST /api/v1/payments
H: Content-Type: application/json
B: {"id": "3750300000012", "months": "2026-01", "amount": "70", "channel": "office", "receipt": "AMP-170-1"}
< 201
as: volunteer
> POST /api/v1/payments
H: Content-Type: application/json
B: {"id": "1112034563562", "months": "2026-01", "amount": "70", "channel": "office", "receipt": "AMP-170-1"}
< 409
= {"code": "pay_receipt", "field": "receipt"}
! 3750300000012|3-7503-00000-01-2|สมหญิง
> GET /api/v1/reports/lapsed?area=7503&date=2026-01-01
< 200
= {"total": 1, "rows": [{"id": "1-xxxx-xxxxx-56-2", "name": "สมชาย ใจดี"}]}
> GET /api/v1/reports/lapsed?area=7503&date=2026-01-01&format=csv
< 200
~ สมชาย
! สมหญิง
as: officer75
> GET /api/v1/reports/lapsed?area=7503&date=2026-01-01&limit=1
< 200
! "total":1,
