name: a viewer reads aggregate reports and never personal data or a national ID
as: viewer
> GET /api/v1/reports/asof?date=2019-10-31&area=75&level=district
< 200
~ "members":17093
! [0-9]{13}
> GET /api/v1/persons/3100600445635
< 403
= {"code": "forbidden"}
! first_th
> GET /api/v1/persons?q=%E0%B8%AA
< 403
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "3100600445635", "option": 1}
< 403
> GET /api/v1/journal?entity=person:3100600445635
< 403
> GET /api/v1/users
< 403
> POST /api/v1/imports?kind=persons
H: Content-Type: text/csv
B: id,first_name,last_name,village
< 403
> GET /api/v1/areas?parent=75
< 200
= {"total": 3}
> GET /api/v1/auth/me
< 200
= {"role": "viewer", "person": null}
