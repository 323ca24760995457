name: attainment (new members in a fiscal year) follows the server's own writes and another s40 run's, a correction taken back out, without a restart
as: admin
# Bangkok has no new member in fiscal year 2569 (1 October 2025 on).
> POST /api/v1/targets
H: Content-Type: application/json
B: {"fy": 2569, "area": 10, "target": 100}
< 200
poll: /api/v1/reports/attainment?fy=2569&date=2026-01-01&area=10 rows.-1.new_members 0
# Another s40 run enrols Bangkok's resident: one new member, in the report and the targets.
$ enrol 3100600445635 --option 1 --date 2025-12-01
poll: /api/v1/reports/attainment?fy=2569&date=2026-01-01&area=10 rows.-1.new_members 1
poll: /api/v1/reports/attainment?fy=2569&date=2026-01-01&area=1001 rows.-1.new_members 1
poll: /api/v1/reports/attainment?fy=2569&date=2025-11-30&area=10 rows.-1.new_members 0
> GET /api/v1/targets?fy=2569&area=10
< 200
~ "code":10,"name":"[^"]*","target":100,"how":"[^"]*","allocated":null,"new_members":1,
# It ends the spell on its first day, a correction: not a new member any more.
$ leave 3100600445635 --date 2025-12-01 --reason correction
poll: /api/v1/reports/attainment?fy=2569&date=2026-01-01&area=10 rows.-1.new_members 0
# The server's own enrolment counts at once, its own correction takes it out at once.
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "3100600445635", "option": 2, "date": "2025-12-28"}
< 201
> GET /api/v1/targets?fy=2569&area=10
< 200
~ "code":10,"name":"[^"]*","target":100,"how":"[^"]*","allocated":null,"new_members":1,
> GET /api/v1/reports/statement?area=10&date=2026-01-01
< 200
= {"rows": [{"members": 1, "fy": 2569, "target": 100, "achieved": 1}]}
> POST /api/v1/memberships/3100600445635/end
H: Content-Type: application/json
B: {"date": "2025-12-28", "reason": "correction"}
< 200
> GET /api/v1/targets?fy=2569&area=10
< 200
~ "code":10,"name":"[^"]*","target":100,"how":"[^"]*","allocated":null,"new_members":0,
> GET /api/v1/reports/statement?area=10&date=2026-01-01
< 200
= {"rows": [{"members": 0, "fy": 2569, "target": 100, "achieved": 0}]}
> GET /api/v1/reports/trend?fy=2569&date=2026-01-01&area=10
< 200
~ "target_line"
