name: what a device offline needs: the changes in its user's area since a cursor, receipt blocks of its own
as: officer75
# Without a cursor: where the journal is now, and nothing else.
> GET /api/v1/changes
< 200
= {"more": false, "changes": []}
save: CUR cursor
> GET /api/v1/changes?since=x
< 400
= {"code": "bad_value", "field": "since"}
> GET /api/v1/changes?since=0&limit=0
< 400
= {"field": "limit"}
# An enrolment in the officer's province, with the person registered by it.
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"person": {"id": "1112034563562", "first_th": "สมชาย", "last_th": "ใจดี", "birth_date": "1987-05-12", "thai": true, "village": 75030702}, "option": 1, "date": "2025-12-01", "channel": "office"}
< 201
# One in Bangkok, which the officer of province 75 must not hear of.
as: admin
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "3100600445635", "option": 2, "date": "2025-12-01"}
< 201
as: officer75
> GET /api/v1/changes?since=${CUR}
< 200
= {"more": false, "changes": [{"op": "person.add", "person": "1112034563562", "village": 75030702, "area": null}, {"op": "membership.enrol", "person": "1112034563562", "village": 75030702}]}
save: AFTER cursor
# Reading a person (journaled as person.read) changes nothing a device keeps.
> GET /api/v1/persons/1112034563562
< 200
> GET /api/v1/changes?since=${AFTER}
< 200
= {"changes": []}
save: AFTER cursor
# A survey is a change in its village.
> POST /api/v1/surveys
H: Content-Type: application/json
B: {"village": 75030702, "date": "2025-12-01", "residents": [{"id": "1234545678781", "status": "student"}]}
< 201
> GET /api/v1/changes?since=${AFTER}
< 200
= {"changes": [{"op": "survey.add", "person": null, "village": 75030702}]}
save: AFTER cursor
# The cursor moved past every entry read, the Bangkok one too: asking again gives nothing.
> GET /api/v1/changes?since=${AFTER}
< 200
= {"more": false, "changes": []}
# A page of one entry says there is more, and its cursor is the next to ask from.
> GET /api/v1/changes?since=${CUR}&limit=1
< 200
= {"more": true, "changes": [{"op": "person.add"}]}
save: ONE cursor
> GET /api/v1/changes?since=${ONE}&limit=1
< 200
= {"more": true, "changes": [{"op": "membership.enrol"}]}
# The administrator hears of both provinces.
as: admin
> GET /api/v1/changes?since=${CUR}
< 200
= {"changes": [{"op": "person.add"}, {"op": "membership.enrol", "village": 75030702}, {"op": "membership.enrol", "person": "3100600445635", "village": 10010100}, {"op": "survey.add"}]}
# The volunteer of Amphawa hears of the change in its village, without the person,
# whom it did not recruit.
as: volunteer
> GET /api/v1/changes?since=${CUR}
< 200
= {"changes": [{"op": "person.add", "person": null, "village": 75030702}, {"op": "membership.enrol", "person": null, "village": 75030702}, {"op": "survey.add", "village": 75030702}]}
! 1112034563562
# Receipt blocks: each one its own, numbered by the journal.
> POST /api/v1/receipt-blocks
H: Content-Type: application/json
B: {"size": 100}
< 201
= {"first": 1, "last": 100}
~ "prefix": *"B[0-9]{6,}-"
save: B1 block
> POST /api/v1/receipt-blocks
H: Content-Type: application/json
B: {"size": 5}
< 201
= {"first": 1, "last": 5}
! "block": *${B1}[,}]
# A reservation sent again after its answer was lost (the same Idempotency-Key) is
# the same block, not a second one.
> POST /api/v1/receipt-blocks
H: Content-Type: application/json
H: Idempotency-Key: "phone-7503-block-1"
B: {"size": 50}
< 201
save: K1 block
> POST /api/v1/receipt-blocks
H: Content-Type: application/json
H: Idempotency-Key: "phone-7503-block-1"
B: {"size": 50}
< 201
h: ^Idempotency-Replayed: true
~ "block": *${K1},
> POST /api/v1/receipt-blocks
H: Content-Type: application/json
B: {"size": 0}
< 400
= {"code": "bad_value", "field": "size"}
> POST /api/v1/receipt-blocks
H: Content-Type: application/json
B: {"size": 1001}
< 400
= {"field": "size"}
> POST /api/v1/receipt-blocks
H: Content-Type: application/json
B: {}
< 400
= {"code": "missing", "field": "size"}
> POST /api/v1/receipt-blocks
H: Content-Type: application/json
B: {"size": 10, "owner": "x"}
< 400
# A viewer takes no payments, so no block.
as: viewer
> POST /api/v1/receipt-blocks
H: Content-Type: application/json
B: {"size": 10}
< 403
# The viewer's feed names no one; the reservations are not changes.
> GET /api/v1/changes?since=${AFTER}
< 200
= {"more": false, "changes": []}
> GET /api/v1/changes?since=${CUR}
< 200
! "person": *"
