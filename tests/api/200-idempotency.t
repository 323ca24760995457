name: Idempotency-Key: a write repeated with its key is applied once and answered as the first time
# A phone that lost the answer to a write sends it again with the same key: the server
# answers what it answered the first time (status, body, Location) with
# Idempotency-Replayed: true, and applies nothing. Keys are per user.
as: officer75
> POST /api/v1/enrolments
H: Content-Type: application/json
H: Idempotency-Key: "enrol-1"
B: {"person": {"id": "1112034563562", "first_th": "สมชาย", "last_th": "ใจดี", "birth_date": "1987-05-12", "thai": true, "village": 75030702}, "option": 1, "date": "2025-12-01", "channel": "office"}
< 201
= {"option": 1, "channel": "office", "village": 75030702}
h: ^Location: /api/v1/persons/1112034563562
save: SPELL spell_id
> POST /api/v1/enrolments
H: Content-Type: application/json
H: Idempotency-Key: "enrol-1"
B: {"person": {"id": "1112034563562", "first_th": "สมชาย", "last_th": "ใจดี", "birth_date": "1987-05-12", "thai": true, "village": 75030702}, "option": 1, "date": "2025-12-01", "channel": "office"}
< 201
= {"spell_id": ${SPELL}, "option": 1, "channel": "office", "village": 75030702}
h: ^Idempotency-Replayed: true
h: ^Location: /api/v1/persons/1112034563562
h: ^Content-Type: application/json
# One membership, not two; without the key the same request is refused as a repeat.
> GET /api/v1/persons/1112034563562
< 200
= {"memberships": [{"spell_id": ${SPELL}}]}
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"person": {"id": "1112034563562", "first_th": "สมชาย", "last_th": "ใจดี", "birth_date": "1987-05-12", "thai": true, "village": 75030702}, "option": 1, "date": "2025-12-01", "channel": "office"}
< 409
= {"code": "already_member"}
# The same key with another request is refused, naming the header.
> POST /api/v1/enrolments
H: Content-Type: application/json
H: Idempotency-Key: "enrol-1"
B: {"person": {"id": "1102034567819", "first_th": "สมหญิง", "last_th": "ใจดี", "birth_date": "1988-05-12", "thai": true, "village": 75030702}, "option": 1, "date": "2025-12-01"}
< 422
= {"code": "idempotency_key_reused", "field": "Idempotency-Key"}
~ "message_en":"[^"]*Idempotency-Key
> GET /api/v1/persons/1102034567819
< 404
# The same request on another path is another request.
> POST /api/v1/persons
H: Content-Type: application/json
H: Idempotency-Key: "enrol-1"
B: {"person": {"id": "1112034563562", "first_th": "สมชาย", "last_th": "ใจดี", "birth_date": "1987-05-12", "thai": true, "village": 75030702}, "option": 1, "date": "2025-12-01", "channel": "office"}
< 422
= {"code": "idempotency_key_reused"}
# Another user's key of the same name is that user's own.
as: admin
> POST /api/v1/enrolments
H: Content-Type: application/json
H: Idempotency-Key: "enrol-1"
B: {"person": {"id": "1102034567819", "first_th": "สมหญิง", "last_th": "ใจดี", "birth_date": "1988-05-12", "thai": true, "village": 75030702}, "option": 1, "date": "2025-12-01"}
< 201
= {"id": "1102034567819"}
> GET /api/v1/persons/1102034567819
< 200
= {"memberships": ["*"]}
# A bare key (not a quoted string) is taken too.
> POST /api/v1/persons
H: Content-Type: application/json
H: Idempotency-Key: 0b6f2c1e-person-2
B: {"id": "1102034567827", "first_th": "สมศรี", "last_th": "ใจดี", "birth_date": "1970-01-01", "thai": true, "village": 75030702}
< 201
= {"id": "1102034567827"}
> POST /api/v1/persons
H: Content-Type: application/json
H: Idempotency-Key: 0b6f2c1e-person-2
B: {"id": "1102034567827", "first_th": "สมศรี", "last_th": "ใจดี", "birth_date": "1970-01-01", "thai": true, "village": 75030702}
< 201
= {"id": "1102034567827"}
h: ^Idempotency-Replayed: true
# Bad keys: empty, not ASCII, longer than 255 characters, an unclosed quote.
> POST /api/v1/persons
H: Content-Type: application/json
H: Idempotency-Key: ""
B: {"id": "1102034567835", "first_th": "สมปอง", "last_th": "ใจดี", "birth_date": "1970-01-01", "thai": true, "village": 75030702}
< 400
= {"code": "bad_value", "field": "Idempotency-Key"}
~ "message_th":"[^"]*Idempotency-Key
> POST /api/v1/persons
H: Content-Type: application/json
H: Idempotency-Key: "คีย์"
B: {"id": "1102034567835", "first_th": "สมปอง", "last_th": "ใจดี", "birth_date": "1970-01-01", "thai": true, "village": 75030702}
< 400
= {"code": "bad_value", "field": "Idempotency-Key"}
> POST /api/v1/persons
H: Content-Type: application/json
H: Idempotency-Key: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
B: {"id": "1102034567835", "first_th": "สมปอง", "last_th": "ใจดี", "birth_date": "1970-01-01", "thai": true, "village": 75030702}
< 400
= {"code": "bad_value", "field": "Idempotency-Key"}
> POST /api/v1/persons
H: Content-Type: application/json
H: Idempotency-Key: "half
B: {"id": "1102034567835", "first_th": "สมปอง", "last_th": "ใจดี", "birth_date": "1970-01-01", "thai": true, "village": 75030702}
< 400
= {"code": "bad_value", "field": "Idempotency-Key"}
> GET /api/v1/persons/1102034567835
< 404
# A refused write keeps no key: the same request again runs again. Paying for a person
# who is not a member is refused; once enrolled, the same payment with the same key is
# recorded.
as: officer75
> POST /api/v1/payments
H: Content-Type: application/json
H: Idempotency-Key: "pay-1"
B: {"id": "1102034567827", "months": "2026-01..2026-03", "amount": "210", "channel": "office", "receipt": "R-200-1"}
< 422
= {"code": "pay_not_member"}
> POST /api/v1/enrolments
H: Content-Type: application/json
B: {"id": "1102034567827", "option": 1, "date": "2025-12-01"}
< 201
> POST /api/v1/payments
H: Content-Type: application/json
H: Idempotency-Key: "pay-1"
B: {"id": "1102034567827", "months": "2026-01..2026-03", "amount": "210", "channel": "office", "receipt": "R-200-1"}
< 201
= {"first_month": "2026-01", "last_month": "2026-03", "total": 21000, "changed": true}
h: ^Location: /api/v1/persons/1102034567827/ledger
save: PAYMENT payment_id
> POST /api/v1/payments
H: Content-Type: application/json
H: Idempotency-Key: "pay-1"
B: {"id": "1102034567827", "months": "2026-01..2026-03", "amount": "210", "channel": "office", "receipt": "R-200-1"}
< 201
= {"payment_id": ${PAYMENT}, "total": 21000, "changed": true}
h: ^Idempotency-Replayed: true
h: ^Location: /api/v1/persons/1102034567827/ledger
> GET /api/v1/persons/1102034567827/standing?date=2026-01-01
< 200
= {"months_paid": 3, "paid_through": "2026-03"}
# A refusal that still holds is answered again as a refusal, not as a success.
> POST /api/v1/enrolments
H: Content-Type: application/json
H: Idempotency-Key: "enrol-again"
B: {"id": "1102034567827", "option": 2, "date": "2025-12-02"}
< 409
= {"code": "already_member"}
> POST /api/v1/enrolments
H: Content-Type: application/json
H: Idempotency-Key: "enrol-again"
B: {"id": "1102034567827", "option": 2, "date": "2025-12-02"}
< 409
= {"code": "already_member"}
# A PATCH replayed does not undo the change made after it.
> PATCH /api/v1/persons/1112034563562
H: Content-Type: application/json
H: Idempotency-Key: "patch-1"
B: {"phone": "0811111111"}
< 200
= {"phone": "0811111111"}
> PATCH /api/v1/persons/1112034563562
H: Content-Type: application/json
B: {"phone": "0822222222"}
< 200
= {"phone": "0822222222"}
> PATCH /api/v1/persons/1112034563562
H: Content-Type: application/json
H: Idempotency-Key: "patch-1"
B: {"phone": "0811111111"}
< 200
= {"phone": "0811111111"}
h: ^Idempotency-Replayed: true
> GET /api/v1/persons/1112034563562
< 200
= {"phone": "0822222222"}
# An import with a key is accepted once: the repeat names the same job.
as: admin
> POST /api/v1/imports?kind=persons
H: Content-Type: text/csv
H: Idempotency-Key: "import-1"
B: id,first_name,last_name,birth_date,village,thai
B: 1102034567835,สมปอง,ใจดี,1970-01-01,75030702,yes
< 202
h: ^Location: /api/v1/imports/[0-9]+
save: JOB id
poll: /api/v1/imports/${JOB} state done
> POST /api/v1/imports?kind=persons
H: Content-Type: text/csv
H: Idempotency-Key: "import-1"
B: id,first_name,last_name,birth_date,village,thai
B: 1102034567835,สมปอง,ใจดี,1970-01-01,75030702,yes
< 202
= {"id": ${JOB}}
h: ^Idempotency-Replayed: true
# Logging in ignores the header (a stored answer would hold a session token): even a
# bad key is no error there.
as: -
> POST /api/v1/auth/login
H: Content-Type: application/json
H: Idempotency-Key: ""
B: {"name": "viewer", "password": "viewer-secret"}
< 200
