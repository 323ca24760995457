name: administrators add users and set passwords; a user may set its own; others may not
as: admin
> POST /api/v1/users
H: Content-Type: application/json
B: {"name": "officer7503", "role": "officer", "area": "7503", "password": "a-long-password"}
< 201
= {"name": "officer7503", "role": "officer", "area": 7503}
! password
> POST /api/v1/users
H: Content-Type: application/json
B: {"name": "officer7503", "role": "officer", "area": "7503", "password": "a-long-password"}
< 409
= {"code": "exists"}
> POST /api/v1/users
H: Content-Type: application/json
B: {"name": "boss", "role": "emperor", "password": "a-long-password"}
< 400
= {"code": "bad_role", "field": "role"}
> POST /api/v1/users
H: Content-Type: application/json
B: {"name": "shorty", "role": "viewer", "password": "short"}
< 400
= {"code": "weak_password", "field": "password"}
# Long enough is not enough: a dictionary word or a run of digits is refused too.
> POST /api/v1/users
H: Content-Type: application/json
B: {"name": "digits", "role": "viewer", "password": "12345678"}
< 400
= {"code": "weak_password", "field": "password"}
~ "message_th":"รหัสผ่านเดาง่ายเกินไป
> POST /api/v1/users
H: Content-Type: application/json
B: {"name": "worded", "role": "viewer", "password": "password"}
< 400
= {"code": "weak_password", "field": "password"}
> GET /api/v1/users
< 200
! "digits"|"worded"
> GET /api/v1/users
< 200
~ "name":"officer7503"
! pw_hash
> POST /api/v1/auth/login
H: Content-Type: application/json
B: {"name": "officer7503", "password": "a-long-password"}
< 200
= {"user": {"area": 7503}}
as: officer75
> POST /api/v1/users/officer7503/password
H: Content-Type: application/json
B: {"password": "taken-over-1"}
< 403
# Its own password: only with the current one (a token alone does not take the account).
> POST /api/v1/users/officer75/password
H: Content-Type: application/json
B: {"password": "officer75-new-secret"}
< 400
= {"code": "missing", "field": "current_password"}
> POST /api/v1/users/officer75/password
H: Content-Type: application/json
B: {"password": "officer75-new-secret", "current_password": "not-the-password"}
< 403
= {"code": "forbidden", "field": "current_password"}
> GET /api/v1/auth/me
< 200
> POST /api/v1/users/officer75/password
H: Content-Type: application/json
B: {"password": "password", "current_password": "officer75-secret"}
< 400
= {"code": "weak_password"}
> POST /api/v1/users/officer75/password
H: Content-Type: application/json
B: {"password": "officer75-new-secret", "current_password": "officer75-secret"}
< 204
# Its sessions ended with the change.
> GET /api/v1/auth/me
< 401
