name: health, version, the OpenAPI document matches the routes, unknown routes and methods
> GET /api/v1/health
< 200
# the engine of the database the runner gave the server
= {"status": "ok", "db": "${ENGINE}", "schema": "*"}
h: ^Content-Type: application/json
> GET /api/v1/version
< 200
= {"name": "s40", "api": "v1"}
# The web application and its files, served without a login.
> GET /
< 200
h: ^Content-Type: text/html
~ <html
> GET /ui/app.css
< 200
h: ^Content-Type: text/css
> GET /ui/js/app.js
< 200
h: ^Content-Type: text/javascript
# The service worker controls the whole site: served from "/", its version first.
> GET /sw.js
< 200
h: ^Content-Type: text/javascript
h: ^Service-Worker-Allowed: /
h: ^Cache-Control: no-cache
~ ^const VERSION = '[0-9a-f]{12}';
> GET /ui/manifest.webmanifest
< 200
h: ^Content-Type: application/manifest\+json
~ "theme_color"
> GET /ui/icons/icon-192.png
< 200
h: ^Content-Type: image/png
> GET /ui/nothing.css
< 404
= {"code": "no_route", "message_en": "no file /ui/nothing.css"}
@openapi
> GET /api/v1/nothing-here
< 404
= {"type": "urn:s40:problem:no_route", "code": "no_route", "code_number": 154, "status": 404, "title": "*", "message_th": "*", "message_en": "*", "field": null}
> DELETE /api/v1/health
< 405
= {"code": "method"}
h: ^Allow: GET
> GET /api/v2/health
< 404
= {"code": "no_route"}
