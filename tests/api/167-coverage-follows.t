name: the coverage report answers each write at once and from its index once that has caught up: the server's enrolments, another s40 run's correction and threshold
as: admin
poll: /api/v1/health coverage_index_current true
# Yi San (750311): no village fully covered; its หมู่ 3 (75031103) lacks one member,
# 3750325323087, surveyed and uninsured.
> GET /api/v1/reports/coverage?date=2026-01-01&area=750311
< 200
= {"rows": [{}, {}, {"code": 75031103, "fully_covered": 0, "uninsured": 1}, {}, {}, {"code": 750311, "subdistricts": 1, "tambons_achieved": 0, "villages_surveyed": 5, "fully_covered": 0, "members": 251, "uninsured": 63}]}
# Someone no survey names: the index has nothing to change and is current again.
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "3100600445635", "option": 1, "date": "2025-12-01"}
< 201
poll: /api/v1/health coverage_index_current true
> GET /api/v1/reports/coverage?date=2026-01-01&area=750311
< 200
= {"rows": [{}, {}, {"fully_covered": 0}, {}, {}, {"tambons_achieved": 0, "fully_covered": 0, "members": 251}]}
# The server enrols her: the answer right after has หมู่ 3 fully covered and Yi San
# achieving One Tambon, One Village; so does the index built again.
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "3750325323087", "option": 1, "date": "2025-12-20"}
< 201
> GET /api/v1/reports/coverage?date=2026-01-01&area=750311
< 200
= {"rows": [{}, {}, {"code": 75031103, "fully_covered": 1, "uninsured": 0, "coverage": 10000}, {}, {}, {"tambons_achieved": 1, "fully_covered": 1, "members": 252, "uninsured": 62}]}
poll: /api/v1/health coverage_index_current true
> GET /api/v1/reports/coverage?date=2026-01-01&area=750311
< 200
= {"rows": [{}, {}, {"code": 75031103, "fully_covered": 1, "uninsured": 0, "coverage": 10000}, {}, {}, {"tambons_achieved": 1, "fully_covered": 1, "members": 252, "uninsured": 62}]}
> GET /api/v1/reports/coverage?date=2026-01-01&area=7503
< 200
~ "code":7503,"name_th":"[^"]*","name_en":"Total Amphawa","subdistricts":12,"tambons_achieved":3,"villages_surveyed":96,"fully_covered":3,
# The day before her membership began, as it was.
> GET /api/v1/reports/coverage?date=2025-12-19&area=750311
< 200
= {"rows": [{}, {}, {"fully_covered": 0}, {}, {}, {"tambons_achieved": 0, "fully_covered": 0}]}
# Another s40 run takes her membership back (a correction): the next answer has it.
$ leave 3750325323087 --date 2025-12-20 --reason correction
> GET /api/v1/reports/coverage?date=2026-01-01&area=750311
< 200
= {"rows": [{}, {}, {"fully_covered": 0, "uninsured": 1}, {}, {}, {"tambons_achieved": 0, "fully_covered": 0, "members": 251}]}
poll: /api/v1/health coverage_index_current true
> GET /api/v1/reports/coverage?date=2026-01-01&area=750311
< 200
= {"rows": [{}, {}, {"fully_covered": 0, "uninsured": 1}, {}, {}, {"tambons_achieved": 0, "fully_covered": 0, "members": 251}]}
# Another s40 run sets the threshold at 80 %: three of Yi San's villages reach it.
$ survey threshold 80
> GET /api/v1/reports/coverage?date=2026-01-01&area=750311
< 200
~ "subtitle_en":"Yi San, Amphawa, Samut Songkhram on 1 January 2026, a village fully covered at 80.00%"
= {"rows": [{"fully_covered": 0}, {"fully_covered": 0}, {"fully_covered": 1}, {"fully_covered": 1}, {"fully_covered": 1}, {"tambons_achieved": 1, "fully_covered": 3}]}
poll: /api/v1/health coverage_index_current true
> GET /api/v1/reports/coverage?date=2026-01-01&area=750311
< 200
= {"rows": [{"fully_covered": 0}, {"fully_covered": 0}, {"fully_covered": 1}, {"fully_covered": 1}, {"fully_covered": 1}, {"tambons_achieved": 1, "fully_covered": 3}]}
# The country by province: every subdistrict counted, the surveys all in Samut Songkhram.
> GET /api/v1/reports/coverage?date=2026-01-01
< 200
~ "name_en":"Total, whole country","subdistricts":7436,"tambons_achieved":[0-9]+,"villages_surveyed":284,
~ "code":75,"name_th":"[^"]*","name_en":"Samut Songkhram","subdistricts":36,
> GET /api/v1/reports/coverage?date=2026-01-01&area=75&format=csv
< 200
h: ^Content-Type: text/csv
~ Amphawa
# A level above the area, and an officer outside it.
> GET /api/v1/reports/coverage?area=7503&level=province
< 400
= {"code": "bad_value", "field": "level"}
as: officer10
> GET /api/v1/reports/coverage?area=75
< 403
