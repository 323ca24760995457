name: the campaign over HTTP: coverage, attainment, statement, prospects, surveys, targets
# Village coverage on the demo: 75030702 is fully covered on 31 October 2019.
as: officer75
> GET /api/v1/reports/villages?date=2019-10-31&area=750307
< 200
~ "code":75030702,"village":"[^"]*","subdistrict":"[^"]*","survey_date":"[0-9-]+","surveyed":[0-9]+,"eligible":[0-9]+,"members":[0-9]+,"uninsured":0,
~ "code":75030702,[^}]*"fully_covered":true
> GET /api/v1/reports/villages?date=2019-10-31&area=750307&format=csv
< 200
h: ^Content-Disposition: attachment; filename="s40-villages.csv"
~ 75030702
> GET /api/v1/reports/tambons?date=2019-10-31&area=7503
< 200
~ "code":750307,
# Attainment of fiscal year 2562 in province 75: the target 2,878.
> GET /api/v1/reports/attainment?fy=2562&date=2019-10-31&area=75
< 200
~ "code":75,"name_th":"[^"]*","name_en":"[^"]*","target":2878,
> GET /api/v1/reports/attainment?fy=2562&date=2019-10-31&area=75&level=province
< 400
= {"code": "bad_value", "field": "level"}
> GET /api/v1/reports/trend?fy=2562&date=2019-10-31&area=75
< 200
~ "target_line"
> GET /api/v1/reports/trend?fy=2562&area=75&period=fortnight
< 400
= {"code": "bad_value", "field": "period"}
> GET /api/v1/reports/network?fy=2562&area=75
< 200
! [0-9]{13}
> GET /api/v1/reports/events?fy=2562&area=75
< 200
= {"title_en": "*"}
> GET /api/v1/reports/attainment?fy=2562&area=10
< 403
= {"code": "forbidden", "field": "area"}
# The progress statement: Thai and English paragraphs with the members on the day.
> GET /api/v1/reports/statement?area=75&date=2019-10-31
< 200
= {"n_rows": 1}
~ "text_th":"[^"]*17,093
~ "text_en":"[^"]*17,093
> GET /api/v1/reports/statement?area=75030702&date=2019-10-31
< 400
= {"field": "area"}
# The door-to-door list: names and addresses, IDs masked, each read journaled.
> GET /api/v1/reports/prospects?date=2019-10-31
< 400
= {"code": "bad_value", "field": "village"}
> GET /api/v1/reports/prospects?village=7503&date=2019-10-31
< 400
= {"code": "bad_area", "field": "village"}
> GET /api/v1/reports/villages?date=2025-12-31&area=75030702
< 200
save: SURVEYED rows.0.surveyed
# A village survey: the resident is checked, status and reason too; nothing kept of a refusal.
> POST /api/v1/surveys
H: Content-Type: application/json
B: {"village": 75030702, "date": "2025-12-01", "residents": [{"id": "1234545678781", "status": "uninsured"}, {"id": "3100600445635", "status": "sometimes"}]}
< 400
= {"code": "bad_value", "field": "residents[1].status"}
> POST /api/v1/surveys
H: Content-Type: application/json
B: {"village": 75030702, "date": "2025-12-01", "residents": [{"id": "1234545678781", "status": "uninsured"}, {"id": "1112034563562", "status": "s33"}]}
< 404
= {"code": "not_found"}
> GET /api/v1/reports/villages?date=2025-12-31&area=75030702
< 200
~ "code":75030702,[^}]*"survey_date":"2019-09-19","surveyed":${SURVEYED},
> POST /api/v1/surveys
H: Content-Type: application/json
B: {"village": 10010100, "date": "2025-12-01", "residents": [{"id": "3100600445635", "status": "uninsured"}]}
< 403
= {"code": "forbidden", "field": "village"}
> POST /api/v1/surveys
H: Content-Type: application/json
B: {"village": "75030702", "date": "2025-12-01", "residents": [{"id": "1234545678781", "status": "student"}]}
< 201
= {"village": 75030702, "date": "2025-12-01", "residents": 1, "added": 1, "updated": 0}
> GET /api/v1/reports/prospects?village=75030702&date=2025-12-31
< 200
= {"n_rows": 0}
> POST /api/v1/surveys
H: Content-Type: application/json
B: {"village": 75030702, "date": "2025-12-01", "residents": [{"id": "1-2345-45678-78-1", "status": "uninsured"}]}
< 201
= {"added": 0, "updated": 1, "unchanged": 0}
> GET /api/v1/reports/prospects?village=75030702&date=2025-12-31
< 200
= {"n_rows": 1, "rows": [{"id": "1-xxxx-xxxxx-78-1"}]}
> GET /api/v1/reports/prospects?village=75030701&date=2019-10-31
< 200
= {"n_rows": 17}
! [0-9]{13}
# Targets: the demo's 2,878 for province 75, allocated to its three districts.
> GET /api/v1/targets?fy=2562&area=75
< 200
~ "code":75,"name":"[^"]*","target":2878,
~ "code":7501,"name":"[^"]*","target":863,
> POST /api/v1/targets/allocate
H: Content-Type: application/json
B: {"fy": 2562, "area": 75, "set": [{"area": 7501, "target": 1000}]}
< 422
= {"code": "alloc_sum"}
> POST /api/v1/targets/allocate
H: Content-Type: application/json
B: {"fy": 2562, "area": 75, "by": "hand", "set": {"7501": 900, "7502": 900, "7503": 900}}
< 422
= {"code": "alloc_sum"}
> POST /api/v1/targets/allocate
H: Content-Type: application/json
B: {"fy": 2562, "area": 75, "set": [{"area": 1001, "target": 2878}]}
< 400
= {"code": "bad_area", "field": "set[0]"}
# Nothing of the refusals was written.
> GET /api/v1/targets?fy=2562&area=75
< 200
~ "code":7501,"name":"[^"]*","target":863,
~ "code":7502,"name":"[^"]*","target":1021,
~ "code":7503,"name":"[^"]*","target":994,
> POST /api/v1/targets/allocate
H: Content-Type: application/json
B: {"fy": 2562, "area": 75, "set": [{"area": 7501, "target": 900}, {"area": 7502, "target": 1000}, {"area": 7503, "target": 978}]}
< 200
= {"fy": 2562, "area": 75, "target": 2878, "children": [{"area": 7501, "target": 900, "how": "hand"}, {"area": 7502, "target": 1000, "how": "hand"}, {"area": 7503, "target": 978, "how": "hand"}]}
> POST /api/v1/targets
H: Content-Type: application/json
B: {"fy": 2563, "area": "75", "target": 3000}
< 200
= {"fy": 2563, "area": 75, "target": 3000, "how": "set", "cleared": 0, "children": []}
> POST /api/v1/targets/allocate
H: Content-Type: application/json
B: {"fy": 2563, "area": 75}
< 200
= {"target": 3000, "children": [{"area": 7501, "how": "share"}, {"area": 7502, "how": "share"}, {"area": 7503, "how": "share"}]}
> POST /api/v1/targets
H: Content-Type: application/json
B: {"fy": 2563, "area": 7501, "target": 5}
< 409
= {"code": "target_allocated", "field": "area"}
> POST /api/v1/targets
H: Content-Type: application/json
B: {"fy": 2563, "area": 10, "target": 5}
< 403
= {"code": "forbidden", "field": "area"}
> POST /api/v1/targets
H: Content-Type: application/json
B: {"fy": 2563, "area": 75, "target": -1}
< 400
= {"field": "target"}
# Who may: a viewer reads the aggregates but never the door-to-door list.
as: viewer
> GET /api/v1/reports/villages?date=2019-10-31&area=750307
< 200
~ "code":75030702,[^}]*"fully_covered":true
! [0-9]{13}
> GET /api/v1/reports/statement?area=75&date=2019-10-31
< 200
~ 17,093
> GET /api/v1/reports/prospects?village=75030702&date=2019-10-31
< 403
= {"code": "forbidden"}
> GET /api/v1/reports/network?fy=2562&area=75
< 403
> POST /api/v1/targets
H: Content-Type: application/json
B: {"fy": 2563, "area": 75, "target": 1}
< 403
> POST /api/v1/surveys
H: Content-Type: application/json
B: {"village": 75030702, "residents": [{"id": "1234545678781", "status": "uninsured"}]}
< 403
# A volunteer sees the door-to-door list of its own area only, IDs masked.
as: volunteer
> GET /api/v1/reports/prospects?village=75030702&date=2025-12-31
< 200
= {"n_rows": 1, "rows": [{"id": "1-xxxx-xxxxx-78-1"}]}
! [0-9]{13}
> GET /api/v1/reports/prospects?village=75010101&date=2019-10-31
< 403
= {"field": "village"}
> POST /api/v1/targets/allocate
H: Content-Type: application/json
B: {"fy": 2562, "area": 7503, "by": "share"}
< 403
# The prospects read are in the journal.
as: admin
> GET /api/v1/journal?entity=person:1234545678781
< 200
~ "op":"person.read","entity":"person:1234545678781","detail":\{"via":"prospects"\}
