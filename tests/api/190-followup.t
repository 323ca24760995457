name: following members up: assignment and calls by role, in the lapsed list and the person's follow-up
# The volunteer's own person joins the network in แควอ้อม (750307), where it lives.
$ network add 1234545678781 --role volunteer --area 750307 --date 2025-01-01
as: officer75
# A member of หมู่ 2 แควอ้อม in arrears that the volunteer did not recruit.
> GET /api/v1/reports/lapsed?area=75030702&limit=1
< 200
save: M rows.0.id
as: volunteer
> GET /api/v1/persons/${M}/followup
< 404
as: officer75
> GET /api/v1/persons/${M}/followup
< 200
= {"assignee": null, "calls": []}
~ "candidates":\[[^]]*"id":"1234545678781"[^]]*"role":"volunteer"
~ "outcomes":\[\{"key":"reached","th":"ติดต่อได้","en":"reached"\}
# Bad input names its field and writes nothing.
> PUT /api/v1/persons/${M}/followup/assignee
H: Content-Type: application/json
B: {"date": "2026-01-01"}
< 400
= {"code": "missing", "field": "assignee"}
> PUT /api/v1/persons/${M}/followup/assignee
H: Content-Type: application/json
B: {"assignee": "12345", "date": "2026-01-01"}
< 400
= {"field": "assignee"}
> PUT /api/v1/persons/${M}/followup/assignee
H: Content-Type: application/json
B: {"assignee": "1234545678781", "date": "2026-02-01"}
< 400
= {"code": "bad_value", "field": "date"}
> GET /api/v1/persons/${M}/followup
< 200
= {"assignee": null, "calls": []}
# The assignment, once; the same again changes nothing.
> PUT /api/v1/persons/${M}/followup/assignee
H: Content-Type: application/json
B: {"assignee": "1234545678781", "date": "2026-01-01"}
< 200
= {"assignee": "1234545678781", "date": "2026-01-01", "changed": true}
> PUT /api/v1/persons/${M}/followup/assignee
H: Content-Type: application/json
B: {"assignee": "1234545678781"}
< 200
= {"changed": false}
> GET /api/v1/reports/lapsed?area=7503&assignee=1234545678781
< 200
= {"total": 1}
> GET /api/v1/reports/lapsed?area=75030702&assignee=bad
< 400
= {"field": "assignee"}
# The volunteer now sees the member, and records its own calls.
as: volunteer
> GET /api/v1/persons/${M}
< 200
> GET /api/v1/persons/${M}/followup
< 200
= {"assignee": {"from_date": "2026-01-01"}}
! "candidates"
> POST /api/v1/persons/${M}/followup/calls
H: Content-Type: application/json
B: {"outcome": "maybe"}
< 400
= {"code": "bad_value", "field": "outcome"}
> POST /api/v1/persons/${M}/followup/calls
H: Content-Type: application/json
B: {"outcome": "reached", "by": "3100600445635"}
< 400
= {"code": "bad_value", "field": "by"}
> POST /api/v1/persons/${M}/followup/calls
H: Content-Type: application/json
B: {"outcome": "promised", "date": "2025-12-30", "note": "จะชำระสิ้นเดือน"}
< 201
= {"date": "2025-12-30", "outcome": "promised", "by": "1234545678781", "note": "จะชำระสิ้นเดือน"}
> PUT /api/v1/persons/${M}/followup/assignee
H: Content-Type: application/json
B: {"assignee": null}
< 403
# Its list (its recruits, none here, and the members assigned to it) shows the member
# assigned to it by the whole ID, to record calls under; a volunteer's list masks IDs
# otherwise (050-volunteer.t).
> GET /api/v1/reports/lapsed?area=7503&limit=500
< 200
= {"total": 1}
~ "last_call":"promised"
~ "id":"${M}"
as: officer75
> POST /api/v1/persons/${M}/followup/calls
H: Content-Type: application/json
B: {"outcome": "wrong_number", "date": "2026-01-01"}
< 201
= {"by": null, "note": null}
> GET /api/v1/persons/${M}/followup
< 200
= {"calls": [{"date": "2026-01-01", "outcome": "wrong_number", "outcome_th": "เบอร์ผิด", "by": null}, {"date": "2025-12-30", "outcome": "promised", "by": {"id": "1234545678781", "name": "นายอาสา ช่วยงาน"}, "note": "จะชำระสิ้นเดือน"}]}
> GET /api/v1/reports/lapsed?area=75030702&assignee=1234545678781
< 200
= {"rows": [{"assignee": "1234545678781", "assignee_name": "นายอาสา ช่วยงาน", "last_call": "wrong_number", "last_call_date": "2026-01-01"}]}
# Others cannot: the viewer, an officer of another province.
as: viewer
> GET /api/v1/persons/${M}/followup
< 403
as: officer10
> GET /api/v1/persons/${M}/followup
< 404
> POST /api/v1/persons/${M}/followup/calls
H: Content-Type: application/json
B: {"outcome": "reached"}
< 404
# Unassigning: the volunteer no longer sees the member.
as: officer75
> PUT /api/v1/persons/${M}/followup/assignee
H: Content-Type: application/json
B: {"assignee": null}
< 200
= {"assignee": null, "changed": true}
as: volunteer
> GET /api/v1/persons/${M}/followup
< 404
