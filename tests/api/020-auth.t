name: login, sessions by bearer token and cookie, logout, wrong passwords slowed then refused
> GET /api/v1/auth/me
< 401
= {"code": "unauthenticated"}
h: ^WWW-Authenticate: Bearer
> POST /api/v1/auth/login
H: Content-Type: application/json
B: {"name": "officer75", "password": "officer75-secret"}
< 200
= {"token_type": "Bearer", "user": {"name": "officer75", "role": "officer", "area": 75}}
h: ^Set-Cookie: s40_session=[A-Za-z0-9_-]{43}; Max-Age=[0-9]+; Path=/; HttpOnly; SameSite=Strict
! secret
save: TOKEN token
# The cookie works as the bearer token does.
> GET /api/v1/auth/me
H: Cookie: s40_session=${TOKEN}
< 200
= {"name": "officer75", "role": "officer", "offline_days": 7}
# Behind a TLS proxy the cookie is Secure.
> POST /api/v1/auth/login
H: Content-Type: application/json
H: X-Forwarded-Proto: https
B: {"name": "viewer", "password": "viewer-secret"}
< 200
h: ^Set-Cookie: .*; Secure
save: VTOKEN token
> POST /api/v1/auth/logout
H: Authorization: Bearer ${VTOKEN}
< 204
h: ^Set-Cookie: s40_session=; Max-Age=0
> GET /api/v1/auth/me
H: Authorization: Bearer ${VTOKEN}
< 401
= {"code": "unauthenticated"}
# A token of the wrong form, and a made-up one.
> GET /api/v1/auth/me
H: Authorization: Bearer x
< 401
> GET /api/v1/auth/me
H: Authorization: Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
< 401
# Unknown user and wrong password: the same answer.
> POST /api/v1/auth/login
H: Content-Type: application/json
B: {"name": "nobody", "password": "whatever-1"}
< 401
= {"code": "bad_login", "field": "password"}
> POST /api/v1/auth/login
H: Content-Type: application/json
B: {"name": "admin", "password": "wrong-one-1"}
< 401
= {"code": "bad_login"}
> POST /api/v1/auth/login
H: Content-Type: application/json
B: {"name": "admin", "password": "wrong-two-2"}
< 401
> POST /api/v1/auth/login
H: Content-Type: application/json
B: {"name": "admin", "password": "wrong-three-3"}
< 401
# Three failures of this name from this address: the next attempt from here must wait,
# even with the right password (tests/cmd/101-lockout.t: not from another address).
> POST /api/v1/auth/login
H: Content-Type: application/json
B: {"name": "admin", "password": "admin-secret"}
< 429
= {"code": "throttled", "status": 429}
h: ^Retry-After: [0-9]+
# Bad requests to login.
> POST /api/v1/auth/login
H: Content-Type: application/json
B: {"name": "admin"}
< 400
= {"code": "missing", "field": "password"}
> POST /api/v1/auth/login
H: Content-Type: application/json
B: {"name": "admin", "password": 12345678}
< 400
= {"code": "bad_value", "field": "password"}
