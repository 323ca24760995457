name: what another s40 run writes to the database beside the server reaches its reports without a restart
as: admin
# Bangkok's village 10010100 has one resident, not a member.
> GET /api/v1/reports/asof?date=2026-01-01&area=10010100
< 200
= {"rows": [{"members": 0}, {"members": 0}]}
# An office enrols her with the command line while the server runs.
$ enrol 3100600445635 --option 1 --date 2025-12-01
poll: /api/v1/reports/asof?date=2026-01-01&area=10010100 rows.-1.members 1
> GET /api/v1/persons/3100600445635
< 200
= {"memberships": [{"option": 1, "start_date": "2025-12-01"}]}
# And ends it: the report follows again; the server's own writes go on as before.
$ leave 3100600445635 --date 2025-12-20 --reason resigned
poll: /api/v1/reports/asof?date=2026-01-01&area=10010100 rows.-1.members 0
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "3100600445635", "option": 2, "date": "2025-12-28"}
< 201
> GET /api/v1/reports/asof?date=2026-01-01&area=10010100
< 200
= {"rows": [{"members": 1}, {"members": 1}]}
